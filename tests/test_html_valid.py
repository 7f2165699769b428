"""Valid HTML: the Nu HTML Checker finds no error in any built page, in any language.

One Java process checks every page (the checker is slow to start). Defects the
stack emits are fixed in _ext/portfolio/html_fixes.py and _templates/.
"""

import pytest
from gates import all_pages, vnu_errors
from helpers import LANGUAGES


@pytest.mark.slow  # a Java run of the validator
def test_every_page_is_valid_html(site):
    pages = all_pages(site, LANGUAGES)
    # Every language's pages and the root pages: nothing left out by accident.
    assert len(pages) >= 2 + 19 * len(LANGUAGES), pages
    errors = vnu_errors(site, pages)
    assert not errors, f"{len(errors)} Nu HTML Checker errors in {len(pages)} pages:\n" + "\n".join(errors)

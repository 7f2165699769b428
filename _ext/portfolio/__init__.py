"""Local Sphinx extension for the portfolio: each module has one job.

- languages: per-language base URL, hreflang alternates, language switcher
- owner: the owner's public details from _data/owner.toml
- js_catalog: search-page strings that Sphinx's own catalog leaves empty
"""

from . import js_catalog, languages, owner


def setup(app):
    languages.setup(app)
    owner.setup(app)
    js_catalog.setup(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

"""Accessibility: axe-core finds no violation on any page, in every language, in
light and dark mode. Every rule axe enables by default runs, best practices
included; a failure names the rule, its help URL and each element.
"""

import pytest
from gates import THEMES, axe_violations, new_context, pages_of, visit
from helpers import LANGUAGES, SOURCE


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("group", [*LANGUAGES, "root"])
def test_axe_finds_no_violation(browser, server, site, group, theme):
    pages = pages_of(site, group)
    assert pages, f"no pages in {group}"
    context = new_context(browser, theme)
    page = context.new_page()
    problems, checked = [], 0
    for path in pages:
        held = []
        if path == "index.html":
            # The language chooser sends the reader on at once (a script at the end
            # of the page): a "204 No Content" answer to that navigation keeps the page
            # for axe. (Playwright passes the request too when a handler takes two parameters.)
            page.route(f"{server}/{SOURCE}/index.html",
                       lambda route: (held.append(1), route.fulfill(status=204)))  # noqa: B023 (used within the iteration)
            # The page's own "load" never comes: the reader was already on the way.
            page.goto(f"{server}/{path}", wait_until="commit")
            page.locator("main ul a").last.wait_for(state="attached")
        else:
            visit(page, server, path)
        if path == "index.html":
            for _ in range(100):
                if held:
                    break
                page.wait_for_timeout(50)
            assert held, "the language chooser did not send the reader on"
            assert page.url == f"{server}/index.html", page.url
        theme_shown = page.evaluate("document.body.dataset.theme ?? null")
        # Furo's pages honour the reader's choice; the root page has no themes.
        assert theme_shown in (theme, None), f"{path}: theme {theme_shown!r}, expected {theme!r}"
        violations, best_practice_rules = axe_violations(page, f"{path} [{theme}]")
        assert best_practice_rules > 0, f"{path}: axe ran no best-practice rule"
        problems.extend(violations)
        checked += 1
        page.unroute_all()
    context.close()
    assert checked == len(pages)
    assert not problems, f"axe: {len(problems)} violations in {len(pages)} pages ({theme}):\n" + "\n".join(problems)

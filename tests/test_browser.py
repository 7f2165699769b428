"""The site in a real browser (Debian's Chromium), in every language, as readers use it:
the language switcher, the light/dark toggle, the navigation on a phone, the
keyboard, and nothing on any page that a reader should not get (console errors,
failed requests, requests to other hosts).

Each check is a function returning its problems, so tests/test_gates_fail.py
can show it failing on a deliberately broken copy of the site.
"""

import pytest
from gates import (
    PHONE,
    SETTLED,
    UTILITY_PAGES,
    Watch,
    language_pages,
    new_context,
    root_pages,
    visit,
    wait_for_search,
)
from helpers import LANGUAGES, SOURCE
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from portfolio.names import COLLECTIONS


def _path(url, base):
    return url.removeprefix(base + "/").split("#")[0].split("?")[0]


# -- Language switcher ----------------------------------------------------------------

def switcher_failures(page, base, pages, languages):
    """From every page, each other language's link lands on the same page in that language."""
    failures = []
    for path in pages:
        lang, rest = path.split("/", 1)
        for other in languages:
            if other == lang:
                continue
            visit(page, base, path)
            link = page.locator(f".language-switcher a[hreflang='{other}']")
            if link.count() != 1 or not link.is_visible():
                failures.append(f"{path}: no visible link to {other} in the language switcher")
                continue
            link.click()
            page.wait_for_load_state("load")
            landed = _path(page.url, base)
            shown_lang = page.evaluate("document.documentElement.lang")
            current = page.locator(".language-switcher [aria-current='page']")
            if landed != f"{other}/{rest}":
                failures.append(f"{path}: the {other} link lands on {landed}, expected {other}/{rest}")
            elif shown_lang != other or current.get_attribute("lang") != other:
                failures.append(f"{path}: {landed} says lang={shown_lang!r}, switcher marks "
                                f"{current.get_attribute('lang')!r} current")
    return failures


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_lands_on_the_same_page(browser, server, site, lang):
    context = new_context(browser)
    pages = language_pages(site, lang)
    failures = switcher_failures(context.new_page(), server, pages, LANGUAGES)
    context.close()
    assert len(pages) >= 19
    assert not failures, "\n".join(failures)


# -- Light / dark ---------------------------------------------------------------------

LUMINANCE = """() => {
    const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""


def theme_toggle_failures(page, base, path):
    """The visible toggle cycles auto → dark → light → auto (a light system), the
    colours follow, and the choice survives a reload."""
    failures = []
    visit(page, base, path)

    def state():
        return page.evaluate("document.body.dataset.theme"), page.evaluate(LUMINANCE)

    theme, luminance = state()
    if theme != "auto" or luminance < 0.5:
        failures.append(f"{path}: starts as {theme!r} with background luminance {luminance:.2f}, "
                        "expected auto and light")
    for expected, dark in (("dark", True), ("light", False), ("auto", False)):
        toggle = page.locator("button.theme-toggle:visible")
        if toggle.count() != 1:
            return failures + [f"{path}: {toggle.count()} visible theme toggles, expected 1"]
        toggle.click()
        theme, luminance = state()
        if theme != expected or (luminance < 0.5) != dark:
            failures.append(f"{path}: after a click the theme is {theme!r} (background luminance "
                            f"{luminance:.2f}), expected {expected} ({'dark' if dark else 'light'})")
        if expected == "dark":
            page.reload(wait_until="load")
            theme, luminance = state()
            if theme != "dark" or luminance >= 0.5:
                failures.append(f"{path}: dark is not kept after a reload ({theme!r}, {luminance:.2f})")
    return failures


@pytest.mark.parametrize("lang", LANGUAGES)
def test_light_dark_toggle(browser, server, lang):
    context = new_context(browser)
    failures = theme_toggle_failures(context.new_page(), server, f"{lang}/index.html")
    context.close()
    assert not failures, "\n".join(failures)


# -- Navigation on a phone -------------------------------------------------------------

FIND_LINK = """([target]) => {
    const links = [...document.querySelectorAll('.sidebar-drawer a[href]')];
    return links.findIndex(a => new URL(a.href).pathname === target);
}"""
CLOSED_SECTIONS = """([index]) => {
    // The collapsed sections around a link, outermost first: the reader expands them.
    const link = document.querySelectorAll('.sidebar-drawer a[href]')[index];
    const ids = [];
    for (let li = link.closest('li')?.parentElement.closest('li'); li; li = li.parentElement.closest('li')) {
        const box = li.querySelector(':scope > input.toctree-checkbox');
        if (box && !box.checked) ids.push(box.id);
    }
    return ids.reverse();
}"""


def in_viewport(locator, width):
    box = locator.bounding_box()
    return bool(box) and box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= width + 1


def mobile_navigation_failures(page, base, lang, targets):
    """At 375 px, from page to page: open the menu, expand a section if needed, follow
    the link. Every target page must be reached this way."""
    failures, reached = [], set()
    here, fresh = f"{lang}/index.html", False
    for target in targets:
        if not fresh:  # a page just reached by its link is fresh already: the menu closed
            visit(page, base, here)
        fresh = False
        menu = page.locator("label.nav-overlay-icon")
        drawer_link = page.locator(".sidebar-drawer a.sidebar-brand")
        if in_viewport(drawer_link, PHONE["width"]):
            failures.append(f"{here}: the navigation is open before the menu is tapped")
        if not menu.is_visible():
            failures.append(f"{here}: no visible menu button at {PHONE['width']} px")
            break
        menu.click()
        index = page.evaluate(FIND_LINK, [f"/{target}"])
        if index < 0:
            failures.append(f"{here}: the navigation has no link to {target}")
            continue
        for box_id in page.evaluate(CLOSED_SECTIONS, [index]):
            page.locator(f"label[for='{box_id}']").click()
        link = page.locator(".sidebar-drawer a[href]").nth(index)
        link.wait_for(state="visible", timeout=5000)
        page.evaluate(SETTLED)  # the drawer slides in
        if not in_viewport(link, PHONE["width"]):
            failures.append(f"{here}: the link to {target} is not on screen after opening the menu")
            continue
        link.click()
        page.wait_for_load_state("load")
        landed = _path(page.url, base)
        if landed != target:
            failures.append(f"{here}: the link to {target} lands on {landed}")
            continue
        reached.add(target)
        here, fresh = target, True
    missing = sorted(set(targets) - reached)
    if missing:
        failures.append(f"not reachable from the navigation at {PHONE['width']} px: {', '.join(missing)}")
    return failures


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_is_reachable_from_the_phone_navigation(browser, server, site, lang):
    # A collection's posts are listed on its index, not in the navigation (they accumulate).
    targets = [p for p in language_pages(site, lang) if p.split("/", 1)[1] not in UTILITY_PAGES
               and not any(p.startswith(f"{lang}/{name}/") and not p.endswith("/index.html") for name in COLLECTIONS)]
    # Start from a page that is not home, so home itself is a target too.
    targets = targets[1:] + targets[:1] if targets[0] == f"{lang}/index.html" else targets
    context = new_context(browser, viewport=PHONE)
    failures = mobile_navigation_failures(context.new_page(), server, lang, targets)
    context.close()
    assert len(targets) >= 15
    assert not failures, "\n".join(failures)


# -- Keyboard ---------------------------------------------------------------------------

FOCUSED = """() => {
    const el = document.activeElement;
    return {tag: el.tagName.toLowerCase(), cls: el.className, inMain: !!el.closest('#furo-main-content'),
            visible: el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0};
}"""


def keyboard_failures(page, base, path, query, expected):
    """Tab once: a visible "skip to content" link; Enter: focus moves into the content.
    From the top, Tab reaches the search box; typing and Enter finds the expected page."""
    failures = []
    visit(page, base, path)
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    if "skip-to-content" not in focused["cls"] or not focused["visible"]:
        failures.append(f"{path}: the first Tab focuses {focused['tag']}.{focused['cls']!r}, "
                        "not a visible skip-to-content link")
    else:
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if not page.url.endswith("#furo-main-content") or not focused["inMain"]:
            failures.append(f"{path}: after skipping to the content, Tab focuses "
                            f"{focused['tag']}.{focused['cls']!r} outside the main content")
    visit(page, base, path)
    for presses in range(1, 31):  # noqa: B007 (reported below)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input.sidebar-search')"):
            break
    else:
        return failures + [f"{path}: 30 Tab presses never reach the search box"]
    page.keyboard.type(query)
    wait_for_search(page, query)
    page.keyboard.press("ArrowDown")  # the first result, opened with Enter
    with page.expect_navigation():
        page.keyboard.press("Enter")
    lands = page.url.removeprefix(f"{base}/").split("#")[0]
    if lands != f"{path.split('/')[0]}/{expected}.html":
        failures.append(f"{path}: a keyboard search for {query!r} (after {presses} Tabs) opens {lands}, "
                        f"expected {expected}")
    return failures


@pytest.mark.parametrize("lang", LANGUAGES)
def test_keyboard_user_skips_to_content_and_reaches_search(browser, server, lang):
    context = new_context(browser)
    failures = keyboard_failures(context.new_page(), server, f"{lang}/casos/serving-gnn.html",
                                 "guardrails", "casos/guardrails-plataforma")
    context.close()
    assert not failures, "\n".join(failures)


# -- Nothing behind the reader's back ---------------------------------------------------

def network_failures(context, base, paths):
    """Visit each page; every console error, failed request and off-site request."""
    watch = Watch(context, base)
    page = context.new_page()
    for path in paths:
        visit(page, base, path, watch)
        if path == "index.html":  # the language chooser sends the reader on
            page.wait_for_url(f"{base}/{SOURCE}/index.html")
        elif path.endswith("/search.html"):
            # The search page loads its index and runs a query.
            visit(page, base, f"{path}?q=rollback", watch)
            wait_for_search(page, "rollback")
    page.close()
    return watch.problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_console_error_failed_or_off_site_request(browser, server, site, lang):
    paths = language_pages(site, lang) + (root_pages(site) if lang == SOURCE else [])
    context = new_context(browser, "dark" if lang != SOURCE else None)
    problems = network_failures(context, server, paths)
    context.close()
    assert len(paths) >= 19
    assert not problems, "\n".join(problems)


def test_favicon_ico_at_the_site_root(browser, server):
    """Browsers and crawlers ask for /favicon.ico whatever the page says."""
    context = new_context(browser)
    response = context.request.get(f"{server}/favicon.ico")
    body = response.body()
    context.close()
    assert response.status == 200
    assert body[:4] == b"\x00\x00\x01\x00", "not an ICO file"
    assert b"\x89PNG" in body[:64]


# -- The reader's language at the root ----------------------------------------------------

@pytest.mark.parametrize("locale, lands_in", [("en-US", "en"), ("es-MX", "es"), ("fr-FR", SOURCE)])
def test_the_root_opens_the_language_the_browser_prefers(browser, server, locale, lands_in):
    context = new_context(browser, locale=locale)
    page = context.new_page()
    page.goto(f"{server}/")
    page.wait_for_url(f"{server}/{lands_in}/index.html")
    context.close()


def test_the_root_honours_the_language_chosen_with_the_switcher(browser, server):
    context = new_context(browser, locale="en-US")
    page = context.new_page()
    visit(page, server, "en/casos/serving-gnn.html")
    page.locator(f".language-switcher a[hreflang='{SOURCE}']").click()
    page.wait_for_url(f"{server}/{SOURCE}/casos/serving-gnn.html")
    page.goto(f"{server}/")
    page.wait_for_url(f"{server}/{SOURCE}/index.html")
    context.close()


def test_without_javascript_the_root_links_every_language(browser, server):
    context = browser.new_context(java_script_enabled=False, locale="en-US")
    page = context.new_page()
    page.goto(f"{server}/")
    page.wait_for_timeout(500)
    assert page.url == f"{server}/", "without JavaScript the reader chooses"
    for lang in LANGUAGES:
        link = page.locator(f"main a[hreflang='{lang}']")
        assert link.is_visible() and link.get_attribute("href") == f"{lang}/index.html"
    # As a link preview shows it: each language's home heading, as text.
    homes = []
    for lang in LANGUAGES:
        home = context.new_page()
        home.goto(f"{server}/{lang}/index.html")
        homes.append(home.locator("article h1").inner_text().removesuffix("#").strip())
    assert page.title() == " · ".join(homes), page.title()
    assert page.locator("h1").inner_text() == " · ".join(homes)
    assert "<" not in page.title() and "<" not in page.locator("h1").inner_text()
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_a_phone_the_other_language_is_one_tap_away(browser, server, lang):
    context = new_context(browser, viewport=PHONE)
    page = context.new_page()
    visit(page, server, f"{lang}/casos/serving-gnn.html")
    for other in LANGUAGES:
        if other == lang:
            continue
        link = page.locator(f".mobile-header a[hreflang='{other}']")
        assert link.is_visible(), f"{lang}: no {other} link in the phone's header"
        link.click()
        page.wait_for_url(f"{server}/{other}/casos/serving-gnn.html")
        visit(page, server, f"{lang}/casos/serving-gnn.html")
    context.close()


# -- Light to load ----------------------------------------------------------------------

FIRST_LOAD_BUDGET = 80 * 1024
LIGHTHOUSE_PHONE = {"width": 412, "height": 823}  # the viewport Lighthouse's mobile audit uses


def first_load(browser, url):
    """{url: bytes} of everything a page loads before the reader scrolls, from a cold cache."""
    context = new_context(browser, viewport=LIGHTHOUSE_PHONE)
    loaded = {}
    page = context.new_page()
    page.on("requestfinished", lambda request: loaded.__setitem__(request.url, request.sizes()["responseBodySize"]))
    page.goto(url, wait_until="networkidle")
    context.close()
    return loaded


def test_home_and_case_studies_load_within_budget(browser, server, site):
    rows, over = [], []
    for lang in LANGUAGES:
        paths = ["index.html", *sorted(f"casos/{p.name}" for p in (site / lang / "casos").glob("*.html")
                                       if p.name != "index.html")]
        for path in paths:
            loaded = first_load(browser, f"{server}/{lang}/{path}")
            total = sum(loaded.values())
            rows.append(f"{lang}/{path}: {total / 1024:.1f} KiB in {len(loaded)} requests")
            if total > FIRST_LOAD_BUDGET:
                over.append(rows[-1] + "".join(f"\n    {size / 1024:.1f} KiB {url}" for url, size in loaded.items()))
    print("\nFirst load (served as `make serve` serves it):\n" + "\n".join(rows))
    assert len(rows) == 6 * len(LANGUAGES), rows  # the home page and five case studies per language
    assert not over, "over 80 KiB on first load:\n" + "\n".join(over)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_diagrams_load_when_reached_and_stay_legible_on_a_phone(browser, server, site, lang):
    context = new_context(browser, viewport=PHONE)
    page = context.new_page()
    problems = []
    for drawing in sorted((site / lang / "casos").glob("*.html")):
        if drawing.name == "index.html":
            continue
        visit(page, server, f"{lang}/casos/{drawing.name}")
        image = page.locator("figure.diagram img.only-light")
        if image.evaluate("img => img.complete && img.naturalWidth > 0"):
            problems.append(f"{drawing.name}: the diagram loaded before the reader reached it")
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        shown, natural = image.evaluate("img => [img.getBoundingClientRect().width, img.naturalWidth]")
        if shown < natural - 0.5:
            problems.append(f"{drawing.name}: drawn at {shown:.0f}px of {natural}px: its labels shrink")
        canvas = page.locator("figure.diagram .diagram-canvas")
        canvas.focus()
        if canvas.evaluate("el => el.scrollWidth > el.clientWidth"):
            if not shadows_become(page, DIAGRAM_FRAME, "only-after"):
                problems.append(f"{drawing.name}: no shadow says the diagram goes on to the right")
            page.keyboard.press("ArrowRight")
            try:  # scrolling by key may be animated
                page.wait_for_function("el => el.scrollLeft > 0", arg=canvas.element_handle(), timeout=2000)
            except PlaywrightTimeout:
                problems.append(f"{drawing.name}: the keyboard does not scroll the diagram")
            canvas.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
            if not shadows_become(page, DIAGRAM_FRAME, "only-before"):
                problems.append(f"{drawing.name}: scrolled to its end, the shadows do not say where the rest is")
    # On a desktop the diagram fits its column: nothing to scroll, no shadow.
    page.set_viewport_size({"width": 1280, "height": 800})
    if not shadows_become(page, DIAGRAM_FRAME, "none"):
        problems.append("a diagram that fits shows a shadow")
    context.close()
    assert not problems, "\n".join(problems)


DIAGRAM_FRAME = "figure.diagram .scroll-frame"


def shadows_become(page, frame, state, timeout=2000):
    """Whether the shadows of a scrolling region (its frame's ::before on the left, ::after on
    the right) come to show only on the left, only on the right, or none; they follow the scroll."""
    expected = {"only-before": [1, 0], "only-after": [0, 1], "none": [0, 0]}[state]
    try:
        page.wait_for_function(
            """([selector, expected]) => {
                const frame = document.querySelector(selector);
                const shown = ["::before", "::after"].map(p => Number(getComputedStyle(frame, p).opacity));
                return shown.every((opacity, i) => Math.abs(opacity - expected[i]) < 0.05);
            }""", arg=[frame, expected], timeout=timeout)
    except PlaywrightTimeout:
        return False
    return True


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_principles_matrix_scrolls_whole_by_keyboard_on_a_phone(browser, server, lang):
    """The matrix is wider than a phone: its region (what the keyboard reaches) scrolls to the
    last case study's column, with a shadow where more of it lies; on a desktop it fits."""
    context = new_context(browser, viewport=PHONE)
    page = context.new_page()
    visit(page, server, f"{lang}/principios/index.html")
    region = page.locator(".scroll-region")
    frame = ".scroll-frame:has(> .scroll-region)"
    scrolls_whole = "el => el.scrollWidth >= el.querySelector('table').scrollWidth && el.scrollWidth > el.clientWidth"
    assert region.evaluate(scrolls_whole), \
        "the region does not scroll the whole matrix (something inside it scrolls, out of the keyboard's reach)"
    assert shadows_become(page, frame, "only-after"), "no shadow says the matrix goes on to the right"
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle(), timeout=2000)
    region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    last = page.locator(".scroll-region thead th").last.evaluate(
        "th => [th.getBoundingClientRect().right, th.closest('.scroll-region').getBoundingClientRect().right]")
    assert last[0] <= last[1] + 1, f"the last column ends at {last[0]:.0f}px, beyond the region ({last[1]:.0f}px)"
    assert shadows_become(page, frame, "only-before"), "at the end, the shadow is not on the left alone"
    page.set_viewport_size({"width": 1280, "height": 800})
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth"), "the matrix does not fit a desktop"
    assert shadows_become(page, frame, "none")
    context.close()

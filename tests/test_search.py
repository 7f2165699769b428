"""The site search (Pagefind, _ext/portfolio/search_index.py; _static/search.js), as readers use it.

- The index: one per language, the article body only, the card grids and lists
  that summarize other pages left out, headings that carry their section's id.
- Relevance: tests/search_queries.toml, queries as readers type them, each with
  the page that should come first. Every query finds something; top-1 ≥ 95% and
  top-3 100% per language; top-1, top-3 and the mean reciprocal rank are
  reported at the end of the run.
- Readers' words (_data/glossary.toml → <lang>/_static/search-help.json): every
  form the glossary avoids and every reader's word finds the pages of what it means.
- The reader's side: results as you type from any page, keyboard, the deep link
  search.html?q=, bad input, no empty answer, a result that lands on its words,
  and nothing loaded before the search is used.
"""

import copy
import gzip
import json
import re
import shutil
import statistics
import tomllib
from urllib.parse import unquote

import pytest
from gates import (
    DESKTOP,
    PHONE,
    THEMES,
    Watch,
    axe_violations,
    new_context,
    search,
    search_results,
    visit,
    vnu_errors,
    wait_for_search,
)
from helpers import LANGUAGES, ROOT, report
from playwright.sync_api import expect
from portfolio import search_index
from portfolio.data import load
from portfolio.search import plain
from portfolio_tools.audit import serving

SUITE = tomllib.loads((ROOT / "tests" / "search_queries.toml").read_text(encoding="utf-8"))
TOP1, TOP3 = 0.95, 1.00
LANDED = 0.98  # section links whose text fragment lands in their section
ON_THE_WORDS = 0.95  # of them, those whose fragment is found there (the others land on the section's heading)
READERS_WORDS = 20  # queries of kind "reader" a language, at least
CONTENT_PAGES = 24  # every page but the search and 404 pages


def page_of(href):
    """'/es/casos/serving-gnn.html#x:~:text=y' → 'casos/serving-gnn' (the language folder dropped)."""
    path = href.split("#")[0].split("?")[0].removesuffix(".html")
    return path.split("/", 2)[2] if path.count("/") >= 2 else path.lstrip("/")


def fragments(site, lang):
    """Pagefind's record of each indexed page: {page: {"content", "title", "anchors"}}."""
    records = {}
    for path in (site / lang / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        records[data["url"].removeprefix("/").removesuffix(".html")] = {
            "content": data["content"], "title": data["meta"]["title"], "anchors": data["anchors"]}
    return records


# -- The index ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_index_of_its_articles(site, pages, lang):
    entry = json.loads((site / lang / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {lang}, entry["languages"]
    records = fragments(site, lang)
    expected = {path.removesuffix(".html") for path in pages[lang] if path != "404.html"}
    assert set(records) == expected and len(records) == CONTENT_PAGES, set(records) ^ expected
    assert not (site / lang / "searchindex.js").exists(), "Sphinx's search index is still built"
    for name, record in records.items():
        soup = pages[lang][f"{name}.html"]
        h1 = soup.select_one("article h1")
        title = h1.get_text(" ", strip=True).removesuffix("#").strip()
        assert record["title"] == title, f"{lang}/{name}: title {record['title']!r}"
        # The article alone: it opens with the page's heading, with no permalink mark,
        # and nothing of the sidebars, the navigation or the footer.
        assert record["content"].startswith(title), f"{lang}/{name}: {record['content'][:80]!r}"
        assert " # " not in record["content"] and not record["content"].rstrip().endswith("#")
        for outside in soup.select(".sidebar-drawer, .toc-drawer, footer, .mobile-header"):
            for link in outside.select("a"):
                text = link.get_text(" ", strip=True)
                if len(text) > 25 and text not in soup.select_one("article").get_text(" ", strip=True):
                    assert text not in record["content"], f"{lang}/{name}: indexes {text!r}"


def test_a_site_with_no_marked_article_stops_the_build(site, tmp_path):
    """Without `data-pagefind-body` Pagefind would index whole pages, menus and all: the stage stops."""
    folder = tmp_path / "es"
    shutil.copytree(site / "es", folder, ignore=shutil.ignore_patterns("pagefind"))
    for page in folder.rglob("*.html"):
        page.write_text(page.read_text(encoding="utf-8").replace(" data-pagefind-body", ""), encoding="utf-8")
    with pytest.raises(search_index.SearchIndexError, match=rf"^{re.escape(str(folder))}: .*no marked article"):
        search_index.index(folder)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_summaries_of_other_pages_are_left_out(site, pages, lang):
    """The card grids and generated lists (.no-search) would make a summary outrank its page."""
    records = fragments(site, lang)
    checked = 0
    for name, record in records.items():
        article = copy.copy(pages[lang][f"{name}.html"].select_one("article"))
        summaries = article.select(".no-search")
        for summary in summaries:
            summary.extract()
        rest = article.get_text(" ", strip=True)  # what the page says itself
        for summary in summaries:
            for item in summary.select("p, li, td"):
                text = item.get_text(" ", strip=True)
                if len(text) > 30 and text not in rest:
                    assert text not in record["content"], f"{lang}/{name}: indexes the summary {text[:60]!r}"
                    checked += 1
    assert checked >= 20, checked


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_section_heading_carries_its_id(pages, lang):
    """Pagefind links a result to a section only through an id on the heading itself."""
    for path, soup in pages[lang].items():
        article = soup.select_one("article")
        assert not article.select("section[id]"), f"{lang}/{path}: a section keeps its id"
        for heading in article.select("h1, h2, h3, h4"):
            assert heading.get("id"), f"{lang}/{path}: {heading.get_text(strip=True)!r} has no id"
            permalink = heading.select_one("a.headerlink")
            assert permalink is None or permalink["href"].lstrip("#") in {heading["id"], *[
                span["id"] for span in heading.find_previous_siblings("span", id=True)]}, f"{lang}/{path}"


# -- Relevance ---------------------------------------------------------------------------

def test_the_suite_is_written_as_readers_search(pages):
    """At least 60 queries a language, none copied from a heading, every page a right answer somewhere."""
    for lang in LANGUAGES:
        cases = SUITE[lang]
        assert len(cases) >= 60, f"{lang}: {len(cases)} queries"
        headings = {h.get_text(" ", strip=True).removesuffix("#").strip().lower()
                    for soup in pages[lang].values() for h in soup.select("article h1, article h2, article h3")}
        copied = [c["q"] for c in cases if c["q"].lower() in headings]
        assert not copied, f"{lang}: queries copied from headings: {copied}"
        wanted = {c["want"] for c in cases}
        assert all(f"{w}.html" in pages[lang] for w in wanted), wanted - {p[:-5] for p in pages[lang]}
        kinds = {c["kind"] for c in cases}
        assert {"typo", "inflection", "synonym", "phrase", "reader"} <= kinds, kinds
        readers = sum(c["kind"] == "reader" for c in cases)
        assert readers >= READERS_WORDS, f"{lang}: {readers} queries in readers' words"


def relevance(page, base, lang, cases):
    """Run every query on the search page: the rank of the first right answer of each
    (None if not listed), the queries that found nothing at all, and every link listed that
    carries a text fragment."""
    page.goto(f"{base}/{lang}/search.html")
    page.locator(".search-page .search-input").focus()
    ranks, empty, links = [], [], {}
    for case in cases:
        results = search(page, case["q"])
        listed = [page_of(r["href"]) for r in results]
        right = {case["want"], *case.get("also", [])}
        ranks.append(next((i for i, found in enumerate(listed, 1) if found in right), None))
        if not listed:
            empty.append(case["q"])
        for link in (href for r in results for href in [r["href"], *r["sections"]] if ":~:text=" in href):
            links.setdefault(link, case["q"])
    return ranks, empty, links


def fragment(link):
    """(page path, section id, before, words, after) of a link with a text fragment:
    #id:~:text=before-,words,-after, the context optional; "-" and "," inside are %-encoded."""
    path, _, rest = link.partition("#")
    anchor, directive = rest.split(":~:text=")
    before, _, rest = directive.rpartition("-,")
    words, _, after = rest.partition(",-")
    return path, anchor, unquote(before), unquote(words), unquote(after)


# Where the browser's first match of each text fragment stands (the text directive's
# algorithm: visible text in document order, case-insensitive, whole words, the context
# next to the words): inside the section the link names, elsewhere, or nowhere (then the
# browser goes to the section itself).
LANDS = r"""(links) => {
    const owners = [];
    let text = "";
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent.checkVisibility() || parent.closest("script, style")) continue;
        const part = node.data.replace(/\s+/g, " ");
        text += part;
        for (let i = 0; i < part.length; i++) owners.push(node);
    }
    const pattern = (words) => words.trim().split(/\s+/)
        .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+");
    return links.map(([anchor, before, words, after]) => {
        const found = new RegExp("(?<![\\p{L}\\p{N}])" + (before ? `(${pattern(before)}\\s+)` : "()")
            + pattern(words) + (after ? "\\s+" + pattern(after) : "") + "(?![\\p{L}\\p{N}])", "iu").exec(text);
        if (!found) return "nowhere";
        const section = document.getElementById(anchor);
        const where = section?.closest("section") ?? section;
        return where?.contains(owners[found.index + found[1].length]) ? "section" : "elsewhere";
    });
}"""


def scores(ranks):
    n = len(ranks)
    return {"top1": sum(r == 1 for r in ranks) / n, "top3": sum(r is not None and r <= 3 for r in ranks) / n,
            "mrr": sum(1 / r for r in ranks if r) / n}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_answering_page_comes_first(browser, server, lang):
    context = new_context(browser)
    page = context.new_page()
    cases = SUITE[lang]
    ranks, empty, links = relevance(page, server, lang, cases)
    landings = where_links_land(page, server, links)
    context.close()
    misses = [f"  {c['q']!r}: {c['want']} ranked {r or 'nowhere'}" for c, r in zip(cases, ranks, strict=True) if r != 1]
    lines = []
    for label, kept in (("all", cases), ("readers' words", [c for c in cases if c["kind"] == "reader"])):
        score = scores([r for c, r in zip(cases, ranks, strict=True) if c in kept])
        lines.append(f"{lang} ({label}): {len(kept)} queries · top-1 {score['top1']:.1%} · "
                     f"top-3 {score['top3']:.1%} · MRR {score['mrr']:.3f}")
    astray = [f"  {query!r}: {link}" for link, (query, landed) in landings.items() if landed == "elsewhere"]
    landed = 1 - len(astray) / len(landings)
    on_the_words = sum(where == "section" for _, where in landings.values()) / len(landings)
    lines.append(f"{lang}: {len(landings)} section links; {landed:.1%} land in their section, "
                 f"{on_the_words:.1%} on the words found")
    report(f"search-relevance-{lang}", "\n".join(lines + misses + astray))
    assert not empty, f"{lang}: found nothing for {empty}"
    score = scores(ranks)
    assert score["top1"] >= TOP1 and score["top3"] >= TOP3, "\n".join(misses)
    assert landed >= LANDED, "links that land outside their section:\n" + "\n".join(astray)
    assert on_the_words >= ON_THE_WORDS, f"{lang}: {on_the_words:.1%} of the section links land on their words"


def where_links_land(page, base, links):
    """{link to a section with a text fragment: (its query, where the browser lands)}."""
    landings, by_page = {}, {}
    for link, query in links.items():
        path, anchor, before, words, after = fragment(link)
        if anchor:  # a page's own link (no section) lands at the top when the words are not found
            by_page.setdefault(path, []).append((link, query, [anchor, before, words, after]))
    for path, entries in by_page.items():
        page.goto(f"{base}{path}")
        for (link, query, _), landed in zip(entries, page.evaluate(LANDS, [e[2] for e in entries]), strict=True):
            landings[link] = (query, landed)
    return landings


def readers_words(site, lang):
    """{form a reader types: what the pages say}, as the build wrote them for the search box."""
    words = json.loads((site / lang / "_static" / "search-help.json").read_text(encoding="utf-8"))["words"]
    return {form: means for form, means in words.items() if form != plain(means)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_readers_words_find_the_pages_of_what_they_mean(site, browser, server, lang):
    """Each form the glossary avoids, and each reader's word, lists the pages its meaning lists."""
    words = readers_words(site, lang)
    assert len(words) >= {"es": 60, "en": 20}.get(lang, 0), f"{lang}: {len(words)} readers' words"
    context = new_context(browser)
    page = context.new_page()
    visit(page, server, f"{lang}/search.html")
    page.locator(".search-page .search-input").focus()
    failures = []
    box = page.locator(".search-page .search-input")
    for form, means in words.items():
        expected = [r["href"] for r in search(page, means)]
        box.fill("")  # one status line could name both: wait for this one to go
        expect(page.locator(".search-status")).to_have_text("")
        found = [r["href"] for r in search(page, form)]
        if not found or found != expected:
            failures.append(f"{form!r} lists {[page_of(h) for h in found]}; {means!r} lists "
                            f"{[page_of(h) for h in expected]}")
    context.close()
    assert not failures, "\n".join(failures)


# -- The reader's side -------------------------------------------------------------------

QUERY = {"es": "kill switch", "en": "kill switch"}
SEARCH_FILES = re.compile(r"/(pagefind/|_static/search(\.js|-engine\.js|\.css|-help\.json))")


def requested(page, pattern=SEARCH_FILES):
    urls = []
    page.on("request", lambda request: pattern.search(request.url) and urls.append(request.url))
    return urls


def focused(page):
    return page.evaluate("document.activeElement.className + ' ' + (document.activeElement.getAttribute('href') || '')")


def article_box(page):
    return page.evaluate("JSON.stringify([scrollY, document.querySelector('article').getBoundingClientRect()])")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_results_as_you_type_from_any_page_by_keyboard(browser, server, lang):
    context = new_context(browser)
    watch = Watch(context, server)
    page = context.new_page()
    loaded = requested(page)
    for path in ("index.html", "casos/serving-gnn.html"):
        visit(page, server, f"{lang}/{path}", watch)
    assert not loaded, f"the first load of a page fetched search files: {loaded}"
    before = article_box(page)

    with page.expect_request(lambda request: "pagefind/pagefind.js" in request.url):
        page.locator(".sidebar-search").focus()  # the first focus loads the search, nothing shows yet
    assert not page.locator(".search-dialog[open]").count()
    page.keyboard.type(QUERY[lang])  # typed in the sidebar box: the dialog takes over, with what was typed
    wait_for_search(page, QUERY[lang])
    dialog = page.locator(".search-dialog")
    assert dialog.evaluate("d => d.open") and focused(page).startswith("search-input")
    assert page.locator(".search-dialog input").input_value() == QUERY[lang]
    status = page.locator(".search-dialog [role=status]")
    assert re.match(r"^\d+ ", status.inner_text()), status.inner_text()
    results = search_results(page)
    assert page_of(results[0]["href"]) == "playbooks/preparacion-rollback", results
    assert article_box(page) == before, "the page behind the search moved"

    links = [results[0]["href"], *results[0]["sections"], results[1]["href"]]
    for link in links:  # ↓ walks the result links in order
        page.keyboard.press("ArrowDown")
        assert focused(page).endswith(link), (focused(page), link)
    for _ in links:
        page.keyboard.press("ArrowUp")
    assert focused(page).startswith("search-input")
    page.keyboard.press("Escape")  # closes, and the reader is back where they were
    assert not dialog.evaluate("d => d.open")
    assert "sidebar-search" in focused(page)

    for shortcut in ("/", "Control+k"):
        page.locator("article p").first.click()
        page.keyboard.press(shortcut)
        dialog.locator("input:focus").wait_for()
        page.keyboard.press("Escape")
    page.keyboard.press("Control+k")
    page.keyboard.type(QUERY[lang])
    wait_for_search(page, QUERY[lang])
    page.keyboard.press("Enter")  # in the box: the first result
    page.wait_for_url(f"**{results[0]['href']}")
    context.close()
    assert not watch.problems, "\n".join(watch.problems)


def test_words_typed_right_after_the_shortcut_are_kept(browser, server):
    """Ctrl+K, then the words at once, before the search has loaded: none is lost."""
    context = new_context(browser)
    page = context.new_page()
    visit(page, server, "es/principios/contratos.html")
    page.keyboard.press("Control+k")
    page.keyboard.type(QUERY["es"])
    wait_for_search(page, QUERY["es"])
    assert page.locator(".search-dialog input").input_value() == QUERY["es"]
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_header_opens_the_search(browser, server, lang):
    context = new_context(browser, viewport=PHONE)
    watch = Watch(context, server)
    page = context.new_page()
    visit(page, server, f"{lang}/principios/contratos.html", watch)
    page.locator(".mobile-header .header-search").click()
    page.locator(".search-dialog input:focus").wait_for()
    results = search(page, QUERY[lang])
    assert page_of(results[0]["href"]) == "playbooks/preparacion-rollback"
    width = page.evaluate("document.querySelector('.search-dialog').getBoundingClientRect().width")
    assert width <= PHONE["width"], width
    page.locator(".search-close").click()
    assert not page.locator(".search-dialog[open]").count()
    context.close()
    assert not watch.problems, "\n".join(watch.problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_deep_link_lists_ranked_results_with_their_sections(browser, server, pages, lang):
    context = new_context(browser)
    watch = Watch(context, server)
    page = context.new_page()
    visit(page, server, f"{lang}/search.html?q=kill%20switch", watch)
    wait_for_search(page, QUERY[lang])
    assert page.locator(".search-page .search-input").input_value() == QUERY[lang]
    results = search_results(page)
    assert page_of(results[0]["href"]) == "playbooks/preparacion-rollback"
    for result in results:
        target = pages[lang][f"{page_of(result['href'])}.html"]
        assert result["title"] == target.h1.get_text(" ", strip=True).removesuffix("#").strip()
        assert 1 <= len(result["sections"]) <= 3 or not target.select("article h2"), result
        for section in result["sections"]:
            anchor = section.split("#")[1].split(":~:")[0]
            assert page_of(section) == page_of(result["href"])
            assert target.select_one(f"article :is(h2, h3, h4)[id='{anchor}']"), section
    assert page.locator(".search-result mark").count() >= len(results), "no searched word highlighted"
    # Typing keeps the deep link in step with the box; more results on demand.
    page.locator(".search-page .search-input").fill("rollback")
    wait_for_search(page, "rollback")
    assert page.url.endswith("search.html?q=rollback"), page.url
    shown = page.locator(".search-result").count()
    page.locator(".search-more").click()
    page.locator(".search-result").nth(shown).wait_for()
    context.close()
    assert not watch.problems, "\n".join(watch.problems)


def test_the_search_page_readies_the_engine_while_it_loads(browser, server):
    """Opened with ?q=, the search page sets the engine up from its head, not after its own scripts
    ran: with the script that loads the box's code held back, the engine and readers' words arrive."""
    context = new_context(browser)
    page = context.new_page()
    loaded = requested(page)
    page.route("**/_static/search-loader.js*", lambda route: route.abort())
    with page.expect_response(lambda response: "/pagefind/wasm." in response.url):
        page.goto(f"{server}/{LANGUAGES[0]}/search.html?q=rollback")
    page.wait_for_load_state("load")
    context.close()
    assert any(url.endswith("/_static/search-help.json") for url in loaded), loaded
    assert not any(url.endswith("/_static/search.js") for url in loaded), "the box's code loaded all the same"


NO_RESULTS = {"es": "No hay resultados para", "en": "No results for"}
MISSPELT = {"es": ("incrmentalidad", "incrementalidad"), "en": ("obsrvability", "observability")}
HOSTILE = ['<script>window.pwned = 1</script>', '<img src=x onerror="window.pwned = 1">']


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bad_input_is_searched_as_text(browser, server, pages, lang):
    context = new_context(browser)
    watch = Watch(context, server)
    page = context.new_page()
    visit(page, server, f"{lang}/search.html", watch)
    box = page.locator(".search-page .search-input")
    box.focus()
    areas = {area.page for area in load(ROOT).areas}
    for query in ["zzqxv", "?!.,;:()"]:
        assert search(page, query) == [], query
        status = page.locator(".search-status").inner_text()
        assert status.startswith(NO_RESULTS[lang]) and query in status, status
        # Never a blank panel: the impact areas are offered, by their titles, reachable by keyboard.
        offered = page.locator(".search-suggest a:visible")
        assert {page_of(a.get_attribute("href")) for a in offered.all()} == areas
        for link in offered.all():
            target = pages[lang][f"{page_of(link.get_attribute('href'))}.html"]
            assert link.inner_text() == target.h1.get_text(" ", strip=True).removesuffix("#").strip()
        page.keyboard.press("ArrowDown")
        assert focused(page).endswith(offered.first.get_attribute("href"))
        box.focus()
    typed, meant = MISSPELT[lang]  # found nowhere: the closest word of the site is searched, and said
    assert search(page, typed), typed
    status = page.locator(".search-status").inner_text()
    assert status.startswith(NO_RESULTS[lang]) and meant in status, status
    assert not page.locator(".search-suggest a:visible").count(), "areas offered beside results"
    for query in HOSTILE:  # searched for its words, shown as typed
        search(page, query)
        assert query in page.locator(".search-status").inner_text()
        assert page.locator(".search-panel script, .search-panel img").count() == 0
    pasted = ("rollback " * 60)[:500]  # a paragraph pasted in: its first 200 characters are searched
    assert search(page, pasted), "a long query finds nothing"
    assert re.match(r"^\d+ ", page.locator(".search-status").inner_text())
    assert page.evaluate("window.pwned === undefined")
    box.fill("rollback")
    wait_for_search(page, "rollback")
    box.fill("")  # empty: nothing listed, nothing said
    page.locator(".search-result").first.wait_for(state="detached")
    assert page.locator(".search-status").inner_text() == ""
    context.close()
    assert not watch.problems, "\n".join(watch.problems)


# A query whose answer stands far down its page, in a section's passage.
LANDING = {"es": "tuning de batch size", "en": "dark launch"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_result_lands_on_the_words_it_found(browser, server, lang):
    """A section's link carries a text fragment: the browser scrolls to the found words and marks
    them, with no script of ours on the page it opens."""
    # A reader who asks for less motion: the page jumps to the words, so where it lands can be read.
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    watch = Watch(context, server)
    page = context.new_page()
    visit(page, server, f"{lang}/search.html", watch)
    page.locator(".search-page .search-input").focus()
    link = search(page, LANDING[lang])[0]["sections"][0]
    path, anchor, before, words, after = fragment(link)
    phrase = " ".join(part for part in (before, words, after) if part)
    marks = page.locator(".search-sections a").first.locator("xpath=..").locator("mark")
    assert words.lower().startswith(marks.first.inner_text().lower().strip(".,;: ")), (words, link)

    page.locator(".search-sections a").first.click()  # a reader's click: text fragments need one
    page.wait_for_url(re.compile(re.escape(path)))
    # The first passage that holds the words in their context, as the browser finds them (ours looks
    # the same way; a summary of the section, such as a case study's "at a glance", is not it).
    expect(page.locator("article :is(p, li):not(.no-search *)").filter(has_text=phrase).first).to_be_in_viewport()
    landed = page.evaluate(WORDS_TOP, [phrase, words])
    height = page.viewport_size["height"]
    # The browser centres the words it marks; the section's link alone would put its heading on top.
    assert landed is not None and 0.2 * height < landed < 0.8 * height, (landed, height)
    page.goto("about:blank")  # a new document: the section's link alone, as opened from elsewhere
    visit(page, server, f"{path.lstrip('/')}#{anchor}")
    assert abs(page.evaluate(WORDS_TOP, [phrase, words]) - landed) > 20, "landed where the section's link alone lands"
    visit(page, server, path.lstrip("/"))  # no fragment: the page opens at its top
    assert page.evaluate("scrollY") == 0
    context.close()
    assert not watch.problems, "\n".join(watch.problems)


# Where the words stand, relative to the viewport's top, in the first passage of the article (not a
# summary of other pages) that holds them in their context.
WORDS_TOP = """([phrase, words]) => {
  const norm = (text) => text.replace(/\\s+/g, " ").toLowerCase();
  for (const block of document.querySelectorAll("article :is(p, li, dd, h1, h2, h3, h4)")) {
    if (block.closest(".no-search") || !norm(block.textContent).includes(norm(phrase))) continue;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      const at = node.data.toLowerCase().indexOf(words.toLowerCase());
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      return range.getBoundingClientRect().top;
    }
  }
  return null;
}"""


# -- Gates with the search open ----------------------------------------------------------

@pytest.mark.parametrize("theme", THEMES)
def test_open_search_passes_axe_and_the_nu_checker(browser, server, tmp_path, theme):
    """The search page with results, and a content page with the dialog open."""
    context = new_context(browser, theme)
    page = context.new_page()
    problems, snapshots = [], []
    for lang in LANGUAGES:
        visit(page, server, f"{lang}/search.html?q=rollback")
        wait_for_search(page, "rollback")
        problems += axe_violations(page, f"{lang}/search.html?q=rollback [{theme}]")[0]
        snapshots.append((f"{lang}-search.html", page.content()))
        visit(page, server, f"{lang}/casos/serving-gnn.html")
        page.locator(".sidebar-search").focus()
        page.keyboard.type("rollback")
        wait_for_search(page, "rollback")
        problems += axe_violations(page, f"{lang}/casos/serving-gnn.html, search open [{theme}]")[0]
        snapshots.append((f"{lang}-dialog.html", page.content()))
    context.close()
    for name, html in snapshots:
        (tmp_path / name).write_text(html, encoding="utf-8")
    problems += vnu_errors(tmp_path, [name for name, _ in snapshots])
    assert not problems, "\n".join(problems)


# -- Both publish layouts ----------------------------------------------------------------

def test_each_language_searches_from_its_own_root(site, browser, tmp_path):
    """Read the Docs publishes each language as its own project (/<lang>/latest/), indexed alone."""
    for lang in LANGUAGES:
        folder = tmp_path / lang / "latest"
        shutil.copytree(site / lang, folder, ignore=shutil.ignore_patterns("pagefind"))
        assert search_index.index(folder) == CONTENT_PAGES
    context = new_context(browser)
    page = context.new_page()
    with serving(tmp_path) as base:
        watch = Watch(context, base)
        for lang in LANGUAGES:
            visit(page, base, f"{lang}/latest/search.html?q=kill%20switch", watch)
            wait_for_search(page, QUERY[lang])
            first = search_results(page)[0]
            assert first["href"].startswith(f"/{lang}/latest/playbooks/preparacion-rollback.html#"), first
            page.wait_for_load_state("networkidle")  # the favicon, fetched after "load", not cut off
            page.locator(".search-result-title").first.click()
            page.wait_for_url(f"{base}{first['href']}")
            assert page.locator("h1").inner_text().rstrip("#").strip() == first["title"]
            # The readers' words are read from the language's own root too.
            visit(page, base, f"{lang}/latest/search.html?q=press%20kit", watch)
            wait_for_search(page, "press kit")
            assert page_of(search_results(page)[0]["href"]).endswith("latest/charlas/index"), search_results(page)
    context.close()
    assert not watch.problems, "\n".join(watch.problems)


# -- What it costs ----------------------------------------------------------------------

def served_and_compressed(responses):
    """Bytes as served (the loopback server compresses nothing) and gzip-compressed, as a host sends them."""
    bodies = [response.body() for response in responses]
    return sum(map(len, bodies)), sum(len(gzip.compress(body, 9)) if not body.startswith(b"\x1f\x8b") else len(body)
                                      for body in bodies)


# In the page: from the keystroke's input event to the moment results for it are listed.
STOPWATCH = """() => {
  let typed = null, query = "";
  window.searchLatency = null;
  document.addEventListener("input", (event) => {
    [typed, query, window.searchLatency] = [event.timeStamp, event.target.value.trim(), null];
  }, true);
  new MutationObserver(() => {
    const status = document.querySelector(".search-status");
    if (typed !== null && window.searchLatency === null && status && status.textContent.includes(query)
        && document.querySelector(".search-result")) window.searchLatency = performance.now() - typed;
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}"""


def timed_search(page, action, query):
    action()
    wait_for_search(page, query)
    return page.evaluate("window.searchLatency")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_latency_and_first_search_bytes_are_reported(browser, server, lang):
    """Cold: a new reader's first keystroke, nothing cached. Warm: the next searches."""
    cold, warm, downloads = [], [], None
    for run in range(5):
        context = new_context(browser)
        page = context.new_page()
        visit(page, server, f"{lang}/principios/observabilidad.html")
        page.evaluate(STOPWATCH)
        responses = []
        page.on("response", lambda response: SEARCH_FILES.search(response.url) and responses.append(response))  # noqa: B023
        page.locator(".sidebar-search").focus()
        cold.append(timed_search(page, lambda: page.keyboard.insert_text("rollback"), "rollback"))  # noqa: B023
        if run == 0:
            downloads = (len(responses), *served_and_compressed(responses))
        for query in ("latencia", "canary", "contratos", "métricas", "p99"):
            box = page.locator(".search-dialog input")
            warm.append(timed_search(page, lambda: box.fill(query), query))  # noqa: B023
        context.close()
    files, served, compressed = downloads
    report(f"search-cost-{lang}",
           f"{lang}: first results {statistics.median(cold):.0f} ms after the first keystroke, cold cache "
           f"(median of {len(cold)}); {statistics.median(warm):.0f} ms warm (median of {len(warm)})\n"
           f"{lang}: a first search downloads {files} files, {served / 1024:.0f} KiB as served, "
           f"{compressed / 1024:.0f} KiB gzip-compressed")
    assert files and None not in cold + warm

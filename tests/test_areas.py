"""Impact areas as data: _data/areas.toml drives every list of areas, and one
command adds (or removes) an area everywhere, in every language."""

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from helpers import LANGUAGES, ROOT, TRANSLATIONS, assert_data_error, build_each, report
from portfolio.data import load
from portfolio_tools import check_catalogs
from test_site import _normalise, links_from

DATA = load(ROOT)


def card_links(soup, page):
    """Where the titles of the page's generated cards link, in order."""
    return [_normalise(Path(page).parent, urlsplit(a["href"]).path)
            for a in soup.select("article .area-cards .sd-card-title a[href]")]


def hrefs(element):
    """The pages an element of the home page links to."""
    return {_normalise(Path("."), urlsplit(a["href"]).path) for a in element.select("a[href]")}


def h1(soup):
    return soup.select_one("article h1").get_text(" ", strip=True).rstrip(" #")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cards_follow_the_data_in_every_language(pages, lang):
    expected = {
        "index.html": [a.page for a in DATA.areas],
        "impacto/index.html": [a.page for a in DATA.areas],
        "casos/index.html": [a.case_page for a in DATA.areas],
    }
    for page, docs in expected.items():
        soup = pages[lang][page]
        assert card_links(soup, page) == docs, f"{lang}/{page}"
        # Each card's title is its page's own title, in this language.
        titles = [t.get_text(" ", strip=True) for t in soup.select("article .area-cards .sd-card-title")]
        assert titles == [h1(pages[lang][f"{doc}.html"]) for doc in docs], f"{lang}/{page}"
    # The home card, to be skimmed: the challenge in one line, as its impact page states it
    # (the first sentence of "Desafío"), and a link to its case study; the full results stay
    # on the impact page.
    home = pages[lang]["index.html"].select("article .area-cards .sd-card")
    for card, area in zip(home, DATA.areas, strict=True):
        challenge = " ".join(pages[lang][f"{area.page}.html"].select_one("article #desafio + p").get_text().split())
        line = " ".join(card.select_one(".area-challenge").get_text().split())
        assert challenge.startswith(line) and line.endswith((".", "?", "!")), (area.slug, line)
        assert not card.select(".area-impact li"), f"{area.slug}: the home card repeats the result list"
        assert area.case_page in hrefs(card), f"{area.slug}: no link to its case study"


# The home page is skimmed, not read: at most 60% of the words it had when each card
# repeated its area's result list and the principles were written out (706 es, 590 en).
HOME_WORDS = {"es": 706 * 0.6, "en": 590 * 0.6}


def test_home_page_is_short_enough_to_skim(pages):
    counts = {lang: len(pages[lang]["index.html"].select_one("article").get_text(" ", strip=True).split())
              for lang in LANGUAGES}
    report("home-words", "\n".join(f"{lang}: {n} words on the home page (budget {HOME_WORDS[lang]:.0f})"
                                    for lang, n in counts.items()))
    assert all(counts[lang] <= HOME_WORDS[lang] for lang in LANGUAGES), counts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_principle_cards_follow_the_data(pages, lang):
    home = pages[lang]["index.html"]
    cards = home.select("article .principle-cards .sd-card")
    assert [hrefs(card) for card in cards] == [{f"principios/{p}"} for p in DATA.principles]
    titles = [card.get_text(" ", strip=True) for card in cards]
    assert titles == [h1(pages[lang][f"principios/{p}.html"]) for p in DATA.principles], titles


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cross_reference_lists_follow_the_data(pages, lang):
    by_path = pages[lang]
    for area in DATA.areas:
        principles = {f"principios/{p}" for p in area.principles}
        for page in (area.page, area.case_page):
            section = by_path[f"{page}.html"]
            linked = {link for link in links_from(section, page) if link.startswith("principios/")}
            assert linked == principles, f"{lang}/{page}: principles {sorted(linked)} vs data {sorted(principles)}"
    for principle in {p for a in DATA.areas for p in a.principles}:
        page = f"principios/{principle}"
        linked = {link for link in links_from(by_path[f"{page}.html"], page) if link.startswith("casos/")}
        assert linked == {a.case_page for a in DATA.areas_applying(principle)}, f"{lang}/{page}"


def _output(project, lang):
    out = project / "_build" / lang
    html = " ".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    return html + (out / "sitemap.xml").read_text(encoding="utf-8") + (out / "llms.txt").read_text(encoding="utf-8")


def test_new_area_in_one_command_then_removed_everywhere(project_copy):
    tool = [sys.executable, "-m", "portfolio_tools.area"]
    run = subprocess.run([*tool, "new", "nueva-area", "--title", "Nueva área de prueba",
                          "--principles", "contratos"], cwd=project_copy, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    build_each(project_copy)
    for lang in LANGUAGES:
        out = project_copy / "_build" / lang
        home = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "lxml")
        assert "impacto/nueva-area" in card_links(home, "index.html"), lang
        for index, doc in [("impacto/index.html", "impacto/nueva-area"), ("casos/index.html", "casos/nueva-area")]:
            soup = BeautifulSoup((out / index).read_text(encoding="utf-8"), "lxml")
            assert doc in card_links(soup, index), f"{lang}/{index}"
        assert "impacto/nueva-area.html" in (out / "sitemap.xml").read_text(encoding="utf-8")
        assert "casos/nueva-area.html" in (out / "llms.txt").read_text(encoding="utf-8")
        principle = (out / "principios" / "contratos.html").read_text(encoding="utf-8")
        assert "nueva-area.html" in principle, f"{lang}: the principle lists the new case study"
        case = BeautifulSoup((out / "casos" / "nueva-area.html").read_text(encoding="utf-8"), "lxml")
        assert case.select_one("figure.diagram img"), f"{lang}: the new case study starts with a diagram to edit"
        assert (out / "_images" / "diagrams" / "nueva-area.light.svg").is_file(), lang
    # Until someone translates them, the catalog check names the new pages' catalogs.
    problems = check_catalogs.check(project_copy)
    for lang in TRANSLATIONS:
        for page in ("impacto/nueva-area", "casos/nueva-area"):
            assert any(f"locales/{lang}/LC_MESSAGES/{page}.po" in p and "untranslated" in p for p in problems), \
                (page, problems)

    run = subprocess.run([*tool, "remove", "nueva-area"], cwd=project_copy, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    left = [p for p in project_copy.rglob("nueva-area.*") if "_build" not in p.parts]
    assert not left, f"nothing of the area is left behind: {left}"
    assert check_catalogs.check(project_copy) == [], "catalogs are clean again"
    shutil.rmtree(project_copy / "_build")
    build_each(project_copy)
    for lang in LANGUAGES:
        assert "nueva-area" not in _output(project_copy, lang), lang


def test_new_area_refuses_an_existing_slug(project_copy):
    run = subprocess.run([sys.executable, "-m", "portfolio_tools.area", "new", DATA.areas[0].slug],
                         cwd=project_copy, capture_output=True, text=True)
    assert run.returncode != 0 and "already exists" in run.stderr


@pytest.mark.parametrize("edit, message", [
    (('case = "serving-gnn"', 'case = "no-existe"'), "_data/areas.toml:44: area.4.case: no page casos/no-existe.md"),
    (('"gnn_qps"]', '"gnn_inventada"]'), "area.4.figures: 'gnn_inventada' is not in _data/metrics.toml"),
    (('slug = "cicd-ml"', 'slug = "cicd-ml"\ncolor = "rojo"'), "_data/areas.toml:35: area.3: Additional properties"),
    (('slug = "cicd-ml"', 'slug = "CICD ML"'), "area.3.slug: 'CICD ML' does not match"),
])
def test_bad_area_data_stops_the_build_naming_file_line_and_key(project_copy, edit, message):
    assert_data_error(project_copy, "_data/areas.toml", edit, message)

"""The impact drawn: figures as bars on the impact pages and home cards, a
diagram per case study, the principles × case studies matrix.

Every drawn value is a figure of _data/metrics.toml (tests/test_figures.py
checks the numbers of every page, drawings included); here: that each page
draws what its data says, in its language, and that the drawing is true to
the figures (bar lengths), readable without colour, and translated.
"""

import re
import runpy

import polib
import pytest
from bs4 import BeautifulSoup
from helpers import LANGUAGES, ROOT, SOURCE, TRANSLATIONS
from portfolio.data import load

DATA = load(ROOT)
WORDS = {"es": {"before": "Antes", "after": "Después", "higher": "cuanto más, mejor", "lower": "cuanto menos, mejor"},
         "en": {"before": "Before", "after": "After", "higher": "higher is better", "lower": "lower is better"}}
LABEL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def bar_length(row):
    return float(row.select_one(".figure-fill")["width"])


def drawn(page):
    return {visual.select_one(".figure-label").get_text(strip=True): visual
            for visual in page.select("article .figure-visual")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_impact_page_draws_its_figures(pages, lang):
    for area in DATA.areas:
        page = pages[lang][f"{area.page}.html"]
        figures = [DATA.metrics[name] for name in area.figures if DATA.metrics[name].label]
        visuals = page.select("article .figure-visual")
        assert len(visuals) == len(figures), f"{lang}/{area.page}: {len(visuals)} drawings, {len(figures)} figures"
        for figure, visual in zip(figures, visuals, strict=True):
            values = [v.get_text(strip=True) for v in visual.select(".figure-value, .figure-number")]
            assert any(figure.text in value for value in values), f"{lang}/{area.page}: {figure.name}: {values}"
            if figure.better == "finding":  # what a measurement found is no outcome to improve
                assert not visual.select(".figure-better")
            else:
                assert visual.select_one(".figure-better").get_text(strip=True) == WORDS[lang][figure.better]
            for svg in visual.select("svg"):
                assert svg.get("aria-hidden") == "true", "the bars repeat the text beside them"
            if figure.before:
                roles = [r.get_text(strip=True) for r in visual.select(".figure-role")]
                assert roles == [WORDS[lang]["before"], WORDS[lang]["after"]], roles
                assert DATA.metrics[figure.before].text in values[0] and figure.text in values[1]


def test_bars_are_true_to_the_figures(pages):
    impact = drawn(pages[SOURCE]["impacto/serving-gnn.html"])
    before, after = impact["Latencia p99 de serving"].select(".figure-row")
    assert (bar_length(before), bar_length(after)) == (100.0, 20.0), "500 ms → 100 ms: a bar a fifth as long"
    cycle = drawn(pages[SOURCE]["impacto/evaluacion-genai.html"])
    before, after = next(v for k, v in cycle.items() if k.startswith("Ciclo")).select(".figure-row")
    assert round(bar_length(after) / bar_length(before), 3) == round(2 / 14, 3), "2+ weeks → 2 days, in days"
    lift = next(v for k, v in drawn(pages[SOURCE]["impacto/incrementalidad.html"]).items() if "campañas" in k)
    assert bar_length(lift) == 15.0 and float(lift.select_one(".figure-span")["width"]) == 20.0, "15-20%"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_home_card_draws_its_headline_figure(pages, lang):
    home = pages[lang]["index.html"]
    cards = home.select("article .area-cards .sd-card")
    assert len(cards) == len(DATA.areas)
    for area, card in zip(DATA.areas, cards, strict=True):
        visuals = card.select(".figure-visual")
        assert len(visuals) == 1, f"{lang}: {area.slug}: {len(visuals)} drawings"
        label = visuals[0].select_one(".figure-label").get_text(strip=True)
        impact_page = drawn(pages[lang][f"{area.page}.html"])
        assert label in impact_page, f"{lang}: {area.slug}: {label!r} is not drawn on its impact page"
        assert str(visuals[0]) == str(impact_page[label]), f"{lang}: {area.slug}: the card draws it differently"
        headline = DATA.metrics[area.headline]
        assert headline.text in visuals[0].get_text(), f"{lang}: {area.slug}"


def svg_texts(path):
    return [t.get_text() for t in BeautifulSoup(path.read_text(encoding="utf-8"), "xml").find_all("text")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_case_study_has_its_diagram(site, pages, lang):
    for area in DATA.areas:
        page = pages[lang][f"{area.case_page}.html"]
        figure = page.select_one("article figure.diagram")
        assert figure is not None, f"{lang}/{area.case_page}: no diagram"
        images = figure.select("img")
        assert [img["class"] for img in images] == [["only-light"], ["only-dark"]]
        title = figure.select_one("figcaption .diagram-title").get_text(strip=True)
        for img in images:
            assert img["alt"] == title and img["loading"] == "lazy" and img["width"] and img["height"]
            description = page.find(id=img["aria-describedby"])
            assert description is not None and len(description.get_text(strip=True)) > 40
            drawing = site / lang / area.case_page.rsplit("/", 1)[0] / img["src"]
            assert drawing.resolve().is_file(), drawing
        canvas = figure.select_one(".diagram-canvas")
        assert canvas["tabindex"] == "0" and canvas["role"] == "region" and canvas["aria-label"] == title


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_no_diagram_label_is_left_in_spanish(site, lang):
    for area in DATA.areas:
        source = (ROOT / f"{area.case_page}.d2").read_text(encoding="utf-8")
        labels = [m.group(1) for m in LABEL.finditer(source)]
        catalog = polib.pofile(str(ROOT / "locales" / lang / "LC_MESSAGES" / f"{area.case_page}.po"))
        translations = {e.msgid: e.msgstr for e in catalog if e.msgstr and "fuzzy" not in e.flags}
        for theme in ("light", "dark"):
            texts = svg_texts(site / lang / "_images" / "diagrams" / f"{area.case}.{theme}.svg")
            for label in labels:
                assert label in translations, f"{area.case}.d2: {label!r} is not translated into {lang}"
                assert translations[label] in texts, f"{lang}/{area.case}.{theme}.svg lacks {translations[label]!r}"
                if translations[label] != label:  # the same word in both languages (e.g. "Canary") is fine
                    assert label not in texts, f"{lang}/{area.case}.{theme}.svg shows Spanish {label!r}"


def test_the_diagrams_are_drawn_in_the_sites_colours(site):
    """Each theme's drawing strokes with that theme's brand colour (conf.py) on the page's own background."""
    options = runpy.run_path(str(ROOT / "conf.py"))["html_theme_options"]
    for area in DATA.areas:
        for theme, background in (("light", "#ffffff"), ("dark", "#131416")):
            svg = (site / SOURCE / "_images" / "diagrams" / f"{area.case}.{theme}.svg").read_text(encoding="utf-8")
            brand = options[f"{theme}_css_variables"]["color-brand-primary"].lower()
            assert f'stroke="{brand}"' in svg.lower() and background in svg.lower(), (area.case, theme)


def test_the_light_and_dark_drawings_differ_in_colour_only(site):
    for area in DATA.areas:
        light, dark = (site / SOURCE / "_images" / "diagrams" / f"{area.case}.{t}.svg" for t in ("light", "dark"))
        assert svg_texts(light) == svg_texts(dark)
        assert light.read_text(encoding="utf-8") != dark.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_principles_matrix_marks_each_case_study(pages, lang):
    page = pages[lang]["principios/index.html"]
    table = page.select_one("article table.principles-matrix")
    columns = [th.get_text(strip=True) for th in table.select("thead th")][1:]
    assert len(columns) == len(DATA.areas)
    rows = table.select("tbody tr")
    assert len(rows) == len(DATA.principles)
    yes = {"es": "Sí", "en": "Yes"}[lang]
    for principle, row in zip(DATA.principles, rows, strict=True):
        link = row.select_one("a")["href"]
        assert link.startswith(f"{principle}.html"), link
        marks = [cell.get_text(strip=True) == yes for cell in row.select("td")[1:]]
        assert marks == [principle in area.principles for area in DATA.areas], f"{lang}: {principle}: {marks}"
    for column, area in zip(table.select("thead th")[1:], DATA.areas, strict=True):
        assert column.select_one("a")["href"].startswith(f"../{area.case_page}.html")

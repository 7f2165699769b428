"""A case study opens with its results: the "at a glance" block (_ext/portfolio/case_study.py).

With the committed data: the area's figures drawn as on its impact page, what
the owner did, the techniques and the principles applied, before the narrative,
and two figures on the first screen of a desktop and a phone. The owner's
optional facts (team, period, stack, artifacts) and the closing contact are
tested with a filled-in copy in tests/test_owner.py.
"""

import pytest
from gates import DESKTOP
from helpers import LANGUAGES, ROOT, report
from portfolio.data import load

AREAS = load(ROOT).areas
PHONE_TALL = {"width": 390, "height": 844}
DID = {"es": "Qué hice:", "en": "What I did:"}
TECHNIQUES = {"es": "Técnicas:", "en": "Techniques:"}
PRINCIPLES = {"es": "Principios aplicados:", "en": "Principles applied:"}


def figures_of(block):
    return [" ".join(f.get_text(" ", strip=True).split()) for f in block.select("figure.figure-visual")]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("area", AREAS, ids=[a.case for a in AREAS])
def test_the_case_study_opens_with_its_results(pages, lang, area):
    case = pages[lang][f"{area.case_page}.html"]
    glance = case.select_one("article .at-a-glance")
    assert glance, f"{lang}: {area.case_page} has no 'at a glance' block"
    first = case.select("article .at-a-glance, article section section")[0]
    assert first is glance, "the block comes before the narrative"
    # The area's figures, drawn as on its impact page (its translated labels included).
    drawn = figures_of(pages[lang][f"{area.page}.html"].select_one("article .figure-visuals"))
    assert len(drawn) >= 2 and figures_of(glance) == drawn
    facts = [p.get_text(" ", strip=True) for p in glance.select(".glance-facts p")]
    assert [f.split(":")[0] + ":" for f in facts[:3]] == [DID[lang], TECHNIQUES[lang], PRINCIPLES[lang]], facts
    principles = [a["href"].split("#")[0] for a in glance.select(".glance-facts p:nth-of-type(3) a")]
    assert principles == [f"../principios/{p}.html" for p in area.principles]
    # With the committed data (no owner), no optional fact and no contact block.
    assert len(facts) == 3 and not case.select(".get-in-touch")


def items(ul):
    return [" ".join(li.get_text(" ", strip=True).split()) for li in ul.find_all("li", recursive=False)]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("area", AREAS, ids=[a.case for a in AREAS])
def test_one_statement_per_fact_and_one_line_per_principle(pages, lang, area):
    """The results are the impact page's sentences, word for word; "principles applied" lists the
    area's principles of _data/areas.toml, no other, each in one sentence."""
    case = pages[lang][f"{area.case_page}.html"].select_one("article")
    stated = items(pages[lang][f"{area.page}.html"].select_one("article .area-impact ul"))
    assert stated in [items(ul) for ul in case.find_all("ul")], "the case study restates its results"
    entries = [li for li in case.select("section ul > li") if li.find("a", href=lambda h: h and "principios/" in h)
               and not li.find_parent(class_="at-a-glance")]
    linked = [li.find("a")["href"].split("#")[0] for li in entries]
    assert linked == [f"../principios/{p}.html" for p in area.principles]
    for li in entries:
        text = " ".join(li.get_text(" ", strip=True).split())
        assert text.endswith(".") and ". " not in text.rstrip("."), f"more than one sentence: {text}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_TALL], ids=["1280x800", "390x844"])
def test_two_figures_on_the_first_screen(server, browser, lang, viewport):
    page = browser.new_page(viewport=viewport)
    seen = []
    for area in AREAS:
        page.goto(f"{server}/{lang}/{area.case_page}.html")
        bottoms = page.evaluate("""() => [...document.querySelectorAll('.at-a-glance figure')]
                                          .map(f => f.getBoundingClientRect().bottom)""")
        visible = sum(bottom <= viewport["height"] for bottom in bottoms)
        seen.append(f"{area.case}: {visible}")
        assert visible >= 2, f"{lang} {viewport}: {area.case_page} shows {visible} figure(s) on its first screen"
    page.close()
    report(f"first-screen-figures-{lang}-{viewport['width']}",
           f"Case-study figures on the first screen ({lang}, {viewport['width']}x{viewport['height']}): "
           + ", ".join(seen))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_diagram_fits_one_screen_and_stays_legible_on_a_phone(server, browser, lang):
    """1280×800: the whole diagram on one screen, within the column. 375 px wide: drawn at its own
    size (its labels at their size), the canvas scrolling sideways if it must."""
    sizes = []
    for viewport in (DESKTOP, {"width": 375, "height": 812}):
        for theme in ("light", "dark"):
            context = browser.new_context(viewport=viewport, color_scheme=theme)
            page = context.new_page()
            for area in AREAS:
                page.goto(f"{server}/{lang}/{area.case_page}.html")
                image = page.locator(f"figure.diagram img.only-{theme}")
                image.scroll_into_view_if_needed()
                box = image.bounding_box()
                natural = int(image.get_attribute("width"))  # the drawing's own size
                if viewport is DESKTOP:
                    column = page.locator("article").bounding_box()["width"]
                    assert box["height"] <= viewport["height"] and box["width"] <= column, (area.case, theme, box)
                    sizes.append(f"{area.case} {theme}: {box['width']:.0f}×{box['height']:.0f}")
                else:
                    assert round(box["width"]) == natural, f"{area.case}: shrunk on a phone ({box} vs {natural})"
            context.close()
    report(f"diagram-sizes-{lang}", f"Diagrams at 1280×800 ({lang}): " + "; ".join(sizes))


# The pages that name the stages of a model's rollout, and the stages each must name.
ROLLOUT_PAGES = ["casos/guardrails-plataforma.md", "casos/guardrails-plataforma.d2",
                 "playbooks/preparacion-rollback.md", "principios/rollback-primero.md"]
STAGES = ["pruebas doradas", "shadow deployment", "incrementos"]


@pytest.mark.parametrize("path", ROLLOUT_PAGES)
def test_case_diagram_playbook_and_principle_name_the_same_rollout_stages(path):
    """Golden tests, shadow deployment, then real traffic in increments; no canary, which the source
    never names, in the page or in its English."""
    text = " ".join((ROOT / path).read_text(encoding="utf-8").lower().split())
    first = [text.find(stage) for stage in STAGES]
    assert -1 not in first, f"{path} does not name every stage: {dict(zip(STAGES, first, strict=True))}"
    catalog = ROOT / "locales" / "en" / "LC_MESSAGES" / f"{path.rsplit('.', 1)[0]}.po"
    assert "canary" not in text and "canary" not in catalog.read_text(encoding="utf-8").lower(), path

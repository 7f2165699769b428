"""Whose portfolio it is: the owner's name, role, photo and links (_data/owner.toml).

Filled in, they reach the header of every page, the home page's hero and title,
the contact sentences ("ve mi CV", "la página de charlas") and the contact
list, in each language; left empty (as committed), nothing of them shows, not
even a placeholder. Bad values stop the build: tests/test_fault_drills.py.
"""

import json
import re

import pytest
from bs4 import BeautifulSoup
from gates import DESKTOP, THEMES, axe_violations, new_context, vnu_errors
from helpers import LANGUAGES, build_each, shared
from PIL import Image
from portfolio_tools.audit import serving

NAME = "Ada Ejemplo"
ROLES = {"es": "Ingeniera de plataformas de ML", "en": "ML Platform Engineer"}
TAGLINES = {"es": "Plataformas de ML que se despliegan y se revierten con seguridad.",
            "en": "ML platforms that ship and roll back safely."}
CV, TALKS = "https://example.org/cv.pdf", "https://example.org/charlas"
PHOTO_ALT = {"es": "Foto de Ada Ejemplo", "en": "Photo of Ada Ejemplo"}
# The sentences of the contact section that link the owner's pages, in each language.
MAILTO = "mailto:ada%40example.org"  # docutils escapes the @ in a mailto: URL
CONTACT_LINKS = {"es": {"ve mi CV": CV, "la página de charlas": "charlas/index.html#charlas", "contáctame": MAILTO},
                 "en": {"see my CV": CV, "the talks page": "charlas/index.html#charlas", "contact me": MAILTO}}
EMAIL_LABEL, TALKS_LABEL = {"es": "Correo", "en": "Email"}, {"es": "Charlas", "en": "Talks"}
GET_IN_TOUCH = {"es": "Ponte en contacto", "en": "Get in touch"}
PHONE_TALL = {"width": 390, "height": 844}
# Appended to _data/areas.toml: the last area's (serving-gnn) optional facts.
AREA_FACTS = """team = {es = "Equipo de plataforma", en = "Platform team"}
period = "2023"
stack = ["PyTorch", "Triton"]
artifacts = [{title = "GNN serving", url = "https://example.org/gnn"}]
"""
GLANCE_FACTS = {"es": ["Equipo: Equipo de plataforma", "Periodo: 2023", "Tecnologías: PyTorch, Triton",
                       "Artefactos: GNN serving"],
                "en": ["Team: Platform team", "Period: 2023", "Stack: PyTorch, Triton", "Artifacts: GNN serving"]}
OWNED_PAGES = ["index.html", "casos/serving-gnn.html", "charlas/index.html"]  # what a filled owner changes
CLOSING = {"es": "¿Tienes un problema parecido? Hablemos.", "en": "Facing a similar problem? Let’s talk."}


def soup_of(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def build_owned(project):
    Image.new("RGB", (600, 400), (40, 120, 90)).save(project / "_data" / "owner.jpg", quality=95)
    owner = project / "_data" / "owner.toml"
    text = re.sub(r'\[tagline\][^\n]*\nes = ""\nen = ""', '[tagline]\n' + "\n".join(
        f'{lang} = "{line}"' for lang, line in TAGLINES.items()), owner.read_text(encoding="utf-8"))
    owner.write_text(text
                     .replace('name = ""', f'name = "{NAME}"')
                     .replace('email = ""', 'email = "ada@example.org"')
                     .replace('photo = ""', 'photo = "_data/owner.jpg"')
                     .replace('es = ""', f'es = "{ROLES["es"]}"')
                     .replace('en = ""', f'en = "{ROLES["en"]}"')
                     .replace('cv = ""', f'cv = "{CV}"')
                     .replace('talks = ""', f'talks = "{TALKS}"'), encoding="utf-8")
    # An area with every optional fact of its own (its case study's "at a glance" shows them).
    with open(project / "_data" / "areas.toml", "a", encoding="utf-8") as areas:
        areas.write(AREA_FACTS)
    build_each(project)


@pytest.fixture(scope="module")
def owned(tmp_path_factory):
    """A copy of the project with owner.toml filled in (and a 600×400 photo), built in every language."""
    return shared(tmp_path_factory, "owned", build_owned) / "_build"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_name_and_role_head_every_page(owned, lang):
    for path in ["index.html", "casos/serving-gnn.html", "principios/index.html"]:
        page = soup_of(owned / lang / path)
        brand = page.select_one(".sidebar-brand")
        assert brand.select_one(".sidebar-brand-text").get_text(strip=True) == NAME, path
        assert brand.select_one(".sidebar-brand-role").get_text(strip=True) == ROLES[lang], path
        assert page.select_one(".mobile-header .brand").get_text(strip=True) == NAME, path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_hero_title_and_contact_links(owned, pages, lang):
    home = soup_of(owned / lang / "index.html")
    # The name is the page's heading; the page keeps its own title for the tab and the navigation.
    title = pages[lang]["index.html"].select_one("article h1").find(string=True, recursive=False).strip()
    assert home.select_one("article h1").find(string=True, recursive=False).strip() == NAME
    assert home.title.get_text() == f"{NAME} — {title}"
    assert len(home.select("h1")) == 1
    hero = home.select_one("article .owner-hero")
    assert hero.select_one(".owner-role").get_text(strip=True) == ROLES[lang]
    assert hero.select_one(".owner-tagline").get_text(strip=True) == TAGLINES[lang]
    photo = hero.select_one("img.owner-photo")
    assert photo["alt"] == PHOTO_ALT[lang] and (photo["width"], photo["height"]) == ("96", "96")
    contact = home.select_one("article section:has(> #contacto), article section:has(> #contact)")
    links = {a.get_text(strip=True): a["href"] for a in contact.select("a")}
    for text, url in CONTACT_LINKS[lang].items():
        assert links.get(text) == url, f"{text!r} does not link {url}: {links}"
    assert MAILTO in links.values()
    # The hero's contact actions: the e-mail first, then the CV and talks (no profile given here).
    actions = [(a.get_text(strip=True), a["href"]) for a in hero.select("ul.owner-actions a")]
    assert actions == [(EMAIL_LABEL[lang], MAILTO), ("CV", CV), (TALKS_LABEL[lang], TALKS)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_case_study_shows_the_owners_facts_and_ends_with_contact(owned, lang):
    case = soup_of(owned / lang / "casos/serving-gnn.html")
    facts = [" ".join(p.get_text(" ", strip=True).split()) for p in case.select(".at-a-glance .glance-facts p")]
    assert facts[3:] == GLANCE_FACTS[lang]
    assert case.select_one(".glance-facts a[href='https://example.org/gnn']")
    other = soup_of(owned / lang / "casos/plantillas-cicd.html")  # an area without them: none shown
    assert len(other.select(".at-a-glance .glance-facts p")) == 3
    for page in (case, other):  # the last thing in the article: a way to get in touch
        closing = page.select("article .get-in-touch")
        assert len(closing) == 1 and closing[0].p.get_text(strip=True) == CLOSING[lang]
        assert closing[0].select_one(".owner-actions a")["href"] == "mailto:ada%40example.org"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_talks_page_carries_the_media_kit(owned, lang):
    page = soup_of(owned / lang / "charlas/index.html")
    assert page.select_one("article .past-talks a")["href"] == TALKS
    short = page.select_one(".bio-short p").get_text(" ", strip=True)
    assert short == f"{NAME} — {ROLES[lang]}. {TAGLINES[lang]}"
    long = page.select_one(".bio-long")
    assert long.p.get_text(" ", strip=True).startswith(short) and len(long.select("li")) == 5  # every area
    assert len(long.select("p")[-1].select("a")) == 5  # every principle
    photo = page.select_one(".press-photo a")
    with Image.open(owned / lang / "charlas" / photo["href"]) as image:
        assert image.size == (600, 400), "the photo at its size (up to 1600 px), not the hero's square"
    assert page.select_one("article .owner-actions a[href^='mailto:']")["href"] == MAILTO  # how to book


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_shared_link_says_whose_portfolio_it_is(owned, pages, lang):
    """The social card (drawn from og:site_name, social_cards.py) and the preview name the owner."""
    home = soup_of(owned / lang / "index.html")
    assert home.select_one('meta[property="og:site_name"]')["content"] == f"{NAME} — {ROLES[lang]}"
    card = home.select_one('meta[property="og:image"]')["content"]
    committed = pages[lang]["index.html"].select_one('meta[property="og:image"]')["content"]
    assert card != committed, "the card is drawn again with the name"
    assert (owned / lang / "_images" / "social_previews" / card.rsplit("/", 1)[1]).is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_calls_to_get_in_touch_lead_to_the_contact(owned, lang):
    for path in ["index.html", "principios/index.html", "principios/contratos.html"]:
        page = soup_of(owned / lang / path)
        calls = [a for a in page.select("article a") if a.get_text(strip=True) == GET_IN_TOUCH[lang]]
        assert len(calls) == 1 and calls[0]["href"].endswith("#contacto"), f"{lang}/{path}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_offers_a_way_to_get_in_touch(owned, lang):
    for path in ["index.html", "casos/serving-gnn.html", "principios/index.html", "playbooks/index.html"]:
        contact = soup_of(owned / lang / path).select_one(".sidebar-sticky a.sidebar-contact")
        assert contact and contact["href"] == "mailto:ada@example.org", path
        assert contact.get_text(strip=True) == GET_IN_TOUCH[lang], path


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_TALL], ids=["1280x800", "390x844"])
def test_contact_is_on_the_first_screen(owned, browser, lang, viewport):
    """A hiring manager sees whose portfolio it is and how to reach them without scrolling."""
    with serving(owned) as base:
        page = browser.new_page(viewport=viewport)
        page.goto(f"{base}/{lang}/index.html")
        for selector in ("h1", ".owner-role", ".owner-tagline", ".owner-actions a"):
            for element in page.locator(f"article {selector}").all():
                box = element.bounding_box()
                assert box and box["y"] + box["height"] <= viewport["height"], (selector, box, viewport)
        for action in page.locator("article .owner-actions a").all():
            box = action.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, box  # a touch target
        page.locator("article .owner-actions a").first.focus()  # reachable by keyboard
        assert page.evaluate("document.activeElement.getAttribute('href')") == "mailto:ada%40example.org"
        page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_structured_data_states_the_owner_in_the_pages_language(owned, lang):
    """The Person of the home page and the case studies' author: the role of this language alone."""
    home = soup_of(owned / lang / "index.html")
    profile = json.loads(home.find("script", type="application/ld+json").string)
    person = profile["mainEntity"]
    assert person == {"@type": "Person", "name": NAME, "jobTitle": ROLES[lang], "email": "mailto:ada@example.org",
                      "image": f"{profile['isPartOf']['url']}_images/owner.jpg"}, person
    assert (owned / lang / "_images" / "owner.jpg").is_file()
    case = soup_of(owned / lang / "casos" / "serving-gnn.html")
    assert json.loads(case.find("script", type="application/ld+json").string)["author"] == person


@pytest.mark.parametrize("theme", THEMES)
def test_hero_and_contact_pass_axe(owned, browser, theme):
    """The owner's hero, a case study's facts and closing contact, the media kit and the sidebar
    contact, in both languages, light and dark: axe, and the Nu HTML Checker on the same pages."""
    problems = []
    with serving(owned) as base:
        context = new_context(browser, theme)
        page = context.new_page()
        for lang in LANGUAGES:
            for path in OWNED_PAGES:
                page.goto(f"{base}/{lang}/{path}")
                problems += axe_violations(page, f"{lang}/{path} [{theme}]")[0]
        context.close()
    problems += vnu_errors(owned, [f"{lang}/{path}" for lang in LANGUAGES for path in OWNED_PAGES])
    assert not problems, "\n".join(problems)


def test_the_photo_is_resized_and_compressed_at_build_time(owned):
    source = owned.parent / "_data" / "owner.jpg"
    for lang in LANGUAGES:
        built = owned / lang / "_images" / "owner.jpg"
        with Image.open(built) as image:
            assert image.size == (192, 192) and image.format == "JPEG"
            assert not image.info.get("exif"), "the photo's metadata is not published"
        assert built.stat().st_size < source.stat().st_size


def test_without_owner_data_nothing_of_it_shows(pages):
    for lang in LANGUAGES:
        for path, page in pages[lang].items():
            assert not page.select(".owner-role, .owner-tagline, .owner-photo, .sidebar-brand-role, .sidebar-contact, "
                                   ".owner-actions li:not(.pdf-download), .get-in-touch"), f"{lang}/{path}"
            assert "—" not in page.title.get_text(), f"{lang}/{path}: {page.title.get_text()!r}"


"""Whose portfolio it is: the owner's name, role, photo and links (_data/owner.toml).

Filled in, they reach the header of every page, the home page's hero and title,
the contact sentences ("ve mi CV", "la página de charlas") and the contact
list, in each language; left empty (as committed), nothing of them shows, not
even a placeholder. Bad values stop the build: tests/test_fault_drills.py.
"""

import json

import pytest
from audit import serving
from bs4 import BeautifulSoup
from conftest import LANGUAGES, build_one
from gates import DESKTOP, THEMES, axe_violations, new_context
from PIL import Image

NAME = "Ada Ejemplo"
ROLES = {"es": "Ingeniera de plataformas de ML", "en": "ML Platform Engineer"}
CV, TALKS = "https://example.org/cv.pdf", "https://example.org/charlas"
PHOTO_ALT = {"es": "Foto de Ada Ejemplo", "en": "Photo of Ada Ejemplo"}
# The sentences of the contact section that link the owner's pages, in each language.
CONTACT_LINKS = {"es": {"ve mi CV": CV, "la página de charlas": TALKS},
                 "en": {"see my CV": CV, "the talks page": TALKS}}
EMAIL_LABEL, TALKS_LABEL = {"es": "Correo", "en": "Email"}, {"es": "Charlas", "en": "Talks"}
GET_IN_TOUCH = {"es": "Ponte en contacto", "en": "Get in touch"}
PHONE_TALL = {"width": 390, "height": 844}


def soup_of(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.fixture(scope="module")
def owned(tmp_path_factory):
    """A copy of the project with owner.toml filled in (and a 600×400 photo), built in every language."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("owned") / "project")
    Image.new("RGB", (600, 400), (40, 120, 90)).save(project / "_data" / "owner.jpg", quality=95)
    owner = project / "_data" / "owner.toml"
    owner.write_text(owner.read_text(encoding="utf-8")
                     .replace('name = ""', f'name = "{NAME}"')
                     .replace('email = ""', 'email = "ada@example.org"')
                     .replace('photo = ""', 'photo = "_data/owner.jpg"')
                     .replace('es = ""', f'es = "{ROLES["es"]}"')
                     .replace('en = ""', f'en = "{ROLES["en"]}"')
                     .replace('cv = ""', f'cv = "{CV}"')
                     .replace('talks = ""', f'talks = "{TALKS}"'), encoding="utf-8")
    for lang in LANGUAGES:
        code, output = build_one(project, lang)
        assert code == 0, output
    return project / "_build"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_name_and_role_head_every_page(owned, lang):
    for path in ["index.html", "casos/serving-gnn.html", "principios/index.html"]:
        page = soup_of(owned / lang / path)
        brand = page.select_one(".sidebar-brand")
        assert brand.select_one(".sidebar-brand-text").get_text(strip=True) == NAME, path
        assert brand.select_one(".sidebar-brand-role").get_text(strip=True) == ROLES[lang], path
        assert page.select_one(".mobile-header .brand").get_text(strip=True) == NAME, path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_hero_title_and_contact_links(owned, lang):
    home = soup_of(owned / lang / "index.html")
    heading = home.select_one("article h1").find(string=True, recursive=False).strip()
    assert home.title.get_text() == f"{NAME} — {heading}"
    hero = home.select_one("article .owner-hero")
    assert hero.select_one(".owner-name").get_text(strip=True) == NAME
    assert hero.select_one(".owner-role").get_text(strip=True) == ROLES[lang]
    photo = hero.select_one("img.owner-photo")
    assert photo["alt"] == PHOTO_ALT[lang] and (photo["width"], photo["height"]) == ("96", "96")
    contact = home.select_one("article section:has(> #contacto), article section:has(> #contact)")
    links = {a.get_text(strip=True): a["href"] for a in contact.select("a")}
    for text, url in CONTACT_LINKS[lang].items():
        assert links.get(text) == url, f"{text!r} does not link {url}: {links}"
    assert "mailto:ada%40example.org" in links.values()  # docutils escapes the @ in a mailto: URL
    # The hero's contact actions: the e-mail first, then the CV and talks (no profile given here).
    actions = [(a.get_text(strip=True), a["href"]) for a in hero.select("ul.owner-actions a")]
    assert actions == [(EMAIL_LABEL[lang], "mailto:ada%40example.org"), ("CV", CV), (TALKS_LABEL[lang], TALKS)]


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
        for selector in (".owner-name", ".owner-role", ".owner-actions a"):
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
    """The owner's hero, actions and sidebar contact, in both languages, light and dark."""
    problems = []
    with serving(owned) as base:
        context = new_context(browser, theme)
        page = context.new_page()
        for lang in LANGUAGES:
            page.goto(f"{base}/{lang}/index.html")
            problems += axe_violations(page, f"{lang}/index.html [{theme}]")[0]
        context.close()
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
            assert not page.select(".owner-name, .owner-role, .owner-photo, .sidebar-brand-role, .owner-actions, "
                                   ".sidebar-contact"), f"{lang}/{path}"
            assert "—" not in page.title.get_text(), f"{lang}/{path}: {page.title.get_text()!r}"
        home = pages[lang]["index.html"]
        contact = home.select_one("article section:has(> #contacto), article section:has(> #contact)")
        texts = {a.get_text(strip=True) for a in contact.select("a")}
        assert not texts & set(CONTACT_LINKS[lang]), f"{lang}: an owner link without a URL is a link"
        assert all(text in contact.get_text(" ", strip=True) for text in CONTACT_LINKS[lang]), \
            f"{lang}: the contact sentences lost their words"

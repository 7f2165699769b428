"""Every visible string localized, and a new language is one line plus `make translate`.

A copy of the project gets a third language the owner's way (one line in
_data/site.toml, then what `make translate LANG=pt-BR` runs). Its catalogs are
pseudo-translated (tools/pseudo_locale.py: every message marked ⟦…⟧ and
accented) and the whole site is built. In the pseudo language, any letter
outside the marks is text that never went through gettext; the other checks
read the same build as the owner's new language would be read: switcher,
<html lang>, search.
"""

import difflib
import json
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from gates import wait_for_search
from helpers import LANGUAGES, ROOT, SOURCE, TRANSLATIONS, shared
from portfolio import build as build_site
from portfolio.languages import language_name, sphinx_language
from portfolio_tools import check_catalogs, pseudo_locale
from portfolio_tools.audit import serving
from portfolio_tools.pseudo_locale import PSEUDO, pseudo

ALL = [*LANGUAGES, PSEUDO]


def add_language(project, lang):
    """The owner's step 1: one more entry in the languages line of _data/site.toml."""
    site_toml = project / "_data" / "site.toml"
    text = site_toml.read_text(encoding="utf-8")
    line = re.search(r"^languages = \[(.*)\]$", text, re.M)
    site_toml.write_text(text.replace(line.group(0), f'languages = [{line.group(1)}, "{lang}"]'), encoding="utf-8")


def translate(project, lang):
    """The owner's step 2, `make translate LANG=<lang>`: the command the Makefile runs."""
    run = subprocess.run([sys.executable, "-m", "portfolio_tools.catalogs", "update", "--lang", lang],
                         cwd=project, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def build_third_language_site(project):
    add_language(project, PSEUDO)
    translate(project, PSEUDO)
    pseudo_locale.fill(project, PSEUDO)
    # Without the PDFs: their text comes from the same pages and catalogs (tests/test_pdf.py).
    build_site.build(project, project / "_build" / "html", pdf=False)


@pytest.fixture(scope="module")
def third(tmp_path_factory):
    """(project copy, built site) with the pseudo language added as a third language."""
    project = shared(tmp_path_factory, "third-language", build_third_language_site)
    return project, project / "_build" / "html"


def soups(site, lang):
    root = site / lang
    return {str(p.relative_to(root)): BeautifulSoup(p.read_text(encoding="utf-8"), "lxml")
            for p in sorted(root.rglob("*.html"))}


# -- The pseudo-translation ------------------------------------------------------------------

def test_pseudo_translation_marks_text_and_keeps_syntax():
    assert pseudo("Rollback primero") == "⟦Ŕöļļƀåçķ þŕîɱéŕö⟧"
    assert pseudo("Ver [el caso](#casos/x) y {{ gnn_qps }}") == "⟦Ṽéŕ [éļ çåšö](#casos/x) ý {{ gnn_qps }}⟧"
    assert pseudo("{doc}`La guía <casos/index>`, {ref}`casos`, `pip`") == \
        "⟦{doc}`Ļå ĝûíå <casos/index>`, {ref}`casos`, `pip`⟧"
    assert pseudo('<a href="%(path)s">Copyright</a> &#169; ${n} %b') == \
        '⟦<a href="%(path)s">Çöþýŕîĝĥţ</a> &#169; ${n} %b⟧'
    assert pseudo("Made with ") == "⟦Ɱåðé ŵîţĥ⟧ "


def test_pseudo_translation_of_every_page_message_keeps_parity():
    # Every message of the site, pseudo-translated, passes the parity checks the
    # real translations pass: the pseudo-locale exercises the same syntax.
    problems = []
    for po_path in sorted((ROOT / "locales" / TRANSLATIONS[0] / "LC_MESSAGES").rglob("*.po")):
        for entry in polib.pofile(str(po_path)):
            if entry.msgid and not entry.msgid_plural:
                found = check_catalogs.parity(entry.msgid, pseudo(entry.msgid))
                problems += [f"{po_path.name}: {entry.msgid[:50]!r}: {f}" for f in found]
    assert not problems, "\n".join(problems)


# -- Coverage: every visible string went through gettext --------------------------------------

def test_every_visible_string_is_marked_in_the_pseudo_language(third):
    _, site = third
    problems, checked, marked = pseudo_locale.scan_site(site / PSEUDO)
    pages = {p.relative_to(site / PSEUDO) for p in (site / PSEUDO).rglob("*.html")}
    assert pages == {p.relative_to(site / SOURCE) for p in (site / SOURCE).rglob("*.html")}
    assert {Path("search.html"), Path("404.html"), Path("index.html")} <= pages
    assert checked > 50 * len(pages), f"only {checked} strings read: the scan is not reading the pages"
    drawings = sorted((site / PSEUDO / "_images" / "diagrams").glob("*.svg"))
    assert len(drawings) == len(sorted((site / SOURCE / "_images" / "diagrams").glob("*.svg"))) >= 10, drawings
    print(f"pseudo-locale coverage: {marked}/{checked} visible strings marked")
    assert not problems, f"{checked - marked} of {checked} visible strings never went through gettext:\n" + \
        "\n".join(problems)


def test_the_only_unmarked_text_is_language_names(third):
    # Text exempt from marking is text that declares its own language (lang=""):
    # the switcher's names of the languages, each in itself. Nothing else may use it.
    _, site = third
    exempt = set()
    for soup in soups(site, PSEUDO).values():
        for tag in soup.select("body [lang]"):
            exempt.add((tag.get("lang"), tag.get_text(" ", strip=True)))
    assert exempt == {(lang, language_name(lang)) for lang in ALL}, exempt


def test_search_strings_are_marked_and_search_works(third, browser):
    """The search as a reader meets it in the new language: every label of the
    box and of its open results is translated, and a query in that language
    finds the page that answers it."""
    _, site = third
    query = pseudo("rollback primero")[1:-1].lower()
    page = browser.new_page()
    with serving(site) as base:
        page.goto(f"{base}/{PSEUDO}/principios/contratos.html")
        page.locator(".sidebar-search").focus()
        page.keyboard.type(query)
        wait_for_search(page, query)
        dialog = page.locator(".search-dialog")
        texts = {
            "dialog label": dialog.get_attribute("aria-label"),
            "box label": dialog.locator("input").get_attribute("aria-label"),
            "box placeholder": dialog.locator("input").get_attribute("placeholder"),
            "close": dialog.locator(".search-close").inner_text(),
            "status": dialog.locator(".search-status").inner_text().replace(query, ""),
            "more": dialog.locator(".search-more:visible").inner_text(),
        }
        texts |= {f"link {i}": link.inner_text() for i, link in enumerate(dialog.locator(".search-results a").all())}
        first = dialog.locator(".search-result-title").first.get_attribute("href")
        assert first.split("#")[0] == f"/{PSEUDO}/principios/rollback-primero.html", first
        page.locator(".search-dialog input").fill("zzqxv")
        wait_for_search(page, "zzqxv")
        texts["no results"] = dialog.locator(".search-status").inner_text().replace("zzqxv", "")
        texts["areas offered"] = dialog.locator(".search-suggest").inner_text()  # their label and titles
        page.goto(f"{base}/{PSEUDO}/search.html")
        texts["search page button"] = page.locator(".search-page button").inner_text()
        texts["document title"] = page.title()
    page.close()
    unmarked = {where: text for where, text in texts.items() if pseudo_locale.unmarked_letters(text)}
    assert not unmarked, unmarked


def test_text_that_never_went_through_gettext_is_found(project_copy):
    """Deliberately untranslatable input: a button-ref label and a card's
    :link-alt: (Sphinx never extracts them into the .pot) and literals in a template."""
    page = project_copy / "principios" / "contratos.md"
    page.write_text(page.read_text(encoding="utf-8") + """
```{button-ref} /casos/plantillas-cicd
:ref-type: doc

Leer el caso completo
```

:::{card} Plantillas
:link: /casos/plantillas-cicd
:link-type: doc
:link-alt: Abrir el caso de plantillas

Un resumen.
:::
""", encoding="utf-8")
    # A diagram label written without quotes is no message (diagrams.py extracts quoted labels).
    diagram = project_copy / "casos" / "serving-gnn.d2"
    diagram.write_text(diagram.read_text(encoding="utf-8") + "\nnota: Etiqueta sin comillas\n", encoding="utf-8")
    template = project_copy / "_templates" / "sidebar" / "languages.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("""aria-label="{{ _('Language') }}">""", """aria-label="Idioma">
  <p class="language-hint">Elige tu idioma</p>"""), encoding="utf-8")
    assert template.read_text(encoding="utf-8") != text, "the switcher template changed: update this test"

    pseudo_locale.generate(project_copy)
    out = pseudo_locale.build(project_copy, project_copy / "_build" / PSEUDO)
    problems, checked, marked = pseudo_locale.scan_site(out)
    report = "\n".join(problems)
    assert "principios/contratos.html: " in report and "'Leer el caso completo'" in report, report
    assert "'Abrir el caso de plantillas'" in report, report
    assert "<nav.language-switcher> aria-label= 'Idioma'" in report, report
    assert "<p.language-hint> 'Elige tu idioma'" in report, report
    assert "serving-gnn.light.svg: <text>" in report and "'Etiqueta sin comillas'" in report, report
    # The template is on every page; the page's own label only on its page.
    assert sum("'Leer el caso completo'" in p for p in problems) == 1
    assert sum("'Elige tu idioma'" in p for p in problems) == len(list(out.rglob("*.html")))
    assert marked < checked


# -- A third language, the owner's way --------------------------------------------------------

def test_adding_a_language_is_one_line_and_make_translate(third):
    project, _ = third
    before = (ROOT / "_data" / "site.toml").read_text(encoding="utf-8").splitlines()
    after = (project / "_data" / "site.toml").read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(changed) == 2 and PSEUDO in changed[1], changed   # one line replaced
    # `make translate LANG=xx` runs exactly the update the fixture ran; i18n-stats the report.
    dry = subprocess.run(["make", "-n", "translate", f"LANG={PSEUDO}"], cwd=ROOT, capture_output=True, text=True)
    assert f"-m portfolio_tools.catalogs update --lang {PSEUDO}" in dry.stdout, dry.stdout + dry.stderr
    dry = subprocess.run(["make", "-n", "i18n-stats"], cwd=ROOT, capture_output=True, text=True)
    assert "-m portfolio_tools.catalogs stats" in dry.stdout, dry.stdout + dry.stderr
    # Every page and the theme got a catalog in the new language, and it is complete and faithful.
    catalogs = project / "locales" / sphinx_language(PSEUDO)
    made = {p.relative_to(catalogs) for p in catalogs.rglob("*.po")}
    expected = {p.relative_to(ROOT / "locales" / TRANSLATIONS[0])
                for p in (ROOT / "locales" / TRANSLATIONS[0]).rglob("*.po")}
    assert made == expected | {Path("LC_MESSAGES/sphinx.po")}, made ^ expected
    problems = []
    for po_path in sorted(catalogs.rglob("*.po")):
        label, po = po_path.relative_to(project), polib.pofile(str(po_path))
        problems += check_catalogs.entry_problems(po_path, label, po)
        problems += check_catalogs.parity_problems(label, po, markdown=po_path.name != "sphinx.po")
        problems += check_catalogs.msgfmt_problems(po_path)
    assert not problems, "\n".join(problems)
    # No spelling dictionary for the new language: the catalog check says so, never skips it in silence.
    unchecked = [line.split(":")[0] for line in check_catalogs.unchecked_spelling(project)]
    assert unchecked == [f"locales/{sphinx_language(PSEUDO)}"], unchecked
    stats = subprocess.run([sys.executable, "-m", "portfolio_tools.catalogs", "stats"], cwd=project,
                           capture_output=True, text=True)
    rows = [line.split() for line in stats.stdout.splitlines()
            if line.startswith(f"{sphinx_language(PSEUDO)}/")]
    assert len(rows) == len(made) and all(row[-1] == "0" and int(row[1]) > 0 for row in rows), stats.stdout


def test_every_build_has_the_right_html_lang(third):
    _, site = third
    wrong = [f"{lang}/{path}: <html lang={soup.html.get('lang')!r}>"
             for lang in ALL for path, soup in soups(site, lang).items() if soup.html.get("lang") != lang]
    assert not wrong, "\n".join(wrong)


def test_the_switcher_offers_every_language_in_every_build(third):
    _, site = third
    problems = []
    for lang in ALL:
        for path, soup in soups(site, lang).items():
            if path == "404.html":
                continue   # its links are absolute (served at any depth); test_seo checks them
            entries = soup.select("nav.language-switcher li > *")
            codes = [e.get("lang") for e in entries]
            if codes != ALL:
                problems.append(f"{lang}/{path}: switcher offers {codes}")
                continue
            for entry in entries:
                if entry.get("lang") == lang:
                    if entry.get("aria-current") != "page":
                        problems.append(f"{lang}/{path}: current language not marked")
                    continue
                target = (site / lang / path).parent / entry["href"]
                expected = site / entry["lang"] / path
                if entry.get("hreflang") != entry["lang"] or target.resolve() != expected.resolve() \
                        or not expected.exists():
                    problems.append(f"{lang}/{path}: {entry['lang']} link {entry['href']!r}")
    assert not problems, "\n".join(problems)


def test_the_new_language_has_its_own_search(third):
    _, site = third
    bundle = site / PSEUDO / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {PSEUDO.lower()}, entry["languages"]  # Pagefind writes codes in lower case
    words = set(json.loads((bundle / "words.json").read_text(encoding="utf-8")))
    assert pseudo("rollback")[1:-1].lower() in words, "the index holds no word of the new language"
    assert "rollback" not in words, "the index still holds the source language's words"


def test_the_site_root_offers_the_new_language(third):
    _, site = third
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    links = {a["hreflang"]: a for a in soup.select("a[hreflang]")}
    assert set(links) == set(ALL)
    assert all(a.get("lang") == code and (site / a["href"]).exists() for code, a in links.items())


@pytest.mark.parametrize("preferred", [PSEUDO, "pt-PT"])
def test_the_site_root_sends_a_reader_of_the_new_language_to_it(third, browser, preferred):
    """A browser that prefers the language with its region, or another region of it."""
    _, site = third
    with serving(site) as base:
        context = browser.new_context(locale=preferred)
        page = context.new_page()
        page.goto(f"{base}/index.html")
        page.wait_for_url(f"{base}/{PSEUDO}/index.html")
        context.close()

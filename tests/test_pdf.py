"""The PDF portfolio: one per language, from the same sources, a proper document,
published and linked; and every page prints as its article alone."""

import builtins
import re
import subprocess
import sys

import pypdf
import pytest
from gates import new_context
from helpers import LANGUAGES, metrics, pdf_source
from portfolio import pdf
from test_figures import numbers

MAX_BYTES = 1.5 * 1024 * 1024
FOOTER = re.compile(r"^\d+ / \d+$", re.M)  # the page numbers


def pdf_of(site, lang):
    return site / lang / pdf.PDF_NAME


def outline_items(outline):
    for item in outline:
        if isinstance(item, list):
            yield from outline_items(item)
        else:
            yield item


def outline_titles(outline):
    return [item.title for item in outline_items(outline)]


def text_of(reader):
    return FOOTER.sub(" ", "\n".join(page.extract_text() for page in reader.pages))


def title_of(soup):
    return soup.select_one("article h1").get_text(" ", strip=True).rstrip(" #")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_is_a_proper_document(site, pages, lang):
    path = pdf_of(site, lang)
    assert path.stat().st_size <= MAX_BYTES
    reader = pypdf.PdfReader(path)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == lang
    assert catalog["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalog, "a tagged PDF"
    home = title_of(pages[lang]["index.html"])
    assert reader.metadata.title == home and reader.metadata.author
    assert len(reader.pages) >= 15
    # A bookmark for every impact area, case study and principle, in this language.
    bookmarks = set(outline_titles(reader.outline))
    for path_, soup in pages[lang].items():
        if path_.split("/")[0] in {"impacto", "casos", "principios"}:
            assert title_of(soup) in bookmarks, f"{lang}: no bookmark for {path_}"
    fonts_embedded(reader)
    # Links: each internal one lands on a destination that exists; external ones are https.
    destinations = set(reader.named_destinations)
    annotations = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    internal = [a["/Dest"] for a in annotations if "/Dest" in a]
    assert len(internal) >= 50 and set(internal) <= destinations, set(internal) - destinations
    assert all(a["/A"]["/URI"].startswith("https://") for a in annotations if "/A" in a)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_heading_is_left_alone_at_the_bottom_of_a_page(site, lang):
    reader = pypdf.PdfReader(pdf_of(site, lang))
    # (title, page index) of every heading: a card that shows a page's title is no heading.
    headings = {(item.title, reader.get_destination_page_number(item)) for item in outline_items(reader.outline)}
    for number, page in enumerate(reader.pages):
        lines = [line.strip() for line in FOOTER.sub("", page.extract_text()).splitlines() if line.strip()]
        assert lines and (lines[-1], number) not in headings, \
            f"{lang} page {number + 1} ends with the heading {lines[-1]!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_states_the_figures_and_nothing_invented(site, lang):
    text = " ".join(text_of(pypdf.PdfReader(pdf_of(site, lang))).split())
    assert len(text) > 20000, "selectable text"
    for name, value in metrics().items():  # drawn with its compact label, or in words in a sentence
        assert value in text or all(n in numbers(text) for n in numbers(value)), f"{lang}: {name} = {value!r}"
    invented = set(numbers(text)) - set(numbers(" ".join(metrics().values())))
    assert not invented, f"{lang}: numbers in the PDF that are no figure: {sorted(invented)}"


def fonts_embedded(reader):
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            for descendant in font.get_object().get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"]
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdfs_are_linked_from_the_hero_with_their_sizes(site, pages, lang):
    links = pages[lang]["index.html"].select("article .owner-hero .owner-actions .pdf-download a")  # at the top
    assert [a["href"] for a in links] == [pdf.SUMMARY_NAME, pdf.PDF_NAME]
    for link in links:
        assert int(link.select_one("data")["value"]) == (site / lang / link["href"]).stat().st_size
    assert f"/{lang}/{pdf.PDF_NAME})" in (site / lang / "llms.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_summary_is_one_tagged_page_with_every_headline_figure(site, pages, lang):
    reader = pypdf.PdfReader(site / lang / pdf.SUMMARY_NAME)
    assert len(reader.pages) == 1
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == lang and catalog["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalog
    fonts_embedded(reader)
    text = " ".join(reader.pages[0].extract_text().split())
    home = pages[lang]["index.html"]
    for card in home.select(".area-cards .sd-card"):  # each area, its headline figure and its label
        for part in (".sd-card-title", ".figure-label", ".figure-number, .figure-value"):
            words = " ".join(card.select_one(part).get_text(" ", strip=True).split())
            assert words in text, f"{lang}: {words!r} is not in the summary"
    for card in home.select(".principle-cards .sd-card-title"):
        assert card.get_text(" ", strip=True) in text
    invented = set(numbers(text)) - set(numbers(" ".join(metrics().values())))
    assert not invented, f"{lang}: numbers in the summary that are no figure: {sorted(invented)}"
    uris = [a.get_object()["/A"]["/URI"] for a in reader.pages[0].get("/Annots", [])]
    assert any(uri.endswith(f"/{lang}/") for uri in uris), "the site's address"


def test_the_summary_and_the_cover_name_the_owner_and_how_to_reach_them(project_copy, tmp_path):
    owner = project_copy / "_data" / "owner.toml"
    owner.write_text(owner.read_text(encoding="utf-8").replace('name = ""', 'name = "Ada Ejemplo"')
                     .replace('email = ""', 'email = "ada@example.org"')
                     .replace('es = ""', 'es = "Ingeniera de plataformas de ML"', 1)
                     .replace('en = ""', 'en = "ML platform engineer"', 1)
                     .replace('linkedin = ""', 'linkedin = "https://www.linkedin.com/in/ada"'), encoding="utf-8")
    lang = LANGUAGES[0]
    summary = pdf.build(project_copy, tmp_path, lang).with_name(pdf.SUMMARY_NAME)
    reader = pypdf.PdfReader(summary)
    text = " ".join(reader.pages[0].extract_text().split())
    assert len(reader.pages) == 1 and reader.metadata.author == "Ada Ejemplo"
    for words in ("Ada Ejemplo", "Ingeniera de plataformas de ML", "ada@example.org", "linkedin.com/in/ada"):
        assert words in text, words
    # The full portfolio's cover: who, and how to reach them.
    cover = pypdf.PdfReader(summary.with_name(pdf.PDF_NAME)).pages[0].extract_text()
    for words in ("Ada Ejemplo", "ada@example.org", "linkedin.com/in/ada"):
        assert words in " ".join(cover.split()), words


def test_owner_details_reach_the_cover_and_metadata(site, project_copy):
    owner = project_copy / "_data" / "owner.toml"
    owner.write_text(owner.read_text(encoding="utf-8").replace('name = ""', 'name = "Ada Ejemplo"')
                     .replace('es = ""', 'es = "Ingeniera de plataformas de ML"')
                     .replace('en = ""', 'en = "ML platform engineer"'), encoding="utf-8")
    page = pdf_source(site, LANGUAGES[0])
    document = pdf.printable(page, LANGUAGES[0], project_copy)
    assert "<title>Ada Ejemplo — " in document and '<meta name="author" content="Ada Ejemplo">' in document
    assert '<p class="cover-name">Ada Ejemplo</p>' in document
    assert '<p class="cover-role">Ingeniera de plataformas de ML</p>' in document


def test_a_missing_system_library_is_named(monkeypatch):
    real_import = builtins.__import__

    def failing_import(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing_import)
    with pytest.raises(pdf.PdfError, match=r"libpango-1\.0-0.*apt-get install libpango-1\.0-0"):
        pdf.weasyprint()


def test_a_broken_anchor_stops_the_pdf(tmp_path):
    document = '<html lang="es"><body><p><a href="#no-existe">Ver</a></p></body></html>'
    with pytest.raises(pdf.PdfError, match="no-existe"):
        pdf.render(document, tmp_path, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists(), "nothing half-built is left behind"


def test_a_layout_is_redone_only_when_its_document_or_an_image_changed(tmp_path, monkeypatch):
    (tmp_path / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    document = '<html lang="es"><body><p>Uno</p><img src="dot.svg" alt="punto"></body></html>'
    target = tmp_path / "x.pdf"
    pdf.render(document, tmp_path, target)
    laid_out = []
    real = pdf.weasyprint
    monkeypatch.setattr(pdf, "weasyprint", lambda: laid_out.append(1) or real())
    pdf.render(document, tmp_path, target)
    assert not laid_out, "the same document was laid out again"
    (tmp_path / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>')
    pdf.render(document, tmp_path, target)
    pdf.render(document.replace("Uno", "Dos"), tmp_path, target)
    assert len(laid_out) == 2, "an image or the text changed: laid out again"


def test_make_pdf_writes_the_bytes_the_site_publishes(site, tmp_path):
    """`make pdf`'s command, run apart from the site's build, writes the same bytes: nothing in
    a PDF depends on when or where it is built, so a commit gives one PDF."""
    lang = LANGUAGES[-1]
    run = subprocess.run([sys.executable, "-m", "portfolio.pdf", "--lang", lang, "--out", str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "KiB" in run.stdout
    for name in (pdf.PDF_NAME, pdf.SUMMARY_NAME):
        assert (tmp_path / lang / name).read_bytes() == (site / lang / name).read_bytes(), name


PRINT_HIDDEN = [".sidebar-drawer", ".toc-drawer", ".mobile-header", ".theme-toggle-container",
                ".language-switcher", ".sidebar-search-container"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printing_a_page_prints_the_article_alone(server, browser, lang):
    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{server}/{lang}/casos/guardrails-plataforma.html")
    page.emulate_media(media="print")
    for selector in PRINT_HIDDEN:
        assert page.locator(selector).count() and not page.locator(selector).first.is_visible(), selector
    assert page.locator("article").is_visible()
    # An external link prints its target; a card is never split.
    after = page.evaluate("""() => {
        const a = document.createElement('a');
        a.href = 'https://example.org/talks'; a.textContent = 'talks';
        document.querySelector('article').appendChild(a);
        return getComputedStyle(a, '::after').content;
    }""")
    assert "https://example.org/talks" in after
    page.goto(f"{server}/{lang}/index.html")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.sd-card')).breakInside") == "avoid"
    context.close()

"""The portfolio as a PDF, one per language, from the same sources and catalogs.

Built before each language's HTML pages, which link it with its size
(pipeline.py: rebuilt only when one of its inputs changed):
1. Sphinx's `singlehtml` builder renders every page of the language, strictly,
   into one document (so an edit or a translation reaches the PDF by itself);
2. the article is kept, with a cover (the site's title, the owner's name and
   role when given, the site's URL); the playbooks (dated guides, not the
   portfolio) are left out; links to files become absolute URLs;
3. WeasyPrint lays it out with _ext/portfolio/pdf.css: a tagged PDF with its language,
   title and author, a bookmark per heading, embedded fonts, page numbers.
Nothing in it depends on the time of the build: a commit gives the same bytes.

4. beside it, a one-page summary (resumen.pdf, see summary()), from the same page.

    python -m portfolio.pdf --lang es [--out _build/pdf]    # writes <out>/<lang>/portafolio.pdf, resumen.pdf
"""

import argparse
import hashlib
import html
import logging
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from .data import load, load_site
from .languages import public_layout, sphinx_language
from .names import BRAND, PDF_NAME, ROOT, SUMMARY_NAME

# Documents (with their children) that are not the portfolio: dated guides, and the talks page
# (proposals and a media kit for organisers, who get this PDF from it).
LEFT_OUT = ["playbooks/index", "charlas/index"]
STYLESHEET = Path(__file__).with_name("pdf.css")
SUMMARY_STYLESHEET = Path(__file__).with_name("summary.css")  # over pdf.css
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"
# The files a document draws from its folder: src="_images/x.svg" (not data:, not a URL).
LOCAL_SOURCE = re.compile(r'\bsrc="(?![a-z][a-z0-9+.-]*:)([^"#?]+)"')


class PdfError(RuntimeError):
    pass


def weasyprint():
    try:
        import weasyprint as module
    except OSError as error:  # a system library is missing: WeasyPrint loads Pango and fontconfig
        raise PdfError(f"WeasyPrint cannot load a system library ({error}). "
                       f"Install them with: apt-get install {SYSTEM_PACKAGES}") from None
    return module


def single_page(src, work, lang, env=None):
    """Strict singlehtml build of one language; returns its index.html."""
    out = Path(work) / "singlehtml" / lang
    run = subprocess.run([sys.executable, "-m", "sphinx", "-b", "singlehtml", "-n", "-W", "--keep-going", "-q",
                          "-D", f"language={sphinx_language(lang)}", "-d", str(Path(work) / "doctrees" / lang),
                          str(src), str(out)],
                         cwd=src, capture_output=True, text=True, env=env)
    if run.returncode:
        raise PdfError(f"[{lang}] singlehtml build failed:\n{run.stdout}{run.stderr}")
    return out / "index.html"


def printable(page, lang, src, env=None):
    """The single page as the PDF's document: cover, article, metadata; nothing of the site's chrome."""
    data = load(src)
    base, version_path = public_layout(load_site(src), env or os.environ)
    site_url = f"{base}{lang}/{version_path}"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    article = soup.select_one("article")
    # singlehtml marks each page with an empty <span id="document-…"> before its section: the
    # section itself becomes the mark (a stray span can land alone on a page of its own).
    documents = {}
    for marker in article.select('span[id^="document-"]'):
        if marker.decomposed:  # inside a page left out
            continue
        section = marker.find_next_sibling("section")
        doc = marker["id"].removeprefix("document-")
        marker.decompose()
        if doc in LEFT_OUT:
            section.decompose()
        else:
            section["class"] = [*section.get("class", []), "document"]
            documents[doc] = section["id"]
    for tag in article.select(".headerlink, .playbooks-feed, .pdf-download"):
        tag.decompose()
    ids = set()
    for tag in article.find_all(id=True):  # each page has its "Desafío": the first keeps the id
        if tag["id"] in ids:
            del tag["id"]
        else:
            ids.add(tag["id"])
    for link in article.select("a[href]"):
        href = link["href"]
        if href.startswith("#document-"):  # singlehtml writes "#document-casos/x#casos-x"
            doc, _, anchor = href.removeprefix("#document-").partition("#")
            target = anchor or documents.get(doc, "")
            # A page left out of the PDF is linked on the site.
            link["href"] = f"#{target}" if target in ids else f"{site_url}{doc}.html" + (f"#{anchor}" if anchor else "")
        elif not href.startswith("#") and not urlsplit(href).scheme:
            link["href"] = site_url + href
    contact = contact_items(article)  # before the hero's actions leave with the chrome
    title = article.find("h1")
    site_title = title.get_text(" ", strip=True)
    title.decompose()  # the cover carries it
    owner = data.owner
    name, role = owner.name, owner.role(lang)
    document_title = f"{name} — {site_title}" if name else site_title
    description = soup.select_one('meta[name="description"]')["content"]
    cover = "".join([
        f'<h1 class="cover-title">{html.escape(site_title)}</h1>',
        f'<p class="cover-name">{html.escape(name)}</p>' if name else "",
        f'<p class="cover-role">{html.escape(role)}</p>' if role else "",
        f'<ul class="cover-contact">{"".join(contact)}</ul>' if contact else "",
        f'<p class="cover-url"><a href="{html.escape(site_url)}">{html.escape(site_url)}</a></p>',
    ])
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html.escape(document_title)}</title>"
            f'<meta name="author" content="{html.escape(name or site_title)}">'
            f'<meta name="description" content="{html.escape(description)}">'
            f'</head><body><section class="cover">{cover}</section>{article.decode_contents()}</body></html>')


def contact_items(soup):
    """The hero's ways to reach the owner (e-mail, profiles, CV), as list items that print their
    address: "Correo: ana@example.org"."""
    return [f'<li><a href="{html.escape(a["href"])}">{html.escape(a.get_text(strip=True))}</a>: '
            f'{html.escape(a["href"].removeprefix("mailto:").replace("%40", "@"))}</li>'
            for a in soup.select(".owner-hero .owner-actions li:not(.pdf-download) a")]


def summary(page, lang, src, env=None):
    """The one-page summary a recruiter forwards: who (name, role, tagline or the intro), how to
    reach them, each area with its headline figure drawn, each principle in one line, the site.
    Everything is taken from the single page, so it is in its language and states its figures."""
    data = load(src)
    base, version_path = public_layout(load_site(src), env or os.environ)
    site_url = f"{base}{lang}/{version_path}"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    home = soup.select_one("article section")
    site_title = home.find("h1").find(string=True, recursive=False).strip()
    owner = data.owner
    name = owner.name
    role = owner.role(lang) if name else ""
    tagline = owner.tagline_in(lang) if name else ""
    hero = home.select_one(".owner-hero-text")
    intro = tagline or hero.find("p", class_=False, recursive=False).get_text(" ", strip=True)
    contact = contact_items(soup)
    area_cards, principle_cards = home.select_one(".area-cards"), home.select_one(".principle-cards")
    headings = [cards.find_parent("section").find("h2").find(string=True, recursive=False).strip()
                for cards in (area_cards, principle_cards)]
    areas = []
    for card in area_cards.select(".sd-card"):
        link = card.select_one(".sd-card-title a")
        doc = link["href"].removeprefix("#document-").partition("#")[0]
        figure = card.select_one("figure.figure-visual")
        areas.append(f'<section class="summary-area"><h3><a href="{html.escape(site_url + doc)}.html">'
                     f'{html.escape(link.get_text(" ", strip=True))}</a></h3>{figure or ""}</section>')
    principles = []
    for slug in data.principles:
        section = soup.find(id=f"document-principios/{slug}").find_next_sibling("section")
        title = section.find(["h2", "h3", "h4", "h5"]).find(string=True, recursive=False).strip()
        line = section.find("blockquote").get_text(" ", strip=True)
        principles.append(f"<li><strong>{html.escape(title)}.</strong> {html.escape(line)}</li>")
    heading = name or site_title
    body = "".join([
        f'<header><h1>{html.escape(heading)}</h1>',
        f'<p class="summary-role">{html.escape(role)}</p>' if role else "",
        f'<p class="summary-intro">{html.escape(intro)}</p>',
        f'<ul class="summary-contact">{"".join(contact)}</ul>' if contact else "",
        "</header>",
        f'<h2>{html.escape(headings[0])}</h2><div class="summary-areas">{"".join(areas)}</div>',
        f'<h2>{html.escape(headings[1])}</h2><ul class="summary-principles">{"".join(principles)}</ul>',
        f'<p class="summary-url"><a href="{html.escape(site_url)}">{html.escape(site_url)}</a></p>',
    ])
    description = soup.select_one('meta[name="description"]')["content"]
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html.escape(f'{name} — {site_title}' if name else site_title)}</title>"
            f'<meta name="author" content="{html.escape(name or site_title)}">'
            f'<meta name="description" content="{html.escape(description)}">'
            f'</head><body class="summary">{body}</body></html>')


def build(src=ROOT, out=None, lang="es", env=None):
    """Write <out>/<lang>/portafolio.pdf and resumen.pdf (work files in <out>/work/); return the
    portfolio's path."""
    src = Path(src)
    out = Path(out or src / "_build" / "pdf")
    page = single_page(src, out / "work", lang, env)
    target = out / lang / PDF_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        render(summary(page, lang, src, env), page.parent, target.with_name(SUMMARY_NAME),
               [STYLESHEET, SUMMARY_STYLESHEET])
        render(printable(page, lang, src, env), page.parent, target)
    except PdfError as error:
        raise PdfError(f"[{lang}] {error}") from None
    return target


def render(document, base_dir, target, stylesheets=(STYLESHEET,)):
    """Lay the document out as a PDF at `target`; WeasyPrint's warnings are errors. Laying out
    is most of a PDF's cost: it is skipped when the document, the images it shows and the
    styles are those the PDF at `target` was made from (an edit elsewhere leaves the summary)."""
    stamp = target.with_name(target.name + ".sha256")
    current = document_digest(document, base_dir, stylesheets)
    if target.is_file() and stamp.is_file() and stamp.read_text() == current:
        return
    stamp.unlink(missing_ok=True)
    wp = weasyprint()
    problems = Problems()
    logging.getLogger("weasyprint").addHandler(problems)
    try:
        wp.HTML(string=document, base_url=str(base_dir)).write_pdf(
            target, stylesheets=[wp.CSS(string=f":root {{ --brand: {BRAND}; }}"),
                                 *(wp.CSS(filename=str(path)) for path in stylesheets)], pdf_tags=True)
    finally:
        logging.getLogger("weasyprint").removeHandler(problems)
    if problems.messages:  # strict, like the HTML build: a broken anchor or a bad style is an error
        target.unlink()
        raise PdfError("WeasyPrint: " + "\n".join(problems.messages))
    stamp.write_text(current)


def document_digest(document, base_dir, stylesheets):
    h = hashlib.sha256(document.encode("utf-8"))
    for source in sorted(set(LOCAL_SOURCE.findall(document))):  # images, by their bytes
        path = Path(base_dir) / html.unescape(source)
        h.update(source.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    for path in stylesheets:
        h.update(Path(path).read_bytes())
    h.update(BRAND.encode() + version("weasyprint").encode())
    return h.hexdigest()


class Problems(logging.Handler):
    """WeasyPrint's warnings and errors, collected."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", required=True)
    parser.add_argument("--out", type=Path, default=Path("_build") / "pdf")
    args = parser.parse_args()
    try:
        target = build(Path.cwd(), args.out.resolve(), args.lang)  # the project here, as build.py
    except PdfError as error:
        sys.exit(str(error))
    for path in (target, target.with_name(SUMMARY_NAME)):
        print(f"Wrote {path} ({path.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()

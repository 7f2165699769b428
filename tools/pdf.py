"""The portfolio as a PDF, one per language, from the same sources and catalogs.

A stage of the site build (tools/build_site.py; Read the Docs runs it too, see
.readthedocs.yaml):
1. Sphinx's `singlehtml` builder renders every page of the language, strictly,
   into one document (so an edit or a translation reaches the PDF by itself);
2. the article is kept, with a cover (the site's title, the owner's name and
   role when given, the site's URL); the playbooks (dated guides, not the
   portfolio) are left out; links to files become absolute URLs;
3. WeasyPrint lays it out with tools/pdf.css: a tagged PDF with its language,
   title and author, a bookmark per heading, embedded fonts, page numbers.
Nothing in it depends on the time of the build: a commit gives the same bytes.

    python tools/pdf.py --lang es [--out _build/pdf]    # writes <out>/<lang>/portafolio.pdf
"""

import argparse
import html
import logging
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))
from portfolio.data import load  # noqa: E402
from portfolio.languages import load_site, public_layout  # noqa: E402

PDF_NAME = "portafolio.pdf"  # the same name in _ext/portfolio/pdf_link.py
LEFT_OUT = ["playbooks/index"]  # documents (with their children) that are not the portfolio
STYLESHEET = Path(__file__).with_name("pdf.css")
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"


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
                          "-D", f"language={lang}", "-d", str(Path(work) / "doctrees" / lang), str(src), str(out)],
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
    title = article.find("h1")
    site_title = title.get_text(" ", strip=True)
    title.decompose()  # the cover carries it
    owner = data.owner
    name, role = owner.get("name", ""), owner["job_title"].get(lang, "")
    document_title = f"{name} — {site_title}" if name else site_title
    description = soup.select_one('meta[name="description"]')["content"]
    cover = "".join([
        f'<h1 class="cover-title">{html.escape(site_title)}</h1>',
        f'<p class="cover-name">{html.escape(name)}</p>' if name else "",
        f'<p class="cover-role">{html.escape(role)}</p>' if role else "",
        f'<p class="cover-url"><a href="{html.escape(site_url)}">{html.escape(site_url)}</a></p>',
    ])
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html.escape(document_title)}</title>"
            f'<meta name="author" content="{html.escape(name or site_title)}">'
            f'<meta name="description" content="{html.escape(description)}">'
            f'</head><body><section class="cover">{cover}</section>{article.decode_contents()}</body></html>')


def build(src=ROOT, out=None, lang="es", env=None):
    """Write <out>/<lang>/portafolio.pdf (work files in <out>/work/); return its path."""
    src = Path(src)
    out = Path(out or src / "_build" / "pdf")
    page = single_page(src, out / "work", lang, env)
    document = printable(page, lang, src, env)
    target = out / lang / PDF_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        render(document, page.parent, target)
    except PdfError as error:
        raise PdfError(f"[{lang}] {error}") from None
    return target


def render(document, base_dir, target):
    """Lay the document out as a PDF at `target`; WeasyPrint's warnings are errors."""
    wp = weasyprint()
    problems = Problems()
    logging.getLogger("weasyprint").addHandler(problems)
    try:
        wp.HTML(string=document, base_url=str(base_dir)).write_pdf(
            target, stylesheets=[wp.CSS(filename=str(STYLESHEET))], pdf_tags=True)
    finally:
        logging.getLogger("weasyprint").removeHandler(problems)
    if problems.messages:  # strict, like the HTML build: a broken anchor or a bad style is an error
        target.unlink()
        raise PdfError("WeasyPrint: " + "\n".join(problems.messages))


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
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf")
    args = parser.parse_args()
    try:
        target = build(ROOT, args.out, args.lang)
    except PdfError as error:
        sys.exit(str(error))
    print(f"Wrote {target} ({target.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()

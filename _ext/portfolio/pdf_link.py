"""The PDFs (pdf.py) on the site: the one-page summary and the full portfolio,
published at <lang>/resumen.pdf and <lang>/portafolio.pdf (pipeline.py builds
them before the pages) and offered in the home page's hero (owner.py) with their
sizes. A build with `portfolio_pdf = False` has none and links none.
"""

from docutils import nodes
from sphinx.locale import _

from .names import PDF_NAME, SUMMARY_NAME
from .pipeline import pdf_dir
from .values import size_node

# What a reader forwards first, then the whole document.
DOCUMENTS = {SUMMARY_NAME: lambda: _("One-page summary"), PDF_NAME: lambda: _("Full portfolio (PDF)")}


def with_pdfs(app):
    """Whether this build publishes the PDFs: the site's pages do; the PDF's own source
    (a singlehtml build) and a site built without them do not."""
    return app.builder.name == "html" and app.config.portfolio_pdf


def pdf_path(app, name=PDF_NAME):
    """The built PDF `name` for this language, or None."""
    path = pdf_dir(app) / name
    return path if with_pdfs(app) and path.is_file() else None


def human_size(size):
    if size < 1024 * 1024:
        return _("%(size)s KiB") % {"size": f"{size / 1024:.0f}"}
    return _("%(size)s MiB") % {"size": f"{size / 1024 / 1024:.1f}"}


def document_links(env):
    """A list item per PDF built, 'One-page summary (24 KiB)', for the hero's actions."""
    items = []
    for name, label in DOCUMENTS.items():
        path = pdf_path(env.app, name)
        if path is None:
            if with_pdfs(env.app):  # asked for, and missing: a build error, not a silent gap
                raise FileNotFoundError(f"no {name} in {pdf_dir(env.app)}")
            continue
        env.note_dependency(str(path))
        size = path.stat().st_size
        href = "../" * env.docname.count("/") + name
        link = nodes.reference("", "", nodes.Text(f"{label()} ("), size_node(size, human_size(size)),
                               nodes.Text(")"), refuri=href, type="application/pdf")
        items.append(nodes.list_item("", nodes.paragraph("", "", link, translatable=False),
                                     classes=["pdf-download"]))
    return items

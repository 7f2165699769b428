"""The PDFs (tools/pdf.py) on the site: the one-page summary and the full
portfolio, published at <lang>/resumen.pdf and <lang>/portafolio.pdf and offered
in the home page's hero (owner.py) with their sizes.

They are built before the HTML (tools/build_site.py, or Read the Docs'
pre_build job) into `portfolio_pdf`'s folder, by default _build/pdf/<lang>/.
When they are not there (a live preview), nothing links to them.
"""

import shutil
from pathlib import Path

from docutils import nodes
from sphinx.locale import _

from .values import size_node

PDF_NAME = "portafolio.pdf"  # the same names in tools/pdf.py
SUMMARY_NAME = "resumen.pdf"
# What a reader forwards first, then the whole document.
DOCUMENTS = {SUMMARY_NAME: lambda: _("One-page summary"), PDF_NAME: lambda: _("Full portfolio (PDF)")}


def pdf_path(app, name=PDF_NAME):
    """The built PDF `name` for this language, or None."""
    portfolio = Path(app.confdir, app.config.portfolio_pdf or f"_build/pdf/{app.config.language}/{PDF_NAME}")
    path = portfolio.with_name(name)
    return path if path.is_file() else None


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
            if env.config.portfolio_pdf:  # asked for, and missing: a build error, not a silent gap
                raise FileNotFoundError(f"no {name} beside {env.config.portfolio_pdf}")
            continue
        env.note_dependency(str(path))
        size = path.stat().st_size
        href = "../" * env.docname.count("/") + name
        link = nodes.reference("", "", nodes.Text(f"{label()} ("), size_node(size, human_size(size)),
                               nodes.Text(")"), refuri=href, type="application/pdf")
        items.append(nodes.list_item("", nodes.paragraph("", "", link, translatable=False),
                                     classes=["pdf-download"]))
    return items


def publish(app, exception):
    if exception is None and app.builder.name == "html":
        for name in DOCUMENTS:
            path = pdf_path(app, name)
            if path is not None:
                shutil.copyfile(path, Path(app.outdir, name))


def setup(app):
    app.add_config_value("portfolio_pdf", "", "env", types=frozenset({str}))
    app.connect("build-finished", publish)

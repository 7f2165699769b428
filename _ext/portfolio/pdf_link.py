"""The PDF portfolio (tools/pdf.py) on the site: published at <lang>/portafolio.pdf
and offered where a reader looks for it, with its size.

The PDF is built before the HTML (tools/build_site.py, or Read the Docs'
pre_build job) into `portfolio_pdf`, by default _build/pdf/<lang>/portafolio.pdf.
When it is not there (a live preview), nothing links to it.
"""

import shutil
from pathlib import Path

from docutils import nodes
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective

from .values import size_node

PDF_NAME = "portafolio.pdf"  # the same name in tools/pdf.py


def pdf_path(app):
    """The built PDF for this language, or None."""
    path = Path(app.confdir, app.config.portfolio_pdf or f"_build/pdf/{app.config.language}/{PDF_NAME}")
    return path if path.is_file() else None


def human_size(size):
    if size < 1024 * 1024:
        return _("%(size)s KiB") % {"size": f"{size / 1024:.0f}"}
    return _("%(size)s MiB") % {"size": f"{size / 1024 / 1024:.1f}"}


class PdfDownload(SphinxDirective):
    """'Download PDF (140 KiB)': a link to this language's PDF."""

    def run(self):
        path = pdf_path(self.env.app)
        if path is None:
            if self.config.portfolio_pdf:  # asked for, and missing: a build error, not a silent gap
                raise self.error(f"pdf-download: no PDF at {self.config.portfolio_pdf}")
            return []
        self.env.note_dependency(str(path))
        href = "../" * self.env.docname.count("/") + PDF_NAME
        size = path.stat().st_size
        label = _("Download PDF")
        link = nodes.reference(label, label, refuri=href, type="application/pdf")
        para = nodes.paragraph("", "", link, nodes.Text(" ("), size_node(size, human_size(size)), nodes.Text(")"),
                               classes=["pdf-download"], translatable=False)
        return [para]


def publish(app, exception):
    path = pdf_path(app)
    if exception is None and app.builder.name == "html" and path is not None:
        shutil.copyfile(path, Path(app.outdir, PDF_NAME))


def setup(app):
    app.add_config_value("portfolio_pdf", "", "env", types=frozenset({str}))
    app.add_directive("pdf-download", PdfDownload)
    app.connect("build-finished", publish)

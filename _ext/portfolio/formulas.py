"""Formulas (MyST `{math}` role and directive) rendered when the page is written.

- The site: MathML, converted from the LaTeX by latex2mathml. Browsers lay it
  out natively and assistive technology reads it: no JavaScript, no stylesheet,
  nothing added to a page without math, nothing the CSP must allow.
- The PDF (the singlehtml build, laid out by WeasyPrint, which does not lay out
  MathML): the same LaTeX drawn by matplotlib's mathtext as an SVG image, with
  the LaTeX as its text alternative. Drawn without a date, so a rebuild gives
  the same bytes; kept beside Sphinx's cache by the LaTeX and matplotlib's
  version, so a rebuild draws only a new formula (mathtext takes ~50 ms each).
"""

import base64
import hashlib
import io
from importlib.metadata import version
from pathlib import Path

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.transforms import SphinxTransform

from .diagrams import PDF_BUILDER


def mathml(latex, display):
    return convert(latex, display="block" if display else "inline")


def svg(latex):
    """`latex` drawn as SVG by mathtext; its glyphs as paths, so the PDF needs no math font."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context({"svg.hashsalt": "formula", "svg.fonttype": "path", "mathtext.fontset": "dejavuserif"}):
        figure = Figure()
        figure.text(0, 0, f"${latex}$", fontsize=12)
        out = io.BytesIO()
        figure.savefig(out, format="svg", bbox_inches="tight", pad_inches=0.02, transparent=True,
                       metadata={"Date": None})
    return out.getvalue()


def drawn(latex, cache):
    """svg(latex), from the `cache` folder when it was drawn before."""
    key = hashlib.sha256(f"{version('matplotlib')}\0{latex}".encode()).hexdigest()
    path = Path(cache) / f"{key}.svg"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")  # a build stopped while writing leaves no half formula
        partial.write_bytes(svg(latex))
        partial.replace(path)
    return path.read_bytes()


def _render(self, node, display):
    latex = node.astext()
    if self.builder.name == PDF_BUILDER:
        data = base64.b64encode(drawn(latex, Path(self.builder.doctreedir) / "formulas")).decode()
        html = (f'<img class="formula{" formula-block" if display else ""}" '
                f'src="data:image/svg+xml;base64,{data}" alt="{self.attval(latex)}">')
    else:
        html = mathml(latex, display)
    self.body.append(f'<div class="formula-block">{html}</div>\n' if display else html)
    raise nodes.SkipNode


def visit_math(self, node):
    _render(self, node, display=False)


def visit_math_block(self, node):
    _render(self, node, display=True)


class FormulasAreNotMessages(SphinxTransform):
    """A displayed formula reads the same in every language: not a message for translators."""
    default_priority = 10  # before Sphinx's Locale transform (20) and the gettext builder

    def apply(self):
        for node in self.document.findall(nodes.math_block):
            node["translatable"] = False


def setup(app):
    app.add_transform(FormulasAreNotMessages)
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_math_block, None))

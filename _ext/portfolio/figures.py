"""The seed's figures drawn as pictures, from their types in _data/metrics.toml.

A figure with a `label` is drawn on its area's impact page (by `area-impact`),
and the area's `headline` figure on its home card (a copy, see areas.py):
- with `before` (the seed gives both): before → after, two bars on one scale;
- a percentage: a bar filled to it (a range: its span drawn lighter);
- a multiple (Nx): the baseline and N times it, on one scale;
- anything else: the figure alone, large.
No baseline is ever made up: every bar is the figure itself or its `before`.
Bars are inline SVG sized by attributes (no JavaScript, no style attributes
for the CSP), coloured by the theme's variables, so they follow light and dark;
each has its words and value beside it, so nothing is said by length or colour
alone. The label is a paragraph of the impact page: gettext translates it there.
"""

from docutils import nodes
from sphinx.locale import _

from .data import SCALE
from .names import BRAND


class figure_visual(nodes.General, nodes.Element):
    """One figure drawn; its children: the (translatable) label paragraph, then its notes."""


class figure_note(nodes.paragraph):
    """The owner's note on a figure (`baseline`, `window` or `method`): translatable, like the label."""


NOTE_TERMS = {"baseline": lambda: _("Baseline:"), "window": lambda: _("Window:"), "method": lambda: _("Method:")}


def visual(data, name, source):
    """The figure_visual node for figure `name`; `source` is metrics.toml (the label's origin)."""
    figure = data.metrics[name]
    label = nodes.paragraph(figure.label, figure.label, classes=["figure-label"])
    label.source, label.line = source, 1
    if figure.before:
        kind, rows = "pair", [("before", data.metrics[figure.before]), ("after", figure)]
    elif figure.unit in ("%", "x"):
        kind, rows = ("percent" if figure.unit == "%" else "multiple"), [("value", figure)]
    else:
        kind, rows = "headline", [("value", figure)]
    node = figure_visual(kind=kind, better=figure.better, figure=name,
                         rows=[(role, f.text, f.unit, _base(f), _base(f, high=True)) for role, f in rows])
    node += label
    for key, text in figure.notes:
        note = figure_note(text, text, term=key, classes=["figure-note"])
        note.source, note.line = source, 1
        node += note
    return node


def _base(figure, high=False):
    """The figure in its scale's base unit (weeks → days), for bar lengths only."""
    value = figure.high if high and figure.high else figure.value
    return value * SCALE.get(figure.unit, (None, 1))[1]


def _text(text, unit):
    if unit == "days":
        return _("%(value)s days") % {"value": text}
    if unit == "weeks":
        return _("%(value)s weeks") % {"value": text}
    return text


def _bar(fill, span=None, before=False):
    """A bar `fill` (0–1) long on a full-length track; `span`: a range's upper end, lighter;
    `before`: the figure improved on, in the secondary colour. The fill attributes are the
    light theme's colours, for the PDF; the site's stylesheet sets the theme's own."""
    parts = ['<svg class="figure-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">'
             '<rect class="figure-track" width="100" height="10" fill="#e8e8e8"/>']
    if span:
        parts.append(f'<rect class="figure-span" width="{span * 100:.1f}" height="10" fill="{BRAND}" '
                     'fill-opacity="0.45"/>')
    kind, colour = ("figure-fill figure-before", "#767676") if before else ("figure-fill", BRAND)
    parts.append(f'<rect class="{kind}" width="{fill * 100:.1f}" height="10" fill="{colour}"/></svg>')
    return "".join(parts)


def _row(role, value, bar):
    # The spaces keep role and value two words for the search index and text readers; a
    # grid lays its items out the same with them.
    return (f'<div class="figure-row"><span class="figure-role">{role}</span> {bar} '
            f'<strong class="figure-value">{value}</strong></div>')


def visit_figure_visual(self, node):
    self.body.append(f'<figure class="figure-visual figure-{node["kind"]}">')
    self.body.append("<figcaption>")


def depart_figure_visual(self, node):
    if node["better"] != "finding":  # a measured finding (the lift) has no better direction
        better = _("higher is better") if node["better"] == "higher" else _("lower is better")
        self.body.append(f'<span class="figure-better">{self.encode(better)}</span>')
    self.body.append("</figcaption>")
    rows = node["rows"]
    kind = node["kind"]
    if kind == "headline":
        _role, text, unit, _v, _h = rows[0]
        self.body.append(f'<p class="figure-number">{self.encode(_text(text, unit))}</p>')
    elif kind == "pair":
        top = max(value for *_x, value, _h in rows)
        roles = {"before": _("Before"), "after": _("After")}
        for role, text, unit, value, _h in rows:
            bar = _bar(value / top, before=role == "before")
            self.body.append(_row(self.encode(roles[role]), self.encode(_text(text, unit)), bar))
    elif kind == "percent":
        _role, text, _unit, value, high = rows[0]
        span = high / 100 if high != value else None
        self.body.append(_row("", self.encode(text), _bar(value / 100, span)))
    else:  # a multiple: the baseline (1) and N times it
        _role, text, _unit, value, _h = rows[0]
        self.body.append(_row(self.encode(_("Before")), self.encode(_("baseline")), _bar(1 / value, before=True)))
        self.body.append(_row(self.encode(_("After")), self.encode(text), _bar(1)))
    self.body.append("</figure>\n")


def visit_figure_note(self, node):
    term = self.encode(NOTE_TERMS[node["term"]]())
    self.body.append(f'<p class="figure-note"><span class="figure-note-term">{term}</span> ')


def depart_figure_note(self, node):
    self.body.append("</p>")


def setup(app):
    app.add_node(figure_visual, html=(visit_figure_visual, depart_figure_visual))
    app.add_node(figure_note, html=(visit_figure_note, depart_figure_note))

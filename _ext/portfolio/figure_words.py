"""The seed's figures as running text writes them, in the page's language.

A figure's `text` ("10M+", ">500ms") is its compact label, kept for the
drawings. Pages write {{ name }} in their sentences; this module gives that the
figure in words, from its typed data (_data/metrics.toml): the bound as words
("más de" / "over"), a multiple as the language says it ("5 veces" / "5x"), the
number and unit through Babel's CLDR data (a space before "ms" and "min", the
percent sign as the locale places it, "10 millones" / "10 million"). The unit
words a sentence already says ("semanas", "equipos") stay in the sentence. The
bound and multiple phrases go through gettext with the theme's strings, so a new
language translates them in its catalog.

{{ name }} is the role {figure}`name`: it also marks where a page states the
figure, so the owner's notes on it (`baseline`, `window`, `method`) follow it
onto a page that does not draw it, in the words its impact page translated.
"""

from babel import Locale, UnknownLocaleError
from babel.numbers import format_compact_decimal, format_decimal, format_percent
from babel.units import format_unit
from docutils import nodes
from sphinx.locale import _

from .areas import ShownContent
from .figures import NOTE_TERMS, figure_visual

CLDR_UNITS = {"ms": "duration-millisecond", "min": "duration-minute"}
SCALES = {"million": 1_000_000}


def bounded(words, bound, percentage):
    """'over 500 ms' / 'más del 90 %': Spanish puts an article before a percentage."""
    if bound == "over":
        return (_("over %(percentage)s") % {"percentage": words} if percentage
                else _("over %(figure)s") % {"figure": words})
    if bound == "under":
        return (_("under %(percentage)s") % {"percentage": words} if percentage
                else _("under %(figure)s") % {"figure": words})
    return words


def cldr_locale(lang):
    """Babel's locale for a language of the site; and for one CLDR lacks
    (the pseudo-locale that tests the catalogs): English conventions."""
    try:
        return str(Locale.parse(lang.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return "en"


def in_words(figure, lang):
    """The figure as a sentence of `lang` states it."""
    locale = cldr_locale(lang)
    number = format_decimal(figure.value, locale=locale)
    if figure.unit == "%":
        words = format_percent(figure.value / 100, locale=locale)
        if figure.high:  # a range: both ends, one sign
            words = words.replace(number, f"{number}–{format_decimal(figure.high, locale=locale)}")
    elif figure.unit in CLDR_UNITS:
        words = format_unit(figure.value, CLDR_UNITS[figure.unit], length="short", locale=locale)
    elif figure.scale:
        words = format_compact_decimal(figure.value * SCALES[figure.scale], format_type="long", locale=locale)
    elif figure.unit == "x":
        words = _("%(number)sx") % {"number": number}  # "5x"; Spanish prose says "5 veces"
    else:  # days, weeks, a count: the sentence names the unit
        words = number
    return bounded(words, figure.bound, figure.unit == "%")


class figure_mention(nodes.Inline, nodes.TextElement):
    """A figure stated in running text: its words, and which figure it is."""


def figure_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    env = inliner.document.settings.env
    figure = env.app.portfolio_data.metrics.get(text)
    if figure is None:
        message = inliner.reporter.error(f"figure {text!r} is not in _data/metrics.toml", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [figure_mention(rawtext, in_words(figure, env.config.language), figure=text)], []


def add_notes(app, doctree, docname):
    """After a mention of a figure this page does not draw: its notes, in parentheses."""
    drawn = {node["figure"] for node in doctree.findall(figure_visual)}
    shown = ShownContent.store(app.env)["figures"]
    for mention in list(doctree.findall(figure_mention)):
        name = mention["figure"]
        figure = app.portfolio_data.metrics[name]
        if name in drawn or not figure.notes:
            continue
        translated = {}  # the notes as the impact page that draws the figure has them
        for visual in (v for drawings in shown.values() for v in drawings if v["figure"] == name):
            translated = {note["term"]: note.astext() for note in visual.children[1:]}
        notes = "; ".join(f"{NOTE_TERMS[key]()} {translated.get(key, text)}" for key, text in figure.notes)
        mention += nodes.inline("", f" ({notes})", classes=["figure-note"])
        drawn.add(name)  # once a page


def visit_figure_mention(self, node):
    pass


def depart_figure_mention(self, node):
    pass


def setup(app):
    app.add_role("figure", figure_role)
    app.add_node(figure_mention, html=(visit_figure_mention, depart_figure_mention))
    app.connect("doctree-resolved", add_notes, priority=600)  # after areas.py copies the drawings

"""Dates and sizes as <time datetime> and <data value>: readable by machines,
and set apart from the figures (the number tests skip them)."""

from babel import Locale
from babel.dates import format_date
from docutils import nodes


class machine_value(nodes.Inline, nodes.TextElement):
    """Text with its machine-readable value: tag "time" (datetime=...) or "data" (value=...)."""


def visit(self, node):
    attribute = "datetime" if node["tag"] == "time" else "value"
    self.body.append(self.starttag(node, node["tag"], "", **{attribute: node["value"]}))


def depart(self, node):
    self.body.append(f"</{node['tag']}>")


def date_node(date, language):
    """The date as the reader's language writes it in full (CLDR: "29 de noviembre de 2026",
    "November 29, 2026"); `language` is Sphinx's code (es, en, pt_BR)."""
    text = format_date(date, format="long", locale=Locale.parse(language))
    return machine_value(text, text, tag="time", value=date.isoformat())


def size_node(size, text):
    return machine_value(text, text, tag="data", value=str(size))


def setup(app):
    app.add_node(machine_value, html=(visit, depart))

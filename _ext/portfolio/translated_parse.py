"""Translated pages parsed without rebuilding docutils' default settings for every message.

Sphinx parses each translated message on its own (sphinx.transforms.i18n, one
small document per msgstr: about 1,200 for this site's English pages). For each,
MyST's renderer evaluates `options.get("document", make_document())`: the default
is built although the document is given, and make_document() builds docutils'
default settings, an OptionParser of some 70 options, every time. That was a
fifth of an English build's time. The defaults are the same every time: they are
built once per parser class here, and each document gets its own copy of them,
as before.
"""

from functools import cache

from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser as RSTParser
from docutils.utils import new_document
from myst_parser.mdit_to_docutils import base


@cache
def _defaults(parser_cls):
    return get_default_settings(parser_cls)


def make_document(source_path="notset", parser_cls=RSTParser):
    """myst_parser's make_document, with the defaults built once (a copy per document)."""
    return new_document(source_path, settings=_defaults(parser_cls).copy())


def setup(app):
    base.make_document = make_document

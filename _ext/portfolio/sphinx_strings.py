"""Sphinx's own interface strings that this site shows and that Sphinx's
Spanish catalog leaves untranslated. Listing them here puts them in the theme
template (`make translate`), so locales/<lang>/LC_MESSAGES/sphinx.po covers them.
Nothing imports this module; it exists to be extracted.
"""


def _(message):
    return message


MESSAGES = [
    _("Link to this heading"),
]

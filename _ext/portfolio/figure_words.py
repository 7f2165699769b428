"""The seed's figures as running text writes them, in the page's language.

A figure's `text` ("10M+", ">500ms") is its compact label, kept for the
drawings. Pages write {{ name }} in their sentences; this module gives that the
figure in words, from its typed data (_data/metrics.toml): the bound as words
("más de" / "over"), the number and unit through Babel's CLDR data (a space
before "ms" and "min", the percent sign as the locale places it, "10 millones" /
"10 million"). The unit words a sentence already says ("semanas", "equipos")
stay in the sentence. The bound phrases go through gettext with the theme's
strings, so a new language translates them in its catalog.
"""

from babel import Locale, UnknownLocaleError
from babel.numbers import format_compact_decimal, format_decimal, format_percent
from babel.units import format_unit
from sphinx.locale import _

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
        words = figure.text  # "5x": a multiple reads the same in every language
    else:  # days, weeks, a count: the sentence names the unit
        words = number
    return bounded(words, figure.bound, figure.unit == "%")

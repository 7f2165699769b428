"""Sphinx configuration: declarative. Code of our own lives in _ext/."""

import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).parent
# The extension, importable here also where the project is not installed (Read the Docs
# installs only its requirements).
sys.path.insert(0, str(ROOT / "_ext"))
from portfolio.data import load_site  # noqa: E402
from portfolio.names import BRAND, BRAND_DARK, ROOT_PAGES, SECTIONS  # noqa: E402

# sphinxext-opengraph's card module imports matplotlib's pyplot as the extension loads (0.8 s of
# every build) to draw cards this site draws itself (_ext/portfolio/social_cards.py): a stand-in.
sys.modules.setdefault("sphinxext.opengraph._social_cards",
                       SimpleNamespace(DEFAULT_SOCIAL_CONFIG={"enable": False}, create_social_card=None))

SITE = load_site(ROOT)

project = "Impacto y Resultados"
author = ""
copyright = ""
language = SITE.languages[0]  # Spanish is the source; `-D language=en` builds the translation.
root_doc = "index"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxext.opengraph",   # Open Graph / Twitter tags (the cards: _ext/portfolio/social_cards.py)
    "sphinx_sitemap",        # sitemap.xml per language with xhtml:link alternates
    "notfound.extension",    # 404 page that works from any URL depth
    "portfolio",             # _ext/portfolio: see its docstring
]

# The pages, and nothing else below the repository root (README, ARCHITECTURE, ...). Sphinx still
# walks every folder not excluded, so the large ones that hold no page are pruned (.venv and
# node_modules alone hold tens of thousands of files).
include_patterns = [*ROOT_PAGES, *(f"{section}/**" for section in SECTIONS)]
exclude_patterns = ["_build", ".venv", "node_modules", ".git", ".github", ".ci", ".pytest_cache", "tests", "tools",
                    "locales", "_data", "_ext", "_static", "_templates"]

# Strict: a broken cross-reference is an error, not a warning to skim past.
nitpicky = True

# -- MyST ---------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "substitution", "attrs_inline", "deflist"]
myst_heading_anchors = 3
# Formulas become MathML when written (_ext/portfolio/formulas.py): no MathJax, no script.
html_math_renderer = "mathml"
# myst_substitutions: the figures of _data/metrics.toml, set by _ext/portfolio/data.py
# once the data is validated (global substitutions survive translation; front-matter ones do not).

# -- i18n ---------------------------------------------------------------------
locale_dirs = ["locales/"]
gettext_compact = False     # one catalog per page: translators work on a page at a time
gettext_uuid = False
gettext_location = False    # no source line numbers: editing a page does not churn every catalog
gettext_last_translator = ""
# After a small edit of a Spanish paragraph, `make translate` keeps the old
# translation as fuzzy: show it (not the Spanish) until it is reviewed; the
# catalog check flags every fuzzy entry (Sphinx drops fuzzy entries by default).
gettext_allow_fuzzy_translations = True
gettext_language_team = ""

# -- HTML ---------------------------------------------------------------------
html_theme = "furo"
html_title = project
html_static_path = ["_static"]
templates_path = ["_templates"]
html_css_files = ["portfolio.css"]
html_favicon = "_static/favicon.svg"
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_show_copyright = False  # no copyright holder is named anywhere in the seed
html_use_index = False       # no index entries: an empty general index helps no reader
html_permalinks_icon = "#"
pygments_style = "default"
html_theme_options = {
    "light_css_variables": {"color-brand-primary": BRAND, "color-brand-content": BRAND},
    "dark_css_variables": {"color-brand-primary": BRAND_DARK, "color-brand-content": BRAND_DARK},
}
html_sidebars = {
    "**": ["sidebar/brand.html", "sidebar/languages.html", "sidebar/search.html",
           "sidebar/scroll-start.html", "sidebar/navigation.html", "sidebar/scroll-end.html"],
}

# -- Found and shared -----------------------------------------------------------
# The public URLs (html_baseurl, ogp_site_url, sitemap scheme, 404 prefix) depend
# on the build language and host; _ext/portfolio/languages.py sets them.
sitemap_excludes = ["search.html", "404.html"]
notfound_pagename = "404"  # the 404.md page, translated like any other

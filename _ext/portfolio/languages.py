"""One site per language: canonical base URL, alternates and the switcher.

Every language is built separately (`-D language=xx`) into `<build>/<lang>/`
and published under `<base_url><lang>/`. `-D language` is applied after
conf.py runs, so everything derived from the language is computed here, in
`config-inited` (guide trap 7).
"""

import os
import tomllib
from pathlib import Path

from sphinx.util.osutil import relative_uri

# Each language's name in that language (shown with its own lang attribute).
LANGUAGE_NAMES = {"es": "Español", "en": "English", "fr": "Français", "de": "Deutsch",
                  "pt": "Português", "it": "Italiano", "ca": "Català"}
OG_LOCALES = {"es": "es_ES", "en": "en_US", "fr": "fr_FR", "de": "de_DE",
              "pt": "pt_BR", "it": "it_IT", "ca": "ca_ES"}


def load_site(confdir):
    with open(Path(confdir) / "_data" / "site.toml", "rb") as f:
        return tomllib.load(f)


def language_url(base_url, lang):
    """Public URL of a language's root."""
    return f"{base_url.rstrip('/')}/{lang}/"


def _base_url(site):
    return os.environ.get("SITE_BASE_URL") or site["base_url"]


def config_inited(app, config):
    site = load_site(app.confdir)
    languages = site["languages"]
    if config.language not in languages:
        # A throwaway language (tests) may be added through the environment.
        languages = languages + [config.language]
    app.portfolio_languages = languages
    app.portfolio_base_url = _base_url(site)
    config.html_baseurl = language_url(app.portfolio_base_url, config.language)


def html_page_context(app, pagename, templatename, context, doctree):
    here = app.config.language
    depth_prefix = relative_uri(app.builder.get_target_uri(pagename), "")  # "" or "../" * depth
    links = []
    for lang in app.portfolio_languages:
        links.append({
            "code": lang,
            "name": LANGUAGE_NAMES.get(lang, lang),
            "current": lang == here,
            "href": f"{depth_prefix}../{lang}/{pagename}.html",
            "url": f"{language_url(app.portfolio_base_url, lang)}{pagename}.html",
            "og_locale": OG_LOCALES.get(lang, lang),
        })
    context["language_links"] = links
    context["x_default_url"] = links[0]["url"]
    # The site title is the home page's (translated) title, so it follows the language.
    root_title = app.env.titles.get(app.config.root_doc)
    if root_title is not None:
        context["docstitle"] = root_title.astext()


def setup(app):
    app.connect("config-inited", config_inited)
    app.connect("html-page-context", html_page_context)

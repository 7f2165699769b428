"""One site per language: public URLs, alternates and the switcher.

Every language is built separately (`-D language=xx`) into `<build>/<lang>/`
and published at `<base><lang>/<version path>`. `-D language` is applied after
conf.py runs, so everything derived from the language is computed here, in
`config-inited`: the canonical base, Open Graph URL, sitemap
scheme and alternates, and the 404 page's URL prefix.
"""

import os
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from sphinx.util.osutil import relative_uri

OG_LOCALES = {"es": "es_ES", "en": "en_US", "fr": "fr_FR", "de": "de_DE",
              "pt": "pt_BR", "it": "it_IT", "ca": "ca_ES"}


def sphinx_language(lang):
    """Sphinx's and gettext's name for a language of the site: pt-BR → pt_BR (its catalogs are in
    locales/pt_BR/, `-D language=pt_BR`)."""
    return lang.replace("-", "_")


def site_language(language):
    """The site's name (BCP 47) for Sphinx's language: pt_BR → pt-BR. URLs, folders, hreflang,
    <html lang> and the data's per-language texts use it."""
    return language.replace("_", "-")


def og_locale(lang):
    return OG_LOCALES.get(lang) or sphinx_language(lang)


class SitemapScheme(str):
    """sphinx-sitemap writes a page's own URL with Sphinx's language (pt_BR/): the site's folder
    is pt-BR/. Its alternates already come from the site's codes (sitemap_locales). Set once the
    configuration is checked (Sphinx checks a value's exact type)."""

    def format(self, *, lang, **fields):
        return str.format(self, lang=site_language(lang), **fields)


def site_codes_in_sitemap(app):
    app.config.sitemap_url_scheme = SitemapScheme(app.config.sitemap_url_scheme)


def language_name(lang):
    """A language's name in that language ("Español"), shown with its own lang attribute."""
    try:
        return Locale.parse(sphinx_language(lang)).get_display_name(sphinx_language(lang)).capitalize()
    except (ValueError, UnknownLocaleError):
        return lang


def public_layout(site, environ=os.environ):
    """(base URL, version path): a language's root is <base><lang>/<version path>.

    Read the Docs publishes each language at /<lang>/<version>/ and says where
    in READTHEDOCS_CANONICAL_URL; elsewhere SITE_BASE_URL or _data/site.toml.
    """
    rtd_url, rtd_lang = environ.get("READTHEDOCS_CANONICAL_URL"), environ.get("READTHEDOCS_LANGUAGE")
    if rtd_url and rtd_lang and f"/{rtd_lang}/" in rtd_url:
        base, _, version_path = rtd_url.partition(f"/{rtd_lang}/")
        return base + "/", version_path
    base = environ.get("SITE_BASE_URL") or site.base_url
    return base.rstrip("/") + "/", ""


def language_url(app, lang):
    return f"{app.portfolio_base_url}{lang}/{app.portfolio_version_path}"


def config_inited(app, config):
    site = app.portfolio_data.site
    languages = list(site.languages)
    app.portfolio_language = site_language(config.language)
    if app.portfolio_language not in languages:
        languages.append(app.portfolio_language)  # a throwaway language (tests) built with -D language
    app.portfolio_languages = languages
    app.portfolio_base_url, app.portfolio_version_path = public_layout(site)
    here = language_url(app, app.portfolio_language)
    config.html_baseurl = here          # <link rel="canonical">
    config.ogp_site_url = here          # og:url, og:image
    # sphinx-sitemap infers its locales from the folders of locale_dirs: name every
    # language, or the source one (which has no catalog folder) is left out of the alternates.
    config.site_url = app.portfolio_base_url
    config.sitemap_url_scheme = "{lang}" + app.portfolio_version_path + "{link}"
    config.sitemap_locales = languages
    # The 404 page is served at any depth: its links are absolute paths.
    config.notfound_urls_prefix = urlsplit(here).path


def env_updated(app, env):
    # The site's name is the home page's (translated) title, so it follows the language.
    root_title = env.titles.get(app.config.root_doc)
    if root_title is not None:
        app.portfolio_site_title = root_title.astext()
        # What a shared link's card and preview say first: whose portfolio it is, when given.
        owner = app.portfolio_data.owner
        role = owner.role(app.portfolio_language)
        app.config.ogp_site_name = (" — ".join(filter(None, [owner.name, role])) if owner.name
                                    else app.portfolio_site_title)


def html_page_context(app, pagename, templatename, context, doctree):
    here = app.portfolio_language
    context["language"] = here  # <html lang>: BCP 47 (pt-BR), where Sphinx would write pt_BR
    if pagename == "404":  # served from any URL: absolute paths
        site_root = urlsplit(app.portfolio_base_url).path
    else:
        site_root = relative_uri(app.builder.get_target_uri(pagename), "") + "../"
    links = []
    for lang in app.portfolio_languages:
        links.append({
            "code": lang,
            "name": language_name(lang),
            "current": lang == here,
            "href": f"{site_root}{lang}/{app.portfolio_version_path}{pagename}.html",
            "url": f"{language_url(app, lang)}{pagename}.html",
            "og_locale": og_locale(lang),
        })
    context["language_links"] = links
    context["x_default_url"] = links[0]["url"]
    context["og_locale"] = og_locale(here)
    # Pages that must not be indexed: search results and the 404 page.
    context["noindex"] = pagename in {"search", "404"}
    if getattr(app, "portfolio_site_title", None):
        context["docstitle"] = app.portfolio_site_title


def setup(app):
    app.add_js_file("language-choice.js", loading_method="defer")
    app.connect("config-inited", config_inited)
    app.connect("builder-inited", site_codes_in_sitemap)
    app.connect("env-updated", env_updated)
    app.connect("html-page-context", html_page_context)

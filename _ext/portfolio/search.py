"""Site search: what the pages carry for Pagefind (_ext/portfolio/search_index.py indexes
the built HTML) and for the search box (_static/search.js).

- Sphinx's own search is switched off: no searchindex.js, no search scripts.
  The search page is ours (_templates/search.html, reads ?q=).
- A section's heading carries the section's id (Sphinx puts it on <section>):
  Pagefind builds a page's sub-results, each linking to its section, only from
  headings with an id.
- The article of every page but the search and 404 pages is what is indexed
  (`data-pagefind-body`, _templates/page.html); `search_strings` are the box's
  labels in the page's language, through the theme catalog (sphinx.po).
- _static/search-help.json, written with each language's pages: the words readers
  type that the pages say otherwise (from _data/glossary.toml), which the box
  searches as the pages' words, and the impact areas, offered when a search
  finds nothing. Pagefind has no synonyms of its own
  (https://github.com/Pagefind/pagefind/issues/777).
"""

import json
import unicodedata
from pathlib import Path

from sphinx.locale import _
from sphinx.writers.html5 import HTML5Translator

from .languages import site_language

NOT_INDEXED = {"search", "404"}


class HeadingIdTranslator(HTML5Translator):
    """<section><h2 id="…"> instead of <section id="…"><h2>."""

    def visit_section(self, node):
        ids, node["ids"] = node["ids"], []
        super().visit_section(node)
        node["ids"] = ids

    def visit_title(self, node):
        if node.parent.tagname == "section" and node.parent["ids"] and not node["ids"]:
            node["ids"] = node.parent["ids"]
            super().visit_title(node)
            node["ids"] = []
        else:
            super().visit_title(node)


def search_strings():
    """The search box's labels; {n} and {query} are filled in by the script."""
    return {
        "label": _("Search the site"),
        "placeholder": _("Search"),
        "close": _("Close"),
        "one": _("1 result for “{query}”"),
        "other": _("{n} results for “{query}”"),
        "none": _("No results for “{query}”."),
        "corrected": _("No results for “{query}”; showing results for “{correction}”."),
        "suggest": _("Try one of the impact areas:"),
        "more": _("Show more results"),
        "error": _("Search could not be loaded. Reload the page to try again."),
    }


def plain(text):
    """Lowercase, without accents: how the search box compares what was typed (search.js)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def write_search_help(app, exception):
    if exception or app.builder.name != "html":
        return
    data = app.portfolio_data
    words = data.search_words.get(site_language(app.config.language), {})
    areas = [{"title": app.env.titles[area.page].astext(), "url": app.builder.get_target_uri(area.page)}
             for area in data.areas]
    help_file = Path(app.outdir) / "_static" / "search-help.json"
    help_file.write_text(json.dumps({"words": {plain(form): means for form, means in sorted(words.items())},
                                     "areas": areas}, ensure_ascii=False, separators=(",", ":")),
                         encoding="utf-8")


def switch_off_sphinx_search(app):
    if app.builder.format == "html":
        app.builder.search = False


def search_page(app):
    if app.builder.name == "html":
        yield "search", {"title": _("Search")}, "search.html"


def html_page_context(app, pagename, templatename, context, doctree):
    context["search_indexed"] = pagename not in NOT_INDEXED
    context["search_strings"] = json.dumps(search_strings(), ensure_ascii=False)


def setup(app):
    app.add_js_file("search-loader.js", loading_method="defer")
    app.set_translator("html", HeadingIdTranslator)
    app.connect("builder-inited", switch_off_sphinx_search)
    app.connect("html-collect-pages", search_page)
    app.connect("html-page-context", html_page_context)
    app.connect("build-finished", write_search_help)

"""Valid, accessible and lean HTML from a stack that emits defects of its own.

The Nu HTML Checker, axe-core and Lighthouse gates (tests/) fail on each of
these; they are fixed here rather than in the installed packages.

- Sphinx 9.0 renders a toctree caption as `<p class="caption" role="heading">`
  without `aria-level` (html5.py, HTML5Translator.visit_title; furo copies it
  into its sidebar navigation): a heading role needs a level (axe
  `aria-required-attr`, a Nu checker error). A level 2 is added, in the page
  body and in furo's navigation tree.
- sphinx-design 0.8 puts `aria-controls` on the `<label>` of each tab
  (tabs.py, visit_tab_label): not allowed on a label (Nu checker error). The
  attribute is dropped; the label still toggles its radio input.
- Render-blocking files a page does not use (measured: 132 KiB of a stock
  furo page's first load is CSS): furo links `pygments.css` and sphinx-design links
  its stylesheet and tab script on every page. Each is kept only on the pages
  whose body uses it (highlighted code; a sphinx-design component; a tab set).
  Sphinx's search scripts (its engine, strings and the highlighting of
  searched words) are dropped everywhere: the site search is Pagefind (search.py).
  _ext/portfolio/trim.py then drops the rules no page uses.

- furo 2025.12 wraps each table in a `table-wrapper` container and copies the
  table's attributes to it, ids included (furo/__init__.py, WrapTableAndMathInAContainerTransform):
  a table with a caption then shows its id twice (a Nu checker error). The
  wrapper keeps its classes, not the ids.

Fixed elsewhere: a translated meta description's `translated="True"`
attribute (meta_tags.py); furo's two unlabelled `<aside>` landmarks and its
visually hidden view/edit text outside any landmark (_templates/page.html);
furo's search page without a level-one heading (our own, _templates/search.html).
"""

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

CAPTION = re.compile(r'<p class="caption( [^"]*)?" role="heading"(?![^>]*aria-level)')
# What a page's body must contain for each optional asset to be kept.
OPTIONAL_ASSETS = {
    "pygments.css": re.compile(r'class="[^"]*\bhighlight\b'),
    "sphinx-design.min.css": re.compile(r'class="[^"]*\bsd-'),
    "design-tabs.js": re.compile(r'class="[^"]*\bsd-tab-set\b'),
}


def add_caption_level(html):
    """Give every toctree caption heading an aria-level."""
    return CAPTION.sub(lambda m: m.group(0) + ' aria-level="2"', html)


def drop_tab_label_aria_controls(app, doctree, docname):
    from sphinx_design.tabs import sd_tab_label

    for label in doctree.findall(sd_tab_label):
        label.attributes.pop("aria_controls", None)


SPHINX_SEARCH_SCRIPTS = {"documentation_options.js", "doctools.js", "sphinx_highlight.js", "translations.js"}


def _asset_name(asset):
    return str(getattr(asset, "filename", asset)).split("?")[0].rsplit("/", 1)[-1]


def unused_assets(body):
    """Names of the optional assets a page body does not use."""
    return {name for name, used in OPTIONAL_ASSETS.items() if not used.search(body or "")}


def html_page_context(app, pagename, templatename, context, doctree):
    for key in ("body", "furo_navigation_tree", "toc"):
        if isinstance(context.get(key), str):
            context[key] = add_caption_level(context[key])
    unused = unused_assets(context.get("body")) | SPHINX_SEARCH_SCRIPTS
    # The builder's own lists, restored before each page: removing in place
    # affects this page only.
    for key in ("css_files", "script_files"):
        files = context.get(key)
        if isinstance(files, list):
            files[:] = [f for f in files if _asset_name(f) not in unused]


class TableWrapperIds(SphinxPostTransform):
    """Ids stay on the table, not on furo's wrapper around it."""

    default_priority = 510  # after furo's wrapping (500)

    def run(self, **kwargs):
        for wrapper in self.document.findall(nodes.container):
            if "table-wrapper" in wrapper["classes"]:
                wrapper["ids"] = []


def setup(app):
    app.add_post_transform(TableWrapperIds)
    app.connect("doctree-resolved", drop_tab_label_aria_controls)
    # After furo (priority 500) has computed its navigation tree.
    app.connect("html-page-context", html_page_context, priority=800)

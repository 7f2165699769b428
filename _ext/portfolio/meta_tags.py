"""The page's meta description drives every description a crawler reads.

- Open Graph: sphinxext-opengraph takes og:description from the first paragraph;
  the page's own (translated) meta description is the better summary, so it is
  passed to it as a per-page override, with og:type "article" for case studies.
- Sphinx marks a translated meta node `translated="True"` and the HTML writer
  prints it as an attribute: invalid HTML. It is dropped here.
"""

from docutils import nodes

CASE_STUDIES = "casos/"


def page_description(doctree):
    """The page's (translated) meta description, or None."""
    if doctree is None:
        return None
    for meta in doctree.findall(nodes.meta):
        if meta.get("name") == "description":
            return meta.get("content")
    return None


def is_case_study(pagename):
    return pagename.startswith(CASE_STUDIES) and pagename != CASE_STUDIES + "index"


def drop_translated_flag(app, doctree, docname):
    for meta in doctree.findall(nodes.meta):
        meta.attributes.pop("translated", None)


def open_graph_overrides(app, pagename, templatename, context, doctree):
    description = page_description(doctree)
    overrides = {}
    if description:
        overrides["og:description"] = overrides["og:image:alt"] = description
    if is_case_study(pagename):
        overrides["og:type"] = "article"
    # A copy: context["meta"] is the environment's own metadata for the page.
    context["meta"] = {**(context.get("meta") or {}), **overrides}


def setup(app):
    app.connect("doctree-resolved", drop_translated_flag)
    # Before sphinxext-opengraph (priority 500) reads context["meta"].
    app.connect("html-page-context", open_graph_overrides, priority=400)

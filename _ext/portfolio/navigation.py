"""The sidebar's navigation: every section and its pages, but a collection
(names.COLLECTIONS: the playbooks) by its index alone, which lists its posts.

furo renders the whole site's tree into every page: with every post in it, each
page would grow with the number of posts, the site with its square, and so would
the time to resolve and render the tree. The tree furo asks for is resolved here
with each collection's list of posts left out, before it is rendered; on a post,
the collection's entry is the current one.

Every page carries the titles of the others (the navigation, links written with
their target's title), and Sphinx rewrites only the pages it read again: when a
page's title changes, or a page comes or goes, every page is written again, so
an incremental build gives the bytes of a clean one.
"""

from contextlib import contextmanager

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.adapters.toctree import global_toctree_for_doc

from .names import COLLECTIONS

INDEXES = [f"{name}/index" for name in COLLECTIONS]


@contextmanager
def posts_left_out(env):
    """Each collection index's table of contents without its list of posts, while the tree is resolved."""
    kept = {index: env.tocs[index] for index in INDEXES if index in env.tocs}
    for index, toc in kept.items():
        pruned = toc.deepcopy()
        for toctree in list(pruned.findall(addnodes.toctree)):
            toctree.parent.remove(toctree)
        env.tocs[index] = pruned
    try:
        yield
    finally:
        env.tocs.update(kept)


def collection_of(pagename):
    return next((index for index in INDEXES if pagename.startswith(index.removesuffix("index"))), None)


def sidebar_tree(app, pagename):
    """Sphinx's `toctree()` of the page's context (StandaloneHTMLBuilder._get_local_toctree), resolved
    without the collections' posts."""
    builder = app.builder

    def toctree(collapse=True, **kwargs):
        kwargs.setdefault("includehidden", False)
        if kwargs.get("maxdepth") == "":
            kwargs.pop("maxdepth")
        with posts_left_out(app.env):
            tree = global_toctree_for_doc(app.env, pagename, builder, tags=builder.tags, collapse=collapse, **kwargs)
        index = collection_of(pagename)
        if tree is not None and index and pagename != index:  # a post: its collection is where the reader is
            here = builder.get_relative_uri(pagename, index)
            for reference in tree.findall(nodes.reference):
                branch = reference if reference.get("refuri") == here else None
                while branch is not None:  # the whole branch, as Sphinx marks the page's own
                    branch["classes"].append("current")
                    branch = branch.parent
        return builder.render_partial(tree)["fragment"]

    return toctree


def prune_collections(app, pagename, templatename, context, doctree):
    if "toctree" not in context:
        return
    if pagename == getattr(app.config, "notfound_pagename", None):
        # sphinx-notfound-page's own toctree() (priority 400): the same tree, with absolute links.
        theirs = context["toctree"]

        def toctree(**kwargs):
            with posts_left_out(app.env):
                return theirs(**kwargs)

        context["toctree"] = toctree
    else:
        context["toctree"] = sidebar_tree(app, pagename)


def remember_titles(app, env, docnames):
    env.portfolio_titles_before = {doc: env.titles[doc].astext() if doc in env.titles else None for doc in docnames}


def note_structure(app, env, added, changed, removed):
    env.portfolio_pages_came_or_went = bool(added or removed)
    return []


def rewrite_when_titles_change(app, env):
    before = getattr(env, "portfolio_titles_before", {})
    retitled = [doc for doc, title in before.items() if title is not None and doc in env.titles
                and env.titles[doc].astext() != title]
    if retitled or getattr(env, "portfolio_pages_came_or_went", False):
        return sorted(env.found_docs)
    return []


def setup(app):
    # Before furo's handler (priority 500), which renders the tree.
    app.connect("html-page-context", prune_collections, priority=450)
    app.connect("env-get-outdated", note_structure)
    app.connect("env-before-read-docs", remember_titles)
    app.connect("env-get-updated", rewrite_when_titles_change)

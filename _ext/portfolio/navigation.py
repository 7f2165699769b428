"""The sidebar's navigation: every section and its pages, but a collection
(names.COLLECTIONS: the playbooks) by its index alone, which lists its posts.

furo renders the whole site's tree into every page; with every post in it, each
page would grow with the number of posts and the site with its square. The
tree Sphinx hands to furo is pruned before furo reads it.

Every page carries the titles of the others (the navigation, links written with
their target's title), and Sphinx rewrites only the pages it read again: when a
page's title changes, or a page comes or goes, every page is written again, so
an incremental build gives the bytes of a clean one.
"""

import re

from .names import COLLECTIONS


def _pruner(collections):
    # The collection's link, then the list of its posts: titles only, so the link's text holds no
    # tag and the list no nested list.
    links = "|".join(re.escape(f"{name}/index.html") for name in collections)
    return re.compile(rf'(<a class="[^"]*reference internal[^"]*" href="(?:[^"]*/)?(?:{links})">[^<]*</a>)<ul>.*?</ul>',
                      re.S)


PRUNE = _pruner(COLLECTIONS)


def prune_collections(app, pagename, templatename, context, doctree):
    toctree = context.get("toctree")
    if toctree is None:
        return

    def pruned(**kwargs):
        return PRUNE.sub(r"\1", toctree(**kwargs))

    context["toctree"] = pruned


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

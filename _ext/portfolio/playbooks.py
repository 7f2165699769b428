"""Playbooks: dated posts, an index newest first and an Atom feed per language.

Each post (playbooks/<slug>.md) declares in its front matter its date and the
principles and case studies it draws on (validated by data.py). Under its title
the post shows its date and links to those pages; `playbook-list` lists the
posts newest first (with the section's toctree); the feed is written with
feedgen once the build is done, and every page announces it in its head.
"""

import datetime
from pathlib import Path

from docutils import nodes
from feedgen.feed import FeedGenerator
from sphinx import addnodes
from sphinx.locale import _

from .areas import NO_SEARCH, GeneratedDirective, summary_of
from .data import PLAYBOOKS
from .languages import site_language
from .values import date_node

FEED = f"{PLAYBOOKS}/atom.xml"


class PlaybookList(GeneratedDirective):
    """The posts, newest first: title, date and summary; and the section's hidden toctree."""

    def run(self):
        posts = self.data.playbooks
        items = nodes.bullet_list(classes=["playbook-list", NO_SEARCH])
        for post in posts:
            para = self.ref_item(post.page)  # title: summary
            para.insert(1, nodes.Text(" ("))
            para.insert(2, date_node(post.date, self.config.language))
            para.insert(3, nodes.Text(")"))
            items += nodes.list_item("", para)
        toctree = ["```{toctree}", ":hidden:", "", *[Path(p.page).name for p in posts], "```"]
        return [items, *self.parse_generated(toctree)]


class PlaybooksFeed(GeneratedDirective):
    """A visible link to this language's feed, for readers who follow the playbooks."""

    def run(self):
        href = "../" * self.env.docname.count("/") + FEED
        label = _("Subscribe to the playbooks (Atom feed)")
        link = nodes.reference(label, label, refuri=href, type="application/atom+xml")
        return [nodes.paragraph("", "", link, classes=["playbooks-feed"], translatable=False)]


def add_post_header(app, doctree):
    """Under a post's title: its date and the principles and case studies it draws on."""
    post = next((p for p in app.portfolio_data.playbooks if p.page == app.env.docname), None)
    if post is None:
        return
    # Titles of other pages: not this page's words for the search (NO_SEARCH).
    para = nodes.paragraph(classes=["playbook-meta", NO_SEARCH], translatable=False)
    para += nodes.Text(_("Published") + " ")
    para += date_node(post.date, app.config.language)
    para += nodes.Text(" · " + _("Draws on") + ": ")
    docs = [f"principios/{p}" for p in post.principles] + [f"casos/{c}" for c in post.cases]
    for i, doc in enumerate(docs):
        if i:
            para += nodes.Text(", ")
        para += addnodes.pending_xref("", nodes.inline(), refdomain="std", reftype="ref", reftarget=doc,
                                      refexplicit=False, refwarn=True)
    title = next(doctree.findall(nodes.title))
    section = title.parent
    section.insert(section.index(title) + 1, para)


def feed_url(app):
    return f"{app.config.html_baseurl}{FEED}"


def feed_title(app):
    section = _("Playbooks")
    return f"{section} — {getattr(app, 'portfolio_site_title', app.config.project)}"


def html_page_context(app, pagename, templatename, context, doctree):
    context["feed_url"], context["feed_title"] = feed_url(app), feed_title(app)


def write_feed(app, exception):
    if exception or app.builder.name != "html":
        return
    env, base, data = app.env, app.config.html_baseurl, app.portfolio_data
    index_url = f"{base}{PLAYBOOKS}/index.html"
    feed = FeedGenerator()
    feed.id(index_url)
    feed.title(feed_title(app))
    feed.language(site_language(app.config.language))
    feed.link(href=feed_url(app), rel="self", type="application/atom+xml")
    feed.link(href=index_url, rel="alternate", type="text/html")
    feed.author({"name": data.owner.name or getattr(app, "portfolio_site_title", app.config.project)})

    def moment(date):
        return datetime.datetime.combine(date, datetime.time(), datetime.UTC)

    feed.updated(moment(max((p.date for p in data.playbooks), default=datetime.date(1970, 1, 1))))
    for post in data.playbooks:  # newest first, as in the index
        entry = feed.add_entry(order="append")
        url = f"{base}{post.page}.html"
        entry.id(url)
        entry.title(env.titles[post.page].astext())
        entry.link(href=url, rel="alternate", type="text/html")
        entry.published(moment(post.date))
        entry.updated(moment(post.date))
        entry.summary(summary_of(env, post.page))
    out = Path(app.outdir, FEED)
    out.parent.mkdir(parents=True, exist_ok=True)
    feed.atom_file(str(out), pretty=True)


def setup(app):
    app.add_directive("playbook-list", PlaybookList)
    app.add_directive("playbooks-feed", PlaybooksFeed)
    app.connect("doctree-read", add_post_header)
    app.connect("html-page-context", html_page_context)
    app.connect("build-finished", write_feed)

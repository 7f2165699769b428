"""Links written in 404.md work from any URL depth.

sphinx-notfound-page makes the 404 template's links absolute (with
notfound_urls_prefix) but leaves cross-references in the page body relative,
so they break when the page is served for a missing URL deep in the site.
"""

from urllib.parse import urlsplit

from docutils import nodes


def absolute_body_links(app, doctree, docname):
    if docname != app.config.notfound_pagename:
        return
    prefix = app.config.notfound_urls_prefix or "/"
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if uri and not uri.startswith(("#", "/")) and not urlsplit(uri).scheme:
            ref["refuri"] = prefix + uri


def setup(app):
    app.connect("doctree-resolved", absolute_body_links)

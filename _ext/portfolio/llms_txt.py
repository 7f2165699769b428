"""llms.txt for each language (https://llmstxt.org): the site's pages, in
reading order, with their descriptions, as Markdown links to the HTML pages."""

from pathlib import Path

from .meta_tags import page_description


def collect(app, pagename, templatename, context, doctree):
    if doctree is not None:
        app.portfolio_llms[pagename] = (context.get("title", ""), page_description(doctree))


def _ordered(env, docname):
    """Documents in toctree order, depth first."""
    yield docname
    for child in env.toctree_includes.get(docname, []):
        yield from _ordered(env, child)


def write(app, exception):
    if exception or app.builder.format != "html":
        return
    pages = app.portfolio_llms
    root = app.config.root_doc
    base = app.config.html_baseurl
    title, description = pages[root]
    lines = [f"# {title}", ""]
    if description:
        lines += [f"> {description}", ""]
    for section in app.env.toctree_includes.get(root, []):
        section_title, section_description = pages[section]
        lines += [f"## {section_title}", ""]
        for doc in _ordered(app.env, section):
            doc_title, doc_description = pages[doc]
            suffix = f": {doc_description}" if doc_description else ""
            lines.append(f"- [{doc_title}]({base}{doc}.html){suffix}")
        lines.append("")
    Path(app.outdir, "llms.txt").write_text("\n".join(lines), encoding="utf-8")


def setup(app):
    app.portfolio_llms = {}
    app.connect("html-page-context", collect)
    app.connect("build-finished", write)

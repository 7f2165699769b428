"""llms.txt for each language (https://llmstxt.org): the site's pages, in
reading order, with their descriptions, as Markdown links to the HTML pages."""

from pathlib import Path

from sphinx.locale import _

from .areas import summary_of
from .pdf_link import DOCUMENTS, pdf_path


def _ordered(env, docname):
    """Documents in toctree order, depth first."""
    yield docname
    for child in env.toctree_includes.get(docname, []):
        yield from _ordered(env, child)


def write(app, exception):
    if exception or app.builder.format != "html":
        return
    env, root, base = app.env, app.config.root_doc, app.config.html_baseurl

    def entry(doc):  # from the environment, so an incremental build lists every page
        return env.titles[doc].astext(), summary_of(env, doc)

    title, description = entry(root)
    lines = [f"# {title}", ""]
    if description:
        lines += [f"> {description}", ""]
    for section in env.toctree_includes.get(root, []):
        lines += [f"## {entry(section)[0]}", ""]
        for doc in _ordered(env, section):
            doc_title, doc_description = entry(doc)
            suffix = f": {doc_description}" if doc_description else ""
            lines.append(f"- [{doc_title}]({base}{doc}.html){suffix}")
        lines.append("")
    documents = [f"- [{label()}]({base}{name})" for name, label in DOCUMENTS.items() if pdf_path(app, name)]
    if documents:
        heading = _("Download PDF")  # outside the f-string, where the catalog's extractor finds it
        lines += [f"## {heading}", "", *documents, ""]
    Path(app.outdir, "llms.txt").write_text("\n".join(lines), encoding="utf-8")


def setup(app):
    app.connect("build-finished", write)

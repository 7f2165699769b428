"""The build's stages around Sphinx's own, declared here and nowhere else.

Every way the site is built runs Sphinx's html builder with this extension, one
language at a time — `make html` (build.py: each language, then the root
files), `make livehtml`, Read the Docs, GitHub Pages, the tests, the benchmark —
so every one of them writes the same bytes.

Before the pages (`builder-inited`): the language's PDFs (pdf.py), which the
home page links with their size. They are rebuilt only when an input changed
(inputs.py); otherwise the last ones are kept, in the doctree cache.

After the pages (`build-finished`, after every other handler has written its
files), in this order — each reads what the one before wrote:

1. publish  the PDFs copied beside the pages;
2. trim     the CSS no page uses and the pages' indentation dropped (trim.py);
3. index    the search index, Pagefind over the trimmed pages (search_index.py);
4. csp      the Content-Security-Policy, last: it hashes the inline code of the
            pages as they are published (csp.py).

A stage asked for out of this order, or twice in one build, stops the build:
a policy computed before the pages' last change would be stale.
"""

import shutil
import sys
from pathlib import Path

import sphinx_sitemap
from sphinx.errors import SphinxError

from . import csp, inputs, pdf, search_index, trim
from .languages import site_language
from .names import PDF_NAME, SUMMARY_NAME

STAGES = ["publish", "trim", "index", "csp"]


class StageOrderError(SphinxError):
    category = "Build stage out of order"


def stage_failed(message):
    """Stop the build with the stage's own message (which names the file and line): Sphinx's crash
    report around it would bury it, and there is nothing in Sphinx to debug."""
    print(f"Build stage failed: {message}", file=sys.stderr)
    raise SystemExit(2)


class Stages:
    """The stages run on one language's output, each once, in the declared order."""

    def __init__(self, app):
        self.app, self.outdir, self.done = app, Path(app.outdir), []
        # The pages Sphinx wrote in this build; the others were finished by an earlier one.
        self.written = [self.outdir / app.builder.get_target_uri(page) for page in sorted(app.portfolio_written)]

    def run(self, name):
        expected = STAGES[len(self.done)] if len(self.done) < len(STAGES) else None
        if name != expected:
            raise StageOrderError(f"stage {name!r} asked for after {self.done or 'none'}; "
                                  f"the order is {' → '.join(STAGES)}")
        getattr(self, name)()
        self.done.append(name)

    def publish(self):
        for name in (SUMMARY_NAME, PDF_NAME):
            source = pdf_dir(self.app) / name
            target = self.outdir / name
            if source.is_file() and (not target.is_file() or target.read_bytes() != source.read_bytes()):
                shutil.copyfile(source, target)

    def trim(self):
        trim.apply(self.outdir, self.written)

    def index(self):
        try:
            search_index.index(self.outdir)
        except search_index.SearchIndexError as error:
            stage_failed(f"search index: {error}")

    def csp(self):
        csp.apply(self.outdir, live_reload=self.app.config.portfolio_live_reload,
                  cache=Path(self.app.doctreedir) / "csp.json")


def pdf_dir(app):
    """Where this language's PDFs are kept between builds: beside Sphinx's own cache."""
    return Path(app.doctreedir) / "pdf" / site_language(app.config.language)


def build_pdfs(app):
    """The language's PDFs, unless they were built from the same inputs."""
    if app.builder.name != "html" or not app.config.portfolio_pdf:
        return
    folder = pdf_dir(app)
    stamp = folder / inputs.STAMP
    current = inputs.digest(app.confdir, "pdf", app.config.language)
    if stamp.is_file() and stamp.read_text() == current and (folder / PDF_NAME).is_file():
        return
    stamp.unlink(missing_ok=True)
    try:
        pdf.build(app.confdir, folder.parent, site_language(app.config.language))
    except pdf.PdfError as error:
        stage_failed(f"PDF: {error}")
    stamp.write_text(current)


def note_written(app, pagename, templatename, context, doctree):
    app.portfolio_written.add(pagename)


def list_unwritten_pages(app, exception):
    """sphinx-sitemap lists only the pages a build writes, so an incremental build would publish
    a sitemap of the edited pages alone (https://github.com/jdillard/sphinx-sitemap/issues/13):
    the pages left as they were are added to its list before it writes the file, and the list is
    put in the order of a clean build's (Sphinx writes the pages in their names' order)."""
    if exception is not None or app.builder.name != "html":
        return
    for page in app.env.found_docs - app.portfolio_written:
        sphinx_sitemap.add_html_link(app, page, None, {}, None)
    links = []
    while not app.sitemap_links.empty():
        links.append(app.sitemap_links.get_nowait())
    for link in sorted(links):
        app.sitemap_links.put(link)


def finish(app, exception):
    if exception is not None or app.builder.name != "html":
        return
    stages = Stages(app)
    for name in STAGES:
        stages.run(name)


def setup(app):
    # False: no PDF at all (a fixture site that tests one directive).
    app.add_config_value("portfolio_pdf", True, "env", types=frozenset({bool}))
    # `make livehtml`: the address sphinx-autobuild serves on; the policy then lets its reload script run.
    app.add_config_value("portfolio_live_reload", "", "env", types=frozenset({str}))
    app.portfolio_written = set()
    app.connect("builder-inited", build_pdfs)
    app.connect("html-page-context", note_written)
    app.connect("build-finished", list_unwritten_pages, priority=400)  # before sphinx-sitemap's (500)
    app.connect("build-finished", finish, priority=900)

"""`make livehtml`: the preview rebuilds on save — a page, a catalog, a data file — and
writes the same bytes as `make html`.

Run on a project copy with the real Makefile command (sphinx-autobuild); each
check waits (at most three minutes: each rebuild makes the PDFs anew) for the served
page to show the edit. The time it takes is a benchmark figure (tools/bench.py),
not an assertion here.
"""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, copy_project
from portfolio import build as build_site
from portfolio import csp


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def served(url):
    """The page's article as served now, or the whole file when it is no page; None while it
    cannot be read: the server is not up, or it sent a file the rebuild was rewriting (its old
    length announced, fewer bytes read)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            page = response.read().decode("utf-8")
    except (OSError, http.client.HTTPException):
        return None
    start = page.find("<article")
    return page[start:page.find("</article>") + len("</article>")] if start >= 0 else page


def readable(url, seconds=60):
    """The page as served once it can be read whole."""
    deadline = time.monotonic() + seconds
    while (page := served(url)) is None and time.monotonic() < deadline:
        time.sleep(0.3)
    assert page is not None, f"{url} could not be read"
    return page


def wait_for(url, text, seconds=180, present=True):
    """Wait until the served page shows `text` (or, with present=False, no longer shows it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = served(url)
        if page is not None and (text in page) == present:
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def live(tmp_path, request):
    """Start `make livehtml` (LANG from the test's parameter) on a copy; yield (project, base URL)."""
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    shutil.copytree(ROOT / "tools", project / "tools")
    (project / ".venv").symlink_to(ROOT / ".venv")
    port = free_port()
    lang_arg = [f"LANG={request.param}"] if request.param != "es" else []
    # -o: the copy borrows the repository's .venv as it is.
    command = ["make", "-s", "-o", ".venv/.installed", "livehtml", f"PORT={port}", *lang_arg]
    server = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(f"{base}/index.html", "</article>", 240), "the live server never served the site"
        yield project, base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("live", ["es"], indirect=True)
def test_spanish_preview_follows_pages_and_data(live):
    project, base = live
    replace(project / "principios" / "contratos.md", "# Contratos", "# Contratos Vivos")
    assert wait_for(f"{base}/principios/contratos.html", "Contratos Vivos"), "a page edit"
    assert wait_for(f"{base}/pagefind/words.json", '"vivos"'), "the search index after a page edit"
    # A data file no page includes: the areas' principles, listed on each impact page.
    page = f"{base}/impacto/serving-gnn.html"
    assert "medir-lo-que-importa.html" not in readable(page)
    replace(project / "_data" / "areas.toml", 'principles = ["observabilidad"]',
            'principles = ["observabilidad", "medir-lo-que-importa"]')
    assert wait_for(page, "medir-lo-que-importa.html"), "a data edit"
    assert_same_as_production(project, base, "es",
                              ["principios/contratos.html", "impacto/serving-gnn.html", "index.html"])


def directives(meta):
    """{directive: its sources} of a page's <meta http-equiv="Content-Security-Policy">."""
    content = meta.split('content="', 1)[1].removesuffix('">')
    return {name: set(sources) for name, *sources in (part.split() for part in content.split(";"))}


def assert_same_as_production(project, base, lang, pages):
    """The preview's files (what it serves, before its reload script) are `make html`'s bytes:
    the same stages ran on them — PDFs linked, trimmed, indexed, under the same policy."""
    build_site.build(project, project / "_build" / "html", languages=[lang])
    live, production = project / "_build" / "live" / lang, project / "_build" / "html" / lang
    files = [*pages, "_static/styles/furo.css", "pagefind/words.json", "portafolio.pdf"]

    # One difference: the preview's policy also lets sphinx-autobuild's reload script run.
    address = base.removeprefix("http://")
    reload_hash = csp.sha256(BeautifulSoup(csp.live_reload_script(address), "html.parser").script.string)

    def same(name):
        built, preview = (production / name).read_bytes(), (live / name).read_bytes()
        if not name.endswith(".html"):
            return built == preview
        built, preview = built.decode("utf-8"), preview.decode("utf-8")
        built_policy, preview_policy = csp.EXISTING.search(built).group(0), csp.EXISTING.search(preview).group(0)
        expected = directives(built_policy)
        expected["script-src"].add(reload_hash)
        return directives(preview_policy) == expected and built.replace(built_policy, preview_policy) == preview

    def differing():
        return [name for name in files if not (live / name).is_file() or not same(name)]
    # The preview may still be running its last stages: wait for them, not for a time.
    deadline = time.monotonic() + 120
    while differing() and time.monotonic() < deadline:
        time.sleep(0.3)
    assert not differing(), differing()


@pytest.mark.parametrize("live", ["en"], indirect=True)
def test_english_preview_follows_its_catalogs(live):
    project, base = live
    assert "Contracts over Cowboy Code" in readable(f"{base}/principios/contratos.html")
    replace(project / "locales" / "en" / "LC_MESSAGES" / "principios" / "contratos.po",
            'msgstr "Contracts over Cowboy Code"', 'msgstr "Contracts over Live Code"')
    assert wait_for(f"{base}/principios/contratos.html", "Contracts over Live Code"), "a catalog edit"

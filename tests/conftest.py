"""Shared fixtures: the real site, built once per test run, and served on loopback."""

import fcntl
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import LANGUAGES, REPORTS, ROOT, copy_project
from portfolio import build as build_site
from portfolio_tools.audit import serving

# The site the tests read, built once for every test process and kept between runs: the
# build is incremental, so a run after a small edit rebuilds only what the edit reaches.
SITE = ROOT / "_build" / "test-site" / "html"


def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):  # the controller, not an xdist worker
        shutil.rmtree(REPORTS, ignore_errors=True)


def pytest_terminal_summary(terminalreporter):
    for path in sorted(REPORTS.glob("*.txt")):
        terminalreporter.write_sep("-", path.stem)
        terminalreporter.write(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site():
    """The whole site, built strictly in every language (a warning fails the run). The first
    test process builds it; the others wait for it and find nothing to redo."""
    SITE.parent.mkdir(parents=True, exist_ok=True)
    with open(SITE.parent / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return build_site.build(ROOT, SITE)


@pytest.fixture(scope="session")
def pages(site):
    """{lang: {page path relative to the language root: BeautifulSoup}} for every content page."""
    result = {}
    for lang in LANGUAGES:
        root = site / lang
        result[lang] = {
            str(p.relative_to(root)): BeautifulSoup(p.read_text(encoding="utf-8"), "lxml")
            for p in sorted(root.rglob("*.html"))
            if p.name != "search.html"
        }
    return result


@pytest.fixture
def project_copy(tmp_path):
    """A throwaway copy of the project, to break on purpose."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def server(site):
    """The built site served over HTTP on a loopback port, as `make serve` does."""
    with serving(site) as base:
        yield base


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Missing in CI is a failure, never a skip."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it (apt, as root).")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            # Nothing leaves the machine: any host but the loopback fails to resolve.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
        yield browser
        browser.close()


# Fixtures that make a test slow: a build of the whole site (the project's or a copy's), a
# real browser, the site served, a validator's Java run. `make check` runs the rest: the
# data, the catalogs, the tools, and the extension on small fixture sites (test_extension.py).
SLOW_FIXTURES = {"site", "pages", "owned", "noted", "browser", "server", "project_copy", "tmp_path", "broken",
                 "stack_site", "third"}


def pytest_collection_modifyitems(items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)

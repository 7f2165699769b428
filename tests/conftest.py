"""Shared fixtures: the real site, built once per test run, and served on loopback."""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "_ext"))
import build_site  # noqa: E402
from audit import serving  # noqa: E402

LANGUAGES = build_site.site_languages()
SOURCE, TRANSLATIONS = LANGUAGES[0], LANGUAGES[1:]
# Figures a test measures (search relevance, latency, bytes) are reported, not asserted
# as wall times: each test writes its report here; the run prints them at the end.
REPORTS = ROOT / "_build" / "test-reports"


def report(name, text):
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{name}.txt").write_text(text.rstrip() + "\n", encoding="utf-8")


def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):  # the controller, not an xdist worker
        shutil.rmtree(REPORTS, ignore_errors=True)


def pytest_terminal_summary(terminalreporter):
    for path in sorted(REPORTS.glob("*.txt")):
        terminalreporter.write_sep("-", path.stem)
        terminalreporter.write(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The whole site, built strictly in every language (a warning fails the run)."""
    return build_site.build(ROOT, tmp_path_factory.mktemp("site") / "html")


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


def article_text(soup):
    return soup.select_one("article").get_text(" ", strip=True)


def metrics():
    """Each figure of _data/metrics.toml as the pages write it."""
    with open(ROOT / "_data" / "metrics.toml", "rb") as f:
        return {name: figure["text"] for name, figure in tomllib.load(f).items()}


copy_project = build_site.copy_project


@pytest.fixture
def project_copy(tmp_path):
    """A throwaway copy of the project, to break on purpose."""
    return copy_project(tmp_path / "project")


def build_one(project, lang, builder="html"):
    """Strict build of one language of a project copy; returns (returncode, output)."""
    out = project / "_build" / lang
    run = subprocess.run(build_site.sphinx_command(project, out, lang, builder=builder),
                         cwd=project, capture_output=True, text=True)
    return run.returncode, run.stdout + run.stderr


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


# Fixtures that make a test slow: a real browser, the site served, a validator's
# Java run or a throwaway copy of the project. `make check` runs the rest.
SLOW_FIXTURES = {"browser", "server", "project_copy", "tmp_path", "broken", "stack_site", "third"}


def pytest_collection_modifyitems(items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def assert_data_error(project, path, edit, message):
    """Edit a data file of a project copy: the data check and the build both stop with `message`."""
    from portfolio.data import DataError, load

    target = project / path
    target.write_text(target.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load(project)
    assert message in str(error.value), str(error.value)
    code, output = build_one(project, SOURCE)
    assert code != 0 and message in output, output

"""What the tests share besides fixtures: the project's languages, throwaway copies and builds,
and the figures a test reports."""

import fcntl
import os
import subprocess
import tomllib
from concurrent.futures import ThreadPoolExecutor

import pytest
from portfolio import build as build_site
from portfolio.names import ROOT

LANGUAGES = build_site.site_languages(ROOT)
SOURCE, TRANSLATIONS = LANGUAGES[0], LANGUAGES[1:]
# Figures a test measures (search relevance, latency, bytes) are reported, not asserted
# as wall times: each test writes its report here; the run prints them at the end.
REPORTS = ROOT / "_build" / "test-reports"

copy_project = build_site.copy_project


def report(name, text):
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{name}.txt").write_text(text.rstrip() + "\n", encoding="utf-8")


def article_text(soup):
    return soup.select_one("article").get_text(" ", strip=True)


def metrics():
    """Each figure of _data/metrics.toml as the pages write it."""
    with open(ROOT / "_data" / "metrics.toml", "rb") as f:
        return {name: figure["text"] for name, figure in tomllib.load(f).items()}


def pdf_source(site, lang):
    """The single page a language's PDFs are laid out from, kept with its build cache (pipeline.py)."""
    return build_site.doctrees_of(site) / lang / "pdf" / "work" / "singlehtml" / lang / "index.html"


def build_one(project, lang, builder="html", pdf=False):
    """Strict build of one language of a project copy, without its PDFs unless asked (they take
    the most time); returns (returncode, output)."""
    out = project / "_build" / lang
    run = subprocess.run(build_site.sphinx_command(project, out, lang, builder=builder,
                                                   settings=[] if pdf else ["portfolio_pdf=0"]),
                         cwd=project, capture_output=True, text=True)
    return run.returncode, run.stdout + run.stderr


def build_each(project, languages=LANGUAGES):
    """build_one for each language, side by side as build.py runs them; each must pass."""
    with ThreadPoolExecutor(max_workers=len(languages)) as pool:
        results = pool.map(lambda lang: build_one(project, lang), languages)
        for lang, (code, output) in zip(languages, results, strict=True):
            assert code == 0, f"[{lang}] {output}"


def shared(tmp_path_factory, name, make):
    """A folder made once per test run, shared by every xdist worker: the first
    worker to need it makes it, the others wait for it (a file lock)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder, failure = base / name, base / f"{name}.failed"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".done").exists() and not failure.exists():
            try:
                make(copy_project(folder / "project"))
                (folder / ".done").touch()
            except Exception as error:  # noqa: BLE001 - reported to every test that needs it
                failure.write_text(f"{type(error).__name__}: {error}", encoding="utf-8")
    if failure.exists():
        pytest.fail(f"{name}: {failure.read_text(encoding='utf-8')}")
    return folder / "project"


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

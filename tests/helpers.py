"""What the tests share besides fixtures: the project's languages, throwaway copies and builds,
and the figures a test reports."""

import subprocess
import tomllib

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

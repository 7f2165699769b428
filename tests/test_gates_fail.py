"""Each gate fails on a deliberately broken page, with a message that says what and where.

A copy of the built site is broken one page per gate (the real site is left
alone) and served on its own port; each gate then runs on its broken page.
"""

import re
import shutil
import subprocess
import sys

import pytest
from gates import PHONE, UTILITY_PAGES, axe_violations, language_pages, new_context, visit, vnu_errors
from helpers import LANGUAGES, SOURCE
from portfolio import search_index
from portfolio_tools.audit import serving
from test_browser import (
    keyboard_failures,
    mobile_navigation_failures,
    network_failures,
    switcher_failures,
    theme_toggle_failures,
)
from test_search import SUITE, TOP1, relevance, scores

OTHER = LANGUAGES[1]
MAIN = '<article role="main" id="furo-main-content" data-pagefind-body>'
IMAGE_WITHOUT_ALT = '<img src="_static/logo.png">'
OFF_SITE_SCRIPT = "https://cdn.example.invalid/analytics.js"
LEFT_OUT = "playbooks/preparacion-rollback"


def _edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="module")
def broken(site, tmp_path_factory):
    """(folder, base URL) of a served copy of the site with one broken page per gate."""
    copy = tmp_path_factory.mktemp("broken") / "html"
    shutil.copytree(site, copy)
    # The gates are tested on their own: without the Content-Security-Policy (tests/test_csp.py),
    # which would stop the injected scripts before a gate could see them.
    for html_file in copy.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        html_file.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text), encoding="utf-8")
    es, other = copy / SOURCE, copy / OTHER
    # axe: an image without alt text; a page without a level-one heading (a best practice).
    _edit(es / "index.html", MAIN, MAIN + IMAGE_WITHOUT_ALT)
    page = es / "casos" / "index.html"
    page.write_text(re.sub(r"<h1[^>]*>(.*?)</h1>", r"<p>\1</p>", page.read_text(encoding="utf-8"), flags=re.S),
                    encoding="utf-8")
    # Nu HTML Checker: an id used twice.
    _edit(es / "impacto" / "index.html", MAIN, MAIN + '<p id="furo-main-content">dup</p>')
    # Network: a script from another host, a missing image, a console error.
    _edit(es / "principios" / "index.html", "</head>",
          f'<script src="{OFF_SITE_SCRIPT}"></script>\n</head>')
    _edit(es / "principios" / "index.html", MAIN,
          MAIN + '<img src="no-such-image.png" alt="x"><script>console.error("roto a propósito")</script>')
    # Search: a page left out of the index (its article no longer marked), the index rebuilt.
    _edit(es / f"{LEFT_OUT}.html", " data-pagefind-body", "")
    search_index.index(es)
    # Search: the other language's readers' words gone (the build wrote no synonyms file).
    (other / "_static" / "search-help.json").unlink()
    # Language switcher: the other language's links (sidebar and phone header) go to its home page.
    _edit(es / "casos" / "serving-gnn.html", f'href="../../{OTHER}/casos/serving-gnn.html"',
          f'href="../../{OTHER}/index.html"', count=-1)
    # Theme toggle: a script swallows every click before the toggle hears it.
    _edit(other / "index.html", "</head>",
          "<script>document.addEventListener('click', e => e.stopPropagation(), true)</script>\n</head>")
    # Keyboard: no skip link on one page.
    page = other / "casos" / "serving-gnn.html"
    page.write_text(re.sub(r'<a class="skip-to-content.*?</a>', "", page.read_text(encoding="utf-8"), flags=re.S),
                    encoding="utf-8")
    # Phone navigation: a section's links are gone from every page of the other language.
    for html_file in other.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        html_file.write_text(re.sub(r'<li class="toctree-l2[^"]*"><a [^>]*href="[^"]*principios/contratos\.html"'
                                    r'>.*?</a></li>', "", text), encoding="utf-8")
    with serving(copy) as base:
        yield copy, base


def test_axe_reports_an_image_without_alt_text(broken, browser):
    copy, base = broken
    context = new_context(browser, "dark")
    page = context.new_page()
    visit(page, base, f"{SOURCE}/index.html")
    problems, _ = axe_violations(page, f"{SOURCE}/index.html [dark]")
    context.close()
    report = "\n".join(problems)
    assert "image-alt (critical)" in report, report
    assert re.search(r"https://dequeuniversity\.com/rules/axe/[\d.]+/image-alt", report), report
    assert IMAGE_WITHOUT_ALT in report, report


def test_axe_includes_best_practice_rules(broken, browser):
    copy, base = broken
    context = new_context(browser)
    page = context.new_page()
    visit(page, base, f"{SOURCE}/casos/index.html")
    problems, best_practice_rules = axe_violations(page, f"{SOURCE}/casos/index.html")
    context.close()
    assert best_practice_rules > 10
    assert any("page-has-heading-one" in p for p in problems), problems


def test_nu_checker_reports_a_duplicated_id(broken):
    copy, _ = broken
    intact = f"{SOURCE}/principios/contratos.html"
    errors = vnu_errors(copy, [f"{SOURCE}/impacto/index.html", intact])
    assert any(re.match(rf"{SOURCE}/impacto/index\.html:\d+:\d+: Duplicate ID “furo-main-content”", e)
               for e in errors), errors
    assert not any(e.startswith(intact) for e in errors), errors


def test_network_gate_reports_an_off_site_script_a_missing_file_and_a_console_error(broken, browser):
    copy, base = broken
    context = new_context(browser)
    path = f"{SOURCE}/principios/index.html"
    problems = network_failures(context, base, [path])
    context.close()
    report = "\n".join(problems)
    assert f"{path}: request leaves the site: {OFF_SITE_SCRIPT}" in report, report
    assert re.search(rf"{re.escape(path)}: HTTP 404: .*/no-such-image\.png", report), report
    assert f"{path}: console error: roto a propósito" in report, report


def test_relevance_gate_reports_a_page_missing_from_the_index(broken, browser):
    copy, base = broken
    cases = [case for case in SUITE[SOURCE] if case["want"] == LEFT_OUT and not case.get("also")]
    page = browser.new_page()
    ranks, _, _ = relevance(page, base, SOURCE, cases)
    page.close()
    assert len(cases) >= 2 and ranks == [None] * len(cases), ranks
    assert scores(ranks)["top1"] < TOP1


def test_relevance_gate_reports_readers_words_without_the_synonyms_file(broken, browser):
    copy, base = broken
    cases = [case for case in SUITE[OTHER] if case["kind"] == "reader"]
    page = browser.new_page()
    ranks, empty, _ = relevance(page, base, OTHER, cases)
    page.close()
    assert "press kit" in empty, empty  # found nothing: the gate fails on any such query
    assert scores(ranks)["top1"] < TOP1, scores(ranks)


def test_switcher_gate_reports_a_link_to_another_page(broken, browser):
    copy, base = broken
    context = new_context(browser)
    failures = switcher_failures(context.new_page(), base, [f"{SOURCE}/casos/serving-gnn.html"], LANGUAGES)
    context.close()
    assert failures == [f"{SOURCE}/casos/serving-gnn.html: the {OTHER} link lands on {OTHER}/index.html, "
                        f"expected {OTHER}/casos/serving-gnn.html"]


def test_theme_gate_reports_a_toggle_that_does_nothing(broken, browser):
    copy, base = broken
    context = new_context(browser)
    failures = theme_toggle_failures(context.new_page(), base, f"{OTHER}/index.html")
    context.close()
    assert any("after a click the theme is 'auto'" in f and "expected dark" in f for f in failures), failures


def test_keyboard_gate_reports_a_missing_skip_link(broken, browser):
    copy, base = broken
    context = new_context(browser)
    failures = keyboard_failures(context.new_page(), base, f"{OTHER}/casos/serving-gnn.html",
                                 "guardrails", "casos/guardrails-plataforma")
    context.close()
    assert len(failures) == 1 and "not a visible skip-to-content link" in failures[0], failures


def test_phone_navigation_gate_reports_an_unreachable_page(broken, browser):
    copy, base = broken
    targets = [p for p in language_pages(copy, OTHER)
               if p.split("/", 1)[1] not in UTILITY_PAGES and p.startswith(f"{OTHER}/principios/")]
    context = new_context(browser, viewport=PHONE)
    failures = mobile_navigation_failures(context.new_page(), base, OTHER, targets)
    context.close()
    assert f"{OTHER}/index.html: the navigation has no link to {OTHER}/principios/contratos.html" in failures, failures
    assert failures[-1] == f"not reachable from the navigation at 375 px: {OTHER}/principios/contratos.html"


def test_audit_reports_a_page_below_threshold(broken, tmp_path):
    """`make audit`'s script on the page with an image without alt text: exit 1, the
    table marks the page, and the failing audit is named."""
    copy, _ = broken
    run = subprocess.run([sys.executable, "-m", "portfolio_tools.audit", "--site", str(copy),
                          "--out", str(tmp_path), "--pages", f"{SOURCE}/index.html"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr
    assert re.search(rf"^{SOURCE}/index\.html\s.*FAIL$", run.stdout, re.M), run.stdout + run.stderr
    assert re.search(rf"{SOURCE}/index\.html: accessibility 0\.\d\d < 1\.00; image-alt 0\.00", run.stdout), run.stdout
    assert (tmp_path / SOURCE / "index.report.html").exists()

"""The site's quality gates as functions.

Tests run each gate on the real site, and on deliberately broken copies of it
(tests/test_gates_fail.py), so a gate that silently stops failing is noticed.
Each returns a list of problems, one readable line (or short block) each.

- axe-core (npm, pinned): accessibility, every rule enabled by default,
  best-practice rules included;
- the Nu HTML Checker (npm vnu-jar, pinned), run once for many pages;
- a watcher for what a page does behind the reader's back: console errors,
  uncaught exceptions, failed requests and requests that leave the site.
"""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
THEMES = ("light", "dark")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 667}
# Pages Sphinx writes that a reader does not browse to from the navigation.
UTILITY_PAGES = {"search.html", "404.html"}


def require(path, what):
    """A missing tool fails the test (never a skip): `make test` installs it."""
    if not Path(path).exists():
        pytest.fail(f"{what} not found at {path}: run `make test`, which installs it "
                    "(npm ci for npm packages; apt, as root, for system packages).")


def root_pages(site):
    """The pages above the language folders (the language chooser, the 404 copy)."""
    return sorted(p.name for p in Path(site).glob("*.html"))


def language_pages(site, lang):
    """Every HTML page of one language, as paths relative to the site root."""
    folder = Path(site) / lang
    return sorted(f"{lang}/{p.relative_to(folder)}" for p in folder.rglob("*.html"))


def pages_of(site, group):
    """A group of pages: a language code, or "root" for the pages above the languages."""
    return root_pages(site) if group == "root" else language_pages(site, group)


def all_pages(site, languages):
    return root_pages(site) + [page for lang in languages for page in language_pages(site, lang)]


# -- The Nu HTML Checker ------------------------------------------------------------

def vnu_errors(site, pages):
    """Every Nu HTML Checker error in the given pages, as `page:line:column: message`.

    One Java process checks every page: the checker takes seconds to start.
    """
    require(VNU_JAR, "The Nu HTML Checker (npm vnu-jar)")
    java = shutil.which("java")
    if not java:
        pytest.fail("No Java runtime (java) on PATH: run `make test`, which installs "
                    "default-jre-headless (apt, as root).")
    site = Path(site).resolve()
    files = [str(site / page) for page in pages]
    run = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout",
                          *files], capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(run.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        raise AssertionError(f"The Nu HTML Checker did not report (exit {run.returncode}):\n"
                             f"{run.stdout[-2000:]}\n{run.stderr[-2000:]}") from None
    problems = []
    for message in messages:
        if message.get("type") != "error" and message.get("subType") != "fatal":
            continue
        path = urlsplit(message.get("url", "")).path
        where = str(Path(path).relative_to(site)) if path.startswith(str(site)) else path
        line = message.get("lastLine", message.get("firstLine", "?"))
        column = message.get("firstColumn", message.get("lastColumn", "?"))
        extract = " ".join(message.get("extract", "").split())
        problems.append(f"{where}:{line}:{column}: {message['message']}"
                        + (f"\n    {extract}" if extract else ""))
    if run.returncode not in (0, 1) or (run.returncode == 1 and not problems):
        raise AssertionError(f"The Nu HTML Checker failed (exit {run.returncode}):\n{run.stderr[-2000:]}")
    return problems


# -- Pages in the browser -----------------------------------------------------------

def new_context(browser, theme=None, viewport=DESKTOP, locale="es-ES"):
    """A browser context; with a theme, furo starts in it (as a returning reader who chose it).
    Its reader prefers Spanish, the source language, unless `locale` says otherwise."""
    context = browser.new_context(viewport=viewport, color_scheme=theme or "light", locale=locale)
    if theme:
        # Runs in every document, about:blank included, where storage is denied.
        context.add_init_script(f"try {{ localStorage.setItem('theme', {json.dumps(theme)}) }} catch (e) {{}}")
    return context


class Watch:
    """Records what pages in a context do behind the reader's back.

    Requests to any other host are blocked before they leave the machine and
    reported; so are console errors, uncaught exceptions, failed requests and
    HTTP error responses. `label` names the page being visited.
    """

    def __init__(self, context, base):
        # A Content-Security-Policy violation is an error, whatever the browser logs for it.
        context.add_init_script("document.addEventListener('securitypolicyviolation', e => console.error("
                                "'Content-Security-Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI"
                                " + ' at ' + e.sourceFile + ':' + e.lineNumber))")
        self.origin = urlsplit(base)[:2]
        self.label = ""
        self.problems = []
        self._blocked = set()
        context.route(self._leaves_site, self._block)
        context.on("page", self.attach)
        for page in context.pages:
            self.attach(page)

    def _leaves_site(self, url):
        parts = urlsplit(url)
        return parts.scheme in {"http", "https", "ws", "wss"} and parts[:2] != self.origin

    def _block(self, route):
        self._blocked.add(route.request.url)
        self.problems.append(f"{self.label}: request leaves the site: {route.request.url}")
        route.abort("blockedbyclient")

    def _failed(self, request):
        # ERR_ABORTED: the browser itself cancelled the load (the reader moved on to
        # another page, e.g. before the favicon arrived). A missing file is an HTTP
        # error below; another host is blocked above.
        if request.url in self._blocked or request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"{self.label}: request failed: {request.url} ({request.failure})")

    def attach(self, page):
        page.on("console", lambda msg: msg.type == "error" and self.problems.append(
            f"{self.label}: console error: {msg.text} ({msg.location.get('url', '')})"))
        page.on("pageerror", lambda error: self.problems.append(f"{self.label}: uncaught exception: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", lambda response: response.status >= 400 and self.problems.append(
            f"{self.label}: HTTP {response.status}: {response.url}"))


# Until every running animation or transition of the page (a drawer's slide) has ended:
# page.evaluate(SETTLED). Only those that run in time: a scroll-driven one (a diagram's
# shadows) finishes only when its scroller reaches the end, so waiting for it never ends.
SETTLED = """() => Promise.all(document.getAnimations()
    .filter((animation) => animation.timeline === document.timeline)
    .map((animation) => animation.finished))"""


# -- The site search (_static/search.js) ---------------------------------------------

def wait_for_search(page, query):
    """Until the search's status line names `query`: it does once the results are listed.
    (A locator, not wait_for_function: the site's Content-Security-Policy refuses the
    string evaluation that one does.)"""
    page.locator(".search-status").filter(has_text=query.strip()[:200]).first.wait_for()


def search_results(page):
    """The listed results, first first: [{"href", "title", "sections": [href, ...]}]."""
    # Read in one call to the browser: a query's results are a few dozen elements.
    return page.locator(".search-result:visible").evaluate_all("""items => items.map((item) => {
        const title = item.querySelector(".search-result-title");
        return {href: title.getAttribute("href"), title: title.innerText,
                sections: [...item.querySelectorAll(".search-sections a")].map((a) => a.getAttribute("href"))};
    })""")


def search(page, query):
    """Put `query` in the search box that has focus (dialog or search page); the results."""
    page.locator("input.search-input:focus").fill(query)
    wait_for_search(page, query)
    return search_results(page)


def visit(page, base, path, watch=None):
    """Open a page of the site as a reader would, and wait until it has loaded."""
    if watch is not None:
        watch.label = path
    page.goto(f"{base}/{path}", wait_until="load")


def axe_violations(page, label):
    """Run axe-core in the page; every violation with rule, impact, help URL and elements.

    Returns (problems, best_practice_rules): the number of best-practice rules
    axe evaluated, so a run that silently dropped them is noticed.
    """
    require(AXE_JS, "axe-core (npm)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        const all = [].concat(r.passes, r.violations, r.incomplete, r.inapplicable);
        return {
            violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                helpUrl: v.helpUrl, nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html}))})),
            bestPractice: all.filter(rule => rule.tags.includes('best-practice')).length,
        };
    }""")
    problems = []
    for v in result["violations"]:
        nodes = "\n".join(f"    {n['target']}: {' '.join(n['html'].split())[:240]}" for n in v["nodes"])
        problems.append(f"{label}: {v['id']} ({v['impact']}): {v['help']}\n    {v['helpUrl']}\n{nodes}")
    return problems, result["bestPractice"]

"""Lighthouse audit of the built site: every page of every language, mobile.

Serves the site on a loopback port (as `make serve` does), runs Lighthouse
(npm, pinned in package.json) in Debian's Chromium on each page, writes its
JSON and HTML reports under the output folder, prints a table of scores and
exits 1 when a page is below a threshold, naming the audits that cost points.

    python -m portfolio_tools.audit                        # every page (make audit)
    python -m portfolio_tools.audit --sample               # home + one case study per language
    python -m portfolio_tools.audit --pages es/index.html  # chosen pages

Thresholds: accessibility, best practices and SEO 1.00; performance 0.99.
Pages marked `<meta name="robots" content="noindex">` (search, index, 404)
are kept out of search engines on purpose: for them Lighthouse's
"is-crawlable" audit is not counted; every other SEO audit is. Performance is
measured, so it varies with the machine's load: a page below 0.99 is run twice
more and judged on the median of the three runs.
"""

import argparse
import contextlib
import fcntl
import functools
import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from portfolio.build import site_languages
from portfolio.names import ROOT

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = os.environ.get("CHROME_PATH") or os.environ.get("CHROMIUM") or "/usr/bin/chromium"
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                # Nothing leaves the machine: any other host fails to resolve.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
THRESHOLDS = {"performance": 0.99, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
NOINDEX = re.compile(r'<meta[^>]+name="robots"[^>]+content="[^"]*noindex', re.I)
NOINDEX_EXEMPT = {"is-crawlable"}
# What a reader on a phone downloads for the home page (HTML, CSS, scripts, pictures), at most.
HOME_BYTES = 80 * 1024
SAMPLE = ["index.html", "casos/guardrails-plataforma.html", "impacto/serving-gnn.html", "principios/index.html"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    # A page's burst of requests (the search loads a dozen files at once) must not
    # overflow the default backlog of 5 and have connections reset, as no real host would.
    request_queue_size = 64

    def handle_error(self, request, client_address):
        # A browser that moves on closes its connections mid-answer: not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(directory):
    """Serve a folder over HTTP on a free loopback port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def languages(site):
    return [lang for lang in site_languages() if (Path(site) / lang).is_dir()]


def every_page(site):
    """Every HTML page of every language, as paths relative to the site root."""
    site = Path(site)
    return [str(p.relative_to(site)) for lang in languages(site)
            for p in sorted((site / lang).rglob("*.html"))]


def sample_pages(site):
    return [f"{lang}/{page}" for lang in languages(site) for page in SAMPLE]


def missing_tools():
    problems = []
    if not LIGHTHOUSE.exists():
        problems.append(f"Lighthouse not installed ({LIGHTHOUSE.relative_to(ROOT)}): run `npm ci` "
                        "(make test and make audit do it)")
    if not Path(CHROME).exists():
        problems.append(f"Chromium not found at {CHROME}: install Debian's chromium "
                        "(bash tools/install-system-tools.sh, as root)")
    return problems


@contextlib.contextmanager
def one_at_a_time():
    with open(Path(tempfile.gettempdir()) / "portfolio-lighthouse.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


ATTEMPTS = 5


def run_lighthouse(url, out_base):
    """Run Lighthouse on one URL; write <out_base>.report.{json,html}; return the JSON report."""
    out_base = Path(out_base)
    out_base.parent.mkdir(parents=True, exist_ok=True)
    # Not --quiet: when a run fails, its log is the error message's tail.
    command = ["node", str(LIGHTHOUSE), url, "--form-factor=mobile",
               "--only-categories=performance,accessibility,best-practices,seo",
               "--output=json", "--output=html", f"--output-path={out_base}",
               # No full-page screenshot: taking it scrolls every lazy image in, and the
               # byte count is then no longer the first load.
               "--disable-full-page-screenshot",
               f"--chrome-flags={' '.join(CHROME_FLAGS)}"]
    report = Path(f"{out_base}.report.json")
    # Under load, Chromium occasionally dies before Lighthouse writes a report
    # (exit 0, no output): that is no score, so the run is tried again, up to five times,
    # each after the machine has had a few seconds to settle (three quick tries once failed
    # in a row while the other test worker drove a browser).
    # One Lighthouse at a time on the machine (the test workers run in parallel): two
    # would share the cores they measure, and their Chromiums starve each other.
    with one_at_a_time():
        for _attempt in range(ATTEMPTS):
            report.unlink(missing_ok=True)
            run = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROME},
                                 capture_output=True, text=True, timeout=180)
            if not run.returncode and report.exists():
                return json.loads(report.read_text(encoding="utf-8"))
            time.sleep(5)  # let the machine settle before the next try
    raise RuntimeError(f"Lighthouse failed {ATTEMPTS} times on {url} (exit {run.returncode}):\n"
                       f"{run.stdout[-1000:]}{run.stderr[-2000:]}")


def category_score(report, category, exempt=()):
    """A category's score, optionally recomputed without some audits (weighted mean)."""
    cat = report["categories"][category]
    if not exempt:
        return cat["score"]
    refs = [r for r in cat["auditRefs"] if r["weight"] and r["id"] not in exempt
            and report["audits"][r["id"]]["score"] is not None]
    total = sum(r["weight"] for r in refs)
    return sum(r["weight"] * report["audits"][r["id"]]["score"] for r in refs) / total if total else None


def page_result(report, noindex=False, categories=tuple(THRESHOLDS)):
    """({category: score}, [problem, ...]) for one page's report."""
    if report.get("runtimeError"):
        return {}, [f"Lighthouse runtime error: {report['runtimeError'].get('message')}"]
    scores, problems = {}, []
    for category in categories:
        minimum = THRESHOLDS[category]
        exempt = NOINDEX_EXEMPT if (noindex and category == "seo") else ()
        score = category_score(report, category, exempt)
        scores[category] = score
        if score is None or score < minimum:
            failing = []
            for ref in report["categories"][category]["auditRefs"]:
                audit = report["audits"][ref["id"]]
                if ref["id"] in exempt or audit["score"] is None or audit["score"] >= 1:
                    continue
                if audit.get("scoreDisplayMode") in {"informative", "manual", "notApplicable"}:
                    continue
                if not ref["weight"] and category != "performance":
                    continue
                failing.append(f"{ref['id']} {audit['score']:.2f}"
                               + (f" ({audit['displayValue']})" if audit.get("displayValue") else "")
                               + f": {audit['title']}")
            shown = "0.00" if score is None else f"{score:.2f}"
            problems.append(f"{category} {shown} < {minimum:.2f}; "
                            + ("; ".join(failing[:8]) or "no single audit below 1"))
    return scores, problems


def _performance(report):
    return (report.get("categories", {}).get("performance") or {}).get("score") or 0


def audit_page(base, site, page, out):
    """(scores, problems, runs) for one page.

    Accessibility, best practices and SEO are computed from the page and do not
    vary; performance is measured, and one run on a busy machine can fall short.
    When it does, two more runs are made and the median counts (Lighthouse's own
    advice on variability); their reports are kept as <page>-run2/-run3 (not ".run2":
    Lighthouse takes a dot and 2–4 letters at the end of --output-path for an extension and
    drops it, so the report would overwrite the first one and never be found).
    """
    out_base = Path(out) / Path(page).with_suffix("")
    url = f"{base}/{page}"
    noindex = bool(NOINDEX.search((Path(site) / page).read_text(encoding="utf-8")))
    first = run_lighthouse(url, out_base)
    scores, problems = page_result(first, noindex)
    weight, heavy = page_weight(first, page)
    if first.get("runtimeError") or _performance(first) >= THRESHOLDS["performance"]:
        return {**scores, "KiB": weight}, problems + heavy, 1
    reports = [first] + [run_lighthouse(url, out_base.with_name(f"{out_base.name}-run{n}")) for n in (2, 3)]
    median = sorted(reports, key=_performance)[1]
    rest = [c for c in THRESHOLDS if c != "performance"]
    scores, problems = page_result(first, noindex, rest)
    perf_scores, perf_problems = page_result(median, noindex, ["performance"])
    scores = {"performance": perf_scores.get("performance"), **scores, "KiB": weight}
    runs = ", ".join(f"{_performance(r):.2f}" for r in reports)
    return scores, [f"{p} (median of 3 runs: {runs})" for p in perf_problems] + problems + heavy, 3


def page_weight(report, page):
    """(KiB a reader downloads, [problem]) for one report: a home page over HOME_BYTES is one."""
    weight = report.get("audits", {}).get("total-byte-weight", {}).get("numericValue")
    home = Path(page).name == "index.html" and page.count("/") <= 1  # index.html, <lang>/index.html
    if weight is None:
        return None, []
    heavy = [f"total-byte-weight {weight / 1024:.0f} KiB > {HOME_BYTES // 1024} KiB for a home page"] \
        if home and weight > HOME_BYTES else []
    return weight / 1024, heavy


def audit(site, pages, out, log=print):
    """Audit each page; return (rows, failures): rows are (page, scores, seconds, noindex, runs)."""
    site, out = Path(site), Path(out)
    rows, failures = [], {}
    with serving(site) as base:
        for page in pages:
            started = time.monotonic()
            scores, problems, runs = audit_page(base, site, page, out)
            seconds = time.monotonic() - started
            noindex = bool(NOINDEX.search((site / page).read_text(encoding="utf-8")))
            rows.append((page, scores, seconds, noindex, runs))
            if problems:
                failures[page] = problems
            log(format_row(page, scores, seconds, noindex, bool(problems), runs), flush=True)
    return rows, failures


WIDTH = 48  # the longest page path, and its noindex mark


def format_header(width=WIDTH):
    names = "  ".join(f"{c:>14}" for c in THRESHOLDS)
    return f"{'page':<{width}}  {names}  {'KiB':>5}  {'time':>6}"


def format_row(page, scores, seconds, noindex, failed, runs=1, width=WIDTH):
    cells = "  ".join(f"{'-' if scores.get(c) is None else format(scores[c], '.2f'):>14}" for c in THRESHOLDS)
    label = page + (" *" if noindex else "")
    notes = (" (performance: median of 3 runs)" if runs > 1 else "") + (" FAIL" if failed else "")
    weight = "-" if scores.get("KiB") is None else f"{scores['KiB']:.0f}"
    return f"{label:<{width}}  {cells}  {weight:>5}  {seconds:>5.1f}s{notes}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html", help="the built site")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "audit", help="where reports go")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--sample", action="store_true", help="home + one case study per language")
    which.add_argument("--pages", nargs="+", help="pages relative to the site root, e.g. es/index.html")
    args = parser.parse_args(argv)
    problems = missing_tools()
    if not (args.site / "index.html").exists():
        problems.append(f"No built site in {args.site}: run `make html` first")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    pages = args.pages or (sample_pages(args.site) if args.sample else every_page(args.site))
    print(f"Lighthouse {json.loads((LIGHTHOUSE.parent.parent / 'package.json').read_text())['version']}, "
          f"mobile, {len(pages)} page{'' if len(pages) == 1 else 's'}; thresholds: "
          + ", ".join(f"{c} {t:.2f}" for c, t in THRESHOLDS.items()))
    print(format_header())
    started = time.monotonic()
    rows, failures = audit(args.site, pages, args.out)
    print(f"\n* noindex page: SEO without is-crawlable.  Reports: {args.out}/<page>.report.html "
          f"and .report.json.  Total {time.monotonic() - started:.0f}s.")
    if failures:
        print(f"\n{len(failures)} of {len(rows)} pages below threshold:")
        for page, problems in failures.items():
            for problem in problems:
                print(f"  {page}: {problem}")
        return 1
    print(f"All {len(rows)} pages at or above every threshold.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

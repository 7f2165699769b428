"""Build-speed and search benchmark: prints figures against their targets, asserts nothing.

    python -m portfolio_tools.bench [--sizes 50 200 500] [--repeat 3] [--skip-live]

- builds, both languages, median of paired runs on one copy: `make html` with
  nothing changed, after a one-sentence edit of one page (PDFs included), and
  clean, against a plain Sphinx + MyST + furo build of the same sources and
  languages (no extension of ours, no sphinx-design, no social cards, not strict);
- live preview (`make livehtml`): from saving a page to the browser showing the
  edit, median of several edits;
- synthetic sites of N playbooks per language (the posts of a collection, which
  accumulate): clean build time and output per page, the search bundle, and the
  first search's latency in a cold browser (nothing cached): typed into the box of
  an open page, and the search page opened with the query in its address.

Every run works on throwaway copies; the repository is not touched.
"""

import argparse
import datetime
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from portfolio import build as build_site
from portfolio.data import load
from portfolio.languages import sphinx_language
from portfolio.names import ROOT, ROOT_PAGES, SECTIONS
from portfolio_tools.audit import serving

EDITED = Path("impacto") / "cicd-ml.md"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def timed(fn, *args):
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def append_edit(project, token):
    page = project / EDITED
    page.write_text(page.read_text(encoding="utf-8") + f"\nEdición {token}.\n", encoding="utf-8")


def plain_build(project, out):
    """Sphinx + MyST + furo only, every language side by side, as build_site does."""
    runs = [subprocess.Popen(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-C",
         "-D", "extensions=myst_parser", "-D", "html_theme=furo", "-D", f"language={sphinx_language(lang)}",
         "-D", "locale_dirs=locales/", "-D", "gettext_compact=0",
         "-D", f"include_patterns={','.join([*ROOT_PAGES, *(f'{s}/**' for s in SECTIONS)])}",
         "-D", "exclude_patterns=_build,.venv,tools,locales,_data,_ext,_static,_templates",
         "-D", "myst_enable_extensions=colon_fence,substitution,attrs_inline,deflist",
         "-d", str(out / "doctrees" / lang), str(project), str(out / lang)],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for lang in build_site.site_languages(project)]
    for run in runs:
        run.wait()


def make_copy(work, name):
    """A copy that `make` can build: the project, the Makefile and tools, the repository's .venv."""
    project = build_site.copy_project(work / name)
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    shutil.copytree(ROOT / "tools", project / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    (project / ".venv").symlink_to(ROOT / ".venv")
    return project


def make_html(project):
    # -o: the copy borrows the repository's .venv as it is.
    subprocess.run(["make", "-s", "-o", ".venv/.installed", "html"], cwd=project, check=True,
                   stdout=subprocess.DEVNULL)


def target(value, limit):
    return f"{'✓' if value <= limit else '✗'} ≤ {limit:g}"


def bench_builds(work, repeat):
    project = make_copy(work, "project")
    clean, noop, edit, plain, clean_bare, edit_bare = [], [], [], [], [], []

    def bare():  # the same pages without the PDFs: what the PDFs cost, printed beside the targets
        build_site.build(project, project / "_build" / "bare", pdf=False)

    for i in range(repeat):
        shutil.rmtree(project / "_build", ignore_errors=True)
        clean.append(timed(make_html, project))
        noop.append(timed(make_html, project))
        clean_bare.append(timed(bare))
        append_edit(project, f"b{i}")
        edit.append(timed(make_html, project))
        edit_bare.append(timed(bare))
        shutil.rmtree(work / "plain", ignore_errors=True)
        plain.append(timed(plain_build, project, work / "plain"))
    clean_s, noop_s, edit_s, plain_s, clean_bare_s, edit_bare_s = (
        statistics.median(x) for x in (clean, noop, edit, plain, clean_bare, edit_bare))
    print(f"\n## Builds (`make html`, both languages, median of {repeat} paired runs)\n")
    print("| build | wall time | target |")
    print("|---|---|---|")
    print(f"| nothing changed | {noop_s:.2f} s | {target(noop_s, 1.5)} s |")
    print(f"| after a one-sentence edit of one page, PDFs included | {edit_s:.2f} s | {target(edit_s, 3)} s |")
    print(f"| clean | {clean_s:.2f} s | {target(clean_s / plain_s, 2)}× the plain build "
          f"({clean_s / plain_s:.2f}×) |")
    print(f"| plain Sphinx + MyST + furo, clean | {plain_s:.2f} s | |")
    print(f"\nWithout the PDFs (`build(pdf=False)`, the same pages): after the edit {edit_bare_s:.2f} s "
          f"({target(edit_bare_s, 3)} s), clean {clean_bare_s:.2f} s ({clean_bare_s / plain_s:.2f}×, "
          f"{target(clean_bare_s / plain_s, 2)}×).")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def chromium_page():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser.new_page()
        browser.close()


def bench_live(work, edits):
    """`make livehtml`'s command on a copy: save a page, wait until the open browser shows the edit."""
    project = make_copy(work, "live")
    port = free_port()
    server = subprocess.Popen(["make", "-s", "-o", ".venv/.installed", "livehtml", f"PORT={port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    times = []
    try:
        url = f"http://127.0.0.1:{port}/{EDITED.with_suffix('.html').as_posix()}"
        with chromium_page() as page:
            for _ in range(240):
                if server.poll() is not None:
                    raise RuntimeError(f"make livehtml stopped (exit {server.returncode})")
                try:
                    page.goto(url)
                    break
                except Exception:
                    time.sleep(0.5)
            page.wait_for_timeout(1500)  # let the first build settle
            for i in range(edits):
                token = f"vivo{i}z"
                start = time.perf_counter()
                append_edit(project, token)
                # A locator: the site's CSP refuses wait_for_function's string evaluation.
                page.get_by_text(token).wait_for(timeout=120000)
                times.append(time.perf_counter() - start)
                page.wait_for_timeout(500)
    finally:
        os.killpg(server.pid, 15)
        server.wait()
    print(f"\n## Live preview (`make livehtml`)\n\nFrom saving a one-paragraph edit to the reloaded page showing it,"
          f" {edits} edits: median {statistics.median(times):.2f} s (min {min(times):.2f} s, max {max(times):.2f} s).")


SYNTHETIC_POST = """---
myst:
  html_meta:
    description: "Playbook sintético {n} del benchmark."
date: "{date}"
principles: [{principle}]
cases: [{case}]
---

(playbooks/sintetico-{n:04d})=
# Playbook sintético {n}

{body}
"""


def synthetic_project(work, posts):
    """The site plus `posts` generated playbooks (text taken from the case studies)."""
    project = build_site.copy_project(work / f"synthetic-{posts}")
    data = load(project)
    words = " ".join(p.read_text(encoding="utf-8").split("---\n", 2)[-1] for p in (ROOT / "casos").glob("*.md")
                     if p.name != "index.md")
    words = [w for w in words.split() if w.isalpha()]
    first = datetime.date(2020, 1, 1)
    for n in range(posts):
        start = (n * 97) % (len(words) - 300)
        body = "\n\n".join(" ".join(words[start + k:start + k + 60]) for k in range(0, 300, 60))
        (project / "playbooks" / f"sintetico-{n:04d}.md").write_text(SYNTHETIC_POST.format(
            n=n, date=first + datetime.timedelta(days=n), principle=data.principles[n % len(data.principles)],
            case=data.areas[n % len(data.areas)].case, body=body), encoding="utf-8")
    return project


def size(path):
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


# Timed inside the page (performance.now), so the figures leave out the driver's round trips:
# the reader's first input in the sidebar box, and the moment the status names the query.
STOPWATCH = """
addEventListener("input", () => { window.searchStarted ??= performance.now(); }, true);
new MutationObserver((_, observer) => {
  const status = document.querySelector(".search-status");
  if (status && status.textContent.includes(%s)) {
    window.searchListed = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def first_search(site, query, runs=5):
    """Per language, median of `runs`, each in a new browser profile (nothing cached):
    - `typed`: ms from typing the query into the sidebar box of a page already open (the
      search code, engine and index not loaded yet) to its results listed — the reader's
      first search;
    - `page`: ms from opening search.html?q= (navigation start) to its results listed;
    - `page, 100 ms`: the same over a network of 100 ms round trips and 10 Mbit/s, where the
      chain of requests (page, code, engine, index, results) weighs more than the CPU."""
    from playwright.sync_api import sync_playwright
    result = {}
    with serving(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])

        def timed_page(url, search, round_trip=0):
            context = browser.new_context()  # a new profile: an empty cache
            context.add_init_script(STOPWATCH % json.dumps(query))
            page = context.new_page()
            if round_trip:
                network = context.new_cdp_session(page)
                network.send("Network.enable")
                network.send("Network.emulateNetworkConditions", {
                    "offline": False, "latency": round_trip, "downloadThroughput": 10e6 / 8,
                    "uploadThroughput": 10e6 / 8})
            page.goto(url, wait_until="networkidle")
            search(page)
            # A locator: the site's CSP refuses wait_for_function's string evaluation.
            page.locator(".search-status").filter(has_text=query).wait_for(timeout=60000)
            started, listed = page.evaluate("() => [window.searchStarted ?? 0, window.searchListed]")
            context.close()
            return listed - started

        for lang in build_site.site_languages(ROOT):
            typed = [timed_page(f"{base}/{lang}/", lambda page: page.locator(".sidebar-search").first.fill(query))
                     for _ in range(runs)]
            opened = {round_trip: [timed_page(f"{base}/{lang}/search.html?q={query}", lambda page: None, round_trip)
                                   for _ in range(runs)] for round_trip in (0, 100)}
            result[lang] = {"typed": statistics.median(typed), "page": statistics.median(opened[0]),
                            "page, 100 ms": statistics.median(opened[100])}
        browser.close()
    return result


def bench_synthetic(work, sizes):
    languages = build_site.site_languages(ROOT)
    print(f"\n## Synthetic sites (playbooks per language × {len(languages)} languages, clean build)\n")
    print("| posts | pages per language | build | per page | output per page | search bundle (es) "
          "| first search, cold, typed (es / en) | search page opened, cold (es / en) "
          "| the same, 100 ms round trips (es / en) |")
    print("|---|---|---|---|---|---|---|---|---|")
    rows = []
    for posts in sizes:
        project = synthetic_project(work, posts)
        out = project / "_build" / "html"
        seconds = timed(build_site.build, project, out)
        pages = len(list((out / languages[0]).rglob("*.html")))
        latency = first_search(out, "plano de control")
        per_page, output = seconds / (pages * len(languages)), size(out) / (pages * len(languages))
        rows.append((posts, per_page, output, max(times["typed"] for times in latency.values())))
        print(f"| {posts} | {pages} | {seconds:.1f} s | {per_page * 1000:.0f} ms | {output / 1024:.0f} KiB "
              f"| {size(out / languages[0] / 'pagefind') / 1024:.0f} KiB "
              + "".join(f"| {' / '.join(f'{latency[lang][way]:.0f} ms' for lang in languages)} "
                        for way in ("typed", "page", "page, 100 ms")) + "|", flush=True)
        shutil.rmtree(project)
    if len(rows) > 1:
        (small, small_time, small_out, _), (large, large_time, large_out, large_search) = rows[0], rows[-1]
        print(f"\nAt {large} posts against {small}: build time per page {large_time / small_time:.2f}× "
              f"({target(large_time / small_time, 1.3)}×), output per page {large_out / small_out:.2f}×; "
              f"first search typed, cold {large_search:.0f} ms ({target(large_search, 300)} ms).")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[50, 200, 500])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--skip-live", action="store_true")
    args = parser.parse_args()
    print(f"# Benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bench_builds(work, args.repeat)
        if not args.skip_live:
            bench_live(work, args.edits)
        if args.sizes:
            bench_synthetic(work, args.sizes)


if __name__ == "__main__":
    main()

"""Build-speed and search benchmark: prints figures, asserts nothing.

    python -m portfolio_tools.bench [--sizes 100 500 1000] [--skip-live]

- clean bilingual build (_ext/portfolio/build.py) against a plain Sphinx + MyST +
  furo build of the same sources and languages (no extension of ours, no
  sphinx-design, no social cards, not strict);
- incremental rebuild of both languages after a one-paragraph edit of one page;
- live preview (`make livehtml`): from saving a page to the browser showing the
  edit, median of several edits;
- synthetic sites of N pages × every language: clean build time, output size,
  the size of a language's search bundle (Pagefind: engine, index, fragments)
  and search latency in Chromium.

Every run works on throwaway copies; the repository is not touched.
"""

import argparse
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
from portfolio.names import ROOT
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
         "-D", "extensions=myst_parser", "-D", "html_theme=furo", "-D", f"language={lang}",
         "-D", "locale_dirs=locales/", "-D", "gettext_compact=0",
         "-D", "exclude_patterns=_build,tools,locales,_data,_ext,_templates",
         "-D", "myst_enable_extensions=colon_fence,substitution,attrs_inline,deflist",
         "-d", str(out / "doctrees" / lang), str(project), str(out / lang)],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for lang in build_site.site_languages(project)]
    for run in runs:
        run.wait()


def bench_builds(work, repeat):
    project = build_site.copy_project(work / "project")
    ours, plain, incremental = [], [], []
    for i in range(repeat):
        shutil.rmtree(project / "_build", ignore_errors=True)
        ours.append(timed(build_site.build, project, project / "_build" / "html"))
        append_edit(project, f"b{i}")
        incremental.append(timed(build_site.build, project, project / "_build" / "html"))
        shutil.rmtree(work / "plain", ignore_errors=True)
        plain.append(timed(plain_build, project, work / "plain"))
    ours_s, plain_s, inc_s = (statistics.median(x) for x in (ours, plain, incremental))
    print("\n## Builds (both languages, median of", repeat, "runs)\n")
    print("| build | wall time | ratio |")
    print("|---|---|---|")
    print(f"| plain Sphinx + MyST + furo | {plain_s:.2f} s | 1.00× |")
    print(f"| this site, clean | {ours_s:.2f} s | {ours_s / plain_s:.2f}× the plain build |")
    print(f"| this site, after a one-page edit | {inc_s:.2f} s | {inc_s / ours_s:.2f}× a clean build |")


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
    project = build_site.copy_project(work / "live")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    (project / ".venv").symlink_to(ROOT / ".venv")
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
                page.wait_for_function(f"document.body.innerText.includes('{token}')", timeout=60000)
                times.append(time.perf_counter() - start)
                page.wait_for_timeout(500)
    finally:
        os.killpg(server.pid, 15)
        server.wait()
    print(f"\n## Live preview (`make livehtml`)\n\nFrom saving a one-paragraph edit to the reloaded page showing it,"
          f" {edits} edits: median {statistics.median(times):.2f} s (min {min(times):.2f} s, max {max(times):.2f} s).")


SYNTHETIC_PAGE = """---
myst:
  html_meta:
    description: "Página sintética {n} del benchmark."
---

# Página sintética {n}

{body}
"""


def synthetic_project(work, pages):
    """The site plus `pages` generated pages (text taken from the case studies) in a `sintetico/` section."""
    project = build_site.copy_project(work / f"synthetic-{pages}")
    words = " ".join(p.read_text(encoding="utf-8").split("---\n", 2)[-1] for p in (ROOT / "casos").glob("*.md")
                     if p.name != "index.md")
    words = [w for w in words.split() if w.isalpha()]
    folder = project / "sintetico"
    folder.mkdir()
    names = []
    for n in range(pages):
        start = (n * 97) % (len(words) - 300)
        body = "\n\n".join(" ".join(words[start + k:start + k + 60]) for k in range(0, 300, 60))
        (folder / f"p{n:04d}.md").write_text(SYNTHETIC_PAGE.format(n=n, body=body), encoding="utf-8")
        names.append(f"p{n:04d}")
    (folder / "index.md").write_text("# Sintético\n\n```{toctree}\n:hidden:\n\n" + "\n".join(names) + "\n```\n",
                                     encoding="utf-8")
    index = project / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("playbooks/index\n```", "playbooks/index\nsintetico/index\n```"), encoding="utf-8")
    return project


def size(path):
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def search_latency(site, query, runs=5):
    """ms from opening search.html?q= to its results listed, median of `runs`, per language."""
    result = {}
    with serving(site) as base, chromium_page() as page:
        for lang in build_site.site_languages(ROOT):
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                page.goto(f"{base}/{lang}/search.html?q={query}")
                # A locator: the site's CSP refuses wait_for_function's string evaluation.
                page.locator(".search-status").filter(has_text=query).wait_for(timeout=60000)
                times.append((time.perf_counter() - start) * 1000)
            result[lang] = statistics.median(times)
    return result


def bench_synthetic(work, sizes):
    languages = build_site.site_languages(ROOT)
    print(f"\n## Synthetic sites (pages per language × {len(languages)} languages, clean build)\n")
    print("| pages | build | per page | output | search bundle (es) | search (es / en) |")
    print("|---|---|---|---|---|---|")
    for pages in sizes:
        project = synthetic_project(work, pages)
        out = project / "_build" / "html"
        seconds = timed(build_site.build, project, out)
        total = len(list((out / languages[0]).rglob("*.html")))
        latency = search_latency(out, "plano de control")
        print(f"| {total} | {seconds:.1f} s | {seconds / total * 1000:.0f} ms | {size(out) / 2**20:.1f} MiB "
              f"| {size(out / languages[0] / 'pagefind') / 1024:.0f} KiB "
              f"| {' / '.join(f'{latency[lang]:.0f} ms' for lang in languages)} |", flush=True)
        shutil.rmtree(project)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 500, 1000])
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

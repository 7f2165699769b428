"""Build the whole site: every language into <out>/<lang>/, then the root files.

    python -m portfolio.build [--out _build/html] [--languages es en]

`make html`, the tests and the benchmark build through here. Each language is
one strict Sphinx build (languages side by side); the stages around it — the
PDFs, trimming, search index, Content-Security-Policy — are the extension's
(pipeline.py), so Read the Docs and the live preview, which run Sphinx alone,
get the same pages. Then the files above the languages (site_root.py).

Incremental: Sphinx keeps its environment between builds (<out>/../doctrees/)
and rewrites only the pages an edit reaches; a build whose inputs did not change
at all (inputs.py) returns at once and writes nothing.
"""

import argparse
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import inputs, site_root
from .data import load_site
from .languages import sphinx_language
from .names import PROJECT_FILES, ROOT

STRICT = ["-n", "-W", "--keep-going"]


class BuildError(RuntimeError):
    pass


def copy_project(dest, src=ROOT):
    """Copy the files a build needs into dest (a new folder); return dest."""
    dest = Path(dest)
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        if (Path(src) / name).is_dir():
            shutil.copytree(Path(src) / name, dest / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
        else:
            shutil.copy2(Path(src) / name, dest / name)
    return dest


def site_languages(src=ROOT):
    return list(load_site(src).languages)


def sphinx_command(src, out, lang, builder="html", doctrees=None, settings=()):
    doctrees = doctrees or Path(out).parent / "doctrees" / lang
    return [sys.executable, "-m", "sphinx", "-b", builder, *STRICT, "-q", "-D", f"language={sphinx_language(lang)}",
            *(arg for setting in settings for arg in ("-D", setting)), "-d", str(doctrees), str(src), str(out)]


def doctrees_of(out):
    return Path(out).parent / "doctrees" / Path(out).name


def build_language(src, out, lang, env, settings=()):
    """One language's pages and their stages; returns an error message or None."""
    run = subprocess.run(sphinx_command(src, out / lang, lang, doctrees=doctrees_of(out) / lang, settings=settings),
                         cwd=src, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return f"[{lang}] sphinx-build failed:\n{run.stdout}" if run.returncode else None


def build(src=ROOT, out=None, languages=None, env=None, pdf=True):
    """Build each language (in parallel); raise BuildError with every warning. pdf=False: without
    the PDFs (a throwaway site that tests something else)."""
    src = Path(src)
    out = Path(out or src / "_build" / "html")
    languages = languages or site_languages(src)
    env = {**os.environ, **(env or {})}
    stamp = doctrees_of(out) / inputs.STAMP
    settings = [] if pdf else ["portfolio_pdf=0"]
    current = inputs.digest(src, "site", languages, settings, environ=env)
    if stamp.is_file() and stamp.read_text() == current and (out / "index.html").is_file():
        return out
    stamp.unlink(missing_ok=True)  # a build that fails leaves no stamp: the next one redoes it
    with ThreadPoolExecutor(max_workers=len(languages)) as pool:
        failures = [f for f in pool.map(lambda lang: build_language(src, out, lang, env, settings), languages) if f]
    if failures:
        raise BuildError("\n".join(failures))
    site_root.write(out, languages, src, env)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # The project in the current directory (make runs it from the repository's root; the
    # benchmark in a copy), whichever checkout the package was installed from.
    parser.add_argument("--out", type=Path, default=Path("_build") / "html")
    parser.add_argument("--languages", nargs="*")
    args = parser.parse_args()
    try:
        out = build(Path.cwd(), args.out.resolve(), args.languages)
    except BuildError as error:
        sys.exit(str(error))
    print(f"Built {', '.join(args.languages or site_languages(Path.cwd()))} into {out}")


if __name__ == "__main__":
    main()

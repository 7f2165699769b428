"""Build the whole site: every language into <out>/<lang>/, then the root files.

Used by `make html` and by the tests, so both build the site the same way.
Each language is built in two stages, languages side by side:
1. the PDF portfolio (tools/pdf.py: a strict singlehtml build, then WeasyPrint);
2. the HTML site, strict, which publishes that PDF and links it with its size.
Then the root files (tools/site_root.py), the CSS rules no page uses and the
pages' indentation dropped (tools/trim_output.py), the search index of each
language (tools/search_index.py) and, last, the Content-Security-Policy of
every page (tools/csp.py), which hashes the inline code the pages carry.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRICT = ["-n", "-W", "--keep-going"]


# What a throwaway copy of the project needs to build (tests, benchmark).
PROJECT_FILES = ["conf.py", "index.md", "404.md", "impacto", "casos", "principios", "charlas", "playbooks", "locales",
                 "_data", "_ext", "_static", "_templates", "tools"]


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
    with open(Path(src) / "_data" / "site.toml", "rb") as f:
        return tomllib.load(f)["languages"]


def sphinx_command(src, out, lang, builder="html", doctrees=None, pdf=None):
    doctrees = doctrees or Path(out).parent / "doctrees" / lang
    return [sys.executable, "-m", "sphinx", "-b", builder, *STRICT, "-q", "-D", f"language={lang}",
            *(["-D", f"portfolio_pdf={pdf}"] if pdf else []), "-d", str(doctrees), str(src), str(out)]


def build_language(src, out, lang, env):
    """PDF, then HTML, for one language; returns an error message or None."""
    sys.path.insert(0, str(Path(src) / "tools"))
    import pdf

    work = out.parent / "pdf" / out.name
    try:
        document = pdf.build(src, work, lang, env=env)
    except pdf.PdfError as error:
        return f"[{lang}] PDF: {error}"
    run = subprocess.run(
        sphinx_command(src, out / lang, lang, doctrees=out.parent / "doctrees" / out.name / lang, pdf=document),
        cwd=src, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return f"[{lang}] sphinx-build failed:\n{run.stdout}" if run.returncode else None


def build(src=ROOT, out=None, languages=None, env=None):
    """Build each language (in parallel); raise BuildError with every warning."""
    src = Path(src)
    out = Path(out or src / "_build" / "html")
    languages = languages or site_languages(src)
    env = {**os.environ, **(env or {})}
    with ThreadPoolExecutor(max_workers=len(languages)) as pool:
        failures = [f for f in pool.map(lambda lang: build_language(src, out, lang, env), languages) if f]
    if failures:
        raise BuildError("\n".join(failures))
    import csp
    import search_index
    import site_root
    import trim_output
    site_root.write(out, languages, src)
    trim_output.apply(out)
    try:
        search_index.apply(out)
    except search_index.SearchIndexError as error:
        raise BuildError(str(error)) from error
    csp.apply(out)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--languages", nargs="*")
    args = parser.parse_args()
    try:
        out = build(ROOT, args.out, args.languages)
    except BuildError as error:
        sys.exit(str(error))
    print(f"Built {', '.join(args.languages or site_languages())} into {out}")


if __name__ == "__main__":
    main()

"""Build the whole site: every language into <out>/<lang>/, then the root files.

Used by `make html` and by the tests, so both build the site the same way.
Each language is a separate strict Sphinx build; they run side by side.
"""

import argparse
import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRICT = ["-n", "-W", "--keep-going"]


class BuildError(RuntimeError):
    pass


def site_languages(src=ROOT):
    with open(Path(src) / "_data" / "site.toml", "rb") as f:
        return tomllib.load(f)["languages"]


def sphinx_command(src, out, lang, builder="html", doctrees=None):
    doctrees = doctrees or Path(out).parent / "doctrees" / lang
    return [sys.executable, "-m", "sphinx", "-b", builder, *STRICT, "-q",
            "-D", f"language={lang}", "-d", str(doctrees), str(src), str(out)]


def build(src=ROOT, out=None, languages=None, env=None):
    """Build each language (in parallel); raise BuildError with every warning."""
    src = Path(src)
    out = Path(out or src / "_build" / "html")
    languages = languages or site_languages(src)
    env = {**os.environ, **(env or {})}
    runs = {
        lang: subprocess.Popen(
            sphinx_command(src, out / lang, lang, doctrees=out.parent / "doctrees" / out.name / lang),
            cwd=src, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for lang in languages
    }
    failures = []
    for lang, run in runs.items():
        output, _ = run.communicate()
        if run.returncode:
            failures.append(f"[{lang}] sphinx-build failed:\n{output}")
    if failures:
        raise BuildError("\n".join(failures))
    sys.path.insert(0, str(src / "tools"))
    import site_root
    site_root.write(out, languages, src)
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

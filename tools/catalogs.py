"""Translation catalogs: regenerate templates, update catalogs, report progress.

Two kinds of catalog live under locales/<lang>/LC_MESSAGES/:
- page catalogs (<section>/<page>.po): the Spanish pages, translated into
  every other language of the site;
- the theme catalog (sphinx.po): interface strings of furo, of our templates
  and of our extension. Their msgids are English (the convention of Sphinx and
  furo), so every language except English needs one.

    python -m portfolio_tools.catalogs update [--lang xx ...]
    python -m portfolio_tools.catalogs stats
    python -m portfolio_tools.catalogs move OLD NEW     # a page and its catalogs: casos/x casos/y
"""

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po
from portfolio.build import site_languages
from portfolio.data import load
from portfolio.languages import sphinx_language
from portfolio_tools import ROOT

LOCALES = ROOT / "locales"
POT_DIR = ROOT / "_build" / "gettext"
THEME_POT_DIR = ROOT / "_build" / "gettext-theme"


def theme_sources(root=ROOT):
    """(folder, files, babel method): furo's templates, ours, our extension's code, and
    Sphinx's HTML writer, whose link titles ("Link to this table") Sphinx's own Spanish
    catalog leaves in English."""
    return [
        (Path(__import__("furo").__file__).parent / "theme" / "furo", "**.html", "jinja2"),
        (Path(root) / "_templates", "**.html", "jinja2"),
        (Path(root) / "_ext", "**.py", "python"),
        (Path(__import__("sphinx").__file__).parent / "writers", "html5.py", "python"),
    ]


# Not trimmed: a template looks a message up with its whitespace as written
# ("Made with "), so a trimmed msgid would never be found at render time.
OPTIONS = {"jinja2": {"extensions": "jinja2.ext.i18n"}, "python": {}}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
# Reproducible templates: no timestamps that change on every run.
FIXED_ENV = {"SOURCE_DATE_EPOCH": "0"}
FIXED_DATE = datetime.datetime.fromtimestamp(0, datetime.UTC)
THEME_HEADER = "# Interface strings of the site: furo's templates, ours and our extension. The msgids are English.\n#"


def page_templates(root=ROOT, out=POT_DIR):
    """Run the gettext builder; the pages' .pot files land in `out`."""
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "gettext", str(root), str(out)],
                   check=True, env={**os.environ, **FIXED_ENV}, stdout=subprocess.DEVNULL)
    # The builder's sphinx.pot holds only our templates' strings; the theme
    # template below is the complete one.
    (Path(out) / "sphinx.pot").unlink(missing_ok=True)


def theme_catalog(root=ROOT):
    """Every interface string of the theme (see theme_sources()), as a babel Catalog."""
    catalog = Catalog(project="theme", charset="utf-8", fuzzy=False, header_comment=THEME_HEADER,
                      creation_date=FIXED_DATE)
    for folder, pattern, method in theme_sources(root):
        for _file, _line, message, _comments, _context in extract_from_dir(
                str(folder), [(pattern, method)], {pattern: OPTIONS[method]}, keywords=KEYWORDS):
            catalog.add(message, None, [])
    return catalog


def theme_template(root=ROOT, out=THEME_POT_DIR):
    Path(out).mkdir(parents=True, exist_ok=True)
    with open(Path(out) / "sphinx.pot", "wb") as f:
        write_po(f, theme_catalog(root), omit_header=False, sort_output=True, no_location=True)


def sphinx_intl_update(pot_dir, languages):
    if languages:
        subprocess.run([str(Path(sys.executable).parent / "sphinx-intl"), "update",
                        "-p", str(pot_dir), "-d", str(LOCALES), "--no-obsolete",
                        *[arg for lang in languages for arg in ("-l", sphinx_language(lang))]],
                       check=True, env={**os.environ, **FIXED_ENV}, stdout=subprocess.DEVNULL)


def prune_page_catalogs(languages, pot_dir=POT_DIR):
    """Drop the catalogs of pages that no longer exist (a removed or moved page)."""
    pages = {pot.relative_to(pot_dir).with_suffix(".po") for pot in Path(pot_dir).rglob("*.pot")}
    for lang in languages:
        lang_dir = LOCALES / sphinx_language(lang) / "LC_MESSAGES"
        for po in lang_dir.rglob("*.po"):
            if po.name != "sphinx.po" and po.relative_to(lang_dir) not in pages:
                po.unlink()
                po.with_suffix(".mo").unlink(missing_ok=True)


# Babel's header order. polib writes another; one order keeps `make translate` diffs to what changed.
HEADER_ORDER = ["Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
                "Last-Translator", "Language", "Language-Team", "Plural-Forms", "MIME-Version", "Content-Type",
                "Content-Transfer-Encoding", "Generated-By"]


def canonical_header(po):
    """Reorder the header fields of catalog `po` (a path) to HEADER_ORDER; the rest is left as is."""
    lines = po.read_text(encoding="utf-8").split("\n")
    end = lines.index("")  # the header entry is the first block
    fields = [line for line in lines[:end] if re.match(r'^"[A-Za-z-]+: ', line)]
    rank = {name: i for i, name in enumerate(HEADER_ORDER)}
    ordered = iter(sorted(fields, key=lambda line: rank.get(line[1:line.index(":")], len(rank))))
    header = [next(ordered) if line in fields else line for line in lines[:end]]
    if header != lines[:end]:
        po.write_text("\n".join(header + lines[end:]), encoding="utf-8")


def wrap_all():
    """One canonical wrapping and header order for every catalog (powrap, as python-docs-es)."""
    files = sorted(LOCALES.rglob("*.po"))
    for po in files:
        canonical_header(po)
    subprocess.run([str(Path(sys.executable).parent / "powrap"), "--quiet", *map(str, files)], check=True)


def update(languages):
    page_templates()
    theme_template()
    sphinx_intl_update(POT_DIR, languages)
    prune_page_catalogs(languages)
    every = dict.fromkeys(site_languages() + list(languages))
    sphinx_intl_update(THEME_POT_DIR, [lang for lang in every if lang != "en"])
    wrap_all()


def move(old, new, root=ROOT):
    """Rename or move a page with its catalog in every language, its label (labels are
    docnames here) and every reference to it, in the pages and in the catalogs alike.

    Pages the data names (impact areas, case studies, principles) are moved in the
    data instead: tools/area.py, or _data/areas.toml by hand.
    """
    data = load(root)
    named = {a.page for a in data.areas} | {a.case_page for a in data.areas} | {
        f"principios/{p}" for a in data.areas for p in a.principles}
    source, target = root / f"{old}.md", root / f"{new}.md"
    if not source.is_file():
        sys.exit(f"no page {old}.md")
    if target.exists():
        sys.exit(f"{new}.md already exists")
    if old in named:
        sys.exit(f"{old} is named in _data/areas.toml: move it there (tools/area.py)")
    target.parent.mkdir(parents=True, exist_ok=True)
    source.rename(target)
    for lang_dir in sorted(LOCALES.glob("*/LC_MESSAGES")):
        catalog = lang_dir / f"{old}.po"
        if catalog.exists():
            (lang_dir / f"{new}.po").parent.mkdir(parents=True, exist_ok=True)
            catalog.rename(lang_dir / f"{new}.po")
            catalog.with_suffix(".mo").unlink(missing_ok=True)
    # The label "(old)=" and references "#old", "{ref}`old`", "<old>": pages and catalogs alike,
    # so each msgid still matches its page. Toctree lines are relative to the page that holds them.
    reference = re.compile(rf"(?<=[#(<`]){re.escape(old)}(?=[)>`])")
    sources = [p for p in [*root.glob("**/*.md"), *LOCALES.rglob("*.po")]
               if not any(part.startswith((".", "_")) or part == "node_modules" for part in p.relative_to(root).parts)]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        moved = reference.sub(new, text)
        folder = path.parent.relative_to(root).as_posix()
        prefix = "" if folder == "." else folder + "/"
        if path.suffix == ".md" and old.startswith(prefix):
            moved = re.sub(rf"^{re.escape(old[len(prefix):])}$", new.removeprefix(prefix), moved, flags=re.M)
        if moved != text:
            path.write_text(moved, encoding="utf-8")
    update(site_languages(root)[1:])
    print(f"Moved {old} to {new}, with its catalogs")


def stats():
    rows = []
    for po_path in sorted(LOCALES.rglob("*.po")):
        po = polib.pofile(str(po_path))
        rows.append((po_path.relative_to(LOCALES), len(po.translated_entries()),
                     len(po.fuzzy_entries()), len(po.untranslated_entries())))
    width = max(len(str(r[0])) for r in rows)
    print(f"{'catalog':<{width}}  translated  fuzzy  untranslated")
    for path, done, fuzzy, todo in rows:
        print(f"{str(path):<{width}}  {done:>10}  {fuzzy:>5}  {todo:>12}")
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("update", help="regenerate templates and update catalogs")
    up.add_argument("--lang", nargs="*", help="languages to update (default: every translation in _data/site.toml)")
    sub.add_parser("stats", help="translated / fuzzy / untranslated per catalog")
    mv = sub.add_parser("move", help="move a page and its catalogs (docnames: casos/x casos/y)")
    mv.add_argument("old")
    mv.add_argument("new")
    args = parser.parse_args()
    if args.command == "update":
        update(args.lang or site_languages()[1:])
    elif args.command == "move":
        move(args.old, args.new)
    else:
        stats()


if __name__ == "__main__":
    main()

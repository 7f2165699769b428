"""Add or remove an impact area: its entry in _data/areas.toml, its two pages and their catalogs.

    python -m portfolio_tools.area new SLUG [--title "..."] [--case CASE] [--principles a b]
    python -m portfolio_tools.area remove SLUG

`new` writes impacto/<slug>.md, casos/<case>.md and the case study's diagram
source casos/<case>.d2 from tools/scaffold/, adds
the entry, and updates the catalogs: the strict build passes at once and the
area shows on the home page, the section indexes, the sitemaps and llms.txt in
every language; its translation is then reported by the catalog check until
someone writes it. `remove` takes all of it out again.
"""

import argparse
import re
import sys
import tomllib
from pathlib import Path
from string import Template

from portfolio.data import load
from portfolio_tools import ROOT, catalogs

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
AREAS = ROOT / "_data" / "areas.toml"
ENTRY = '\n[[area]]\nslug = "{slug}"\ncase = "{case}"\nprinciples = [{principles}]\nfigures = []\n'


def pages(slug, case):
    """{file to write: its scaffold in tools/scaffold/}."""
    return {ROOT / "impacto" / f"{slug}.md": "impacto.md", ROOT / "casos" / f"{case}.md": "caso.md",
            ROOT / "casos" / f"{case}.d2": "caso.d2"}


def new(slug, title, case, principles):
    for name in [slug, case, *principles]:
        if not SLUG.match(name):
            sys.exit(f"{name!r} is not a slug: lowercase letters, digits and single hyphens")
    if any(a.slug == slug for a in load(ROOT).areas):
        sys.exit(f"_data/areas.toml: an area {slug!r} already exists")
    for page in pages(slug, case):
        if page.exists():
            sys.exit(f"{page.relative_to(ROOT)} already exists")
    for principle in principles:
        if not (ROOT / "principios" / f"{principle}.md").exists():
            sys.exit(f"no principle page principios/{principle}.md")
    title = title or slug.replace("-", " ").capitalize()
    for page, template in pages(slug, case).items():
        text = Template((Path(__file__).with_name("scaffold") / template).read_text(encoding="utf-8"))
        page.write_text(text.substitute(slug=slug, case=case, title=title), encoding="utf-8")
    with open(AREAS, "a", encoding="utf-8") as f:
        f.write(ENTRY.format(slug=slug, case=case, principles=", ".join(f'"{p}"' for p in principles)))
    load(ROOT)  # the new data validates
    catalogs.update(catalogs.site_languages()[1:])
    print(f"Added {slug}: impacto/{slug}.md, casos/{case}.md (+ .d2), _data/areas.toml. "
          f"Write the pages, then translate locales/*/LC_MESSAGES/{{impacto/{slug},casos/{case}}}.po")


def remove(slug):
    text = AREAS.read_text(encoding="utf-8")
    entries = re.split(r"\n(?=\[\[area\]\]\n)", text)
    keep = [e for e in entries if not re.search(rf'^slug = "{re.escape(slug)}"$', e, re.M)]
    if len(keep) == len(entries):
        sys.exit(f"_data/areas.toml: no area {slug!r}")
    case = next(tomllib.loads(e)["area"][0]["case"] for e in entries if e not in keep)
    AREAS.write_text("\n".join(keep).rstrip("\n") + "\n", encoding="utf-8")
    for page in pages(slug, case):
        page.unlink(missing_ok=True)
    catalogs.update(catalogs.site_languages()[1:])
    print(f"Removed {slug}: its entry, impacto/{slug}.md, casos/{case}.md (+ .d2) and their catalogs")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("new", help="scaffold a new impact area")
    add.add_argument("slug")
    add.add_argument("--title", help="the area's title (Spanish); default: from the slug")
    add.add_argument("--case", help="the case study's slug; default: the area's")
    add.add_argument("--principles", nargs="*", default=[], help="slugs of the principles it applies")
    rm = sub.add_parser("remove", help="remove an impact area and its pages")
    rm.add_argument("slug")
    args = parser.parse_args()
    if args.command == "new":
        new(args.slug, args.title, args.case or args.slug, args.principles)
    else:
        remove(args.slug)


if __name__ == "__main__":
    main()

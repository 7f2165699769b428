"""Catalog checks: each problem is reported as `file:line: message`.

- every page message is in each translation's catalog (no drift: the
  templates regenerated from the sources match the committed catalogs);
- no untranslated, fuzzy or obsolete entry;
- `msgfmt -c` accepts every catalog (syntax, format strings, header).

    python tools/check_catalogs.py        # exit 1 and a list when anything is wrong
"""

import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from build_site import site_languages  # noqa: E402


def page_templates(root, out):
    """The .pot files the gettext builder makes from the pages, keyed by catalog path."""
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "gettext", str(root), str(out)],
                   check=True, capture_output=True)
    return {pot.relative_to(out).with_suffix(".po"): polib.pofile(str(pot))
            for pot in sorted(Path(out).rglob("*.pot")) if pot.name != "sphinx.pot"}


def msgfmt_problems(po_path):
    run = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po_path)], capture_output=True, text=True)
    return [line for line in run.stderr.splitlines() if line.strip()] if run.returncode else []


def entry_problems(po_path, label, po, expected_ids=None):
    problems = []
    for entry in po:
        where = f"{label}:{entry.linenum}"
        if entry.obsolete:
            problems.append(f"{where}: obsolete entry {entry.msgid[:60]!r} (run make translate)")
        elif "fuzzy" in entry.flags:
            problems.append(f"{where}: fuzzy entry {entry.msgid[:60]!r} (review it, then drop the fuzzy flag)")
        elif not (entry.msgstr or any(entry.msgstr_plural.values())):
            problems.append(f"{where}: untranslated {entry.msgid[:60]!r}")
        elif expected_ids is not None and entry.msgid not in expected_ids:
            problems.append(f"{where}: message no longer in the page {entry.msgid[:60]!r} (run make translate)")
    return problems


def check(root=ROOT):
    root = Path(root)
    problems = []
    locales = root / "locales"
    languages = site_languages(root)
    with tempfile.TemporaryDirectory() as tmp:
        templates = page_templates(root, Path(tmp))
    for lang in languages[1:]:
        for rel, pot in templates.items():
            po_path = locales / lang / "LC_MESSAGES" / rel
            label = po_path.relative_to(root)
            if not po_path.exists():
                problems.append(f"{label}:1: catalog missing for page {rel.with_suffix('')} (run make translate)")
                continue
            syntax = msgfmt_problems(po_path)
            if syntax:
                problems.extend(syntax)
                continue
            po = polib.pofile(str(po_path))
            have = {e.msgid for e in po if not e.obsolete}
            for entry in pot:
                if entry.msgid not in have:
                    problems.append(f"{label}:1: not in catalog {entry.msgid[:60]!r} (run make translate)")
            problems.extend(entry_problems(po_path, label, po, {e.msgid for e in pot}))
    for po_path in sorted(locales.glob("*/LC_MESSAGES/sphinx.po")):
        label = po_path.relative_to(root)
        syntax = msgfmt_problems(po_path)
        problems.extend(syntax or entry_problems(po_path, label, polib.pofile(str(po_path))))
    return problems


if __name__ == "__main__":
    found = check()
    print("\n".join(found) or "Catalogs: all messages translated, in sync and well formed.")
    sys.exit(1 if found else 0)

"""Fill the gaps of Sphinx's JavaScript catalog from our theme catalog.

Sphinx ships `_static/translations.js` per language; its Spanish one has empty
strings for the search summary ("Search finished, found … pages"), so the
search page shows a blank status line. After the build, every empty entry is
filled from locales/<lang>/LC_MESSAGES/sphinx.po when that catalog translates it.

The catalog's plural rule is made numeric too: for a two-form language babel
writes it as "(n != 1)", a boolean, and doctools.js indexes the plural forms
with it, so `ngettext` returns undefined and the search summary throws (Sphinx's
own German and Dutch catalogs, or any new language's). "+(…)" is a number.

And the file no longer calls `Documentation.addTranslations`, which compiles the
plural rule with `new Function` — refused by the site's Content-Security-Policy
(no 'unsafe-eval'). It sets the same three values itself, the rule written as
code: it comes from babel's plural rules and is checked to be arithmetic on n.
"""

import json
import re
from pathlib import Path

from babel.messages.pofile import read_po

CATALOG = re.compile(r"Documentation\.addTranslations\((.*)\);?\s*$", re.S)
PLURAL_RULE = re.compile(r"^[n0-9\s%<>=!&|?:+()-]+$")  # arithmetic and comparisons on n, nothing else


def _blank(value):
    return not any(value) if isinstance(value, list) else not value


def _ours(app):
    for locale_dir in app.config.locale_dirs:
        po_path = Path(app.confdir, locale_dir, app.config.language, "LC_MESSAGES", "sphinx.po")
        if po_path.exists():
            with open(po_path, "rb") as f:
                return {m.id[0] if isinstance(m.id, tuple) else m.id: m.string
                        for m in read_po(f) if m.id and not m.fuzzy}
    return {}


def fill_translations_js(app, exception):
    js_path = Path(app.outdir, "_static", "translations.js")
    if exception or app.builder.format != "html" or not js_path.exists():
        return
    match = CATALOG.search(js_path.read_text(encoding="utf-8"))
    if not match:
        return
    data = json.loads(match.group(1))
    rule = data.get("plural_expr") or "n != 1"
    if not PLURAL_RULE.match(rule):
        raise ValueError(f"{js_path}: unexpected plural rule {rule!r}")
    ours = _ours(app)
    forms = len(next((v for v in data["messages"].values() if isinstance(v, list)), [None, None]))
    for msgid, value in data["messages"].items():
        mine = ours.get(msgid)
        if _blank(value) and mine and not _blank(list(mine) if isinstance(mine, tuple) else mine):
            if isinstance(mine, tuple):  # plural: pad our forms to the JS catalog's count
                mine = list(mine) + [mine[-1]] * (forms - len(mine))
            data["messages"][msgid] = mine
    messages = json.dumps(data["messages"], ensure_ascii=False, indent=2)
    js_path.write_text(f"Object.assign(Documentation.TRANSLATIONS, {messages});\n"
                       f"Documentation.PLURAL_EXPR = (n) => +({rule});\n"
                       f"Documentation.LOCALE = {json.dumps(data.get('locale', app.config.language))};\n",
                       encoding="utf-8")


def setup(app):
    app.connect("build-finished", fill_translations_js)

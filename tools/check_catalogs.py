"""Catalog checks: each problem is reported as `file:line: message`.

- every page message is in each translation's catalog (no drift: the
  templates regenerated from the sources match the committed catalogs), and
  every theme message (tools/catalogs.py) in each non-English sphinx.po;
- no untranslated, fuzzy or obsolete entry;
- `msgfmt -c` accepts every catalog (syntax, format strings, header);
- parity: a translation keeps its source's numbers, {{ substitutions }}, MyST
  roles and their targets ({doc}, {ref}), link targets and inline code; no
  message uses a reference-style link ([text][ref]: it renders as literal
  text once translated, with no warning);
- wrapping: every catalog is in powrap's canonical wrapping (`make translate`
  applies it), so a diff shows translations, not re-wrapped lines;
- headers: no timestamp that would change between runs of `make translate`;
- spelling: hunspell in each language (the pages' Spanish, each translation,
  the Spanish theme strings), with the project's word lists
  (tests/wordlists/<lang>.txt) for names and technical terms;
- glossary (_data/glossary.toml, STYLE.md): one term per concept. No Spanish
  page, diagram label, figure label or Spanish theme string uses a form to
  avoid; an English translation of a message holding a glossary term renders
  it as the glossary says, and uses no English form to avoid.

    python -m portfolio_tools.check_catalogs        # exit 1 and a list when anything is wrong
"""

import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

import jsonschema
import polib
from portfolio.build import site_languages
from portfolio.languages import sphinx_language
from portfolio_tools import ROOT


def page_templates(root, out):
    """The .pot files the gettext builder makes from the pages, keyed by catalog path."""
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "gettext", str(root), str(out)],
                   check=True, capture_output=True)
    return {pot.relative_to(out).with_suffix(".po"): polib.pofile(str(pot))
            for pot in sorted(Path(out).rglob("*.pot")) if pot.name != "sphinx.pot"}


def msgfmt_problems(po_path):
    run = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po_path)], capture_output=True, text=True)
    return [line for line in run.stderr.splitlines() if line.strip()] if run.returncode else []


def _short(msgid):
    return repr(msgid[:60] + ("…" if len(msgid) > 60 else ""))


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


# -- Parity: what a translation must keep from its source --------------------------------

SUBSTITUTION = re.compile(r"\{\{\s*([\w.]+)\s*\}\}")
# A code span, or a MyST role: a code span right after {name}. Scanned left to
# right, so a {name} inside a code span is code, not a role.
ROLE_OR_CODE = re.compile(r"(?:\{([\w:.+-]+)\})?(`+)(?!`)(.+?)(?<!`)\2(?!`)", re.S)
# Roles whose content names a target (the rest, e.g. {abbr}, hold translatable text).
REFERENCE_ROLES = {"doc", "ref", "numref", "download", "any", "eq", "std:doc", "std:ref", "std:numref"}
TITLED_TARGET = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^()\s<>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^<>\s]+)>")
HREF = re.compile(r"\b(?:href|src)=\"([^\"]*)\"")
HTML_TAG = re.compile(r"<[a-zA-Z/!][^<>]*>")
ENTITY = re.compile(r"&#?\w+;")
PLACEHOLDER = re.compile(r"%\(\w+\)[#0 +-]?\d*(?:\.\d+)?[a-zA-Z]|%[a-zA-Z]|\$\{\w+\}")
URL = re.compile(r"(?:https?|mailto|ftp):[^\s<>()\[\]{}«»⟦⟧\"']*[^\s<>()\[\]{}«»⟦⟧\"'.,;:!?]")
NUMBER = re.compile(r"\d+")
REFERENCE_STYLE = [
    re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])+\]\[[^\[\]]*\]"),   # [text][ref] or [text][]
    re.compile(r"^ {0,3}\[[^\[\]]+\]:\s*\S", re.M),               # [ref]: target
]


def _role_parts(role, content):
    """(text to read, target or None) of a MyST role. A formula is no prose: its LaTeX is kept
    whole, like a target."""
    if role == "math":
        return "", content
    if role.split(":")[-1] not in {r.split(":")[-1] for r in REFERENCE_ROLES}:
        return content, None
    titled = TITLED_TARGET.match(content)
    return (titled.group(1), titled.group(2).strip()) if titled else ("", content.strip())


def message_parts(text):
    """What a translation must keep, as multisets: substitutions, roles (with
    their targets), link targets, inline code and numbers."""
    substitutions = Counter(SUBSTITUTION.findall(text))
    text = SUBSTITUTION.sub(" ", text)
    roles, code = Counter(), Counter()

    def role_or_code(match):
        if match.group(1) is None:
            code[match.group(3).strip()] += 1
            return " "
        shown, target = _role_parts(match.group(1), match.group(3))
        roles[(match.group(1), target)] += 1
        return f" {shown} "
    text = ROLE_OR_CODE.sub(role_or_code, text)
    links = Counter()

    def link(match):
        links[match.group(3)] += 1
        return f" {match.group(2)} "
    text = LINK.sub(link, text)
    for pattern in (AUTOLINK, HREF, URL):
        links.update(pattern.findall(text))
        text = pattern.sub(" ", text)
    for pattern in (HTML_TAG, ENTITY, PLACEHOLDER):
        text = pattern.sub(" ", text)
    return {
        "{{ substitutions }}": substitutions,
        "MyST roles and targets": roles,
        "link targets": links,
        "inline code": code,
        "numbers": Counter(NUMBER.findall(text)),
    }


def reference_style_links(text):
    return [m.group(0) for pattern in REFERENCE_STYLE for m in pattern.finditer(text)]


def _describe(counter):
    items = []
    for key, count in sorted(counter.items(), key=str):
        if isinstance(key, tuple):  # a MyST role, with its target when it has one
            shown = f"{{{key[0]}}}`{key[1]}`" if key[1] else f"{{{key[0]}}}"
        else:
            shown = key
        items.append(shown + (f" ×{count}" if count > 1 else ""))
    return ", ".join(items) or "none"


def parity(msgid, msgstr):
    """What differs between a source message and its translation (a list of phrases)."""
    source, target = message_parts(msgid), message_parts(msgstr)
    found = []
    for what in source:
        if source[what] != target[what]:
            found.append(f"not the same {what}: source has {_describe(source[what])}, "
                         f"translation has {_describe(target[what])}")
    return found


def parity_problems(label, po, markdown=True):
    """Parity for every translated entry of a catalog; in a page catalog
    (`markdown`), reference-style links too."""
    problems = []
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        where = f"{label}:{entry.linenum}"
        translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for text in [entry.msgid, *translations] if markdown else []:
            for link in reference_style_links(text):
                problems.append(f"{where}: reference-style link {link!r} (it renders as literal text once "
                                f"translated; write an inline link [text](target)) in msgid {_short(entry.msgid)}")
        translated = entry.msgstr and "fuzzy" not in entry.flags
        if translated and not entry.msgid_plural:
            problems.extend(f"{where}: {difference} in msgid {_short(entry.msgid)}"
                            for difference in parity(entry.msgid, entry.msgstr))
    return problems


# -- The checks -----------------------------------------------------------------------------

def theme_problems(root, lang, po_path):
    """Every theme message (tools/catalogs.py theme_catalog) is in the language's sphinx.po."""
    from portfolio_tools import catalogs
    label = po_path.relative_to(root)
    if not po_path.exists():
        return [f"{label}:1: theme catalog missing for {lang} (run make translate)"]
    have = {e.msgid for e in polib.pofile(str(po_path)) if not e.obsolete}
    return [f"{label}:1: not in catalog {message.id[:60]!r} (run make translate)"
            for message in catalogs.theme_catalog(root)
            if message.id and (message.id[0] if isinstance(message.id, tuple) else message.id) not in have]


def check(root=ROOT):
    root = Path(root)
    problems = []
    locales = root / "locales"
    languages = site_languages(root)
    with tempfile.TemporaryDirectory() as tmp:
        templates = page_templates(root, Path(tmp))
    for rel, pot in templates.items():
        for entry in pot:
            for link in reference_style_links(entry.msgid):
                problems.append(f"{rel.with_suffix('.md')}:1: reference-style link {link!r} in the page (it "
                                f"renders as literal text once translated; write an inline link [text](target))")
    for lang in languages[1:]:
        for rel, pot in templates.items():
            po_path = locales / sphinx_language(lang) / "LC_MESSAGES" / rel
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
            problems.extend(parity_problems(label, po))
    for lang in languages:
        if lang != "en":
            problems.extend(theme_problems(root, lang, locales / sphinx_language(lang) / "LC_MESSAGES" / "sphinx.po"))
    for po_path in sorted(locales.glob("*/LC_MESSAGES/sphinx.po")):
        label = po_path.relative_to(root)
        syntax = msgfmt_problems(po_path)
        if syntax:
            problems.extend(syntax)
            continue
        po = polib.pofile(str(po_path))
        problems.extend(entry_problems(po_path, label, po))
        problems.extend(parity_problems(label, po, markdown=False))
    return problems


# What tools/catalogs.py writes (SOURCE_DATE_EPOCH=0): a date that changes on every
# run would rewrite every catalog's header whenever its messages change.
FIXED_HEADER = {"POT-Creation-Date": "1970-01-01 00:00+0000"}


def header_problems(root=ROOT):
    """Headers that would churn: a real timestamp instead of the fixed one."""
    root = Path(root)
    problems = []
    for po_path in sorted((root / "locales").rglob("*.po")):
        metadata = polib.pofile(str(po_path)).metadata
        for field, value in FIXED_HEADER.items():
            if metadata.get(field) != value:
                problems.append(f"{po_path.relative_to(root)}:1: header {field}: {metadata.get(field)!r}, "
                                f"expected {value!r} (a timestamp churns on every update; run make translate)")
    return problems


def wrapping_problems(root=ROOT):
    """Catalogs not in powrap's canonical wrapping (powrap --check)."""
    root = Path(root)
    files = sorted((root / "locales").rglob("*.po"))
    powrap = Path(sys.executable).parent / "powrap"
    run = subprocess.run([str(powrap), "--quiet", "--check", *map(str, files)], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        return [f"powrap failed ({run.returncode}): {run.stdout}{run.stderr}".strip()]
    rewrap = re.findall(r"^Would rewrap: (.+)$", run.stdout + run.stderr, re.M)
    return [f"{Path(path).resolve().relative_to(root.resolve())}:1: not in the canonical wrapping "
            f"(run make translate, or powrap on the file)" for path in rewrap]


# -- Spelling --------------------------------------------------------------------------------

DICTIONARIES = {"es": "es_ES", "en": "en_US"}
# The Spanish pages use the field's English terms (rollback, serving, pipeline),
# as the seed does: Spanish text is checked against both dictionaries.
ALSO_ACCEPTED = {"es": ["en_US"]}
WORDLISTS = ROOT / "tests" / "wordlists"
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
ACRONYM = re.compile(r"^[A-Z]{2,}s?$")   # MTTR, QPS, SLOs: not words a dictionary can judge


def readable_text(text):
    """The prose of a message: no substitutions, targets, code, tags or placeholders."""
    text = SUBSTITUTION.sub(" ", text)
    text = ROLE_OR_CODE.sub(lambda m: " " + (_role_parts(m.group(1), m.group(3))[0] if m.group(1) else "") + " ",
                            text)
    text = LINK.sub(lambda m: f" {m.group(2)} ", text)
    for pattern in (AUTOLINK, HREF, URL, HTML_TAG, ENTITY, PLACEHOLDER):
        text = pattern.sub(" ", text)
    return text


def _words(text, lang):
    for word in WORD.findall(readable_text(text)):
        word = word.replace("’", "'")
        if lang == "en":
            word = re.sub(r"'s$", "", word)   # possessive: the noun is what is checked
        if len(word) > 1 and not ACRONYM.match(word):
            yield word


def wordlist(lang, folder=WORDLISTS):
    """The project's accepted words for a language: one a line, # starts a comment."""
    path = Path(folder) / f"{lang}.txt"
    if not path.exists():
        return []
    return [line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.split("#", 1)[0].strip()]


def unknown_words(words, lang, folder=WORDLISTS):
    """The words hunspell does not know in `lang`, with the project's word list."""
    hunspell = shutil.which("hunspell")
    if not hunspell:
        raise RuntimeError("hunspell is not installed: run `make test` (it installs hunspell, hunspell-es "
                           "and hunspell-en-us through apt) or install them yourself")
    dictionaries = ",".join([DICTIONARIES[lang], *ALSO_ACCEPTED.get(lang, [])])
    with tempfile.NamedTemporaryFile("w", suffix=".dic", encoding="utf-8") as personal:
        personal.write("\n".join(wordlist(lang, folder)) + "\n")
        personal.flush()
        run = subprocess.run([hunspell, "-l", "-i", "utf-8", "-d", dictionaries, "-p", personal.name],
                             input="\n".join(sorted(set(words))), capture_output=True, text=True,
                             encoding="utf-8")
    if run.returncode:
        raise RuntimeError(f"hunspell failed: {run.stderr}")
    return set(run.stdout.split())


def spelling_texts(root=ROOT):
    """{lang: [(label, entry, text)]}: the Spanish source (page msgids), each
    translation (msgstr) and the Spanish theme strings."""
    root = Path(root)
    languages = [lang for lang in site_languages(root) if lang in DICTIONARIES]
    source = site_languages(root)[0]
    texts = {lang: [] for lang in languages}
    seen_source = set()
    for lang in languages:
        messages = root / "locales" / sphinx_language(lang) / "LC_MESSAGES"
        for po_path in sorted(messages.rglob("*.po")):
            label = po_path.relative_to(root)
            theme = po_path == messages / "sphinx.po"     # its msgids are furo's and Sphinx's English
            for entry in polib.pofile(str(po_path)):
                if entry.obsolete or not entry.msgid:
                    continue
                if not theme and source in texts and entry.msgid not in seen_source:
                    seen_source.add(entry.msgid)
                    texts[source].append((label, entry, entry.msgid))
                strings = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
                texts[lang].extend((label, entry, s) for s in strings if s)
    return texts


def spelling_problems(root=ROOT, folder=WORDLISTS):
    """Unknown words, as `file:line: unknown word … in msgid …`."""
    problems = []
    for lang, items in spelling_texts(root).items():
        words = {(i, w) for i, (_, _, text) in enumerate(items) for w in _words(text, lang)}
        unknown = unknown_words({w for _, w in words}, lang, folder)
        reported = set()
        for i, word in sorted(words):
            label, entry, _ = items[i]
            if word in unknown and (label, entry.linenum, word) not in reported:
                reported.add((label, entry.linenum, word))
                problems.append(f"{label}:{entry.linenum}: unknown word {word!r} ({lang}; fix the spelling, or "
                                f"add a name or term to tests/wordlists/{lang}.txt) in msgid {_short(entry.msgid)}")
    return problems


def wordlist_problems(root=ROOT, folder=WORDLISTS):
    """Word lists stay short: no word the dictionary already knows, none no page uses."""
    problems = []
    for lang, items in spelling_texts(root).items():
        listed = wordlist(lang, folder)
        used = {w.lower() for _, _, text in items for w in _words(text, lang)}
        with tempfile.TemporaryDirectory() as empty:
            known = set(listed) - unknown_words(listed, lang, empty)
        path = f"tests/wordlists/{lang}.txt"
        problems += [f"{path}: {word!r} is in the dictionary already (drop it)" for word in sorted(known)]
        problems += [f"{path}: {word!r} is used by no catalog (drop it)"
                     for word in listed if word.lower() not in used]
    return problems


# Where the Spanish text a reader sees is written (besides the page catalogs' msgids).
SPANISH_SOURCES = ["index.md", "404.md", "impacto/*.md", "casos/*.md", "principios/*.md", "charlas/*.md",
                   "playbooks/*.md", "casos/*.d2"]
FIGURE_LABEL = re.compile(r'^\s*label\s*=\s*"(.*)"')


def load_glossary(root=ROOT):
    """The glossary's terms and hedges, validated against _data/glossary.schema.json."""
    data_dir = Path(root) / "_data"
    with open(data_dir / "glossary.toml", "rb") as f:
        glossary = tomllib.load(f)
    schema = json.loads((data_dir / "glossary.schema.json").read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(glossary))
    if error is not None:
        path = ".".join(str(k) for k in error.absolute_path) or "(top level)"
        raise SystemExit(f"_data/glossary.toml: {path}: {error.message}")
    return glossary["term"], glossary.get("hedge", [])


def _pattern(forms):
    """Any of the forms, as whole words (hyphenated words are one word), regardless of case."""
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I) if forms else None


def spanish_lines(root=ROOT):
    """(label, line number, text) of every line of Spanish a reader can see."""
    root = Path(root)
    for pattern in SPANISH_SOURCES:
        for path in sorted(root.glob(pattern)):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                yield path.relative_to(root), number, line
    metrics = root / "_data" / "metrics.toml"
    for number, line in enumerate(metrics.read_text(encoding="utf-8").splitlines(), 1):
        label = FIGURE_LABEL.match(line)
        if label:
            yield metrics.relative_to(root), number, label.group(1)
    source = site_languages(root)[0]
    theme = root / "locales" / sphinx_language(source) / "LC_MESSAGES" / "sphinx.po"
    if theme.exists():
        for entry in polib.pofile(str(theme)):
            if entry.msgstr and not entry.obsolete:
                yield theme.relative_to(root), entry.linenum, entry.msgstr


def glossary_problems(root=ROOT):
    root = Path(root)
    glossary, hedge_list = load_glossary(root)
    terms = [(term["concept"], _pattern(term.get("es", [])), _pattern(term.get("es_avoid", [])),
              term.get("en", []), _pattern(term.get("en", [])), _pattern(term.get("en_avoid", [])))
             for term in glossary]
    hedges = {hedge["lang"]: (_pattern(hedge["forms"]), hedge["why"]) for hedge in hedge_list}

    def hedged(where, text, lang):
        pattern, why = hedges.get(lang, (None, ""))
        return [f"{where}: {match.group(0)!r} is a hedge: {why} (_data/glossary.toml)"
                for match in (pattern.finditer(text) if pattern else ())]

    problems = []
    source = site_languages(root)[0]
    for label, number, text in spanish_lines(root):
        for concept, _es, es_avoid, *_ in terms:
            for match in es_avoid.finditer(text) if es_avoid else ():
                problems.append(f"{label}:{number}: {match.group(0)!r} is a form to avoid for {concept!r} "
                                f"(_data/glossary.toml)")
        problems += hedged(f"{label}:{number}", text, source)
    for lang in site_languages(root)[1:]:
        if lang != "en":
            continue  # the glossary's translations are English
        messages = root / "locales" / sphinx_language(lang) / "LC_MESSAGES"
        for po_path in sorted(messages.rglob("*.po")):
            if po_path.name == "sphinx.po" and po_path.parent == messages:
                continue  # its msgids are English already
            label = po_path.relative_to(root)
            for entry in polib.pofile(str(po_path)):
                if entry.obsolete or not entry.msgstr or "fuzzy" in entry.flags:
                    continue
                problems += hedged(f"{label}:{entry.linenum}", entry.msgstr, lang)
                for concept, es, _avoid, en_forms, en, en_avoid in terms:
                    used = es.search(entry.msgid) if es else None
                    if used and en and not en.search(entry.msgstr):
                        problems.append(f"{label}:{entry.linenum}: {used.group(0)!r} is translated without "
                                        f"{' / '.join(map(repr, en_forms))} ({concept!r}, _data/glossary.toml) "
                                        f"in msgid {_short(entry.msgid)}")
                    for match in en_avoid.finditer(entry.msgstr) if en_avoid else ():
                        problems.append(f"{label}:{entry.linenum}: {match.group(0)!r} is a form to avoid for "
                                        f"{concept!r} (_data/glossary.toml) in msgid {_short(entry.msgid)}")
    return problems


def unchecked_spelling(root=ROOT):
    """A line per language of the site whose spelling no dictionary checks (said, never skipped
    in silence: a new language needs its dictionary named in DICTIONARIES and installed)."""
    return [f"locales/{sphinx_language(lang)}: spelling not checked: no hunspell dictionary for {lang!r} (name one in "
            f"DICTIONARIES, tools/check_catalogs.py, and install it: tools/install-system-tools.sh)"
            for lang in site_languages(root) if lang not in DICTIONARIES]


def main():
    found = (check() + header_problems() + wrapping_problems() + spelling_problems() + wordlist_problems()
             + glossary_problems())
    for line in unchecked_spelling():
        print(f"Notice: {line}")
    print("\n".join(found) or "Catalogs: all messages translated, in sync, well formed, faithful, "
                              "canonically wrapped and spelled right.")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()

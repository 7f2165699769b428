"""Trim what no reader needs from a language's built pages (a stage of pipeline.py).

Each page's indentation (furo's templates indent deeply) goes, outside <pre>,
<textarea>, <script> and <style>: a run of whitespace between two tags
becomes one newline, which renders the same.

furo's and sphinx-design's stylesheets are written for every site; this one
uses a fraction of them (measured: most of a stock furo page's first load is CSS). For
the language folder, a rule is kept unless each of its selectors names a
class or an id that appears in no page and in no script of the site — so
rules for states the scripts set (furo's `scrolled`, the theme attribute) are
kept, and whatever a page can show still has its style. Then the custom
properties no kept rule reads (`var(--name)`; furo defines hundreds, for
admonitions, API docs, code) are dropped too. The stylesheets are rewritten in
place, without their source-map comment (the map no longer matches them): Sphinx
copies them afresh on every build, so this is redone every time; the pages'
indentation only on the pages the build wrote.
"""

import re
from pathlib import Path

import tinycss2

STYLESHEETS = ["_static/sphinx-design.min.css", "_static/styles/furo.css", "_static/styles/furo-extensions.css"]
OURS = ["_static/portfolio.css", "_static/search.css"]  # never purged (every rule is for this site), only minified
NAME = r"-?[_a-zA-Z][-_a-zA-Z0-9]*"
SELECTOR_TOKENS = re.compile(rf"([.#])({NAME})")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
VAR = re.compile(r"var\(\s*(--[-_a-zA-Z0-9]+)")
KEEP_AS_IS = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.S | re.I)
BETWEEN_TAGS = re.compile(r">\s*\n\s*<")


def used_names(folder):
    """Every class and id the pages carry, and every word the site's scripts hold (they may add
    one). Not the search engine's code (pipeline.py indexes after this stage: an earlier build's
    bundle must not change what this one keeps)."""
    names = set()
    for page in folder.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for value in re.findall(r'\b(?:class|id)="([^"]*)"', html):
            names.update(value.split())
    for script in (folder / "_static").rglob("*.js"):
        names.update(re.findall(NAME, script.read_text(encoding="utf-8")))
    return names


def selector_may_match(selector, names):
    return all(name in names for _kind, name in SELECTOR_TOKENS.findall(selector))


def purge(rules, names):
    """The rules (tinycss2 nodes) that may match, nested at-rules purged in turn."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = tinycss2.serialize(rule.prelude).split(",")
            if not any(selector_may_match(s, names) for s in selectors):
                continue
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
            inner = purge(tinycss2.parse_rule_list(rule.content), names)
            if not any(r.type in ("qualified-rule", "at-rule") for r in inner):
                continue
            rule.content = inner
        elif rule.type in ("whitespace", "comment"):
            continue
        kept.append(rule)
    return kept


def drop_unread_properties(rules, read):
    """The rules without declarations of custom properties that nothing reads."""
    for rule in rules:
        if rule.type == "at-rule" and isinstance(rule.content, list):
            drop_unread_properties(rule.content, read)
        elif rule.type == "qualified-rule":
            declarations = tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True, skip_comments=True)
            kept = [d for d in declarations if not (d.type == "declaration" and d.name.startswith("--")
                                                     and d.lower_name not in read)]
            if len(kept) != len(declarations):
                rule.content = kept  # a declaration serializes with its ";"
    return rules


def minify_css(css):
    """Our own stylesheet without its comments and layout whitespace (it holds no string that needs them)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    return re.sub(r"\s*([{};,>])\s*", r"\1", css).replace(";}", "}").strip()


def collapse_indentation(html):
    parts = KEEP_AS_IS.split(html)
    # split() yields text, then each kept element and its tag name, in turn.
    return "".join(BETWEEN_TAGS.sub(">\n<", part) if i % 3 == 0 else part
                   for i, part in enumerate(parts) if i % 3 != 2)


def drop_stale_previews(folder):
    """The social cards no page names any more: each is named after a digest of its text
    (social_cards.py), so an edit would leave the old card behind."""
    previews = folder / "_images" / "social_previews"
    if previews.is_dir():
        pages = "".join(page.read_text(encoding="utf-8") for page in folder.rglob("*.html"))
        for card in previews.iterdir():
            if card.name not in pages:
                card.unlink()


def apply(folder, written=None):
    """Purge the folder's stylesheets against its pages, and collapse the indentation of the pages
    `written` (all when None); return the bytes saved."""
    folder, saved = Path(folder), 0
    names = used_names(folder)
    sheets = {}
    for name in STYLESHEETS:
        path = folder / name
        if path.is_file():
            css = SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))
            sheets[path] = purge(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), names)
            saved += path.stat().st_size
    # Custom properties read by other properties are dropped in rounds, until none is.
    ours = "".join(path.read_text(encoding="utf-8") for path in [*(folder / name for name in OURS),
                                                                  *folder.rglob("*.html")] if path.is_file())
    while True:
        text = {path: "".join(tinycss2.serialize([r]) for r in rules) for path, rules in sheets.items()}
        read = set(VAR.findall(ours + "".join(text.values())))
        for rules in sheets.values():
            drop_unread_properties(rules, read)
        if all("".join(tinycss2.serialize([r]) for r in rules) == text[path] for path, rules in sheets.items()):
            break
    for name in OURS:
        path = folder / name
        if path.is_file():
            saved += path.stat().st_size
            text[path] = minify_css(path.read_text(encoding="utf-8"))
    for path, css in text.items():
        path.write_text(css, encoding="utf-8")
        saved -= len(css.encode("utf-8"))
        path.with_name(path.name + ".map").unlink(missing_ok=True)
    drop_stale_previews(folder)
    for page in folder.rglob("*.html") if written is None else written:
        html = page.read_text(encoding="utf-8")
        trimmed = collapse_indentation(html)
        if trimmed != html:
            page.write_text(trimmed, encoding="utf-8")
            saved += len(html.encode("utf-8")) - len(trimmed.encode("utf-8"))
    return saved

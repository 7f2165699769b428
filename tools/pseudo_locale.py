"""Pseudo-locale: a throwaway language in which every translated string is marked.

Every catalog of the site is "translated" into the pseudo language by wrapping
each message in ⟦ ⟧ and accenting its letters ("Rollback primero" becomes
"⟦Ŕöļļƀåçķ þŕîɱéŕö⟧"), leaving intact what a translation must keep:
{{ substitutions }}, MyST roles and their targets, link targets, inline code,
HTML tags and entities, and placeholders (%(name)s, %s, ${count}, {name}).

A site built in it shows every visible string that never went through gettext
as letters outside ⟦ ⟧: a button-ref label, a card's :link-alt:, a literal in a
template, a label an extension generates. No catalog check can see those.
`scan_site()` finds them in the text, the alt/title/aria-label/placeholder
attributes, the <title>, the meta descriptions and Open Graph tags, the JSON-LD
and llms.txt. An element that declares its own `lang` (the switcher's language
names) is, by design, text in that language and is not expected to be marked.

Catalogs of the pseudo language:
- one per page, from the pages' templates (the gettext builder);
- sphinx.po: the theme template (tools/catalogs.py) plus Sphinx's own
  sphinx.pot, so Sphinx's labels are marked too (the search box's labels
  among them: they ride in the pages, _ext/portfolio/search.py).

The pseudo language is PSEUDO, a language with a region ("pt-BR": Sphinx and
gettext call it pt_BR), so the proof also covers a code in two parts: folders,
URLs, hreflang, <html lang>, catalogs, the root's choice of language. Its text is
marked, never Portuguese. It is built only in throwaway copies (tests, this
tool); it is never added to _data/site.toml and never published.

    python -m portfolio_tools.pseudo_locale     # build the site in it (temporary copy), report unmarked text
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from portfolio import build as build_site
from portfolio.languages import sphinx_language
from portfolio_tools import ROOT, catalogs

PSEUDO = "pt-BR"
OPEN, CLOSE = "⟦", "⟧"
SPHINX_POT = Path(__import__("sphinx").__file__).parent / "locale" / "sphinx.pot"
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"

_LOWER = "abcdefghijklmnopqrstuvwxyz"
_ACCENTED = "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýž"  # each one's upper() is its own case pair
ACCENTS = str.maketrans(_LOWER + _LOWER.upper(), _ACCENTED + _ACCENTED.upper())

# Kept verbatim, in this order of precedence.
_KEEP = re.compile(r"""
    \{\{.*?\}\}                          # {{ substitution }}
  | \{[\w:.+-]+\}`[^`]*`                 # MyST role (its text is handled below)
  | (?P<code>`+)[^`].*?(?P=code)         # inline code
  | !?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^()\s]*(?:\s+"[^"]*")?\)   # Markdown link or image
  | <[a-zA-Z/!][^<>]*>                   # HTML tag, autolink <https://...>
  | &\#?\w+;                             # entity
  | %(?:\(\w+\))?[#0+-]*\d*(?:\.\d+)?[a-zA-Z%]   # printf and strftime placeholders
  | \$\{\w+\}                            # ${count} (Sphinx's JavaScript)
  | \{[\w.#:-]*\}                        # {name}, {#id .class}
  | https?://\S+                         # bare URL
""", re.X | re.S)
_ROLE = re.compile(r"(\{[\w:.+-]+\}`)([^`]*)(`)")
_TITLED_TARGET = re.compile(r"^(.*?)(\s*<[^<>]+>)$", re.S)
_LINK = re.compile(r"^(!?\[)(.*)(\]\(.*\))$", re.S)


def _accent(text):
    out, last = [], 0
    for match in _KEEP.finditer(text):
        out.append(text[last:match.start()].translate(ACCENTS))
        token = match.group(0)
        if (link := _LINK.match(token)):                 # the link's text is translatable
            token = link.group(1) + _accent(link.group(2)) + link.group(3)
        elif (role := _ROLE.fullmatch(token)):           # {doc}`Text <target>`: the text is
            titled = _TITLED_TARGET.match(role.group(2))
            if titled and titled.group(1):
                token = role.group(1) + _accent(titled.group(1)) + titled.group(2) + role.group(3)
        out.append(token)
        last = match.end()
    out.append(text[last:].translate(ACCENTS))
    return "".join(out)


def pseudo(text):
    """The pseudo-translation of one message: marked, accented, with its syntax intact."""
    lead, core, trail = re.fullmatch(r"(\s*)(.*?)(\s*)", text, re.S).groups()
    if not core:
        return text
    # Leading and trailing whitespace (a newline msgfmt -c compares) stays outside the marks.
    return lead + OPEN + _accent(core) + CLOSE + trail


def fill_catalog(po):
    """Give every entry of a polib catalog its pseudo-translation; return how many."""
    count = 0
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: pseudo(entry.msgid), 1: pseudo(entry.msgid_plural)}
        else:
            entry.msgstr = pseudo(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        count += 1
    po.metadata["Plural-Forms"] = PLURAL_FORMS
    return count


def _theme_messages(lang_dir, theme_pot, lang):
    """sphinx.po of the pseudo language: our theme template plus Sphinx's own catalog."""
    po_path = lang_dir / "sphinx.po"
    po = polib.pofile(str(po_path)) if po_path.exists() else polib.pofile(str(theme_pot))
    have = {(e.msgctxt, e.msgid) for e in po}
    for entry in polib.pofile(str(SPHINX_POT)):
        if entry.msgid and (entry.msgctxt, entry.msgid) not in have:
            po.append(polib.POEntry(msgid=entry.msgid, msgid_plural=entry.msgid_plural,
                                    msgctxt=entry.msgctxt, flags=list(entry.flags)))
            have.add((entry.msgctxt, entry.msgid))
    po.metadata["Language"] = lang
    fill_catalog(po)
    po.save(str(po_path))
    return po


def fill(root, lang=PSEUDO):
    """Pseudo-translate every catalog of `lang` under root/locales (made by
    `tools/catalogs.py update --lang <lang>`) and add Sphinx's own messages.
    Returns {catalog path: number of messages}."""
    lang_dir = Path(root) / "locales" / sphinx_language(lang) / "LC_MESSAGES"
    counts = {}
    with tempfile.TemporaryDirectory() as tmp:
        catalogs.theme_template(root, Path(tmp))
        theme = _theme_messages(lang_dir, Path(tmp) / "sphinx.pot", lang)
    counts["sphinx.po"] = len([e for e in theme if e.msgid])
    for po_path in sorted(lang_dir.rglob("*.po")):
        if po_path.name == "sphinx.po" and po_path.parent == lang_dir:
            continue
        po = polib.pofile(str(po_path))
        counts[str(po_path.relative_to(lang_dir))] = fill_catalog(po)
        po.save(str(po_path))
    return counts


def generate(root, lang=PSEUDO):
    """Pseudo catalogs straight from the sources' templates, without touching
    _data/site.toml: the page templates (gettext builder) become
    root/locales/<lang>/…/*.po, then fill() them."""
    root = Path(root)
    lang_dir = root / "locales" / sphinx_language(lang) / "LC_MESSAGES"
    shutil.rmtree(lang_dir.parent, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        catalogs.page_templates(root, Path(tmp))
        for pot in sorted(Path(tmp).rglob("*.pot")):
            po = polib.pofile(str(pot))
            po.metadata["Language"] = lang
            target = lang_dir / pot.relative_to(tmp).with_suffix(".po")
            target.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(target))
    return fill(root, lang)


# -- Finding unmarked text in a build ------------------------------------------------------

# A formula reads the same in every language; a <time> is written by CLDR (Babel) in the
# page's language, not by gettext (tests/test_playbooks.py checks its form per language).
SKIP = {"script", "style", "template", "math", "time"}
BLOCK = {"address", "article", "aside", "blockquote", "body", "button", "caption", "dd", "details",
         "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
         "h4", "h5", "h6", "head", "header", "label", "legend", "li", "main", "nav", "noscript", "ol",
         "option", "p", "pre", "section", "summary", "table", "td", "th", "title", "tr", "ul"}
ATTRIBUTES = ["alt", "title", "aria-label", "aria-description", "placeholder"]
META = {"description", "og:title", "og:description", "og:site_name", "og:image:alt",
        "twitter:title", "twitter:description"}
JSON_LD_FIELDS = {"name", "headline", "description", "jobTitle"}


# A figure with its unit symbol ("<100ms", "< 5 min", "10M+", "10x"), as the impact
# drawings show it alone: it reads the same in every language.
FIGURE = re.compile(r"^\s*[<>]?\s*\d[\d.,]*(?:-\d[\d.,]*)?\s*(?:%|ms|min|x|M)?\+?\s*$")


def unmarked_letters(text):
    """The parts of `text` outside ⟦ ⟧ that hold letters ("" when all is marked).
    An unbalanced mark is reported as such."""
    depth, outside, chunk = 0, [], []
    for char in text:
        if char == OPEN:
            depth += 1
        elif char == CLOSE:
            depth -= 1
            if depth < 0:
                return f"unbalanced {CLOSE} in {text.strip()[:80]!r}"
        elif depth == 0:
            chunk.append(char)
            continue
        if chunk:
            outside.append("".join(chunk))
            chunk = []
    outside.append("".join(chunk))
    if depth:
        return f"unbalanced {OPEN} in {text.strip()[:80]!r}"
    parts = [" ".join(part.split()) for part in outside
             if any(c.isalpha() for c in part) and not FIGURE.match(part)]
    return " … ".join(parts)


def _where(tag):
    classes = ".".join(tag.get("class", [])[:2])
    tag_id = f"#{tag['id']}" if tag.get("id") else ""
    return f"<{tag.name}{tag_id}{'.' + classes if classes else ''}>"


def _declares_language(tag):
    return any(parent.name != "html" and parent.get("lang") is not None
               for parent in [tag, *tag.parents] if getattr(parent, "get", None))


def _block_of(node):
    for parent in node.parents:
        if parent.name in BLOCK or parent.name == "[document]":
            return parent
    return None


def visible_strings(soup):
    """(where, string) for every piece of text a reader sees or hears on the page."""
    from bs4 import Comment, NavigableString

    blocks = {}
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or not isinstance(node, NavigableString):
            continue
        if any(p.name in SKIP for p in node.parents) or node.parent.name == "[document]":
            continue
        if type(node) is not NavigableString or _declares_language(node.parent):
            continue
        block = _block_of(node)
        blocks.setdefault(id(block), [block, []])[1].append(str(node))
    for block, texts in blocks.values():
        text = "".join(texts)
        if any(c.isalpha() for c in text):
            yield _where(block), text
    for tag in soup.find_all(True):
        if tag.name in SKIP or _declares_language(tag):
            continue
        for attribute in ATTRIBUTES:
            value = tag.get(attribute)
            if value and any(c.isalpha() for c in value):
                yield f"{_where(tag)} {attribute}=", value
        if tag.name == "meta" and (tag.get("name") or tag.get("property")) in META:
            yield f"<meta {tag.get('name') or tag.get('property')}>", tag.get("content", "")
    for script in soup.select('script[type="application/ld+json"]'):
        for key, value in _json_strings(json.loads(script.string or "null")):
            if key in JSON_LD_FIELDS:
                yield f"JSON-LD {key}", value


def _json_strings(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                yield key, value
            else:
                yield from _json_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _json_strings(value)


def llms_txt_strings(text):
    """Every line of llms.txt, without its Markdown syntax and link targets."""
    for number, line in enumerate(text.splitlines(), 1):
        line = re.sub(r"\]\([^()]*\)", "]", line).lstrip("#>- ").replace("[", "").replace("]", "")
        if any(c.isalpha() for c in line):
            yield f"line {number}", line


def svg_strings(svg):
    """Every text of a drawing (the case studies' diagrams: their labels are messages too)."""
    from bs4 import BeautifulSoup

    for number, text in enumerate(BeautifulSoup(svg, "xml").find_all("text"), 1):
        if any(c.isalpha() for c in text.get_text()):
            yield f"<text> {number}", text.get_text()


def scan_html(html, lang=PSEUDO):
    """([problems], checked, marked) for one page's HTML."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    problems = []
    if soup.html is None or soup.html.get("lang") != lang:
        problems.append(f"<html lang={soup.html.get('lang') if soup.html else None!r}>, expected {lang!r}")
    found, checked, marked = _tally(visible_strings(soup))
    return problems + found, checked, marked


def _tally(strings):
    """([problems], checked, marked) for (where, text) pairs."""
    problems, checked = [], 0
    for where, text in strings:
        checked += 1
        if (left := unmarked_letters(text)):
            problems.append(f"{where} {left!r}")
    return problems, checked, checked - len(problems)


def scan_site(out, lang=PSEUDO):
    """Scan a pseudo-language build: (["page: <where> 'text'"], checked, marked)."""
    out = Path(out)
    problems, checked, marked = [], 0, 0
    for page in sorted(out.rglob("*.html")):
        found, n, ok = scan_html(page.read_text(encoding="utf-8"), lang)
        problems += [f"{page.relative_to(out)}: {p}" for p in found]
        checked, marked = checked + n, marked + ok
    for drawing in sorted(out.glob("_images/**/*.svg")):
        found, n, ok = _tally(svg_strings(drawing.read_text(encoding="utf-8")))
        problems += [f"{drawing.relative_to(out)}: {p}" for p in found]
        checked, marked = checked + n, marked + ok
    for llms in sorted(out.glob("llms.txt")):
        found, n, ok = _tally(llms_txt_strings(llms.read_text(encoding="utf-8")))
        problems += [f"llms.txt: {p}" for p in found]
        checked, marked = checked + n, marked + ok
    return problems, checked, marked


def build(root, out, lang=PSEUDO):
    """Strict build of `root` in the pseudo language; raise BuildError with its output."""
    run = subprocess.run(build_site.sphinx_command(root, out, lang), cwd=root,
                         capture_output=True, text=True)
    if run.returncode:
        raise build_site.BuildError(run.stdout + run.stderr)
    return Path(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        copy = work / "project"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
            ".venv", ".git", "_build", "node_modules", "__pycache__", "*.mo", ".pytest_cache"))
        generate(copy)
        try:
            out = build(copy, copy / "_build" / PSEUDO)
        except build_site.BuildError as error:
            sys.exit(f"The pseudo-language build failed:\n{error}")
        problems, checked, marked = scan_site(out)
    print("\n".join(problems))
    print(f"Pseudo-locale {PSEUDO}: {marked}/{checked} visible strings marked"
          + (f", {len(problems)} problems" if problems else ""))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

"""<html lang> is right on every page of every build (search, index and 404
pages included), and a phrase left in another language says so with its own
lang attribute (the language switcher's names, the site root's titles)."""

import polib
from bs4 import BeautifulSoup
from helpers import LANGUAGES, ROOT
from portfolio.languages import sphinx_language
from portfolio_tools import catalogs


def _soups(site):
    for html_file in sorted(site.rglob("*.html")):
        yield html_file.relative_to(site), BeautifulSoup(html_file.read_text(encoding="utf-8"), "lxml")


def test_every_page_of_every_build_declares_its_language(site):
    wrong = []
    for path, soup in _soups(site):
        expected = path.parts[0] if len(path.parts) > 1 else LANGUAGES[0]   # the root page sends to the source
        if soup.html.get("lang") != expected:
            wrong.append(f"{path}: <html lang={soup.html.get('lang')!r}>, expected {expected!r}")
    assert not wrong, "\n".join(wrong)
    assert {p.parts[0] for p, _ in _soups(site) if len(p.parts) > 1} == set(LANGUAGES)


def test_phrases_in_another_language_carry_their_own_lang(site):
    problems = []
    for path, soup in _soups(site):
        for entry in soup.select("nav.language-switcher li > *"):
            if entry.get("lang") not in LANGUAGES:
                problems.append(f"{path}: switcher entry {entry.get_text(strip=True)!r} has lang={entry.get('lang')!r}")
        names = {entry.get("lang") for entry in soup.select("nav.language-switcher li > *")}
        if soup.select_one("nav.language-switcher") and names != set(LANGUAGES):
            problems.append(f"{path}: switcher names {sorted(filter(None, names))}, expected {LANGUAGES}")
        for tag in soup.select("body [lang]"):
            if tag.get("lang") not in LANGUAGES:
                problems.append(f"{path}: lang={tag.get('lang')!r} is not a language of the site")
    # The site root shows every language's title and name: each in its own language.
    root = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    for lang in LANGUAGES:
        if not root.select_one(f'a[hreflang="{lang}"][lang="{lang}"]'):
            problems.append(f"index.html: no link to {lang} marked lang={lang!r}")
        if lang != root.html.get("lang") and not root.select_one(f'h1 [lang="{lang}"]'):
            problems.append(f"index.html: the {lang} title in the heading has no lang={lang!r}")
    assert not problems, "\n".join(problems)


def test_no_interface_label_is_left_in_english_in_another_language(site):
    """The link titles and labels Sphinx, furo and our extension write (their msgids are English)
    are translated on every page of a language other than English: Sphinx's own Spanish catalog
    left "Link to this table" in English beside "Enlace a este encabezado"."""
    english = {message.id for message in catalogs.theme_catalog() if isinstance(message.id, str) and message.id}
    leaked = {}  # per language: the English msgids that would be a leak on its pages
    for lang in LANGUAGES:
        if lang != "en":
            # A word a language writes as English does ("Playbooks", "GitHub") is no leak.
            theme = polib.pofile(str(ROOT / "locales" / sphinx_language(lang) / "LC_MESSAGES" / "sphinx.po"))
            leaked[lang] = english - {entry.msgid for entry in theme if entry.msgstr == entry.msgid}
    leaks = []
    for path, soup in _soups(site):
        if len(path.parts) < 2 or path.parts[0] not in leaked:
            continue
        for tag in soup.select("[title], [aria-label]"):
            for attribute in ("title", "aria-label"):
                if tag.get(attribute) in leaked[path.parts[0]]:
                    leaks.append(f"{path}: {attribute}={tag[attribute]!r}")
    assert not leaks, "\n".join(sorted(set(leaks)))

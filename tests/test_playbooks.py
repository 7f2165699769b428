"""Playbooks to follow: dated posts linked to what they draw on, an index newest
first, and an Atom feed per language that every page announces."""

import copy
import datetime
import posixpath
import re

import feedparser
import pytest
from bs4 import BeautifulSoup
from helpers import LANGUAGES, ROOT, assert_data_error
from lxml import etree
from portfolio.data import load
from test_site import links_from

DATA = load(ROOT)
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def feed_of(site, lang):
    return site / lang / "playbooks" / "atom.xml"


def test_there_are_playbooks_of_a_real_length(pages):
    assert len(DATA.playbooks) >= 3
    for lang in LANGUAGES:
        for post in DATA.playbooks:
            article = copy.copy(pages[lang][f"{post.page}.html"].select_one("article"))
            for formula in article.find_all("math"):  # symbols, not words of prose
                formula.decompose()
            words = len(article.get_text(" ", strip=True).split())
            assert 600 <= words <= 1100, f"{lang}/{post.page}: {words} words"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_index_lists_posts_newest_first_with_their_dates(pages, lang):
    index = pages[lang]["playbooks/index.html"]
    items = index.select("article ul.playbook-list > li")
    listed = [li.select_one("a[href]")["href"].partition(".html")[0] for li in items]
    assert [f"playbooks/{href}" for href in listed] == [p.page for p in DATA.playbooks]
    dates = [datetime.date.fromisoformat(li.select_one("time")["datetime"]) for li in items]
    assert dates == sorted(dates, reverse=True) and dates == [p.date for p in DATA.playbooks]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_navigation_lists_the_playbooks_by_their_index_alone(pages, lang):
    """Posts accumulate: were each in every page's sidebar, every page would grow with them."""
    for path, soup in pages[lang].items():
        links = [a["href"] for a in soup.select(".sidebar-tree a[href]")]
        # Where each link leads, from the page's folder (the 404 page's links start at the root).
        targets = {path if link == "#" else posixpath.normpath(posixpath.join(posixpath.dirname(path), link))
                   for link in links if not link.startswith("/")} | {link for link in links if link.startswith("/")}
        assert any(target.endswith("playbooks/index.html") for target in targets), path
        posts = [t for t in targets if "playbooks/" in t and not t.endswith("playbooks/index.html")]
        assert not posts, (path, posts)


FULL_DATE = {"es": r"\d{1,2} de [a-z]+ de \d{4}", "en": r"[A-Z][a-z]+ \d{1,2}, \d{4}"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_post_shows_its_date_and_links_what_it_draws_on(pages, lang):
    for post in DATA.playbooks:
        soup = pages[lang][f"{post.page}.html"]
        meta = soup.select_one("article p.playbook-meta")
        date = meta.select_one("time")
        assert date["datetime"] == post.date.isoformat()
        # The reader's language writes the date in full; the ISO form is for machines.
        assert re.fullmatch(FULL_DATE[lang], date.get_text()), f"{lang}/{post.page}: {date.get_text()!r}"
        linked = links_from(BeautifulSoup(f"<article>{meta}</article>", "lxml"), post.page)
        expected = {f"principios/{p}" for p in post.principles} | {f"casos/{c}" for c in post.cases}
        assert linked == expected, f"{lang}/{post.page}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_atom_feed_is_valid_and_complete(site, pages, lang):
    raw = feed_of(site, lang).read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = etree.fromstring(raw)
    assert root.get(XML_LANG) == lang
    # RFC 4287 §4.1.1: a feed has exactly one id, title and updated, and an author.
    for name in ("id", "title", "updated", "author"):
        assert len(root.findall(ATOM + name)) == 1, name
    self_link = root.find(ATOM + "link[@rel='self']").get("href")
    base = self_link.removesuffix("playbooks/atom.xml")
    assert re.match(r"https://[^/]+/", base) and base.endswith(f"/{lang}/"), self_link
    updated = max(p.date for p in DATA.playbooks).isoformat()
    assert root.findtext(ATOM + "updated").startswith(updated)
    entries = root.findall(ATOM + "entry")
    assert len(entries) == len(DATA.playbooks)
    for entry, post in zip(entries, DATA.playbooks, strict=True):
        # RFC 4287 §4.1.2: exactly one id, title and updated; an alternate link when there is no content.
        for name in ("id", "title", "updated", "summary"):
            assert len(entry.findall(ATOM + name)) == 1, (post.page, name)
        assert entry.findtext(ATOM + "id") == entry.find(ATOM + "link").get("href") == f"{base}{post.page}.html"
        assert entry.findtext(ATOM + "updated").startswith(post.date.isoformat())
        soup = pages[lang][f"{post.page}.html"]
        assert entry.findtext(ATOM + "title") == soup.select_one("article h1").get_text(" ", strip=True).rstrip(" #")
        assert entry.findtext(ATOM + "summary") == soup.select_one("meta[name=description]")["content"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_announces_the_feed_and_home_links_it(site, pages, lang):
    for path, soup in pages[lang].items():
        link = soup.select_one('head link[rel=alternate][type="application/atom+xml"]')
        assert link is not None and link["href"].endswith(f"/{lang}/playbooks/atom.xml"), f"{lang}/{path}"
    home = pages[lang]["index.html"]
    follow = home.select_one("article .playbooks-feed a[href]")
    assert follow is not None and (site / lang / follow["href"]).is_file()
    assert "playbooks/index" in links_from(home, "index")


@pytest.mark.parametrize("edit, message", [
    (('date: "2026-11-29"', 'date: "29/11/2026"'), "playbooks/preparacion-rollback.md:5: date:"),
    (("cases: [guardrails-plataforma", "cases: [no-existe"),
     "playbooks/preparacion-rollback.md:7: cases: no page casos/no-existe.md"),
    (("principles:", "autor: alguien\nprinciples:"),
     "playbooks/preparacion-rollback.md:1: (top level): Additional properties"),
])
def test_bad_front_matter_stops_the_build_naming_file_and_line(project_copy, edit, message):
    assert_data_error(project_copy, "playbooks/preparacion-rollback.md", edit, message)

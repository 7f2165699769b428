"""Found and shared: what crawlers, link previews and hosts read from the built site."""

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from gates import wait_for_search
from helpers import LANGUAGES, ROOT, SOURCE, TRANSLATIONS, build_one
from portfolio.data import load_site
from portfolio.languages import public_layout

BASE, VERSION_PATH = public_layout(load_site(ROOT), environ={})
NOT_INDEXED = {"search.html", "404.html"}
SM = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def url_of(lang, path):
    return f"{BASE}{lang}/{VERSION_PATH}{path}"


def local_file(site, url):
    """The built file a public URL of this site points to."""
    assert url.startswith(BASE), url
    return site / url.removeprefix(BASE).replace(VERSION_PATH, "", 1) if VERSION_PATH else site / url.removeprefix(BASE)


def content_pages(pages, lang):
    return {path: soup for path, soup in pages[lang].items() if path not in NOT_INDEXED}


def meta(soup, **attrs):
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def test_canonical_and_alternates_point_to_each_language(site, pages):
    for lang in LANGUAGES:
        for path, soup in pages[lang].items():
            if path == "404.html":
                continue
            assert soup.find("link", rel="canonical")["href"] == url_of(lang, path), f"{lang}/{path}"
            alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")
                          if link.get("hreflang")}
            assert alternates == {**{code: url_of(code, path) for code in LANGUAGES},
                                  "x-default": url_of(SOURCE, path)}, f"{lang}/{path}"
            for href in alternates.values():
                assert local_file(site, href).exists(), href


def test_meta_descriptions_are_translated_unique_and_short(pages):
    seen = {lang: {} for lang in LANGUAGES}
    for lang in LANGUAGES:
        for path, soup in content_pages(pages, lang).items():
            tag = soup.find("meta", attrs={"name": "description"})
            assert tag is not None, f"{lang}/{path}: no meta description"
            assert "translated" not in tag.attrs, f"{lang}/{path}: invalid attribute on meta"
            text = tag["content"]
            assert 50 <= len(text) <= 160, f"{lang}/{path}: {len(text)} characters"
            assert text not in seen[lang], f"{lang}/{path} repeats the description of {seen[lang].get(text)}"
            seen[lang][text] = path
    for lang in TRANSLATIONS:
        assert not set(seen[lang]) & set(seen[SOURCE]), f"{lang} has untranslated descriptions"


def test_open_graph_and_twitter_tags(site, pages):
    for lang in LANGUAGES:
        for path, soup in content_pages(pages, lang).items():
            where = f"{lang}/{path}"
            assert meta(soup, property="og:title"), where
            assert meta(soup, property="og:description") == meta(soup, name="description"), where
            assert meta(soup, property="og:url") == url_of(lang, path), where
            assert meta(soup, property="og:locale") == {"es": "es_ES", "en": "en_US"}[lang], where
            alternates = [t["content"] for t in soup.find_all("meta", property="og:locale:alternate")]
            assert len(alternates) == len(LANGUAGES) - 1, where
            assert meta(soup, name="twitter:card") == "summary_large_image", where
            image = local_file(site, meta(soup, property="og:image"))
            header = image.read_bytes()[:24]
            assert header[:8] == b"\x89PNG\r\n\x1a\n", where
            width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
            assert (width, height) == (int(meta(soup, property="og:image:width")),
                                       int(meta(soup, property="og:image:height"))), where


def test_case_studies_are_articles_and_home_is_a_profile_page(pages):
    for lang in LANGUAGES:
        for path, soup in content_pages(pages, lang).items():
            scripts = soup.find_all("script", type="application/ld+json")
            data = [json.loads(s.string) for s in scripts]
            if path == "index.html":
                assert [d["@type"] for d in data] == ["ProfilePage"], lang
                profile = data[0]
                assert profile["@context"] == "https://schema.org"
                assert profile["inLanguage"] == lang and profile["url"] == url_of(lang, path)
                # The owner's details are unset in _data/owner.toml: no Person, rather than an empty one.
                assert "mainEntity" not in profile, profile
                # The site search's deep link, for a search box in search results.
                website = profile["isPartOf"]
                assert website["@type"] == "WebSite" and website["url"] == url_of(lang, "")
                action = website["potentialAction"]
                assert action["@type"] == "SearchAction"
                assert action["target"]["urlTemplate"] == url_of(lang, "search.html") + "?q={query}"
                assert action["query-input"] == "required name=query"
            elif path.startswith("casos/") and path != "casos/index.html":
                assert [d["@type"] for d in data] == ["Article"], f"{lang}/{path}"
                article = data[0]
                assert article["inLanguage"] == lang
                assert article["headline"] == soup.h1.get_text().rstrip("#").strip()
                assert article["url"] == url_of(lang, path)
                assert article["description"] == meta(soup, name="description")
            else:
                assert not data, f"{lang}/{path}"


def test_owner_details_reach_the_structured_data(project_copy):
    owner = project_copy / "_data" / "owner.toml"
    owner.write_text('name = "Ada Ejemplo"\nemail = ""\n\n[job_title]\n\n[links]\ngithub = "https://github.com/ada"\n'
                     'cv = "https://example.org/cv.pdf"\ntalks = ""\nlinkedin = ""\n', encoding="utf-8")
    code, output = build_one(project_copy, SOURCE)
    assert code == 0, output
    home = BeautifulSoup((project_copy / "_build" / SOURCE / "index.html").read_text(encoding="utf-8"), "lxml")
    person = json.loads(home.find("script", type="application/ld+json").string)["mainEntity"]
    # Only what is given; the CV is a document, not a profile that says who the owner is.
    assert person == {"@type": "Person", "name": "Ada Ejemplo", "sameAs": ["https://github.com/ada"]}
    assert home.select_one("article ul.owner-links a[href='https://github.com/ada']")


def test_sitemaps_list_every_page_with_alternates(site, pages):
    for lang in LANGUAGES:
        tree = ET.parse(site / lang / "sitemap.xml")
        urls = {u.findtext("sm:loc", namespaces=SM): u for u in tree.getroot().findall("sm:url", SM)}
        assert set(urls) == {url_of(lang, path) for path in content_pages(pages, lang)}, lang
        for loc, node in urls.items():
            alternates = {alt.get("hreflang"): alt.get("href") for alt in node.findall("xhtml:link", SM)}
            path = loc.removeprefix(url_of(lang, ""))
            assert alternates == {code: url_of(code, path) for code in LANGUAGES}, loc
    index = ET.parse(site / "sitemap.xml").getroot()
    assert [s.findtext("sm:loc", namespaces=SM) for s in index.findall("sm:sitemap", SM)] == \
        [url_of(lang, "sitemap.xml") for lang in LANGUAGES]
    assert f"Sitemap: {BASE}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8").splitlines()


def test_search_index_and_404_pages_are_not_indexed(site, pages):
    for lang in LANGUAGES:
        for path in NOT_INDEXED:
            soup = BeautifulSoup((site / lang / path).read_text(encoding="utf-8"), "lxml")
            assert meta(soup, name="robots") == "noindex", f"{lang}/{path}"
        for path, soup in content_pages(pages, lang).items():
            assert meta(soup, name="robots") is None, f"{lang}/{path}"


def test_404_page_links_work_from_any_depth(site, pages):
    assert (site / "404.html").read_bytes() == (site / SOURCE / "404.html").read_bytes()
    for lang in LANGUAGES:
        soup = pages[lang]["404.html"]
        for tag in soup.find_all(["a", "link", "script", "form"]):
            url = tag.get("href") or tag.get("src") or tag.get("action")
            if not url or url.startswith("#") or urlsplit(url).scheme:
                continue
            assert url.startswith("/"), f"{lang}/404.html: relative {url!r} breaks below the root"
            assert (site / url.lstrip("/").split("?")[0].split("#")[0]).exists(), url


def test_404_page_is_styled_and_searchable_when_served_deep(browser, server, site):
    page = browser.new_page()
    body = (site / "es" / "404.html").read_text(encoding="utf-8")
    deep = f"{server}/es/no/existe/en/absoluto.html"
    page.route(deep, lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
    page.goto(deep)
    assert page.evaluate("getComputedStyle(document.querySelector('.sidebar-drawer')).display") != "inline"
    assert page.evaluate("document.styleSheets.length") >= 3
    page.locator(".sidebar-search").focus()
    page.keyboard.type("guardrails")
    wait_for_search(page, "guardrails")
    first = page.locator(".search-result-title").first.get_attribute("href")
    assert first.split("#")[0] == "/es/casos/guardrails-plataforma.html", first
    page.close()


def test_llms_txt_indexes_every_page_with_its_description(pages, site):
    for lang in LANGUAGES:
        text = (site / lang / "llms.txt").read_text(encoding="utf-8")
        assert text.startswith(f"# {pages[lang]['index.html'].h1.get_text().rstrip('#').strip()}\n")
        for path, soup in content_pages(pages, lang).items():
            if path == "index.html":
                continue
            line = f"]({url_of(lang, path)}): {meta(soup, name='description')}"
            assert line in text, f"{lang}/llms.txt lacks {path}"


@pytest.mark.parametrize("environ, expected", [
    ({}, (BASE, "")),
    ({"SITE_BASE_URL": "https://example.org/portfolio"}, ("https://example.org/portfolio/", "")),
    ({"READTHEDOCS_CANONICAL_URL": "https://p.readthedocs.io/en/latest/", "READTHEDOCS_LANGUAGE": "en"},
     ("https://p.readthedocs.io/", "latest/")),
])
def test_public_layout_follows_the_host(environ, expected):
    assert public_layout(load_site(ROOT), environ) == expected


def test_base_url_override_reaches_every_url(project_copy):
    env_build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-n", "-W", "--keep-going", "-D", "language=en",
         "-D", "portfolio_pdf=0",
         str(project_copy), str(project_copy / "_build" / "en")],
        env={"PATH": "/usr/bin:/bin", "SITE_BASE_URL": "https://example.org/p/"}, capture_output=True, text=True)
    assert env_build.returncode == 0, env_build.stderr
    page = (project_copy / "_build" / "en" / "casos" / "serving-gnn.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/p/en/casos/serving-gnn.html">' in page
    assert 'hreflang="es" href="https://example.org/p/es/casos/serving-gnn.html"' in page
    assert "https://example.org/p/en/_images/social_previews/" in page
    sitemap = (project_copy / "_build" / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/p/es/casos/serving-gnn.html" in sitemap


def test_hosting_configs_are_valid_and_pinned():
    for schema, path in (("vendor.readthedocs", ".readthedocs.yaml"),
                         ("vendor.github-workflows", ".github/workflows/pages.yml")):
        run = subprocess.run([str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", schema,
                              str(ROOT / path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
    assert "fail_on_warning: true" in (ROOT / ".readthedocs.yaml").read_text(encoding="utf-8")
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)", workflow)
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u) for u in uses), uses

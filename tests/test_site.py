"""The built site as a reader meets it: same pages in every language, no dead link,
the cross-link graph between impact areas, case studies and principles."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from helpers import LANGUAGES, SOURCE, TRANSLATIONS

# Each impact area and its case study (the site's structure, from the seed).
IMPACT_TO_CASE = {
    "impacto/despliegues-seguros": "casos/guardrails-plataforma",
    "impacto/incrementalidad": "casos/incrementalidad-anuncios",
    "impacto/evaluacion-genai": "casos/evaluacion-genai",
    "impacto/cicd-ml": "casos/plantillas-cicd",
    "impacto/serving-gnn": "casos/serving-gnn",
}


def test_every_language_has_the_same_pages(site):
    page_sets = {lang: {str(p.relative_to(site / lang)) for p in (site / lang).rglob("*.html")}
                 for lang in LANGUAGES}
    for lang in TRANSLATIONS:
        assert page_sets[lang] == page_sets[SOURCE], f"{lang} differs from {SOURCE}"
    assert len(page_sets[SOURCE]) >= 19


def test_html_lang_is_the_build_language(pages):
    for lang, by_path in pages.items():
        for path, soup in by_path.items():
            assert soup.html["lang"] == lang, f"{lang}/{path}"


def _internal_links(site):
    for html_file in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "lxml")
        for tag in soup.find_all(["a", "link", "script", "img"]):
            url = tag.get("href") or tag.get("src")
            if not url or urlsplit(url).scheme or url.startswith("//"):
                continue
            yield html_file, url


def test_every_internal_link_and_fragment_resolves(site):
    ids_cache = {}
    broken = []
    for html_file, url in _internal_links(site):
        parts = urlsplit(url)
        if parts.path.startswith("/"):  # absolute path (404 page): from the site root
            target = (site / unquote(parts.path).lstrip("/")).resolve()
        else:
            target = (html_file.parent / unquote(parts.path)).resolve() if parts.path else html_file
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            broken.append(f"{html_file.relative_to(site)}: {url} (no such file)")
            continue
        if parts.fragment and target.suffix == ".html":
            if target not in ids_cache:
                soup = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")
                ids_cache[target] = {t["id"] for t in soup.find_all(id=True)}
            if unquote(parts.fragment) not in ids_cache[target]:
                broken.append(f"{html_file.relative_to(site)}: {url} (no id {parts.fragment!r})")
    assert not broken, "Broken internal links:\n" + "\n".join(broken)




def _normalise(base, path):
    parts = []
    for piece in (base / path).as_posix().split("/"):
        if piece == "..":
            parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts).removesuffix(".html")


def links_from(soup, page):
    base = Path(page).parent
    return {_normalise(base, urlsplit(a["href"]).path)
            for a in soup.select("article a[href]")
            if urlsplit(a["href"]).path and not urlsplit(a["href"]).scheme}


def test_cross_link_graph(pages):
    for lang, by_path in pages.items():
        for impact, case in IMPACT_TO_CASE.items():
            assert case in links_from(by_path[f"{impact}.html"], impact), f"{lang}: {impact} → {case}"
            case_links = links_from(by_path[f"{case}.html"], case)
            assert impact in case_links, f"{lang}: {case} → {impact}"
            assert any(link.startswith("principios/") and link != "principios/index" for link in case_links), \
                f"{lang}: {case} links to no principle"
        principles = [p for p in by_path if p.startswith("principios/") and p != "principios/index.html"]
        assert len(principles) == 5
        for principle in principles:
            linked = links_from(by_path[principle], principle)
            assert set(IMPACT_TO_CASE.values()) & linked, f"{lang}: {principle} links to no case study"

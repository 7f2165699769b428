"""The talks page (charlas/) from _data/talks.toml, and promises that lead somewhere.

Tested here with the committed (empty) owner: the proposals in each language,
the media kit without bios, the home page's "Charlas" and "ve mi CV" leading to
the talks page and the one-page summary, and no call to get in touch where
nothing reaches the owner. tests/test_owner.py tests the same with a filled owner.
"""

import tomllib

import polib
import pytest
from helpers import LANGUAGES, ROOT, SOURCE, assert_data_error

with open(ROOT / "_data" / "talks.toml", "rb") as f:
    PROPOSALS = tomllib.load(f)["proposal"]
# Each proposal's words as the English page gives them (its catalog).
ENGLISH = {p.msgid: p.msgstr for p in polib.pofile(str(ROOT / "locales/en/LC_MESSAGES/charlas/index.po"))}
# The seven calls to get in touch ("¿Quieres ver cómo se aplican estos principios…?").
CALL_PAGES = ["index.html", "principios/index.html", "principios/contratos.html", "principios/observabilidad.html",
              "principios/rollback-primero.html", "principios/medir-lo-que-importa.html",
              "principios/pensamiento-de-plataforma.html"]
CALL = {"es": "¿Quieres ver cómo se aplican estos principios", "en": "Want to see how these principles"}
HOME_PROMISES = {"es": {"ve mi CV": "resumen.pdf", "la página de charlas": "charlas/index.html#charlas",
                        "kit de prensa": "charlas/index.html#kit-de-prensa"},
                 "en": {"see my CV": "resumen.pdf", "the talks page": "charlas/index.html#charlas",
                        "media kit": "charlas/index.html#kit-de-prensa"}}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_talks_page_lists_every_proposal_in_the_pages_language(pages, lang):
    page = pages[lang]["charlas/index.html"]
    talks = page.select("article section.talk")
    assert len(talks) == len(PROPOSALS)
    titles = {page_path: soup.select_one("article h1").get_text(" ", strip=True).rstrip(" #")
              for page_path, soup in pages[lang].items()}
    for talk, proposal in zip(talks, PROPOSALS, strict=True):
        text = {key: proposal[key] if lang == SOURCE else ENGLISH[proposal[key]]
                for key in ("title", "abstract", "audience")}
        assert talk.select_one("h3").get_text(" ", strip=True).rstrip(" #") == text["title"]
        assert talk.select_one("h3 + p").get_text(" ", strip=True) == text["abstract"]
        assert text["audience"] in talk.select_one("dl").get_text(" ", strip=True)
        assert talk.select_one("data")["value"] == str(proposal["minutes"])
        sources = [a for a in talk.select("a.reference") if not a.get("href", "").startswith("#")]
        assert [a["href"].split("#")[0] for a in sources] == [f"../{doc}.html" for doc in proposal["draws_on"]]
        assert [a.get_text(" ", strip=True) for a in sources] == [titles[f"{doc}.html"] for doc in proposal["draws_on"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_media_kit_without_an_owner_offers_the_pdfs_only(site, pages, lang):
    kit = pages[lang]["charlas/index.html"].select_one("article section:has(> #kit-de-prensa)")
    assert kit, "the media kit section"
    assert not kit.select(".bio-short, .bio-long, .press-photo"), "no bio without a name"
    links = [a["href"] for a in kit.select(".pdf-download a")]
    assert links == ["../resumen.pdf", "../portafolio.pdf"]
    assert all((site / lang / "charlas" / href).is_file() for href in links)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_promise_leads_somewhere(pages, lang):
    """'ve mi CV' (no CV given: the one-page summary), 'la página de charlas' and the media kit are links."""
    home = pages[lang]["index.html"]
    links = {a.get_text(strip=True): a["href"] for a in home.select("article a[href]")}
    for text, href in HOME_PROMISES[lang].items():
        assert links.get(text) == href, f"{lang}: {text!r} leads to {links.get(text)!r}"
    nav = [a.get_text(strip=True) for a in home.select(".sidebar-tree a")]
    assert pages[lang]["charlas/index.html"].select_one("article h1").get_text(" ", strip=True).rstrip(" #") in nav


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_call_to_get_in_touch_without_a_way_to(pages, lang):
    for path in CALL_PAGES:
        assert CALL[lang] not in pages[lang][path].get_text(" "), f"{lang}/{path}: a call with nothing to reach"


@pytest.mark.parametrize(("edit", "message"), [
    (('draws_on = ["casos/guardrails-plataforma"', 'draws_on = ["casos/no-existe"'),
     "_data/talks.toml:16: proposal.0.draws_on: no page casos/no-existe.md"),
    (('audience = "Equipos de plataforma, MLOps y SRE"\n', ""),
     "_data/talks.toml:9: proposal.0: 'audience' is a required property"),
    (("minutes = 40\n", "minutes = 0\n"), "_data/talks.toml:24: proposal.1.minutes: 0 is less than the minimum of 5"),
])
def test_a_wrong_talk_stops_the_build_naming_file_and_line(project_copy, edit, message):
    assert_data_error(project_copy, "_data/talks.toml", edit, message)

"""The owner's notes on a figure (`baseline`, `window`, `method` in _data/metrics.toml).

The seed gives none, so the committed data has none and `make check` lists each
drawn figure as a notice. Given in a copy, a note shows with its figure on every
page that states it — drawn (impact page, case study, home card) or in running
text (a playbook) — and in both PDFs, in the page's language.
"""

import subprocess
import sys

import polib
import pypdf
import pytest
from bs4 import BeautifulSoup
from helpers import LANGUAGES, ROOT, assert_data_error, build_each, shared
from portfolio import pdf

# figure → (field, the note in Spanish and in English, the term it is shown under, the pages that state it)
NOTES = {
    "guardrails_mttr": ("window", {"es": "Desde la alerta hasta la recuperación, 2023",
                                   "en": "From the alert to recovery, 2023"},
                        {"es": "Ventana de medición:", "en": "Window:"},
                        ["impacto/despliegues-seguros", "casos/guardrails-plataforma", "index",
                         "playbooks/preparacion-rollback"]),
    "genai_incidentes": ("method", {"es": "Incidentes etiquetados por revisores por cada mil respuestas",
                                    "en": "Incidents labeled by reviewers per thousand answers"},
                         {"es": "Método:", "en": "Method:"},
                         ["impacto/evaluacion-genai", "casos/evaluacion-genai", "playbooks/evals-lanzamiento-genai"]),
}
IMPACT_PAGE = {"guardrails_mttr": "impacto/despliegues-seguros", "genai_incidentes": "impacto/evaluacion-genai"}


def with_notes(project):
    """Give each figure of NOTES its note, and its impact page's catalog the English."""
    metrics = project / "_data" / "metrics.toml"
    text = metrics.read_text(encoding="utf-8")
    for name, (field, note, _term, _pages) in NOTES.items():
        text = text.replace(f"[{name}]", f'[{name}]\n{field} = "{note["es"]}"', 1)
        catalog = project / "locales" / "en" / "LC_MESSAGES" / f"{IMPACT_PAGE[name]}.po"
        po = polib.pofile(str(catalog))
        po.append(polib.POEntry(msgid=note["es"], msgstr=note["en"]))
        po.save()
    metrics.write_text(text, encoding="utf-8")


def build_noted(project):
    with_notes(project)
    build_each(project)
    for lang in LANGUAGES:
        pdf.build(project, project / "_build" / "pdf", lang)


@pytest.fixture(scope="module")
def noted(tmp_path_factory):
    """A copy of the project with notes on figures, built in every language with its PDFs."""
    return shared(tmp_path_factory, "noted", build_noted)


def article(project, lang, page):
    soup = BeautifulSoup((project / "_build" / lang / f"{page}.html").read_text(encoding="utf-8"), "lxml")
    return " ".join(soup.select_one("article").get_text(" ").split())


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", NOTES)
def test_a_note_shows_on_every_page_that_states_its_figure(noted, lang, name):
    _field, note, term, pages = NOTES[name]
    for page in pages:
        assert f"{term[lang]} {note[lang]}" in article(noted, lang, page), (page, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_notes_are_printed_in_both_pdfs(noted, lang):
    folder = noted / "_build" / "pdf" / lang

    def text(name):
        return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(folder / name).pages).split())

    portfolio = text(pdf.PDF_NAME)
    for _field, note, _term, _pages in NOTES.values():
        assert note[lang] in portfolio
    # The one-page summary draws each area's headline figure: the MTTR is the first area's.
    assert NOTES["guardrails_mttr"][1][lang] in text(pdf.SUMMARY_NAME)


def test_make_check_lists_the_figures_still_without_notes(noted):
    def notices(project):
        run = subprocess.run([sys.executable, "-m", "portfolio_tools.check_data", str(project)], cwd=ROOT,
                             capture_output=True, text=True, check=True)
        return [line for line in run.stdout.splitlines() if line.startswith("_data/metrics.toml:")]

    committed, given = notices(ROOT), notices(noted)
    assert any("guardrails_mttr: no baseline, window, method;" in line for line in committed)
    assert any("guardrails_mttr: no baseline, method;" in line for line in given)
    assert len(committed) == len(given) and len(committed) >= 10, committed


def test_a_note_on_a_figure_that_is_not_drawn_is_refused(project_copy):
    lines = (ROOT / "_data" / "metrics.toml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines) if text.startswith("[gnn_qps]")) + 2  # the note's own line
    assert_data_error(project_copy, "_data/metrics.toml", ("[gnn_qps]", '[gnn_qps]\nwindow = "2023"'),
                      f"_data/metrics.toml:{line}: gnn_qps.window: a note is shown with the figure's drawing")


def test_two_charts_never_draw_one_fact(project_copy):
    """The throughput ×10 and the QPS ×10 are one fact: labelling the second would draw it twice."""
    lines = (ROOT / "_data" / "areas.toml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines) if '"gnn_qps"]' in text) + 1
    assert_data_error(project_copy, "_data/metrics.toml", ("[gnn_qps]", '[gnn_qps]\nlabel = "QPS"'),
                      f"_data/areas.toml:{line}: area.4.figures: 'gnn_throughput' and 'gnn_qps' would draw the "
                      "same fact")

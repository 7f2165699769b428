"""Fault drills: each kind of bad input stops the build or the fast check with a
message that names the file (and the line, where the input has lines) to fix.
ARCHITECTURE.md lists them with the message each prints."""

import pytest
from helpers import SOURCE, TRANSLATIONS, assert_data_error, build_one
from portfolio_tools import check_catalogs


def _append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# (page, text appended to it or None for a new page, what the message must name)
PAGE_DRILLS = {
    "broken cross-reference": ("casos/serving-gnn.md", "\nVer [otra cosa](#casos/no-existe).\n", "no-existe"),
    "undefined figure": ("impacto/cicd-ml.md", "\nUn valor: {{ metrica_inexistente }}.\n", "metrica_inexistente"),
    "broken anchor in a page link": ("principios/contratos.md",
                                     "\nVer [la sección](../casos/serving-gnn.md#no-existe).\n", "no-existe"),
    "page missing from every toctree": ("casos/huerfano.md", None, "toctree"),
}


@pytest.mark.parametrize("drill", PAGE_DRILLS)
def test_a_broken_page_names_the_page(project_copy, drill):
    page, text, named = PAGE_DRILLS[drill]
    if text is None:
        (project_copy / page).write_text("# Huérfano\n\nSin índice.\n", encoding="utf-8")
    else:
        _append(project_copy / page, text)
    # The dummy builder reads and resolves every page as the HTML one does, and writes nothing.
    code, output = build_one(project_copy, SOURCE, builder="dummy")
    assert code != 0
    assert page in output and named in output, output


def test_missing_translation_names_the_catalog(project_copy):
    _append(project_copy / "principios" / "contratos.md", "\nUn párrafo nuevo sin traducir.\n")
    problems = check_catalogs.check(project_copy)
    lang = TRANSLATIONS[0]
    assert any(f"locales/{lang}/LC_MESSAGES/principios/contratos.po" in p and "Un párrafo nuevo" in p
               for p in problems), problems


def test_malformed_catalog_entry_names_file_and_line(project_copy):
    po = project_copy / "locales" / TRANSLATIONS[0] / "LC_MESSAGES" / "index.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    broken_at = next(i for i, line in enumerate(lines) if line.startswith("msgstr") and i > 20)
    lines[broken_at] = 'msgstr sin comillas'
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = check_catalogs.check(project_copy)
    assert any(f"index.po:{broken_at + 1}:" in p for p in problems), problems


def test_committed_catalogs_are_complete_and_in_sync():
    problems = check_catalogs.check()
    assert not problems, "\n".join(problems)


def test_unknown_language_in_site_data_names_file_line_and_key(project_copy):
    assert_data_error(project_copy, "_data/site.toml", ('["es", "en"]', '["es", "en", "klingon"]'),
                      "_data/site.toml:4: languages.2: 'klingon' does not match")


def test_missing_figure_in_area_data_names_file_line_and_key(project_copy):
    assert_data_error(project_copy, "_data/areas.toml", ('"gnn_qps"]', '"gnn_perdida"]'),
                      "_data/areas.toml:46: area.4.figures: 'gnn_perdida' is not in _data/metrics.toml")


@pytest.mark.parametrize("edit, message", [
    (('cv = ""', 'cv = "javascript:alert(1)"'), "_data/owner.toml:18: links.cv: 'javascript:alert(1)' does not match"),
    (('email = ""', 'email = "ana at example"'), "_data/owner.toml:6: email: 'ana at example' does not match"),
    (('talks = ""', 'talks = "charlas"'), "_data/owner.toml:19: links.talks: 'charlas' does not match"),
    (('name = ""', 'name = ""\nfoto = "yo.jpg"'), "_data/owner.toml:1: (top level): Additional properties"),
    (('name = ""', "name = 42"), "_data/owner.toml:5: name: 42 is not of type 'string'"),
    (('photo = ""', 'photo = "_data/yo.jpg"'), "_data/owner.toml:7: photo: no file _data/yo.jpg in the repository"),
    (('photo = ""', 'photo = "../yo.jpg"'), "_data/owner.toml:7: photo: '../yo.jpg' does not match"),
    (('photo = ""', 'photo = "conf.py"'), "_data/owner.toml:7: photo: 'conf.py' does not match"),
    (('es = ""', 'es = "Ingeniera de plataformas de ML"'),
     "_data/owner.toml:9: job_title: missing in 'en': give it in every language of the site"),
    (('en = ""', 'en = ""\nfr = "Ingénieure"'),
     "_data/owner.toml:12: job_title.fr: 'fr' is not a language of the site"),
])
def test_bad_owner_data_names_file_line_and_key(project_copy, edit, message):
    assert_data_error(project_copy, "_data/owner.toml", edit, message)


def test_a_photo_that_is_no_picture_names_file_line_and_key(project_copy):
    (project_copy / "_data" / "yo.png").write_text("not a picture", encoding="utf-8")
    assert_data_error(project_copy, "_data/owner.toml", ('photo = ""', 'photo = "_data/yo.png"'),
                      "_data/owner.toml:7: photo: _data/yo.png is not a readable picture")


@pytest.mark.parametrize("path, edit, message", [
    ("_data/metrics.toml", ('text = "5x"', 'text = "mucho"'),
     "_data/metrics.toml:164: gnn_mejora.text: 'mucho' does not match '[0-9]'"),
    ("_data/metrics.toml", ("value = 500", "value = 50"),
     "_data/metrics.toml:149: gnn_latencia_previa.value: 50 is not the number of text '>500ms'"),
    ("_data/metrics.toml", ('before = "gnn_latencia_previa"', 'before = "gnn_antes"'),
     "_data/metrics.toml:160: gnn_latencia.before: 'gnn_antes' is not a figure of this file"),
    ("_data/metrics.toml", ('value = 5\nunit = "x"', 'value = 5\nunit = "veces"'),
     "_data/metrics.toml:166: gnn_mejora.unit: 'veces' is not one of"),
    # Running text says a bound in words: the type must say what the compact label says.
    ("_data/metrics.toml", ('bound = "over"\n\n[gnn_latencia]', '\n[gnn_latencia]'),
     "_data/metrics.toml:148: gnn_latencia_previa.text: text '>500ms' states 'over', bound says None"),
    ("_data/metrics.toml", ('scale = "million"\n', ''),
     "_data/metrics.toml:55: incrementalidad_impresiones.text: text '10M+' and scale None disagree"),
    ("_data/areas.toml", ('headline = "gnn_latencia"', 'headline = "gnn_latencia_previa"'),
     "_data/areas.toml:47: area.4.headline: 'gnn_latencia_previa' is not one of this area's figures with a label"),
])
def test_bad_figure_data_names_file_line_and_key(project_copy, path, edit, message):
    assert_data_error(project_copy, path, edit, message)




def test_a_missing_diagram_source_names_the_page_and_line(project_copy):
    page = project_copy / "casos" / "serving-gnn.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace(":::{diagram} serving-gnn.d2", ":::{diagram} no-existe.d2"), encoding="utf-8")
    line = text.splitlines().index(":::{diagram} serving-gnn.d2") + 1
    code, output = build_one(project_copy, SOURCE)
    assert code != 0 and f"casos/serving-gnn.md:{line}" in output and "no-existe.d2 not found" in output, output


def test_a_diagram_d2_cannot_read_names_the_source_and_its_line(project_copy):
    source = project_copy / "casos" / "serving-gnn.d2"
    lines = source.read_text(encoding="utf-8").splitlines()
    source.write_text("\n".join([*lines, "roto: {"]) + "\n", encoding="utf-8")
    code, output = build_one(project_copy, SOURCE)
    assert code != 0, output
    message = f"casos/serving-gnn.d2:{len(lines) + 1}: WARNING: d2 could not render it: maps must be terminated"
    assert message in output, output


def _line(path, text):
    """1-based line of the first line of `path` that is `text`."""
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_readers_words_for_an_unknown_language_name_file_line_and_key(project_copy):
    glossary = project_copy / "_data" / "glossary.toml"
    line = _line(glossary, "[[reader]]") + 1
    assert_data_error(project_copy, "_data/glossary.toml", ('[[reader]]\nlang = "es"', '[[reader]]\nlang = "fr"'),
                      f"_data/glossary.toml:{line}: reader.0.lang: 'fr' is not a language of the site (es, en)")


def test_a_form_to_avoid_without_a_preferred_form_names_file_line_and_key(project_copy):
    """The search takes a form to avoid as its preferred form: one must be given."""
    glossary = project_copy / "_data" / "glossary.toml"
    line = _line(glossary, 'concept = "drift"') - 1  # its [[term]]
    index = glossary.read_text(encoding="utf-8").splitlines()[:line].count("[[term]]") - 1
    edit = ('concept = "drift"\nes = ["deriva"]\n', 'concept = "drift"\n')
    assert_data_error(project_copy, "_data/glossary.toml", edit,
                      f"_data/glossary.toml:{line}: term.{index}: 'es' is a dependency of 'es_avoid'")

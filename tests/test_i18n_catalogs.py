"""Every translation faithful, every catalog clean (tools/check_catalogs.py).

Each check passes on the committed catalogs and fails, naming the .po file,
line and msgid, when a copy of the project is broken on purpose.
"""

import re
import subprocess
import sys

import polib
import pytest
from helpers import LANGUAGES, ROOT, TRANSLATIONS, build_one
from portfolio_tools import check_catalogs

TRANSLATION = TRANSLATIONS[0]
PO = f"locales/{TRANSLATION}/LC_MESSAGES"


def _entry(po_path, predicate):
    """The first entry of a catalog that satisfies predicate."""
    entry = next((e for e in polib.pofile(str(po_path)) if e.msgid and predicate(e)), None)
    assert entry is not None, f"{po_path}: no entry to break"
    return entry


def _replace_msgstr(po_path, entry, new_msgstr):
    """Rewrite one translation; return the line its entry now starts on."""
    po = polib.pofile(str(po_path))
    target = po.find(entry.msgid)
    target.msgstr = new_msgstr
    po.save(str(po_path))
    return polib.pofile(str(po_path)).find(entry.msgid).linenum


def _problems_about(problems, path, line, msgid):
    """The problems reported at path:line that quote the msgid."""
    return [p for p in problems if p.startswith(f"{path}:{line}:") and repr(msgid[:20])[:-1] in p]


def _parity(project, rel):
    """What check_catalogs reports about one page catalog (parity and reference-style links)."""
    return check_catalogs.parity_problems(f"{PO}/{rel}", polib.pofile(str(project / PO / rel)))


# -- Parity ----------------------------------------------------------------------------------

def test_committed_translations_keep_their_source_parts():
    problems = []
    for po_path in sorted((ROOT / "locales").rglob("*.po")):
        label = po_path.relative_to(ROOT)
        page = po_path.name != "sphinx.po"
        problems += check_catalogs.parity_problems(label, polib.pofile(str(po_path)), markdown=page)
    assert not problems, "\n".join(problems)


def test_parity_sees_every_part_a_translation_must_keep():
    source = "Ver [el caso](#casos/x), {doc}`la guía <casos/index>`, `pip` y {{ n }} en 3 días"
    assert check_catalogs.parity(source, "See [the case](#casos/x), {doc}`the guide <casos/index>`, "
                                         "`pip` and {{ n }} in 3 days") == []
    broken = {
        "numbers": "See [the case](#casos/x), {doc}`the guide <casos/index>`, `pip` and {{ n }} in 4 days",
        "{{ substitutions }}": "See [the case](#casos/x), {doc}`the guide <casos/index>`, `pip` and {{ m }} in 3 days",
        "MyST roles and targets":
            "See [the case](#casos/x), {doc}`the guide <casos/other>`, `pip` and {{ n }} in 3 days",
        "link targets": "See [the case](#casos/y), {doc}`the guide <casos/index>`, `pip` and {{ n }} in 3 days",
        "inline code": "See [the case](#casos/x), {doc}`the guide <casos/index>`, `pipx` and {{ n }} in 3 days",
    }
    for what, translation in broken.items():
        found = check_catalogs.parity(source, translation)
        assert len(found) == 1 and found[0].startswith(f"not the same {what}:"), (what, found)
    assert check_catalogs.reference_style_links("See [the case][c].\n\n[c]: casos/x.md") == \
        ["[the case][c]", "[c]: c"]


def _bump_first_number(text):
    """The text with its first number outside {{ substitutions }} and link targets changed."""
    parts = re.split(r"(\{\{.*?\}\}|\]\([^)]*\))", text)
    for i, part in enumerate(parts):
        if i % 2 == 0 and re.search(r"\d+", part):
            parts[i] = re.sub(r"\d+", lambda m: str(int(m.group(0)) + 1), part, count=1)
            return "".join(parts)
    return None


def test_a_changed_number_names_file_line_and_msgid(project_copy):
    po_path, entry = next((path, e) for path in sorted((project_copy / PO).rglob("*.po"))
                          if path.name != "sphinx.po"
                          for e in polib.pofile(str(path)) if e.msgid and _bump_first_number(e.msgstr))
    line = _replace_msgstr(po_path, entry, _bump_first_number(entry.msgstr))
    rel = po_path.relative_to(project_copy / PO)
    found = _problems_about(_parity(project_copy, rel), f"{PO}/{rel}", line, entry.msgid)
    assert found and "not the same numbers" in found[0], found


def test_a_changed_substitution_names_file_line_and_msgid(project_copy):
    po_path = project_copy / PO / "impacto" / "serving-gnn.po"
    entry = _entry(po_path, lambda e: "{{ gnn_throughput }}" in e.msgstr)
    line = _replace_msgstr(po_path, entry, entry.msgstr.replace("{{ gnn_throughput }}", "10x"))
    found = _problems_about(_parity(project_copy, "impacto/serving-gnn.po"), f"{PO}/impacto/serving-gnn.po", line,
                            entry.msgid)
    assert found and "not the same {{ substitutions }}" in found[0] and "gnn_throughput" in found[0], found


def test_an_altered_ref_target_names_file_line_and_msgid(project_copy):
    # A {ref} role in a page and its faithful translation; then the translation's target is altered.
    msgid = "Más en {ref}`el caso de las plantillas <casos/plantillas-cicd>`."
    page = project_copy / "principios" / "contratos.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{msgid}\n", encoding="utf-8")
    rel = "principios/contratos.po"
    po = polib.pofile(str(project_copy / PO / rel))
    po.append(polib.POEntry(msgid=msgid, msgstr="More in {ref}`the templates case <casos/plantillas-cicd>`."))
    po.save(str(project_copy / PO / rel))
    assert _parity(project_copy, rel) == [], "the faithful translation is clean"

    line = _replace_msgstr(project_copy / PO / rel, polib.POEntry(msgid=msgid),
                           "More in {ref}`the templates case <casos/serving-gnn>`.")
    found = _problems_about(_parity(project_copy, rel), f"{PO}/{rel}", line, msgid)
    assert found and "not the same MyST roles and targets" in found[0] and "casos/serving-gnn" in found[0], found


def test_an_altered_link_target_names_file_line_and_msgid(project_copy):
    po_path = project_copy / PO / "index.po"
    entry = _entry(po_path, lambda e: "](#casos)" in e.msgstr)
    line = _replace_msgstr(po_path, entry, entry.msgstr.replace("](#casos)", "](#principios)", 1))
    found = _problems_about(_parity(project_copy, "index.po"), f"{PO}/index.po", line, entry.msgid)
    assert found and "not the same link targets" in found[0], found


def test_a_reference_style_link_names_file_line_and_msgid(project_copy):
    po_path = project_copy / PO / "index.po"
    entry = _entry(po_path, lambda e: "[" in e.msgstr and "](#casos)" in e.msgstr)
    broken = re.sub(r"\[([^\]]*)\]\(#casos\)", r"[\1][casos]", entry.msgstr, count=1)
    line = _replace_msgstr(po_path, entry, broken + "\n\n[casos]: #casos")
    found = _problems_about(_parity(project_copy, "index.po"), f"{PO}/index.po", line, entry.msgid)
    assert any("reference-style link" in p for p in found), found


def test_a_reference_style_link_in_a_page_is_reported_before_translation(project_copy):
    page = project_copy / "principios" / "observabilidad.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\nVer [el caso][gnn].\n\n[gnn]: ../casos/serving-gnn.md\n", encoding="utf-8")
    problems = check_catalogs.check(project_copy)
    assert any(p.startswith("principios/observabilidad.md:") and "reference-style link" in p
               for p in problems), problems


# -- Hygiene ----------------------------------------------------------------------------------

def test_committed_catalogs_are_canonically_wrapped():
    problems = check_catalogs.wrapping_problems()
    assert not problems, "\n".join(problems)


def test_a_rewrapped_catalog_is_reported(project_copy):
    po_path = project_copy / PO / "index.po"
    text = po_path.read_text(encoding="utf-8")
    # Join one wrapped msgstr onto a single long line, as an editor might save it.
    match = re.search(r'^msgstr ""\n((?:".*"\n){2,})', text, re.M)
    assert match, "no wrapped msgstr in index.po"
    joined = "".join(re.findall(r'^"(.*)"$', match.group(1), re.M))
    po_path.write_text(text.replace(match.group(0), f'msgstr "{joined}"\n'), encoding="utf-8")
    problems = check_catalogs.wrapping_problems(project_copy)
    assert problems == [f"{PO}/index.po:1: not in the canonical wrapping "
                        "(run make translate, or powrap on the file)"], problems


def test_committed_headers_hold_no_timestamp():
    problems = check_catalogs.header_problems()
    assert not problems, "\n".join(problems)


def _catalog_texts(project):
    return {str(p.relative_to(project)): p.read_text(encoding="utf-8")
            for p in sorted((project / "locales").rglob("*.po"))}


def _update(project):
    run = subprocess.run([sys.executable, "-m", "portfolio_tools.catalogs", "update"],
                         cwd=project, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_running_the_update_twice_changes_nothing(project_copy):
    # A new page message and a new interface string make the update rewrite a
    # page catalog and the theme catalogs: the headers it writes are stable.
    page = project_copy / "principios" / "contratos.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUn párrafo nuevo.\n", encoding="utf-8")
    template = project_copy / "_templates" / "sidebar" / "languages.html"
    template.write_text(template.read_text(encoding="utf-8") + '{{ _("A new label") }}\n', encoding="utf-8")
    committed = _catalog_texts(project_copy)

    _update(project_copy)
    first = _catalog_texts(project_copy)
    changed = {path for path in first if first[path] != committed.get(path)}
    assert changed == {f"{PO}/principios/contratos.po",
                       *{f"locales/{lang}/LC_MESSAGES/sphinx.po" for lang in LANGUAGES if lang != "en"}}, changed
    assert not check_catalogs.header_problems(project_copy)

    _update(project_copy)
    assert _catalog_texts(project_copy) == first, "the second update changed the catalogs"


def test_a_timestamped_header_is_reported(project_copy):
    po_path = project_copy / PO / "index.po"
    text = po_path.read_text(encoding="utf-8")
    po_path.write_text(re.sub(r'"POT-Creation-Date: [^"]*"', r'"POT-Creation-Date: 2031-05-04 03:02+0000\\n"', text),
                       encoding="utf-8")
    problems = check_catalogs.header_problems(project_copy)
    assert problems == [f"{PO}/index.po:1: header POT-Creation-Date: '2031-05-04 03:02+0000', expected "
                        "'1970-01-01 00:00+0000' (a timestamp churns on every update; run make translate)"], problems


def test_a_new_interface_string_must_reach_every_theme_catalog(project_copy):
    template = project_copy / "_templates" / "sidebar" / "languages.html"
    template.write_text(template.read_text(encoding="utf-8") + '{{ _("Choose a language") }}\n', encoding="utf-8")
    for lang in LANGUAGES:
        if lang != "en":
            po_path = project_copy / "locales" / lang / "LC_MESSAGES" / "sphinx.po"
            problems = check_catalogs.theme_problems(project_copy, lang, po_path)
            assert problems == [f"locales/{lang}/LC_MESSAGES/sphinx.po:1: not in catalog 'Choose a language' "
                                "(run make translate)"], problems


# -- Spelling ---------------------------------------------------------------------------------

def test_catalogs_are_spelled_right_in_both_languages():
    problems = check_catalogs.spelling_problems()
    assert not problems, "\n".join(problems)


def test_word_lists_stay_short_and_needed():
    problems = check_catalogs.wordlist_problems()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("where", ["translation", "source"])
def test_a_misspelling_names_file_line_and_msgid(project_copy, where):
    po_path = project_copy / PO / "principios" / "observabilidad.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgid and len(e.msgstr) > 40)
    if where == "translation":
        entry.msgstr = entry.msgstr + " Measurabel."
        word, lang = "Measurabel", TRANSLATION
    else:
        # The Spanish source of a message, as the page would give it.
        entry.msgid = entry.msgid + " Medibel."
        word, lang = "Medibel", LANGUAGES[0]
    po.save(str(po_path))
    line = polib.pofile(str(po_path)).find(entry.msgid).linenum
    problems = check_catalogs.spelling_problems(project_copy)
    assert any(p.startswith(f"{PO}/principios/observabilidad.po:{line}: unknown word {word!r} ({lang};")
               for p in problems), problems


def test_hunspell_knows_both_languages():
    # The dictionaries are there (tools/install-system-tools.sh), or every word would be unknown.
    assert check_catalogs.unknown_words(["despliegue", "medición", "rollback"], "es") == set()
    assert check_catalogs.unknown_words(["deployment", "measurement"], "en") == set()
    assert check_catalogs.unknown_words(["despliege", "measurment"], "en") == {"despliege", "measurment"}


def test_an_edited_paragraph_keeps_its_translation_on_screen_until_reviewed(project_copy):
    """A small edit of a Spanish paragraph: the English page shows the previous English
    (never the Spanish) while the catalog check flags the entry for review."""
    page = project_copy / "principios" / "contratos.md"
    source = "Sigue respondiendo, solo que peor."
    page.write_text(page.read_text(encoding="utf-8").replace(source, "Sigue respondiendo, aunque peor."),
                    encoding="utf-8")
    _update(project_copy)
    po_path = project_copy / PO / "principios" / "contratos.po"
    entry = next(e for e in polib.pofile(str(po_path)) if "aunque peor" in e.msgid)
    assert "fuzzy" in entry.flags and entry.msgstr, "the old translation is kept, marked fuzzy"
    lang = TRANSLATIONS[0]
    code, output = build_one(project_copy, lang)
    assert code == 0, output
    shown = (project_copy / "_build" / lang / "principios" / "contratos.html").read_text(encoding="utf-8")
    # (Sphinx's smart quotes curl the translation's apostrophes and quotes on screen.)
    straight = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
    assert entry.msgstr.split(".")[0] in shown.translate(straight) and "aunque peor" not in shown
    assert any("contratos.po" in p and "fuzzy entry" in p for p in check_catalogs.check(project_copy))


def test_a_moved_page_keeps_every_translation(project_copy):
    """`make move-page`: the page, its catalog in every language and the toctree lines move together."""
    old, new = "playbooks/preparacion-rollback", "playbooks/lista-de-rollback"
    old_po, new_po = project_copy / PO / f"{old}.po", project_copy / PO / f"{new}.po"
    before = {e.msgid: e.msgstr for e in polib.pofile(str(old_po)) if e.translated()}
    run = subprocess.run([sys.executable, "-m", "portfolio_tools.catalogs", "move", old, new], cwd=project_copy,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert not old_po.exists() and not (project_copy / f"{old}.md").exists()
    assert {e.msgid: e.msgstr for e in polib.pofile(str(new_po)) if e.translated()} == before
    assert check_catalogs.check(project_copy) == [], "no entry lost, nothing stale"
    lang = TRANSLATIONS[0]
    code, output = build_one(project_copy, lang)
    assert code == 0, output
    moved = (project_copy / "_build" / lang / f"{new}.html").read_text(encoding="utf-8")
    title = next(msgstr for msgid, msgstr in before.items() if msgid.startswith("Lista de preparación"))
    assert title in moved


def test_a_page_the_data_names_is_moved_in_the_data(project_copy):
    run = subprocess.run([sys.executable, "-m", "portfolio_tools.catalogs", "move", "casos/serving-gnn", "casos/gnn"],
                         cwd=project_copy, capture_output=True, text=True)
    assert run.returncode != 0 and "_data/areas.toml" in run.stderr
    assert (project_copy / "casos" / "serving-gnn.md").exists()


# -- Glossary (_data/glossary.toml, STYLE.md) ------------------------------------------------

def test_pages_and_translations_follow_the_glossary():
    assert check_catalogs.glossary_problems() == []


@pytest.mark.parametrize("path, line, form, concept", [
    ("casos/serving-gnn.md", "El coste de la caché bajó.", "coste", "cost"),
    ("casos/serving-gnn.d2", 'nota: "Chequeos de la caché"', "Chequeos", "check"),
    # A calque the editorial pass removed: it comes back, the check names it.
    ("casos/plantillas-cicd.md", "Es el camino pavimentado.", "camino pavimentado",
     "paved road (the platform's default path)"),
])
def test_a_spanish_form_to_avoid_names_file_and_line(project_copy, path, line, form, concept):
    source = project_copy / path
    lines = source.read_text(encoding="utf-8").splitlines() + [line]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = f"{path}:{len(lines)}: {form!r} is a form to avoid for {concept!r} (_data/glossary.toml)"
    assert expected in check_catalogs.glossary_problems(project_copy)


def test_a_calque_and_a_hedge_are_caught_with_file_and_line(project_copy):
    """The owner's story, told as textbook background ("lo habitual es…"), fails like a calque."""
    page = project_copy / "casos" / "serving-gnn.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines += ["La ruta caliente lee la caché.", "", "Lo habitual es precalcular los embeddings."]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    po_path = project_copy / PO / "casos" / "serving-gnn.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgstr and not e.obsolete)
    entry.msgstr += " A common pattern is to cache the head."
    po.save()
    line = next(e.linenum for e in polib.pofile(str(po_path)) if e.msgid == entry.msgid)
    problems = check_catalogs.glossary_problems(project_copy)
    n = len(lines)
    assert any(p.startswith(f"casos/serving-gnn.md:{n - 2}: 'ruta caliente' is a form to avoid for")
               for p in problems), problems
    hedge = "is a hedge: say what the owner did, or set the background apart in a design-note (_data/glossary.toml)"
    assert f"casos/serving-gnn.md:{n}: 'Lo habitual es' {hedge}" in problems, problems
    assert f"{PO}/casos/serving-gnn.po:{line}: 'A common pattern' {hedge}" in problems, problems


def test_an_english_translation_off_the_glossary_names_catalog_and_line(project_copy):
    po_path = project_copy / PO / "casos" / "plantillas-cicd.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if re.search(r"\bplantillas\b", e.msgid) and "templates" in e.msgstr)
    entry.msgstr = re.sub("(?i)template", "blueprint", entry.msgstr)
    po.save()
    line = next(e.linenum for e in polib.pofile(str(po_path)) if e.msgid == entry.msgid)
    problems = [p for p in check_catalogs.glossary_problems(project_copy)
                if p.startswith(f"{PO}/casos/plantillas-cicd.po:{line}: ")]
    assert any("'plantillas' is translated without 'template' / 'templates'" in p for p in problems), problems
    assert any("'blueprints' is a form to avoid for 'template'" in p for p in problems), problems

"""One pipeline, incremental: a build with nothing changed writes nothing, an edit rebuilds to
the bytes of a clean build, and the stages run once each, in their declared order."""

from types import SimpleNamespace

import pytest
from helpers import TRANSLATIONS, copy_project
from portfolio import build as build_site
from portfolio import pipeline


def snapshot(folder):
    """{file: (bytes, mtime)} of every file below folder."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_no_op_writes_nothing_and_an_edit_rebuilds_to_a_clean_build(tmp_path):
    """On the translation (every language runs the same code): it reads both the pages and
    the catalogs."""
    project = copy_project(tmp_path / "project")
    out = project / "_build" / "html"
    languages = TRANSLATIONS[:1]
    build_site.build(project, out, languages)
    before = snapshot(out)

    build_site.build(project, out, languages)
    assert snapshot(out) == before, "a build with nothing changed rewrote files"

    # One sentence of a Spanish page and one English message, the PDFs included.
    replace(project / "impacto" / "cicd-ml.md", "\n## ", "\nUna frase más, añadida.\n\n## ")
    replace(project / "locales" / "en" / "LC_MESSAGES" / "principios" / "contratos.po",
            'msgstr "Contracts over Cowboy Code"', 'msgstr "Contracts over Improvised Code"')
    build_site.build(project, out, languages)
    after = snapshot(out)
    assert after != before
    assert "Contracts over Improvised Code" in (out / "en" / "principios" / "contratos.html").read_text()

    clean = build_site.build(project, tmp_path / "clean" / "html", languages)
    incremental = {name: content for name, (content, _) in after.items()}
    fresh = {name: content for name, (content, _) in snapshot(clean).items()}
    assert sorted(incremental) == sorted(fresh), set(incremental) ^ set(fresh)
    differ = [name for name in fresh if incremental[name] != fresh[name]]
    assert not differ, f"the incremental build differs from a clean one in {differ}"


def stages():
    """The stages of a build that wrote nothing yet (none of them is run by the checks below)."""
    app = SimpleNamespace(outdir="/nonexistent", portfolio_written=set(),
                          builder=SimpleNamespace(get_target_uri=lambda page: f"{page}.html"))
    return pipeline.Stages(app)


@pytest.mark.parametrize("name", pipeline.STAGES[1:])
def test_a_stage_out_of_order_stops_the_build(name):
    with pytest.raises(pipeline.StageOrderError, match=f"stage '{name}' asked for after none; the order is "
                                                        "publish → trim → index → csp"):
        stages().run(name)


def test_a_stage_run_twice_stops_the_build(monkeypatch):
    monkeypatch.setattr(pipeline.Stages, "publish", lambda self: None)
    run = stages()
    run.run("publish")
    with pytest.raises(pipeline.StageOrderError, match=r"stage 'publish' asked for after \['publish'\]"):
        run.run("publish")

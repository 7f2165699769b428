"""The owner's fast loop: the pre-commit hooks and the data check they run."""

import subprocess
import sys

import pytest
import yaml
from helpers import ROOT

TOOLS = ROOT / ".venv" / "bin"


def test_python_passes_ruff():
    run = subprocess.run([str(TOOLS / "ruff"), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.slow  # the same checks `make check` runs itself
def test_pre_commit_runs_the_fast_checks_and_they_pass():
    run = subprocess.run([str(TOOLS / "pre-commit"), "run", "--all-files"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    for hook in ("ruff", "data files", "translation catalogs"):
        assert f"{hook} (" in run.stdout or f"{hook}." in run.stdout, run.stdout


def test_data_check_names_file_line_and_key(project_copy):
    areas = project_copy / "_data" / "areas.toml"
    areas.write_text(areas.read_text(encoding="utf-8").replace('"gnn_qps"]', '"gnn_qps", 5]'), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "portfolio_tools.check_data", str(project_copy)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "_data/areas.toml:46: area.4.figures.5: 5 is not of type 'string'" in run.stderr, run.stderr


def _data_check(project, *args):
    return subprocess.run([sys.executable, "-m", "portfolio_tools.check_data", *args, str(project)],
                          capture_output=True, text=True)


def _owner(project, **values):
    """Fill _data/owner.toml of a project copy: top-level keys, and links as links_<key>."""
    owner = project / "_data" / "owner.toml"
    text = owner.read_text(encoding="utf-8")
    for key, value in values.items():
        key = key.removeprefix("links_")
        text = text.replace(f'{key} = ""', f'{key} = "{value}"', 1)
    owner.write_text(text, encoding="utf-8")


def test_publish_check_refuses_an_anonymous_site_with_no_contact(project_copy):
    """As committed, owner.toml is empty: ready to build, never to publish."""
    run = _data_check(project_copy, "--publish")
    assert run.returncode == 1, run.stdout
    assert "_data/owner.toml:5: name: empty: the site would go out anonymous" in run.stderr, run.stderr
    assert "_data/owner.toml: no way to get in touch: give at least one of email, links.linkedin, links.github" \
        in run.stderr, run.stderr


def test_publish_check_refuses_an_example_value(project_copy):
    _owner(project_copy, name="Your Name", email="me@example.com", links_github="https://github.com/ada")
    run = _data_check(project_copy, "--publish")
    assert run.returncode == 1, run.stdout
    assert "_data/owner.toml:5: name: 'Your Name' is an example, not the owner's" in run.stderr, run.stderr
    assert "_data/owner.toml:6: email: 'me@example.com' is an example, not the owner's" in run.stderr, run.stderr
    assert "no way to get in touch" not in run.stderr


def test_publish_check_accepts_a_real_owner(project_copy):
    _owner(project_copy, name="María Pérez", links_linkedin="https://www.linkedin.com/in/mariaperez")
    run = _data_check(project_copy, "--publish")
    assert run.returncode == 0, run.stderr
    assert "ready to publish" in run.stdout


def test_data_check_lists_the_owners_empty_fields_as_notices(project_copy):
    _owner(project_copy, name="María Pérez", email="maria@perez.dev")
    run = _data_check(project_copy)
    assert run.returncode == 0, run.stderr
    notices = [line for line in run.stdout.splitlines() if line.startswith("_data/owner.toml:")]
    assert [line.split(": ")[1] for line in notices] == [
        "job_title", "tagline", "photo", "links.cv", "links.talks", "links.linkedin", "links.github"], run.stdout
    assert ("_data/owner.toml:18: links.cv: empty; once given: “ve mi CV” / “see my CV” links to the CV (else to "
            "the one-page summary)") in notices


def test_every_deploy_runs_the_checks_first_and_one_build():
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert workflow.index("make publish-check") < workflow.index("make check") < workflow.index("make html"), \
        "Pages deploys unchecked"
    rtd = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert rtd["build"]["jobs"]["pre_build"] == ["python -m portfolio_tools.check_data --publish"]
    # The stages around Sphinx are the extension's: Read the Docs lists none of them.
    assert set(rtd["build"]["jobs"]) == {"post_install", "pre_build"}, rtd["build"]["jobs"]
    assert rtd["sphinx"] == {"configuration": "conf.py", "fail_on_warning": True}

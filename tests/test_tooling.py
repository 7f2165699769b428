"""The owner's fast loop: the pre-commit hooks and the data check they run."""

import subprocess
import sys

import pytest
from conftest import ROOT

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
    run = subprocess.run([sys.executable, str(project_copy / "tools" / "check_data.py"), str(project_copy)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "_data/areas.toml:46: area.4.figures.5: 5 is not of type 'string'" in run.stderr, run.stderr

"""Hash-pinned installs: every Python package is locked with its hashes, and a
package that does not match its hash is refused; npm installs from the lockfile."""

import ast
import importlib.metadata
import re
import subprocess
import sys
import tomllib

from helpers import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCKS = {"requirements.lock": ["requirements.txt"],
         "requirements-dev.lock": ["requirements.txt", "requirements-dev.txt"]}
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", re.M)


def pins(text):
    return {name.lower().replace("_", "-"): version for name, version in PIN.findall(text)}


def test_every_lock_pins_every_package_with_its_hashes():
    for lock, sources in LOCKS.items():
        text = (ROOT / lock).read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n\n", 1)[-1].strip())
        for entry in entries:
            if entry.startswith("#"):
                continue
            assert PIN.match(entry) and "--hash=sha256:" in entry, f"{lock}: not pinned with a hash: {entry[:80]}"
        locked = pins(text)
        for source in sources:  # every top-level pin is the locked version
            for line in (ROOT / source).read_text(encoding="utf-8").splitlines():
                if match := re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line):
                    name = match.group(1).lower().replace("_", "-")
                    assert locked.get(name) == match.group(2), f"{source}: {line} vs {lock}"


def test_the_build_lock_is_what_the_hosts_install():
    assert "requirements: requirements.lock" in (ROOT / ".readthedocs.yaml").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements-dev.lock" in makefile


def test_a_tampered_hash_is_refused(tmp_path):
    text = (ROOT / "requirements-dev.lock").read_text(encoding="utf-8")
    entry = re.search(r"^mdurl==\S+ \\\n(    --hash=sha256:[0-9a-f]{64}(?: \\\n)?)+", text, re.M).group(0)
    tampered = re.sub(r"sha256:[0-9a-f]{64}", "sha256:" + "0" * 64, entry)
    (tmp_path / "lock.txt").write_text(tampered.rstrip(" \\\n") + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--require-hashes",
                          "-r", str(tmp_path / "lock.txt"), "-d", str(tmp_path / "dl")],
                         capture_output=True, text=True)
    assert run.returncode != 0
    assert "DO NOT MATCH THE HASHES" in run.stderr, run.stderr


def test_npm_installs_from_its_lockfile_with_integrity():
    script = (ROOT / "tools" / "install-system-tools.sh").read_text(encoding="utf-8")
    assert "npm ci" in script
    lock = (ROOT / "package-lock.json").read_text(encoding="utf-8")
    assert lock.count('"integrity": "sha512-') >= 50


def declared():
    """{distribution: requirement} of pyproject.toml, the build's and the tools' alike."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = [Requirement(r) for r in [*project["dependencies"], *project["optional-dependencies"]["dev"]]]
    return {canonicalize_name(r.name): r for r in found}


def test_every_pin_is_a_version_the_package_declares():
    ranges = declared()
    pinned = {}
    for source in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / source).read_text(encoding="utf-8").splitlines():
            if match := re.match(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==(\S+)", line):
                pinned[canonicalize_name(match.group(1))] = match.group(2)
    # setuptools builds the package itself; it is no dependency of it.
    assert set(pinned) - {"setuptools"} == set(ranges), set(pinned) ^ set(ranges)
    for name, requirement in ranges.items():
        assert requirement.specifier.contains(pinned[name]), f"{name}=={pinned[name]} is outside {requirement}"


# The package's own modules, and the tests' shared modules (tests/helpers.py, gates.py, test_*.py).
LOCAL = {"portfolio", "portfolio_tools", "helpers", "gates", "conftest",
         *(path.stem for path in (ROOT / "tests").glob("test_*.py"))}


def test_the_package_declares_every_package_its_code_imports():
    distributions = importlib.metadata.packages_distributions()
    ranges = declared()
    missing = set()
    code = [*(ROOT / "_ext" / "portfolio").glob("*.py"), *(ROOT / "tools").glob("*.py"), *(ROOT / "tests").glob("*.py")]
    for path in [*code, ROOT / "conf.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                       else [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top in LOCAL:
                    continue
                names = {canonicalize_name(d) for d in distributions.get(top, [top])}
                if not names & set(ranges):
                    missing.add(f"{path.relative_to(ROOT)}: {module}")
    assert not missing, sorted(missing)

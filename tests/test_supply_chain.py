"""Hash-pinned installs: every Python package is locked with its hashes, and a
package that does not match its hash is refused; npm installs from the lockfile."""

import re
import subprocess
import sys

from helpers import ROOT

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

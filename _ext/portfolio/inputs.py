"""What a build reads, as one digest: a build whose inputs did not change has nothing to redo."""

import hashlib
import importlib.metadata
import os
import sys
from pathlib import Path

from .names import PROJECT_FILES

# Not sources: written by builds (compiled catalogs, bytecode).
DERIVED = {".mo", ".pyc"}
# Where a build keeps the digest of the inputs it was made from.
STAMP = "inputs.sha256"
# The environment that changes what is written: the public URLs (languages.public_layout).
ENVIRONMENT = ["SITE_BASE_URL", "READTHEDOCS_CANONICAL_URL", "READTHEDOCS_LANGUAGE"]


def _files(root):
    for name in PROJECT_FILES:
        path = root / name
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix not in DERIVED
                              and "__pycache__" not in p.parts)


def digest(root, *extra, environ=os.environ):
    """A digest of every file a build reads, the Python and packages it runs with, the environment
    that changes its URLs, and `extra` (what else the caller's output depends on)."""
    root = Path(root)
    h = hashlib.sha256()
    for path in _files(root):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(sys.version.encode())
    h.update(repr(sorted((d.metadata["Name"] or "", d.version) for d in importlib.metadata.distributions())).encode())
    h.update(repr([(name, environ.get(name)) for name in ENVIRONMENT]).encode())
    h.update(repr(extra).encode())
    return h.hexdigest()

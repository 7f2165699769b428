"""The owner's tools, run as `python -m portfolio_tools.<name>` (the Makefile's tasks).

Each works on the project in the current directory: make runs them from the
repository's root, the tests in a throwaway copy of it.
"""

from pathlib import Path

ROOT = Path.cwd()

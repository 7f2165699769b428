"""Validate every data file (_data/*.toml, the playbooks' front matter) without building.

    python tools/check_data.py [ROOT]     # exit 1 with `file:line: key: problem`
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_ext"))
from portfolio.data import DataError, load  # noqa: E402


def main():
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    try:
        data = load(root)
    except DataError as error:
        sys.exit(str(error))
    print(f"Data: {len(data.areas)} areas, {len(data.metrics)} figures, {len(data.playbooks)} playbooks, all valid.")


if __name__ == "__main__":
    main()

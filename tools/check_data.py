"""Validate every data file (_data/*.toml, the playbooks' front matter) without building.

    python -m portfolio_tools.check_data [ROOT]             # exit 1 with `file:line: key: problem`;
                                                  # lists the owner's fields still empty
    python -m portfolio_tools.check_data --publish [ROOT]   # also exit 1 if the site is not ready to go
                                                  # out: no name, no contact, an example value
"""

import argparse
import sys
from pathlib import Path

from portfolio import publish
from portfolio.data import DataError, load


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--publish", action="store_true", help="fail unless the owner data is ready to publish")
    args = parser.parse_args()
    try:
        data = load(args.root)
    except DataError as error:
        sys.exit(str(error))
    print(f"Data: {len(data.areas)} areas, {len(data.metrics)} figures, {len(data.playbooks)} playbooks, all valid.")
    if args.publish:
        problems = publish.problems(args.root)
        if problems:
            sys.exit("Not ready to publish:\n" + "\n".join(problems))
        print("Owner: ready to publish.")
    else:
        notices = publish.notices(args.root)
        if notices:
            print("Notice: owner fields still empty (optional):\n" + "\n".join(notices))
        notices = publish.figure_notices(args.root, data.metrics)
        if notices:
            print("Notice: figures without the owner's baseline, window or method (optional):\n"
                  + "\n".join(notices))


if __name__ == "__main__":
    main()

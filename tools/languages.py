"""Print the site's languages, the source first (what the Makefile builds and translates).

    python -m portfolio_tools.languages            es en
    python -m portfolio_tools.languages --source   es
"""

import argparse

from portfolio.data import load_site
from portfolio_tools import ROOT


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", action="store_true", help="only the source language")
    args = parser.parse_args()
    languages = load_site(ROOT).languages
    print(languages[0] if args.source else " ".join(languages))


if __name__ == "__main__":
    main()

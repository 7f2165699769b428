"""Names several parts of the project share: change one here and every part follows."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository: conf.py, the pages, _data/

# The page folders, one per section of the site, and the pages at its root.
SECTIONS = ["impacto", "casos", "principios", "charlas", "playbooks"]
# Sections whose pages accumulate (dated posts): the navigation lists the section, and its index
# lists the posts, so no page carries a link to every post.
COLLECTIONS = ["playbooks"]
ROOT_PAGES = ["index.md", "404.md"]
# Everything a build reads: a throwaway copy of these builds the same site (tests, benchmark),
# and a change to any of them is a change of the build's inputs.
PROJECT_FILES = ["conf.py", *ROOT_PAGES, *SECTIONS, "locales", "_data", "_ext", "_static", "_templates"]

# The PDFs beside each language's pages: the one-page summary and the whole portfolio.
PDF_NAME = "portafolio.pdf"
SUMMARY_NAME = "resumen.pdf"

# The brand colour, light and dark (furo's color-brand-primary; the figures and the PDF use the light one).
BRAND = "#0b6e4f"
BRAND_DARK = "#4cc9a0"

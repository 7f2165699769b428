"""Local Sphinx extension for the portfolio: each module has one job.

- data: every _data file and the playbooks' front matter, read and validated once
- areas: cards, indexes and cross-reference lists generated from _data/areas.toml
- case_study: a case study's "at a glance" (its results first) and its way to get in touch
- playbooks: dated posts, their index and an Atom feed per language
- figures: the seed's figures drawn (bars, before → after), from their types
- figure_words: the figures in running text, in words, with the owner's notes
- formulas: math as MathML on the site, drawn for the PDF
- diagrams: a diagram per case study, from D2 sources, labels through gettext
- pipeline: the stages around Sphinx's own (PDFs before the pages; then publish,
  trim, search index, Content-Security-Policy), declared once
- pdf: the PDF portfolio and the one-page summary, from a singlehtml build
- pdf_link: the PDFs linked with their size
- trim, search_index, csp: the stages after the pages
- site_root: the files above the language folders (build.py writes them)
- build: every language, then the root files (`make html`, the tests, the benchmark)
- names: names several parts share; inputs: what a build reads, as one digest
- values: dates and sizes as <time>/<data>
- languages: per-language base URL, hreflang alternates, language switcher
- owner: the owner's public details from _data/owner.toml
- talks: the talks page: proposals (_data/talks.toml) and a media kit
- search: what the pages carry for the site search (Pagefind, search_index.py)
- meta_tags: meta description as the Open Graph description; valid meta tags
- social_cards: each page's social card (og:image), drawn with Pillow
- structured_data: JSON-LD (ProfilePage, Article)
- llms_txt: llms.txt index of the pages per language
- html_fixes: valid, accessible HTML from furo, Sphinx and sphinx-design; no unused CSS
- not_found: 404 page body links that work from any depth
- furo_strings: furo's labels built in Python, through gettext
- navigation: the sidebar lists a collection (the playbooks) by its index alone
- translated_parse: translated messages parsed without rebuilding docutils' defaults each time
"""

from . import (
    areas,
    case_study,
    data,
    diagrams,
    figure_words,
    figures,
    formulas,
    furo_strings,
    html_fixes,
    languages,
    llms_txt,
    meta_tags,
    navigation,
    not_found,
    owner,
    pipeline,
    playbooks,
    search,
    social_cards,
    structured_data,
    talks,
    translated_parse,
    values,
)


def setup(app):
    data.setup(app)
    areas.setup(app)
    case_study.setup(app)
    diagrams.setup(app)
    figures.setup(app)
    figure_words.setup(app)
    formulas.setup(app)
    playbooks.setup(app)
    search.setup(app)
    talks.setup(app)
    values.setup(app)
    pipeline.setup(app)
    languages.setup(app)
    owner.setup(app)
    meta_tags.setup(app)
    social_cards.setup(app)
    structured_data.setup(app)
    llms_txt.setup(app)
    html_fixes.setup(app)
    not_found.setup(app)
    furo_strings.setup(app)
    navigation.setup(app)
    translated_parse.setup(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

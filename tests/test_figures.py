"""Numbers live once (_data/metrics.toml, the seed's figures) and read the same in every language.

_data/metrics.toml is the source of truth: a number on any page (impact areas,
case studies, principles, playbooks) that is not one of its figures is invented.
"""

import re
import subprocess
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import LANGUAGES, ROOT, SOURCE, TRANSLATIONS, article_text, build_each, metrics

NUMBER = re.compile(r"\d+")
# Names that contain digits but state no figure: the 99th percentile.
NAMES_WITH_DIGITS = re.compile(r"\bp99\b")


def numbers(text):
    return NUMBER.findall(NAMES_WITH_DIGITS.sub(" ", text))


def stated_numbers(soup):
    """The numbers a page states: its article text, less the dates and sizes it shows in <time> and <data>
    and the constants of its formulas (the 1 and the square of 1 − ρ²)."""
    article = soup.select_one("article")
    return numbers(" ".join(s for s in article.find_all(string=True) if not s.find_parent(["time", "data", "math"])))


def test_every_metric_belongs_to_one_area():
    with open(ROOT / "_data" / "areas.toml", "rb") as f:
        listed = [name for area in tomllib.load(f)["area"] for name in area["figures"]]
    assert sorted(listed) == sorted(metrics()), "each figure of metrics.toml is listed by exactly one area"


def test_nothing_outside_the_repository_is_read():
    """A user's clone stands alone: no file of the project points outside it."""
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in tracked.stdout.splitlines():
        path = ROOT / name
        if path == Path(__file__):
            continue
        if path.suffix in {".py", ".sh", ".toml", ".cfg", ".ini", ".yaml", ".yml"} or path.name == "Makefile":
            text = path.read_text(encoding="utf-8")
            assert "shared/seed" not in text and "../shared" not in text, name


# What a Spanish and an English editor expect of the seed's figures in running text (issue:
# "figures read native in each language"): bounds as words, a space before the unit, the
# percent sign as the locale writes it (Spanish: after a no-break space).
NATIVE = {
    "es": ["más de 500 ms", "menos de 100 ms", "menos de 5 min", "más de 2 semanas", "más de 30 equipos",
           "más de 15 equipos", "más de 10 millones de impresiones", "más del 90\u00a0%", "menos del 5\u00a0%",
           "Reducción del 100\u00a0%", "15–20\u00a0%", "al menos 5 veces", "aumentó 10 veces", "10 veces más QPS"],
    "en": ["over 500 ms", "under 100 ms", "under 5 min", "over 2 weeks", "over 30 teams", "over 15 teams",
           "over 10 million daily ad impressions", "over 90%", "under 5%", "100% reduction", "15–20%",
           "at least 5x", "increased 10x", "10x more QPS"],
}
# Shorthand no editor lets through in a sentence: "30+", ">500", "500ms", "10M"; in Spanish, "90%", "5x".
SHORTHAND = {"es": re.compile(r"\d\+|[<>]\s?\d|\d(?:ms|min|M|x)\b|\d%"),
             "en": re.compile(r"\d\+|[<>]\s?\d|\d(?:ms|min|M)\b")}


def running_text(soup):
    """The article's sentences: without the figures drawn (compact labels by design)."""
    article = soup.select_one("article")
    return " ".join(s for s in article.find_all(string=True) if not s.find_parent(class_="figure-visual"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_figures_read_native_in_running_text(pages, lang):
    text = " ".join(" ".join(running_text(soup).split(" ")) for soup in pages[lang].values())
    text = re.sub(r"[ \t\n]+", " ", text)
    for phrase in NATIVE[lang]:
        assert phrase in text, f"{lang}: {phrase!r} is not on the site"
    for path, soup in pages[lang].items():
        shorthand = SHORTHAND[lang].findall(running_text(soup))
        assert not shorthand, f"{lang}/{path}: shorthand figures in running text: {shorthand}"


def test_every_seed_figure_appears_in_every_language(pages):
    """Drawn with its compact label, or in words in a sentence: its numbers are on the site."""
    for lang in LANGUAGES:
        text = " ".join(article_text(soup) for soup in pages[lang].values())
        for name, value in metrics().items():
            assert value in text or all(n in numbers(text) for n in numbers(value)), \
                f"{lang}: {name} = {value!r} never shown"


def test_no_number_on_the_site_is_invented(pages):
    allowed = set(numbers(" ".join(metrics().values())))
    for lang in LANGUAGES:
        for path, soup in pages[lang].items():
            invented = set(stated_numbers(soup)) - allowed
            assert not invented, f"{lang}/{path}: numbers not in the seed: {sorted(invented)}"


def test_each_page_states_the_same_numbers_in_every_language(pages):
    for path, soup in pages[SOURCE].items():
        expected = Counter(stated_numbers(soup))
        for lang in TRANSLATIONS:
            got = Counter(stated_numbers(pages[lang][path]))
            assert got == expected, f"{path}: {SOURCE} {dict(expected)} vs {lang} {dict(got)}"


def test_changing_a_metric_changes_every_page_in_every_language(project_copy):
    data = project_copy / "_data" / "metrics.toml"
    old = '[gnn_throughput]  # throughput increase\ntext = "10x"\nvalue = 10\n'
    text = data.read_text(encoding="utf-8")
    assert old in text
    data.write_text(text.replace(old, old.replace("10", "77")), encoding="utf-8")
    build_each(project_copy)
    for lang in LANGUAGES:
        case = (project_copy / "_build" / lang / "casos" / "serving-gnn.html").read_text(encoding="utf-8")
        impact = (project_copy / "_build" / lang / "impacto" / "serving-gnn.html").read_text(encoding="utf-8")
        assert "77x" in case and "77x" in impact, lang
        drawn = BeautifulSoup(impact, "html.parser").select(".figure-visual .figure-value")
        assert "77x" in [value.get_text() for value in drawn], f"{lang}: the throughput drawing still says 10x"

"""Numbers live once (_data/metrics.toml), come from the seed, and read the same in every language."""

import re
from collections import Counter

from conftest import LANGUAGES, SOURCE, TRANSLATIONS, article_text, build_one, metrics, seed_text

NUMBER = re.compile(r"\d+")


def test_every_metric_is_a_seed_figure():
    seed = seed_text()
    for name, value in metrics().items():
        compact = value.replace(" ", "")
        assert compact in seed.replace(" ", ""), f"_data/metrics.toml: {name} = {value!r} is not in the seed"


def test_every_seed_figure_appears_in_every_language(pages):
    for lang in LANGUAGES:
        text = " ".join(article_text(soup) for soup in pages[lang].values())
        for name, value in metrics().items():
            assert value in text, f"{lang}: {name} = {value!r} never shown"


def test_no_number_on_the_site_is_invented(pages):
    allowed = set(NUMBER.findall(seed_text()))
    for lang in LANGUAGES:
        for path, soup in pages[lang].items():
            invented = set(NUMBER.findall(article_text(soup))) - allowed
            assert not invented, f"{lang}/{path}: numbers not in the seed: {sorted(invented)}"


def test_each_page_states_the_same_numbers_in_every_language(pages):
    for path, soup in pages[SOURCE].items():
        expected = Counter(NUMBER.findall(article_text(soup)))
        for lang in TRANSLATIONS:
            got = Counter(NUMBER.findall(article_text(pages[lang][path])))
            assert got == expected, f"{path}: {SOURCE} {dict(expected)} vs {lang} {dict(got)}"


def test_changing_a_metric_changes_every_page_in_every_language(project_copy):
    data = project_copy / "_data" / "metrics.toml"
    data.write_text(data.read_text(encoding="utf-8").replace('gnn_throughput = "10x"', 'gnn_throughput = "77x"'),
                    encoding="utf-8")
    for lang in LANGUAGES:
        code, output = build_one(project_copy, lang)
        assert code == 0, output
        home = (project_copy / "_build" / lang / "index.html").read_text(encoding="utf-8")
        impact = (project_copy / "_build" / lang / "impacto" / "serving-gnn.html").read_text(encoding="utf-8")
        assert "77x" in home and "77x" in impact, lang

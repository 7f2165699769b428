"""Formulas are MyST math, rendered when the page is written (_ext/portfolio/formulas.py):
MathML on the site (no script, nothing on pages without math), an SVG drawing in the PDF."""

import re

import pytest
from helpers import LANGUAGES, pdf_source

# The pages that state a formula: CUPED's adjusted metric and θ, and the MDE's scaling.
WITH_MATH = {"casos/incrementalidad-anuncios.html", "playbooks/disenar-prueba-incrementalidad.html"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_formulas_are_mathml_and_need_no_script(pages, lang):
    with_math = set()
    for path, soup in pages[lang].items():
        if soup.find("math"):
            with_math.add(path)
        scripts = " ".join(s.get("src", "") + s.get_text() for s in soup.find_all("script"))
        assert "mathjax" not in scripts.lower(), path
        # A formula left as source would show its LaTeX to the reader.
        assert not re.search(r"\\(frac|theta|rho|mathrm)\b", soup.select_one("article").get_text()), path
    assert with_math == WITH_MATH
    cuped = pages[lang]["casos/incrementalidad-anuncios.html"]
    block = cuped.select_one(".formula-block > math[display=block]")
    assert block is not None and block.find("mi", string="\u03b8"), "the adjusted metric, with θ"
    assert cuped.select_one("math[display=inline] mfrac"), "θ = Cov(X, Y) / Var(X) as a fraction"
    for node in cuped.find_all(True):
        if node.find_parent("math") or node.name == "math":
            assert not node.has_attr("style"), "the CSP allows no style attribute"


def test_the_pdf_draws_each_formula_with_its_latex_as_text(site):
    page = pdf_source(site, LANGUAGES[0])
    html = page.read_text(encoding="utf-8")
    assert "<math" not in html, "WeasyPrint does not lay out MathML"
    drawn = re.findall(r'<img class="formula[^"]*" src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)"', html)
    assert any(r"\frac{\operatorname{Cov}(X, Y)}" in alt for alt in drawn), drawn


def test_a_formula_draws_the_same_bytes_twice():
    from portfolio.formulas import svg

    latex = r"Y^{\mathrm{cv}} = Y - \theta\,(X - \bar{X})"
    first = svg(latex)
    assert first == svg(latex) and b"<svg" in first and b"<dc:date>" not in first


def test_a_formula_is_drawn_once_and_kept(tmp_path, monkeypatch):
    from portfolio import formulas

    latex = r"\bar{X}"
    first = formulas.drawn(latex, tmp_path)
    assert first == formulas.svg(latex) and len(list(tmp_path.iterdir())) == 1
    monkeypatch.setattr(formulas, "svg", lambda latex: pytest.fail(f"{latex} drawn again"))
    assert formulas.drawn(latex, tmp_path) == first

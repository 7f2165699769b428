"""The stack's own defects stay fixed (_ext/portfolio/html_fixes.py, _templates/).

The site uses no tab set, no toctree caption and no view/edit links today, so
the published pages cannot show that those fixes work. A project copy turns
each of them on (a captioned toctree, a tab set with code, view/edit links),
is built strictly, and must pass the Nu HTML Checker and axe like the site.
"""


import pytest
from gates import axe_violations, new_context, visit, vnu_errors
from helpers import SOURCE, build_one, copy_project
from portfolio import html_fixes  # noqa: E402
from portfolio_tools.audit import serving

TABS_AND_CODE = """

::::{tab-set}
:::{tab-item} Uno
Texto del primero.
:::
:::{tab-item} Dos
Texto del segundo.
:::
::::

```python
print("hola")
```
"""
SOURCE_LINKS = """
html_theme_options = {
    **html_theme_options,
    "source_edit_link": "https://example.invalid/edit/{filename}",
    "source_view_link": "https://example.invalid/view/{filename}",
}
"""
PAGES = ["index.html", "casos/serving-gnn.html", "principios/contratos.html"]


@pytest.fixture(scope="module")
def stack_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("stack") / "project")
    index = project / "index.md"
    text = index.read_text(encoding="utf-8")
    assert "```{toctree}\n:hidden:\n" in text
    index.write_text(text.replace("```{toctree}\n:hidden:\n", "```{toctree}\n:hidden:\n:caption: Secciones\n"),
                     encoding="utf-8")
    case = project / "casos" / "serving-gnn.md"
    case.write_text(case.read_text(encoding="utf-8") + TABS_AND_CODE, encoding="utf-8")
    conf = project / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + SOURCE_LINKS, encoding="utf-8")
    code, output = build_one(project, SOURCE)
    assert code == 0, output
    return project / "_build" / SOURCE


def test_the_copy_shows_each_defect_source(stack_site):
    """Guards the test below: each construct is really on the pages it checks."""
    index = (stack_site / "index.html").read_text(encoding="utf-8")
    case = (stack_site / "casos" / "serving-gnn.html").read_text(encoding="utf-8")
    plain = (stack_site / "principios" / "contratos.html").read_text(encoding="utf-8")
    assert '<p class="caption" role="heading" aria-level="2">' in index
    assert 'class="sd-tab-label' in case and "aria-controls" not in case
    assert 'rel="edit"' in case and 'class="page-source-links"' in case
    # Per-page assets: code and tabs bring their files; a plain page goes without.
    assert "pygments.css" in case and "design-tabs.js" in case and "sphinx-design.min.css" in case
    assert "pygments.css" not in plain and "design-tabs.js" not in plain
    assert "sphinx-design.min.css" not in plain and "sphinx-design.min.css" in index


def test_the_copy_is_valid_and_accessible(stack_site, browser):
    errors = vnu_errors(stack_site, PAGES)
    assert not errors, "\n".join(errors)
    problems = []
    with serving(stack_site) as base:
        context = new_context(browser)
        page = context.new_page()
        for path in PAGES:
            visit(page, base, path)
            problems += axe_violations(page, path)[0]
        context.close()
    assert not problems, "\n".join(problems)


def test_caption_level_is_added_once():
    html = '<p class="caption" role="heading"><span class="caption-text">X</span></p>'
    fixed = html_fixes.add_caption_level(html)
    assert fixed == '<p class="caption" role="heading" aria-level="2"><span class="caption-text">X</span></p>'
    assert html_fixes.add_caption_level(fixed) == fixed


def test_unused_assets_follow_the_body():
    assert html_fixes.unused_assets("<p>texto</p>") == {"pygments.css", "sphinx-design.min.css", "design-tabs.js"}
    assert html_fixes.unused_assets('<div class="highlight-python notranslate"><div class="highlight">') == {
        "sphinx-design.min.css", "design-tabs.js"}
    assert html_fixes.unused_assets('<div class="sd-tab-set docutils">') == {"pygments.css"}
    assert html_fixes.unused_assets('<div class="sd-card sd-sphinx-override">') == {"pygments.css", "design-tabs.js"}

"""A Content-Security-Policy that holds: on every page, strict for scripts, and
nothing a reader does (search, theme, languages, menu) breaks it."""

import shutil

import pytest
from bs4 import BeautifulSoup
from gates import PHONE, SETTLED, Watch, all_pages, new_context, visit, wait_for_search
from helpers import LANGUAGES, SOURCE
from portfolio_tools.audit import serving


def policy_of(site, path):
    head = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser").head
    metas = head.select('meta[http-equiv="Content-Security-Policy"]')
    assert len(metas) == 1, path
    first_script = head.find("script")
    # Before any script, or it would not apply to it.
    assert first_script is None or metas[0].sourceline < first_script.sourceline, path
    return metas[0]["content"]


def directives(policy):
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_of_a_language_declares_the_same_strict_policy(site, lang):
    pages = [path for path in all_pages(site, LANGUAGES) if path.startswith(f"{lang}/")]
    policies = {policy_of(site, path) for path in pages}
    assert len(policies) == 1, policies
    policy = policies.pop()
    found = directives(policy)
    assert found["default-src"] == ["'self'"]
    assert found["object-src"] == ["'none'"] and found["base-uri"] == ["'self'"]
    assert found["form-action"] == ["'self'"]
    for value in found["script-src"]:
        # 'wasm-unsafe-eval': the search engine's WebAssembly; no JavaScript evaluation.
        assert value in {"'self'", "'wasm-unsafe-eval'"} or value.startswith("'sha256-"), value
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    # Hosts that read _headers send the same policy for the language's folder.
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert f"/{lang}/*\n  Content-Security-Policy: {policy}\n" in headers


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_theme_languages_and_menu_raise_no_violation(browser, server, lang):
    context = new_context(browser)
    watch = Watch(context, server)
    page = context.new_page()
    visit(page, server, f"{lang}/casos/serving-gnn.html", watch)
    page.locator(".theme-toggle:visible").first.click()
    page.locator(".sidebar-search:visible").first.focus()
    page.keyboard.type("rollback")  # the search's code, WebAssembly and worker load under the policy
    wait_for_search(page, "rollback")
    assert page.locator(".search-result").count() > 0, "the search found nothing"
    page.keyboard.press("Escape")
    other = next(code for code in LANGUAGES if code != lang)
    page.locator(f'.language-switcher a[hreflang="{other}"]').first.click()
    page.wait_for_url(f"**/{other}/**")
    page.set_viewport_size(PHONE)
    page.locator(".mobile-header .nav-overlay-icon").click()
    page.evaluate(SETTLED)  # the menu opened
    context.close()
    assert not watch.problems, "\n".join(watch.problems)


def test_an_injected_inline_script_is_blocked(site, browser, tmp_path):
    copy = tmp_path / "html"
    shutil.copytree(site / SOURCE, copy / SOURCE)
    page_path = copy / SOURCE / "principios" / "contratos.html"
    html = page_path.read_text(encoding="utf-8")
    page_path.write_text(html.replace("</article>", "<script>document.title = 'inyectado';</script></article>"),
                         encoding="utf-8")
    context = new_context(browser)
    page = context.new_page()
    violations = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
    with serving(copy) as base:
        page.goto(f"{base}/{SOURCE}/principios/contratos.html", wait_until="load")
        title = page.title()
    context.close()
    assert title != "inyectado", "the injected script ran"
    assert violations, "the browser reported no violation"

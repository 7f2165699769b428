"""Search as a reader uses it: type in the sidebar box, submit, read the results.

Each language has its own index and stemmer, so a query in the page's language
(inflected as a reader would type it) finds the page that answers it first.
"""

import pytest
from conftest import LANGUAGES
from gates import wait_for_search_results

QUERIES = {
    "es": {
        "guardrails": "casos/guardrails-plataforma",
        "redes de seguridad": "impacto/despliegues-seguros",
        "rollback primero": "principios/rollback-primero",
        "contratos esquemas": "principios/contratos",
        "fallas silenciosas": "principios/contratos",
        "observabilidad": "principios/observabilidad",
        "placebo": "casos/incrementalidad-anuncios",
        "mercados emparejados": "casos/incrementalidad-anuncios",
        "atribución": "casos/incrementalidad-anuncios",
        "juez": "casos/evaluacion-genai",
        "sesgo de posición": "casos/evaluacion-genai",
        "vibes": "casos/evaluacion-genai",
        "plantillas": "casos/plantillas-cicd",
        "vecindario": "casos/serving-gnn",
        "grafos": "impacto/serving-gnn",
        "casos de estudio": "casos/index",
        "contratación charlas": "index",
    },
    "en": {
        "guardrails": "casos/guardrails-plataforma",
        "safety nets": "impacto/despliegues-seguros",
        "rollback first": "principios/rollback-primero",
        "contracts": "principios/contratos",
        "observability": "principios/observabilidad",
        "platform thinking": "principios/pensamiento-de-plataforma",
        "placebo": "casos/incrementalidad-anuncios",
        "matched markets": "casos/incrementalidad-anuncios",
        "attribution": "casos/incrementalidad-anuncios",
        "position bias": "casos/evaluacion-genai",
        "vibes": "casos/evaluacion-genai",
        "templates": "casos/plantillas-cicd",
        "neighborhood": "casos/serving-gnn",
        "burn rate": "casos/serving-gnn",
        "graph": "impacto/serving-gnn",
        "case studies": "casos/index",
        "hiring": "index",
    },
}


def search(page, base, lang, query):
    """Type the query in the sidebar search box and submit it; return [(page, snippet)]."""
    page.goto(f"{base}/{lang}/index.html")
    box = page.locator(".sidebar-search")
    box.fill(query)
    box.press("Enter")
    # Sphinx fills the summary line last, once every result is listed.
    wait_for_search_results(page)
    results = []
    for item in page.locator("#search-results ul.search li").all():
        href = item.locator("a").first.get_attribute("href")
        snippet = item.locator("p.context").all_inner_texts()
        results.append((href.split("?")[0].split("#")[0].removesuffix(".html"), " ".join(snippet)))
    return results


def search_failures(page, base, lang, queries):
    """The search gate: each query must find its page first, with a snippet."""
    failures = []
    for query, expected in queries.items():
        results = search(page, base, lang, query)
        if not results or results[0][0] != expected:
            failures.append(f"{lang} {query!r}: expected {expected}, got {[r[0] for r in results[:3]]}")
        elif not results[0][1].strip():
            failures.append(f"{lang} {query!r}: first result has no snippet")
    return failures


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_the_expected_page_first(browser, server, lang):
    page = browser.new_page()
    failures = search_failures(page, server, lang, QUERIES[lang])
    page.close()
    assert not failures, "\n".join(failures)

"""Content-Security-Policy for every page of a language (a stage of pipeline.py, the last).

One policy per language folder: scripts and styles from the site itself, plus
the SHA-256 of each inline script, style block and style attribute its pages
carry (furo's theme switch and its colour variables, its icons' opacity); no
'unsafe-inline', no 'unsafe-eval'. It goes into each page's head as a
<meta http-equiv> (before any script); the site's root files add `_headers`
for hosts that read one (Netlify, Cloudflare Pages).

A page that already carries a policy (an incremental build leaves unchanged
pages as they were) gets the current one: a policy is never left stale.
"""

import base64
import hashlib
import re
from pathlib import Path

from bs4 import BeautifulSoup

# Scripts that are data, never executed: CSP does not apply to them.
DATA_SCRIPTS = {"application/ld+json", "application/json"}
META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'
EXISTING = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
CHARSET = re.compile(r"<meta charset=\"?utf-8\"?\s*/?>", re.I)


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_sources(htmls):
    """The hashes of every inline script, style block and style attribute of the pages, by directive."""
    found = {"script-src": set(), "style-src": set(), "style-src-attr": set()}
    for html in htmls:
        soup = BeautifulSoup(html, "html.parser")
        for script in soup.find_all("script", src=False):
            if script.get("type") not in DATA_SCRIPTS:
                found["script-src"].add(sha256(script.string or ""))
        for style in soup.find_all("style"):
            found["style-src"].add(sha256(style.string or ""))
        for tag in soup.find_all(style=True):
            found["style-src-attr"].add(sha256(tag["style"]))
    return found


def policy(hashes):
    directives = {
        "default-src": ["'self'"],
        # 'wasm-unsafe-eval': the site search (Pagefind) runs WebAssembly; no JavaScript eval.
        "script-src": ["'self'", "'wasm-unsafe-eval'", *sorted(hashes["script-src"])],
        "style-src": ["'self'", *sorted(hashes["style-src"])],
        "style-src-attr": ["'unsafe-hashes'", *sorted(hashes["style-src-attr"])] if hashes["style-src-attr"]
        else ["'none'"],
        "img-src": ["'self'", "data:"],  # furo's and Sphinx's CSS draw a few icons as data: URIs
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def with_policy(html, csp):
    """The page with the policy `csp` in its head, in place of any it carried."""
    meta = META.format(policy=csp)
    if EXISTING.search(html):
        return EXISTING.sub(meta, html, count=1)
    match = CHARSET.search(html)
    at = match.end() if match else html.index("<head>") + len("<head>")
    return html[:at] + meta + html[at:]


def live_reload_script(address):
    """The script sphinx-autobuild adds to every page it serves (`make livehtml`), which reloads the
    page after a rebuild: a hash of it in the policy, or the preview never reloads."""
    from sphinx_autobuild.middleware import web_socket_script

    return web_socket_script(address)


def apply(folder, live_reload=""):
    """The policy of one language folder, given to each of its pages (a page already right is
    not rewritten); return it. `live_reload`: the live preview's address, whose reload script the
    policy allows too."""
    pages = {page: page.read_text(encoding="utf-8") for page in sorted(Path(folder).rglob("*.html"))}
    htmls = [*pages.values(), *([live_reload_script(live_reload)] if live_reload else [])]
    csp = policy(inline_sources(htmls))
    for page, html in pages.items():
        protected = with_policy(html, csp)
        if protected != html:
            page.write_text(protected, encoding="utf-8")
    return csp


def declared(page):
    """The policy a built page carries, or None."""
    match = EXISTING.search(Path(page).read_text(encoding="utf-8"))
    return match.group(0).split('content="', 1)[1][:-2] if match else None

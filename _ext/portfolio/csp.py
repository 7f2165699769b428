"""Content-Security-Policy for every page of a language (a stage of pipeline.py, the last).

One policy per language folder: scripts and styles from the site itself, plus
the SHA-256 of each inline script, style block and style attribute its pages
carry (furo's theme switch and its colour variables, its icons' opacity); no
'unsafe-inline', no 'unsafe-eval'. It goes into each page's head as a
<meta http-equiv> (before any script); the site's root files add `_headers`
for hosts that read one (Netlify, Cloudflare Pages).

A page that already carries a policy (an incremental build leaves unchanged
pages as they were) gets the current one: a policy is never left stale. The
hashes of a page are kept between builds, keyed by its content without the
policy (`cache`): only the pages an edit reached are parsed again.
"""

import base64
import hashlib
import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

# Scripts that are data, never executed: CSP does not apply to them.
DATA_SCRIPTS = {"application/ld+json", "application/json"}
META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'
EXISTING = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
CHARSET = re.compile(r"<meta charset=\"?utf-8\"?\s*/?>", re.I)
DIRECTIVES = ["script-src", "style-src", "style-src-attr"]


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_sources(htmls, known=None):
    """The hashes of every inline script, style block and style attribute of the pages, by directive.
    `known`: each page's hashes by the digest of its content (an earlier build's), used and completed."""
    known = {} if known is None else known
    found = {directive: set() for directive in DIRECTIVES}
    for html in htmls:
        key = content_digest(html)
        if key not in known:
            known[key] = {directive: sorted(values) for directive, values in page_sources(html).items()}
        for directive in DIRECTIVES:
            found[directive].update(known[key][directive])
    return found


def content_digest(html):
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def page_sources(html):
    found = {directive: set() for directive in DIRECTIVES}
    soup = BeautifulSoup(html, "lxml")  # about half the time html.parser takes, the same texts
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


def apply(folder, live_reload="", cache=None):
    """The policy of one language folder, given to each of its pages (a page already right is
    not rewritten); return it. `live_reload`: the live preview's address, whose reload script the
    policy allows too. `cache`: a JSON file that keeps each page's hashes between builds."""
    pages = {page: page.read_text(encoding="utf-8") for page in sorted(Path(folder).rglob("*.html"))}
    sources = [EXISTING.sub("", html, count=1) for html in pages.values()]
    sources += [live_reload_script(live_reload)] if live_reload else []
    known = read_cache(cache)
    csp = policy(inline_sources(sources, known))
    for page, html in pages.items():
        protected = with_policy(html, csp)
        if protected != html:
            page.write_text(protected, encoding="utf-8")
    if cache:  # the entries of this build's pages: an edited or removed page's go
        kept = json.dumps({key: known[key] for key in sorted({content_digest(html) for html in sources})})
        if not cache.is_file() or cache.read_text() != kept:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(kept)
    return csp


def read_cache(cache):
    try:
        return json.loads(cache.read_text()) if cache and cache.is_file() else {}
    except ValueError:  # a build stopped while writing it: the pages are parsed again
        return {}


def declared(page):
    """The policy a built page carries, or None."""
    match = EXISTING.search(Path(page).read_text(encoding="utf-8"))
    return match.group(0).split('content="', 1)[1][:-2] if match else None

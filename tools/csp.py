"""Content-Security-Policy for every page of the built site.

Run over the built HTML as the last stage of the site build (tools/build_site.py;
Read the Docs runs it in a post_build job). One policy for the whole site:
scripts and styles from the site itself, plus the SHA-256 of each inline
script, style block and style attribute the pages carry (furo's theme switch
and its colour variables, its icons' opacity); no 'unsafe-inline', no
'unsafe-eval'. It goes into each page's head as a <meta http-equiv> (before any
script) and into `_headers` for hosts that read one (Netlify, Cloudflare Pages).

    python tools/csp.py SITE_DIR
"""

import base64
import hashlib
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

# Scripts that are data, never executed: CSP does not apply to them.
DATA_SCRIPTS = {"application/ld+json", "application/json"}
META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'
CHARSET = re.compile(r"<meta charset=\"?utf-8\"?\s*/?>", re.I)


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_sources(pages):
    """The hashes of every inline script, style block and style attribute, by directive."""
    found = {"script-src": set(), "style-src": set(), "style-src-attr": set()}
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
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


def apply(site):
    site = Path(site)
    pages = sorted(site.rglob("*.html"))
    csp = policy(inline_sources(pages))
    meta = META.format(policy=csp)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "Content-Security-Policy" in html:
            continue
        match = CHARSET.search(html)
        at = match.end() if match else html.index("<head>") + len("<head>")
        page.write_text(html[:at] + meta + html[at:], encoding="utf-8")
    (site / "_headers").write_text(f"/*\n  Content-Security-Policy: {csp}\n", encoding="utf-8")
    return csp


if __name__ == "__main__":
    print(apply(sys.argv[1]))

"""Files at the root of the published site, above the language folders.

- index.html sends a reader to the language chosen earlier with the switcher
  (_static/language-choice.js), else to the first of the browser's preferred
  languages the site has, else to the source language; without JavaScript it
  offers every language as a plain link;
- sitemap.xml is a sitemap index of every language's sitemap, and robots.txt
  points to it;
- 404.html is the source language's 404 page (its links are absolute), for
  hosts that serve /404.html for any missing URL;
- favicon.ico, which browsers and crawlers request at the root whatever a page
  links: the site's PNG logo in an ICO container (no image library needed);
- _headers, each folder's Content-Security-Policy for hosts that read one
  (Netlify, Cloudflare Pages).
A file already right is not rewritten: a build with nothing changed writes nothing.
"""

import html
import json
import os
import re
import struct
from pathlib import Path

from . import csp
from .data import load_site
from .languages import language_name, public_layout

ROOT_INDEX = """<!DOCTYPE html>
<html lang="{default}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">
<link rel="canonical" href="{canonical}">
{alternates}
<link rel="icon" href="{default}/_static/favicon.svg" type="image/svg+xml">
</head>
<body>
<main>
<h1>{heading}</h1>
<ul>
{links}
</ul>
</main>
<script>{redirect}</script>
</body>
</html>
"""

# Runs once the links are parsed (a browser that stops it still offers them);
# location.replace keeps the root out of the history. A preferred language matches a
# site language whole (pt-BR), else by its language alone (pt-PT, pt → pt-BR).
REDIRECT = """(function () {{
  var languages = {languages}, chosen = null;
  try {{ chosen = localStorage.getItem("portfolio-language"); }} catch (error) {{}}
  if (languages.indexOf(chosen) < 0) {{
    chosen = null;
    var preferred = navigator.languages || [navigator.language || ""];
    var lower = languages.map(function (code) {{ return code.toLowerCase(); }});
    var primary = lower.map(function (code) {{ return code.split("-")[0]; }});
    for (var i = 0; i < preferred.length && chosen === null; i++) {{
      var code = String(preferred[i]).toLowerCase();
      var at = lower.indexOf(code) >= 0 ? lower.indexOf(code) : primary.indexOf(code.split("-")[0]);
      if (at >= 0) chosen = languages[at];
    }}
    if (chosen === null) chosen = languages[0];
  }}
  location.replace(chosen + "/index.html" + location.search + location.hash);
}})();"""

SITEMAP_INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{entries}
</sitemapindex>
"""


def _home(lang_dir):
    """(title, description) of a language's home page, as its build rendered them."""
    page = (lang_dir / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink", page, re.S).group(1)
    title = re.sub(r"<[^>]*>", "", heading).strip()  # the heading's text: it may hold an anchor's <span>
    description = re.search(r'<meta content="([^"]*)" name="description"', page).group(1)
    return html.unescape(title), html.unescape(description)


def favicon_ico(png):
    """An ICO file holding one PNG image (allowed since Windows Vista; every browser reads it)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("favicon source is not a PNG")
    width, height = struct.unpack(">II", png[16:24])
    if width > 256 or height > 256:
        raise ValueError(f"favicon source is {width}x{height}; an ICO entry holds at most 256x256")
    header = struct.pack("<HHH", 0, 1, 1)  # reserved, type 1 (icon), one image
    entry = struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(png), 6 + 16)
    return header + entry + png


def _write(path, content):
    content = content.encode("utf-8") if isinstance(content, str) else content
    if not path.is_file() or path.read_bytes() != content:
        path.write_bytes(content)


def write(out, languages, src, environ=os.environ):
    out = Path(out)
    base, version_path = public_layout(load_site(src), environ)
    urls = {lang: f"{base}{lang}/{version_path}" for lang in languages}
    homes = {lang: _home(out / lang) for lang in languages}
    default = languages[0]
    index = ROOT_INDEX.format(
        default=default,
        redirect=REDIRECT.format(languages=json.dumps(languages)),
        title=html.escape(" · ".join(homes[lang][0] for lang in languages)),
        heading=" · ".join(f'<span lang="{lang}">{html.escape(homes[lang][0])}</span>' for lang in languages),
        description=html.escape(homes[default][1]),
        canonical=urls[default],
        alternates="\n".join(
            [f'<link rel="alternate" hreflang="{lang}" href="{urls[lang]}">' for lang in languages]
            + [f'<link rel="alternate" hreflang="x-default" href="{urls[default]}">']),
        links="\n".join(
            f'<li><a href="{lang}/index.html" hreflang="{lang}" lang="{lang}">'
            f"{html.escape(language_name(lang))}</a></li>" for lang in languages),
    )
    root_policy = csp.policy(csp.inline_sources([index]))
    _write(out / "index.html", csp.with_policy(index, root_policy))
    _write(out / "sitemap.xml", SITEMAP_INDEX.format(entries="\n".join(
        f"  <sitemap><loc>{urls[lang]}sitemap.xml</loc></sitemap>" for lang in languages)))
    _write(out / "robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n")
    _write(out / "404.html", (out / default / "404.html").read_bytes())  # it carries its language's policy
    _write(out / "favicon.ico", favicon_ico((Path(src) / "_static" / "logo.png").read_bytes()))
    policies = {"/": root_policy, "/index.html": root_policy, "/404.html": csp.declared(out / default / "404.html"),
                **{f"/{lang}/*": csp.declared(out / lang / "index.html") for lang in languages}}
    _write(out / "_headers", "".join(f"{path}\n  Content-Security-Policy: {policy}\n"
                                     for path, policy in policies.items()))

"""Files at the root of the published site, above the language folders.

index.html sends a reader to the source language without JavaScript (a meta
refresh), and offers every language as a plain link.
"""

import html
import re
from pathlib import Path

NAMES = {"es": "Español", "en": "English"}

ROOT_INDEX = """<!DOCTYPE html>
<html lang="{default}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="0; url={default}/index.html">
<title>{title}</title>
<link rel="canonical" href="{default}/index.html">
<link rel="icon" href="{default}/_static/favicon.svg" type="image/svg+xml">
</head>
<body>
<main>
<h1>{title}</h1>
<ul>
{links}
</ul>
</main>
</body>
</html>
"""


def _home_title(lang_dir):
    page = (lang_dir / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1>(.*?)<a class=\"headerlink", page, re.S)
    return html.unescape(heading.group(1).strip())


def write(out, languages, src=None):
    out = Path(out)
    links = "\n".join(
        f'<li><a href="{lang}/index.html" hreflang="{lang}" lang="{lang}">'
        f"{html.escape(NAMES.get(lang, lang))}</a></li>"
        for lang in languages
    )
    # Each language's site title, as that build rendered its home page heading.
    title = " · ".join(_home_title(out / lang) for lang in languages)
    (out / "index.html").write_text(
        ROOT_INDEX.format(default=languages[0], title=html.escape(title), links=links),
        encoding="utf-8")

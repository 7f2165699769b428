"""Each page's social card: the image a link preview shows (og:image), drawn with Pillow.

Who (the owner's name and role, or the site's title), the page's title and its
description, the site's address, the brand's line and logo, at 1200×630 px (the
size Open Graph recommends), in DejaVu Sans (the PDF's font, a system package the
build installs). Named after a digest of what it shows: a card is drawn once for
a given text, a preview refreshes when the text changes, and trim.py drops the
cards no page names any more. A card takes milliseconds; sphinxext-opengraph's
own (matplotlib) took about 0.1 s a page and is off (conf.py); that extension
still writes every tag but og:image's size and twitter:card, which are added here.
"""

import hashlib
import html
import re
from pathlib import Path
from urllib.parse import urljoin

from PIL import Image, ImageDraw, ImageFont

from .names import BRAND
from .pipeline import stage_failed

FOLDER = "_images/social_previews"
SIZE = WIDTH, HEIGHT = 1200, 630
MARGIN = 64
FONTS = Path("/usr/share/fonts/truetype/dejavu")
INK, MUTED = "#2f363d", "#585e63"
LOGO = Path("_static") / "logo.png"
TAG = re.compile(r"<[^>]+>")


class CardError(RuntimeError):
    pass


def font(size, bold=False):
    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if not path.is_file():
        raise CardError(f"no {path}: install it with: apt-get install fonts-dejavu-core")
    return ImageFont.truetype(str(path), size)


def lines(text, face, width, most):
    """`text` wrapped to `width` px, at most `most` lines (the last one cut with "…")."""
    result = []
    for word in text.split():
        if result and face.getlength(f"{result[-1]} {word}") <= width:
            result[-1] += f" {word}"
        else:
            result.append(word)
    if len(result) > most:
        result, last = result[:most], result[most - 1]
        while last and face.getlength(last + " …") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        result[-1] = last + " …"
    return result


def draw(target, who, title, description, address, logo):
    """Write the card to `target` (PNG)."""
    card = Image.new("RGB", SIZE, "white")
    pen = ImageDraw.Draw(card)
    text_width = WIDTH - 2 * MARGIN
    small, large = font(30), font(58, bold=True)
    pen.text((MARGIN, 56), lines(who, small, text_width, 1)[0] if who else "", font=small, fill=MUTED)
    y = 120
    for line in lines(title, large, text_width, 3):
        pen.text((MARGIN, y), line, font=large, fill=INK)
        y += 72
    below = lines(description, small, text_width - 140, 3) if description else []
    y = HEIGHT - 120 - 40 * len(below)
    for line in below:
        pen.text((MARGIN, y), line, font=small, fill=MUTED)
        y += 40
    pen.text((MARGIN, HEIGHT - 92), address, font=font(26), fill=INK)
    pen.rectangle((0, HEIGHT - 16, WIDTH, HEIGHT), fill=BRAND)
    if logo.is_file():
        with Image.open(logo) as mark:
            mark = mark.convert("RGBA").resize((96, 96), Image.LANCZOS)
            card.paste(mark, (WIDTH - MARGIN - 96, HEIGHT - 16 - 24 - 96), mark)
    target.parent.mkdir(parents=True, exist_ok=True)
    card.save(target, "PNG")


def add_card(app, pagename, templatename, context, doctree):
    """The page's card, drawn unless already there; its address handed to sphinxext-opengraph."""
    if app.builder.name != "html" or doctree is None:  # sphinxext-opengraph tags no other page
        return
    meta = context.get("meta") or {}
    if "ogp_disable" in meta:
        return
    config = app.config
    who = config.ogp_site_name or config.project
    title = html.unescape(TAG.sub("", context.get("title", "")))
    description = meta.get("og:description", "")
    address = config.ogp_site_url.split("://")[-1]
    digest = hashlib.sha256("\0".join([who, title, description, address]).encode()).hexdigest()[:12]
    name = f"{FOLDER}/{pagename.replace('/', '_')}-{digest}.png"
    target = Path(app.outdir) / name
    if not target.is_file():
        try:
            draw(target, who, title, description, address, Path(app.confdir) / LOGO)
        except CardError as error:
            stage_failed(f"social card of {pagename}: {error}")
    context["meta"] = {**meta, "og:image": urljoin(config.ogp_site_url, name)}
    context["metatags"] = context.get("metatags", "") + (
        f'\n<meta property="og:image:width" content="{WIDTH}" />'
        f'\n<meta property="og:image:height" content="{HEIGHT}" />'
        '\n<meta name="twitter:card" content="summary_large_image" />')


def setup(app):
    # After meta_tags.py (400), which gives the page's description; before sphinxext-opengraph (500).
    app.connect("html-page-context", add_card, priority=450)

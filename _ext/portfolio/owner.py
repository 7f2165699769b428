"""The owner's public details, from _data/owner.toml, rendered only when set.

- `owner-links`: the contact list (e-mail, CV, talks, profiles);
- `owner-hero`: the top of the home page: photo, name and role, the contact
  actions (the same links, as touch-sized buttons), then its content (the
  intro); with no owner data, the content alone, as it reads today;
- {owner-link}`text <cv>`: `text` linked to the owner's CV (or talks page), plain
  text when that link is not given;
- the name and role in the header of every page and in the home page's title,
  and a way to get in touch under them on every page (templates read
  `owner_name` / `owner_role` / `owner_contact`);
- the photo, resized to a small square JPEG at build time (_images/owner.jpg).
"""

from pathlib import Path

from docutils import nodes
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective, SphinxRole

# Link kinds in display order; labels go through gettext like any theme string.
LINK_LABELS = {
    "cv": lambda: _("CV"),
    "talks": lambda: _("Talks"),
    "linkedin": lambda: "LinkedIn",
    "github": lambda: "GitHub",
}
PHOTO = "owner.jpg"
PHOTO_PIXELS = 192  # shown at 96 CSS px: sharp on 2x screens
PHOTO_SIZE = PHOTO_PIXELS // 2


def owner_file(confdir):
    return Path(confdir) / "_data" / "owner.toml"


def owner_of(env):
    env.note_dependency(str(owner_file(env.app.confdir)))
    return env.app.portfolio_data.owner


def role_of(owner, lang):
    return owner["job_title"].get(lang, "")


REACH = ("email", "linkedin", "github")  # the links that reach the owner (not documents: CV, talks)


def contact_links(owner):
    """(key, label, url, text shown after the label or None) of each link given, in display order."""
    items = []
    if owner.get("email"):
        items.append(("email", _("Email"), f"mailto:{owner['email']}", owner["email"]))
    for key, label in LINK_LABELS.items():
        url = owner.get("links", {}).get(key)
        if url:
            items.append((key, label(), url, None))
    return items


def contact_actions(owner):
    """The contact links as labelled buttons (the hero): the label alone is the link's text."""
    actions = nodes.bullet_list(classes=["owner-actions"])
    for _key, label, url, _text in contact_links(owner):
        actions += nodes.list_item("", nodes.paragraph("", "", nodes.reference(label, label, refuri=url)))
    return actions


class OwnerLinks(SphinxDirective):
    """A bullet list of the owner's contact links; empty values are skipped."""

    def run(self):
        items = contact_links(owner_of(self.env))
        if not items:
            return []
        bullet_list = nodes.bullet_list(classes=["owner-links"])
        for _key, label, url, text in items:
            para = nodes.paragraph()
            para += nodes.reference(text or label, text or label, refuri=url)
            if text:
                para.insert(0, nodes.Text(f"{label}: "))
            bullet_list += nodes.list_item("", para)
        return [bullet_list]


class owner_photo(nodes.General, nodes.Element):
    """The owner's photo; written with the page's path to _images."""


class OwnerHero(SphinxDirective):
    has_content = True

    def run(self):
        owner = owner_of(self.env)
        hero = nodes.container(classes=["owner-hero"])
        text = nodes.container(classes=["owner-hero-text"])
        if owner.get("name"):
            if owner.get("photo"):
                hero += owner_photo(alt=_("Photo of %(name)s") % {"name": owner["name"]})
            text += nodes.paragraph("", owner["name"], classes=["owner-name"], translatable=False)
            role = role_of(owner, self.config.language)
            if role:
                text += nodes.paragraph("", role, classes=["owner-role"], translatable=False)
            if contact_links(owner):
                text += contact_actions(owner)
        self.state.nested_parse(self.content, self.content_offset, text)
        hero += text
        return [hero]


class OwnerLink(SphinxRole):
    """{owner-link}`text <cv|talks>`: a link to that page of the owner, or the text alone."""

    def run(self):
        text, _sep, key = self.text.rpartition("<")
        key, text = key.rstrip(">").strip(), text.strip()
        if key not in LINK_LABELS or not text:
            msg = self.inliner.reporter.error(f"owner-link: write {{owner-link}}`text <key>`, key one of "
                                              f"{', '.join(LINK_LABELS)}", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        url = owner_of(self.env).get("links", {}).get(key)
        return [nodes.reference(text, text, refuri=url) if url else nodes.Text(text)], []


def visit_owner_photo(self, node):
    self.body.append(f'<img class="owner-photo" src="{self.builder.imgpath}/{PHOTO}" alt="{self.attval(node["alt"])}" '
                     f'width="{PHOTO_SIZE}" height="{PHOTO_SIZE}">')
    raise nodes.SkipNode


def write_photo(app, exception):
    """The photo as a centred square JPEG, PHOTO_PIXELS wide, without its metadata."""
    photo = app.portfolio_data.owner.get("photo")
    if exception or not photo or not app.portfolio_data.owner.get("name") or app.builder.format != "html":
        return
    from PIL import Image, ImageOps
    target = Path(app.outdir) / app.builder.imagedir / PHOTO
    target.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(Path(app.confdir) / photo) as image:
        square = ImageOps.fit(ImageOps.exif_transpose(image).convert("RGB"), (PHOTO_PIXELS, PHOTO_PIXELS))
        square.save(target, "JPEG", quality=82, optimize=True, progressive=True)


def html_page_context(app, pagename, templatename, context, doctree):
    owner = app.portfolio_data.owner
    context["owner_name"] = owner.get("name", "")
    context["owner_role"] = role_of(owner, app.config.language) if owner.get("name") else ""
    # Every page's way to get in touch: the e-mail, else the first profile given.
    reach = [url for key, _label, url, _text in contact_links(owner) if key in REACH]
    context["owner_contact"] = reach[0] if owner.get("name") and reach else ""


def setup(app):
    app.add_directive("owner-links", OwnerLinks)
    app.add_directive("owner-hero", OwnerHero)
    app.add_role("owner-link", OwnerLink())
    app.add_node(owner_photo, html=(visit_owner_photo, None))
    app.connect("html-page-context", html_page_context)
    app.connect("build-finished", write_photo)

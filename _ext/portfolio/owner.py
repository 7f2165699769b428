"""The owner's public details, from _data/owner.toml, rendered only when set.

- `owner-links`: the contact list (e-mail, CV, talks, profiles);
- `owner-hero`: the top of the home page: the name as the page's heading, the
  photo, the role and tagline in the page's language, the actions (the contact
  links and the PDFs, as touch-sized buttons), then its content (the intro);
  with no owner, the PDFs and the content alone;
- {owner-link}`text <cv|contact>`: `text` linked to the CV (else the one-page
  summary) or to a channel that reaches the owner, plain text when there is none;
- `when-reachable`: its content (a call to get in touch) only when a channel
  reaches the owner;
- the name and role in the header of every page and in the home page's title,
  and a way to get in touch under them on every page (templates read
  `owner_name` / `owner_role` / `owner_contact`);
- the photo, resized to a small square JPEG at build time (_images/owner.jpg).
"""

from pathlib import Path

from docutils import nodes
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective, SphinxRole

from .data import Owner
from .languages import site_language
from .pdf_link import SUMMARY_NAME, document_links, pdf_path

# Link kinds in display order; labels go through gettext like any theme string.
LINK_LABELS = {
    "linkedin": lambda: "LinkedIn",
    "github": lambda: "GitHub",
    "cv": lambda: _("CV"),
    "talks": lambda: _("Talks"),
}
PHOTO = "owner.jpg"
PHOTO_PIXELS = 192  # shown at 96 CSS px: sharp on 2x screens
PHOTO_SIZE = PHOTO_PIXELS // 2
PRESS_PHOTO, PRESS_PIXELS = "owner-press.jpg", 1600  # the media kit's download (talks.py)


def owner_file(confdir):
    return Path(confdir) / "_data" / "owner.toml"


def owner_of(env):
    env.note_dependency(str(owner_file(env.app.confdir)))
    return env.app.portfolio_data.owner


REACH = ("email", "linkedin", "github")  # the links that reach the owner (not documents: CV, talks)


def contact_links(owner):
    """(key, label, url, text shown after the label or None) of each link given, in display order."""
    items = []
    if owner.email:
        items.append(("email", _("Email"), f"mailto:{owner.email}", owner.email))
    for key, label in LINK_LABELS.items():
        url = owner.link(key)
        if url:
            items.append((key, label(), url, None))
    return items


def contact_actions(owner, extra=()):
    """The contact links as labelled buttons (the label alone is the link's text), then `extra` items."""
    actions = nodes.bullet_list(classes=["owner-actions"])
    for _key, label, url, _text in contact_links(owner):
        actions += nodes.list_item("", nodes.paragraph("", "", nodes.reference(label, label, refuri=url)))
    actions += extra
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
        named = bool(owner.name)
        hero = nodes.container(classes=["owner-hero"], owner_name=owner.name)
        text = nodes.container(classes=["owner-hero-text"])
        if named:  # the name itself becomes the page's heading (name_as_heading)
            if owner.photo:
                hero += owner_photo(alt=_("Photo of %(name)s") % {"name": owner.name})
            lang = site_language(self.config.language)
            for line, css in ((owner.role(lang), "owner-role"), (owner.tagline_in(lang), "owner-tagline")):
                if line:
                    text += nodes.paragraph("", line, classes=[css], translatable=False)
        try:
            documents = document_links(self.env)
        except FileNotFoundError as error:
            raise self.error(f"owner-hero: {error}") from None
        actions = contact_actions(owner if named else Owner(), documents)
        if actions.children:
            text += actions
        self.state.nested_parse(self.content, self.content_offset, text)
        hero += text
        return [hero]


def name_as_heading(app, doctree, docname):
    """With an owner, the page holding the hero is headed by the name; its own title stays the
    title of the page elsewhere (navigation, <title>, links), collected when it was read. The
    PDFs (built from singlehtml) keep it: their cover and header carry the name."""
    if app.builder.name == "singlehtml":
        return
    for hero in doctree.findall(nodes.container):
        section = hero.parent
        if hero.get("owner_name") and isinstance(section, nodes.section):
            title = section.next_node(nodes.title)
            title.children = []
            title += nodes.Text(hero["owner_name"])


def reach(owner):
    """The first link that reaches the owner (the e-mail, else a profile), or "" (no name: none)."""
    urls = [url for key, _label, url, _text in contact_links(owner) if key in REACH]
    return urls[0] if owner.name and urls else ""


class OwnerLink(SphinxRole):
    """{owner-link}`text <cv|contact>`: `text` linked to the owner's CV (else the one-page
    summary) or to the first channel that reaches the owner; the text alone when there is none."""

    TARGETS = ("cv", "contact")

    def run(self):
        text, _sep, key = self.text.rpartition("<")
        key, text = key.rstrip(">").strip(), text.strip()
        if key not in self.TARGETS or not text:
            msg = self.inliner.reporter.error(f"owner-link: write {{owner-link}}`text <key>`, key one of "
                                              f"{', '.join(self.TARGETS)}", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        owner = owner_of(self.env)
        if key == "contact":
            url = reach(owner)
        else:
            url = owner.link("cv")
            if not url and pdf_path(self.env.app, SUMMARY_NAME):
                url = "../" * self.env.docname.count("/") + SUMMARY_NAME
        return [nodes.reference(text, text, refuri=url) if url else nodes.Text(text)], []


class WhenReachable(SphinxDirective):
    """Its content (a call to get in touch) only when a channel reaches the owner. The gettext
    builder always reads it, so its translations are kept while the owner is empty."""
    has_content = True

    def run(self):
        if self.env.app.builder.name != "gettext" and not reach(owner_of(self.env)):
            return []
        holder = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, holder)
        return holder.children


def visit_owner_photo(self, node):
    self.body.append(f'<img class="owner-photo" src="{self.builder.imgpath}/{PHOTO}" alt="{self.attval(node["alt"])}" '
                     f'width="{PHOTO_SIZE}" height="{PHOTO_SIZE}">')
    raise nodes.SkipNode


def write_photo(app, exception):
    """The photo as a centred square JPEG, PHOTO_PIXELS wide, and for the media kit at most
    PRESS_PIXELS on its long side; neither with the original's metadata."""
    photo = app.portfolio_data.owner.photo
    if exception or not photo or not app.portfolio_data.owner.name or app.builder.format != "html":
        return
    from PIL import Image, ImageOps
    folder = Path(app.outdir) / app.builder.imagedir
    folder.mkdir(parents=True, exist_ok=True)
    with Image.open(Path(app.confdir) / photo) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
        square = ImageOps.fit(upright, (PHOTO_PIXELS, PHOTO_PIXELS))
        square.save(folder / PHOTO, "JPEG", quality=82, optimize=True, progressive=True)
        upright.thumbnail((PRESS_PIXELS, PRESS_PIXELS))
        upright.save(folder / PRESS_PHOTO, "JPEG", quality=88, optimize=True, progressive=True)


def html_page_context(app, pagename, templatename, context, doctree):
    owner = app.portfolio_data.owner
    context["owner_name"] = owner.name
    context["owner_role"] = owner.role(site_language(app.config.language)) if owner.name else ""
    context["owner_contact"] = reach(owner)  # every page's way to get in touch


def setup(app):
    app.add_directive("owner-links", OwnerLinks)
    app.add_directive("owner-hero", OwnerHero)
    app.add_role("owner-link", OwnerLink())
    app.add_directive("when-reachable", WhenReachable)
    app.add_node(owner_photo, html=(visit_owner_photo, None))
    app.connect("html-page-context", html_page_context)
    app.connect("doctree-resolved", name_as_heading)
    app.connect("build-finished", write_photo)

"""The talks page (charlas/index.md): proposals from _data/talks.toml and a media kit.

- `talk-proposals`: the owner's past talks (`links.talks`), when given; then a
  subsection per proposal: its title, abstract and audience (messages of the
  page, translated by gettext like its own text), its length and the pages it
  draws on (linked).
- `media-kit`: what an organiser needs. With an owner's name: a short and a
  long bio in the third person (built from _data/owner.toml and the areas'
  translated titles and summaries) and the photo as a download, when given.
  Always: the PDFs. With a channel that reaches the owner: how to book.
"""

from pathlib import Path

from docutils import nodes
from sphinx.locale import _

from .areas import NO_SEARCH, GeneratedDirective, doc_ref, joined, labelled
from .languages import site_language
from .owner import PRESS_PHOTO, contact_actions, owner_of, reach
from .pdf_link import document_links
from .values import machine_value


class TalkProposals(GeneratedDirective):
    def run(self):
        source = str(Path(self.env.app.confdir) / "_data" / "talks.toml")
        result = []
        for talk in self.data.talks:
            # The proposal's own words: messages of this page, which gettext translates.
            title, abstract, audience = (translatable(cls, text, source) for cls, text in (
                (nodes.title, talk.title), (nodes.paragraph, talk.abstract), (nodes.paragraph, talk.audience)))
            for doc in talk.draws_on:
                self.depend_on(doc)
            length = _("%(minutes)s min") % {"minutes": talk.minutes}
            facts = nodes.field_list("", field(_("Audience"), audience),
                                     field(_("Length"), nodes.paragraph("", "", machine_value(
                                         length, length, tag="data", value=str(talk.minutes)))),
                                     field(_("Draws on"), nodes.paragraph(
                                         "", "", *joined([doc_ref(doc) for doc in talk.draws_on]))))
            # Search finds the pages a proposal draws on, not the proposal that sums them up.
            result.append(nodes.section("", title, abstract, facts, ids=[nodes.make_id(f"talk-{talk.title}")],
                                        classes=["talk", NO_SEARCH]))
        past = owner_of(self.env).link("talks")
        if past:
            result.insert(0, labelled(_("Past talks:"), nodes.reference(past, past, refuri=past),
                                      classes=["past-talks"]))
        return result


def translatable(cls, text, source):
    node = cls(text, text)
    node.source, node.line = source, 1
    return node


def field(name, body):
    """A row of a field list: its name generated (already translated), its body as given."""
    return nodes.field("", nodes.field_name("", name, translatable=False), nodes.field_body("", body))


def subsection(title, *children, classes=()):
    return nodes.section("", nodes.title("", title, translatable=False), *children,
                         ids=[nodes.make_id(f"kit-{title}")], classes=list(classes))


class MediaKit(GeneratedDirective):
    def run(self):
        owner = owner_of(self.env)
        name = owner.name
        result = []
        if name:
            lang = site_language(self.config.language)
            role, tagline = owner.role(lang), owner.tagline_in(lang)
            intro = _("%(name)s — %(role)s.") % {"name": name, "role": role} if role else f"{name}."
            short = " ".join(filter(None, [intro, tagline]))
            result.append(subsection(_("Short bio"), nodes.paragraph("", short, translatable=False),
                                     classes=["bio-short"]))
            areas = nodes.bullet_list("", *[nodes.list_item("", self.ref_item(area.page)) for area in self.data.areas])
            principles = [f"principios/{slug}" for slug in self.data.principles]
            for doc in principles:
                self.depend_on(doc)
            spans = _("%(name)s's work spans these areas, each with measurable results:") % {"name": name}
            result.append(subsection(
                _("Long bio"), nodes.paragraph("", f"{short} {spans}", translatable=False), areas,
                nodes.paragraph("", "", nodes.Text(_("The principles behind that work:") + " "),
                                *joined([doc_ref(doc) for doc in principles]),
                                nodes.Text("."), translatable=False),
                classes=["bio-long"]))
        downloads = []
        photo = bool(name and owner.photo)
        if photo:
            href = "../" * self.env.docname.count("/") + f"_images/{PRESS_PHOTO}"
            label = _("Photo of %(name)s (JPEG)") % {"name": name}
            downloads.append(nodes.list_item("", nodes.paragraph("", "", nodes.reference(label, label, refuri=href),
                                                                 translatable=False), classes=["press-photo"]))
        try:
            downloads += document_links(self.env)
        except FileNotFoundError as error:
            raise self.error(f"media-kit: {error}") from None
        if downloads:  # the home page's hero offers the same: search finds them there
            documents = nodes.bullet_list("", *downloads, classes=["owner-actions", NO_SEARCH])
            title = _("Photo and Documents") if photo else _("Documents")
            result.append(subsection(title, documents))
        if reach(owner):
            book = nodes.paragraph("", _("To book a talk or a workshop:"), translatable=False)
            result.append(subsection(_("How to book"), book, contact_actions(owner)))
        return result


def setup(app):
    app.add_directive("talk-proposals", TalkProposals)
    app.add_directive("media-kit", MediaKit)

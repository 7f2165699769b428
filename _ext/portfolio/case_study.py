"""A case study opens with its results and ends with a way to get in touch.

- `at-a-glance` (top of casos/<case>.md): the area's figures drawn, copied from
  its impact page (already translated there), then the directive's content —
  what the owner did and the techniques, in the page's words, so gettext
  translates them — then, from _data/areas.toml, the principles applied and the
  owner's optional `team`, `period`, `stack` and `artifacts`, each only when given.
- `get-in-touch` (end of a case study): the owner's contact actions under one
  line, when there is a channel that reaches the owner; nothing otherwise.
"""

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import _

from .areas import NO_SEARCH, GeneratedDirective, area_content
from .owner import REACH, contact_actions, contact_links, owner_of


def fact(label, *content):
    """A paragraph "**Label:** content", generated (already in the page's language)."""
    return nodes.paragraph("", "", nodes.strong("", label), nodes.Text(" "), *content, translatable=False)


def joined(items):
    out = []
    for i, item in enumerate(items):
        out += [nodes.Text(", ")] if i else []
        out.append(item)
    return out


class AtAGlance(GeneratedDirective):
    has_content = True

    def run(self):
        doc = self.env.docname
        area = self.data.area_of(doc)
        if area is None or area.case_page != doc:
            raise self.error(f"at-a-glance: {doc} is no area's case study in _data/areas.toml")
        self.depend_on(area.page)
        # Search finds the narrative, not its summary.
        box = nodes.container(classes=["at-a-glance", NO_SEARCH])
        box += nodes.paragraph("", _("At a glance"), classes=["glance-title"], translatable=False)
        box += area_content(doc=area.page, kind="figures", inline=False)
        facts = nodes.container(classes=["glance-facts"])
        self.state.nested_parse(self.content, self.content_offset, facts)
        principles = []
        for slug in area.principles:
            target = f"principios/{slug}"
            self.depend_on(target)
            principles.append(addnodes.pending_xref("", nodes.inline(), refdomain="std", reftype="ref",
                                                    reftarget=target, refexplicit=False, refwarn=True))
        if principles:
            facts += fact(_("Principles applied:"), *joined(principles))
        lang = self.config.language
        if area.team.get(lang):
            facts += fact(_("Team:"), nodes.Text(area.team[lang]))
        if area.period:
            facts += fact(_("Period:"), nodes.Text(area.period))
        if area.stack:
            facts += fact(_("Stack:"), nodes.Text(", ".join(area.stack)))
        if area.artifacts:
            links = [nodes.reference(a["title"], a["title"], refuri=a["url"]) for a in area.artifacts]
            facts += fact(_("Artifacts:"), *joined(links))
        box += facts
        return [box]


class GetInTouch(GeneratedDirective):
    def run(self):
        owner = owner_of(self.env)
        links = contact_links(owner)
        if not owner.get("name") or not any(key in REACH for key, *_rest in links):
            return []
        box = nodes.container(classes=["get-in-touch", NO_SEARCH])
        box += nodes.paragraph("", _("Facing a similar problem? Let's talk."), translatable=False)
        box += contact_actions(owner)
        return [box]


def setup(app):
    app.add_directive("at-a-glance", AtAGlance)
    app.add_directive("get-in-touch", GetInTouch)

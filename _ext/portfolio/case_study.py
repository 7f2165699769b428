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
from sphinx.locale import _

from .areas import NO_SEARCH, GeneratedDirective, area_content, doc_ref, joined, labelled
from .owner import contact_actions, owner_of, reach


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
            self.depend_on(f"principios/{slug}")
            principles.append(doc_ref(f"principios/{slug}"))
        if principles:
            facts += labelled(_("Principles applied:"), *joined(principles))
        lang = self.config.language
        if area.team.get(lang):
            facts += labelled(_("Team:"), nodes.Text(area.team[lang]))
        if area.period:
            facts += labelled(_("Period:"), nodes.Text(area.period))
        if area.stack:
            facts += labelled(_("Stack:"), nodes.Text(", ".join(area.stack)))
        if area.artifacts:
            links = [nodes.reference(a["title"], a["title"], refuri=a["url"]) for a in area.artifacts]
            facts += labelled(_("Artifacts:"), *joined(links))
        box += facts
        return [box]


class GetInTouch(GeneratedDirective):
    def run(self):
        owner = owner_of(self.env)
        if not reach(owner):
            return []
        box = nodes.container(classes=["get-in-touch", NO_SEARCH])
        box += nodes.paragraph("", _("Facing a similar problem? Let’s talk."), translatable=False)
        box += contact_actions(owner)
        return [box]


def setup(app):
    app.add_directive("at-a-glance", AtAGlance)
    app.add_directive("get-in-touch", GetInTouch)

"""A case study opens with its results and ends with a way to get in touch.

- `at-a-glance` (top of casos/<case>.md): the area's figures drawn, copied from
  its impact page (already translated there), then the directive's content —
  what the owner did and the techniques, in the page's words, so gettext
  translates them — then, from _data/areas.toml, the principles applied and the
  owner's optional `team`, `period`, `stack` and `artifacts`, each only when given.
- `area-results` (a case study's "Resultados"): its area's results, the list its
  impact page states (already translated there), so each figure's sentence is
  written once.
- `design-note`: background that explains how such a piece of a system
  usually works, set apart from the story of what the owner did, under a label
  in the page's language ("Nota de diseño" / "Design note").
- `get-in-touch` (end of a case study): the owner's contact actions under one
  line, when there is a channel that reaches the owner; nothing otherwise.
"""

from docutils import nodes
from sphinx.locale import _

from .areas import NO_SEARCH, GeneratedDirective, area_content, doc_ref, joined, labelled
from .languages import site_language
from .owner import contact_actions, owner_of, reach


class CaseStudyDirective(GeneratedDirective):
    def case_area(self):
        """The area whose case study this page is; it shows its impact page's content."""
        doc = self.env.docname
        area = self.data.area_of(doc)
        if area is None or area.case_page != doc:
            raise self.error(f"{self.name}: {doc} is no area's case study in _data/areas.toml")
        self.depend_on(area.page)
        return area


class AtAGlance(CaseStudyDirective):
    has_content = True

    def run(self):
        area = self.case_area()
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
        lang = site_language(self.config.language)
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


class AreaResults(CaseStudyDirective):
    def run(self):
        return [area_content(doc=self.case_area().page, kind="results", inline=False)]


class design_note(nodes.General, nodes.Element):
    """An aside: general background, not a claim about the owner's system."""


def design_note_title():
    return nodes.paragraph("", _("Design note"), classes=["design-note-title"], translatable=False)


class DesignNote(GeneratedDirective):
    has_content = True

    def run(self):
        node = design_note()
        node += design_note_title()
        node += self.parse_content_to_nodes()
        return [node]


def visit_design_note(self, node):
    # A note, not a landmark: a page holds several, and landmarks must each have a distinct name.
    self.body.append('<div class="design-note" role="note">')


def depart_design_note(self, node):
    self.body.append("</div>\n")


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
    app.add_directive("design-note", DesignNote)
    app.add_directive("area-results", AreaResults)
    app.add_node(design_note, html=(visit_design_note, depart_design_note))

"""Lists generated from _data/areas.toml, so each area is written once.

- `area-cards home|impacto|casos`: a card per area (home: its challenge in one
  line — the first paragraph of its "Desafío" — its headline figure drawn and a
  link to its case study, to be skimmed;
  the section indexes: its summary), plus the section's hidden toctree, in the
  data's order. Card titles are references, so they show each page's own
  (translated) title.
- `principle-cards`: a card per principle (home), its title linking its page.
- `area-impact`: wraps an impact page's figure list and draws its figures
  above it (figures.py); the full list lives there, not on the home card.
- `area-principles`: on an impact page, the principles the area applies, each
  with its case study's one line on how it shows there.
- `applied-in`: on a principle page, the case studies that apply it, each with
  that same line.
- `principles-matrix`: on the principles index, principles × case studies.

Text shown from another page (its title, summary, challenge, figure) is copied when the
page is written: a pending `area_content` node marks the place while reading,
and `ShownContent` keeps each page's (translated) summary and figure list in
the environment. When a page is read again, the pages that show its content
are written again too (not read again). Generated lists carry the `no-search`
class: search finds the page they summarize, not the summary.
"""

from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective

from .figures import figure_visual, visual
from .meta_tags import page_description

IMPACT_CLASS = "area-impact"
CHALLENGE = "desafio"  # the id of an impact page's "Desafío" section, the same in every language
NO_SEARCH = "no-search"  # Sphinx's search indexer skips these


def doc_ref(doc):
    """A reference to `doc` that shows its (translated) title."""
    return addnodes.pending_xref("", nodes.inline(), refdomain="std", reftype="ref", reftarget=doc,
                                 refexplicit=False, refwarn=True)


def joined(items, separator=", "):
    out = []
    for i, item in enumerate(items):
        out += [nodes.Text(separator)] if i else []
        out.append(item)
    return out


def labelled(label, *content, classes=()):
    """A paragraph "**Label:** content", generated (already in the page's language)."""
    return nodes.paragraph("", "", nodes.strong("", label), nodes.Text(" "), *content, classes=list(classes),
                           translatable=False)


class area_content(nodes.General, nodes.Element):
    """Placeholder for another page's summary ("summary"), its home card ("home"), its figures drawn
    ("figures") or its list of results ("results")."""


class GeneratedDirective(SphinxDirective):
    @property
    def data(self):
        return self.env.app.portfolio_data

    def depend_on(self, doc):
        """This page shows `doc`'s title or content: write it again whenever `doc` is read again."""
        ShownContent.store(self.env)["shows"].setdefault(self.env.docname, set()).add(doc)

    def parse_generated(self, lines):
        """Parse generated MyST; its text is structure, not a message to translate."""
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source="<generated>"), 0, container)
        for node in container.findall(nodes.TextElement):
            node["translatable"] = False
        for node in container.children:
            if isinstance(node, nodes.Element):
                node["classes"].append(NO_SEARCH)
        return container.children

    def ref_item(self, doc):
        """A paragraph: a reference to `doc` (its title), then its summary."""
        self.depend_on(doc)
        summary = area_content(doc=doc, kind="summary", inline=True)
        return nodes.paragraph("", "", doc_ref(doc), nodes.Text(": "), summary, translatable=False)


class AreaCards(GeneratedDirective):
    required_arguments = 1

    def run(self):
        where = self.arguments[0]
        if where not in {"home", "impacto", "casos"}:
            raise self.error(f"area-cards: unknown place {where!r} (home, impacto or casos)")
        lines = ["::::{grid} 1 1 2 2", ":gutter: 3", ":class-container: area-cards", ""]
        toctree = []
        for area in self.data.areas:
            doc = area.case_page if where == "casos" else area.page
            self.depend_on(doc)
            kind = "home" if where == "home" else "summary"
            lines += [f":::{{grid-item-card}} {{ref}}`{doc}`", "", f"```{{area-content}} {doc} {kind}", "```", ""]
            if where == "home":
                self.depend_on(area.case_page)
                case_study = _("Read the case study")
                lines += [f"{{ref}}`{case_study} <{area.case_page}>`", ""]
            lines += [":::", ""]
            toctree.append(Path(doc).name)
        lines += ["::::", ""]
        if where != "home":
            lines += ["```{toctree}", ":hidden:", "", *toctree, "```"]
        return self.parse_generated(lines)


class PrincipleCards(GeneratedDirective):
    """The principles as cards, in the data's order, each its (translated) title linking its page."""

    def run(self):
        lines = ["::::{grid} 1 1 2 3", ":gutter: 3", ":class-container: principle-cards", ""]
        for principle in self.data.principles:
            doc = f"principios/{principle}"
            self.depend_on(doc)
            lines += [f":::{{grid-item-card}} {{ref}}`{doc}`", ":::", ""]
        return self.parse_generated([*lines, "::::"])


class AreaContent(SphinxDirective):
    """Internal: the placeholder inside a generated card."""
    required_arguments = 2

    def run(self):
        doc, kind = self.arguments
        return [area_content(doc=doc, kind=kind, inline=False)]


class AreaImpact(GeneratedDirective):
    has_content = True

    def run(self):
        container = nodes.container(classes=[IMPACT_CLASS])
        self.state.nested_parse(self.content, self.content_offset, container)
        area = self.data.area_of(self.env.docname)
        if area is None:
            return [container]
        source = str(Path(self.env.app.confdir) / "_data" / "metrics.toml")
        drawn = [visual(self.data, name, source) for name in area.figures if self.data.metrics[name].label]
        return [nodes.container("", *drawn, classes=["figure-visuals"]), container]


class AreaPrinciples(GeneratedDirective):
    """On an area's impact page: the principles it applies, from the data, each with the line
    its case study gives it."""

    def run(self):
        doc = self.env.docname
        area = self.data.area_of(doc)
        if area is None:
            raise self.error(f"area-principles: {doc} is no area's page in _data/areas.toml")
        return self.bullets([(f"principios/{p}", area.case_page, p) for p in area.principles],
                            _("No principle is linked to this area yet."))

    def bullets(self, entries, none_yet):
        """entries: (the page to link, the case study whose line says how, the principle)."""
        if not entries:  # a new area before its principles are chosen
            return [nodes.paragraph("", none_yet, translatable=False)]
        items = []
        for doc, case, principle in entries:
            self.depend_on(doc)
            self.depend_on(case)
            line = area_content(doc=case, kind="principle-line", principle=principle, fallback=doc, inline=True)
            items.append(nodes.list_item("", nodes.paragraph("", "", doc_ref(doc), nodes.Text(": "), line,
                                                             translatable=False)))
        return [nodes.bullet_list("", *items, classes=[NO_SEARCH])]


class AppliedIn(AreaPrinciples):
    """On principios/<slug>: the case studies whose area applies it, from the data, each with
    its line on how the principle shows there."""

    def run(self):
        principle = Path(self.env.docname).name
        return self.bullets([(area.case_page, area.case_page, principle)
                             for area in self.data.areas_applying(principle)],
                            _("No case study applies this principle yet."))


class scroll_region(nodes.General, nodes.Element):
    """A keyboard-scrollable region (a wide table on a phone), named by `label`."""


class PrinciplesMatrix(GeneratedDirective):
    """Principles (rows) × case studies (columns), marked where the area applies the principle."""

    def run(self):
        areas = self.data.areas
        table = nodes.table(classes=["principles-matrix", NO_SEARCH])
        caption = _("Principles Applied in Each Case Study")
        table += nodes.title("", caption, translatable=False)
        group = nodes.tgroup(cols=len(areas) + 1)
        table += group
        group += [nodes.colspec(colwidth=1) for _ in range(len(areas) + 1)]

        def row(cells, tag=nodes.entry):
            return nodes.row("", *[tag("", cell) for cell in cells])

        def ref(doc):
            self.depend_on(doc)
            return nodes.paragraph("", "", doc_ref(doc), translatable=False)

        group += nodes.thead("", row([nodes.paragraph("", _("Principle"), translatable=False),
                                      *[ref(area.case_page) for area in areas]]))
        body = nodes.tbody()
        for principle in self.data.principles:
            marks = [nodes.paragraph("", _("Yes") if principle in area.principles else "", translatable=False)
                     for area in areas]
            body += row([ref(f"principios/{principle}"), *marks])
        group += body
        return [scroll_region("", table, label=caption)]


def visit_scroll_region(self, node):
    # The frame holds the shadows that show on the side where more of it lies (portfolio.css).
    label = self.attval(node["label"])
    self.body.append(f'<div class="scroll-frame"><div class="scroll-region" role="region" tabindex="0" '
                     f'aria-label="{label}">')


def depart_scroll_region(self, node):
    self.body.append("</div></div>")


class ShownContent(EnvironmentCollector):
    """Per page: its summary and figure list (what others show of it), and which pages it shows."""

    KINDS = ("summary", "challenge", "figures", "results", "principle_lines", "shows")

    @staticmethod
    def store(env):
        if not hasattr(env, "portfolio_shown"):
            env.portfolio_shown = {}
        for kind in ShownContent.KINDS:  # an environment saved by an older version lacks a new kind
            env.portfolio_shown.setdefault(kind, {})
        return env.portfolio_shown

    def clear_doc(self, app, env, docname):
        for entries in self.store(env).values():
            entries.pop(docname, None)

    def merge_other(self, app, env, docnames, other):
        mine, theirs = self.store(env), self.store(other)
        for kind in self.KINDS:
            mine[kind].update({doc: theirs[kind][doc] for doc in docnames if doc in theirs[kind]})

    def process_doc(self, app, doctree):
        store, doc = self.store(app.env), app.env.docname
        store["summary"][doc] = page_description(doctree) or ""
        store["challenge"][doc] = challenge_of(doctree)
        drawn = [n.deepcopy() for n in doctree.findall(figure_visual)]
        if drawn:
            store["figures"][doc] = drawn
        impact = next((n for n in doctree.findall(nodes.container) if IMPACT_CLASS in n["classes"]), None)
        results = impact.next_node(nodes.bullet_list) if impact else None
        if results:
            store["results"][doc] = results.deepcopy()
        lines = principle_lines(doctree)
        if lines:
            store["principle_lines"][doc] = lines

    def get_updated_docs(self, app, env):
        read = set(getattr(env, "portfolio_read_now", ()))
        return [doc for doc, shown in self.store(env)["shows"].items() if shown & read and doc not in read]


def challenge_of(doctree):
    """An impact page's challenge in one line: the first paragraph of its "Desafío" section
    (one sentence, a message of its own: shown whole, as translated)."""
    section = next((s for s in doctree.findall(nodes.section) if CHALLENGE in s["ids"]), None)
    paragraph = section.next_node(nodes.paragraph) if section else None
    return " ".join(paragraph.astext().split()) if paragraph else ""


def principle_lines(doctree):
    """A case study's "principles applied" list: {principle: the words after its link}, as
    written (and translated) there."""
    lines = {}
    for item in doctree.findall(nodes.list_item):
        paragraph = item.next_node(nodes.paragraph)
        if paragraph is None or paragraph.get("translatable") is False:  # a generated list, not the page's words
            continue
        first = paragraph.children[0] if paragraph.children else None
        target = first.get("reftarget", "") if isinstance(first, addnodes.pending_xref) else ""
        if not target.startswith("principios/") or len(paragraph.children) < 2:
            continue
        rest = [node.deepcopy() for node in paragraph.children[1:]]
        if isinstance(rest[0], nodes.Text):  # the ": " after the link
            rest[0] = nodes.Text(rest[0].astext().lstrip(": "))
        lines[target.split("/", 1)[1]] = rest
    return lines


def summary_of(env, doc):
    """A page's (translated) meta description, kept when it was read."""
    return ShownContent.store(env)["summary"].get(doc, "")


def note_read_docs(app, env, docnames):
    env.portfolio_read_now = list(docnames)


def resolve_content(app, doctree, docname):
    store = ShownContent.store(app.env)
    for placeholder in list(doctree.findall(area_content)):
        doc = placeholder["doc"]
        if placeholder["kind"] == "principle-line":  # how a principle shows in a case study
            line = store["principle_lines"].get(doc, {}).get(placeholder["principle"])
            # Until the case study says how (a new area), the linked page's summary.
            text = [n.deepcopy() for n in line] if line else [nodes.Text(summary_of(app.env, placeholder["fallback"]))]
            new = nodes.inline("", "", *text)
        elif placeholder["kind"] == "summary":
            text = nodes.Text(summary_of(app.env, doc))
            new = nodes.inline("", "", text) if placeholder["inline"] else nodes.paragraph("", "", text)
        elif placeholder["kind"] == "results":  # a case study's results: its impact page's list, as written there
            new = store["results"].get(doc, nodes.bullet_list()).deepcopy()
            new["classes"].append(NO_SEARCH)
        elif placeholder["kind"] == "figures":  # a case study's "at a glance": its area's figures drawn
            new = nodes.container("", *[n.deepcopy() for n in store["figures"].get(doc, [])],
                                  classes=["figure-visuals"])
        else:  # home: the area's challenge in one line, then its headline figure drawn
            new = nodes.container("", nodes.paragraph("", store["challenge"].get(doc, ""), classes=["area-challenge"]))
            area = app.portfolio_data.area_of(doc)
            new += [n.deepcopy() for n in store["figures"].get(doc, []) if area and n["figure"] == area.headline]
        for node in new.findall(nodes.TextElement):
            node["translatable"] = False  # already translated where it was written
        placeholder.replace_self(new)


def setup(app):
    app.add_node(area_content)
    app.add_directive("area-cards", AreaCards)
    app.add_directive("area-content", AreaContent)
    app.add_directive("principle-cards", PrincipleCards)
    app.add_directive("area-impact", AreaImpact)
    app.add_directive("area-principles", AreaPrinciples)
    app.add_directive("applied-in", AppliedIn)
    app.add_directive("principles-matrix", PrinciplesMatrix)
    app.add_node(scroll_region, html=(visit_scroll_region, depart_scroll_region))
    app.add_env_collector(ShownContent)
    app.connect("env-before-read-docs", note_read_docs)
    app.connect("doctree-resolved", resolve_content)

"""The owner's public details, from _data/owner.toml, rendered only when set."""

from pathlib import Path

from docutils import nodes
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective

# Link kinds in display order; labels go through gettext like any theme string.
LINK_LABELS = {
    "cv": lambda: _("CV"),
    "talks": lambda: _("Talks"),
    "linkedin": lambda: "LinkedIn",
    "github": lambda: "GitHub",
}


def owner_file(confdir):
    return Path(confdir) / "_data" / "owner.toml"


class OwnerLinks(SphinxDirective):
    """A bullet list of the owner's contact links; empty values are skipped."""

    def run(self):
        owner = self.env.app.portfolio_data.owner
        self.env.note_dependency(str(owner_file(self.env.app.confdir)))
        items = []
        if owner.get("email"):
            items.append((_("Email"), f"mailto:{owner['email']}", owner["email"]))
        for key, label in LINK_LABELS.items():
            url = owner.get("links", {}).get(key)
            if url:
                items.append((label(), url, None))
        if not items:
            return []
        bullet_list = nodes.bullet_list(classes=["owner-links"])
        for label, url, text in items:
            para = nodes.paragraph()
            para += nodes.reference(text or label, text or label, refuri=url)
            if text:
                para.insert(0, nodes.Text(f"{label}: "))
            bullet_list += nodes.list_item("", para)
        return [bullet_list]


def setup(app):
    app.add_directive("owner-links", OwnerLinks)

"""furo's interface strings that are built in Python, not in a template, so no
template override can translate them: the navigation tree's expand switches are
labelled "Toggle navigation of <page>" in English in every language (upstream
defect, furo/navigation.py). The label is rebuilt here through gettext, so the
theme catalog (locales/<lang>/LC_MESSAGES/sphinx.po) translates it.
"""

import html
import re

from sphinx.locale import _

TOGGLE_LABEL = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')


def translate_navigation_tree(app, pagename, templatename, context, doctree):
    tree = context.get("furo_navigation_tree")
    if not tree:
        return

    def label(match):
        title = html.unescape(match.group(1))
        return 'aria-label="{}"'.format(html.escape(_("Toggle navigation of %(title)s") % {"title": title}))

    context["furo_navigation_tree"] = TOGGLE_LABEL.sub(label, tree)


def setup(app):
    # After furo's own handler (priority 500), which builds the tree.
    app.connect("html-page-context", translate_navigation_tree, priority=550)

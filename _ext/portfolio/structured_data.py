"""JSON-LD for search engines: ProfilePage + Person on the home page, part of a
WebSite whose SearchAction is the site search's deep link (search.html?q=);
Article on each case study. The owner (_data/owner.toml) is the profile's
Person and the articles' author only with a name; each field only when given."""

import json

from .languages import site_language
from .meta_tags import is_case_study, page_description
from .owner import PHOTO


def person(app):
    """The owner as a schema.org Person, or None without a name: every field only when given,
    the role in the page's language (a Person is never published empty or half-translated)."""
    owner = app.portfolio_data.owner
    if not owner.name:
        return None
    data = {"@type": "Person", "name": owner.name}
    role = owner.role(site_language(app.config.language))
    if role:
        data["jobTitle"] = role
    if owner.email:
        data["email"] = f"mailto:{owner.email}"
    if owner.photo:
        data["image"] = f"{app.config.html_baseurl}_images/{PHOTO}"
    # Profiles that say who the owner is; the CV and talks pages are documents, not identities.
    same_as = [owner.link(key) for key in ("linkedin", "github") if owner.link(key)]
    if same_as:
        data["sameAs"] = same_as
    return data


def website(app, context):
    base = app.config.html_baseurl
    return {"@type": "WebSite", "name": context.get("docstitle", ""), "url": base,
            "inLanguage": site_language(app.config.language),
            "potentialAction": {"@type": "SearchAction",
                                "target": {"@type": "EntryPoint", "urlTemplate": f"{base}search.html?q={{query}}"},
                                "query-input": "required name=query"}}


def json_ld(app, pagename, context, doctree):
    url = f"{app.config.html_baseurl}{pagename}.html"
    title = context.get("title", "")
    common = {"@context": "https://schema.org", "name": title, "url": url,
              "inLanguage": site_language(app.config.language)}
    description = page_description(doctree)
    if description:
        common["description"] = description
    owner = person(app)
    if pagename == app.config.root_doc:
        profile = {**common, "@type": "ProfilePage", "isPartOf": website(app, context)}
        return {**profile, "mainEntity": owner} if owner else profile
    if is_case_study(pagename):
        article = {**common, "@type": "Article", "headline": title,
                   "isPartOf": {"@type": "WebSite", "name": context.get("docstitle", ""),
                                "url": app.config.html_baseurl}}
        return {**article, "author": owner} if owner else article
    return None


def html_page_context(app, pagename, templatename, context, doctree):
    data = json_ld(app, pagename, context, doctree)
    # "</" would end the script element early; JSON allows it escaped.
    context["json_ld"] = json.dumps(data, ensure_ascii=False).replace("</", "<\\/") if data else ""


def setup(app):
    # After languages.py, so docstitle is the translated site title.
    app.connect("html-page-context", html_page_context, priority=600)

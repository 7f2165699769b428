"""JSON-LD for search engines: ProfilePage + Person on the home page, part of a
WebSite whose SearchAction is the site search's deep link (search.html?q=);
Article on each case study. Owner fields come from _data/owner.toml and are
omitted when unset."""

import json

from .meta_tags import is_case_study, page_description


def person(owner):
    data = {"@type": "Person"}
    for key, field in (("name", "name"), ("job_title", "jobTitle")):
        if owner.get(key):
            data[field] = owner[key]
    if owner.get("email"):
        data["email"] = f"mailto:{owner['email']}"
    same_as = [url for url in owner.get("links", {}).values() if url]
    if same_as:
        data["sameAs"] = same_as
    return data


def website(app, context):
    base = app.config.html_baseurl
    return {"@type": "WebSite", "name": context.get("docstitle", ""), "url": base, "inLanguage": app.config.language,
            "potentialAction": {"@type": "SearchAction",
                                "target": {"@type": "EntryPoint", "urlTemplate": f"{base}search.html?q={{query}}"},
                                "query-input": "required name=query"}}


def json_ld(app, pagename, context, doctree):
    url = f"{app.config.html_baseurl}{pagename}.html"
    title = context.get("title", "")
    common = {"@context": "https://schema.org", "name": title, "url": url,
              "inLanguage": app.config.language}
    description = page_description(doctree)
    if description:
        common["description"] = description
    owner = app.portfolio_data.owner
    if pagename == app.config.root_doc:
        return {**common, "@type": "ProfilePage", "mainEntity": person(owner), "isPartOf": website(app, context)}
    if is_case_study(pagename):
        article = {**common, "@type": "Article", "headline": title,
                   "isPartOf": {"@type": "WebSite", "name": context.get("docstitle", ""),
                                "url": app.config.html_baseurl}}
        if owner.get("name"):
            article["author"] = person(owner)
        return article
    return None


def html_page_context(app, pagename, templatename, context, doctree):
    data = json_ld(app, pagename, context, doctree)
    # "</" would end the script element early; JSON allows it escaped.
    context["json_ld"] = json.dumps(data, ensure_ascii=False).replace("</", "<\\/") if data else ""


def setup(app):
    # After languages.py, so docstitle is the translated site title.
    app.connect("html-page-context", html_page_context, priority=600)

"""Every data file, read and validated once per build.

_data/*.toml and the playbooks' front matter are checked against the JSON
Schemas beside them (_data/*.schema.json) and against each other (an area's
pages exist, its figures are defined, ...) in `config-inited`, before anything
is read. A bad value stops the build with one message naming the file, the
line and the key. Modules read `app.portfolio_data`; none opens a data file.
"""

import datetime
import hashlib
import json
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import yaml
from sphinx.errors import ConfigError

PLAYBOOKS = "playbooks"


class DataError(ConfigError):
    """A data file is wrong; the message says where and why."""


@dataclass(frozen=True)
class Figure:
    """One of the seed's figures (_data/metrics.toml), typed so it can be drawn."""
    name: str
    text: str
    value: float
    unit: str
    better: str
    high: float | None = None
    label: str | None = None
    before: str | None = None
    bound: str | None = None  # "over" / "under": the seed gives a bound ("10M+", "<5%"), not the value
    scale: str | None = None  # "million": `value` counts millions ("10M+")
    # The owner's notes on how to read it (Spanish, translated with its impact page), shown with
    # the figure wherever it is stated; the seed gives none of them.
    baseline: str | None = None
    window: str | None = None
    method: str | None = None

    NOTES = ("baseline", "window", "method")

    @property
    def notes(self):
        """(field, text) for each note given, in a fixed order."""
        return [(key, getattr(self, key)) for key in self.NOTES if getattr(self, key)]


@dataclass(frozen=True)
class Area:
    slug: str
    case: str
    principles: tuple
    figures: tuple
    headline: str | None = None
    # The owner's optional facts, shown in the case study's "at a glance" when given.
    team: dict = field(default_factory=dict)  # {lang: text}
    period: str = ""
    stack: tuple = ()
    artifacts: tuple = ()  # ({"title", "url"}, ...)

    @property
    def page(self):
        return f"impacto/{self.slug}"

    @property
    def case_page(self):
        return f"casos/{self.case}"


@dataclass(frozen=True)
class Playbook:
    page: str
    date: datetime.date
    principles: tuple
    cases: tuple


@dataclass(frozen=True)
class Talk:
    """A talk proposal (_data/talks.toml); its text in the source language, translated by gettext."""
    title: str
    abstract: str
    audience: str
    minutes: int
    draws_on: tuple  # documents of this site


@dataclass(frozen=True)
class Owner:
    """_data/owner.toml: the owner's public details. An empty value is one not given, and is
    shown nowhere."""
    name: str = ""
    email: str = ""
    photo: str = ""  # a picture in the repository
    job_title: dict = field(default_factory=dict)  # {lang: role}, in every language or none
    tagline: dict = field(default_factory=dict)  # {lang: one line}
    links: dict = field(default_factory=dict)  # {"cv" | "talks" | "linkedin" | "github": https URL}

    def role(self, lang):
        """The role in `lang`; "" when not given (never another language's)."""
        return self.job_title.get(lang, "")

    def tagline_in(self, lang):
        return self.tagline.get(lang, "")

    def link(self, key):
        return self.links.get(key, "")


@dataclass(frozen=True)
class Site:
    """_data/site.toml: the languages (the first is the source) and the public base URL."""
    languages: tuple
    base_url: str

    @property
    def source(self):
        return self.languages[0]


@dataclass(frozen=True)
class SiteData:
    site: Site
    metrics: dict
    owner: Owner
    areas: tuple
    principles: tuple  # slugs, in display order
    playbooks: tuple  # newest first
    search_words: dict  # {lang: {words a reader types: the words the pages use}}
    talks: tuple = ()

    def area_of(self, doc):
        """The area whose impact page or case study `doc` is, or None."""
        return next((a for a in self.areas if doc in (a.page, a.case_page)), None)

    def areas_applying(self, principle):
        return [area for area in self.areas if principle in area.principles]


def _line_of(text, path):
    """Best-effort line (1-based) of a key path such as ("area", 2, "case") in TOML or YAML text."""
    lines = text.splitlines()
    start, line, prev = 0, 1, None
    for key in path:
        if isinstance(key, int):  # the n-th [[table]] of the previous key
            headers = [i for i, s in enumerate(lines) if s.strip() == f"[[{prev}]]"]
            if key < len(headers):
                start = headers[key]
                line = start + 1
            continue
        pattern = re.compile(rf"^\s*(\[+)?{re.escape(str(key))}(\]+)?\s*[=:\].]")  # key = , key: , [key], key.sub =
        for i in range(start, len(lines)):
            if pattern.match(lines[i]):
                start, line = i, i + 1
                break
        prev = key
    return line


def _fail(root, file, text, path, problem):
    where = ".".join(str(k) for k in path) or "(top level)"
    raise DataError(f"{Path(file).relative_to(root)}:{_line_of(text, path)}: {where}: {problem}")


def _validate(root, file, text, data, schema_name):
    schema = json.loads((root / "_data" / schema_name).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        _fail(root, file, text, list(error.absolute_path), error.message)


def _read_toml(root, name):
    file = root / "_data" / name
    text = file.read_text(encoding="utf-8")
    try:
        return file, text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"_data/{name}: {error}") from None


# What a bar's length is measured in: a figure and the one before it share a scale.
SCALE = {"days": ("time", 1), "weeks": ("time", 7)}
FIRST_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _figures(root, file, text, raw):
    """name → Figure, each checked against the others (its number, its `before`)."""
    figures = {name: Figure(name, **entry) for name, entry in raw.items()}
    for name, figure in figures.items():
        number = FIRST_NUMBER.search(figure.text)
        if float(number.group()) != figure.value:
            _fail(root, file, text, [name, "value"], f"{figure.value:g} is not the number of text {figure.text!r}")
        bound = "over" if figure.text.startswith(">") or figure.text.endswith("+") else (
            "under" if figure.text.startswith("<") else None)
        if figure.bound != bound:
            _fail(root, file, text, [name, "bound" if figure.bound else "text"],
                  f"text {figure.text!r} states {'no bound' if bound is None else repr(bound)}, "
                  f"bound says {figure.bound!r}")
        if (figure.scale == "million") != ("M" in figure.text):
            _fail(root, file, text, [name, "text"], f"text {figure.text!r} and scale {figure.scale!r} disagree "
                  "(a number of millions is written 10M)")
        if figure.notes and not figure.label:
            _fail(root, file, text, [name, figure.notes[0][0]], "a note is shown with the figure's drawing, "
                  "and this figure has no label (it is not drawn): give it a label or note its drawn figure")
        if figure.high is not None and figure.high <= figure.value:
            _fail(root, file, text, [name, "high"], f"{figure.high:g} is not above value {figure.value:g}")
        if figure.before is None:
            continue
        before = figures.get(figure.before)
        if before is None:
            _fail(root, file, text, [name, "before"], f"{figure.before!r} is not a figure of this file")
        if SCALE.get(before.unit, (before.unit,))[0] != SCALE.get(figure.unit, (figure.unit,))[0]:
            _fail(root, file, text, [name, "before"], f"{figure.before!r} is in {before.unit!r}, "
                  f"not comparable with {figure.unit!r}")
    return figures


def _every_language(root, file, text, table, path, languages):
    """A text given per language ({lang: text}): in every language of the site, if in one."""
    for lang in table:
        if lang not in languages:
            _fail(root, file, text, [*path, lang], f"{lang!r} is not a language of the site ({', '.join(languages)})")
    if any(table.values()):
        for lang in languages:
            if not table.get(lang):
                _fail(root, file, text, path, f"missing in {lang!r}: give it in every language of the site")


def _check_owner(root, file, text, owner, languages):
    """The role and tagline in every language of the site, if in one; the photo a picture of this repository."""
    for key in ("job_title", "tagline"):
        _every_language(root, file, text, owner.get(key, {}), [key], languages)
    if owner.get("photo"):
        photo = root / owner["photo"]
        if not photo.is_file():
            _fail(root, file, text, ["photo"], f"no file {owner['photo']} in the repository")
        from PIL import Image, UnidentifiedImageError
        try:
            with Image.open(photo) as image:
                image.verify()
        except (UnidentifiedImageError, OSError) as error:
            _fail(root, file, text, ["photo"], f"{owner['photo']} is not a readable picture ({error})")


def _search_words(root, file, text, glossary, languages):
    """{lang: {form: what the search takes it as}} from the glossary: a form to avoid as its
    language's first preferred form, a reader's word as its `means`, a preferred form as itself
    (so that a longer form is never rewritten by a shorter one inside it)."""
    words = {lang: {} for lang in languages}
    for term in glossary["term"]:
        for lang in words.keys() & {"es", "en"}:  # the glossary's own languages
            for form in term.get(lang, []):
                words[lang][form] = form
            for form in term.get(f"{lang}_avoid", []):
                words[lang][form] = term[lang][0]
    for i, entry in enumerate(glossary.get("reader", [])):
        if entry["lang"] not in words:
            _fail(root, file, text, ["reader", i, "lang"],
                  f"{entry['lang']!r} is not a language of the site ({', '.join(languages)})")
        for form in entry["typed"]:
            words[entry["lang"]][form] = entry["means"]
    return words


def _front_matter(root, file):
    """(text, data) of a page's YAML front matter; the text keeps the file's line numbers."""
    text = file.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    where = file.relative_to(root)
    if not match:
        raise DataError(f"{where}:1: a playbook starts with front matter (date, principles, cases)")
    try:
        return "\n" + match.group(1), yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise DataError(f"{where}: front matter: {error}") from None


def load_site(root):
    """_data/site.toml alone, validated: all that conf.py, the Makefile and the root files need."""
    root = Path(root)
    file, text, site = _read_toml(root, "site.toml")
    _validate(root, file, text, site, "site.schema.json")
    return Site(tuple(site["languages"]), site["base_url"])


def load(root):
    root = Path(root)
    site = load_site(root)
    file, text, raw = _read_toml(root, "metrics.toml")
    _validate(root, file, text, raw, "metrics.schema.json")
    metrics = _figures(root, file, text, raw)
    file, text, owner = _read_toml(root, "owner.toml")
    _validate(root, file, text, owner, "owner.schema.json")
    _check_owner(root, file, text, owner, site.languages)
    owner = Owner(**owner)
    file, text, raw = _read_toml(root, "areas.toml")
    _validate(root, file, text, raw, "areas.schema.json")

    def page_exists(doc):
        return (root / f"{doc}.md").is_file()

    principles = tuple(raw["principles"])
    for principle in principles:
        if not page_exists(f"principios/{principle}"):
            _fail(root, file, text, ["principles"], f"no page principios/{principle}.md")
    areas = []
    for i, entry in enumerate(raw["area"]):
        area = Area(entry["slug"], entry["case"], tuple(entry["principles"]), tuple(entry["figures"]),
                    entry.get("headline"), entry.get("team", {}), entry.get("period", ""),
                    tuple(entry.get("stack", [])), tuple(entry.get("artifacts", [])))
        _every_language(root, file, text, area.team, ["area", i, "team"], site.languages)
        for key, doc in [("slug", area.page), ("case", area.case_page)]:
            if not page_exists(doc):
                _fail(root, file, text, ["area", i, key], f"no page {doc}.md")
        for principle in area.principles:
            if principle not in principles:
                _fail(root, file, text, ["area", i, "principles"], f"{principle!r} is not in the principles list "
                      "at the top of this file")
        for figure in area.figures:
            if figure not in metrics:
                _fail(root, file, text, ["area", i, "figures"], f"{figure!r} is not in _data/metrics.toml")
        drawn = {}  # (text, unit) → the figure drawn with it: one chart per fact
        for figure in (f for f in area.figures if metrics[f].label):
            same = drawn.setdefault((metrics[figure].text, metrics[figure].unit), figure)
            if same != figure:
                _fail(root, file, text, ["area", i, "figures"], f"{same!r} and {figure!r} would draw the same "
                      f"fact ({metrics[figure].text}): give a label to one of them only")
        if area.headline and (area.headline not in area.figures or not metrics[area.headline].label):
            _fail(root, file, text, ["area", i, "headline"], f"{area.headline!r} is not one of this area's "
                  "figures with a label in _data/metrics.toml")
        areas.append(area)
    slugs = [a.slug for a in areas]
    for i, slug in enumerate(slugs):
        if slugs.index(slug) != i:
            _fail(root, file, text, ["area", i, "slug"], f"{slug!r} is listed twice")

    playbooks = []
    for post in sorted((root / PLAYBOOKS).glob("*.md")):
        if post.name == "index.md":
            continue
        text, front = _front_matter(root, post)
        _validate(root, post, text, front, "playbook.schema.json")
        for key, section in [("principles", "principios"), ("cases", "casos")]:
            for slug in front[key]:
                if not page_exists(f"{section}/{slug}"):
                    _fail(root, post, text, [key], f"no page {section}/{slug}.md")
        playbooks.append(Playbook(f"{PLAYBOOKS}/{post.stem}", datetime.date.fromisoformat(front["date"]),
                                  tuple(front["principles"]), tuple(front["cases"])))
    playbooks.sort(key=lambda p: (p.date, p.page), reverse=True)

    file, text, raw = _read_toml(root, "talks.toml")
    _validate(root, file, text, raw, "talks.schema.json")
    talks = []
    for i, entry in enumerate(raw["proposal"]):
        for doc in entry["draws_on"]:
            if not page_exists(doc):
                _fail(root, file, text, ["proposal", i, "draws_on"], f"no page {doc}.md")
        talks.append(Talk(**{**entry, "draws_on": tuple(entry["draws_on"])}))

    file, text, glossary = _read_toml(root, "glossary.toml")
    _validate(root, file, text, glossary, "glossary.schema.json")
    search_words = _search_words(root, file, text, glossary, site.languages)
    return SiteData(site, metrics, owner, tuple(areas), principles, tuple(playbooks), search_words, tuple(talks))


def fingerprint(root, language):
    """A digest of everything a page's output depends on beyond its own source and Sphinx's
    templates: the data, this extension, and the language's theme catalog (the labels it writes
    into every page; Sphinx tracks the pages' own catalogs, not this one). `language`: Sphinx's code."""
    theme = Path(root, "locales", language, "LC_MESSAGES", "sphinx.po")
    digest = hashlib.sha256()
    for path in sorted([*Path(root, "_data").glob("*"), *Path(root, "_ext").rglob("*.py"), theme]):
        digest.update(path.name.encode() + (path.read_bytes() if path.is_file() else b""))
    return digest.hexdigest()


def config_inited(app, config):
    try:
        app.portfolio_data = load(app.confdir)
    except DataError as error:
        # One line that says what to fix, not Sphinx's crash report around it.
        print(f"Data error: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    # Figures live once, written in the build's language (figure_words). Global substitutions
    # survive translation; ones set in a page's front matter are undefined when a translated
    # message is re-parsed (the English page shows nothing).
    config.myst_substitutions = {name: f"{{figure}}`{name}`" for name in app.portfolio_data.metrics}


def env_get_outdated(app, env, added, changed, removed):
    """A change to the data, this extension or the theme catalog rereads every page (live preview,
    incremental builds)."""
    current = fingerprint(app.confdir, app.config.language)
    if getattr(env, "portfolio_fingerprint", None) == current:
        return []
    env.portfolio_fingerprint = current
    return sorted(env.found_docs)


def setup(app):
    app.connect("config-inited", config_inited, priority=100)
    app.connect("env-get-outdated", env_get_outdated)

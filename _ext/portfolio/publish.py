"""Is the site ready to go out? What _data/owner.toml still lacks.

- `problems`: what stops publishing (`make publish-check`, run by the GitHub
  Pages workflow and Read the Docs before they build): no name (the site would
  go out anonymous), no way to get in touch, or a value left from an example.
- `notices`: the optional fields still empty and what each would show
  (`make check` prints them; they never fail a build).
- `figure_notices`: the drawn figures without the owner's baseline, window or
  method (how a reader should read the number: only the owner knows it).
Each line names the file, the line and the key.
"""

import re
from pathlib import Path

from .data import _line_of, _read_toml

OWNER = Path("_data") / "owner.toml"
METRICS = Path("_data") / "metrics.toml"
CHANNELS = [("email",), ("links", "linkedin"), ("links", "github")]  # ways a reader gets in touch
# Values that come from an example or a template, never from a real owner.
PLACEHOLDER = re.compile(r"\bexample\.(com|org|net)\b|\.(invalid|test|example)\b|^(your|tu|su) nombre$|^your name$"
                         r"|^(john|jane) doe$|^nombre apellido$|lorem ipsum", re.I)

# What each optional field shows once given.
SHOWS = {
    ("name",): "the name at the head of every page and of the home page",
    ("job_title",): "the role under the name, in each language",
    ("tagline",): "one line under the role on the home page and the one-page summary (else the intro)",
    ("email",): "an e-mail link in the contact section",
    ("photo",): "the photo beside the name on the home page, and as a download in the media kit",
    ("links", "cv"): "“ve mi CV” / “see my CV” links to the CV (else to the one-page summary)",
    ("links", "talks"): "the past talks, listed on the talks page",
    ("links", "linkedin"): "a LinkedIn link in the contact section and the structured data",
    ("links", "github"): "a GitHub link in the contact section and the structured data",
}


def _owner(root):
    """The file's text (for line numbers) and its values as written: a placeholder is found in
    what the owner typed, before any of it is interpreted."""
    _file, text, owner = _read_toml(Path(root), OWNER.name)
    return text, owner


def _value(owner, path):
    for key in path:
        owner = owner.get(key, "") if isinstance(owner, dict) else ""
    return owner


def _where(text, path):
    return f"{OWNER.as_posix()}:{_line_of(text, path)}: {'.'.join(path)}"


def problems(root):
    text, owner = _owner(root)
    found = []
    if not owner.get("name"):
        found.append(f"{_where(text, ('name',))}: empty: the site would go out anonymous")
    if not any(_value(owner, path) for path in CHANNELS):
        found.append(f"{OWNER.as_posix()}: no way to get in touch: give at least one of "
                     + ", ".join(".".join(path) for path in CHANNELS))
    for path in SHOWS:
        values = _value(owner, path)
        for lang, value in (values.items() if isinstance(values, dict) else [(None, values)]):
            if isinstance(value, str) and PLACEHOLDER.search(value.strip()):
                key = (*path, lang) if lang else path
                found.append(f"{_where(text, key)}: {value!r} is an example, not the owner's")
    return found


def figure_notices(root, metrics):
    text = (Path(root) / METRICS).read_text(encoding="utf-8")
    found = []
    for name, figure in metrics.items():
        missing = [key for key in figure.NOTES if figure.label and not getattr(figure, key)]
        if missing:
            found.append(f"{METRICS.as_posix()}:{_line_of(text, [name])}: {name}: no {', '.join(missing)}; "
                         "once given: a note with the figure on every page and in the PDF")
    return found


def notices(root):
    text, owner = _owner(root)
    empty = []
    for path, shows in SHOWS.items():
        value = _value(owner, path)
        if not (any(value.values()) if isinstance(value, dict) else value):
            empty.append(f"{_where(text, path)}: empty; once given: {shows}")
    return empty

"""The site search's index: Pagefind over a language's built pages.

A stage of pipeline.py, after trim.py. Each language folder gets its own
bundle, <lang>/pagefind/, so a language published alone (its own Read the Docs
project) searches from its own root, and each index has its language's stemmer
(Pagefind reads <html lang>).

Indexed: each page's article (`data-pagefind-body`; not the search and 404
pages), without the permalink marks and without the generated card grids and
lists (`.no-search`) that summarize other pages: a summary must not outrank the
page it summarizes. Kept: Pagefind's search code and the index; its ready-made
interfaces are deleted (the site has its own, _static/search.js).

words.json: every indexed word, most frequent first, read by the search box only
when a search finds nothing, to suggest the closest spelling.
"""

import collections
import gzip
import json
import re
import shutil
import subprocess
import sys

BUNDLE = "pagefind"
NOT_INDEXED = ".headerlink, .no-search"
UNUSED = ["pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js"]
FRAGMENT_SIGNATURE = b"pagefind_dcd"
WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.U)


class SearchIndexError(RuntimeError):
    pass


def vocabulary(bundle):
    """The words of every indexed page (Pagefind's own fragments), most frequent first."""
    counts = collections.Counter()
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        if not data.startswith(FRAGMENT_SIGNATURE):
            raise SearchIndexError(f"{fragment}: not a Pagefind fragment")
        page = json.loads(data[len(FRAGMENT_SIGNATURE):])
        counts.update(word.lower() for word in WORD.findall(page["content"]))
    return [word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def index(folder):
    """Index one language folder; return the number of pages indexed."""
    bundle = folder / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    run = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(folder), "--output-subdir", BUNDLE,
                          "--exclude-selectors", NOT_INDEXED, "--keep-index-url"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    pages = re.search(r"Indexed (\d+) pages?", run.stdout)
    if run.returncode or not pages or "Did not find a data-pagefind-body" in run.stdout:
        raise SearchIndexError(f"{folder}: Pagefind failed or found no marked article:\n{run.stdout}")
    for pattern in UNUSED:
        for path in bundle.glob(pattern):
            path.unlink()
    (bundle / "words.json").write_text(json.dumps(vocabulary(bundle), ensure_ascii=False), encoding="utf-8")
    return int(pages.group(1))

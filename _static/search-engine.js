// The search engine: this language's Pagefind index (_ext/portfolio/search_index.py) and
// the readers' words (_static/search-help.json), both set loading as soon as this module
// runs. search.js imports it on first use of the search; the search page also loads it
// from its head, so the engine gets ready while the page itself loads, not after it.

export const ROOT = new URL("../", import.meta.url); // the language's root: where this file's _static/ is

// Pagefind's ranking, tuned with tests/search_queries.toml: a page's length
// weighs less (a long case study is not beaten by a short page that merely
// mentions the term) and an exact word more than one it merely starts.
const RANKING = { pageLength: 0.3, termSimilarity: 4 };

let engine;
export function pagefind() {
  engine ||= import(new URL("pagefind/pagefind.js", ROOT).href).then(async (found) => {
    // In the page, not a worker: for an index this small a search takes a few ms, and
    // the first one skips a worker's script (41 KiB) and start-up.
    const instance = found.createInstance({ noWorker: true });
    await instance.options({ ranking: RANKING, excerptLength: 18 });
    await instance.init();
    return instance;
  });
  return engine;
}

// Readers' words, as the pages say them; and the areas offered when nothing is found.
let help;
export function searchHelp() {
  // Without it (a build that did not write it) the search still works, on the pages' words alone.
  help ||= fetch(new URL("_static/search-help.json", ROOT))
    .then((response) => (response.ok ? response.json() : { words: {}, areas: [] }))
    .then((data) => {
      const forms = Object.keys(data.words).sort((a, b) => b.length - a.length); // longest first
      const escaped = forms.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})(?![\\p{L}\\p{N}])`, "gu");
      return { ...data, pattern: forms.length ? pattern : null };
    });
  return help;
}

pagefind();
searchHelp();

// The site search: this language's Pagefind index (_ext/portfolio/search_index.py),
// results as you type, in a dialog over any page or on the search page
// (search.html?q=words). Loaded by search-loader.js on first use; the engine
// and the readers' words are search-engine.js's.
//
// Keyboard: ↓/↑ move between the box and the result links, Enter opens the
// focused link (in the box: the first result), Esc closes the dialog.
//
// Readers' words: _static/search-help.json (written by the build from
// _data/glossary.toml) maps what readers type that the pages say otherwise
// ("feedback humano", "press kit") to the pages' words, searched instead.
// A search that finds nothing offers the closest word of the site, else the
// impact areas. A result link carries a text fragment (#:~:text=) so the
// browser scrolls to and marks the found words on arrival.

import { pagefind, ROOT, searchHelp } from "./search-engine.js";

const STRINGS = JSON.parse(document.querySelector("[data-search-strings]").dataset.searchStrings);
const PAGE_SIZE = 5; // results listed at first, and at each "more"
const SECTIONS = 3; // matching sections shown under each page

// ---- A misspelt word: the closest word of the site, when a search finds nothing.
let vocabulary;
const plain = (word) => word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

// The query with each reader's word replaced by the pages' words, compared without case or
// accents; the rest is kept as typed.
function expand(query, { words, pattern }) {
  const letters = [...query.normalize("NFC")];
  const folded = letters.map(plain);
  // Positions agree while each letter folds to one (true of every accented Latin letter).
  if (!pattern || folded.some((letter) => letter.length !== 1)) return query;
  let expanded = "";
  let from = 0;
  for (const found of folded.join("").matchAll(pattern)) {
    expanded += letters.slice(from, found.index).join("") + words[found[0]];
    from = found.index + found[0].length;
  }
  return expanded + letters.slice(from).join("");
}

function distance(a, b, limit) {
  // Optimal string alignment (Damerau–Levenshtein with adjacent swaps), early exit past limit.
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j], before[j - 2] + 1);
      }
    }
    if (Math.min(...row) > limit) return limit + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length];
}

async function correction(query) {
  vocabulary ||= fetch(new URL("pagefind/words.json", ROOT)).then((response) => response.json());
  const known = await vocabulary; // the site's words, most frequent first
  let changed = false;
  const fixed = query.split(/\s+/).map((word) => {
    const typed = plain(word);
    if (typed.length < 4 || known.some((other) => plain(other).startsWith(typed))) return word;
    const limit = typed.length >= 8 ? 2 : 1;
    const closest = known.find((other) => distance(typed, plain(other), limit) <= limit);
    if (!closest) return word;
    changed = true;
    return closest;
  });
  return changed ? fixed.join(" ") : null;
}

const words = (text) => ` ${plain(text).replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;

// Pagefind's results, as functions that load each one's data. Of the first
// PAGE_SIZE, those holding the words as typed, side by side, come first.
async function ranked(results, query) {
  const head = await Promise.all(results.slice(0, PAGE_SIZE).map((found) => found.data()));
  const phrase = words(query);
  const hits = phrase.trim().includes(" ") ? head.filter((data) => words(data.content).includes(phrase)) : [];
  const order = [...hits, ...head.filter((data) => !hits.includes(data))];
  return [...order.map((data) => () => data), ...results.slice(PAGE_SIZE).map((found) => () => found.data())];
}

// ---- Results as DOM: Pagefind's excerpts are text with <mark>; nothing else is kept.
function element(name, attributes = {}, ...children) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

const parse = (html) => new DOMParser().parseFromString(html, "text/html").body.childNodes; // inert

// A short word ("de", "of") marked on its own is noise, not what was found: it stays marked only
// beside another marked word ("tamaño de lote").
function excerpt(html) {
  const paragraph = element("p", { class: "search-excerpt" });
  const nodes = Array.from(parse(html));
  const marked = (i) => nodes[i]?.nodeName === "MARK";
  const beside = (i, step) => marked(i + step) || (nodes[i + step]?.textContent.trim() === "" && marked(i + 2 * step));
  nodes.forEach((node, i) => {
    const shown = marked(i) && (node.textContent.trim().length > 3 || beside(i, -1) || beside(i, 1));
    paragraph.append(shown ? element("mark", {}, node.textContent) : node.textContent);
  });
  return paragraph;
}

// The link to where an excerpt's marked words stand: a text fragment
// (#:~:text=before-,words,-after) makes the browser scroll to and mark them on arrival.
// The words: the run of marked words side by side with the most words, within one
// sentence. The browser lands on the first match in the page, and the words often stand
// higher up too (a case study's "at a glance" repeats its techniques, the navigation the
// titles a sentence links): up to CONTEXT words of their sentence on each side narrow the
// match to this passage. If it does not match, the browser falls back to the link's
// section, or the page's top.
const CONTEXT = 8;
const fragmentPart = (text) => encodeURIComponent(text).replace(/-/g, "%2D"); // "-" and "," are syntax
const bare = (word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
const endsSentence = (word) => /[.!?:;]$/.test(word);
const endsContext = (word) => /[.!?]$/.test(word);

// How many of the excerpt's first words are its section's heading, or the heading's last words
// (an excerpt may start inside it; the index puts a period after a heading): 0 if none.
function headingWords(tokens, heading) {
  const title = heading.split(/\s+/).filter(Boolean).map(bare);
  for (let k = 0; k < title.length; k++) {
    const shown = title.slice(k);
    if (shown.every((word, n) => bare(tokens[n]?.word ?? "") === word)
      && (k === 0 || endsContext(tokens[shown.length - 1].word))) return shown.length;
  }
  return 0;
}

function landing(url, html, heading = "") {
  let text = "";
  const marked = [];
  for (const node of parse(html)) {
    text += node.textContent;
    marked.push(...Array.from(node.textContent, () => node.nodeName === "MARK"));
  }
  const tokens = [...text.matchAll(/\S+/g)].map((token) => ({
    word: token[0], mark: marked.slice(token.index, token.index + token[0].length).includes(true),
  }));
  let best = null;
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].mark || (i > 0 && tokens[i - 1].mark && !endsSentence(tokens[i - 1].word))) continue;
    let j = i; // the run goes on to the next marked word, unless a sentence ends here
    while (tokens[j + 1]?.mark && !endsSentence(tokens[j].word)) j++;
    if (!best || j - i > best.end - best.start) best = { start: i, end: j };
  }
  if (!best) return url;
  // Words found in the section's own heading: its anchor lands on them already, and the
  // navigation, higher up, often repeats a heading.
  if (url.includes("#") && best.end < headingWords(tokens, heading)) return url;
  const run = tokens.slice(best.start, best.end + 1).map((token) => token.word);
  let words = bare(run.join(" "));
  if (words.length < 3) return url; // a short word would match anywhere
  // Punctuation before the first word stays: "rollback (MTTR" matches, "rollback MTTR" does not.
  words = run[0].match(/^[^\p{L}\p{N}]*/u)[0] + words;
  const last = run[run.length - 1];
  if (/[\p{L}\p{N}][.,;:!?]$/u.test(last)) words += last.at(-1); // "lote." is not "lote (batch"
  // Before: the words of the sentence, back to its start (a period before them may be one the
  // index put between a heading and its text, so it is never crossed) or the excerpt's.
  const before = [];
  for (let k = best.start - 1; k >= 0 && before.length < CONTEXT && !endsContext(tokens[k].word); k--) {
    before.unshift(tokens[k].word);
  }
  // After: the words that follow with no punctuation between, on to the sentence's end.
  const after = [];
  if (bare(last) === last) {
    for (let k = best.end + 1; k < tokens.length && after.length < CONTEXT; k++) {
      const word = tokens[k].word;
      if (!after.length && !/^[\p{L}\p{N}]/u.test(word)) break;
      if (endsContext(word)) {
        if (bare(word)) after.push(word.slice(0, -1)); // its stop may be one the index put after a heading
        break;
      }
      after.push(word);
    }
  }
  const prefix = before.length ? `${fragmentPart(before.join(" "))}-,` : "";
  const suffix = after.length ? `,-${fragmentPart(after.join(" "))}` : "";
  return `${url}${url.includes("#") ? "" : "#"}:~:text=${prefix}${fragmentPart(words)}${suffix}`;
}

function result(data) {
  const title = data.meta.title;
  const sections = data.sub_results
    .filter((section) => section.title !== title && section.url.includes("#"))
    .sort((a, b) => b.weighted_locations.length - a.weighted_locations.length)
    .slice(0, SECTIONS);
  const item = element("li", { class: "search-result" },
    element("a", { class: "search-result-title", href: landing(data.url, data.excerpt) }, title),
    excerpt(data.excerpt));
  if (sections.length) {
    item.append(element("ul", { class: "search-sections" }, ...sections.map((section) =>
      element("li", {}, element("a", { href: landing(section.url, section.excerpt, section.title) }, section.title),
        excerpt(section.excerpt)))));
  }
  return item;
}

// Offered when a search finds nothing: the impact areas, as links.
function suggestions(areas) {
  return [element("p", {}, STRINGS.suggest), element("ul", {}, ...areas.map((area) =>
    element("li", {}, element("a", { href: new URL(area.url, ROOT).pathname }, area.title))))];
}

function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
}

// ---- A search box with its results: the dialog's, or the search page's.
class SearchPanel {
  constructor(input, panel, { onQuery = () => {}, enterOpensFirst = false } = {}) {
    this.input = input;
    this.status = element("p", { class: "search-status", role: "status" });
    this.suggest = element("div", { class: "search-suggest", hidden: "" });
    this.list = element("ol", { class: "search-results" });
    this.more = element("button", { type: "button", class: "search-more", hidden: "" }, STRINGS.more);
    panel.append(this.status, this.suggest, this.list, this.more);
    this.panel = panel;
    this.onQuery = onQuery;
    input.addEventListener("input", () => this.search(input.value));
    this.more.addEventListener("click", () => this.showMore());
    panel.parentElement.addEventListener("keydown", (event) => this.keydown(event, enterOpensFirst));
  }

  async search(query) {
    const asked = query.trim().slice(0, 200);
    this.onQuery(query);
    this.asked = asked;
    if (!asked) {
      this.list.replaceChildren();
      this.status.textContent = "";
      this.suggest.hidden = this.more.hidden = true;
      return;
    }
    let found;
    try {
      const [engine, aids] = await Promise.all([pagefind(), searchHelp()]);
      const words = expand(asked, aids);
      found = await engine.search(words); // a few ms: every keystroke searches
      if (this.asked !== asked) return; // a newer keystroke took over
      let shown = words;
      if (!found.results.length) {
        const corrected = await correction(words);
        if (corrected) {
          const retry = await engine.search(corrected);
          if (this.asked !== asked) return;
          if (retry.results.length) [found, shown] = [retry, corrected];
        }
      }
      this.results = await ranked(found.results, shown);
      if (this.asked !== asked) return;
      this.shown = 0;
      this.list.replaceChildren();
      await this.showMore();
      if (this.asked !== asked) return;
      const values = { n: found.results.length, query: asked, correction: shown };
      this.suggest.replaceChildren(...(found.results.length ? [] : suggestions(aids.areas)));
      this.suggest.hidden = found.results.length > 0;
      this.status.textContent = !found.results.length ? say(STRINGS.none, values)
        : shown !== words ? say(STRINGS.corrected, values)
          : say(new Intl.PluralRules(document.documentElement.lang).select(values.n) === "one"
            ? STRINGS.one : STRINGS.other, values);
    } catch (error) {
      this.status.textContent = STRINGS.error;
      throw error;
    }
  }

  async showMore() {
    const [asked, next] = [this.asked, this.results.slice(this.shown, this.shown + PAGE_SIZE)];
    this.shown += next.length;
    const data = await Promise.all(next.map((load) => load()));
    if (this.asked !== asked) return; // a newer search has listed its own
    this.list.append(...data.map(result));
    this.more.hidden = this.shown >= this.results.length;
  }

  keydown(event, enterOpensFirst) {
    const stops = [this.input, ...this.panel.querySelectorAll("a")];
    const at = stops.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const next = stops[at + (event.key === "ArrowDown" ? 1 : -1)];
      if (next) next.focus();
      event.preventDefault();
    } else if (event.key === "Enter" && at === 0) {
      event.preventDefault();
      const first = this.list.querySelector("a");
      if (first && enterOpensFirst) first.click();
      else this.search(this.input.value);
    }
  }
}

// ---- The dialog over any page, styled by search.css (fetched with this file, not before).
let dialog;
let styled;
function stylesheet() {
  styled ||= new Promise((resolve) => {
    const link = element("link", { rel: "stylesheet", href: new URL("_static/search.css", ROOT).href });
    link.addEventListener("load", resolve);
    link.addEventListener("error", resolve);
    document.head.append(link);
  });
  return styled;
}

function searchDialog() {
  const input = element("input", {
    class: "search-input", type: "search", name: "q", "aria-label": STRINGS.label,
    placeholder: STRINGS.placeholder, autocomplete: "off", spellcheck: "false", enterkeyhint: "search",
  });
  const close = element("button", { type: "button", class: "search-close" }, STRINGS.close);
  const panel = element("div", { class: "search-panel" });
  const form = element("form", { role: "search", method: "get", action: new URL("search.html", ROOT).href }, input);
  const bar = element("div", { class: "search-bar" }, form, close);
  const box = element("dialog", { class: "search-dialog", "aria-label": STRINGS.label }, bar, panel);
  document.body.append(box);
  const view = new SearchPanel(input, panel, { enterOpensFirst: true });
  close.addEventListener("click", () => box.close());
  box.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.preventDefault(); // closes at once: a search box would first clear itself
    box.close();
  });
  box.addEventListener("click", (event) => event.target === box && box.close()); // the backdrop
  box.addEventListener("close", () => box.opener?.focus?.());
  return { box, input, view };
}

// opener: what had focus; when it is the sidebar box, what was typed there
// moves into the dialog, and so do the keys typed while it opened (typedAhead()).
export async function open(opener, typedAhead = () => "") {
  const page = document.querySelector("[data-search-page]");
  if (page) {
    const input = document.querySelector(".search-page .search-input");
    input.focus();
    const typed = typedAhead();
    if (typed) {
      input.value += typed;
      input.dispatchEvent(new Event("input"));
    }
    return;
  }
  await stylesheet();
  dialog ||= searchDialog();
  const sidebar = opener instanceof HTMLInputElement && opener.matches(".sidebar-search");
  const query = (sidebar ? opener.value : "") + typedAhead();
  if (sidebar) opener.value = "";
  dialog.box.opener = opener instanceof HTMLElement && opener !== document.body ? opener : null;
  if (!dialog.box.open) dialog.box.showModal();
  dialog.input.focus();
  if (query) {
    dialog.input.value = query;
    dialog.view.search(query);
  }
}

if (!document.querySelector("[data-search-page]")) stylesheet(); // ready before the dialog is

// ---- The search page: ?q= searched on arrival, and kept in step with the box.
export function searchPage() {
  const form = document.querySelector(".search-page");
  const input = form.querySelector(".search-input");
  const view = new SearchPanel(input, document.querySelector("[data-search-page]"), {
    onQuery: (query) => {
      const url = new URL(window.location.href);
      url.searchParams.set("q", query);
      window.history.replaceState(null, "", url);
    },
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    view.search(input.value);
  });
  // What the reader typed before this loaded, else the address's words.
  const query = input.value || new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  if (query) view.search(query);
}

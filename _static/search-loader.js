// The site search costs nothing until it is used: this file only listens.
// The search code and this language's index (search.js, Pagefind) load on the
// first focus of the search box, a keystroke in it, the phone header's search
// link, or the shortcuts / and Ctrl+K (⌘K).
(() => {
  const code = new URL("search.js", document.currentScript.src).href;
  // The engine's modules download alongside search.js, which imports them, not after it.
  const engine = ["search-engine.js", "../pagefind/pagefind.js"]
    .map((file) => new URL(file, document.currentScript.src).href);
  let loading;
  const load = () => {
    if (!loading) {
      for (const href of engine) {
        document.head.append(Object.assign(document.createElement("link"), { rel: "modulepreload", href }));
      }
      loading = import(code);
    }
    return loading;
  };
  // Keys typed while the search opens (a shortcut, then the words at once) are kept for its box.
  let typedAhead = null;
  const open = (opener) => {
    typedAhead ??= "";
    return load().then((search) => search.open(opener, () => {
      const typed = typedAhead ?? "";
      typedAhead = null;
      return typed;
    }));
  };
  const box = (target) => target instanceof Element && target.matches(".sidebar-search");

  if (document.querySelector("[data-search-page]")) load().then((search) => search.searchPage());
  document.addEventListener("focusin", (event) => box(event.target) && load());
  document.addEventListener("input", (event) => box(event.target) && open(event.target));
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest(".header-search");
    if (!link) return;
    event.preventDefault();
    open(link);
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable]");
    if (typedAhead !== null && !typing && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      typedAhead += event.key;
      event.preventDefault();
      return;
    }
    const shortcut = (event.key === "k" && (event.ctrlKey || event.metaKey) && !event.altKey)
      || (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey);
    if (!shortcut || event.defaultPrevented) return;
    event.preventDefault();
    open(document.activeElement);
  });
})();

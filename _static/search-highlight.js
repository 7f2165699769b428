// The words a reader searched for are highlighted on the page a search result
// opens (the search page leaves them in localStorage, or a link passes
// ?highlight=). Sphinx's scripts for that (13 KiB) load only then, in order,
// instead of on every page's first load.
(() => {
  let searched = new URLSearchParams(window.location.search).has("highlight");
  try {
    searched ||= Boolean(localStorage.getItem("sphinx_highlight_terms"));
  } catch (error) {
    // Storage disabled: only ?highlight= can ask for it.
  }
  if (!searched) return;
  const folder = document.currentScript.src.replace(/[^/]*$/, "");
  const load = ([name, ...rest]) => {
    if (!name) return;
    const script = document.createElement("script");
    script.src = folder + name;
    script.onload = () => load(rest);
    document.head.append(script);
  };
  load(["documentation_options.js", "doctools.js", "translations.js", "sphinx_highlight.js"]);
})();

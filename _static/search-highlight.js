// The words a reader searched for are highlighted on the page a search result
// opens (?highlight=...). Sphinx's scripts for that (13 KiB) load only then,
// in order, instead of on every page's first load.
(() => {
  if (!new URLSearchParams(window.location.search).has("highlight")) return;
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

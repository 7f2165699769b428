// A language chosen with the switcher is remembered, so the site's root
// (_ext/portfolio/site_root.py) opens that language next time.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a[data-language-choice]");
  if (!link) return;
  try {
    localStorage.setItem("portfolio-language", link.hreflang);
  } catch (error) {
    // Storage disabled: the link still works, the choice is just not kept.
  }
});

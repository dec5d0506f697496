// @ts-check
/*
 * The one way the site's modules mount their components on every page.
 *
 * Material's instant navigation swaps the page without running its modules again; its document$ emits on
 * the first load and after every swap. A module loaded with `async` (the self-scoring page) may run before
 * Material's bundle has made document$, so the page at hand is mounted at once and document$ followed as
 * soon as it exists. Each element is mounted once, however often document$ emits for its page.
 * (The classic scripts in mkdocs.yml's extra_javascript use site.js's window.pingluOnEveryPage, the same
 * rule for scripts that cannot import.)
 */

/**
 * Run `run` now and after every instant navigation.
 * @param {() => void} run
 */
export function onEveryPage(run) {
  run();
  const follow = () => {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(run);
  };
  if (window.document$ || document.readyState !== "loading") follow();
  else document.addEventListener("DOMContentLoaded", follow, { once: true });
}

/**
 * Mount every element matching `selector`, on this page and on every page reached later, once each.
 * @param {string} selector
 * @param {(root: HTMLElement) => void} mount
 */
export function mountEach(selector, mount) {
  const mounted = new WeakSet();
  onEveryPage(() => {
    for (const root of document.querySelectorAll(selector)) {
      if (mounted.has(root) || !(root instanceof HTMLElement)) continue;
      mounted.add(root);
      mount(root);
    }
  });
}

// Keyboard access to scrollable regions (WCAG 2.1.1): wide tables scroll sideways on phones, so their
// scroll containers must be focusable and named. Runs on every page, including after instant navigation.
(function () {
  function label() {
    return document.documentElement.lang && document.documentElement.lang.indexOf("zh") === 0
      ? "可左右滚动的表格" : "Scrollable table";
  }
  function mark() {
    var regions = document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset .scroll-x, .md-typeset [data-scroll-region]");
    for (var i = 0; i < regions.length; i++) {
      var region = regions[i];
      if (!region.hasAttribute("tabindex")) region.setAttribute("tabindex", "0");
      if (!region.hasAttribute("role")) region.setAttribute("role", "region");
      if (!region.hasAttribute("aria-label") && !region.hasAttribute("aria-labelledby")) region.setAttribute("aria-label", label());
    }
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mark);
  } else {
    document.addEventListener("DOMContentLoaded", mark);
  }
})();

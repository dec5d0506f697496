// Keyboard access to scrollable regions (WCAG 2.1.1): wide tables scroll sideways on phones, so their
// scroll containers must be focusable and named. Runs on every page, including after instant navigation.
(function () {
  function label() {
    return document.documentElement.lang && document.documentElement.lang.indexOf("zh") === 0
      ? "可左右滚动的表格"
      : "Scrollable table";
  }
  // What the table is about: its caption, else the nearest heading or group label before it. Landmarks
  // named alike cannot be told apart (a unit page has several tables), so the name says which table.
  function context(region) {
    var caption = region.querySelector("caption");
    if (caption) return caption.textContent;
    for (var node = region; node && !node.matches(".md-content"); node = node.parentElement) {
      for (var before = node.previousElementSibling; before; before = before.previousElementSibling) {
        if (before.matches("h1, h2, h3, h4, h5, h6, .unit-group-label")) return before.textContent;
      }
    }
    return "";
  }
  function mark() {
    var regions = document.querySelectorAll(
      ".md-typeset__scrollwrap, .md-typeset .scroll-x, .md-typeset [data-scroll-region]",
    );
    var used = {};
    for (var i = 0; i < regions.length; i++) {
      var region = regions[i];
      if (!region.hasAttribute("tabindex")) region.setAttribute("tabindex", "0");
      if (!region.hasAttribute("role")) region.setAttribute("role", "region");
      if (region.hasAttribute("aria-labelledby")) continue;
      var name = region.getAttribute("aria-label");
      if (!name || region.hasAttribute("data-scroll-named")) {
        var about = context(region)
          .replace(/[\s¶]+/g, " ")
          .replace(/[：:\s]+$/, "")
          .trim();
        name = about ? label() + (label().charCodeAt(0) > 255 ? "：" : ": ") + about : label();
      }
      // Still alike (two tables under one heading): numbered.
      used[name] = (used[name] || 0) + 1;
      if (used[name] > 1) name += " (" + used[name] + ")";
      region.setAttribute("aria-label", name);
      region.setAttribute("data-scroll-named", "");
    }
  }
  window.pingluOnEveryPage(mark);
})();

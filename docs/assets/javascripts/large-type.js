/*
 * Large type for projecting a page in a training session: the button on every indicator page
 * (site_macros/indicators.py, [data-large-type-toggle]) puts the class "large-type" on <html>
 * (assets/stylesheets/indicators.css). The choice is remembered (localStorage) so that the next
 * indicator page opens the same way, and re-applied after every instant navigation. No request
 * leaves the page.
 */
(function () {
  "use strict";

  var KEY = "pinglu.largeType";
  var CLASS = "large-type";

  function stored() {
    try {
      return window.localStorage.getItem(KEY) === "1";
    } catch {
      return false;
    }
  }

  function store(on) {
    try {
      if (on) {
        window.localStorage.setItem(KEY, "1");
      } else {
        window.localStorage.removeItem(KEY);
      }
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }

  function apply(on) {
    document.documentElement.classList.toggle(CLASS, on);
    var buttons = document.querySelectorAll("[data-large-type-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  function sync() {
    // Large type belongs to the pages that offer the button; other pages keep the normal size.
    var offered = document.querySelector("[data-large-type-toggle]") !== null;
    apply(offered && stored());
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-large-type-toggle]") : null;
    if (!target) {
      return;
    }
    var on = !document.documentElement.classList.contains(CLASS);
    store(on);
    apply(on);
  });

  window.pingluOnEveryPage(sync);
})();

/*
 * Elderly-friendly controls (适老化): two buttons in the header, on every page, for larger text and for
 * higher contrast. The choices are kept in this browser (localStorage) and apply to every page until
 * switched off; nothing leaves the browser. Styles: assets/stylesheets/elder.css.
 */
(function () {
  "use strict";

  var CONTROLS = [
    { key: "pinglu.elder.large", cls: "elder-large", text: "A+", label: { zh: "大字号", en: "Larger text" } },
    { key: "pinglu.elder.contrast", cls: "elder-contrast", text: "◐", label: { zh: "高对比度", en: "High contrast" } },
  ];

  function lang() {
    return (document.documentElement.lang || "zh").indexOf("zh") === 0 ? "zh" : "en";
  }

  function read(key) {
    try {
      return window.localStorage.getItem(key) === "1";
    } catch {
      return false;
    }
  }

  function write(key, on) {
    try {
      if (on) window.localStorage.setItem(key, "1");
      else window.localStorage.removeItem(key);
    } catch {
      /* storage forbidden: the choice lasts for this page */
    }
  }

  function apply() {
    CONTROLS.forEach(function (control) {
      var on = read(control.key);
      document.documentElement.classList.toggle(control.cls, on);
      var button = document.querySelector("[data-elder='" + control.cls + "']");
      if (button) button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function mount() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".elder-controls")) return;
    var group = document.createElement("div");
    group.className = "elder-controls";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", lang() === "zh" ? "阅读辅助" : "Reading aids");
    CONTROLS.forEach(function (control) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "elder-toggle md-header__button";
      button.setAttribute("data-elder", control.cls);
      // The accessible name contains the visible text ("A+"), as WCAG 2.5.3 asks.
      button.setAttribute("aria-label", control.label[lang()] + (control.text === "A+" ? " A+" : ""));
      button.title = control.label[lang()];
      button.textContent = control.text;
      button.addEventListener("click", function () {
        write(control.key, !read(control.key));
        apply();
      });
      group.appendChild(button);
    });
    var search = header.querySelector(".site-search");
    header.insertBefore(group, search || null);
  }

  function refresh() {
    mount();
    apply();
  }

  apply(); // as early as possible, before the header exists, to avoid a flash of small text
  window.pingluOnEveryPage(refresh);
})();

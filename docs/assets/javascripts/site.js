/*
 * Small site behaviours (no external requests).
 *
 * 1. Language link: Material's instant navigation swaps the page body but keeps the header, so the
 *    header's link to the other language would keep pointing at the first page visited. After every
 *    page load (document$ emits on the first load and on each instant navigation) copy the target from
 *    the page's own <link rel="alternate" hreflang="…"> into the header link.
 * 2. Printing: open every collapsed <details> block before printing and close them again afterwards.
 */
(function () {
  "use strict";

  function updateLanguageLinks() {
    var links = document.querySelectorAll("a[data-site-alternate][hreflang]");
    for (var i = 0; i < links.length; i++) {
      var lang = links[i].getAttribute("hreflang");
      var alt = document.head.querySelector('link[rel="alternate"][hreflang="' + lang + '"]');
      if (alt && alt.href) {
        links[i].href = alt.href;
      }
    }
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(updateLanguageLinks);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", updateLanguageLinks);
  } else {
    updateLanguageLinks();
  }

  window.addEventListener("beforeprint", function () {
    var closed = document.querySelectorAll("details:not([open])");
    for (var i = 0; i < closed.length; i++) {
      closed[i].setAttribute("open", "");
      closed[i].setAttribute("data-print-opened", "");
    }
  });

  window.addEventListener("afterprint", function () {
    var opened = document.querySelectorAll("details[data-print-opened]");
    for (var i = 0; i < opened.length; i++) {
      opened[i].removeAttribute("open");
      opened[i].removeAttribute("data-print-opened");
    }
  });
})();

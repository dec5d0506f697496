/*
 * Small site behaviours (no external requests).
 *
 * 1. Language link. Material's instant navigation swaps the article but keeps the header, so the
 *    header's link to the other language would keep pointing at the first page visited. After every
 *    page load (document$ emits on the first load and after each instant navigation) the link takes
 *    its address from the article's hidden list of this page's addresses (overrides/main.html).
 * 2. Changing language is a full page load. Instant navigation would swap the article only, leaving
 *    the header, the search index and <html lang> in the old language. A link into the other
 *    language's part of the site is marked target="_self" just before Material sees the click
 *    (capture phase), and Material leaves links with a target to the browser.
 * 3. Printing: open every collapsed <details> block before printing and close them again afterwards.
 * 4. Changing language keeps the reader's place: the language link carries the anchor of the passage at
 *    the top of the screen (both editions are built from the same data, so their anchors are the same).
 *    Where the other edition has no such anchor, the anchor is dropped on arrival and the page opens at
 *    its top, as it would without one.
 * 5. The header's real height in --site-header-height (on phones it has two rows, extra.css), for what
 *    sticks below it (the self-scoring page's score bar) and for where an anchor lands.
 */
(function () {
  "use strict";

  var LANGUAGE_PREFIXES = ["en/"]; // every language but the default one lives under its own folder

  // Resolved once, as Material does with its own copy: instant navigation keeps the first page's
  // __config, whose relative base ("..") would point elsewhere once resolved against a later address.
  var SITE_ROOT = resolveSiteRoot();
  function siteRoot() {
    return SITE_ROOT;
  }

  function resolveSiteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    if (config) {
      try {
        base = JSON.parse(config.textContent).base || ".";
      } catch {
        base = ".";
      }
    }
    var root = new URL(base, location.href).href;
    return root.charAt(root.length - 1) === "/" ? root : root + "/";
  }

  // The one definition of the site's root address; search.js (loaded after this file) uses it too.
  window.pingluSiteRoot = siteRoot;

  // The one way the classic scripts (mkdocs.yml's extra_javascript, loaded after this file) run something
  // on every page: Material's document$ emits on the first load and after each instant navigation; without
  // it, once the page has loaded. (Modules use mount.js, which also copes with running before Material.)
  function onEveryPage(run) {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(run);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }
  window.pingluOnEveryPage = onEveryPage;

  function languageOf(href, root) {
    if (href.indexOf(root) !== 0) {
      return null; // not part of this site
    }
    var rest = href.slice(root.length);
    for (var i = 0; i < LANGUAGE_PREFIXES.length; i++) {
      if (rest.indexOf(LANGUAGE_PREFIXES[i]) === 0) {
        return LANGUAGE_PREFIXES[i];
      }
    }
    return "";
  }

  function updateLanguageLinks() {
    var links = document.querySelectorAll("a[data-site-alternate][hreflang]");
    for (var i = 0; i < links.length; i++) {
      var lang = links[i].getAttribute("hreflang");
      var target = document.querySelector('a[data-site-alternate-target][hreflang="' + lang + '"]');
      if (target && target.href) {
        links[i].href = target.href;
      }
    }
  }

  document.addEventListener(
    "click",
    function (event) {
      var el = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!el || el.target) {
        return;
      }
      var root = siteRoot();
      var to = languageOf(el.href, root);
      if (to !== null && to !== languageOf(location.href, root)) {
        el.target = "_self";
      }
    },
    true,
  );

  // The last anchored element that starts above a line a fifth of the screen below the fixed header (what
  // the reader is looking at), if the reader has scrolled; otherwise the address's own anchor when its
  // target is on screen.
  function currentAnchor() {
    var article = document.querySelector("article.md-content__inner");
    if (!article) {
      return "";
    }
    var header = document.querySelector(".md-header");
    var top = (header ? header.getBoundingClientRect().bottom : 0) + window.innerHeight / 5;
    var found = "";
    var anchored = article.querySelectorAll("[id]");
    for (var i = 0; i < anchored.length; i++) {
      var el = anchored[i];
      if (el.id.indexOf("__") === 0 || !el.getClientRects().length) {
        continue; // Material's own ids (code lines, tabs) and hidden elements are no place to land
      }
      if (el.getBoundingClientRect().top <= top) {
        found = el.id;
      } else {
        break; // document order: everything after this is further down
      }
    }
    if (found && window.scrollY > 0) {
      return found;
    }
    var hashTarget =
      location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (hashTarget && hashTarget.getBoundingClientRect().top < window.innerHeight) {
      return hashTarget.id;
    }
    return "";
  }

  document.addEventListener(
    "click",
    function (event) {
      var link = event.target instanceof Element ? event.target.closest("a[data-site-alternate]") : null;
      if (!link) {
        return;
      }
      updateLanguageLinks(); // the address without any anchor, then this moment's anchor
      var anchor = currentAnchor();
      if (anchor) {
        link.href = link.href.split("#")[0] + "#" + encodeURIComponent(anchor);
      }
    },
    true,
  );

  // Arriving with an anchor this edition does not have: drop it, so the address does not promise a place.
  // Anchors a script draws later are kept: an element's data-anchors-drawn names their prefix (the
  // self-scoring form's "indicator-", which the calculators' "use these values" link points at).
  function dropUnknownAnchor() {
    var anchor = location.hash.slice(1);
    try {
      anchor = decodeURIComponent(anchor);
    } catch {
      // a malformed %-escape: compare it as it stands
    }
    var drawnLater = Array.prototype.some.call(document.querySelectorAll("[data-anchors-drawn]"), function (el) {
      return anchor.indexOf(el.getAttribute("data-anchors-drawn")) === 0;
    });
    if (anchor && !drawnLater && !document.getElementById(anchor)) {
      history.replaceState(history.state, "", location.pathname + location.search);
    }
  }

  dropUnknownAnchor();

  var observedHeader = null;
  function trackHeaderHeight() {
    var header = document.querySelector(".md-header");
    if (!header || header === observedHeader || typeof ResizeObserver === "undefined") {
      return;
    }
    observedHeader = header;
    new ResizeObserver(function () {
      document.documentElement.style.setProperty("--site-header-height", header.getBoundingClientRect().height + "px");
    }).observe(header);
  }
  trackHeaderHeight();

  onEveryPage(updateLanguageLinks);
  onEveryPage(trackHeaderHeight);

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

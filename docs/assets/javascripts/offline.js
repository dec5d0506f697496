// Registers the site's service worker (sw.js at the site root, written by hooks/offline.py), so the site
// and the self-scoring runtime keep working offline after the first visit. Nothing is sent anywhere.
// On the self-scoring page the worker is registered only once the scoring engine has loaded (or failed),
// and then asked to cache only the engine's files, which it revalidates against the browser's HTTP cache
// (304s: the engine is not downloaded twice); the rest of the site is cached as it is visited. On any
// other page it is asked to cache the whole site, engine included.
(function () {
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var script = document.currentScript && document.currentScript.src;
  if (!script) return;
  var root = script.replace(/assets\/javascripts\/offline\.js(\?.*)?$/, "");
  var ENGINE_WAIT_MS = 120000; // the engine reports failure after 90 s; this covers a page whose script never ran

  function register(fill) {
    navigator.serviceWorker
      .register(root + "sw.js", { scope: root })
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        if (registration.active) registration.active.postMessage({ fill: fill });
      })
      .catch(function () {
        // Private browsing or a policy can forbid service workers: the site still works online.
      });
  }

  window.addEventListener("load", function () {
    if (!document.querySelector("[data-selfscore]")) {
      register("all");
      return;
    }
    if (window.__selfscoreEngineSettled) {
      register("runtime");
      return;
    }
    var done = false;
    function once() {
      if (!done) {
        done = true;
        register("runtime");
      }
    }
    window.addEventListener("selfscore:engine-settled", once);
    setTimeout(once, ENGINE_WAIT_MS);
  });
})();

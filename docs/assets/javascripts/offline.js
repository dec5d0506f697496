// Registers the site's service worker (sw.js at the site root, written by hooks/offline.py), so the site
// and the self-scoring runtime keep working offline after the first visit. Nothing is sent anywhere.
// On the self-scoring page the worker is registered only once the scoring engine has loaded (or failed):
// its precache would otherwise download the Pyodide runtime a second time while the engine downloads it,
// and the precache then finds the runtime in the browser's HTTP cache (sw.js revalidates those files).
(function () {
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var script = document.currentScript && document.currentScript.src;
  if (!script) return;
  var root = script.replace(/assets\/javascripts\/offline\.js(\?.*)?$/, "");
  var ENGINE_WAIT_MS = 120000; // the engine reports failure after 90 s; this covers a page whose script never ran

  function register() {
    navigator.serviceWorker.register(root + "sw.js", { scope: root }).catch(function () {
      // Private browsing or a policy can forbid service workers: the site still works online.
    });
  }

  window.addEventListener("load", function () {
    if (!document.querySelector("[data-selfscore]") || window.__selfscoreEngineSettled) {
      register();
      return;
    }
    var done = false;
    function once() {
      if (!done) {
        done = true;
        register();
      }
    }
    window.addEventListener("selfscore:engine-settled", once);
    setTimeout(once, ENGINE_WAIT_MS);
  });
})();

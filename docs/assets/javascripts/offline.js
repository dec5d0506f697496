// Registers the site's service worker (sw.js at the site root, written by hooks/offline.py), so the site
// and the self-scoring runtime keep working offline after the first visit. Nothing is sent anywhere.
(function () {
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var script = document.currentScript && document.currentScript.src;
  if (!script) return;
  var root = script.replace(/assets\/javascripts\/offline\.js(\?.*)?$/, "");
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(root + "sw.js", { scope: root }).catch(function () {
      // Private browsing or a policy can forbid service workers: the site still works online.
    });
  });
})();

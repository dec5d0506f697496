/*
 * Indicator pages (and slides): the live calculator's bootstrap. Small on purpose: nothing else loads
 * until the reader opens the calculator or moves focus into it; then app.js and the scoring worker
 * (engine/client.js, the same module and so the same worker as the self-scoring page) come in.
 *
 * Loaded as a module; with Material's instant navigation it runs once, and binds the calculators of every
 * later page through document$. Module state (the worker) survives instant navigation.
 */
import { mountEach } from "../mount.js";

function bind(details) {
  if (details.dataset.calcBound) return;
  details.dataset.calcBound = "1";
  const start = () => {
    details.removeEventListener("toggle", onToggle);
    details.removeEventListener("focusin", start);
    import("./app.js").then((app) => app.mount(details));
  };
  const onToggle = () => {
    if (details.open) start();
  };
  details.addEventListener("toggle", onToggle);
  details.addEventListener("focusin", start);
  if (details.open) start();
}

mountEach("details[data-calculator]", bind);

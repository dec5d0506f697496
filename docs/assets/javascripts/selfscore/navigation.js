// @ts-check
/*
 * Moving around the form: opening an indicator (it may be folded) and bringing it into view, "next open
 * indicator", the index's, gap lists' and conflict list's links (a[data-goto]), and arriving at
 * self-scoring/#indicator-N (the calculators' "use these values" link).
 */

/**
 * @param {HTMLElement} root  the page's root: its a[data-goto] links are followed here
 * @param {object} options
 * @param {any} options.t  the page's texts
 * @param {() => Map<number, string>} options.states  each indicator's state (summary.js), in form order
 * @param {() => boolean} options.oneAtATime  whether the form shows one indicator at a time (phones)
 * @param {(number: number) => void} options.open  unfolds indicator `number`
 * @param {(kind: string, text: string, withUndo: boolean) => void} options.showMessage
 */
export function indicatorNavigation(root, { t, states, oneAtATime, open, showMessage }) {
  /** Opens indicator `number` and scrolls it to the top; its article, or null if the form has none. */
  function showIndicator(number) {
    const article = document.getElementById("indicator-" + number);
    if (!article) return null;
    open(number);
    article.scrollIntoView({ block: "start" });
    return article;
  }

  /** The next indicator after `from` (or after the one in view) that is not done; opens it and focuses its first field. */
  function goToNextOpen(from) {
    const numbers = [...states().keys()];
    if (!numbers.length) return;
    let start = from;
    if (start === null) {
      const shown = document.querySelector(".selfscore-indicator[data-open='1']");
      start = shown instanceof HTMLElement && oneAtATime() ? Number(shown.dataset.indicator) : null;
    }
    const after = start === null ? 0 : numbers.indexOf(start) + 1;
    const order = numbers.slice(after).concat(numbers.slice(0, after));
    const next = order.find((n) => states().get(n) !== "done" && n !== start);
    if (next === undefined) {
      showMessage("done", t.allAnswered, false);
      return;
    }
    const article = showIndicator(next);
    const field = article?.querySelector(
      ".selfscore-indicator-body input, .selfscore-indicator-body select, .selfscore-indicator-body textarea",
    );
    if (field instanceof HTMLElement) field.focus({ preventScroll: true });
  }

  // The indicator the address names is opened and brought into view once the form is drawn, and again when
  // the first score has drawn the summary above it (which pushes it down), unless the reader has moved on.
  const hashTarget = /^#indicator-(\d+)$/.exec(location.hash);
  let jumpTarget = hashTarget ? Number(hashTarget[1]) : null;
  for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) {
    window.addEventListener(
      type,
      () => {
        jumpTarget = null;
      },
      { once: true, passive: true },
    );
  }
  /** Shows the address's indicator, if the reader has not moved on; `last`: the page will not move it again. */
  function jumpToTarget(last = false) {
    if (jumpTarget !== null && !showIndicator(jumpTarget)) jumpTarget = null;
    if (last) jumpTarget = null;
  }

  root.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[data-goto]") : null;
    if (!(link instanceof HTMLAnchorElement)) return;
    event.preventDefault();
    event.stopPropagation();
    const article = showIndicator(Number(link.dataset.goto));
    if (!article) return;
    // A link to a disputed figure's chooser lands on the chooser's first value, not the indicator's top.
    const chooser = link.hash.startsWith("#conflict-") ? article.querySelector(link.hash) : null;
    if (chooser) {
      chooser.scrollIntoView({ block: "center" });
      chooser.querySelector("button")?.focus({ preventScroll: true });
    } else {
      const fold = article.querySelector(".selfscore-fold");
      if (fold instanceof HTMLElement) fold.focus({ preventScroll: true });
    }
  });

  return { showIndicator, goToNextOpen, jumpToTarget };
}

// @ts-check
/*
 * The printed report (export.js's buildReport), hidden on screen: redrawn once typing pauses, and always on
 * beforeprint, which every way of printing fires (the button, Ctrl+P, the browser's menu), so that it shows
 * what was typed a moment ago (an evidence note, say), not the state of the last rescore.
 */
import { latestComparison } from "./compare.js";
import { el } from "./dom.js";
import { buildReport } from "./export.js";

const PRINT_REPORT_PAUSE_MS = 300;

/**
 * @param {HTMLElement} box  the report's element
 * @param {object} options
 * @param {HTMLElement} options.root  the page's root: once it is gone, so are the report and its listener
 * @param {"zh" | "en"} options.lang
 * @param {any} options.t  the page's texts
 * @param {() => {report: any, stale: boolean, form: any, data: any, problems: any[]}} options.state
 *   calc's report on screen (stale: for data Python has not scored yet), the form, the work, its problems
 */
export function printReport(box, { root, lang, t, state }) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  function render() {
    const { report, stale, form, data, problems } = state();
    box.textContent = "";
    if (!report || stale || !form) {
      box.append(el("section", { class: "selfscore-report" }, el("p", { text: t.reportPending })));
      return;
    }
    box.append(
      buildReport(document, {
        report,
        form,
        data,
        lang,
        t,
        date: new Date(),
        problems,
        comparison: latestComparison(),
      }),
    );
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (root.isConnected) render();
    }, PRINT_REPORT_PAUSE_MS);
  }

  const beforePrint = () => {
    if (root.isConnected) render();
    else window.removeEventListener("beforeprint", beforePrint);
  };
  window.addEventListener("beforeprint", beforePrint);

  return { render, schedule };
}

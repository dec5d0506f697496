/*
 * Self-scoring page: mounts the modules on [data-selfscore]. The form is drawn from
 * assets/selfscore/form.json (written by hooks/pyodide_assets.py from the compiled ruleset); every number
 * shown is calc's: the worker's (Pyodide + calc), or, while Python loads, an answer calc gave earlier for
 * exactly the data on screen ("known answers" below). Modules:
 *   ../engine/        worker, client (the worker and its calls), store (saving, undo, merge state),
 *                     contract (calc's words and limits), snapshot; shared with the indicator calculators
 *   form.js           the inputs, folding            summary.js   results, progress, index, score bar
 *   problems.js       error summary, export warning  toolbar.js   settings, export, import, print
 *   merge.js          merging files, disputes        export.js    CSV and the printed report
 *   show-value.js     a stored value in words        compare.js   compare with an earlier file
 *   status.js         the engine's loading line      scheduler.js when calc is asked (one call at a time)
 *   known.js          the build's answers for the blank form of every year
 *   storage-panel.js  saving, and saying when not    undo.js      messages with one level of undo
 *   navigation.js     opening and going to an indicator, the address's #indicator-N
 *   print-report.js   the printed report             safe-drawing.js  the panel when drawing fails
 *
 * Loaded as an async module; Material's instant navigation runs it once, so it mounts on the first load and
 * again on every later visit (../mount.js, the end of this file).
 */
import { mountEach } from "../mount.js";
import { TEXT } from "./text.js";
import { useContract } from "../engine/contract.js";
import { el } from "./dom.js";
import { call, engineState, onEngineState, startEngine } from "../engine/client.js";
import {
  blankAssessment,
  followOtherTabs,
  loadMergeState,
  loadWork,
  saveAnswer,
  saveMergeState,
  savedAnswerFor,
  takeCarried,
} from "../engine/store.js";
import { pick } from "./export.js";
import { applyFolding, renderForm, setOpen } from "./form.js";
import { renderConflictList, renderMergeBox, settleTyped } from "./merge.js";
import { renderProblems } from "./problems.js";
import { scoreScheduler } from "./scheduler.js";
import { blankAnswerFor } from "./known.js";
import { drawStatus } from "./status.js";
import { indicatorStates, renderIndex, renderResults, renderSticky, renderSummary } from "./summary.js";
import { renderToolbar } from "./toolbar.js";
import { indicatorNavigation } from "./navigation.js";
import { printReport } from "./print-report.js";
import { safeDrawing } from "./safe-drawing.js";
import { storagePanel } from "./storage-panel.js";
import { undoableWork } from "./undo.js";

const ASSETS = new URL("../../", import.meta.url);
const PHONE = "(max-width: 44.9375em)";
const SAVE_ANSWER_PAUSE_MS = 300;

function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "1";
  const lang = root.dataset.lang === "en" ? "en" : "zh";
  const t = TEXT[lang];
  root.textContent = "";
  root.classList.add("selfscore");

  const status = el("div", { class: "selfscore-status", role: "status" });
  const errorSummary = el("div", {
    class: "selfscore-errors",
    tabindex: "-1",
    role: "alert",
    "aria-labelledby": "selfscore-errors-title",
    hidden: true,
  });
  const warnBox = el("div", {
    class: "selfscore-warn",
    tabindex: "-1",
    role: "alertdialog",
    "aria-labelledby": "selfscore-warn-title",
    hidden: true,
  });
  const messages = el("div", { class: "selfscore-messages", "aria-live": "polite" });
  // What storage and drawing say stays until it is settled (not replaced by the next message).
  const storageBox = el("div", { class: "selfscore-storage", hidden: true });
  const brokenBox = el("div", { class: "selfscore-broken", role: "alert", hidden: true });
  const toolbar = el("div", { class: "selfscore-toolbar" });
  const mergeBox = el("details", { class: "selfscore-merge" });
  const conflictList = el("section", { class: "selfscore-conflict-list", "aria-live": "polite", hidden: true });
  const summary = el(
    "section",
    { class: "selfscore-summary", id: "selfscore-summary", "aria-labelledby": "selfscore-summary-title" },
    el("p", { text: t.notYet }),
  );
  const nav = el("nav", { class: "selfscore-nav", "aria-label": t.indexTitle });
  const sticky = el("div", { class: "selfscore-sticky" });
  const formBox = el("div", { class: "selfscore-form" });
  const reportBox = el("div", { class: "selfscore-report-box" });
  // "Compare with an earlier file" (compare.js, its own element on the page) sits under the summary,
  // where the scores it compares are, not after indicator 41.
  const compareSlot = el("div", { class: "selfscore-compare-slot" });
  const compareRoot = document.querySelector("[data-selfscore-compare]");
  if (compareRoot) compareSlot.append(compareRoot);
  root.append(
    status,
    brokenBox,
    storageBox,
    errorSummary,
    warnBox,
    messages,
    toolbar,
    mergeBox,
    conflictList,
    summary,
    compareSlot,
    nav,
    sticky,
    formBox,
    reportBox,
  );

  const phone = window.matchMedia(PHONE);
  let saveAnswerTimer = null;
  let lastProblemsKey = "";
  let answersDrawn = 0; // data-scored on the summary: which answer the page shows (tests and the benchmark wait on it)

  const ctx = {
    root,
    lang,
    t,
    tr: (value) => pick(value, lang),
    warnBox,
    form: null,
    data: null,
    report: null,
    problems: [],
    states: new Map(),
    merge: loadMergeState(),
    reportStale: false, // the report on screen is for the data before a change that Python has not scored yet
    view: { oneAtATime: phone.matches, foldDone: false, opened: new Map() },
    // Every keystroke rescores at once (calc answers in a few ms); keystrokes that arrive while the
    // worker is busy are scored together when it is free, so the page never queues stale calls.
    changed() {
      storeWork();
      rescore();
    },
    factEdited(key, year) {
      if (settleTyped(ctx, key, year)) {
        const chooser =
          root.querySelector("[data-conflict='" + key + (year ? "/" + year : "") + "'].selfscore-conflict") ||
          root.querySelector("[data-conflict='" + key + "'].selfscore-conflict");
        if (chooser) chooser.remove();
        renderConflictList(ctx, conflictList);
      }
    },
    openConflicts: () => (ctx.merge ? ctx.merge.conflicts.filter((c) => !c.resolved) : []),
    saveMerge: () => saveMergeState(ctx.merge),
    rerenderForm() {
      renderForm(ctx, formBox);
      lastProblemsKey = "";
    },
    redrawAll,
    refold: () => applyFolding(ctx),
    openIndicator: (number) => setOpen(ctx, number, true),
    goToNextOpen: (from) => navigation.goToNextOpen(from),
    showMessage: (kind, text, withUndo) => work.showMessage(kind, text, withUndo),
    replaceWork: (next, message, merge) => work.replaceWork(next, message, merge),
    carried: null, // {indicator, undo}: a calculator's "use these values" just landed here
    undoCarried() {
      ctx.carried = null;
      work.undo();
    },
  };

  const work = undoableWork(messages, {
    t,
    current: () => ({ data: ctx.data, merge: ctx.merge }),
    put: (next, replaced) => {
      ctx.data = next.data;
      ctx.merge = next.merge;
      if (replaced) {
        ctx.report = null;
        ctx.view.opened.clear();
      }
    },
    store: (force) => storage.store(force),
    redraw: () => redrawAll(),
  });
  const storage = storagePanel(storageBox, {
    t,
    data: () => ctx.data,
    takeOther: (other) => {
      ctx.data = other;
      ctx.merge = loadMergeState();
      ctx.report = null;
      redrawAll();
    },
    undo: work.undo,
    showMessage: work.showMessage,
  });
  const drawSafely = safeDrawing(brokenBox, formBox, {
    t,
    data: () => ctx.data,
    hasUndo: work.hasUndo,
    undo: work.undo,
    startOver: () => work.replaceWork(blankAssessment(ctx.form), t.cleared, null),
  });
  const navigation = indicatorNavigation(root, {
    t,
    states: () => ctx.states,
    oneAtATime: () => ctx.view.oneAtATime,
    open: (number) => setOpen(ctx, number, true),
    showMessage: work.showMessage,
  });
  const printed = printReport(reportBox, {
    root,
    lang,
    t,
    state: () => ({
      report: ctx.report,
      stale: ctx.reportStale,
      form: ctx.form,
      data: ctx.data,
      problems: ctx.problems,
    }),
  });
  const storeWork = () => storage.store(false);

  function redrawAll() {
    lastProblemsKey = "";
    if (
      !drawSafely(() => {
        renderToolbar(ctx, toolbar);
        renderForm(ctx, formBox);
        renderConflictList(ctx, conflictList);
        printed.render();
      })
    )
      return;
    rescore();
  }

  /* ----- loading status (status.js) ----- */

  function renderStatus(state) {
    drawStatus(status, state, { t, summary, form: ctx.form });
    if (state.status === "ready") rescore();
  }

  /* ----- scoring ----- */

  const scheduledRescore = scoreScheduler({
    data: () => ctx.data,
    ready: () => engineState().status === "ready",
    score: (sent) => call("score", sent),
    whileLoading: () => showKnownAnswer(),
    draw: (answer, sent, text) => {
      drawAnswer(answer, "python");
      keepAnswer(sent, text);
    },
    fail: (err) => work.showMessage("error", String((err && err.message) || err), false),
  });
  function rescore() {
    if (ctx.form) scheduledRescore();
  }

  /** Draws calc's answer; `by`: "python" (the worker's), "build" or "saved" (known answers, below). */
  function drawAnswer(answer, by) {
    drawSafely(() => drawAnswerUnguarded(answer, by));
  }

  function drawAnswerUnguarded(answer, by) {
    ctx.problems = answer.problems || [];
    const key = JSON.stringify(ctx.problems.map((p) => [p.field, p.message]));
    if (key !== lastProblemsKey) {
      lastProblemsKey = key;
      renderProblems(ctx, errorSummary, ctx.problems);
    }
    if (!answer.report) return;
    const firstReport = !ctx.report;
    ctx.report = answer.report;
    ctx.reportStale = false;
    delete root.dataset.pending;
    ctx.states = indicatorStates(ctx, answer.report);
    renderSummary(ctx, summary, answer.report);
    renderSticky(ctx, sticky, answer.report, ctx.states);
    renderIndex(ctx, nav, ctx.states);
    renderResults(ctx, answer.report, ctx.states);
    summary.dataset.scoredBy = by;
    if (by === "python")
      summary.dataset.scored = String(++answersDrawn); // counts the worker's answers only
    else renderStatus(engineState()); // says where these scores come from
    if (firstReport) {
      applyFolding(ctx);
      navigation.jumpToTarget(true);
    }
    printed.schedule();
    if (by === "python") document.dispatchEvent(new CustomEvent("selfscore:answered")); // compare.js compares again
  }

  /* ----- known answers: scores before Python has loaded ----- */

  // calc's answer depends only on calc (its source hash) and the data. While Python loads, the page draws
  // an answer calc has already given for exactly the data on screen (compared key by key): the build's,
  // for the blank form of any first year the year box offers (form.json, known_answers: known.js), or the
  // last one the worker gave in this browser (store.js). The worker's own answer follows as soon as it is ready and redraws only what differs,
  // which is nothing. A change made before then has no known answer: the old scores make way for a
  // line saying it will be scored, and the report cannot be printed or exported until it is.
  function showKnownAnswer() {
    const built = blankAnswerFor(ctx.form.known_answers, ctx.data);
    const known = built
      ? { answer: built, by: "build" }
      : { answer: savedAnswerFor(ctx.form.source_hash, ctx.data), by: "saved" };
    if (known.answer) {
      drawAnswer(known.answer, known.by);
      return;
    }
    if (!summary.dataset.scoredBy) return; // nothing drawn yet: the summary still says when scores come
    ctx.reportStale = true;
    root.dataset.pending = "1";
    for (const name of ["total", "passed", "scoredBy", "unitScore", "unitMax"]) delete summary.dataset[name];
    summary.selfscoreDrawn = null;
    summary.textContent = "";
    summary.append(el("p", { class: "selfscore-pending" }));
    renderStatus(engineState()); // writes the line: scored once the engine has loaded, or that it could not load
  }

  /** Keeps the worker's latest answer (once typing pauses), for the next visit to show at once. */
  function keepAnswer(sent, text) {
    const info = engineState().info;
    if (!info || info.sourceHash !== ctx.form.source_hash) return; // another calc than the page's: not this page's answer
    clearTimeout(saveAnswerTimer);
    saveAnswerTimer = setTimeout(() => saveAnswer(info.sourceHash, sent, text), SAVE_ANSWER_PAUSE_MS);
  }

  // The page's early start script has already asked for form.json (window.__selfscoreBoot.form) while the
  // page and these modules loaded; a page reached by instant navigation asks for it here.
  const boot = window.__selfscoreBoot;
  const early = boot && boot.form;
  if (boot) boot.form = null;
  const formUrl = new URL("selfscore/form.json", ASSETS);
  (early ? early.catch(() => fetch(formUrl)) : fetch(formUrl))
    .then((r) => r.json())
    .then((loaded) => {
      useContract(loaded.contract);
      ctx.form = loaded;
      const stored = loadWork(loaded);
      ctx.data = stored.data;
      ctx.carried = takeCarried();
      if (stored.damaged !== null) storage.show("damaged");
      else if (stored.unavailable) storage.show("failed");
      renderMergeBox(ctx, mergeBox);
      redrawAll();
      // Another tab's edits arrive here as it saves them, and replace what this tab shows (this tab's own
      // edits were saved as they were typed, so nothing of this tab's is lost by it).
      const stopFollowing = followOtherTabs((other) => {
        if (!root.isConnected) {
          stopFollowing();
          return;
        }
        ctx.data = other;
        ctx.merge = loadMergeState();
        ctx.report = null;
        redrawAll();
        storage.show("other-tab");
      });
      renderStatus(engineState());
      navigation.jumpToTarget();
    });
  phone.addEventListener("change", () => {
    ctx.view.oneAtATime = phone.matches;
    ctx.view.opened.clear();
    if (ctx.form) {
      applyFolding(ctx);
      if (ctx.report) renderIndex(ctx, nav, ctx.states);
    }
  });
  const stop = onEngineState((state) => {
    if (root.isConnected) renderStatus(state);
    else stop();
  });
  renderStatus(engineState());
  startEngine();
}

// The page loads this module with `async`: it runs as soon as it has loaded, usually before the parser has
// reached Material's bundle, so the form and a known answer are drawn without waiting for the rest of the
// page (warm visits: the first score ~170 ms sooner); mountEach follows later pages once Material is there.
mountEach("[data-selfscore]", mount);

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
 *
 * Loaded as an async module; Material's instant navigation runs it once, so it mounts on the first load and
 * again on every later visit (../mount.js, the end of this file).
 */
import { mountEach } from "../mount.js";
import { TEXT } from "./text.js";
import { useContract } from "../engine/contract.js";
import { download, el } from "./dom.js";
import { call, engineState, onEngineState, startEngine } from "../engine/client.js";
import {
  adoptStored,
  blankAssessment,
  canonicalJson,
  damagedWork,
  followOtherTabs,
  forgetDamaged,
  loadMergeState,
  loadWork,
  opened,
  peekBackup,
  save,
  saveAnswer,
  saveBackup,
  saveMergeState,
  saveWork,
  savedAnswerFor,
  storedText,
  takeBackup,
  takeCarried,
} from "../engine/store.js";
import { buildReport, indicatorsInScope, localDate, pick } from "./export.js";
import { applyFolding, renderForm, setOpen } from "./form.js";
import { renderConflictList, renderMergeBox, settleTyped } from "./merge.js";
import { renderProblems } from "./problems.js";
import { scoreScheduler } from "./scheduler.js";
import { drawStatus } from "./status.js";
import { indicatorStates, renderIndex, renderResults, renderSticky, renderSummary } from "./summary.js";
import { renderToolbar } from "./toolbar.js";
import { latestComparison } from "./compare.js";

const ASSETS = new URL("../../", import.meta.url);
const PHONE = "(max-width: 44.9375em)";
const PRINT_REPORT_PAUSE_MS = 300;
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
  let printTimer = null;
  let saveAnswerTimer = null;
  let lastProblemsKey = "";
  let answersDrawn = 0; // data-scored on the summary: which answer the page shows (tests and the benchmark wait on it)
  let undoData = null;
  let jumpTarget = null; // the indicator the address names (#indicator-N), until the page has shown it

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
    goToNextOpen,
    showMessage,
    replaceWork,
    carried: null, // {indicator, undo}: a calculator's "use these values" just landed here
    undoCarried() {
      ctx.carried = null;
      undo();
    },
  };

  function redrawAll() {
    lastProblemsKey = "";
    if (
      !drawSafely(() => {
        renderToolbar(ctx, toolbar);
        renderForm(ctx, formBox);
        renderConflictList(ctx, conflictList);
        renderPrintReport();
      })
    )
      return;
    rescore();
  }

  /* ----- a page that cannot be bricked ----- */

  // calc has let the data through, so drawing it should never fail; should it all the same (a bug), the
  // page says so and offers the way back: the undo copy, the stored work as a file, or a fresh start.
  function drawSafely(draw) {
    try {
      draw();
      if (!brokenBox.hidden) {
        brokenBox.hidden = true;
        brokenBox.textContent = "";
        formBox.hidden = false;
      }
      return true;
    } catch (err) {
      console.error(err); // for whoever maintains the page; the reader gets the panel below
      showBroken(err);
      return false;
    }
  }

  function showBroken(err) {
    brokenBox.textContent = "";
    brokenBox.hidden = false;
    formBox.hidden = true;
    const backup = undoData || peekBackup();
    brokenBox.append(
      el("p", { class: "selfscore-message selfscore-message-error", text: t.brokenDrawing }),
      el("p", { class: "selfscore-actions" }, [
        backup
          ? el("button", {
              type: "button",
              class: "md-button md-button--primary selfscore-small",
              id: "selfscore-restore-undo",
              text: t.restoreUndo,
              onclick: undo,
            })
          : null,
        el("button", {
          type: "button",
          class: "md-button selfscore-small",
          id: "selfscore-export-stored",
          text: t.exportStored,
          onclick: () =>
            download(
              t.fileStem + "-" + localDate() + ".json",
              storedText() || JSON.stringify(ctx.data, null, 2),
              "application/json",
            ),
        }),
        el("button", {
          type: "button",
          class: "md-button selfscore-small",
          id: "selfscore-broken-restart",
          text: t.startOver,
          onclick: () => {
            if (!window.confirm(t.confirmStartOver)) return;
            replaceWork(blankAssessment(ctx.form), t.cleared, null);
          },
        }),
      ]),
      el("details", { class: "selfscore-tech" }, [
        el("summary", { text: t.techInfo }),
        el("p", {}, el("code", { text: String((err && err.message) || err) })),
      ]),
    );
  }

  /* ----- storage that tells ----- */

  /** Saves the work; says so when it cannot (full, disabled, another tab). True when it is stored. */
  function storeWork(force) {
    const result = force ? (save(ctx.data) ? "saved" : "failed") : saveWork(ctx.data);
    if (result === "saved") {
      if (storageBox.dataset.state === "failed") showStorage("restored");
      else if (storageBox.dataset.state !== "damaged") hideStorage();
    } else {
      showStorage(result);
    }
    return result === "saved";
  }

  function hideStorage() {
    storageBox.hidden = true;
    storageBox.textContent = "";
    delete storageBox.dataset.state;
  }

  function exportButton(id, label, text) {
    return el("button", {
      type: "button",
      class: "md-button selfscore-small",
      id,
      text: label,
      onclick: () => download(t.fileStem + "-" + localDate() + ".json", text(), "application/json"),
    });
  }

  /** state: "failed" (storage full or disabled), "conflict" (another tab saved first), "damaged"
   * (unreadable stored work, kept aside), "restored" (saving works again), "other-tab" (its edits taken). */
  function showStorage(state) {
    storageBox.textContent = "";
    storageBox.hidden = false;
    storageBox.dataset.state = state;
    const line = (kind, text) =>
      el("p", {
        class: "selfscore-message selfscore-message-" + kind,
        role: kind === "error" ? "alert" : "status",
        text,
      });
    if (state === "failed") {
      storageBox.append(
        line("error", t.storageFailed),
        el(
          "p",
          {},
          exportButton("selfscore-export-unsaved", t.exportJson, () => JSON.stringify(ctx.data, null, 2) + "\n"),
        ),
      );
    } else if (state === "conflict") {
      storageBox.append(
        line("error", t.otherTabConflict),
        el("p", { class: "selfscore-actions" }, [
          el("button", {
            type: "button",
            class: "md-button md-button--primary selfscore-small",
            id: "selfscore-take-other",
            text: t.takeOtherTab,
            onclick: () => {
              const other = adoptStored();
              if (other) {
                ctx.data = other;
                ctx.merge = loadMergeState();
                ctx.report = null;
                redrawAll();
              }
              showStorage("other-tab");
            },
          }),
          el("button", {
            type: "button",
            class: "md-button selfscore-small",
            id: "selfscore-keep-mine",
            text: t.keepThisTab,
            onclick: () => {
              // the other tab's work stays recoverable: it becomes the undo copy
              const other = adoptStored();
              if (other) saveBackup({ data: other, merge: loadMergeState() });
              if (storeWork(true)) showMessage("done", t.keptThisTab, true);
            },
          }),
        ]),
      );
    } else if (state === "damaged") {
      const backup = peekBackup();
      storageBox.append(
        line("error", t.storedDamaged + (backup ? " " + t.damagedRestore : "")),
        el("p", { class: "selfscore-actions" }, [
          exportButton("selfscore-export-damaged", t.exportDamaged, () => damagedWork() || ""),
          backup
            ? el("button", {
                type: "button",
                class: "md-button selfscore-small",
                id: "selfscore-restore-undo",
                text: t.restoreUndo,
                onclick: () => {
                  hideStorage();
                  undo();
                },
              })
            : null,
          el("button", {
            type: "button",
            class: "md-button selfscore-small",
            id: "selfscore-forget-damaged",
            text: t.forgetDamaged,
            onclick: () => {
              if (!window.confirm(t.confirmForgetDamaged)) return;
              forgetDamaged();
              hideStorage();
            },
          }),
        ]),
      );
    } else if (state === "restored") {
      storageBox.append(line("done", t.storageRestored));
    } else if (state === "other-tab") {
      storageBox.append(line("done", t.otherTabTaken));
    }
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
    fail: (err) => showMessage("error", String((err && err.message) || err)),
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
      jumpToTarget();
      jumpTarget = null;
    }
    schedulePrintReport();
    if (by === "python") document.dispatchEvent(new CustomEvent("selfscore:answered")); // compare.js compares again
  }

  /* ----- known answers: scores before Python has loaded ----- */

  // calc's answer depends only on calc (its source hash) and the data. While Python loads, the page draws
  // an answer calc has already given for exactly the data on screen (compared key by key): the build's,
  // for the blank form (form.json, blank_answer), or the last one the worker gave in this browser
  // (store.js). The worker's own answer follows as soon as it is ready and redraws only what differs,
  // which is nothing. A change made before then has no known answer: the old scores make way for a
  // line saying it will be scored, and the report cannot be printed or exported until it is.
  function showKnownAnswer() {
    const blank = ctx.form.blank_answer;
    const known =
      blank && canonicalJson(blank.input) === canonicalJson(ctx.data)
        ? { answer: blank.answer, by: "build" }
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

  /** The printed report is hidden on screen: it is redrawn once typing pauses, and always on beforeprint. */
  function schedulePrintReport() {
    clearTimeout(printTimer);
    printTimer = setTimeout(() => {
      if (root.isConnected) renderPrintReport();
    }, PRINT_REPORT_PAUSE_MS);
  }

  /** Opens indicator `number` (it may be folded) and scrolls it to the top; its article, or null if the form has none. */
  function showIndicator(number) {
    const article = document.getElementById("indicator-" + number);
    if (!article) return null;
    setOpen(ctx, number, true);
    article.scrollIntoView({ block: "start" });
    return article;
  }

  /** The next indicator after `from` (or after the one in view) that is not done; opens it and focuses its first field. */
  function goToNextOpen(from) {
    const numbers = [...ctx.states.keys()];
    if (!numbers.length) return;
    let start = from;
    if (start === null) {
      const open = document.querySelector(".selfscore-indicator[data-open='1']");
      start = open && ctx.view.oneAtATime ? Number(open.dataset.indicator) : null;
    }
    const after = start === null ? 0 : numbers.indexOf(start) + 1;
    const order = numbers.slice(after).concat(numbers.slice(0, after));
    const next = order.find((n) => ctx.states.get(n) !== "done" && n !== start);
    if (next === undefined) {
      showMessage("done", t.allAnswered, false);
      return;
    }
    const article = showIndicator(next);
    const field = article.querySelector(
      ".selfscore-indicator-body input, .selfscore-indicator-body select, .selfscore-indicator-body textarea",
    );
    if (field) field.focus({ preventScroll: true });
  }

  /* ----- messages with one level of undo ----- */

  function showMessage(kind, text, withUndo) {
    messages.textContent = "";
    messages.append(
      el("p", { class: "selfscore-message selfscore-message-" + kind, role: kind === "error" ? "alert" : null, text }),
    );
    if (withUndo)
      messages.append(el("button", { type: "button", class: "md-button selfscore-undo", text: t.undo, onclick: undo }));
  }

  /** Replace the whole work (import, merge, start over), keeping the old one for "undo". */
  function replaceWork(next, message, merge) {
    saveBackup({ data: ctx.data, merge: ctx.merge });
    undoData = { data: ctx.data, merge: ctx.merge };
    ctx.data = next;
    ctx.merge = merge;
    ctx.report = null;
    ctx.view.opened.clear();
    // Replacing the work is this tab's explicit choice: it is written whatever another tab saved (that work
    // is the undo copy now only if it was this tab's; the other tab is told through the storage event).
    const stored = storeWork(true);
    saveMergeState(ctx.merge);
    redrawAll();
    // "Imported" only once it is stored: otherwise the page says it is on screen only, and how to keep it.
    if (stored) showMessage("done", message, true);
    else showMessage("error", t.notStored(message), true);
  }

  function undo() {
    const previous = undoData || takeBackup();
    if (!previous || !previous.data) return;
    undoData = null;
    takeBackup();
    ctx.data = opened(JSON.parse(JSON.stringify(previous.data)));
    ctx.merge = previous.merge || null;
    const stored = storeWork(true);
    saveMergeState(ctx.merge);
    redrawAll();
    showMessage(stored ? "done" : "error", stored ? t.undone : t.notStored(t.undone), false);
  }

  function renderPrintReport() {
    reportBox.textContent = "";
    if (!ctx.report || ctx.reportStale || !ctx.form) {
      reportBox.append(el("section", { class: "selfscore-report" }, el("p", { text: t.reportPending })));
      return;
    }
    reportBox.append(
      buildReport(document, {
        report: ctx.report,
        form: ctx.form,
        data: ctx.data,
        lang,
        t,
        date: new Date(),
        indicators: indicatorsInScope(ctx.form, ctx.data.scope),
        problems: ctx.problems,
        comparison: latestComparison(),
      }),
    );
  }

  /* ----- arriving at self-scoring/#indicator-N (the calculators' "use these values" link) ----- */

  // That indicator is opened and brought into view once the form is drawn, and again when the first score
  // has drawn the summary above it (which pushes it down), unless the reader has moved on meanwhile.
  function jumpToTarget() {
    if (jumpTarget !== null && !showIndicator(jumpTarget)) jumpTarget = null;
  }
  const hashTarget = /^#indicator-(\d+)$/.exec(location.hash);
  jumpTarget = hashTarget ? Number(hashTarget[1]) : null;
  for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) {
    window.addEventListener(
      type,
      () => {
        jumpTarget = null;
      },
      { once: true, passive: true },
    );
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
      const work = loadWork(loaded);
      ctx.data = work.data;
      ctx.carried = takeCarried();
      if (work.damaged !== null) showStorage("damaged");
      else if (work.unavailable) showStorage("failed");
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
        showStorage("other-tab");
      });
      renderStatus(engineState());
      jumpToTarget();
    });
  // The index, the gap lists and the conflict list jump to an indicator: open it (it may be folded) first.
  root.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-goto]");
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const article = showIndicator(Number(link.dataset.goto));
    if (!article) return;
    // A link to a disputed figure's chooser lands on the chooser's first value, not the indicator's top.
    const chooser = link.hash.startsWith("#conflict-") ? article.querySelector(link.hash) : null;
    if (chooser) {
      chooser.scrollIntoView({ block: "center" });
      chooser.querySelector("button").focus({ preventScroll: true });
    } else article.querySelector(".selfscore-fold").focus({ preventScroll: true });
  });
  phone.addEventListener("change", () => {
    ctx.view.oneAtATime = phone.matches;
    ctx.view.opened.clear();
    if (ctx.form) {
      applyFolding(ctx);
      if (ctx.report) renderIndex(ctx, nav, ctx.states);
    }
  });
  // Every way of printing (the button, Ctrl+P, the browser's menu) fires beforeprint: the report then shows
  // what was typed a moment ago (an evidence note, say), not the state of the last rescore.
  const beforePrint = () => {
    if (root.isConnected) renderPrintReport();
    else window.removeEventListener("beforeprint", beforePrint);
  };
  window.addEventListener("beforeprint", beforePrint);
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

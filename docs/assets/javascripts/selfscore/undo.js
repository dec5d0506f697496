// @ts-check
/*
 * Messages with one level of undo. Replacing the whole work (import, merge, start over) keeps the old work
 * as the undo copy, in memory and in storage (store.js's backup, so it survives a reload); "undo" puts it
 * back. A replacement is reported done only once it is stored: otherwise the message says it is on screen
 * only, and how to keep it.
 */
import { opened, saveBackup, saveMergeState, takeBackup } from "../engine/store.js";
import { el } from "./dom.js";

/** @typedef {{data: any, merge: any}} Work */

/**
 * @param {HTMLElement} messages  the messages line (aria-live)
 * @param {object} options
 * @param {any} options.t  the page's texts
 * @param {() => Work} options.current  the work on screen
 * @param {(work: Work, replaced: boolean) => void} options.put  puts work on screen (replaced: new work, not the undo copy)
 * @param {(force: boolean) => boolean} options.store  saves it; true when stored
 * @param {() => void} options.redraw  redraws the page and rescores
 */
export function undoableWork(messages, { t, current, put, store, redraw }) {
  /** @type {Work | null} */
  let undoData = null;

  function showMessage(kind, text, withUndo) {
    messages.textContent = "";
    messages.append(
      el("p", { class: "selfscore-message selfscore-message-" + kind, role: kind === "error" ? "alert" : null, text }),
    );
    if (withUndo)
      messages.append(el("button", { type: "button", class: "md-button selfscore-undo", text: t.undo, onclick: undo }));
  }

  /** Replace the whole work, keeping the old one for "undo". */
  function replaceWork(next, message, merge) {
    const previous = current();
    saveBackup(previous);
    undoData = previous;
    put({ data: next, merge }, true);
    // Replacing the work is this tab's explicit choice: it is written whatever another tab saved (that work
    // is the undo copy now only if it was this tab's; the other tab is told through the storage event).
    const stored = store(true);
    saveMergeState(merge);
    redraw();
    if (stored) showMessage("done", message, true);
    else showMessage("error", t.notStored(message), true);
  }

  function undo() {
    const previous = undoData || takeBackup();
    if (!previous || !previous.data) return;
    undoData = null;
    takeBackup();
    put({ data: opened(JSON.parse(JSON.stringify(previous.data))), merge: previous.merge || null }, false);
    const stored = store(true);
    saveMergeState(current().merge);
    redraw();
    showMessage(stored ? "done" : "error", stored ? t.undone : t.notStored(t.undone), false);
  }

  /** Whether there is something to undo in memory (the stored backup is store.js's peekBackup). */
  const hasUndo = () => undoData !== null;

  return { showMessage, replaceWork, undo, hasUndo };
}

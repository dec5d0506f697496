// @ts-check
/*
 * A page that cannot be bricked. calc has let the data through, so drawing it should never fail; should it
 * all the same (a bug), the form makes way for a panel that says so and offers the way back: the undo copy,
 * the stored work as a file, or a fresh start.
 */
import { peekBackup, storedText } from "../engine/store.js";
import { download, el } from "./dom.js";
import { localDate } from "./export.js";

/**
 * @param {HTMLElement} brokenBox  the panel's element
 * @param {HTMLElement} formBox  the form, hidden while the panel shows
 * @param {object} options
 * @param {any} options.t  the page's texts
 * @param {() => any} options.data  the work on screen (exported when nothing is stored)
 * @param {() => boolean} options.hasUndo  an undo copy in memory (a stored one is peekBackup's)
 * @param {() => void} options.undo
 * @param {() => void} options.startOver  a blank form, keeping the work as the undo copy
 * @returns {(draw: () => void) => boolean}  runs `draw`; false (and the panel shown) when it failed
 */
export function safeDrawing(brokenBox, formBox, { t, data, hasUndo, undo, startOver }) {
  function showBroken(err) {
    brokenBox.textContent = "";
    brokenBox.hidden = false;
    formBox.hidden = true;
    const backup = hasUndo() || peekBackup();
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
              storedText() || JSON.stringify(data(), null, 2),
              "application/json",
            ),
        }),
        el("button", {
          type: "button",
          class: "md-button selfscore-small",
          id: "selfscore-broken-restart",
          text: t.startOver,
          onclick: () => {
            if (window.confirm(t.confirmStartOver)) startOver();
          },
        }),
      ]),
      el("details", { class: "selfscore-tech" }, [
        el("summary", { text: t.techInfo }),
        el("p", {}, el("code", { text: String((err && err.message) || err) })),
      ]),
    );
  }

  return function drawSafely(draw) {
    try {
      draw();
      if (!brokenBox.hidden) {
        brokenBox.hidden = true;
        brokenBox.textContent = "";
        formBox.hidden = false;
      }
      return true;
    } catch (err) {
      console.error(err); // for whoever maintains the page; the reader gets the panel
      showBroken(err);
      return false;
    }
  };
}

// @ts-check
/*
 * Storage that tells: saves the work on every change and, when it cannot (storage full or disabled, another
 * tab saved first, the stored work unreadable), says so in a panel that stays until it is settled, with the
 * way out (export the work as a file, take the other tab's work or keep this one's, restore the undo copy).
 */
import {
  adoptStored,
  damagedWork,
  forgetDamaged,
  loadMergeState,
  peekBackup,
  save,
  saveBackup,
  saveWork,
} from "../engine/store.js";
import { download, el } from "./dom.js";
import { localDate } from "./export.js";

/**
 * "failed" (storage full or disabled), "conflict" (another tab saved first), "damaged" (unreadable stored
 * work, kept aside), "restored" (saving works again), "other-tab" (its edits taken).
 * @typedef {"failed" | "conflict" | "damaged" | "restored" | "other-tab"} StorageState
 */

/**
 * @param {HTMLElement} box  the panel's element
 * @param {object} options
 * @param {any} options.t  the page's texts
 * @param {() => any} options.data  the work on screen
 * @param {(other: any) => void} options.takeOther  put another tab's stored work on screen
 * @param {() => void} options.undo  restore the undo copy
 * @param {(kind: string, text: string, withUndo: boolean) => void} options.showMessage
 */
export function storagePanel(box, { t, data, takeOther, undo, showMessage }) {
  /** Saves the work; says so when it cannot. True when it is stored. */
  function store(force = false) {
    const result = force ? (save(data()) ? "saved" : "failed") : saveWork(data());
    if (result === "saved") {
      if (box.dataset.state === "failed") show("restored");
      else if (box.dataset.state !== "damaged") hide();
    } else {
      show(/** @type {StorageState} */ (result));
    }
    return result === "saved";
  }

  function hide() {
    box.hidden = true;
    box.textContent = "";
    delete box.dataset.state;
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

  const line = (kind, text) =>
    el("p", {
      class: "selfscore-message selfscore-message-" + kind,
      role: kind === "error" ? "alert" : "status",
      text,
    });

  /** @param {StorageState} state */
  function show(state) {
    box.textContent = "";
    box.hidden = false;
    box.dataset.state = state;
    if (state === "failed") {
      box.append(
        line("error", t.storageFailed),
        el(
          "p",
          {},
          exportButton("selfscore-export-unsaved", t.exportJson, () => JSON.stringify(data(), null, 2) + "\n"),
        ),
      );
    } else if (state === "conflict") {
      box.append(
        line("error", t.otherTabConflict),
        el("p", { class: "selfscore-actions" }, [
          el("button", {
            type: "button",
            class: "md-button md-button--primary selfscore-small",
            id: "selfscore-take-other",
            text: t.takeOtherTab,
            onclick: () => {
              const other = adoptStored();
              if (other) takeOther(other);
              show("other-tab");
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
              if (store(true)) showMessage("done", t.keptThisTab, true);
            },
          }),
        ]),
      );
    } else if (state === "damaged") {
      const backup = peekBackup();
      box.append(
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
                  hide();
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
              hide();
            },
          }),
        ]),
      );
    } else if (state === "restored") {
      box.append(line("done", t.storageRestored));
    } else if (state === "other-tab") {
      box.append(line("done", t.otherTabTaken));
    }
  }

  return { store, show, hide };
}

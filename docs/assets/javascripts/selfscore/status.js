// @ts-check
/*
 * The self-scoring page's loading line: the engine's stage and download while Python loads (or, while a
 * known answer is shown, where its scores come from), what loaded and how fast once it is ready, and why
 * not when it cannot load. Draws only; the page rescores when the engine is ready.
 */
import { stageDurations } from "../engine/client.js";
import { el } from "./dom.js";

/**
 * @param {HTMLElement} status  the status line's element (role=status)
 * @param {import("../engine/client.js").EngineState} state
 * @param {{t: any, summary: HTMLElement, form: {source_hash: string} | null}} options
 *   t: the page's texts; summary: the score summary (its pending line and where its scores come from);
 *   form: the form the page was built with (its calc source, compared with the engine's)
 */
export function drawStatus(status, state, { t, summary, form }) {
  const pendingLine = summary.querySelector(".selfscore-pending");
  if (pendingLine) pendingLine.textContent = state.status === "failed" ? t.pendingNoEngine : t.pendingChange;
  status.textContent = "";
  delete status.dataset.ready;
  delete status.dataset.failed;
  if (state.status === "loading") {
    const label = t.stages[state.stage] || t.stages.manifest;
    // While a known answer is drawn (app.js), the line says where its scores come from.
    const known = summary.dataset.scoredBy === "build" || summary.dataset.scoredBy === "saved";
    status.append(
      el("p", {
        class: known ? "selfscore-loading selfscore-known" : "selfscore-loading",
        text: known ? t.loadingKnown : t.loading,
      }),
      el("div", { class: "selfscore-progress" }, [
        el("progress", { max: state.steps, value: state.step, "aria-label": t.loading, "aria-valuetext": label }),
        el("span", { class: "selfscore-stage", text: t.step(Math.max(1, state.step), state.steps) + t.colon + label }),
      ]),
    );
    if (state.total) {
      const mb = (bytes) => (bytes / 1048576).toFixed(1);
      status.append(
        el("div", { class: "selfscore-progress" }, [
          el("progress", {
            class: "selfscore-bytes",
            max: state.total,
            value: state.loaded,
            "aria-label": label,
            "aria-valuetext": t.downloaded(mb(state.loaded), mb(state.total)),
          }),
          el("span", { class: "selfscore-stage", text: t.downloaded(mb(state.loaded), mb(state.total)) }),
        ]),
      );
    }
  } else if (state.status === "ready") {
    const same = form && state.info.sourceHash === form.source_hash;
    status.dataset.ready = "1";
    status.append(
      el("p", { class: "selfscore-ready", text: t.ready }),
      el("details", { class: "selfscore-tech" }, [
        el("summary", { text: t.techInfo }),
        el("p", { text: t.loadedIn(state.info.pyodide, (state.info.loadMs / 1000).toFixed(1)) }),
        el("p", {
          class: "selfscore-path",
          "data-engine-path": state.info.path || "",
          text: state.info.path === "snapshot" ? t.pathSnapshot : t.pathRuntime(state.info.fallbackReason),
        }),
        el("p", {
          class: "selfscore-stage-times",
          "data-stage-times": JSON.stringify(state.info.stageTimes || {}),
          text: stageDurations(state.info.stageTimes || {}, state.info.loadMs)
            .map(([k, ms]) => (t.stages[k] || k) + " " + (ms / 1000).toFixed(1) + " s")
            .join(" · "),
        }),
        el("p", { class: "selfscore-hash" }, [
          t.source + t.colon,
          el("code", { "data-source-hash": state.info.sourceHash, text: state.info.sourceHash.slice(0, 16) }),
          " — " + (same ? t.match : t.mismatch),
        ]),
      ]),
    );
    if (!same && form) status.append(el("p", { class: "selfscore-failed", text: t.source + " " + t.mismatch }));
  } else {
    const code = state.failure && state.failure.code;
    const text =
      code === "file" ? t.failedFile : code === "wasm-mime" ? t.failedMime : code === "timeout" ? t.timeout : t.failed;
    status.dataset.failed = code || "runtime";
    status.append(el("p", { class: "selfscore-failed", role: "alert", text }));
    if (state.failure && state.failure.detail)
      status.append(el("p", { class: "selfscore-detail" }, el("code", { text: state.failure.detail })));
  }
}

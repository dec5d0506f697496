// @ts-check
/*
 * The page's side of worker.js: starts the worker once, follows its loading stages, and turns its
 * {id, ok, result} answers into promises. One engine per page load, shared by every mount.
 *
 * The self-scoring page starts the worker itself, from a small inline script right after its app.js tag
 * (docs/zh/self-scoring.md, docs/en/self-scoring.md), while the rest of the page still loads: window.__selfscoreBoot =
 * {worker, queue, early: true} holds it and the messages it sent before this module took it over. The same global
 * marks a worker this module started, so a page reached by instant navigation never starts a second one.
 */
const LOAD_TIMEOUT_MS = 90000;

let worker = null;
/** @type {EngineState} */
let state = { status: "loading", stage: null, step: 0, steps: 5, info: null, failure: null };
const pending = new Map();
const listeners = new Set();
let nextId = 1;

/**
 * @typedef {object} EngineState
 * @property {"loading" | "ready" | "failed"} status
 * @property {string | null} stage  the loading stage the worker reported last
 * @property {number} step
 * @property {number} steps
 * @property {any} info  what the worker reported once ready (versions, stage start times, load time)
 * @property {{code: string, detail?: string} | null} failure
 * @property {number} [total]  bytes of the download under way, when known
 * @property {number} [loaded]  bytes of it received
 */

/** @returns {EngineState} */
export function engineState() {
  return state;
}

/**
 * listener(state) on every change; returns a function that stops listening.
 * @param {(state: EngineState) => void} listener
 * @returns {() => void}
 */
export function onEngineState(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setState(patch) {
  state = Object.assign({}, state, patch);
  for (const listener of [...listeners]) listener(state);
  if ((state.status === "ready" || state.status === "failed") && !window.__selfscoreEngineSettled) {
    // assets/javascripts/offline.js waits for this before it lets the service worker precache the site,
    // so that the first visit does not download the 13 MB runtime twice at the same time.
    window.__selfscoreEngineSettled = true;
    window.dispatchEvent(new Event("selfscore:engine-settled"));
  }
}

export function startEngine() {
  if (worker || state.status === "failed") return;
  if (location.protocol === "file:") {
    setState({ status: "failed", failure: { code: "file" } });
    return;
  }
  const boot = window.__selfscoreBoot;
  let queued = [];
  if (boot && boot.worker) {
    worker = boot.worker;
    queued = boot.queue || [];
    boot.queue = null;
  } else {
    try {
      worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
    } catch (err) {
      setState({ status: "failed", failure: { code: "runtime", detail: String(err) } });
      return;
    }
    window.__selfscoreBoot = { worker: worker, queue: null, early: false };
  }
  const timer = setTimeout(() => {
    if (state.status === "loading") setState({ status: "failed", failure: { code: "timeout" } });
  }, LOAD_TIMEOUT_MS);
  worker.onerror = (event) => {
    clearTimeout(timer);
    setState({ status: "failed", failure: { code: "runtime", detail: event.message || "worker error" } });
  };
  worker.onmessage = (event) => {
    const msg = event.data;
    if (msg.type === "stage") {
      // loaded/total: bytes of the snapshot so far, sent only while it downloads
      setState({
        stage: msg.stage,
        step: msg.step,
        steps: msg.steps,
        loaded: msg.total ? msg.loaded : null,
        total: msg.total || null,
      });
    } else if (msg.type === "ready") {
      clearTimeout(timer);
      setState({ status: "ready", info: msg });
    } else if (msg.type === "failed") {
      clearTimeout(timer);
      setState({ status: "failed", failure: msg });
    } else if (pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.ok) resolve(msg.result);
      else reject(new Error(msg.error));
    }
  };
  for (const event of queued) (event.type === "error" ? worker.onerror : worker.onmessage)(event);
}

/**
 * Resolves true once the engine is ready, false if it cannot load (it is started if it was not).
 * @returns {Promise<boolean>}
 */
export function whenReady() {
  startEngine();
  return new Promise((resolve) => {
    const settle = (current) => {
      if (current.status === "loading") return false;
      resolve(current.status === "ready");
      return true;
    };
    if (settle(state)) return;
    const stop = onEngineState((current) => {
      if (settle(current)) stop();
    });
  });
}

/**
 * One call to calc.api through the worker: resolves with calc's JSON text.
 * @param {string} op  the calc.api function (worker.js lists them)
 * @param {unknown} payload
 * @returns {Promise<string>}
 */
export function call(op, payload) {
  return new Promise((resolve, reject) => {
    if (!worker || state.status === "failed") {
      reject(new Error("engine not available"));
      return;
    }
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, op, payload });
  });
}

/*
 * The spreadsheet engine: a second worker (worker.js?spreadsheets) with openpyxl, started the first time a
 * spreadsheet is opened or saved, so a visit that never touches one downloads nothing for it.
 */
let sheetWorker = null;
const sheetPending = new Map();

function startSheets() {
  if (sheetWorker) return sheetWorker;
  sheetWorker = new Promise((resolve, reject) => {
    const started = new Worker(new URL("worker.js?spreadsheets", import.meta.url), { type: "module" });
    const timer = setTimeout(() => reject(new Error("timeout")), LOAD_TIMEOUT_MS);
    started.onerror = (event) => {
      clearTimeout(timer);
      reject(new Error(event.message || "worker error"));
    };
    started.onmessage = (event) => {
      const msg = event.data;
      if (msg.type === "ready") {
        clearTimeout(timer);
        resolve(started);
      } else if (msg.type === "failed") {
        clearTimeout(timer);
        reject(new Error(msg.detail || msg.code));
      } else if (sheetPending.has(msg.id)) {
        const { resolve: done, reject: fail } = sheetPending.get(msg.id);
        sheetPending.delete(msg.id);
        if (msg.ok) done(msg.result);
        else fail(new Error(msg.error));
      }
    };
  });
  sheetWorker.catch(() => {
    sheetWorker = null;
  }); // a later try may succeed (the connection is back)
  return sheetWorker;
}

/**
 * One call to calc.spreadsheet.json_api through the spreadsheet engine (started on the first call).
 * @param {string} op
 * @param {unknown} payload
 * @returns {Promise<any>}
 */
export async function callSheets(op, payload) {
  const started = await startSheets();
  return new Promise((resolve, reject) => {
    const id = nextId++;
    sheetPending.set(id, { resolve, reject });
    started.postMessage({ id, op, payload });
  });
}

/**
 * How long each loading stage took, from the start times the worker reports (the last one ends at loadMs).
 * @param {Record<string, number>} starts  stage name → its start, in ms
 * @param {number} loadMs
 * @returns {Array<[string, number]>}
 */
export function stageDurations(starts, loadMs) {
  const entries = Object.entries(starts)
    .filter(([k]) => k !== "ready")
    .sort((a, b) => a[1] - b[1]);
  return entries.map(([k, ms], i) => [k, Math.max(0, (i + 1 < entries.length ? entries[i + 1][1] : loadMs) - ms)]);
}

/*
 * Module Web Worker of the self-scoring page: Python runs here, so the page never freezes.
 *
 * Everything is loaded from the site itself, relative to this file (so it works at the site root, under
 * /en/ and under any sub-path): ../../pyodide/ holds the five Pyodide files, the calc wheel and
 * manifest.json, all written by hooks/pyodide_assets.py during the build.
 *
 * Messages in:  {id, op: "score"|"validate"|"merge"|"template"|"digest"|"source_hash", payload}
 * Messages out: {type: "stage", stage, step, steps}
 *               {type: "ready", digest, sourceHash, manifest, pyodide, loadMs, stageTimes}
 *               {type: "failed", code, detail}
 *               {id, ok: true, result: <JSON text from calc.api>} | {id, ok: false, error}
 */
import { startEngine } from "./engine.js";

const PYODIDE_BASE = new URL("../../pyodide/", import.meta.url);
const STEPS = ["manifest", "runtime", "python", "calc", "ready"];
const started = Date.now();

const stageTimes = {}; // ms since the worker started, when each stage began (shown under "technical information")

function stage(name) {
  stageTimes[name] = Date.now() - started;
  self.postMessage({ type: "stage", stage: name, step: STEPS.indexOf(name) + 1, steps: STEPS.length });
}

async function fetchOk(url, what) {
  let response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw Object.assign(new Error(what + ": " + err), { code: "network" });
  }
  if (!response.ok) {
    throw Object.assign(new Error(what + ": HTTP " + response.status), { code: "missing" });
  }
  return response;
}

async function checkWasmType() {
  // A server that does not send application/wasm makes Pyodide's streaming compile fail or hang
  // without a word: check the header first (a HEAD request, no download) and say so plainly.
  const wasmUrl = new URL("pyodide.asm.wasm", PYODIDE_BASE);
  try {
    const head = await fetch(wasmUrl, { method: "HEAD" });
    const type = (head.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
    if (head.ok && type !== "application/wasm") {
      throw Object.assign(new Error("pyodide.asm.wasm is served as " + (type || "no type")), { code: "wasm-mime" });
    }
    if (head.status === 404) {
      throw Object.assign(new Error("pyodide.asm.wasm: HTTP 404"), { code: "missing" });
    }
  } catch (err) {
    if (err.code) throw err;
    throw Object.assign(new Error("pyodide.asm.wasm: " + err), { code: "network" });
  }
}

async function init() {
  stage("manifest");
  // The version file, the .wasm type check and Pyodide's loader script are independent: fetch them at once.
  const manifestLoad = fetchOk(new URL("manifest.json", PYODIDE_BASE), "manifest.json").then((r) => r.json());
  const typeCheck = checkWasmType();
  const loaderLoad = import(new URL("pyodide.mjs", PYODIDE_BASE).href).catch((err) => {
    throw Object.assign(new Error("pyodide.mjs: " + err), { code: "runtime" });
  });
  manifestLoad.catch(() => {}); typeCheck.catch(() => {}); loaderLoad.catch(() => {}); // awaited below
  const manifest = await manifestLoad;
  // The wheel (46 kB) downloads while Python starts.
  const wheelLoad = fetchOk(new URL(encodeURIComponent(manifest.wheel), PYODIDE_BASE), manifest.wheel).then((r) => r.arrayBuffer());
  wheelLoad.catch(() => {});
  await typeCheck;
  stage("runtime");
  const { loadPyodide } = await loaderLoad;
  const engine = await startEngine({
    loadPyodide: loadPyodide,
    indexURL: PYODIDE_BASE.href,
    wheelBytes: () => wheelLoad,
    onStage: stage,
  });
  self.postMessage({
    type: "ready",
    digest: engine.digest,
    sourceHash: engine.sourceHash,
    manifest: manifest,
    pyodide: engine.version,
    loadMs: Date.now() - started,
    stageTimes: stageTimes,
  });
  return engine;
}

const ready = init();
ready.catch((err) => {
  self.postMessage({ type: "failed", code: err.code || "runtime", detail: String(err && err.message || err) });
});

self.onmessage = async (event) => {
  const { id, op, payload } = event.data || {};
  try {
    const engine = await ready;
    self.postMessage({ id: id, ok: true, result: engine.call(op, payload) });
  } catch (err) {
    self.postMessage({ id: id, ok: false, error: String(err && err.message || err) });
  }
};

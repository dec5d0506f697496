/*
 * Module Web Worker of the self-scoring page: Python runs here, so the page never freezes.
 *
 * Everything is loaded from the site itself, relative to this file (so it works at the site root, under
 * /en/ and under any sub-path): ../../pyodide/ holds the Pyodide runtime, the site's pyodide-lock.json,
 * the calc wheel, the memory snapshot and manifest.json, all written by hooks/pyodide_assets.py.
 *
 * Two paths (engine.js): the snapshot (downloaded with byte progress and checked against the sha256 in
 * manifest.json before use), or, when the snapshot is missing, corrupt, of another version or refused,
 * the runtime + wheel (calc through the lock). The stage names tell the page which path ran.
 * worker.js?snapshot=<file>:<sha256>:<size>: the snapshot the page was built with (the page's early start
 * script passes it): its download starts at once, and is used if manifest.json names the same file.
 *
 * Messages in:  {id, op: one of engine.js's OPS, payload}
 * Messages out: {type: "stage", stage, step, steps, loaded?, total?}   (loaded/total: snapshot bytes)
 *               {type: "ready", digest, sourceHash, manifest, pyodide, loadMs, stageTimes, path, fallbackReason}
 *               {type: "failed", code, detail}
 *               {id, ok: true, result: <JSON text from calc.api>, ms} | {id, ok: false, error}
 */
import { startEngine } from "./engine.js";
import { sha256Hex } from "./sha256.js";
import "./snapshot.js"; // engine.js's own import, named here so the browser fetches it with the others

const ONLINE_BASE = new URL("../../pyodide/", import.meta.url);
// When the server cannot be reached, the site's service worker (sw.js) answers the same files from its
// cache under this alias; online it leaves them to the browser's HTTP cache.
const OFFLINE_BASE = new URL("offline/", ONLINE_BASE);
let PYODIDE_BASE = ONLINE_BASE;
const SNAPSHOT_STEPS = ["manifest", "snapshot", "python", "ready"];
const RUNTIME_STEPS = ["manifest", "runtime", "python", "calc", "ready"];
const PROGRESS_EVERY_MS = 100;
// worker.js?spreadsheets: the spreadsheet engine, started only when a spreadsheet is first opened or saved.
// It starts Python from scratch (the snapshot holds only what calc itself uses of the standard library)
// and loads openpyxl with calc, both through the site's lock.
const SPREADSHEETS = new URL(import.meta.url).searchParams.has("spreadsheets");
const started = Date.now();

let steps = SNAPSHOT_STEPS;
const stageTimes = {}; // ms since the worker started, when each stage began (shown under "technical information")

function stage(name, extra) {
  if (!(name in stageTimes)) stageTimes[name] = Date.now() - started;
  const step = Math.max(1, steps.indexOf(name) + 1);
  self.postMessage(Object.assign({ type: "stage", stage: name, step: step, steps: steps.length }, extra || {}));
}

async function fetchOk(url, what, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    throw Object.assign(new Error(what + ": " + err), { code: "network" });
  }
  if (!response.ok) {
    throw Object.assign(new Error(what + ": HTTP " + response.status), { code: "missing" });
  }
  return response;
}

/**
 * pyodide.asm.wasm, downloaded once for two readers: Pyodide, which compiles it (its request is answered
 * with a copy of this response, through the fetch below), and, on the snapshot path, snapshot.js, which
 * unpacks the snapshot with the file's data image. `checked` settles when the answer's headers are in: a
 * server that does not send application/wasm makes Pyodide's streaming compile fail or hang without a
 * word, so it is said plainly. `bytes()` reads the file; `discard()` lets the second copy go unread.
 */
function fetchWasmOnce() {
  const wasmUrl = new URL("pyodide.asm.wasm", PYODIDE_BASE).href;
  const response = fetch(wasmUrl).catch((err) => {
    throw Object.assign(new Error("pyodide.asm.wasm: " + err), { code: "network" });
  });
  const forPyodide = response.then((answer) => answer.clone()); // taken before the body is read
  forPyodide.catch(() => {});
  const browserFetch = self.fetch;
  self.fetch = function (input, init) {
    const url = input instanceof Request ? input.url : String(input);
    if (new URL(url, self.location.href).href === wasmUrl && !(init && init.method && init.method !== "GET")) {
      self.fetch = browserFetch; // Pyodide asks once
      return forPyodide;
    }
    return browserFetch.call(self, input, init);
  };
  const checked = response.then((answer) => {
    const type = (answer.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
    if (answer.ok && type !== "application/wasm") {
      throw Object.assign(new Error("pyodide.asm.wasm is served as " + (type || "no type")), { code: "wasm-mime" });
    }
    if (!answer.ok) {
      throw Object.assign(new Error("pyodide.asm.wasm: HTTP " + answer.status), { code: "missing" });
    }
  });
  checked.catch(() => {}); // awaited with the engine
  return {
    checked: checked,
    bytes: () =>
      checked
        .then(() => response)
        .then((answer) => answer.arrayBuffer())
        .then((buffer) => new Uint8Array(buffer)),
    discard: () => response.then((answer) => answer.body && answer.body.cancel()).catch(() => {}),
  };
}

/** The snapshot's bytes, read as they arrive (progress in bytes), checked against manifest.json. */
async function downloadSnapshot(info, signal) {
  const response = await fetchOk(new URL(info.file, PYODIDE_BASE), info.file, { signal: signal });
  const bytes = new Uint8Array(info.size);
  let loaded = 0;
  let reported = 0;
  stage("snapshot", { loaded: 0, total: info.size });
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > info.size) throw new Error(info.file + ": larger than " + info.size + " bytes");
    bytes.set(value, loaded);
    loaded += value.length;
    if (Date.now() - reported >= PROGRESS_EVERY_MS) {
      reported = Date.now();
      stage("snapshot", { loaded: loaded, total: info.size });
    }
  }
  stage("snapshot", { loaded: loaded, total: info.size });
  if (loaded !== info.size) throw new Error(info.file + ": " + loaded + " of " + info.size + " bytes");
  const digest = await sha256Hex(bytes);
  if (digest !== info.sha256)
    throw new Error(info.file + ": sha256 " + digest.slice(0, 12) + " is not " + info.sha256.slice(0, 12));
  return bytes;
}

/** manifest.json names this build's files: always revalidated (a server may let /assets/ be cached for a
 * day). If the server cannot be reached, the service worker's copy (the offline alias), if there is one. */
async function loadManifest() {
  try {
    return await (await fetchOk(new URL("manifest.json", ONLINE_BASE), "manifest.json", { cache: "no-cache" })).json();
  } catch (err) {
    if (err.code !== "network") throw err;
    const cached = await fetch(new URL("manifest.json", OFFLINE_BASE)).catch(() => null);
    if (!cached || !cached.ok) throw err;
    PYODIDE_BASE = OFFLINE_BASE;
    return await cached.json();
  }
}

/** Pyodide's loader and its 1.2 MB runtime script, asked for at once (they do not depend on the manifest):
 * loadPyodide imports the same URL later and finds it in the module map. */
function importLoader(base) {
  const loader = import(new URL("pyodide.mjs", base).href);
  import(new URL("pyodide.asm.mjs", base).href).catch(() => {}); // loadPyodide reports its own failure
  return loader.catch((err) => {
    throw Object.assign(new Error("pyodide.mjs: " + err), { code: "runtime" });
  });
}

let loaderLoad = importLoader(ONLINE_BASE);
loaderLoad.catch(() => {}); // awaited in init

/** The snapshot the page names (worker.js?snapshot=file:sha256:size, written into the page by the build). */
function namedSnapshot() {
  const named = new URL(import.meta.url).searchParams.get("snapshot");
  const [file, sha256, size] = (named || "").split(":");
  return /^snapshot-[0-9a-f]+\.bin$/.test(file || "") && /^[0-9a-f]{64}$/.test(sha256 || "") && Number(size) > 0
    ? { file: file, sha256: sha256, size: Number(size) }
    : null;
}

/** The page's snapshot, downloading from the start, or null. manifest.json decides whether it is used. */
function startNamedDownload() {
  const named = namedSnapshot();
  if (!named) return null;
  const abort = new AbortController();
  const download = downloadSnapshot(named, abort.signal);
  download.catch(() => {});
  return { info: named, download: download, abort: abort };
}

function sameSnapshot(a, b) {
  return a.file === b.file && a.sha256 === b.sha256 && a.size === b.size;
}

async function init() {
  stage("manifest");
  // While manifest.json is read, the snapshot the page names is already downloading.
  const early = startNamedDownload();
  const manifest = await loadManifest();
  if (PYODIDE_BASE !== ONLINE_BASE) loaderLoad = importLoader(PYODIDE_BASE);
  const wasm = fetchWasmOnce();
  const typeCheck = wasm.checked;
  const { loadPyodide } = await loaderLoad;
  const common = {
    loadPyodide: loadPyodide,
    indexURL: PYODIDE_BASE.href,
    // The query names this build's wheel, so a lock cached from an older build is never used.
    lockFileURL: new URL("pyodide-lock.json?v=" + manifest.wheel_sha256.slice(0, 16), PYODIDE_BASE).href,
    onStage: stage,
    extraPackages: SPREADSHEETS ? ["openpyxl"] : [],
  };
  let fallbackReason = null;
  let engine = null;
  if (manifest.snapshot && manifest.snapshot.file && !SPREADSHEETS) {
    // The snapshot is handed to loadPyodide as a promise: Pyodide fetches the .wasm, the lock and its
    // runtime script while the snapshot downloads, and starts from it once it is here and verified.
    let downloadError = null;
    // The early download is the snapshot's one download if the manifest names the same file (a page and
    // a manifest of different builds, or the offline copies, do not); otherwise it is stopped.
    const reuse = early && PYODIDE_BASE === ONLINE_BASE && sameSnapshot(early.info, manifest.snapshot);
    if (early && !reuse) early.abort.abort();
    const download = (reuse ? early.download : downloadSnapshot(manifest.snapshot)).catch((err) => {
      downloadError = err;
      throw err;
    });
    try {
      [, engine] = await Promise.all([
        typeCheck,
        startEngine(
          Object.assign(
            {
              snapshotBytes: download,
              wasmBytes: wasm.bytes(),
              stdLibURL: new URL(manifest.snapshot.stdlib, PYODIDE_BASE).href,
            },
            common,
          ),
        ),
      ]);
    } catch (err) {
      if (err && err.code === "wasm-mime") throw err;
      if (downloadError) {
        // offline without a cached copy: the runtime is not there either
        if (downloadError.code === "network") throw downloadError;
        fallbackReason = String(downloadError.message || downloadError);
      } else {
        fallbackReason = "snapshot refused: " + String((err && err.message) || err);
      }
    }
  } else {
    if (early) early.abort.abort();
    wasm.discard();
    await typeCheck;
    fallbackReason = SPREADSHEETS ? null : "this build has no snapshot";
  }
  if (!engine) {
    await typeCheck;
    steps = RUNTIME_STEPS;
    delete stageTimes.python;
    stageTimes.fallback = Date.now() - started;
    stage("runtime");
    engine = await startEngine(common);
  }
  self.postMessage({
    type: "ready",
    digest: engine.digest,
    sourceHash: engine.sourceHash,
    manifest: manifest,
    pyodide: engine.version,
    path: engine.path,
    fallbackReason: fallbackReason,
    loadMs: Date.now() - started,
    stageTimes: stageTimes,
  });
  return engine;
}

const ready = init();
ready.catch((err) => {
  self.postMessage({ type: "failed", code: err.code || "runtime", detail: String((err && err.message) || err) });
});

/*
 * JIT warm-up. The browser first runs WebAssembly with its baseline compiler and compiles a function's
 * optimised code only once it has run for a while: CPython's interpreter loop, where every call spends
 * its time, gets there after some 60 to 90 scoring calls, and until then a score takes 1.5 to 3 times
 * longer (measured in Node, and in the browser as 100 calls in a row: median 9-19 ms a call before,
 * 6 ms after). So once the page has its first answer, the worker rescores the page's latest assessment
 * in its idle time, one call per task, until WARM_UP_CALLS score calls (the page's own included) have run;
 * a call from the page waits for at most one of them.
 */
const WARM_UP_CALLS = 80;
let warmUpPayload = null; // the latest assessment the page sent to score: the warm-up runs the code it needs
let scoreCalls = 0;

function warmUp(engine) {
  if (scoreCalls >= WARM_UP_CALLS) return;
  scoreCalls++;
  try {
    engine.call("score", warmUpPayload);
  } catch {
    return; // the same call has answered the page once; should it ever throw, the warm-up just stops
  }
  setTimeout(warmUp, 0, engine);
}

self.onmessage = async (event) => {
  const { id, op, payload } = event.data || {};
  try {
    const engine = await ready;
    const begun = performance.now();
    const result = engine.call(op, payload);
    // ms: time spent in Python (benchmarks/bench_selfscore.py reports it beside the keystroke latency)
    self.postMessage({ id: id, ok: true, result: result, ms: performance.now() - begun });
    if (op === "score") {
      if (warmUpPayload === null) setTimeout(warmUp, 0, engine);
      warmUpPayload = String(payload);
      scoreCalls++;
    }
  } catch (err) {
    self.postMessage({ id: id, ok: false, error: String((err && err.message) || err) });
  }
};

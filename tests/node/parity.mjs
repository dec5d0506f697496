// Loads the vendored Pyodide with the network cut off and answers a batch of calls through
// docs/assets/javascripts/engine/engine.js, by either of the page's two paths:
//
//   node tests/node/parity.mjs <pyodide dir> <engine.js> <pyodide-lock.json> <snapshot file | -> <requests.json>
// With "-" calc is loaded through the lock (loadPackage, sha256 checked); with a snapshot file Python
// starts from it. requests.json: [{"op": ..., "payload": ...}, ...]; prints {"version", "digest",
// "source_hash", "path", "stages", "network_attempts": [...], "results": [text, ...]} on stdout.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pyodideDir, enginePath, lockPath, snapshotPath, requestsPath] = process.argv.slice(2);
const networkAttempts = [];
// In Node a package missing from the vendored files silently goes for the CDN through fetch: refuse it.
globalThis.fetch = async function (url) {
  networkAttempts.push(String(url));
  throw new Error("network disabled in parity test: " + url);
};

const base = pyodideDir.replace(/\/?$/, "/");
const { loadPyodide } = await import(pathToFileURL(base + "pyodide.mjs").href);
// engine.js imports ./snapshot.js, so it is loaded from its own folder (Node detects the module syntax).
const engine = await import(pathToFileURL(enginePath).href);

const started = Date.now();
const stages = [];
const session = await engine.startEngine({
  loadPyodide,
  indexURL: base,
  lockFileURL: lockPath,
  // A copy into a plain Uint8Array, as the page's worker has (a Node Buffer shares a larger pool).
  snapshotBytes: snapshotPath === "-" ? undefined : new Uint8Array(readFileSync(snapshotPath)),
  wasmBytes: snapshotPath === "-" ? undefined : new Uint8Array(readFileSync(base + "pyodide.asm.wasm")),
  // As on the page: with a snapshot, the standard library is an empty zip (snapshot.js).
  stdLibURL: snapshotPath === "-" ? undefined : base + "empty_stdlib.zip",
  onStage: (stage) => stages.push(stage),
});
const loadMs = Date.now() - started;
const requests = JSON.parse(readFileSync(requestsPath, "utf8"));
// A failing call is reported as {"error": ...} (the test then fails on it) rather than as a crash whose
// stack trace is a line of minified Pyodide.
const results = requests.map((r) => {
  try {
    return session.call(r.op, r.payload);
  } catch (err) {
    return JSON.stringify({ error: String(err && err.message ? err.message : err).slice(-2000) });
  }
});
process.stdout.write(JSON.stringify({
  version: session.version,
  digest: session.digest,
  source_hash: session.sourceHash,
  path: session.path,
  stages,
  load_ms: loadMs,
  network_attempts: networkAttempts,
  results,
}));

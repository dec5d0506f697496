// Loads the vendored Pyodide (node_modules/pyodide) with the network cut off, installs the calc wheel the
// build made, and answers a batch of calls through docs/assets/javascripts/selfscore/engine.js.
//
//   node tests/node/parity.mjs <pyodide dir> <engine.js> <wheel> <requests.json>
// requests.json: [{"op": ..., "payload": ...}, ...]; prints {"version", "digest", "source_hash",
// "network_attempts": [...], "results": [text, ...]} on stdout.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pyodideDir, enginePath, wheelPath, requestsPath] = process.argv.slice(2);
const networkAttempts = [];
// In Node a package missing from the vendored files silently goes for the CDN through fetch: refuse it.
globalThis.fetch = async function (url) {
  networkAttempts.push(String(url));
  throw new Error("network disabled in parity test: " + url);
};

const { loadPyodide } = await import(pathToFileURL(pyodideDir.replace(/\/?$/, "/") + "pyodide.mjs").href);
// engine.js is a browser module in a folder without "type": "module"; load it as a module by data URL.
const engineSource = readFileSync(enginePath, "utf8");
const engine = await import("data:text/javascript;base64," + Buffer.from(engineSource).toString("base64"));

const started = Date.now();
const stages = [];
const session = await engine.startEngine({
  loadPyodide,
  indexURL: pyodideDir.replace(/\/?$/, "/"),
  wheelBytes: async () => readFileSync(wheelPath),
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
  stages,
  load_ms: loadMs,
  network_attempts: networkAttempts,
  results,
}));

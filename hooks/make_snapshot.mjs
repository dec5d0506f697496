// Build step (run by hooks/snapshot.py): make the memory snapshot of Python with calc imported and warmed.
//
//   node hooks/make_snapshot.mjs <pyodide dir> <pyodide-lock.json> <wheel> <out file>
//
// Loads the vendored Pyodide with the network cut off, checks the wheel against its sha256 in the site's
// lock, and writes the snapshot made by docs/assets/javascripts/engine/snapshot.js (the page's own
// module), after hooks/slim_heap.py has dropped docstrings and column positions from the heap. Prints
// {"source_hash", "bytes", "scrubbed", "slimmed", "ms"} on stdout.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, lockPath, wheelPath, outPath] = process.argv.slice(2);
globalThis.fetch = async function (url) {
  // A file missing from the vendored copy would otherwise go for the CDN.
  throw new Error("network disabled while making the snapshot: " + url);
};
const engine = new URL("../docs/assets/javascripts/engine/", import.meta.url);
const { makeSnapshot } = await import(new URL("snapshot.js", engine).href);
const { SOURCE_HASH_PY, warmUp } = await import(new URL("engine.js", engine).href);
const base = pyodideDir.replace(/\/?$/, "/");
const { loadPyodide } = await import(pathToFileURL(base + "pyodide.mjs").href);

const wheel = readFileSync(wheelPath);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const entry = Object.values(lock.packages).find((p) => basename(p.file_name) === basename(wheelPath));
const actual = createHash("sha256").update(wheel).digest("hex");
if (!entry || entry.sha256 !== actual) {
  throw new Error(`${basename(wheelPath)}: sha256 ${actual} is not the one in ${lockPath}`);
}
const started = Date.now();
const { snapshot, sourceHash, scrubbed, slimmed } = await makeSnapshot({
  loadPyodide,
  indexURL: base,
  lockFileURL: lockPath,
  wheelBytes: wheel,
  sourceHashPy: SOURCE_HASH_PY,
  warmUp,
  wasmBytes: new Uint8Array(readFileSync(base + "pyodide.asm.wasm")),
  slimPy: readFileSync(new URL("slim_heap.py", import.meta.url), "utf8"),
});
writeFileSync(outPath, snapshot);
const made = { source_hash: sourceHash, bytes: snapshot.length, scrubbed, slimmed, ms: Date.now() - started };
process.stdout.write(JSON.stringify(made));

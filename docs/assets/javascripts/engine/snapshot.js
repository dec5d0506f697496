// @ts-check
/*
 * Memory snapshots of Python with calc already imported: made once at build time in Node
 * (hooks/make_snapshot.mjs), loaded by the page's worker, so a visit skips starting CPython, unpacking the
 * standard library and importing calc (about 4 s of the first score).
 *
 * This is the only module that touches Pyodide's underscore (unofficial) snapshot API; it relies on,
 * in pyodide@314.0.7 (package.json pins it exactly):
 *   - loadPyodide({ _makeSnapshot: true })   start Python in a state that can be snapshotted;
 *   - pyodide.makeMemorySnapshot()           the WebAssembly memory as a Uint8Array; it refuses
 *                                            ("Unexpected hiwire entry") when a JavaScript object is still
 *                                            referenced from Python, so the warm-up drops every proxy
 *                                            and installs the wheel with unpackArchive (loadPackage
 *                                            leaves such references behind);
 *   - loadPyodide({ _loadSnapshot: bytes })  start from those bytes (or a promise of them) instead of
 *                                            running CPython's start-up;
 * A snapshot only fits the exact pyodide.asm.wasm it was made with (the file name carries a hash of the
 * Pyodide version and calc's source). Files written into Python's file system are NOT part of it (that
 * file system lives in JavaScript), so calc's own files are absent after a restore: everything calc reads
 * from them (ruleset.json) is read during the warm-up, and calc's source hash is computed then and kept
 * in a Python global.
 * The standard library (python_stdlib.zip, 2.5 MB that cannot be compressed) is not downloaded on this
 * path: loadPyodide always mounts a zip, so it gets an empty one (`stdLibURL`), and every module calc
 * needs is already in memory (calc imports only at module level, which tests/test_pyodide_parity.py checks,
 * and the warm-up runs each operation). The import caches are cleared after the restore, so a module that
 * was not loaded fails as ModuleNotFoundError instead of reading a zip that is not there.
 * tests/test_pyodide_parity.py makes and loads a snapshot in Node, as the page does, and fails loudly if
 * an upgrade of Pyodide breaks any of this.
 *
 * The file is packed: about half of the 31 MB memory is whole 64 kB pages of zeros, which the file leaves
 * out (packSnapshot / unpackSnapshot below). The page then downloads, reads from its cache and checks the
 * sha256 of about 16 MB instead of 31 MB.
 */

// Python global holding the source hash computed over the installed files before the snapshot was taken.
export const SOURCE_HASH_GLOBAL = "_pinglu_calc_source_hash";

/**
 * Make a snapshot (Node, at build time).
 * options.loadPyodide, options.indexURL, options.lockFileURL: as for loadPyodide
 * options.wheelBytes: Uint8Array of the calc wheel, already checked against the lock's sha256
 * options.sourceHashPy: Python code whose value is calc's source hash (engine.js, SOURCE_HASH_PY)
 * options.warmUp: (api) => void, calls calc.api once per operation so everything it reads is in memory
 * Returns {snapshot: Uint8Array, sourceHash}.
 */
export async function makeSnapshot(options) {
  const pyodide = await options.loadPyodide({
    indexURL: options.indexURL,
    lockFileURL: options.lockFileURL,
    _makeSnapshot: true,
    stdout: function () {},
    stderr: function () {},
  });
  pyodide.unpackArchive(new Uint8Array(options.wheelBytes), "wheel");
  const api = pyodide.pyimport("calc.api");
  options.warmUp(api);
  api.destroy();
  const sourceHash = pyodide.runPython(options.sourceHashPy);
  pyodide.runPython(SOURCE_HASH_GLOBAL + " = " + JSON.stringify(sourceHash));
  return { snapshot: packSnapshot(pyodide.makeMemorySnapshot()), sourceHash: sourceHash };
}

// Packed file: "PLSNAP01", the memory's size and the page size (uint32, little-endian), a bitmap of the
// pages present (bit i of byte i >> 3), then those pages in order (the last may be shorter). Absent pages
// are zeros.
const MAGIC = "PLSNAP01";
const PAGE = 65536;
const HEADER = MAGIC.length + 8;

function isZero(bytes, start, end) {
  for (let i = start; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Memory (Uint8Array) → packed file (Uint8Array). */
export function packSnapshot(memory) {
  const pages = Math.ceil(memory.length / PAGE);
  const bitmap = new Uint8Array(Math.ceil(pages / 8));
  let kept = 0;
  for (let page = 0; page < pages; page++) {
    const start = page * PAGE,
      end = Math.min(memory.length, start + PAGE);
    if (!isZero(memory, start, end)) {
      bitmap[page >> 3] |= 1 << (page & 7);
      kept += end - start;
    }
  }
  const out = new Uint8Array(HEADER + bitmap.length + kept);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(MAGIC.length, memory.length, true);
  view.setUint32(MAGIC.length + 4, PAGE, true);
  out.set(bitmap, HEADER);
  let offset = HEADER + bitmap.length;
  for (let page = 0; page < pages; page++) {
    if (!(bitmap[page >> 3] & (1 << (page & 7)))) continue;
    const start = page * PAGE,
      end = Math.min(memory.length, start + PAGE);
    out.set(memory.subarray(start, end), offset);
    offset += end - start;
  }
  return out;
}

/** Packed file → memory, as loadPyodide wants it. Throws on anything else (the worker then falls back). */
export function unpackSnapshot(file) {
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(file);
  if (bytes.length < HEADER || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) {
    throw new Error("not a packed snapshot (" + MAGIC + ")");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(MAGIC.length, true),
    page = view.getUint32(MAGIC.length + 4, true);
  const pages = Math.ceil(size / page);
  const bitmap = bytes.subarray(HEADER, HEADER + Math.ceil(pages / 8));
  const memory = new Uint8Array(size);
  let offset = HEADER + bitmap.length;
  for (let index = 0; index < pages; index++) {
    if (!(bitmap[index >> 3] & (1 << (index & 7)))) continue;
    const start = index * page,
      end = Math.min(size, start + page);
    if (offset + end - start > bytes.length) throw new Error("packed snapshot: truncated");
    memory.set(bytes.subarray(offset, offset + end - start), start);
    offset += end - start;
  }
  if (offset !== bytes.length) throw new Error("packed snapshot: " + (bytes.length - offset) + " bytes too many");
  return memory;
}

const FORGET_STDLIB_PY =
  "import sys, zipimport\nzipimport._zip_directory_cache.clear()\nsys.path_importer_cache.clear()";

/**
 * Start Python from a snapshot (the page's worker, and the parity test in Node). options.snapshotBytes:
 * the packed file (Uint8Array, or a promise of one); options.stdLibURL: the empty zip that stands in for the
 * standard library. Returns {pyodide, sourceHash}; throws if Pyodide refuses the snapshot or calc is not in it.
 */
export async function loadFromSnapshot(options) {
  const pyodide = await options.loadPyodide({
    indexURL: options.indexURL,
    lockFileURL: options.lockFileURL,
    stdLibURL: options.stdLibURL,
    _loadSnapshot: Promise.resolve(options.snapshotBytes).then(unpackSnapshot),
    stdout: function () {},
    stderr: function () {},
  });
  if (options.stdLibURL) pyodide.runPython(FORGET_STDLIB_PY);
  const sourceHash = pyodide.globals.get(SOURCE_HASH_GLOBAL);
  if (typeof sourceHash !== "string") throw new Error("the snapshot holds no calc");
  return { pyodide: pyodide, sourceHash: sourceHash };
}

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
 * The file is packed (packSnapshot / unpackSnapshot below), so that the page downloads about 2.2 MB of brotli
 * instead of 4.8 (and reads, caches and checks the sha256 of less than 16 MB instead of 31):
 *   - hooks/slim_heap.py (options.slimPy) drops what no score reads: docstrings, column positions, caches;
 *   - before the snapshot is taken, the free memory is zeroed (scrubFreeMemory): the allocator's free chunks,
 *     the heap above its end and the unused stack hold leftovers of the warm-up that nothing reads again;
 *   - the part of the memory that pyodide.asm.wasm's data segments initialise (3.8 MB, mostly unchanged
 *     since) is stored XOR those segments, so what is the same becomes zeros; loading XORs it back with the
 *     segments of the .wasm the worker downloads anyway (it shares that one download with Pyodide);
 *   - the whole 64 kB pages of zeros that leaves (about two thirds of the memory) are left out.
 */

// Python global holding the source hash computed over the installed files before the snapshot was taken.
export const SOURCE_HASH_GLOBAL = "_pinglu_calc_source_hash";

/**
 * Make a snapshot (Node, at build time).
 * options.loadPyodide, options.indexURL, options.lockFileURL: as for loadPyodide
 * options.wheelBytes: Uint8Array of the calc wheel, already checked against the lock's sha256
 * options.sourceHashPy: Python code whose value is calc's source hash (engine.js, SOURCE_HASH_PY)
 * options.warmUp: (api) => void, calls calc.api once per operation so everything it reads is in memory
 * options.wasmBytes: Uint8Array of the pyodide.asm.wasm in options.indexURL (packSnapshot)
 * options.slimPy: optional Python source defining slim_heap() (hooks/slim_heap.py), run after the warm-up
 * Returns {snapshot: Uint8Array, sourceHash, scrubbed, slimmed} (scrubbed: bytes of free memory zeroed;
 * slimmed: functions slim_heap rewrote, 0 without it).
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
  let slimmed = 0;
  if (options.slimPy) {
    // Run in a namespace of its own, which is dropped with everything slim_heap defined.
    pyodide.globals.set("_slim_heap_source", options.slimPy);
    slimmed = pyodide.runPython(
      "(lambda ns: (exec(compile(_slim_heap_source, 'slim_heap.py', 'exec'), ns), ns['slim_heap']())[1])" +
        "({'__name__': 'slim_heap'})",
    );
    pyodide.runPython("del _slim_heap_source");
  }
  const scrubbed = scrubFreeMemory(pyodide);
  const snapshot = packSnapshot(pyodide.makeMemorySnapshot(), options.wasmBytes);
  return { snapshot: snapshot, sourceHash: sourceHash, scrubbed: scrubbed, slimmed: slimmed };
}

// Packed file: "PLSNAP02", then as uint32 little-endian the memory's size, the page size and where in the
// memory the .wasm's data image starts (the length of Pyodide's own snapshot header: the memory's address
// 0 is there); a bitmap of the pages present (bit i of byte i >> 3); then those pages in order (the last may
// be shorter). Absent pages are zeros; the data image's range is stored XOR the image.
const MAGIC = "PLSNAP02";
const PAGE = 65536;
const HEADER = MAGIC.length + 12;
// Pyodide's snapshot (makeMemorySnapshot) starts with "\0snp" and the length of its header (uint32).
const PYODIDE_MAGIC = [0, 0x73, 0x6e, 0x70];

function isZero(bytes, start, end) {
  for (let i = start; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * The active data segments of a .wasm file: where each goes in memory and where its bytes are in the file.
 * Throws on anything but constant offsets (the worker then takes the runtime path).
 * @param {Uint8Array} wasm
 * @returns {{address: number, start: number, length: number}[]}
 */
export function dataSegments(wasm) {
  let at = 8;
  const uleb = () => {
    let value = 0,
      shift = 0,
      byte;
    do {
      if (at >= wasm.length) throw new Error("pyodide.asm.wasm: truncated");
      byte = wasm[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  const sleb32 = () => {
    let value = 0,
      shift = 0,
      byte;
    do {
      byte = wasm[at++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return shift < 32 && byte & 0x40 ? value | (-1 << shift) : value;
  };
  if (wasm.length < 8 || wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) {
    throw new Error("pyodide.asm.wasm: not a WebAssembly file");
  }
  const segments = [];
  while (at < wasm.length) {
    const id = wasm[at++];
    const size = uleb();
    const end = at + size;
    if (id === 11) {
      for (let count = uleb(); count > 0; count--) {
        const flags = uleb();
        let address = null;
        if (flags === 0 || flags === 2) {
          if (flags === 2) uleb(); // memory index
          if (wasm[at++] !== 0x41) throw new Error("pyodide.asm.wasm: a data segment at a computed address");
          address = sleb32() >>> 0;
          if (wasm[at++] !== 0x0b) throw new Error("pyodide.asm.wasm: a data segment at a computed address");
        }
        const length = uleb();
        if (address !== null) segments.push({ address: address, start: at, length: length });
        at += length;
      }
    }
    at = end;
  }
  if (at !== wasm.length) throw new Error("pyodide.asm.wasm: truncated");
  return segments;
}

/** XOR the .wasm's data image into memory from imageAt (twice gives the memory back). */
function xorImage(memory, wasm, imageAt) {
  for (const { address, start, length } of dataSegments(wasm)) {
    const base = imageAt + address;
    if (base + length > memory.length) throw new Error("packed snapshot: another pyodide.asm.wasm");
    for (let i = 0; i < length; i++) memory[base + i] ^= wasm[start + i];
  }
}

/** Where the memory starts in Pyodide's snapshot (the length of its header). */
function pyodideHeaderLength(snapshot) {
  if (!PYODIDE_MAGIC.every((byte, i) => snapshot[i] === byte)) throw new Error("not a Pyodide memory snapshot");
  return new DataView(snapshot.buffer, snapshot.byteOffset, 8).getUint32(4, true);
}

/**
 * Pyodide's snapshot → packed file (Uint8Array). imageAt: where the memory starts in it (default: read from
 * Pyodide's header).
 * @param {Uint8Array} snapshot
 * @param {Uint8Array} wasm the pyodide.asm.wasm it was made with
 * @param {number} [imageAt]
 */
export function packSnapshot(snapshot, wasm, imageAt) {
  const at = imageAt === undefined ? pyodideHeaderLength(snapshot) : imageAt;
  const memory = new Uint8Array(snapshot);
  xorImage(memory, wasm, at);
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
  view.setUint32(MAGIC.length + 8, at, true);
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

/**
 * Packed file → Pyodide's snapshot, as loadPyodide wants it. Throws on anything else (the worker then falls
 * back).
 * @param {Uint8Array | ArrayBuffer} file
 * @param {Uint8Array} wasm the pyodide.asm.wasm it was made with
 */
export function unpackSnapshot(file, wasm) {
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(file);
  if (bytes.length < HEADER || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) {
    throw new Error("not a packed snapshot (" + MAGIC + ")");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(MAGIC.length, true),
    page = view.getUint32(MAGIC.length + 4, true),
    imageAt = view.getUint32(MAGIC.length + 8, true);
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
  xorImage(memory, wasm, imageAt);
  return memory;
}

/**
 * Zero what the snapshot would otherwise carry for nothing (Node, at build time, just before it is taken):
 * the allocator's free memory (every free chunk is allocated, zeroed and freed again, with the heap held
 * at its size so that nothing new is asked of sbrk), the memory above the heap's end and the unused stack.
 * Python's objects are untouched: Pyodide's CPython allocates them with malloc (no pymalloc arenas).
 * @param {any} pyodide
 * @returns {number} bytes zeroed
 */
export function scrubFreeMemory(pyodide) {
  pyodide.runPython("import gc; gc.collect()");
  const wasm = pyodide._module;
  const limit = wasm._malloc_footprint_limit();
  wasm._malloc_set_footprint_limit(wasm._malloc_footprint());
  const taken = [];
  let zeroed = 0;
  try {
    for (let size = 1 << 24; size >= 8; size >>= 1) {
      for (;;) {
        const block = wasm._malloc(size) >>> 0;
        if (!block) break;
        const usable = wasm._malloc_usable_size(block) >>> 0;
        wasm.HEAPU8.fill(0, block, block + usable);
        zeroed += usable;
        taken.push(block);
      }
    }
  } finally {
    for (const block of taken) wasm._free(block);
    wasm._malloc_set_footprint_limit(limit);
  }
  const heapEnd = wasm._sbrk(0) >>> 0;
  zeroed += wasm.HEAPU8.length - heapEnd;
  wasm.HEAPU8.fill(0, heapEnd);
  const stackEnd = wasm._emscripten_stack_get_end() >>> 0,
    stackPointer = wasm.stackSave() >>> 0;
  if (stackEnd < stackPointer) {
    wasm.HEAPU8.fill(0, stackEnd, stackPointer);
    zeroed += stackPointer - stackEnd;
  }
  return zeroed;
}

const FORGET_STDLIB_PY =
  "import sys, zipimport\nzipimport._zip_directory_cache.clear()\nsys.path_importer_cache.clear()";

/**
 * Start Python from a snapshot (the page's worker, and the parity test in Node). options.snapshotBytes:
 * the packed file (Uint8Array, or a promise of one); options.wasmBytes: the pyodide.asm.wasm Pyodide loads
 * (Uint8Array, or a promise of one), whose data image unpacks it; options.stdLibURL: the empty zip that
 * stands in for the standard library. Returns {pyodide, sourceHash}; throws if Pyodide refuses the snapshot
 * or calc is not in it.
 */
export async function loadFromSnapshot(options) {
  const pyodide = await options.loadPyodide({
    indexURL: options.indexURL,
    lockFileURL: options.lockFileURL,
    stdLibURL: options.stdLibURL,
    _loadSnapshot: Promise.all([options.snapshotBytes, options.wasmBytes]).then(([file, wasm]) =>
      unpackSnapshot(file, wasm),
    ),
    stdout: function () {},
    stderr: function () {},
  });
  if (options.stdLibURL) pyodide.runPython(FORGET_STDLIB_PY);
  const sourceHash = pyodide.globals.get(SOURCE_HASH_GLOBAL);
  if (typeof sourceHash !== "string") throw new Error("the snapshot holds no calc");
  return { pyodide: pyodide, sourceHash: sourceHash };
}

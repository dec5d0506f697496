/*
 * The scoring engine: Pyodide plus the site's own `calc` wheel. Used by worker.js in the browser and,
 * unchanged, by tests/node/parity.mjs and hooks/make_snapshot.mjs under Node, so the tests exercise the
 * same glue as the page.
 *
 * Two ways to start (both end in the same `call`):
 *   - "snapshot": from the build-time memory snapshot (snapshot.js), Python and calc already loaded;
 *   - "runtime":  Pyodide starts from scratch and loads calc through the site's pyodide-lock.json
 *                 (loadPackage checks the wheel's sha256 against the lock).
 * Nothing here computes a score: every answer is the JSON text returned by calc.api.
 */
import { loadFromSnapshot } from "./snapshot.js";

// The same few lines as hooks/pyodide_assets.py:hash_sources(), run over the installed package, so the
// page can show (and the tests can check) that the browser runs exactly the source the build shipped.
export const SOURCE_HASH_PY = `
import hashlib, importlib.resources
def _calc_source_hash():
    digest = hashlib.sha256()
    files = [p for p in importlib.resources.files("calc").iterdir()
             if p.is_file() and (p.name.endswith(".py") or p.name == "ruleset.json")]
    for path in sorted(files, key=lambda p: p.name):
        data = path.read_bytes()
        digest.update(path.name.encode("utf-8") + b"\\n" + str(len(data)).encode("ascii") + b"\\n" + data)
    return digest.hexdigest()
_calc_source_hash()
`;

export const OPS = [
  "open",
  "read",
  "open_workbook",
  "report_workbook",
  "score",
  "validate",
  "normalise",
  "merge",
  "template",
  "compare",
  "digest",
  "source_hash",
];
export const PACKAGE = "pinglu-assessment"; // the distribution name in pyproject.toml (imports `calc`)

/** One call of every calc.api operation, so all that calc reads and imports is in memory (snapshot.js). */
export function warmUp(api) {
  const blank = api.template_json();
  api.score_page_json(blank);
  api.validate_json(blank);
  api.normalised_json(blank);
  api.merge_json(
    JSON.stringify([
      { name: "a.json", text: blank },
      { name: "b.json", text: "{" },
    ]),
  );
  api.template_json("market-regulation");
  api.compare_json(blank, blank);
  api.open_file_json(new TextEncoder().encode(blank), "blank.json");
  api.read_file_json(new TextEncoder().encode("{"), "broken.json");
  api.compare_file_json(new TextEncoder().encode(blank), blank);
}

/**
 * options.loadPyodide:   the loadPyodide function of the vendored pyodide.mjs
 * options.indexURL:      where pyodide.asm.*, python_stdlib.zip are
 * options.lockFileURL:   the site's pyodide-lock.json (Pyodide's packages plus calc)
 * options.snapshotBytes: optional; a verified snapshot (Uint8Array, or a promise of one): start from it.
 *                        A promise lets Pyodide fetch its other files while the snapshot downloads; the
 *                        "python" stage begins when it has arrived.
 * options.wasmBytes:     with a snapshot, the bytes of indexURL's pyodide.asm.wasm (or a promise of them), which
 *                        unpack it (snapshot.js)
 * options.stdLibURL:     with a snapshot, the empty zip that stands in for the standard library
 * options.onStage:       (stage) => void, called as loading proceeds
 * options.extraPackages: optional; more packages of the lock to load with calc (["openpyxl"]: spreadsheets),
 *                        only on the runtime path (the snapshot holds calc and the standard library it uses)
 */
export async function startEngine(options) {
  const onStage = options.onStage || function () {};
  let pyodide, sourceHash, path;
  if (options.snapshotBytes) {
    const snapshotBytes = Promise.resolve(options.snapshotBytes).then((bytes) => {
      onStage("python");
      return bytes;
    });
    ({ pyodide, sourceHash } = await loadFromSnapshot(Object.assign({}, options, { snapshotBytes: snapshotBytes })));
    path = "snapshot";
  } else {
    onStage("python");
    pyodide = await options.loadPyodide({
      indexURL: options.indexURL,
      lockFileURL: options.lockFileURL,
      stdout: function () {},
      stderr: function () {},
    });
    onStage("calc");
    let loadError = null;
    await pyodide.loadPackage([PACKAGE, ...(options.extraPackages || [])], {
      checkIntegrity: true,
      messageCallback: function () {},
      errorCallback: function (message) {
        loadError = loadError || message;
      },
    });
    if (loadError) throw Object.assign(new Error(PACKAGE + ": " + loadError), { code: "runtime" });
    sourceHash = pyodide.runPython(SOURCE_HASH_PY);
    path = "runtime";
  }
  const api = pyodide.pyimport("calc.api");
  // calc.spreadsheet needs openpyxl: only the spreadsheet engine (options.extraPackages) imports it
  let sheetApi = null;
  const sheets = () => (sheetApi = sheetApi || pyodide.pyimport("calc.spreadsheet.json_api"));
  const digest = api.ruleset_digest();
  onStage("ready");

  function call(op, payload) {
    switch (op) {
      case "open":
        // payload: {bytes, name}, a chosen file (Uint8Array): calc reads it as the command line does; a
        // spreadsheet is answered {spreadsheet: true}, for the spreadsheet engine (worker.js?spreadsheets)
        return api.open_file_json(payload.bytes, String(payload.name || ""));
      case "read":
        // payload: {bytes, name}; answers the file's text, or why it cannot be read (calc.reading)
        return api.read_file_json(payload.bytes, String(payload.name || ""));
      case "open_workbook":
        // payload: {bytes, name}: a spreadsheet read by calc.spreadsheet (openpyxl), answered as "open" is
        return sheets().open_workbook_json(payload.bytes, String(payload.name || ""));
      case "report_workbook": {
        // payload: {text, lang, today, conflicts}: the report workbook's bytes (Uint8Array), or null
        const made = sheets().report_workbook(
          String(payload.text),
          payload.lang === "en" ? "en" : "zh",
          String(payload.today),
          payload.conflicts ? String(payload.conflicts) : null,
        );
        if (made === undefined || made === null) return null;
        const bytes = made.toJs();
        made.destroy();
        return bytes;
      }
      case "score":
        return api.score_page_json(String(payload));
      case "normalise":
        return api.normalised_json(String(payload));
      case "validate":
        return api.validate_json(String(payload));
      case "merge":
        // payload: [{name, text}] or its JSON text
        return api.merge_json(typeof payload === "string" ? payload : JSON.stringify(payload));
      case "compare": {
        // payload: {old, new}, the two files' texts (the earlier file and the work on the page); old may be
        // the chosen file's bytes (Uint8Array), which calc reads as the command line does
        const p = payload || {};
        return p.old instanceof Uint8Array
          ? api.compare_file_json(p.old, String(p.new))
          : api.compare_json(String(p.old), String(p.new));
      }
      case "template": {
        const p = payload || {};
        // undefined, not null: Pyodide turns JS null into `jsnull`, and only undefined into None.
        return api.template_json(p.unit || undefined, Number.isInteger(p.first_year) ? p.first_year : undefined);
      }
      case "digest":
        return digest;
      case "source_hash":
        return sourceHash;
      default:
        throw new Error("unknown operation: " + op);
    }
  }

  return { pyodide: pyodide, version: pyodide.version, digest: digest, sourceHash: sourceHash, path: path, call: call };
}

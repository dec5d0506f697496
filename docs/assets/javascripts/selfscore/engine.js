/*
 * The scoring engine: Pyodide plus the site's own `calc` wheel. Used by worker.js in the browser and,
 * unchanged, by tests/node/parity.mjs under Node, so the test exercises the same glue as the page.
 *
 * Nothing here computes a score: every answer is the JSON text returned by calc.api.
 */

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

export const OPS = ["score", "validate", "merge", "template", "digest", "source_hash"];

/**
 * options.loadPyodide: the loadPyodide function of the vendored pyodide.mjs
 * options.indexURL:    where pyodide.asm.*, python_stdlib.zip and pyodide-lock.json are
 * options.wheelBytes:  async () => Uint8Array of the calc wheel (a Node Buffer is refused by unpackArchive)
 * options.onStage:     (stage) => void, called as loading proceeds
 */
export async function startEngine(options) {
  const onStage = options.onStage || function () {};
  onStage("python");
  const pyodide = await options.loadPyodide({
    indexURL: options.indexURL,
    stdout: function () {},
    stderr: function () {},
  });
  onStage("calc");
  const bytes = await options.wheelBytes();
  // A copy into a plain Uint8Array: unpackArchive refuses a Node Buffer.
  pyodide.unpackArchive(new Uint8Array(bytes), "wheel");
  const api = pyodide.pyimport("calc.api");
  const sourceHash = pyodide.runPython(SOURCE_HASH_PY);
  const digest = api.ruleset_digest();
  onStage("ready");

  function call(op, payload) {
    switch (op) {
      case "score":
        return api.score_json(String(payload));
      case "validate":
        return api.validate_json(String(payload));
      case "merge":
        // payload: [{name, text}] or its JSON text
        return api.merge_json(typeof payload === "string" ? payload : JSON.stringify(payload));
      case "template": {
        const p = payload || {};
        // undefined, not null: Pyodide turns JS null into `jsnull`, and only undefined into None.
        return api.template_json(p.unit || undefined, Number.isInteger(p.first_year) ? p.first_year : 2024);
      }
      case "digest":
        return digest;
      case "source_hash":
        return sourceHash;
      default:
        throw new Error("unknown operation: " + op);
    }
  }

  return { pyodide: pyodide, version: pyodide.version, digest: digest, sourceHash: sourceHash, call: call };
}

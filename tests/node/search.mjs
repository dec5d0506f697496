// Runs Material for MkDocs' own search worker, exactly as the built site ships it
// (<site>/assets/javascripts/workers/search.<hash>.min.js with the lunr files it imports), on the built
// search index, and answers a batch of queries the way the search box sends them.
//
//   node tests/node/search.mjs <site dir> <queries.json>
// queries.json: ["query", ...]. Prints [{"query", "pages": [{"page", "locations": [...]}, ...]}, ...]:
// one entry per result the search box lists (a page with its matching sections), best first.
//
// The worker is a classic web worker script: it is run in a fresh V8 context whose global object plays
// the worker's `self`, with `importScripts` reading the lunr files from the built site and
// `postMessage`/`addEventListener` carrying the same messages the page exchanges with it
// (0 = set up with {config, docs, options}, 2 = query, 3 = result). Nothing of the search logic is
// reimplemented here.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";

const [siteDir, queriesPath] = process.argv.slice(2);
const workersDir = path.join(siteDir, "assets", "javascripts", "workers");
const workerFile = readdirSync(workersDir).find((name) => /^search\.[0-9a-f]+\.min\.js$/.test(name));
if (!workerFile) throw new Error(`no search worker in ${workersDir}`);

const context = vm.createContext({ console, setTimeout, clearTimeout, TextEncoder, TextDecoder });
context.self = context;
const listeners = [];
let waiting = null;
context.addEventListener = (type, listener) => {
  if (type === "message") listeners.push(listener);
};
context.postMessage = (message) => {
  const resolve = waiting;
  waiting = null;
  if (resolve) resolve(message);
};
context.importScripts = (...urls) => {
  for (const url of urls) {
    // The worker asks for "../lunr/min/…", relative to its own address.
    const file = path.resolve(workersDir, url);
    if (!file.startsWith(path.resolve(siteDir) + path.sep)) throw new Error(`import outside the site: ${url}`);
    vm.runInContext(readFileSync(file, "utf8"), context, { filename: file });
  }
};
vm.runInContext(readFileSync(path.join(workersDir, workerFile), "utf8"), context, { filename: workerFile });
if (!listeners.length) throw new Error("the search worker registered no message listener");

function send(data) {
  return new Promise((resolve) => {
    waiting = resolve;
    for (const listener of listeners) listener({ data });
  });
}

const index = JSON.parse(readFileSync(path.join(siteDir, "search", "search_index.json"), "utf8"));
// As the page sends it (Material's bundle: {config, docs, options: {suggest: feature("search.suggest")}}).
const ready = await send({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: true } } });
if (ready.type !== 1) throw new Error(`search worker did not get ready: ${JSON.stringify(ready)}`);

const queries = JSON.parse(readFileSync(queriesPath, "utf8"));
const out = [];
for (const query of queries) {
  const result = await send({ type: 2, data: query });
  if (result.type !== 3) throw new Error(`unexpected answer to ${query}: ${JSON.stringify(result).slice(0, 200)}`);
  out.push({
    query,
    pages: result.data.items.map((group) => ({
      page: group[0].location.split("#")[0],
      locations: group.map((doc) => doc.location),
    })),
  });
}
process.stdout.write(JSON.stringify(out));

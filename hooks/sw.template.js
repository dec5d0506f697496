// Service worker of the Pinglu demonstration-zone site, written by hooks/offline.py at build time.
// One cache per build (the name is a hash of the built files): a new build never serves stale files.
//
// The self-scoring engine's files (assets/pyodide/) are answered from Cache Storage once cached (the cache
// belongs to this build, so they are never stale), else fetched. Measured (README, "Start-up speed"):
// Chromium compiles the .wasm from Cache Storage no slower than from the HTTP cache, and leaving these
// files to the HTTP cache cost a revalidation round trip each on a repeat visit. The page's worker asks
// for them under assets/pyodide/offline/ when its request for manifest.json could not reach the server:
// those are answered from the cache only.
const CACHE = __CACHE_NAME__;
const SHELL = __SHELL__; // cached on install: theme assets, home and self-scoring pages, 404.html
const PAGES = __PAGES__; // the rest of the site, cached on request (offline.js) or when visited
const RUNTIME = __RUNTIME__; // the engine's files as the page loads them
const RUNTIME_PATH = /\/assets\/pyodide\//;
const OFFLINE_ALIAS = /\/assets\/pyodide\/offline\//; // the same files, always from the cache
const PAGEFIND_PATH = /\/pagefind\//; // Pagefind adds ?ts=… to its requests: matched without it
const NETWORK_TIMEOUT_MS = 4000; // an intranet that hangs should not block offline use
// Names that change with their content (Material's bundles, the snapshot, the wheel's folder, Pagefind's
// fragments and indexes): the browser's HTTP cache may answer them. Everything else is revalidated on every
// fetch ("no-cache"), else a copy the HTTP cache holds as heuristically fresh (a server that sends no
// Cache-Control) would answer after a redeploy: the old page, or the old JS under the new page.
const HASHED =
  /(\.[0-9a-f]{8,}\.min\.(js|css)|\/snapshot-[0-9a-f]{16}\.bin|\/packages\/[0-9a-f]{16}\/[^/]+|_[0-9a-f]{7,}\.pf_(fragment|index|meta))$/;

function revalidated(request) {
  return HASHED.test(new URL(request.url).pathname) ? request : new Request(request, { cache: "no-cache" });
}

function scoped(url) {
  return new URL(url, self.registration.scope);
}

// Revalidated ("no-cache"): a 304 for what the browser's HTTP cache already holds, e.g. the engine the
// self-scoring page has just downloaded; "reload" would download it again.
async function addAll(urls) {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const url of urls) {
    if (!(await cache.match(scoped(url), { ignoreSearch: true }))) missing.push(url);
  }
  // One by one, not addAll: one file the server cannot give (a build being replaced, a snapshot removed)
  // must not keep all the others out of the cache.
  const failed = [];
  await Promise.all(
    missing.map((url) => cache.add(new Request(scoped(url), { cache: "no-cache" })).catch(() => failed.push(url))),
  );
  if (failed.length) throw new Error("not cached: " + failed.join(", "));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // Revalidated like the rest (never stale: the server says whether the copy the page has just loaded
      // is current), so installing costs a 304 for each file the page already has, not a second download.
      await cache.addAll(SHELL.map((url) => new Request(scoped(url), { cache: "no-cache" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith("pinglu-site-") && name !== CACHE).map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

// offline.js: {fill: "runtime"} on the self-scoring page once its engine has loaded, {fill: "all"} elsewhere.
self.addEventListener("message", (event) => {
  const fill = event.data && event.data.fill;
  if (fill !== "runtime" && fill !== "all") return;
  const urls = fill === "all" ? PAGES.concat(RUNTIME) : RUNTIME;
  const done = addAll(urls).then(
    () => ({ filled: fill }),
    (error) => ({ filled: false, error: String(error) }),
  );
  event.waitUntil(
    done.then((answer) => {
      if (event.source) event.source.postMessage(answer);
    }),
  );
});

// A URL may be requested percent-encoded ("%2B") but cached as written ("+"), or the reverse.
async function matchCached(cache, url) {
  const direct = await cache.match(url, { ignoreSearch: true });
  if (direct) return direct;
  const parsed = new URL(url);
  let decoded;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  return cache.match(parsed.origin + decoded, { ignoreSearch: true });
}

// Lookups ignore the query string, so a response is stored under its address without one: Pagefind asks
// for pagefind/pagefind-entry.json?ts=<time> on every search, which would otherwise add an entry each time.
function cacheKey(request) {
  const url = new URL(request.url);
  url.search = "";
  return url.href;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(revalidated(request)), NETWORK_TIMEOUT_MS);
    if (response.ok && response.type === "basic") await cache.put(cacheKey(request), response.clone());
    return response;
  } catch (error) {
    const cached = await matchCached(cache, request.url);
    if (cached) return cached;
    if (request.mode === "navigate") {
      // the English edition's own "page not found" under en/ (hooks/not_found.py)
      const english = new URL(request.url).pathname.startsWith(scoped("en/").pathname);
      const notFound = await cache.match(scoped(english ? "en/404.html" : "404.html"));
      if (notFound) return notFound;
    }
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await matchCached(cache, request.url);
  if (cached) return cached;
  const response = await fetch(revalidated(request));
  if (response.ok && response.type === "basic") await cache.put(cacheKey(request), response.clone());
  return response;
}

function unaliased(url) {
  return url.replace(OFFLINE_ALIAS, "/assets/pyodide/");
}

async function fromCache(request) {
  const cached = await matchCached(await caches.open(CACHE), unaliased(request.url));
  if (cached) return cached;
  return OFFLINE_ALIAS.test(request.url) ? new Response("not cached", { status: 504 }) : fetch(revalidated(request));
}

// The self-scoring worker checks the .wasm MIME type with a HEAD request: once the file is cached (or
// offline), answer it with the headers of the cached file.
async function head(request) {
  if (RUNTIME_PATH.test(new URL(request.url).pathname)) {
    const cached = await matchCached(await caches.open(CACHE), unaliased(request.url));
    if (cached) return new Response(null, { status: cached.status, headers: cached.headers });
  }
  try {
    return await withTimeout(fetch(revalidated(request)), NETWORK_TIMEOUT_MS);
  } catch (error) {
    const cached = await matchCached(await caches.open(CACHE), unaliased(request.url));
    if (cached) return new Response(null, { status: cached.status, headers: cached.headers });
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "HEAD") {
    event.respondWith(head(request));
    return;
  }
  if (request.method !== "GET") return;
  if (RUNTIME_PATH.test(url.pathname)) {
    event.respondWith(OFFLINE_ALIAS.test(url.pathname) ? fromCache(request) : cacheFirst(request));
    return;
  }
  event.respondWith(PAGEFIND_PATH.test(url.pathname) ? cacheFirst(request) : networkFirst(request));
});

// Service worker of the Pinglu demonstration-zone site, written by hooks/offline.py at build time.
// One cache per build (the name is a hash of the built files): a new build never serves stale files.
const CACHE = __CACHE_NAME__;
const PRECACHE = __PRECACHE__;
const CACHE_FIRST = /\/assets\/pyodide\//;  // large runtime files, renamed cache on every new build
const NETWORK_TIMEOUT_MS = 4000;            // an intranet that hangs should not block offline use

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Every file straight from the server ("reload"), except the large runtime files, which are
    // revalidated ("no-cache": a 304 when the copy the self-scoring page has just downloaded is current).
    await cache.addAll(PRECACHE.map((url) => {
      const absolute = new URL(url, self.registration.scope);
      return new Request(absolute, { cache: CACHE_FIRST.test(absolute.pathname) ? "no-cache" : "reload" });
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith("pinglu-site-") && name !== CACHE).map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

// A URL may be requested percent-encoded ("%2B") but precached as written ("+"), or the reverse.
async function matchCached(cache, url) {
  const direct = await cache.match(url, { ignoreSearch: true });
  if (direct) return direct;
  const parsed = new URL(url);
  let decoded;
  try { decoded = decodeURIComponent(parsed.pathname); } catch (error) { return undefined; }
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
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
  });
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.ok && response.type === "basic") await cache.put(cacheKey(request), response.clone());
    return response;
  } catch (error) {
    const cached = await matchCached(cache, request.url);
    if (cached) return cached;
    if (request.mode === "navigate") {
      const notFound = await cache.match(new URL("404.html", self.registration.scope));
      if (notFound) return notFound;
    }
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await matchCached(cache, request.url);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(cacheKey(request), response.clone());
  return response;
}

// The self-scoring worker checks the .wasm MIME type with a HEAD request: offline, answer it with the
// headers of the cached file.
async function head(request) {
  try {
    return await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
  } catch (error) {
    const cached = await matchCached(await caches.open(CACHE), request.url);
    if (cached) return new Response(null, { status: cached.status, headers: cached.headers });
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  if (request.method === "HEAD") { event.respondWith(head(request)); return; }
  if (request.method !== "GET") return;
  event.respondWith(CACHE_FIRST.test(new URL(request.url).pathname) ? cacheFirst(request) : networkFirst(request));
});

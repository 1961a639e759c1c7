// Lede's service worker: keeps the app shell, so a page visited once opens offline.
//
// - Pages, and files whose names carry no content hash (boot.js, the manifest, icons):
//   network first, so a new release shows at once; the cached copy when offline.
// - Files whose names carry Trunk's content hash (the .js glue, the .wasm, the .css):
//   cache first. A hashed file never changes, so a cached one is never stale.
// - Requests to other origins are not touched (the app makes none).
//
// On install it fetches the page and caches every file of this site the page names, so the
// first visit is enough.

const CACHE = 'lede-shell-v1';
const SCOPE = self.registration.scope; // ends with '/'
const PAGE = SCOPE; // the app is one page: index.html at the scope's root
const HASHED = /-[0-9a-f]{16}(?:_bg)?\.[a-z0-9]+$/;

function ownFile(url) {
  return url.startsWith(SCOPE);
}

async function precache() {
  const cache = await caches.open(CACHE);
  const response = await fetch(PAGE, { cache: 'no-cache' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(PAGE, response);
  const urls = new Set();
  // The release page is minified, so attribute values may come without quotes.
  const attrs = /\b(?:href|src|data-lede-js|data-lede-wasm|data-lede-worker)=(?:"([^"#]+)"|([^\s"'>#]+))/g;
  for (const m of html.matchAll(attrs)) {
    const url = new URL(m[1] ?? m[2], PAGE).href;
    if (ownFile(url) && url !== PAGE) urls.add(url);
  }
  await Promise.all([...urls].map(async (url) => {
    try {
      const r = await fetch(url, { cache: 'no-cache' });
      if (r.ok) await cache.put(url, r);
    } catch {
      // A file that cannot be fetched now is cached the first time the page asks for it.
    }
  }));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('lede-shell-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (e) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw e;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !ownFile(request.url)) return;
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    // Any visit to the page (with a share link's fragment, or a query) is the same page.
    const isPage = url.origin + url.pathname === PAGE || url.origin + url.pathname === PAGE + 'index.html';
    if (isPage) event.respondWith(networkFirst(request, PAGE));
    return;
  }
  url.search = '';
  if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request, url.href));
  }
});

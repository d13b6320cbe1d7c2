/* GridEnforce service worker (hand-written, no workbox).
 * - install: precaches the app shell listed in /precache-manifest.json (written by the Vite build).
 * - navigations: network first, the cached shell when offline, so the app opens without network.
 * - /assets/*: cache first (file names are content-hashed, never change).
 * - a few reference-data GETs (config, categories, geography, teams): network first with a cached
 *   copy for offline patrol (category picker, grid map). Everything else under /api is never cached.
 */
const SHELL_PREFIX = 'gridenforce-shell-';
// Registered as /sw.js?v=<build id>: each build gets its own shell cache.
const SHELL_CACHE = SHELL_PREFIX + (new URL(self.location.href).searchParams.get('v') || 'dev');
const API_CACHE = 'gridenforce-api-v1';
const REFERENCE_API = [/^\/api\/v1\/config$/, /^\/api\/v1\/categories$/, /^\/api\/v1\/geo\/(zones|grid-cells)$/, /^\/api\/v1\/(org\/)?teams$/];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const res = await fetch('/precache-manifest.json', { cache: 'no-store' });
      const manifest = await res.json();
      const cache = await caches.open(SHELL_CACHE);
      const files = [...new Set([...manifest.files, '/favicon.svg', '/manifest.webmanifest'])];
      await cache.addAll(files.map((f) => new Request(f, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(SHELL_PREFIX) && key !== SHELL_CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'clear-api-cache') event.waitUntil(caches.delete(API_CACHE));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return; // map tiles and other origins: browser default

  if (req.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          return await fetch(req);
        } catch {
          const shell = await caches.match('/', { ignoreSearch: true });
          return shell || (await caches.match('/index.html')) || Response.error();
        }
      })(),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      (async () => {
        const hit = await caches.match(req);
        if (hit) return hit;
        const res = await fetch(req);
        if (res.ok) await (await caches.open(SHELL_CACHE)).put(req, res.clone());
        return res;
      })(),
    );
    return;
  }

  if (REFERENCE_API.some((re) => re.test(url.pathname))) {
    event.respondWith(
      (async () => {
        const cache = await caches.open(API_CACHE);
        try {
          const res = await fetch(req);
          if (res.ok) await cache.put(url.pathname + url.search, res.clone());
          return res;
        } catch (err) {
          const hit = await cache.match(url.pathname + url.search);
          if (hit) return hit;
          throw err;
        }
      })(),
    );
    return;
  }

  if (url.pathname === '/favicon.svg' || url.pathname === '/manifest.webmanifest') {
    event.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
  }
});

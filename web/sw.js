// The app's service worker: a reader who opened the app once opens it again with no network.
//
// Scope: the folder this file is served from (the app's root, at a site's root or under any
// sub-path), so it covers the app and its preset pages (p/<id>/). Registered by loader.js.
//
// - Pages (navigations) come from the network first, so a new version is seen at once, and from
//   the cache when the network fails. The page is the same for every query (a share link's
//   parameters are read by the app), so it is cached without its query.
// - Everything else the page loads (Trunk's hashed CSS, JS and wasm, the images) comes from the
//   cache first: hashed names never change content. Installing caches the app page and every
//   asset it names, so the first visit already leaves all that is needed offline.
// - After a new page arrives, assets no cached page names any more are dropped.

const CACHE = 'bioanchors';
const scope = () => self.registration.scope;

/** The same-origin addresses a page's HTML names (href, src, and the loader's data-js/data-wasm). */
function assetsOf(html, pageUrl) {
  const urls = new Set();
  for (const [, value] of html.matchAll(/(?:href|src|data-js|data-wasm)="([^"]+)"/g)) {
    if (value.startsWith('data:')) continue;
    const url = new URL(value.replaceAll('&amp;', '&'), pageUrl);
    url.hash = '';
    if (url.origin === self.location.origin) urls.add(url.href);
  }
  return [...urls];
}

/** A page's cache key: its address without query or fragment. */
function pageKey(url) {
  const key = new URL(url);
  key.search = '';
  key.hash = '';
  return key.href;
}

async function cachePage(cache, url, response) {
  const html = await response.clone().text();
  await cache.put(pageKey(url), response);
  const assets = assetsOf(html, url);
  await Promise.all(
    assets.map(async (asset) => {
      if (await cache.match(asset)) return;
      const r = await fetch(asset);
      if (r.ok) await cache.put(asset, r);
    }),
  );
  return assets;
}

/** Drops what no cached page names (an earlier build's hashed files). */
async function prune(cache) {
  const keep = new Set();
  const requests = await cache.keys();
  for (const request of requests) {
    const response = await cache.match(request);
    if (response?.headers.get('Content-Type')?.startsWith('text/html')) {
      keep.add(request.url);
      for (const asset of assetsOf(await response.text(), request.url)) keep.add(asset);
    }
  }
  await Promise.all(requests.filter((r) => !keep.has(r.url)).map((r) => cache.delete(r)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const response = await fetch(scope(), { cache: 'no-cache' });
      if (response.ok) await cachePage(cache, scope(), response);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

async function fromNetworkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.headers.get('Content-Type')?.startsWith('text/html')) {
      // Keep the latest page and its assets, without holding the navigation up.
      cachePage(cache, request.url, response.clone()).then(() => prune(cache), () => {});
    }
    return response;
  } catch (offline) {
    const cached = (await cache.match(pageKey(request.url))) ?? (await cache.match(scope()));
    if (cached) return cached;
    throw offline;
  }
}

async function fromCacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request.url);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') cache.put(request.url, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(request.mode === 'navigate' ? fromNetworkFirst(request) : fromCacheFirst(request));
});

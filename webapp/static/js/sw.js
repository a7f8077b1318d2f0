// Lokaal Signaal's service worker (docs/offline.md). The server puts V (the release) and
// ASSETS (the fingerprinted CSS and JS) above this line. It keeps those assets and the submit
// page's shell, never another page: no signal, no name passes through its caches.
const KEEP = 'ls-' + V, PAGES = 'ls-pages-' + V, SUBMIT = /^\/[^/]+\/signalen\/nieuw$/;

// A page the server marks no-store (one with a message that may name someone) is not kept.
const keep = (path, answer) => {
  if (answer.ok && !/no-store/.test(answer.headers.get('Cache-Control') || '')) {
    return caches.open(PAGES).then(c => c.put(path, answer));
  }
};

self.addEventListener('install', e => e.waitUntil(
  caches.open(KEEP).then(c => c.addAll(ASSETS)).then(() => self.skipWaiting())));

self.addEventListener('activate', e => e.waitUntil(
  caches.keys().then(names => Promise.all(names.filter(n => n !== KEEP && n !== PAGES)
    .map(n => caches.delete(n)))).then(() => self.clients.claim())));

self.addEventListener('fetch', e => {
  const r = e.request, url = new URL(r.url);
  if (r.method !== 'GET' || url.origin !== location.origin) return;
  if (url.pathname.startsWith('/assets/')) {
    e.respondWith(caches.match(r).then(hit => hit || fetch(r)));
  } else if (r.mode === 'navigate' && SUBMIT.test(url.pathname) && !url.search) {
    // The network first: online the giver gets today's page; offline the kept shell.
    e.respondWith(fetch(r).then(answer => {
      e.waitUntil(Promise.resolve(keep(url.pathname, answer.clone())));
      return answer;
    }, () => caches.match(url.pathname, {cacheName: PAGES}).then(hit => hit || Response.error())));
  }
});

// The page asks whether its shell is kept: the first visit is not yet controlled by the worker,
// so it fetches the page once more; later visits were kept on the way in.
self.addEventListener('message', e => {
  const path = e.data;
  if (typeof path === 'string' && SUBMIT.test(path)) {
    e.waitUntil(caches.match(path, {cacheName: PAGES})
      .then(hit => hit || fetch(path, {credentials: 'same-origin'}).then(a => keep(path, a)))
      .then(() => e.source.postMessage('ready'), () => {}));
  }
});

// Background Sync, where the browser has it: the open page sends what waits.
self.addEventListener('sync', e => {
  if (e.tag === 'ls-send') {
    e.waitUntil(self.clients.matchAll().then(all => all.forEach(c => c.postMessage('send'))));
  }
});

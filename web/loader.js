// Starts the app without an inline script, so the page's Content-Security-Policy can forbid them
// (script-src 'self'). Trunk would inject `<script type="module">import init ...</script>`;
// Trunk.toml's `pattern_script` replaces that with a <meta name="bioanchors-app"> naming the
// hashed wasm-bindgen JS and wasm, and this file (an ordinary same-origin module, hashed and
// given an SRI `integrity` by Trunk) loads them. The JS was fetched by Trunk's
// <link rel="modulepreload" integrity=...>, so the import below reuses that checked module; the
// wasm is fetched with the integrity value `bioanchors site` moved from Trunk's
// <link rel="preload"> into the meta tag (data-wasm-integrity; a page that still has the
// preload link, as `trunk serve` writes it, gives it there), so SRI still holds.
const app = document.querySelector('meta[name="bioanchors-app"]');
if (!app) {
  throw new Error('bioanchors: the page has no <meta name="bioanchors-app">; was it built by Trunk?');
}
// The meta names them relative to the page (Trunk.toml: public_url = "./"; `../../` on a preset
// page), so resolve them against the page: a module's own `import()` would resolve them against
// this file's URL instead, which is not the page's on a preset page.
const js = new URL(app.dataset.js, document.baseURI).href;
const wasm = new URL(app.dataset.wasm, document.baseURI).href;
const preload = [...document.querySelectorAll('link[rel="preload"]')].find((link) => link.href === wasm);
// The service worker sits at the app's root, which a preset page (p/<id>/) names in its meta
// tag. Resolved now: the app moves a preset page's address to the root when it starts.
const root = document.querySelector('meta[name="bioanchors-preset"]')?.dataset.root ?? './';
const framed = window.top !== window || new URLSearchParams(location.search).has('embed');
const swUrl = 'serviceWorker' in navigator && !framed ? new URL(`${root}sw.js`, document.baseURI) : null;
const integrity = app.dataset.wasmIntegrity ?? preload?.getAttribute('integrity') ?? '';

/** Waits until the page's poster chart (src/site.rs) has painted, if it is to be seen. */
async function posterPainted() {
  const chart = document.querySelector('#poster .poster-chart');
  // No poster to wait for: an embed (none shown), a share link (its figures hidden), a dev
  // build (none written), a page opened in a background tab (nothing paints there).
  const shown = chart && chart.getClientRects().length > 0 && getComputedStyle(chart).visibility === 'visible';
  if (!shown || document.visibilityState !== 'visible') return;
  const painted = chart
    .decode()
    .catch(() => {})
    .then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  // A picture that never arrives must not hold the app back.
  await Promise.race([painted, new Promise((resolve) => setTimeout(resolve, POSTER_WAIT_MS))]);
}
/** Longest the app's download waits for the poster's chart. */
const POSTER_WAIT_MS = 3000;

// The answer first: on a phone on a slow connection the poster's chart (tens of KB) then has
// the bandwidth to itself instead of sharing it with the wasm (hundreds), which starts one
// round trip later than a preload would have. BENCHMARKS.md, "Lighthouse".
await posterPainted();
const wasmResponse = fetch(wasm, integrity ? { integrity } : {});
const { default: init } = await import(js);
await init({ module_or_path: wasmResponse });
dispatchEvent(new CustomEvent('TrunkApplicationStarted'));

// Offline after the first visit (web/sw.js), registered once the app runs so that it never
// competes with the first load. Only the app itself registers: an embed (or any framed page)
// lives in someone else's page, and a sandboxed one cannot.
if (swUrl) {
  navigator.serviceWorker.register(swUrl).catch(() => {
    // No worker (private browsing, a file:// page): the app works as before, only not offline.
  });
}

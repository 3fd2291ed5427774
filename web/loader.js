// Starts the app without an inline script, so the page's Content-Security-Policy can forbid them
// (script-src 'self'). Trunk would inject `<script type="module">import init ...</script>`;
// Trunk.toml's `pattern_script` replaces that with a <meta name="bioanchors-app"> naming the
// hashed wasm-bindgen JS and wasm, and this file (an ordinary same-origin module, hashed and
// given an SRI `integrity` by Trunk) loads them. The JS was fetched by Trunk's
// <link rel="modulepreload" integrity=...>, so the import below reuses that checked module; the
// wasm is fetched with the integrity value of Trunk's <link rel="preload">, so SRI still holds.
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
const integrity = preload?.getAttribute('integrity') ?? '';
const { default: init } = await import(js);
await init({ module_or_path: fetch(wasm, integrity ? { integrity } : {}) });
dispatchEvent(new CustomEvent('TrunkApplicationStarted'));

// Offline after the first visit (web/sw.js), registered once the app runs so that it never
// competes with the first load. Only the app itself registers: an embed (or any framed page)
// lives in someone else's page, and a sandboxed one cannot.
if (swUrl) {
  navigator.serviceWorker.register(swUrl).catch(() => {
    // No worker (private browsing, a file:// page): the app works as before, only not offline.
  });
}

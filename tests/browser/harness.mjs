// The browser-test harness: serves the release build (`dist/`) on 127.0.0.1, drives Debian's
// headless Chromium through playwright-core, and fails a test on any console error, uncaught page
// error (a Rust panic logs one through console_error_panic_hook, then traps), failed request or
// HTTP error. Test files use `browserTest` plus the helpers below; see ARCHITECTURE.md, "Tests".

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '../..');
/** The built app; BIOANCHORS_DIST points elsewhere (and then the harness never builds). */
export const DIST_DIR = path.resolve(process.env.BIOANCHORS_DIST ?? path.join(REPO_ROOT, 'dist'));
export const ARTIFACTS_DIR = path.join(HERE, 'artifacts');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// The network flags stop Chromium's background calls to hosts this machine cannot reach, which
// would otherwise log failures and slow start-up; --no-sandbox because tests run as root.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** A common laptop viewport; phone tests pass their own. */
export const DESKTOP_VIEWPORT = { width: 1280, height: 800 };
/**
 * BIOANCHORS_CPU_THROTTLE=N runs every page with its CPU slowed N times (Chromium's
 * `Emulation.setCPUThrottlingRate`, as DevTools' "4× slowdown" for phones), to check that the
 * tests wait for states and not for times. Timeouts are multiplied by it.
 */
export const CPU_THROTTLE = Math.max(1, Number(process.env.BIOANCHORS_CPU_THROTTLE) || 1);
/** A timeout of `ms` on an unthrottled machine, scaled by the CPU throttle. */
export const scaled = (ms) => ms * CPU_THROTTLE;
/** How long the app may take to mount: it mounted in 164 ms in the toolchain note's run. */
const MOUNT_TIMEOUT_MS = scaled(15_000);
/**
 * The app's debounce before it writes the address bar and the autosave (`state.rs`,
 * `schedule_url_update`).
 */
export const URL_DEBOUNCE_MS = 250;

// --- Static server ------------------------------------------------------------------------------

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  // Browsers compile wasm while it streams only when it is served as application/wasm.
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Maps a request path to a file under `root`, or null when it would leave `root` (`..`, encoded
 * or not, absolute paths, NUL bytes) or is malformed.
 */
export function resolveUnderRoot(root, requestPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(requestPath.split(/[?#]/, 1)[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = path.resolve(root, `.${path.posix.sep}${decoded}`);
  return full === root || full.startsWith(root + path.sep) ? full : null;
}

/**
 * A static file server for `root` (not yet listening). Only GET and HEAD; a folder is its
 * index.html. `mount` serves `root` under a sub-path instead of the site's root (`/some/path/`:
 * anything outside it is a 404, the bare `/some/path` redirects to it, as static hosts do);
 * `cors` sends `Access-Control-Allow-Origin: *`, as common static hosts do, which sandboxed
 * (opaque-origin) embeds need to load the app's files with their integrity checks.
 */
export function createStaticServer(root, { mount = '/', cors = false } = {}) {
  const realRoot = fs.realpathSync(root);
  assert.ok(mount.startsWith('/') && mount.endsWith('/'), `mount must start and end with /: ${mount}`);
  return http.createServer(async (req, res) => {
    const send = (status, body = '', headers = {}) => {
      res.writeHead(status, {
        'Content-Type': 'text/plain; charset=utf-8',
        ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    const url = req.url ?? '/';
    if (mount !== '/' && url.split(/[?#]/, 1)[0] === mount.slice(0, -1)) {
      return send(301, '', { Location: mount + url.slice(mount.length - 1) });
    }
    if (!url.startsWith(mount)) return send(404, 'not found\n');
    let file = resolveUnderRoot(realRoot, url.slice(mount.length - 1));
    if (file === null) return send(403, 'forbidden\n');
    try {
      if ((await fsp.stat(file)).isDirectory()) file = path.join(file, 'index.html');
      // A symlink inside root must not lead outside it either.
      const real = await fsp.realpath(file);
      if (!real.startsWith(realRoot + path.sep)) return send(403, 'forbidden\n');
      const body = await fsp.readFile(real);
      const type = MIME_TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
      send(200, body, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    } catch {
      send(404, 'not found\n');
    }
  });
}

/**
 * Serves `root` on 127.0.0.1 on a free port (options: see `createStaticServer`). Returns
 * `{ url, close }`; `url` is the origin, without the mount.
 */
export async function startStaticServer(root, options = {}) {
  const server = createStaticServer(root, options);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// --- The build ----------------------------------------------------------------------------------

// What `trunk build` reads: when any of it is newer than dist/index.html, dist/ is stale.
const BUILD_INPUTS = ['src', 'model', 'charts', 'fonts', 'style', 'public', 'web', 'index.html', 'Cargo.toml', 'Cargo.lock', 'Trunk.toml', '.cargo', 'scripts/build.sh'];

function newestMtimeMs(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtimeMs(path.join(p, entry)));
  return newest;
}

/**
 * Makes sure `dist/` holds a release build of the current sources: reuses it when it is newer than
 * every build input, else runs scripts/build.sh. Skipped when BIOANCHORS_DIST is set.
 */
export function ensureDist() {
  if (process.env.BIOANCHORS_DIST) return;
  const index = path.join(DIST_DIR, 'index.html');
  const builtAt = newestMtimeMs(index);
  const changedAt = Math.max(...BUILD_INPUTS.map((p) => newestMtimeMs(path.join(REPO_ROOT, p))));
  if (builtAt > changedAt) return;
  console.log(`# dist/ is ${builtAt ? 'older than the sources' : 'missing'}: running scripts/build.sh`);
  const build = spawnSync('bash', [path.join(REPO_ROOT, 'scripts/build.sh')], { cwd: REPO_ROOT, stdio: 'inherit' });
  assert.equal(build.status, 0, 'scripts/build.sh failed');
}

// --- Browser and pages --------------------------------------------------------------------------

let sharedSession = null; // Promise<{ browser, server }>, one per test file (node runs each in its own process)

function session() {
  sharedSession ??= (async () => {
    ensureDist();
    const server = await startStaticServer(DIST_DIR);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    return { browser, server };
  })();
  return sharedSession;
}

after(async () => {
  if (!sharedSession) return;
  const { browser, server } = await sharedSession;
  await browser.close();
  await server.close();
});

const pageStates = new WeakMap(); // page -> { baseUrl, problems: string[], onProblem }

/**
 * A new page in a fresh browser context (no shared storage), watched for problems: console errors,
 * uncaught page errors, failed requests and HTTP error statuses.
 */
export async function newPage({ viewport = DESKTOP_VIEWPORT, serviceWorkers = 'block' } = {}) {
  const { browser } = await session();
  // The app's service worker (web/sw.js) is blocked unless a test asks for it: it would answer
  // later loads of a test from its cache, and its own fetches outlive a test's page.
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, serviceWorkers });
  return watchedPage(context);
}

/**
 * Another tab beside `page`: the same browser context, so the same storage (and `storage`
 * events between the two), watched like `page`. Closed with the context.
 */
export async function newTab(page) {
  return watchedPage(page.context());
}

async function watchedPage(context) {
  const { server } = await session();
  const page = await context.newPage();
  page.setDefaultTimeout(scaled(30_000));
  if (CPU_THROTTLE > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
  }
  const state = { baseUrl: server.url, problems: [], onProblem: null, expected: [] };
  const report = (problem) => {
    if (state.expected.some((pattern) => pattern.test(problem))) return;
    state.problems.push(problem);
    state.onProblem?.(new Error(`the page reported a problem: ${problem}`));
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error') report(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => report(`uncaught error: ${err.stack ?? err.message}`));
  page.on('requestfailed', (req) => {
    // Cancelled, not failed: the page navigated away before it finished (say, the favicon,
    // which the browser fetches late). A missing file is a 404 and a refused one an error text.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    report(`request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) report(`HTTP ${res.status()}: ${res.url()}`);
  });
  pageStates.set(page, state);
  return page;
}

function stateOf(page) {
  const state = pageStates.get(page);
  assert.ok(state, 'this page was not made by the harness (use browserTest or newPage)');
  return state;
}

/**
 * Problems matching `pattern` are expected from now on and not reported: for a test that
 * breaks something on purpose (say, refuses the wasm to look at the page without it).
 */
export function expectProblems(page, pattern) {
  stateOf(page).expected.push(pattern);
}

/** The problems the page has reported so far. */
export function pageProblems(page) {
  return [...stateOf(page).problems];
}

/** Fails when the page has reported any problem. */
export function assertNoPageProblems(page) {
  const problems = pageProblems(page);
  assert.deepEqual(problems, [], `the page reported ${problems.length} problem(s):\n${problems.join('\n')}`);
}

/**
 * Waits for two animation frames, so that the frame the last event asked for has run and Leptos
 * has applied its updates. Deterministic, not a delay: the app requests its frame while handling
 * the event, before this asks for ours, and frame callbacks run in the order they were requested.
 */
export async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/**
 * Waits until the page's own debounced writes (address bar, autosave) that are pending now have
 * run, or would have: a timer set in the page after them, expiring after them, runs after them,
 * however slow the machine (timers run in the order they expire). For tests that check that
 * something was *not* written.
 */
export async function afterPendingWrites(page) {
  await page.evaluate((ms) => new Promise((resolve) => setTimeout(resolve, ms)), URL_DEBOUNCE_MS + 50);
}

/** Waits until the page has reported a problem matching `pattern` (say, a CSP violation). */
export async function waitForProblem(page, pattern, { since = 0, timeout = scaled(5_000) } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const problems = pageProblems(page).slice(since);
    if (problems.some((p) => pattern.test(p))) return problems;
    if (Date.now() > deadline) assert.fail(`no problem matching ${pattern} within ${timeout} ms: ${problems.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Opens the app and waits until it has mounted `#app`. `query` is a string (`"a=1&b=2"`, with or
 * without `?`) or an object of parameters; `viewport` resizes the page first; `at` is the page's
 * address (default: the harness's server root). Fails at once if the
 * page reports a problem (say, a panic) while loading. Returns the URL opened.
 */
export async function openApp(page, { query = '', viewport, at } = {}) {
  const state = stateOf(page);
  if (viewport) await page.setViewportSize(viewport);
  const search = typeof query === 'string' ? query.replace(/^\?/, '') : new URLSearchParams(query).toString();
  // `at`: another page of the app (a sub-path, a preset page) instead of the harness's root.
  const url = `${at ?? `${state.baseUrl}/`}${search ? `?${search}` : ''}`;
  const failed = new Promise((_, reject) => {
    state.onProblem = reject;
  });
  failed.catch(() => {}); // handled by the race below; never unhandled
  try {
    await Promise.race([
      (async () => {
        await page.goto(url, { waitUntil: 'load' });
        await page.waitForSelector('#app', { state: 'attached', timeout: MOUNT_TIMEOUT_MS });
        // The assumption panel, the sections below the charts and the charts below the fold
        // come in later tasks (src/ui/mod.rs, mount_after_first_charts); `data-pending` goes
        // when they are all there.
        await page.waitForSelector('#app:not([data-pending])', { state: 'attached', timeout: MOUNT_TIMEOUT_MS });
        await settle(page);
      })(),
      failed,
    ]);
  } finally {
    state.onProblem = null;
  }
  assertNoPageProblems(page);
  return url;
}

/**
 * Makes sure the control `selector` (`#p-<key>`, or a sub-element `#p-<key>-number`) is on the
 * page: a collapsed group builds its controls only when first opened, so open the groups that
 * hold it (`data-holds` lists their controls' ids), outermost first, as a person would, and
 * wait for it.
 */
export async function revealControl(page, selector) {
  if (!/^#[\w-]+$/.test(selector)) {
    // Not one control's id (say, `input[type=range] >> nth=0`): only what is on the page.
    await page.waitForSelector(selector, { state: 'attached' });
    return;
  }
  await page.evaluate((sel) => {
    if (document.querySelector(sel)) return;
    const id = sel.replace(/^#/, '').replace(/-(number|label|tip)$/, '');
    const holders = [...document.querySelectorAll('details[data-holds]')].filter((d) => d.dataset.holds.split(' ').includes(id));
    for (const d of holders) d.open = true;
  }, selector);
  await page.waitForSelector(selector, { state: 'attached' });
  // A subgroup inside a group that was just built: open it too once it exists.
  await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    for (let d = el?.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
  }, selector);
}

/**
 * Moves a range input to `value` the way a person dragging it would: a few `input` events at
 * intermediate values, then one `change`. Returns the value the input settled on (browsers snap
 * to `step` and clamp to `min`/`max`), as a number.
 */
export async function setSlider(page, selector, value, { steps = 5 } = {}) {
  await revealControl(page, selector);
  const settled = await page.$eval(
    selector,
    (input, { target, steps }) => {
      if (!(input instanceof HTMLInputElement) || input.type !== 'range') {
        throw new Error(`not a range input: ${input.outerHTML.slice(0, 120)}`);
      }
      // The prototype's setter, so frameworks that track the property see a real change.
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      const from = Number(input.value);
      input.focus();
      for (let i = 1; i <= steps; i += 1) {
        setValue.call(input, String(i === steps ? target : from + ((target - from) * i) / steps));
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return input.value;
    },
    { target: value, steps: Math.max(1, steps) },
  );
  await settle(page);
  return Number(settled);
}

/**
 * SHA-256 (hex) of a canvas's pixels (`getImageData` of the whole 2D canvas; the PNG encoding for
 * a canvas without a 2D context). Equal hashes mean identical pictures.
 */
export async function canvasHash(page, selector) {
  return page.$eval(selector, async (canvas) => {
    const ctx = canvas.getContext('2d');
    let bytes;
    if (ctx) {
      bytes = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    } else {
      const blob = await new Promise((resolve) => canvas.toBlob(resolve));
      bytes = new Uint8Array(await blob.arrayBuffer());
    }
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  });
}

/** Waits until a canvas has at least one non-transparent pixel (it has been drawn on). */
export async function waitForCanvasPainted(page, selector, { timeout = scaled(5_000) } = {}) {
  await page.waitForFunction(
    (sel) => {
      const canvas = document.querySelector(sel);
      const ctx = canvas?.getContext('2d');
      if (!ctx || canvas.width === 0 || canvas.height === 0) return false;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    },
    selector,
    { timeout },
  );
}

/** Waits until the canvas's pixels differ from `previousHash`; returns the new hash. */
export async function waitForCanvasChange(page, selector, previousHash, { timeout = scaled(5_000) } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const hash = await canvasHash(page, selector);
    if (hash !== previousHash) return hash;
    if (Date.now() > deadline) assert.fail(`${selector} did not redraw within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits until the canvas's pixels hash to `hash` (a chart drawn back to an earlier picture; an
 * off-screen chart is redrawn a moment after the change, not in its frame).
 */
export async function waitForCanvasHash(page, selector, hash, { timeout = scaled(5_000) } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const now = await canvasHash(page, selector);
    if (now === hash) return;
    if (Date.now() > deadline) assert.fail(`${selector} did not come back to the expected picture within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Saves a full-page PNG as tests/browser/artifacts/<name>.png and returns its path. */
export async function screenshot(page, name) {
  await fsp.mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// --- The summary and the share link -------------------------------------------------------------

/** The summary's figures: what the page, the CLI, share links and embeds must agree on. */
export const SUMMARY_FIGURES = ['summary-median', 'summary-q10', 'summary-q90', 'summary-p2030', 'summary-p2036', 'summary-p2050', 'summary-p2100'];

/** A parameter's slider: `hardware.halving_years` → `#p-hardware-halving_years`. */
export const sliderOf = (key) => `#p-${key.replaceAll('.', '-')}`;

/** The summary's figures as shown, once the model has answered (no "…" placeholder left). */
export async function summaryFigures(page) {
  await page.waitForFunction(() => !document.querySelector('[data-testid=summary-median]').textContent.includes('\u2026'));
  const out = {};
  for (const id of SUMMARY_FIGURES) out[id] = (await page.getByTestId(id).textContent()).trim();
  return out;
}

/**
 * `openApp`, then waits until `charts` are drawn and the summary is filled in, so that tests
 * compare numbers, not placeholders. Returns the summary's figures.
 */
export async function openAndWait(page, { charts = ['#chart-cdf'], ...options } = {}) {
  await openApp(page, options);
  for (const chart of charts) await waitForCanvasPainted(page, chart);
  return summaryFigures(page);
}

/**
 * Waits until the share link in the address bar (debounced) includes `key`, and returns its
 * query. Settles after, because the autosave runs in the same timer callback.
 */
export async function waitForShareLink(page, key) {
  await page.waitForFunction((k) => new URLSearchParams(location.search).has(k), key, { timeout: scaled(5_000) });
  await settle(page);
  return page.evaluate(() => location.search.replace(/^\?/, ''));
}

/** Moves two sliders off the preset and returns the share link's query the address bar settles on. */
export async function editScenario(page) {
  await setSlider(page, '#p-hardware-halving_years', 1.8);
  await setSlider(page, '#p-spend-doubling_years', 1.5);
  await page.waitForFunction(
    () => location.search.includes('hardware.halving_years') && location.search.includes('spend.doubling_years'),
    null,
    { timeout: scaled(5_000) },
  );
  return page.evaluate(() => location.search.replace(/^\?/, ''));
}

let sessionHookRegistered = false;

/**
 * Registers a test that gets a fresh watched page: `browserTest(name, async (page, t) => {...},
 * { viewport, timeout })`. After the body it waits for the page to settle and fails if the page
 * reported any problem; on failure it saves artifacts/failed-<name>.png.
 */
export function browserTest(name, body, { viewport, timeout = 60_000 } = {}) {
  if (!sessionHookRegistered) {
    // Build (if stale), serve and launch before the first test, outside any test's timeout.
    before(() => session());
    sessionHookRegistered = true;
  }
  test(name, { timeout: scaled(timeout) }, async (t) => {
    const page = await newPage({ viewport });
    try {
      await body(page, t);
      if (!page.isClosed()) await settle(page);
      assertNoPageProblems(page);
    } catch (err) {
      const problems = pageProblems(page);
      if (problems.length && err instanceof Error && !err.message.includes(problems[0])) {
        err.message += `\nthe page reported:\n${problems.join('\n')}`;
      }
      if (!page.isClosed()) await screenshot(page, `failed-${name}`).catch(() => {});
      throw err;
    } finally {
      await page.context().close();
    }
  });
}

// The answer before the wasm: each page (`bioanchors site`) carries its own scenario's headline
// figures as plain HTML and a picture of its chart, shown while the wasm is still on its way (here,
// never arrives); the app replaces them when it mounts, with no layout shift; and a share link,
// whose numbers the page cannot know without the model, shows no figures until the app has them.

import assert from 'node:assert/strict';
import { cliFigures } from './cli.mjs';
import { SUMMARY_FIGURES, browserTest, expectProblems, openAndWait } from './harness.mjs';

/** From now on the wasm request is refused: only the static page and its poster load. */
async function refuseWasm(page) {
  await page.route('**/*.wasm', (route) => route.abort());
  // The refusal is this test's doing, and so are the errors it causes.
  expectProblems(page, /\.wasm|Failed to fetch|ERR_FAILED/);
}

/** The poster's figures as { summary-median: "2054", ... }. */
async function posterFigures(page) {
  const out = {};
  for (const id of SUMMARY_FIGURES) {
    out[id] = (await page.getByTestId(id.replace('summary-', 'poster-')).textContent()).trim();
  }
  return out;
}

for (const [path, preset] of [
  ['/', 'best-guess'],
  ['/p/aggressive/', 'aggressive'],
]) {
  browserTest(`${path} shows ${preset}'s figures and chart before the wasm, as the CLI prints them`, async (page) => {
    // The app once, for the server's address (and to prove the page works with the wasm).
    await openAndWait(page);
    const base = new URL(page.url()).origin;
    await refuseWasm(page);
    await page.goto(`${base}${path}`);
    await page.waitForFunction(() => document.querySelector('#poster img')?.complete);
    assert.equal(await page.locator('#app').count(), 0, 'the app did not start');
    assert.deepEqual(await posterFigures(page), cliFigures(`?v=2&preset=${preset}`));
    const img = await page.$eval('#poster img', (el) => [el.naturalWidth, el.naturalHeight, getComputedStyle(el).visibility]);
    assert.deepEqual(img, [1680, 660, 'visible'], 'the chart, drawn at build time at 2x');
  });
}

browserTest('a share link shows no figures until the app has computed them', async (page) => {
  await openAndWait(page);
  const base = new URL(page.url()).origin;
  await refuseWasm(page);
  for (const query of ['?v=2&preset=aggressive', '?hardware.halving_years=1', '?hardware%2Ehalving_years=1', '?given=2030']) {
    await page.goto(`${base}/${query}`);
    await page.waitForSelector('#poster', { state: 'attached' });
    const hidden = await page.$$eval('#poster .figure-value, #poster img', (els) => els.map((e) => getComputedStyle(e).visibility));
    assert.ok(hidden.length === 8 && hidden.every((v) => v === 'hidden'), `${query}: ${hidden}`);
    assert.match(await page.locator('.poster-shared').textContent(), /Computing the shared scenario/);
    assert.ok(await page.locator('.poster-shared').isVisible(), query);
  }
  // Someone else's tags are no share link: the page's own figures show.
  await page.goto(`${base}/?fbclid=abc`);
  await page.waitForSelector('#poster', { state: 'attached' });
  assert.equal(await page.$eval('#poster .figure-value', (e) => getComputedStyle(e).visibility), 'visible');
});

browserTest('the app replaces the poster where it stands, with no layout shift', async (page) => {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__shifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await openAndWait(page, { charts: ['#chart-cdf', '#chart-per-year'] });
  assert.equal(await page.locator('#poster').count(), 0, 'the poster is gone');
  const shifts = await page.evaluate(() => window.__shifts);
  const total = shifts.reduce((a, b) => a + b, 0);
  assert.ok(total < 0.01, `cumulative layout shift ${total} (${shifts})`);
});

browserTest('the wasm is fetched once the poster has painted, at once on a share link', async (page) => {
  const events = [];
  page.on('requestfinished', (r) => r.url().endsWith('/poster.png') && events.push('poster loaded'));
  page.on('request', (r) => r.url().endsWith('.wasm') && events.push('wasm requested'));
  await openAndWait(page);
  assert.deepEqual(events, ['poster loaded', 'wasm requested'], 'the picture first, with the bandwidth to itself');
  // A share link hides the poster's chart, so nothing waits for it: here the picture is held
  // back until the wasm has been asked for (a loader that waited for it would never start).
  const base = new URL(page.url()).origin;
  events.length = 0;
  let wasmRequested;
  const wasmAsked = new Promise((resolve) => { wasmRequested = resolve; });
  page.on('request', (r) => r.url().endsWith('.wasm') && wasmRequested());
  await page.route('**/poster.png', async (route) => {
    await wasmAsked;
    await route.continue();
  });
  await page.goto(`${base}/?v=2&preset=aggressive`);
  await page.waitForSelector('#app');
  assert.deepEqual(events.slice(0, 2), ['wasm requested', 'poster loaded']);
  await page.unroute('**/poster.png');
});

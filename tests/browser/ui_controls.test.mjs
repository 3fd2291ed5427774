// The explorer UI against the native model: moving a slider changes the displayed numbers to
// exactly what `bioanchors forecast` prints for the same scenario (the page's share link), info
// tips open, resets restore the preset, and the layout works on a phone and a desktop.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, browserTest, openApp, screenshot, setSlider, settle, waitForCanvasPainted } from './harness.mjs';

const FIGURES = ['summary-median', 'summary-q10', 'summary-q90', 'summary-p2030', 'summary-p2036', 'summary-p2050', 'summary-p2100'];
const CHARTS = ['#chart-cdf', '#chart-per-year', '#chart-requirements', '#chart-trajectories'];

/** The id the page gives a parameter's slider: `hardware.halving_years` → `#p-hardware-halving_years`. */
const sliderOf = (key) => `#p-${key.replaceAll('.', '-')}`;

/**
 * The native CLI: an existing release or debug build (the model is deterministic and uses no
 * fast-math, so both print the same strings), else a release build made here.
 */
function cliBinary() {
  for (const profile of ['release', 'debug']) {
    const bin = path.join(REPO_ROOT, 'target', profile, 'bioanchors');
    if (fs.existsSync(bin) && !process.env.BIOANCHORS_REBUILD_CLI) return bin;
  }
  const build = spawnSync('cargo', ['build', '--release', '--bin', 'bioanchors'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, PATH: `/usr/bin:${process.env.PATH}` },
  });
  assert.equal(build.status, 0, 'building the CLI failed');
  return path.join(REPO_ROOT, 'target/release/bioanchors');
}

/**
 * What the CLI prints for a share-link query, as the page's figure ids: `bioanchors forecast`'s
 * table output starts with the milestones ("P(TAI by year):  2030 7.7%  2036 17.7% ...") and the
 * arrival-year quantiles ("Arrival year:  10% 2031  ...  50% 2052 ..."), printed with the same
 * `model::format` functions as the page.
 */
function nativeFigures(query) {
  const run = spawnSync(cliBinary(), ['forecast', '--url', `?${query}`, '--format', 'table'], { encoding: 'utf8' });
  assert.equal(run.status, 0, `bioanchors forecast failed for ?${query}:\n${run.stderr}`);
  const [milestones, arrival] = run.stdout.split('\n');
  const out = {};
  for (const [, year, p] of milestones.matchAll(/(\d{4}) (\d+(?:\.\d+)?%)/g)) out[`summary-p${year}`] = p;
  for (const [, q, year] of arrival.matchAll(/(\d+)% (after \d{4}|\d{4})/g)) {
    out[{ 10: 'summary-q10', 50: 'summary-median', 90: 'summary-q90' }[q] ?? `q${q}`] = year;
  }
  return out;
}

async function displayedFigures(page) {
  const out = {};
  for (const id of FIGURES) out[id] = (await page.getByTestId(id).textContent()).trim();
  return out;
}

/** Waits for the page's share link (debounced) to include `key`, and returns the query. */
async function shareQuery(page, key) {
  await page.waitForFunction((k) => new URLSearchParams(location.search).has(k), key, { timeout: 5_000 });
  return page.evaluate(() => location.search.replace(/^\?/, ''));
}

async function openAndWait(page, opts) {
  await openApp(page, opts);
  for (const c of CHARTS) await waitForCanvasPainted(page, c);
  await page.waitForFunction(() => !document.querySelector('[data-testid=summary-median]').textContent.includes('\u2026'));
}

// One slider per kind the issue names: a weight, an OOM-uncertainty and an algorithmic-progress one.
const MOVES = [
  { key: 'anchor.nn_medium.weight', to: 70 },
  { key: 'requirements.extra_sigma_oom', to: 2 },
  { key: 'algo.halving_years_large', to: 1.5 },
];

for (const { key, to } of MOVES) {
  browserTest(`moving ${key} shows the native model's numbers for that scenario`, async (page) => {
    await openAndWait(page);
    const before = await displayedFigures(page);
    const open = await page.evaluate(() => location.search);
    assert.equal(open, '', 'the preset needs no query');
    // Log-scaled sliders move in log10 units; these three are linear.
    await setSlider(page, sliderOf(key), to);
    const query = await shareQuery(page, key);
    await settle(page);
    const shown = await displayedFigures(page);
    const native = nativeFigures(query);
    // Every figure the page shows, not only the two the issue names.
    for (const id of FIGURES) assert.equal(shown[id], native[id], `${id} for ?${query}`);
    assert.notDeepEqual(shown, before, 'the figures moved');
    // The control is marked as changed and its number box shows the value.
    assert.match(await page.getByTestId(sliderOf(key).slice(1)).getAttribute('class'), /changed/);
  });
}

browserTest('info tips open and say where the default comes from', async (page) => {
  await openAndWait(page);
  const tip = page.locator('#p-hardware-halving_years-tip');
  assert.equal(await tip.isVisible(), false, 'closed at first');
  await page.getByTestId('tip-p-hardware-halving_years').click();
  await tip.waitFor({ state: 'visible' });
  const text = await tip.textContent();
  assert.match(text, /Source:/);
  assert.match(text, /Default \(/);
  assert.equal(await page.getByTestId('tip-p-hardware-halving_years').getAttribute('aria-expanded'), 'true');
  await page.getByTestId('tip-p-hardware-halving_years').press('Enter');
  await tip.waitFor({ state: 'hidden' });
});

browserTest('resets restore the preset: one control, one group, everything', async (page) => {
  await openAndWait(page);
  const preset = await displayedFigures(page);

  // One control.
  await setSlider(page, sliderOf('hardware.halving_years'), 1.5);
  await page.waitForFunction((p) => document.querySelector('[data-testid=summary-median]').textContent !== p, preset['summary-median']);
  await page.getByTestId('reset-p-hardware-halving_years').click();
  await settle(page);
  assert.deepEqual(await displayedFigures(page), preset, 'reset of one control');

  // One group: two spending sliders, then the group's reset.
  await setSlider(page, sliderOf('spend.doubling_years'), 1);
  // A log-scaled slider: its position is log10 of the value (5% of GDP).
  await setSlider(page, sliderOf('spend.cap_percent_gdp'), Math.log10(5));
  assert.notDeepEqual(await displayedFigures(page), preset);
  await page.getByTestId('reset-group-spending').click();
  await settle(page);
  assert.deepEqual(await displayedFigures(page), preset, 'reset of the spending group');

  // Everything.
  await setSlider(page, sliderOf('anchor.lifetime.weight'), 60);
  await setSlider(page, sliderOf('algo.halving_years_large'), 1);
  await page.getByTestId('reset-preset').click();
  await settle(page);
  assert.deepEqual(await displayedFigures(page), preset, 'reset to the preset');
  await page.waitForFunction(() => location.search === '', null, { timeout: 5_000 });
});

browserTest('weights show their normalized shares, live', async (page) => {
  await openAndWait(page);
  const share = page.getByTestId('share-p-anchor-nn_medium-weight');
  assert.equal((await share.textContent()).trim(), '30.0%');
  await setSlider(page, sliderOf('anchor.nn_medium.weight'), 70);
  // 70 / (5 + 20 + 70 + 15 + 10 + 10 + 10) = 50%.
  assert.equal((await share.textContent()).trim(), '50.0%');
});

for (const [name, viewport] of [
  ['phone', { width: 360, height: 740 }],
  ['desktop', { width: 1440, height: 900 }],
]) {
  browserTest(`the page works at ${viewport.width}x${viewport.height} (${name})`, async (page) => {
    await openAndWait(page, { viewport });
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    assert.ok(scrollWidth <= clientWidth, `no horizontal scroll (${scrollWidth} > ${clientWidth})`);
    for (const c of CHARTS) {
      const box = await page.locator(c).boundingBox();
      assert.ok(box.width >= 280 && box.x >= 0 && box.x + box.width <= viewport.width, `${c} fits: ${JSON.stringify(box)}`);
    }
    // A slider still works at this size.
    await setSlider(page, sliderOf('hardware.halving_years'), 1.5);
    await page.getByTestId('reset-p-hardware-halving_years').click();
    await settle(page);
    // The picture people see on arrival: controls scrolled to the top.
    await page.evaluate(() => {
      document.querySelector('.controls').scrollTop = 0;
      window.scrollTo(0, 0);
    });
    const file = await screenshot(page, `ui-${name}`);
    fs.copyFileSync(file, path.join(REPO_ROOT, 'docs', `screenshot-${name}.png`));
  });
}

browserTest('dark theme: charts follow prefers-color-scheme', async (page) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openAndWait(page, { viewport: { width: 1440, height: 900 } });
  // The corner pixel of a chart is its background: dark in the dark theme.
  const [r, g, b] = await page.$eval('#chart-cdf', (c) => Array.from(c.getContext('2d').getImageData(1, 1, 1, 1).data));
  assert.ok(r + g + b < 3 * 60, `dark chart background, got rgb(${r},${g},${b})`);
  await screenshot(page, 'ui-dark');
  fs.copyFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'artifacts', 'ui-dark.png'), path.join(REPO_ROOT, 'docs', 'screenshot-dark.png'));
});

browserTest('hover shows the exact value under the pointer', async (page) => {
  await openAndWait(page, { viewport: { width: 1440, height: 900 } });
  const box = await page.locator('#chart-cdf').boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  const tip = page.getByTestId('chart-cdf-tip');
  await tip.waitFor({ state: 'visible' });
  const text = await tip.textContent();
  assert.match(text, /P\(TAI by \d{4}\): \d+\.\d%/);
});

// The explorer UI against the native model: moving a slider changes the displayed numbers to
// exactly what `bioanchors forecast` prints for the same scenario (the page's share link), info
// tips open, resets restore the preset, and the layout works on a phone and a desktop.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cliFigures } from './cli.mjs';
import { REPO_ROOT, SUMMARY_FIGURES, browserTest, openAndWait, scaled, screenshot, setSlider, settle, sliderOf, summaryFigures, waitForShareLink } from './harness.mjs';

const CHARTS = ['#chart-cdf', '#chart-per-year', '#chart-requirements', '#chart-trajectories'];

// One slider per kind the issue names: a weight, an OOM-uncertainty and an algorithmic-progress one.
const MOVES = [
  { key: 'anchor.nn_medium.weight', to: 70 },
  { key: 'requirements.extra_sigma_oom', to: 2 },
  { key: 'algo.halving_years_large', to: 1.5 },
];

/** Copies a screenshot to docs/screenshot-NAME.png (the README's pictures) when UPDATE_SCREENSHOTS=1;
 * otherwise a test run leaves the tracked files alone. */
function publishScreenshot(file, name) {
  if (process.env.UPDATE_SCREENSHOTS === '1') fs.copyFileSync(file, path.join(REPO_ROOT, 'docs', `screenshot-${name}.png`));
}

for (const { key, to } of MOVES) {
  browserTest(`moving ${key} shows the native model's numbers for that scenario`, async (page) => {
    const before = await openAndWait(page, { charts: CHARTS });
    const open = await page.evaluate(() => location.search);
    assert.equal(open, '', 'the preset needs no query');
    // Log-scaled sliders move in log10 units; these three are linear.
    await setSlider(page, sliderOf(key), to);
    const query = await waitForShareLink(page, key);
    const shown = await summaryFigures(page);
    const native = cliFigures(`?${query}`);
    // Every figure the page shows, not only the two the issue names.
    for (const id of SUMMARY_FIGURES) assert.equal(shown[id], native[id], `${id} for ?${query}`);
    assert.notDeepEqual(shown, before, 'the figures moved');
    // The control is marked as changed and its number box shows the value.
    assert.match(await page.getByTestId(sliderOf(key).slice(1)).getAttribute('class'), /changed/);
  });
}

browserTest('info tips open and say where the default comes from', async (page) => {
  await openAndWait(page, { charts: CHARTS });
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
  const preset = await openAndWait(page, { charts: CHARTS });

  // One control.
  await setSlider(page, sliderOf('hardware.halving_years'), 1.5);
  await page.waitForFunction((p) => document.querySelector('[data-testid=summary-median]').textContent !== p, preset['summary-median']);
  await page.getByTestId('reset-p-hardware-halving_years').click();
  await settle(page);
  assert.deepEqual(await summaryFigures(page), preset, 'reset of one control');

  // One group: two spending sliders, then the group's reset.
  await setSlider(page, sliderOf('spend.doubling_years'), 1);
  // A log-scaled slider: its position is log10 of the value (5% of GDP).
  await setSlider(page, sliderOf('spend.cap_percent_gdp'), Math.log10(5));
  assert.notDeepEqual(await summaryFigures(page), preset);
  await page.getByTestId('reset-group-spending').click();
  await settle(page);
  assert.deepEqual(await summaryFigures(page), preset, 'reset of the spending group');

  // Everything.
  await setSlider(page, sliderOf('anchor.lifetime.weight'), 60);
  await setSlider(page, sliderOf('algo.halving_years_large'), 1);
  await page.getByTestId('reset-preset').click();
  await settle(page);
  assert.deepEqual(await summaryFigures(page), preset, 'reset to the preset');
  await page.waitForFunction(() => location.search === '', null, { timeout: scaled(5_000) });
});

browserTest('weights show their normalized shares, live', async (page) => {
  await openAndWait(page, { charts: CHARTS });
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
    await openAndWait(page, { charts: CHARTS, viewport });
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
    publishScreenshot(await screenshot(page, `ui-${name}`), name);
  });
}

browserTest('dark theme: charts follow prefers-color-scheme', async (page) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openAndWait(page, { charts: CHARTS, viewport: { width: 1440, height: 900 } });
  // The corner pixel of a chart is its background: dark in the dark theme.
  const [r, g, b] = await page.$eval('#chart-cdf', (c) => Array.from(c.getContext('2d').getImageData(1, 1, 1, 1).data));
  assert.ok(r + g + b < 3 * 60, `dark chart background, got rgb(${r},${g},${b})`);
  publishScreenshot(await screenshot(page, 'ui-dark'), 'dark');
});

browserTest('hover shows the exact value under the pointer', async (page) => {
  await openAndWait(page, { charts: CHARTS, viewport: { width: 1440, height: 900 } });
  const box = await page.locator('#chart-cdf').boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  const tip = page.getByTestId('chart-cdf-tip');
  await tip.waitFor({ state: 'visible' });
  const text = await tip.textContent();
  assert.match(text, /P\(TAI by \d{4}\): \d+\.\d%/);
});

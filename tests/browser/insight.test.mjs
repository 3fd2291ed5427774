// The Insight section against the native model: the tornado's table equals what
// `bioanchors sensitivity` prints for the page's share link, and it recomputes after a slider
// moves; the solver's answer, applied, puts the median on the target; conditioning on the
// present relabels the summary, zeroes P up to the year and puts `given=YEAR` in the address
// bar; the reality check draws the
// observed runs with their sources.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cliBinary, runCli } from './cli.mjs';
import { REPO_ROOT, browserTest, canvasHash, openApp, scaled, screenshot, setSlider, settle, waitForCanvasChange, waitForCanvasPainted, waitForShareLink } from './harness.mjs';

/** `bioanchors sensitivity --url ?query` as { key: [metric at low, metric at high] }, in order. */
function nativeTornado(query) {
  const rows = [];
  // "hardware.halving_years   1.5   2044.8   3.5   2063.4   18.6": key, low, metric, high, metric, swing.
  for (const line of runCli(['sensitivity', '--url', `?${query}`]).split('\n').slice(2)) {
    const m = line.match(/^(\S+)\s+(\S+)\s+(after \d{4}|\S+)\s+(\S+)\s+(after \d{4}|\S+)\s+(\S+)$/);
    if (m) rows.push({ key: m[1], low: m[3], high: m[5] });
  }
  return rows;
}

async function waitForTornado(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=tornado-status]')?.dataset.complete === 'true', null, {
    timeout: scaled(20_000),
  });
}

/** The tornado's table twin, in order: key and the metric text at each end. */
async function pageTornado(page) {
  return page.$$eval('[data-testid=tornado-table] tbody tr', (trs) =>
    trs.map((tr) => ({
      key: tr.dataset.key,
      low: tr.querySelector('[data-col=metric-low]').textContent.trim(),
      high: tr.querySelector('[data-col=metric-high]').textContent.trim(),
    })),
  );
}

const median = async (page) => Number(await page.getByTestId('summary-median').getAttribute('data-value'));

browserTest('the tornado matches `bioanchors sensitivity` and recomputes after a slider moves', async (page) => {
  await openApp(page, { query: 'hardware.halving_years=3' });
  await waitForTornado(page);
  // Its section is laid out once it comes near the viewport (content-visibility): a reader
  // scrolls to it.
  await page.locator('#chart-tornado').scrollIntoViewIfNeeded();
  await waitForCanvasPainted(page, '#chart-tornado');
  const before = await pageTornado(page);
  const native = nativeTornado(await waitForShareLink(page, 'hardware.halving_years'));
  assert.ok(native.length >= 20, `the CLI printed ${native.length} bars`);
  assert.deepEqual(before, native, 'the page and the CLI disagree on the tornado');
  // Real numbers, not placeholders: the widest bar moves the median by years.
  assert.match(before[0].low, /^\d{4}\.\d$|^after \d{4}$/);

  // Top 12 by default; "show all" draws every bar (a taller canvas).
  const shortHeight = await page.$eval('#chart-tornado', (c) => c.clientHeight);
  await page.getByTestId('tornado-show-all').click();
  await page.waitForFunction((h) => document.querySelector('#chart-tornado').clientHeight > h * 2, shortHeight);

  const hash = await canvasHash(page, '#chart-tornado');
  await setSlider(page, '#p-spend-doubling_years', 3);
  await waitForTornado(page);
  await waitForCanvasChange(page, '#chart-tornado', hash, { timeout: scaled(20_000) });
  const after = await pageTornado(page);
  assert.notDeepEqual(after, before, 'the table did not change after the slider moved');
  assert.deepEqual(after, nativeTornado(await waitForShareLink(page, 'spend.doubling_years')));
  await screenshot(page, 'insight-tornado');
});

browserTest('the P(TAI by 2036) tornado matches the CLI too', async (page) => {
  await openApp(page);
  await waitForTornado(page);
  await page.getByTestId('tornado-metric').selectOption('p');
  await page.waitForFunction(() => document.querySelector('[data-testid=tornado-table] tbody tr [data-col=metric-low]')?.textContent.includes('%'));
  await waitForTornado(page);
  const rows = await pageTornado(page);
  const native = [];
  for (const line of runCli(['sensitivity', '--metric', 'p2036']).split('\n').slice(2)) {
    const m = line.match(/^(\S+)\s+\S+\s+(\S+%)\s+\S+\s+(\S+%)\s+\S+$/);
    if (m) native.push({ key: m[1], low: m[2], high: m[3] });
  }
  assert.deepEqual(rows, native);
});

browserTest('the solver finds a halving time for a median of 2045, and Apply puts the median there', async (page) => {
  await openApp(page);
  await page.getByTestId('solver-param').selectOption('hardware.halving_years');
  await page.getByTestId('solver-median-year').fill('2045');
  await page.getByTestId('solver-median-year').dispatchEvent('change');
  await page.getByTestId('solver-solve').click();
  await page.waitForFunction(() => /gives median arrival year/.test(document.querySelector('[data-testid=solver-result]').textContent), null, {
    timeout: scaled(20_000),
  });
  const text = await page.getByTestId('solver-result').textContent();
  assert.match(text, /^FLOP\/\$ halving time = [\d.]+ years gives median arrival year 2045\.0 \(now 2\.5 years\)/);
  const before = await median(page);
  await page.getByTestId('solver-apply').click();
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid=summary-median]').dataset.value) !== b, before);
  const after = await median(page);
  assert.ok(Math.abs(after - 2045) <= 0.1, `median after Apply: ${after}`);
  assert.equal((await page.getByTestId('summary-median').textContent()).trim(), '2045');

  // A median of 2026 by moving one anchor's weight is out of reach, and says so.
  await page.getByTestId('solver-param').selectOption('anchor.evolution.weight');
  await page.getByTestId('solver-median-year').fill('2026');
  await page.getByTestId('solver-median-year').dispatchEvent('change');
  await page.getByTestId('solver-solve').click();
  await page.waitForFunction(() => /^Out of reach/.test(document.querySelector('[data-testid=solver-result]').textContent), null, {
    timeout: scaled(20_000),
  });
  assert.match(
    await page.getByTestId('solver-result').textContent(),
    /^Out of reach: no Evolution: .+ within \[0, [\d.]+\] gives median arrival year = 2026\.0\. Closest: /,
  );
});

browserTest('conditioning on no TAI by 2030 relabels the summary, zeroes P up to 2030 and redraws the charts', async (page) => {
  await openApp(page);
  await waitForCanvasPainted(page, '#chart-cdf');
  const plainMedian = await median(page);
  const plainP2036 = (await page.getByTestId('summary-p2036').textContent()).trim();
  const cdf = await canvasHash(page, '#chart-cdf');
  await page.getByTestId('condition-year').fill('2030');
  await page.getByTestId('condition-year').dispatchEvent('change');
  await page.getByTestId('condition-toggle').check();
  await page.getByTestId('summary-condition').waitFor();
  assert.match(await page.getByTestId('summary-condition').textContent(), /given no TAI by 2030/);
  const label = await page.locator('.figure', { has: page.getByTestId('summary-p2036') }).locator('.figure-label').textContent();
  assert.equal(label, 'P(TAI by 2036) | none by 2030');
  // The address bar is a share link of what is shown: conditioning included.
  assert.equal(new URLSearchParams(await waitForShareLink(page, 'given')).get('given'), '2030');
  await waitForCanvasChange(page, '#chart-cdf', cdf);
  assert.equal((await page.getByTestId('summary-p2030').textContent()).trim(), '0.0%');
  assert.notEqual((await page.getByTestId('summary-p2036').textContent()).trim(), plainP2036);
  assert.ok((await median(page)) > plainMedian, 'knowing TAI is not here by 2030 moves the median later');
  // The table twin: 0 up to 2030, positive after.
  await page.locator('.table-twin > summary', { hasText: 'probability of transformative AI by year' }).click();
  const cell = (year) => page.locator('[data-testid=table-twin] tbody tr', { has: page.locator(`th:text-is("${year}")`) }).locator('td').first();
  assert.equal((await cell(2030).textContent()).trim(), '0.0%');
  assert.equal((await cell(2025).textContent()).trim(), '0.0%');
  assert.notEqual((await cell(2031).textContent()).trim(), '0.0%');
  assert.match(await page.locator('[data-testid=table-twin] caption').textContent(), /\| none by 2030/);
  await screenshot(page, 'insight-conditioned');

  await page.getByTestId('condition-toggle').uncheck();
  await page.getByTestId('summary-condition').waitFor({ state: 'detached' });
  assert.equal(await median(page), plainMedian);
  await page.waitForFunction(() => !location.search.includes('given='), null, { timeout: scaled(5_000) });
});

browserTest('the reality check draws the largest run of each year with its source', async (page) => {
  await openApp(page);
  await page.locator('#chart-reality').scrollIntoViewIfNeeded();
  await waitForCanvasPainted(page, '#chart-reality');
  const csv = fs.readFileSync(path.join(REPO_ROOT, 'model/data/observed-training-runs.csv'), 'utf8');
  const years = new Set(csv.trim().split('\n').slice(1).map((l) => l.slice(0, 4)));
  const rows = page.getByTestId('observed-run');
  assert.equal(await rows.count(), years.size);
  assert.match(await rows.first().textContent(), /GPT-3.*3\.14e23/);
  assert.match(await page.getByTestId('reality-reading').textContent(), /predicted 2025 by \d+\.\d OOM/);
  const hash = await canvasHash(page, '#chart-reality');
  await page.getByTestId('reality-preset').click();
  await waitForCanvasChange(page, '#chart-reality', hash);
  assert.ok(await page.getByTestId('reality-preset').isDisabled());
});

browserTest(
  'the Insight section fits a phone without horizontal scrolling',
  async (page) => {
    await openApp(page);
    await waitForTornado(page);
    await page.getByTestId('insight').scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await screenshot(page, 'insight-phone');
  },
  { viewport: { width: 360, height: 740 } },
);

// A year outside the forecast, in the solver's and the condition's boxes or as the tornado's
// P(TAI by YEAR), is refused beside its control with the CLI's message, and the page goes on.

/**
 * `bioanchors ARGS...`, which must refuse with exit code 2: its message without the
 * `bioanchors: --option: ` prefix, the text the page shows for the same year.
 */
function cliRefusal(args) {
  const run = spawnSync(cliBinary(), args, { encoding: 'utf8' });
  assert.equal(run.status, 2, `bioanchors ${args.join(' ')}: ${run.stderr}`);
  const m = run.stderr.match(/^bioanchors: --[a-z-]+: (.*)\n$/);
  assert.ok(m, run.stderr);
  return m[1];
}

/** Types `value` into a number box and commits it, as leaving the box does. */
async function enter(page, testid, value) {
  await page.getByTestId(testid).fill(value);
  await page.getByTestId(testid).dispatchEvent('change');
}

const textOf = async (page, testid) => (await page.getByTestId(testid).textContent()).trim();

/** Waits until the element's text is exactly `text` (`''`: empty). */
async function waitForText(page, testid, text) {
  await page.waitForFunction(
    ({ testid, text }) => document.querySelector(`[data-testid=${testid}]`)?.textContent.trim() === text,
    { testid, text },
  );
}

browserTest('the solver refuses a year outside the forecast beside its box, and the page keeps working', async (page) => {
  await openApp(page);
  const range = "the forecast's years [2025, 2100]";
  const solve = page.getByTestId('solver-solve');
  // 1e9 used to size the solver's runs, and overflowed the page's memory (a panic).
  await enter(page, 'solver-median-year', '1e9');
  await waitForText(page, 'solver-year-error', `1e9 is outside ${range}`);
  assert.equal(
    await textOf(page, 'solver-year-error'),
    cliRefusal(['solve', '--param', 'hardware.halving_years', '--median-year=1e9']),
    'the page and the CLI print the same refusal',
  );
  assert.ok(await solve.isDisabled(), 'Solve waits for a year the forecast has');
  await enter(page, 'solver-median-year', '');
  await waitForText(page, 'solver-year-error', `the year must be a number within ${range}`);

  // The P-by year box goes through the same check.
  await page.getByTestId('solver-kind').selectOption('p');
  await enter(page, 'solver-p-year', '2147483647');
  await waitForText(page, 'solver-year-error', `2147483647 is outside ${range}`);
  await enter(page, 'solver-p-year', '2101');
  const longer = `2101 is outside ${range}; a longer forecast (\`forecast.end_year\`, up to 2200) includes it`;
  await waitForText(page, 'solver-year-error', longer);
  assert.equal(longer, cliRefusal(['solve', '--param', 'hardware.halving_years', '--p-by', '2101:0.25']));
  assert.ok(await solve.isDisabled());
  // A longer forecast has 2101: the refusal goes, without touching the box again.
  await setSlider(page, '#p-forecast-end_year', 2150);
  await waitForText(page, 'solver-year-error', '');
  assert.ok(await solve.isEnabled());

  // The page still solves: back to a median the forecast has.
  await page.getByTestId('solver-kind').selectOption('median');
  await waitForText(page, 'solver-year-error', `the year must be a number within the forecast's years [2025, 2150]`);
  await enter(page, 'solver-median-year', '2045');
  await waitForText(page, 'solver-year-error', '');
  await solve.click();
  await page.waitForFunction(() => /gives median arrival year 2045\.0/.test(document.querySelector('[data-testid=solver-result]').textContent), null, {
    timeout: 20_000,
  });
});

browserTest('the condition year box refuses a year outside the forecast and keeps the condition it had', async (page) => {
  await openApp(page);
  await enter(page, 'condition-year', '2030');
  await page.getByTestId('condition-toggle').check();
  await page.getByTestId('summary-condition').waitFor();
  assert.match(await textOf(page, 'summary-condition'), /given no TAI by 2030/);
  assert.equal(new URLSearchParams(await waitForShareLink(page, 'given')).get('given'), '2030');

  // 1e9 used to be clamped to 2099 without a word.
  await enter(page, 'condition-year', '1e9');
  const message = "1e9 is outside the forecast's years [2025, 2100]";
  await waitForText(page, 'condition-year-error', message);
  assert.equal(message, cliRefusal(['forecast', '--given', '1000000000']));
  await settle(page);
  assert.match(await textOf(page, 'summary-condition'), /given no TAI by 2030/);
  assert.equal(new URLSearchParams(await page.evaluate(() => location.search)).get('given'), '2030');

  await enter(page, 'condition-year', '2024');
  await waitForText(page, 'condition-year-error', "2024 is outside the forecast's years [2025, 2100]");
  // A year the forecast has clears the message and applies.
  await enter(page, 'condition-year', '2040');
  await waitForText(page, 'condition-year-error', '');
  await page.waitForFunction(() => /given no TAI by 2040/.test(document.querySelector('[data-testid=summary-condition]')?.textContent));
});

browserTest('the P(TAI by 2036) tornado says why it cannot run on a forecast that ends in 2030', async (page) => {
  await openApp(page, { query: 'forecast.end_year=2030' });
  await waitForTornado(page);
  await page.getByTestId('tornado-metric').selectOption('p');
  const message = "2036 is outside the forecast's years [2025, 2030]; a longer forecast (`forecast.end_year`, up to 2200) includes it";
  await waitForText(page, 'tornado-error', message);
  assert.equal(message, cliRefusal(['sensitivity', '--metric', 'p2036', '--url', '?forecast.end_year=2030']));
  await waitForText(page, 'tornado-status', 'Not computed.');
  assert.equal(await page.locator('[data-testid=tornado-table] tbody tr').count(), 0, 'no bars of another question');
  // The median needs no year: the tornado is back. (The refused view also counts as complete,
  // so wait for the new job's bars, not for "complete".)
  await page.getByTestId('tornado-metric').selectOption('median');
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid=tornado-table] tbody tr').length >= 20 &&
      document.querySelector('[data-testid=tornado-status]')?.dataset.complete === 'true',
  );
  assert.equal(await textOf(page, 'tornado-error'), '');
});

// Exports: a chart's PNG is a real PNG at twice the chart's CSS size, the CSV download is byte
// for byte what `bioanchors forecast --url <same link> --format csv` prints, a scenario JSON
// exported and imported into a fresh browser gives the same scenario and numbers, an invalid
// file changes nothing and says why, and the embed-code dialog's snippet works when pasted into
// a page.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import { REPO_ROOT, afterPendingWrites, assertNoPageProblems, browserTest, canvasHash, editScenario, newPage, openApp, scaled, screenshot, setSlider, summaryFigures, waitForCanvasChange } from './harness.mjs';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Clicks `selector` and returns the download it starts: its suggested name and its bytes. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), bytes: await fs.readFile(await file.path()) };
}

/** The CLI's output, built from the current sources by cargo (a no-op when it is up to date). */
function cli(args) {
  const run = spawnSync('cargo', ['run', '--quiet', '--bin', 'bioanchors', '--', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, PATH: `/usr/bin:${process.env.PATH}` },
    maxBuffer: 16 * 1024 * 1024,
  });
  assert.equal(run.status, 0, `bioanchors ${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout;
}

browserTest('each chart downloads as a PNG at twice its CSS size', async (page) => {
  await openApp(page);
  for (const [id, name] of [
    ['chart-cdf', 'bioanchors-cdf.png'],
    ['chart-per-year', 'bioanchors-per-year.png'],
    ['chart-requirements', 'bioanchors-requirements.png'],
    ['chart-trajectories', 'bioanchors-trajectories.png'],
  ]) {
    const css = await page.$eval(`#${id}`, (c) => ({ w: c.clientWidth, h: c.clientHeight }));
    const png = await download(page, `[data-testid=${id}-png]`);
    assert.equal(png.name, name);
    assert.deepEqual(png.bytes.subarray(0, 8), PNG_SIGNATURE, `${name} starts with the PNG signature`);
    assert.equal(png.bytes.subarray(12, 16).toString('latin1'), 'IHDR');
    assert.equal(png.bytes.readUInt32BE(16), 2 * css.w, `${name} width = 2 x ${css.w} CSS px`);
    assert.equal(png.bytes.readUInt32BE(20), 2 * css.h, `${name} height = 2 x ${css.h} CSS px`);
    // A drawn chart, not an empty canvas: an empty PNG of this size compresses to ~1 KB.
    assert.ok(png.bytes.length > 10_000, `${name} is ${png.bytes.length} bytes`);
  }
});

browserTest('the PNG shows what the page shows: a compared preset is in the picture', async (page) => {
  await openApp(page);
  const plain = await download(page, '[data-testid=chart-cdf-png]');
  const before = await canvasHash(page, '#chart-cdf');
  await page.getByRole('checkbox', { name: 'Aggressive', exact: true }).check();
  await waitForCanvasChange(page, '#chart-cdf', before);
  const compared = await download(page, '[data-testid=chart-cdf-png]');
  assert.equal(compared.bytes.readUInt32BE(16), plain.bytes.readUInt32BE(16), 'same size');
  assert.notDeepEqual(compared.bytes, plain.bytes, 'the compared curve and its legend are drawn in the PNG');
});

browserTest('the CSV download equals the CLI\u2019s CSV for the same link', async (page) => {
  await openApp(page);
  const link = await editScenario(page);
  const csv = await download(page, '[data-testid=export-csv]');
  assert.equal(csv.name, 'bioanchors-forecast.csv');
  const expected = cli(['forecast', '--url', `?${link}`, '--format', 'csv']);
  assert.ok(expected.split('\n').length > 50, 'the CLI printed a year per line');
  assert.equal(csv.bytes.toString('utf8'), expected);
  await page.getByTestId('export-status').getByText('Saved bioanchors-forecast.csv.').waitFor();
}, { timeout: 300_000 });

browserTest('a scenario exported as JSON and imported in a fresh browser gives the same numbers', async (page) => {
  await openApp(page);
  const link = await editScenario(page);
  const before = await summaryFigures(page);
  const json = await download(page, '[data-testid=export-json]');
  assert.equal(json.name, 'bioanchors-scenario.json');
  const file = JSON.parse(json.bytes.toString('utf8'));
  assert.equal(file.format, 'bioanchors-scenario');
  assert.equal(file.params['hardware.halving_years'], 1.8);
  assert.equal(file.params['spend.doubling_years'], 1.5);

  // A new browser profile: nothing in storage, the default address.
  const fresh = await newPage();
  try {
    await openApp(fresh);
    assert.notDeepEqual(await summaryFigures(fresh), before, 'the edit changed the numbers');
    await fresh.setInputFiles('[data-testid=import-json]', {
      name: 'bioanchors-scenario.json',
      mimeType: 'application/json',
      buffer: json.bytes,
    });
    await fresh.getByTestId('export-status').getByText('Loaded the scenario in \u201cbioanchors-scenario.json\u201d.').waitFor();
    await fresh.waitForFunction((l) => location.search.replace(/^\?/, '') === l, link, { timeout: scaled(5_000) });
    assert.deepEqual(await summaryFigures(fresh), before);
    const again = await download(fresh, '[data-testid=export-json]');
    assert.equal(again.bytes.toString('utf8'), json.bytes.toString('utf8'), 'export, import, export is a fixed point');
    assertNoPageProblems(fresh);
  } finally {
    await fresh.context().close();
  }
});

browserTest('an invalid scenario file changes nothing and says why; file names stay text', async (page) => {
  await openApp(page);
  const link = await editScenario(page);
  const before = await summaryFigures(page);
  const name = '<img src=x data-injected=1>.json';
  await page.setInputFiles('[data-testid=import-json]', {
    name,
    mimeType: 'application/json',
    buffer: Buffer.from('{"params": {"hardware.halving_years": 9'),
  });
  const status = page.getByTestId('export-status');
  await status.getByText('Nothing was changed').waitFor();
  const message = (await status.textContent()).trim();
  // The browser's own JSON.parse says where the text stops being JSON.
  assert.match(message, /could not be imported \(this is not a scenario file: .+ in JSON at position 39/);
  assert.ok(message.includes(`\u201c${name}\u201d`), `the file name is shown as typed: ${message}`);
  assert.equal(await page.locator('[data-injected]').count(), 0, 'the file name was not parsed as HTML');
  await afterPendingWrites(page);
  assert.equal(await page.evaluate(() => location.search.replace(/^\?/, '')), link);
  assert.deepEqual(await summaryFigures(page), before);

  // A readable file with problems loads what it can and lists what it changed, in plain words.
  await page.setInputFiles('[data-testid=import-json]', {
    name: 'odd.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ params: { 'hardware.halving_years': 1000, 'no.such.key': 1 } })),
  });
  await status.getByText('Loaded the scenario in \u201codd.json\u201d, with these changes:').waitFor();
  const notes = await page.getByTestId('import-notes').locator('li').allTextContents();
  assert.ok(notes.some((n) => n.includes('hardware.halving_years')), notes.join('\n'));
  assert.ok(notes.some((n) => n.includes('no.such.key')), notes.join('\n'));
  await screenshot(page, 'export-import-notes');
});

browserTest('the embed-code dialog gives a snippet that works when pasted into a page', async (page) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  const link = await editScenario(page);
  await page.getByTestId('open-publish').click();
  await page.getByTestId('publish-way-embed').check();
  await page.getByTestId('embed-variant-card').check();
  const code = await page.getByTestId('embed-code').inputValue();
  const origin = new URL(page.url()).origin;
  const src = `${origin}/?embed=card&${link}`;
  assert.ok(code.startsWith(`<iframe src="${src.replaceAll('&', '&amp;')}" title="bioanchors: `), code);
  assert.match(code, /loading="lazy"/);
  assert.match(code, /height="\d+"/);
  assert.ok(code.endsWith(`<script src="${origin}/public/embed.js" async></script>`), code);
  await page.getByTestId('copy-embed-code').click();
  await page.getByTestId('embed-code-copied').getByText('Copied.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  await screenshot(page, 'export-embed-dialog');

  // Pasted into a host page on the same server, the iframe loads the card and embed.js fits it.
  await page.route('**/__pasted.html', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: `<!doctype html><title>post</title><p>Post</p>${code}` }),
  );
  await page.goto(`${origin}/__pasted.html`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForSelector('[data-testid=embed-p2030]');
  await page.waitForFunction(() => {
    const iframe = document.querySelector('iframe');
    const app = iframe.contentDocument?.getElementById('app');
    return app && iframe.clientHeight === Math.ceil(app.getBoundingClientRect().height);
  });
});

browserTest('where the clipboard is unavailable, the code is selected for copying by hand', async (page) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
  await openApp(page, { viewport: { width: 360, height: 740 } });
  await page.getByTestId('open-publish').click();
  await page.getByTestId('publish-way-embed').check();
  await page.getByTestId('copy-embed-code').click();
  await page.getByTestId('embed-code-copied').getByText('The text is selected').waitFor();
  const selection = await page.getByTestId('embed-code').evaluate((t) => [t.selectionStart, t.selectionEnd, t.value.length]);
  assert.deepEqual(selection, [0, selection[2], selection[2]]);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'no horizontal scroll on a phone');
  await page.getByTestId('publish-dialog').scrollIntoViewIfNeeded();
  await screenshot(page, 'export-embed-dialog-phone');
});

browserTest('Publish: the image for email is a 1,200 px PNG whose alt text and caption carry the figures and the link', async (page) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  const link = await editScenario(page);
  const figures = await summaryFigures(page);
  await page.getByTestId('open-publish').click();
  await page.getByTestId('publish-way-image').check();
  // The writer's name for it is text, never HTML.
  await page.getByTestId('image-title').fill('My <b>plan</b>');
  const image = page.getByTestId('publish-image');
  await page.waitForFunction(() => {
    const img = document.querySelector('[data-testid=publish-image]');
    return img && img.complete && img.naturalWidth > 0 && img.alt.includes('My <b>plan</b>');
  });
  assert.deepEqual(await image.evaluate((img) => [img.naturalWidth, img.naturalHeight]), [1200, 630]);
  const alt = await page.getByTestId('image-alt').inputValue();
  for (const id of ['summary-median', 'summary-q10', 'summary-q90', 'summary-p2030', 'summary-p2050']) {
    assert.ok(alt.includes(figures[id]), `the alt text has ${id} = ${figures[id]}: ${alt}`);
  }
  assert.ok(alt.startsWith('My <b>plan</b>: '), alt);
  const caption = await page.getByTestId('image-caption').inputValue();
  const origin = new URL(page.url()).origin;
  assert.ok(caption.endsWith(`${origin}/?${link}`), caption);
  assert.equal(await page.locator('[data-testid=publish-dialog] b').count(), 0, 'the name made no element');

  // Download: a PNG 1,200 px wide.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-image').click()]);
  assert.equal(download.suggestedFilename(), 'bioanchors-scenario.png');
  const png = await fs.readFile(await download.path());
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1200, 630]);

  // Copy all: the image with its caption where the clipboard takes images, else the text.
  await page.getByTestId('copy-image').click();
  await page.waitForFunction(() => /Copied|copies text only/.test(document.querySelector('[data-testid=image-status]').textContent));
  const types = await page.evaluate(async () => (await navigator.clipboard.read()).flatMap((item) => item.types));
  assert.ok(types.includes('text/plain'), types.join());
  assert.ok((await page.evaluate(() => navigator.clipboard.readText())).endsWith(`${origin}/?${link}`));
  if (types.includes('image/png')) {
    const html = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return (await item.getType('text/html')).text();
    });
    assert.match(html, /<img src="data:image\/png;base64,[^"]+" alt="My &lt;b&gt;plan&lt;\/b&gt;: /);
  }
  await screenshot(page, 'publish-image');
});

browserTest('Publish: a preset links to its preview page; a changed scenario says it previews as the front page', async (page) => {
  await openApp(page, { query: 'v=2&preset=aggressive' });
  await page.getByTestId('open-publish').click();
  await page.getByTestId('publish-way-preview').check();
  const origin = new URL(page.url()).origin;
  assert.equal(await page.getByTestId('publish-preview-link').inputValue(), `${origin}/p/aggressive/`);
  await page.waitForFunction(() => document.querySelector('[data-testid=publish-preview-image]')?.naturalWidth === 1200);
  await setSlider(page, '#p-hardware-halving_years', 2);
  await page.getByTestId('publish-preview-note').waitFor();
  assert.match(await page.getByTestId('publish-preview-note').textContent(), /previews as the app\u2019s front page/);
  // Each way says where it works.
  const hints = await page.locator('.publish-hint').allTextContents();
  assert.equal(hints.length, 4);
  assert.match(hints[2], /email/);
  await screenshot(page, 'publish-preview');
});

// Publishing: the built dist/ served unchanged under a sub-path by a static server that sends
// CORS headers, with the link-preview pages `bioanchors site` writes for that address. The app,
// its share links, its embed code and the preset pages all stay under the sub-path; every page
// carries its Open Graph tags, a 1,200 × 630 og:image and an oEmbed response that parses.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  browserTest,
  DIST_DIR,
  editScenario,
  ensureDist,
  newPage,
  openApp,
  startStaticServer,
  summaryFigures,
  waitForCanvasPainted,
} from './harness.mjs';
import { cliBinary, cliFigures, runCli } from './cli.mjs';

const MOUNT = '/some/path/';
let site; // { base: 'http://127.0.0.1:PORT/some/path/', close }
let siteDir;

before(async () => {
  ensureDist();
  // A copy, so the pages written for this server's address never reach dist/ itself.
  siteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioanchors-site-'));
  fs.cpSync(DIST_DIR, siteDir, { recursive: true });
  const server = await startStaticServer(siteDir, { mount: MOUNT, cors: true });
  const base = `${server.url}${MOUNT}`;
  const run = spawnSync(cliBinary(), ['site', '--dist', siteDir, '--public-url', base], { encoding: 'utf8' });
  assert.equal(run.status, 0, `bioanchors site failed:\n${run.stderr}`);
  site = { base, close: server.close };
});

after(async () => {
  await site?.close();
  if (siteDir) fs.rmSync(siteDir, { recursive: true, force: true });
});

/** Every preset's id, as `bioanchors presets` lists them (the id is a line's first word). */
function presetIds() {
  return runCli(['presets'])
    .split('\n')
    .filter((line) => /^\S/.test(line))
    .map((line) => line.split(/\s+/)[0]);
}

/** The `content` of a page's `<meta property|name="key">`, with the entities the CLI writes undone. */
function metaContent(html, key) {
  const match = html.match(new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)">`));
  return match?.[1].replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

async function fetchOk(url) {
  const res = await fetch(url);
  assert.equal(res.status, 200, url);
  return res;
}

browserTest('the app runs under a sub-path: assets, share link, reload and embed code stay under it', async (page) => {
  await openApp(page, { at: site.base });
  await waitForCanvasPainted(page, '#chart-cdf');
  assert.deepEqual(await summaryFigures(page), cliFigures('?preset=best-guess'));
  // Every file the page loaded came from below the sub-path.
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.ok(loaded.some((u) => u.endsWith('.wasm')), loaded.join('\n'));
  for (const url of loaded) assert.ok(url.startsWith(site.base), `${url} is outside ${site.base}`);

  const query = await editScenario(page);
  assert.equal(await page.evaluate(() => location.pathname), MOUNT);
  const edited = await summaryFigures(page);
  // The share link in the address bar reopens the same scenario.
  await page.reload();
  await page.waitForSelector('#app');
  await waitForCanvasPainted(page, '#chart-cdf');
  assert.deepEqual(await summaryFigures(page), edited);
  assert.deepEqual(edited, cliFigures(`?${query}`));

  await page.getByTestId('open-publish').click();
  await page.getByTestId('publish-way-embed').check();
  const code = await page.getByTestId('embed-code').inputValue();
  const src = code.match(/<iframe src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  assert.ok(src.startsWith(`${site.base}?embed=chart&`), src);
  const script = code.match(/<script src="([^"]+)"/)[1];
  assert.equal(script, `${site.base}public/embed.js`);
  await fetchOk(script);
  // The embed itself, on its own address under the sub-path, draws the chart.
  const embed = await newPage();
  try {
    await openApp(embed, { at: src });
    await embed.waitForSelector('#app.embed');
    await waitForCanvasPainted(embed, '#chart-cdf');
  } finally {
    await embed.context().close();
  }
});

browserTest('a preset page opens its preset at the app’s own address', async (page) => {
  await openApp(page, { at: `${site.base}p/aggressive/` });
  await waitForCanvasPainted(page, '#chart-cdf');
  // The app read the page's preset and moved to the address its share links are built from.
  assert.equal(await page.evaluate(() => location.href), `${site.base}?preset=aggressive`);
  assert.deepEqual(await summaryFigures(page), cliFigures('?preset=aggressive'));
  // A share link's own parameters win over the page's preset.
  await openApp(page, { at: `${site.base}p/aggressive/`, query: 'v=2&preset=conservative' });
  await waitForCanvasPainted(page, '#chart-cdf');
  assert.equal(await page.evaluate(() => location.href), `${site.base}?v=2&preset=conservative`);
  assert.deepEqual(await summaryFigures(page), cliFigures('?preset=conservative'));
});

test('every page has its preview tags, a 1,200 × 630 og:image and an oEmbed JSON', async () => {
  const pages = [['best-guess', ''], ...presetIds().map((id) => [id, `p/${id}/`])];
  assert.ok(pages.length >= 7, `${pages.length} pages`);
  for (const [id, sub] of pages) {
    const url = `${site.base}${sub}`;
    const html = await (await fetchOk(url)).text();
    const figures = cliFigures(`?preset=${id}`);
    const description = metaContent(html, 'description');
    for (const fig of ['summary-q10', 'summary-median', 'summary-q90', 'summary-p2030', 'summary-p2050']) {
      assert.ok(description.includes(figures[fig]), `${url}: ${description} lacks ${fig} ${figures[fig]}`);
    }
    assert.equal(metaContent(html, 'og:description'), description);
    assert.ok(metaContent(html, 'og:title'), `${url}: og:title`);
    assert.equal(metaContent(html, 'og:url'), url);
    assert.equal(metaContent(html, 'twitter:card'), 'summary_large_image');
    if (sub) assert.match(html, new RegExp(`<meta name="bioanchors-preset" content="${id}"`));

    const image = metaContent(html, 'og:image');
    assert.equal(image, `${url}og.png`);
    const png = Buffer.from(await (await fetchOk(image)).arrayBuffer());
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${image} is a PNG`);
    assert.equal(png.toString('latin1', 12, 16), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1200, 630], image);

    const discovery = html.match(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/);
    assert.ok(discovery, `${url}: oEmbed discovery link`);
    assert.equal(discovery[1], `${url}oembed.json`);
    const oembed = JSON.parse(await (await fetchOk(discovery[1])).text());
    assert.equal(oembed.version, '1.0');
    assert.equal(oembed.type, 'rich');
    assert.equal(oembed.provider_name, 'bioanchors');
    assert.equal(oembed.thumbnail_url, image);
    assert.ok(Number.isInteger(oembed.width) && Number.isInteger(oembed.height), 'width and height');
    const src = oembed.html.match(/<iframe src="([^"]+)"/)[1].replaceAll('&amp;', '&');
    assert.ok(src.startsWith(`${site.base}?embed=chart`), src);
    if (id !== 'best-guess') assert.ok(src.includes(`preset=${id}`), src);
  }
});

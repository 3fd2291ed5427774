// Offline after the first visit: the app's service worker (web/sw.js) caches the page and every
// asset it names, so with the server gone the app, a share link and a preset page still open,
// computed and drawn. The manifest and icons that make it installable are served.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIST_DIR, assertNoPageProblems, newPage, startStaticServer, summaryFigures, waitForCanvasPainted } from './harness.mjs';

/** Waits until the worker's cache holds the page, the stylesheet and the wasm. */
async function waitForCached(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(async () => {
    const keys = await (await caches.open('bioanchors')).keys();
    const has = (end) => keys.some((k) => k.url.endsWith(end));
    return has('/') && has('.css') && has('.wasm') && has('.js');
  });
}

test('after one visit, the app, a share link and a preset page open with no network', async () => {
  const server = await startStaticServer(DIST_DIR);
  const page = await newPage({ serviceWorkers: 'allow' });
  try {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#app');
    await waitForCached(page);
    // A preset page visited once is kept too.
    await page.goto(`${server.url}/p/aggressive/`);
    await page.waitForSelector('#app');
    const aggressive = await summaryFigures(page);
    await page.waitForFunction(async () =>
      (await (await caches.open('bioanchors')).keys()).some((k) => k.url.endsWith('/p/aggressive/')),
    );

    await server.close(); // the network is gone
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#app');
    await waitForCanvasPainted(page, '#chart-cdf');
    assert.match(await page.getByTestId('summary-median').textContent(), /^\d{4}$/);
    await page.goto(`${server.url}/?v=2&preset=aggressive`);
    await page.waitForSelector('#app');
    assert.deepEqual(await summaryFigures(page), aggressive, 'a share link computes offline');
    await page.goto(`${server.url}/p/aggressive/`);
    await page.waitForSelector('#app');
    assert.deepEqual(await summaryFigures(page), aggressive, 'the preset page too');
    assertNoPageProblems(page);
  } finally {
    await page.context().close();
    await server.close().catch(() => {});
  }
});

test('the web-app manifest names the app and its icons, relative to where it is served', async () => {
  const server = await startStaticServer(DIST_DIR);
  try {
    const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
    assert.equal(manifest.start_url, './');
    assert.equal(manifest.display, 'standalone');
    for (const icon of manifest.icons) {
      const png = Buffer.from(await (await fetch(`${server.url}/${icon.src}`)).arrayBuffer());
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', icon.src);
      assert.equal(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.sizes);
    }
  } finally {
    await server.close();
  }
});

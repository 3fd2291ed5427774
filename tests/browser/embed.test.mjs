// Embed mode and the content security policy: `?embed=chart|chart-table|card` inside an iframe
// of a host page renders without the app's chrome, shows the same numbers as the full app for
// the same share link, posts its height so public/embed.js resizes the iframe, and links back
// to the full app on the same scenario. Both the app and the embeds run under the page's CSP, and
// a CSP violation, in the page or in a frame, is a console error the harness fails on.

import { test } from 'node:test';
import crypto from 'node:crypto';
import http from 'node:http';
import assert from 'node:assert/strict';
import { DIST_DIR, SUMMARY_FIGURES, browserTest, editScenario, newPage, openApp, pageProblems, scaled, screenshot, settle, startStaticServer, summaryFigures, waitForCanvasPainted, waitForProblem } from './harness.mjs';

const HOST_PATH = '/__embed-host.html';

/** The app's share link after moving two sliders away from the preset (the address bar's query). */
async function editedShareLink(page) {
  await openApp(page);
  return editScenario(page);
}

/** The app's summary figures (and P(TAI by 2040), read from the table twin) for a link. */
async function appNumbers(page, link) {
  await openApp(page, { query: link });
  const out = await summaryFigures(page);
  await page.locator('details', { has: page.getByTestId('table-twin') }).locator('summary').first().click();
  const row = page.locator('[data-testid=table-twin] tbody tr', { has: page.locator('th', { hasText: /^2040$/ }) });
  out.p2040 = (await row.locator('td').first().textContent()).trim();
  return out;
}

/**
 * Opens a host page on the app's origin (served by Playwright, not by dist/) holding one iframe
 * of `?embed=<variant>&<link>` at `width` CSS px and public/embed.js, and records every height
 * message the page receives. Returns the iframe's Frame once the embed has mounted.
 */
async function openHost(page, { variant, link, width }) {
  const base = new URL(page.url() || 'http://127.0.0.1/').origin;
  const src = `/?embed=${variant}${link ? `&${link}` : ''}`;
  await page.route(`**${HOST_PATH}`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html><head><title>host</title></head><body>
<p>A newsletter post with an embedded forecast.</p>
<iframe id="embed" src="${src.replaceAll('&', '&amp;')}" title="bioanchors" width="${width}" height="150" loading="lazy"></iframe>
<script src="/public/embed.js"></script>
</body></html>`,
    }),
  );
  await page.addInitScript(() => {
    if (window.top !== window) return;
    window.__heights = [];
    window.addEventListener('message', (e) => {
      if (e.data && e.data.type === 'bioanchors:height') window.__heights.push(e.data.height);
    });
  });
  await page.goto(`${base}${HOST_PATH}`);
  const frame = await (await page.waitForSelector('#embed')).contentFrame();
  await frame.waitForSelector('#app.embed');
  return frame;
}

/** The embed's content height and the iframe's height, once embed.js has set the latter. */
async function waitForFittedHeight(page, frame) {
  await page.waitForFunction(
    async () => {
      const iframe = document.getElementById('embed');
      const app = iframe.contentDocument?.getElementById('app');
      if (!app || !iframe.style.height) return false;
      return Math.abs(parseFloat(iframe.style.height) - Math.ceil(app.getBoundingClientRect().height)) < 1;
    },
    null,
    { timeout: scaled(5_000) },
  );
  return {
    content: await frame.$eval('#app', (el) => Math.ceil(el.getBoundingClientRect().height)),
    // clientHeight: the frame's viewport, without the iframe's border.
    iframe: await page.$eval('#embed', (el) => el.clientHeight),
  };
}

async function assertNoChrome(frame) {
  for (const selector of ['header', '.controls', 'input[type=range]', '.export', 'button']) {
    assert.equal(await frame.locator(selector).count(), 0, `the embed shows ${selector}`);
  }
}

async function assertAttribution(page, frame, link) {
  const a = frame.getByTestId('embed-attribution');
  assert.equal(await a.getAttribute('target'), '_blank');
  assert.match(await a.getAttribute('rel'), /\bnoopener\b/);
  assert.match(await a.textContent(), /explore this scenario/);
  const origin = new URL(page.url()).origin;
  assert.equal(await a.getAttribute('href'), `${origin}/?${link}`, 'the attribution opens the full app on the same link');
}

async function numbersShown(frame) {
  await frame.waitForFunction(() => {
    const el = document.querySelector('[data-testid=summary-median], [data-testid=embed-median]');
    return el && !el.textContent.includes('\u2026');
  });
  const out = {};
  for (const el of await frame.locator('[data-testid]').all()) {
    out[await el.getAttribute('data-testid')] = (await el.textContent()).trim();
  }
  return out;
}

browserTest('chart embed: no controls, the app\u2019s median, fitted height, link back', async (page) => {
  const link = await editedShareLink(page);
  const app = await appNumbers(page, link);
  const frame = await openHost(page, { variant: 'chart', link, width: 600 });
  await waitForCanvasPainted(frame, '#chart-cdf');
  await assertNoChrome(frame);
  // The chart's text alternative names the median year, computed from the same forecast.
  assert.match(await frame.$eval('#chart-cdf', (c) => c.getAttribute('aria-label')), new RegExp(`Median year ${app['summary-median']}\\.`));
  const { content, iframe } = await waitForFittedHeight(page, frame);
  assert.ok(content > 250 && content < 700, `chart embed height ${content}px`);
  assert.equal(iframe, content, 'embed.js made the frame exactly as tall as the embed');
  const heights = await page.evaluate(() => window.__heights);
  assert.ok(heights.length >= 1 && heights.every((h) => typeof h === 'number' && h > 0), `messages: ${heights}`);
  assert.equal(heights.at(-1), content, 'the last message carries the current height');
  await assertAttribution(page, frame, link);

  // Narrower frame: the chart box is shorter (its height follows the frame width), and the
  // iframe follows.
  await page.$eval('#embed', (el) => { el.width = '320'; });
  await page.waitForFunction((before) => document.getElementById('embed').clientHeight !== before, content);
  const narrow = await waitForFittedHeight(page, frame);
  assert.notEqual(narrow.content, content);
  assert.ok(await frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'no horizontal scroll at 320 px');
  await screenshot(page, 'embed-chart-320');
});

browserTest('chart-table embed shows every summary figure of the full app', async (page) => {
  const link = await editedShareLink(page);
  const app = await appNumbers(page, link);
  const frame = await openHost(page, { variant: 'chart-table', link, width: 800 });
  await waitForCanvasPainted(frame, '#chart-cdf');
  await assertNoChrome(frame);
  const shown = await numbersShown(frame);
  for (const id of SUMMARY_FIGURES) assert.equal(shown[id], app[id], `${id} in the embed`);
  const { content } = await waitForFittedHeight(page, frame);
  assert.ok(content > 350, `chart-table embed height ${content}px`);
  await assertAttribution(page, frame, link);
  await screenshot(page, 'embed-chart-table-800');
});

browserTest('card embed: P by 2030, 2040, 2050 and the median, as the app shows them', async (page) => {
  const link = await editedShareLink(page);
  const app = await appNumbers(page, link);
  const frame = await openHost(page, { variant: 'card', link, width: 320 });
  await assertNoChrome(frame);
  assert.equal(await frame.locator('canvas').count(), 0, 'the card has no chart');
  const shown = await numbersShown(frame);
  assert.equal(shown['embed-p2030'], app['summary-p2030']);
  assert.equal(shown['embed-p2040'], app.p2040);
  assert.equal(shown['embed-p2050'], app['summary-p2050']);
  assert.equal(shown['embed-median'], app['summary-median']);
  const { content } = await waitForFittedHeight(page, frame);
  assert.ok(content > 80 && content < 320, `card height ${content}px`);
  assert.ok(await frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'no horizontal scroll at 320 px');
  await assertAttribution(page, frame, link);
  await screenshot(page, 'embed-card-320');
});

browserTest('embeds in the dark theme, and the default scenario links to itself explicitly', async (page) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp(page);
  const frame = await openHost(page, { variant: 'chart-table', link: '', width: 480 });
  await waitForCanvasPainted(frame, '#chart-cdf');
  const background = await frame.$eval('#app', (el) => getComputedStyle(el).backgroundColor);
  assert.equal(background, 'rgb(22, 26, 31)', 'the embed uses the dark panel color');
  // The canvas follows the theme too: its top-left pixel is the dark background.
  const corner = await frame.$eval('#chart-cdf', (c) => Array.from(c.getContext('2d').getImageData(1, 1, 1, 1).data.slice(0, 3)));
  assert.ok(corner.every((v) => v < 60), `canvas corner ${corner}`);
  // Not the plain address: a reader with an autosave of their own would open that instead.
  const origin = new URL(page.url()).origin;
  assert.equal(await frame.getByTestId('embed-attribution').getAttribute('href'), `${origin}/?v=2&preset=best-guess`);
  await waitForFittedHeight(page, frame);
  await screenshot(page, 'embed-chart-table-dark-480');
});

browserTest('an unknown embed variant shows the chart, never the full app', async (page) => {
  await openApp(page, { query: 'embed=%3Cscript%3E' });
  assert.equal(await page.locator('#app.embed[data-variant=chart]').count(), 1);
  assert.equal(await page.locator('.controls').count(), 0);
  // Not framed: no parent to tell, and no error either.
  await settle(page);
});

test('the page carries the CSP, and a violation (page or frame) reaches the harness as an error', async () => {
  const page = await newPage();
  try {
    await openApp(page);
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
    for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "object-src 'none'", "base-uri 'none'"]) {
      assert.ok(csp.includes(directive), `CSP has ${directive}: ${csp}`);
    }
    // One inline script (it marks share links before the first paint), allowed by its hash.
    const inline = await page.$$eval('script:not([src])', (scripts) => scripts.map((s) => s.textContent));
    assert.equal(inline.length, 1, 'one inline script in the page');
    const hash = crypto.createHash('sha256').update(inline[0]).digest('base64');
    assert.ok(csp.includes(`'sha256-${hash}'`), `its hash is in the policy: ${csp}`);
    // An inline script and an inline style are refused, and each refusal is a reported problem.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.append(s);
      document.body.setAttribute('style', 'outline: 3px solid red');
      // An allowed inline script would have run synchronously, inside append().
      return Boolean(window.__inlineRan);
    });
    assert.equal(ran, false, 'the inline script did not run');
    // Each refusal reaches the harness as a console error, which arrives when it arrives.
    await waitForProblem(page, /Content Security Policy.*script-src/s);
    await waitForProblem(page, /Content Security Policy.*style-src/s);

    // The same inside an embed's frame.
    const before = pageProblems(page).length;
    const frame = await openHost(page, { variant: 'card', link: '', width: 320 });
    await frame.evaluate(() => document.body.setAttribute('style', 'outline: 3px solid red'));
    await waitForProblem(page, /Content Security Policy/, { since: before });
  } finally {
    await page.context().close();
  }
});

/**
 * A host page on another origin (its own server on 127.0.0.1, another port: a real address, so
 * Chromium's local-network checks see a loopback page framing a loopback app) with `body`'s
 * iframes, and dist/ served again on its own port with `Access-Control-Allow-Origin: *`, as
 * common static hosts send it. Returns `{ hostUrl, close }`.
 */
async function crossOriginHost(body) {
  const app = await startStaticServer(DIST_DIR, { cors: true });
  const host = http.createServer((_, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body(app.url));
  });
  await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
  return {
    hostUrl: `http://127.0.0.1:${host.address().port}/post.html`,
    close: async () => {
      host.closeAllConnections();
      await new Promise((resolve) => host.close(resolve));
      await app.close();
    },
  };
}

browserTest('a sandboxed embed on another origin (allow-scripts only) is styled and drawn, with no error', async (page) => {
  const host = await crossOriginHost(
    (origin) => `<!doctype html><title>forum</title><p>A forum post.</p>
<iframe id="embed" sandbox="allow-scripts" src="${origin}/?embed=chart-table&amp;v=2&amp;preset=aggressive" width="600" height="450"></iframe>`,
  );
  try {
    await page.goto(host.hostUrl);
    const frame = await (await page.waitForSelector('#embed')).contentFrame();
    await frame.waitForSelector('#app.embed');
    await waitForCanvasPainted(frame, '#chart-cdf');
    // Styled: the stylesheet passed its integrity check in the opaque origin.
    const background = await frame.$eval('#app', (el) => getComputedStyle(el).backgroundColor);
    assert.equal(background, 'rgb(255, 255, 255)', 'the embed has the panel color, so main.css applied');
    // The sandbox gives the frame an opaque origin: any storage access would throw (and be a
    // console error, which fails this test); the embed reads none.
    assert.equal(await frame.evaluate(() => origin), 'null');
    assert.match((await frame.getByTestId('summary-median').textContent()).trim(), /^\d{4}$/);
  } finally {
    await host.close();
  }
});

browserTest('at a fixed height and no host script, the embed fills its frame: nothing cut, no scrollbar', async (page) => {
  await openApp(page);
  const base = new URL(page.url()).origin;
  await page.route(`**${HOST_PATH}`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html><head><title>wordpress</title></head><body style="margin:0">
<iframe id="embed" src="/?embed=chart" title="bioanchors" style="border:0;width:100%;height:400px"></iframe>
</body></html>`,
    }),
  );
  await page.goto(`${base}${HOST_PATH}`);
  const frame = await (await page.waitForSelector('#embed')).contentFrame();
  await frame.waitForSelector('#app.embed');
  await waitForCanvasPainted(frame, '#chart-cdf');
  const canvasHeightAt = async (height) => {
    await page.$eval('#embed', (el, h) => {
      el.style.height = `${h}px`;
    }, height);
    // The chart follows its box (a ResizeObserver): wait for the canvas to take the new size.
    await frame.waitForFunction((h) => {
      const app = document.getElementById('app');
      return Math.abs(app.getBoundingClientRect().height - h) < 1 && document.getElementById('chart-cdf').clientHeight > 0;
    }, height);
    await settle(frame);
    return frame.evaluate(() => ({
      canvas: document.getElementById('chart-cdf').clientHeight,
      scroll: document.documentElement.scrollHeight - window.innerHeight,
      attributionBottom: document.querySelector('.embed-attribution').getBoundingClientRect().bottom,
      viewport: window.innerHeight,
    }));
  };
  const sizes = {};
  for (const height of [300, 400, 600, 800]) {
    const at = await canvasHeightAt(height);
    assert.ok(at.scroll <= 0, `no scrollbar at ${height}px: ${JSON.stringify(at)}`);
    assert.ok(at.attributionBottom <= at.viewport + 0.5, `the link back is inside the frame at ${height}px`);
    assert.ok(at.viewport - at.attributionBottom < 20, `the frame is filled at ${height}px: ${JSON.stringify(at)}`);
    sizes[height] = at.canvas;
  }
  // The chart grows with the frame, by what the frame grows.
  assert.ok(sizes[300] >= 110, `a usable chart at 300px: ${sizes[300]}`);
  assert.ok(Math.abs(sizes[800] - sizes[400] - 400) <= 30, JSON.stringify(sizes));
  await screenshot(page, 'embed-fixed-400');
});

browserTest('embed.js resizes only this app\u2019s frames: a foreign frame asking for 3,000 px is left alone', async (page) => {
  await openApp(page);
  const base = new URL(page.url()).origin;
  const ask = `<script>parent.postMessage({type:'bioanchors:height',height:3000},'*')</` + `script>`;
  await page.route('http://ads.example/**', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>${ask}` }));
  await page.route(`**${HOST_PATH}`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html><head><title>host</title></head><body>
<iframe id="ad" src="http://ads.example/ad.html" width="300" height="100"></iframe>
<iframe id="widget" srcdoc="${ask.replaceAll('"', '&quot;')}" width="300" height="100"></iframe>
<iframe id="embed" src="/?embed=card" title="bioanchors" width="400" height="150"></iframe>
<script src="/public/embed.js"></script>
</body></html>`,
    }),
  );
  await page.addInitScript(() => {
    if (window.top !== window) return;
    window.__asks = [];
    window.addEventListener('message', (e) => {
      if (e.data && e.data.type === 'bioanchors:height') window.__asks.push(e.data.height);
    });
  });
  await page.goto(`${base}${HOST_PATH}`);
  const frame = await (await page.waitForSelector('#embed')).contentFrame();
  await frame.waitForSelector('#app.embed');
  // Both foreign asks have been delivered (embed.js saw them in the same dispatch), and ours fitted.
  await page.waitForFunction(() => window.__asks.filter((h) => h === 3000).length >= 2);
  await page.waitForFunction(() => {
    const el = document.getElementById('embed');
    return el.style.height !== '' && Math.abs(parseFloat(el.style.height) - el.contentDocument.getElementById('app').getBoundingClientRect().height) < 1;
  });
  for (const id of ['ad', 'widget']) {
    assert.equal(await page.$eval(`#${id}`, (el) => [el.style.height, el.clientHeight].join()), ',100', `#${id} kept its height`);
  }
});

// Share links: "Copy link" copies the scenario's link (or selects it in a field when
// the clipboard refuses); the link opened in a fresh browser profile shows the same numbers, and
// the CLI given the same link prints them too; a malformed link opens anyway, lists what it
// ignored in a dismissable notice, uses the preset for the rest, and leaves the visitor's own
// scenarios untouched, with a way back to them. "Given no TAI by YEAR" travels as `given=YEAR`:
// in the address bar, the copied link, the embed code and embeds, and the CLI.

import assert from 'node:assert/strict';
import { cliFigures } from './cli.mjs';
import { afterPendingWrites, browserTest, newPage, openAndWait, openApp, scaled, screenshot, setSlider, settle, sliderOf, summaryFigures, waitForCanvasPainted, waitForShareLink } from './harness.mjs';

const STORAGE_KEY = 'bioanchors.saved';

browserTest('a copied link shows the same numbers in a fresh profile and in the CLI', async (page) => {
  await openAndWait(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await setSlider(page, sliderOf('hardware.halving_years'), 1.7);
  await setSlider(page, sliderOf('anchor.genome.weight'), 40);
  await setSlider(page, sliderOf('requirements.extra_sigma_oom'), 1.5);
  const shown = await summaryFigures(page);

  await page.getByTestId('copy-link').click();
  await page.getByTestId('copy-status').getByText('Copied').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const url = new URL(link);
  assert.equal(url.searchParams.get('v'), '2');
  assert.equal(url.searchParams.get('preset'), 'best-guess');
  assert.equal(url.searchParams.get('hardware.halving_years'), '1.7');
  assert.equal(url.searchParams.get('anchor.genome.weight'), '40');

  // A new browser context is a fresh profile: no storage, nothing shared but the link.
  const fresh = await newPage();
  try {
    const opened = await openAndWait(fresh, { query: url.search });
    assert.deepEqual(opened, shown, 'the fresh profile shows the same numbers');
    assert.equal(await fresh.getByTestId('notice-link').count(), 0, 'a good link has nothing to report');
    assert.equal(await fresh.getByTestId('notice-own').count(), 0, 'a fresh profile has no own scenario');
    assert.equal(await fresh.evaluate(() => localStorage.length), 0, 'opening a link writes nothing');
  } finally {
    await fresh.context().close();
  }
  assert.deepEqual(cliFigures(link), shown, 'the CLI prints the same numbers');
});

browserTest('when the clipboard refuses, the link is selected in a field to copy by hand', async (page) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', {
      configurable: true,
      get: () => ({ writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) }),
    });
  });
  await openAndWait(page);
  await setSlider(page, sliderOf('hardware.halving_years'), 2);
  await page.getByTestId('copy-link').click();
  const field = page.getByTestId('link-field');
  await field.waitFor();
  const value = await field.inputValue();
  assert.equal(new URL(value).searchParams.get('hardware.halving_years'), '2');
  assert.match(await page.getByTestId('copy-status').textContent(), /press Ctrl\+C/);
  const selection = await field.evaluate((el) => [el.selectionStart, el.selectionEnd, el.value.length, document.activeElement === el]);
  assert.deepEqual(selection, [0, value.length, value.length, true], 'the whole link is selected and focused');
  assert.equal(await field.getAttribute('readonly'), '');
});

browserTest('a malformed link opens with a notice, the preset for the rest, and saved scenarios untouched', async (page) => {
  // The visitor's own state: a saved scenario and an edited (autosaved) one.
  await openAndWait(page);
  await setSlider(page, sliderOf('spend.doubling_years'), 1);
  await page.getByTestId('save-name').fill('Mine');
  await page.getByTestId('save-as').click();
  await setSlider(page, sliderOf('anchor.nn_medium.weight'), 60);
  await waitForShareLink(page, 'anchor.nn_medium.weight');
  const own = await summaryFigures(page);
  const storedBefore = await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY);
  assert.ok(storedBefore.includes('"Mine"'));

  const malformed = [
    'v=7',
    'preset=best-guess',
    'hardware.halving_years=1e9', // out of range: clamped
    'spend.doubling_years=zzz', // not a number: ignored
    'spend.doubling_years_typo=2', // unknown: ignored
    'given=1900', // before the forecast's years: not conditioned
    '%3Cb%3Ebold%3C%2Fb%3E=1', // markup in a key: shown as text
    `junk=${'x'.repeat(5000)}`, // a link thousands of characters long
  ].join('&');
  assert.ok(malformed.length > 5000);
  const opened = await openAndWait(page, { query: malformed });

  const notice = page.getByTestId('notice-link');
  await notice.waitFor();
  const text = await notice.textContent();
  assert.match(text, /link version `7` is not 2/);
  assert.match(text, /`hardware\.halving_years=1e9` is outside \[0\.5, 10\]: clamped to 10/);
  assert.match(text, /`spend\.doubling_years=zzz` is not a finite number: ignored/);
  assert.match(text, /unknown parameter `spend\.doubling_years_typo` ignored/);
  assert.ok(text.includes('unknown parameter `<b>bold</b>` ignored'), 'markup is quoted as text');
  assert.equal(await notice.locator('b').count(), 0, 'and never becomes an element');
  assert.match(text, /unknown parameter `junk` ignored/);
  assert.match(text, /`given=1900` is outside the forecast's years \[2025, 2100\]: ignored/);
  assert.equal(await page.getByTestId('condition-toggle').isChecked(), false);
  assert.equal(await page.getByTestId('summary-condition').count(), 0);

  // What could be used is used; everything else is the preset's: the same as the clean link.
  const clean = 'v=2&preset=best-guess&hardware.halving_years=10';
  assert.deepEqual(opened, cliFigures(`?${clean}`), 'the numbers of the clean link, as the CLI prints them');
  assert.equal(await page.locator(sliderOf('spend.doubling_years')).inputValue(), '2', 'the preset value, not the visitor\u2019s 1');

  // Opening the link wrote nothing.
  await afterPendingWrites(page);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), storedBefore);
  await screenshot(page, 'links-malformed');

  // The notice goes away when dismissed; the visitor's own scenario is one click away.
  await notice.getByTestId('notice-dismiss').click();
  assert.equal(await page.getByTestId('notice-link').count(), 0);
  await page.getByTestId('notice-own-action').click();
  await settle(page);
  assert.deepEqual(await summaryFigures(page), own, 'back to the visitor\u2019s own scenario');
  assert.equal(await page.getByTestId('notice-own').count(), 0);
  await page.getByTestId('saved-summary').click();
  assert.deepEqual(await page.getByTestId('saved-name').allTextContents(), ['Mine']);
});

browserTest('"given no TAI by YEAR" travels in the link: a fresh profile, an embed and the CLI show the conditioned forecast', async (page) => {
  await openAndWait(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await setSlider(page, sliderOf('hardware.halving_years'), 1.7);
  await waitForShareLink(page, 'hardware.halving_years');
  const storedBefore = await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY);
  await page.getByTestId('condition-year').fill('2030');
  await page.getByTestId('condition-year').dispatchEvent('change');
  await page.getByTestId('condition-toggle').check();
  await page.getByTestId('summary-condition').waitFor();
  const query = await waitForShareLink(page, 'given');
  const params = new URLSearchParams(query);
  assert.equal(params.get('given'), '2030');
  assert.equal(params.get('hardware.halving_years'), '1.7');
  const shown = await summaryFigures(page);
  assert.equal(shown['summary-p2030'], '0.0%', 'conditioned on none by 2030');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), storedBefore, 'conditioning is not saved');

  // "Copy link" and the embed code carry it too.
  await page.getByTestId('copy-link').click();
  await page.getByTestId('copy-status').getByText('Copied').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(new URL(link).searchParams.get('given'), '2030');
  await page.getByTestId('open-publish').click();
  await page.getByTestId('publish-way-embed').check();
  assert.ok((await page.getByTestId('embed-code').inputValue()).includes('given=2030'));

  // A fresh profile opens it conditioned, with the numbers the CLI prints for the same link.
  const fresh = await newPage();
  try {
    const opened = await openAndWait(fresh, { query });
    assert.deepEqual(opened, shown, 'the fresh profile shows the conditioned numbers');
    assert.deepEqual(cliFigures(`?${query}`), shown, 'the CLI prints them for the same link');
    assert.equal(await fresh.getByTestId('condition-toggle').isChecked(), true);
    assert.equal(await fresh.getByTestId('condition-year').inputValue(), '2030');
    assert.match(await fresh.getByTestId('summary-condition').textContent(), /given no TAI by 2030/);
    assert.match(await fresh.locator('#chart-cdf').getAttribute('aria-label'), /conditioned: given no TAI by 2030/);
    assert.equal(await fresh.getByTestId('notice-link').count(), 0, 'given is no unknown parameter');
    assert.equal(await fresh.evaluate(() => localStorage.length), 0, 'opening a link writes nothing');
    await screenshot(fresh, 'links-given');
    // Turning it off takes it out of the address bar.
    await fresh.getByTestId('condition-toggle').uncheck();
    await fresh.waitForFunction(() => !new URLSearchParams(location.search).has('given'), null, { timeout: scaled(5_000) });
    assert.ok(new URLSearchParams(await fresh.evaluate(() => location.search)).has('hardware.halving_years'));
  } finally {
    await fresh.context().close();
  }

  // Embeds of that link: the same conditioned numbers, labelled, and an attribution link back to it.
  const embed = await newPage();
  try {
    await openApp(embed, { query: `embed=chart-table&${query}` });
    await waitForCanvasPainted(embed, '#chart-cdf');
    assert.deepEqual(await summaryFigures(embed), shown);
    assert.match(await embed.getByTestId('summary-condition').textContent(), /given no TAI by 2030/);
    assert.match(await embed.locator('#chart-cdf').getAttribute('aria-label'), /conditioned: given no TAI by 2030/);
    const attribution = new URL(await embed.getByTestId('embed-attribution').getAttribute('href'));
    assert.equal(attribution.searchParams.get('given'), '2030');
    await openApp(embed, { query: `embed=card&${query}` });
    assert.equal(await embed.getByTestId('embed-condition').textContent(), 'conditioned: given no TAI by 2030');
    await embed.waitForFunction(() => !document.querySelector('[data-testid=embed-p2030]').textContent.includes('\u2026'));
    assert.equal(await embed.getByTestId('embed-p2030').textContent(), '0.0%');
    await screenshot(embed, 'links-given-embed-card');
  } finally {
    await embed.context().close();
  }
});

browserTest('a link with two presets opens on the last one, as the CLI reads it', async (page) => {
  const query = 'v=2&preset=aggressive&preset=conservative&hardware.halving_years=3';
  const opened = await openAndWait(page, { query });
  assert.equal(await page.getByTestId('preset-select').inputValue(), 'conservative');
  assert.deepEqual(opened, cliFigures(`?${query}`));
  const notice = page.getByTestId('notice-link');
  await notice.waitFor();
  assert.match(await notice.textContent(), /`preset` is given more than once: the last value is used/);
  // The reset goes back to the preset the numbers were computed on.
  await page.getByTestId('reset-preset').click();
  await page.waitForFunction(() => location.search === '?v=2&preset=conservative');
});

browserTest('a link with only analytics tags is not a shared scenario: your own opens', async (page) => {
  await openAndWait(page);
  await setSlider(page, sliderOf('hardware.halving_years'), 1.5);
  await waitForShareLink(page, 'hardware.halving_years');
  const own = await summaryFigures(page);
  for (const query of ['fbclid=IwAR0x', 'utm_source=newsletter&utm_medium=email']) {
    assert.deepEqual(await openAndWait(page, { query }), own, query);
    assert.equal(await page.locator(sliderOf('hardware.halving_years')).inputValue(), '1.5');
    assert.equal(await page.getByTestId('notice-link').count(), 0, 'nothing to report');
    assert.equal(await page.getByTestId('notice-own').count(), 0, 'this is your own scenario');
  }
  // With a key of ours beside them, it is a link, and the tags get no note.
  await openAndWait(page, { query: 'v=2&preset=aggressive&fbclid=IwAR0x&utm_source=x' });
  assert.equal(await page.getByTestId('preset-select').inputValue(), 'aggressive');
  assert.equal(await page.getByTestId('notice-link').count(), 0);
  await page.getByTestId('notice-own').waitFor();
});

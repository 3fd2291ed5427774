// Scenarios that last: the autosave brings an edited scenario back after a reload;
// named scenarios are saved, renamed, duplicated, deleted (with undo) and survive a reload; names
// are text, never HTML; storage that throws or holds garbage leaves a working page, one notice,
// and the unreadable text kept aside; compare overlays a scenario with a legend and a diff table.

import assert from 'node:assert/strict';
import { browserTest, canvasHash, openAndWait, scaled, screenshot, setSlider, settle, sliderOf, summaryFigures, waitForCanvasChange, waitForCanvasHash, waitForShareLink } from './harness.mjs';

const STORAGE_KEY = 'bioanchors.saved';
const BACKUP_PREFIX = 'bioanchors.saved.backup.';

const savedNames = (page) => page.getByTestId('saved-name').allTextContents();

async function openSavedList(page) {
  const open = await page.getByTestId('saved-panel').evaluate((d) => d.open);
  if (!open) await page.getByTestId('saved-summary').click();
}

async function saveAs(page, name) {
  await page.getByTestId('save-name').fill(name);
  await page.getByTestId('save-as').click();
  await settle(page);
}

const row = (page, name) => page.getByTestId('saved-row').filter({ has: page.getByTestId('saved-name').getByText(name, { exact: true }) });

browserTest('an edited scenario comes back intact after a reload', async (page) => {
  const preset = await openAndWait(page);
  await setSlider(page, sliderOf('hardware.halving_years'), 1.5);
  await setSlider(page, sliderOf('anchor.nn_medium.weight'), 70);
  await waitForShareLink(page, 'anchor.nn_medium.weight');
  const edited = await summaryFigures(page);
  assert.notDeepEqual(edited, preset, 'the edit moved the numbers');

  // Open the plain address (no share link): the autosave is where the scenario comes from.
  const reopened = await openAndWait(page);
  assert.deepEqual(reopened, edited);
  assert.equal(await page.locator(sliderOf('hardware.halving_years')).inputValue(), '1.5');
  assert.equal(await page.locator(sliderOf('anchor.nn_medium.weight')).inputValue(), '70');
  // The restored scenario gets its share link in the address bar.
  await waitForShareLink(page, 'hardware.halving_years');
  assert.equal(await page.getByTestId('notice-storage').count(), 0, 'no storage notice on a working browser');

  // A plain reload (the address bar now holds the link) shows the same again.
  await page.reload();
  await page.waitForSelector('#app');
  assert.deepEqual(await summaryFigures(page), edited);
});

browserTest('save, duplicate, rename and delete behave, and survive a reload', async (page) => {
  await openAndWait(page);
  await setSlider(page, sliderOf('hardware.halving_years'), 1.5);
  const planA = await summaryFigures(page);
  await saveAs(page, 'Plan A');
  assert.match(await page.getByTestId('save-status').textContent(), /Saved as \u201cPlan A\u201d/);
  assert.deepEqual(await savedNames(page), ['Plan A']);

  // Refusals come back in plain words next to the control.
  await saveAs(page, '   ');
  assert.equal(await page.getByTestId('save-error').textContent(), 'Give the scenario a name.');
  await saveAs(page, 'Plan A');
  assert.match(await page.getByTestId('save-error').textContent(), /already a saved scenario called \u201cPlan A\u201d/);

  await row(page, 'Plan A').getByTestId('duplicate-saved').click();
  assert.deepEqual(await savedNames(page), ['Plan A', 'Plan A (2)']);

  await row(page, 'Plan A (2)').getByTestId('rename-saved').click();
  await page.getByTestId('rename-input').fill('Plan A');
  await page.getByTestId('rename-ok').click();
  const renamingRow = page.getByTestId('saved-row').filter({ has: page.getByTestId('rename-input') });
  assert.match(await renamingRow.getByTestId('row-error').textContent(), /already a saved scenario called \u201cPlan A\u201d/);
  assert.equal(await page.getByTestId('rename-input').inputValue(), 'Plan A', 'what was typed stays to be corrected');
  await page.getByTestId('rename-input').fill('Plan B');
  await page.getByTestId('rename-ok').click();
  assert.deepEqual(await savedNames(page), ['Plan A', 'Plan B']);

  // Delete, undo, delete for good.
  await row(page, 'Plan A').getByTestId('delete-saved').click();
  assert.deepEqual(await savedNames(page), ['Plan B']);
  assert.match(await page.getByTestId('deleted-status').textContent(), /Deleted \u201cPlan A\u201d/);
  await page.getByTestId('undo-delete').click();
  assert.deepEqual(await savedNames(page), ['Plan A', 'Plan B']);
  await row(page, 'Plan A').getByTestId('delete-saved').click();
  assert.deepEqual(await savedNames(page), ['Plan B']);

  // Back to the preset, then reload: the list is as it was left, and Plan B opens as saved.
  await page.getByTestId('reset-preset').click();
  await page.waitForFunction(() => location.search === '', null, { timeout: scaled(5_000) });
  const preset = await summaryFigures(page);
  await openAndWait(page);
  assert.deepEqual(await summaryFigures(page), preset, 'the autosave kept the reset');
  await openSavedList(page);
  assert.deepEqual(await savedNames(page), ['Plan B']);
  await row(page, 'Plan B').getByTestId('open-saved').click();
  await settle(page);
  assert.deepEqual(await summaryFigures(page), planA, 'Plan B is a copy of Plan A');
  assert.equal(await page.locator(sliderOf('hardware.halving_years')).inputValue(), '1.5');
  await screenshot(page, 'scenarios-saved-list');
});

browserTest('a scenario named <script>alert(1)</script> shows as text and runs nothing', async (page) => {
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await openAndWait(page);
  const name = '<script>alert(1)</script>';
  await saveAs(page, name);
  await saveAs(page, '<img src=x onerror=alert(2)>');
  assert.deepEqual(await savedNames(page), [name, '<img src=x onerror=alert(2)>']);
  assert.match(await page.getByTestId('save-status').textContent(), /<img src=x onerror=alert\(2\)>/);
  // Also as a compare choice, legend entry and table heading.
  await page.getByRole('checkbox', { name, exact: true }).check();
  await page.getByTestId('compare-legend').getByText(name).waitFor();
  const html = await page.locator('#app').innerHTML();
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the name is escaped text');
  assert.equal(await page.locator('#app script, #app img').count(), 0, 'no element was made from a name');
  await openAndWait(page);
  await openSavedList(page);
  assert.deepEqual(await savedNames(page), [name, '<img src=x onerror=alert(2)>'], 'and after a reload');
  assert.deepEqual(dialogs, [], 'no dialog fired');
});

browserTest('localStorage that throws on write: one notice, and the app still works', async (page) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const preset = await openAndWait(page);
  const notice = page.getByTestId('notice-storage');
  await notice.waitFor();
  assert.match(await notice.textContent(), /will not be kept after you close this page/);
  assert.match(await notice.textContent(), /storage for this page is full/);

  // Edits still recompute; the failing autosave does not say it again.
  await setSlider(page, sliderOf('hardware.halving_years'), 1.5);
  await waitForShareLink(page, 'hardware.halving_years');
  await setSlider(page, sliderOf('spend.doubling_years'), 1);
  await waitForShareLink(page, 'spend.doubling_years');
  assert.notDeepEqual(await summaryFigures(page), preset);
  assert.equal(await notice.count(), 1, 'one notice');

  // Saving works for this page; dismissed, the notice stays away.
  await saveAs(page, 'Kept for now');
  assert.deepEqual(await savedNames(page), ['Kept for now']);
  await notice.getByTestId('notice-dismiss').click();
  await setSlider(page, sliderOf('hardware.halving_years'), 2);
  await waitForShareLink(page, 'hardware.halving_years');
  await saveAs(page, 'Another');
  assert.equal(await page.getByTestId('notice-storage').count(), 0, 'said once');
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing was written');
});

browserTest('storage turned off (access throws): the app works and says so once', async (page) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const opened = await openAndWait(page);
  const notice = page.getByTestId('notice-storage');
  await notice.waitFor();
  assert.match(await notice.textContent(), /does not let the page keep anything/);
  assert.match(await notice.textContent(), /SecurityError/);
  await setSlider(page, sliderOf('hardware.halving_years'), 1.5);
  await waitForShareLink(page, 'hardware.halving_years');
  assert.notDeepEqual(await summaryFigures(page), opened);
  await saveAs(page, 'Only for now');
  assert.deepEqual(await savedNames(page), ['Only for now']);
  assert.equal(await notice.count(), 1, 'said once');
});

browserTest('garbage in storage is kept aside and the app opens on the defaults', async (page) => {
  const defaults = await openAndWait(page);
  const garbage = '{"version": 1, "saved": [ this is not JSON';
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [STORAGE_KEY, garbage]);

  assert.deepEqual(await openAndWait(page), defaults);
  const notice = page.getByTestId('notice-storage');
  await notice.waitFor();
  assert.match(await notice.textContent(), /could not be read/);
  const stored = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
  const backups = Object.keys(stored).filter((k) => k.startsWith(BACKUP_PREFIX));
  assert.equal(backups.length, 1, 'one backup');
  assert.equal(stored[backups[0]], garbage, 'the backup holds the text exactly');
  assert.ok((await notice.textContent()).includes(backups[0]), 'the notice names the backup key');
  assert.equal(stored[STORAGE_KEY], garbage, 'nothing was written over it yet');

  // A second load does not pile up copies of the same text.
  await openAndWait(page);
  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.equal(keys.filter((k) => k.startsWith(BACKUP_PREFIX)).length, 1);

  // The first edit writes a fresh state; the backup stays.
  await setSlider(page, sliderOf('hardware.halving_years'), 1.5);
  await waitForShareLink(page, 'hardware.halving_years');
  const after = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), STORAGE_KEY);
  assert.equal(after.version, 2);
  assert.equal(after.current.params['hardware.halving_years'], 1.5);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), backups[0]), garbage);
});

browserTest('compare overlays a saved scenario with a legend entry and lists what differs', async (page) => {
  await openAndWait(page);
  await setSlider(page, sliderOf('hardware.halving_years'), 1.5);
  await saveAs(page, 'Fast hardware');
  await page.getByTestId('reset-preset').click();
  await settle(page);
  const before = await canvasHash(page, '#chart-cdf');
  assert.equal(await page.getByTestId('compare-legend').locator('li').count(), 0);

  await page.getByRole('checkbox', { name: 'Fast hardware', exact: true }).check();
  await waitForCanvasChange(page, '#chart-cdf', before);
  const legend = page.getByTestId('compare-legend').locator('li');
  assert.equal(await legend.count(), 1);
  assert.match(await legend.first().textContent(), /^Fast hardware \u00b7 median \d{4}$/);

  const table = page.getByTestId('compare-table');
  const rows = table.getByTestId('compare-row');
  assert.equal(await rows.count(), 1, 'only the halving time differs');
  const cells = (await rows.first().locator('th, td').allTextContents()).map((t) => t.trim());
  assert.deepEqual(cells, ['FLOP/$ halving time', 'years', '2.5', '1.5']);
  assert.deepEqual((await table.locator('thead th').allTextContents()).map((t) => t.trim()), ['Parameter', 'Unit', 'This scenario', 'Fast hardware']);

  // A preset too: a second legend entry, a second column, and the chart changes again.
  const one = await canvasHash(page, '#chart-cdf');
  await page.getByTestId('compare-preset-conservative').check();
  await waitForCanvasChange(page, '#chart-cdf', one);
  assert.equal(await legend.count(), 2);
  assert.ok((await rows.count()) > 1, 'the conservative preset differs in more parameters');
  await screenshot(page, 'scenarios-compare');

  // Unticked, the chart goes back to exactly what it was.
  await page.getByRole('checkbox', { name: 'Fast hardware', exact: true }).uncheck();
  await page.getByTestId('compare-preset-conservative').uncheck();
  await waitForCanvasHash(page, '#chart-cdf', before);
});

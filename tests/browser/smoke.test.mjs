// Smoke test of the release build: the app mounts, a slider moves, a chart redraws, and nothing
// logs an error or panics on the way (browserTest fails the test on any such page problem).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  assertNoPageProblems,
  browserTest,
  canvasHash,
  openApp,
  scaled,
  screenshot,
  setSlider,
  waitForCanvasPainted,
} from './harness.mjs';

const SLIDER = 'input[type=range]';

async function hashAllCanvases(page) {
  const count = await page.locator('canvas').count();
  const hashes = [];
  for (let i = 0; i < count; i += 1) hashes.push(await canvasHash(page, `canvas >> nth=${i}`));
  return hashes;
}

browserTest('the app mounts, a slider moves, a chart redraws, a screenshot is saved', async (page) => {
  await openApp(page);

  assert.equal(await page.locator('#app').count(), 1, '#app is mounted once');
  const canvasCount = await page.locator('canvas').count();
  assert.ok(canvasCount >= 1, 'the app draws at least one canvas chart');
  await waitForCanvasPainted(page, 'canvas');
  const before = await hashAllCanvases(page);

  // Drag the first slider to the far end of its range from where it starts.
  const slider = page.locator(SLIDER).first();
  const { min, max, value } = await slider.evaluate((el) => ({
    min: Number(el.min || 0),
    max: Number(el.max || 100),
    value: Number(el.value),
  }));
  assert.ok(max > min, `the slider has a range (${min}..${max})`);
  const target = value <= (min + max) / 2 ? max : min;
  const settled = await setSlider(page, `${SLIDER} >> nth=0`, target);
  assert.notEqual(settled, value, `the slider moved from ${value}`);
  assert.equal(settled, target, 'the slider reached the end of its range');

  // Some chart must redraw: poll until any canvas's pixels differ from before.
  const deadline = Date.now() + scaled(5_000);
  let after = before;
  while (after.every((hash, i) => hash === before[i])) {
    assertNoPageProblems(page); // a panic in the slider's handler fails here, not after the wait
    assert.ok(Date.now() < deadline, 'no canvas redrew within 5 s of moving the slider');
    await new Promise((resolve) => setTimeout(resolve, 50));
    after = await hashAllCanvases(page);
  }

  const file = await screenshot(page, 'smoke-desktop');
  const png = fs.readFileSync(file);
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', 'the screenshot is a PNG');
  assert.ok(png.readUInt32BE(16) >= 1280, 'the screenshot is as wide as the desktop viewport');
});

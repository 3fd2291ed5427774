// The native CLI (`bioanchors`), which the browser tests hold the page's numbers against.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, SUMMARY_FIGURES } from './harness.mjs';

/**
 * The newest CLI build, release or debug (both print the same strings: no fast-math), so a stale
 * release binary never wins over the debug one `cargo test` just built. Builds only if neither
 * exists, or when BIOANCHORS_REBUILD_CLI is set.
 */
export function cliBinary() {
  const built = ['release', 'debug']
    .map((profile) => path.join(REPO_ROOT, 'target', profile, 'bioanchors'))
    .filter((bin) => fs.existsSync(bin))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (built.length && !process.env.BIOANCHORS_REBUILD_CLI) return built[0];
  const build = spawnSync('cargo', ['build', '--release', '--bin', 'bioanchors'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, PATH: `/usr/bin:${process.env.PATH}` },
  });
  assert.equal(build.status, 0, 'building the CLI failed');
  return path.join(REPO_ROOT, 'target/release/bioanchors');
}

/** Runs `bioanchors ARGS...` and returns its stdout; fails the test if it exits non-zero. */
export function runCli(args) {
  const run = spawnSync(cliBinary(), args, { encoding: 'utf8' });
  assert.equal(run.status, 0, `bioanchors ${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout;
}

/**
 * `bioanchors forecast --url LINK` (a URL or `?query`) as the page's summary figures, to compare
 * with what the page shows: its table prints them with the same `model::format` functions. A link
 * with `given=YEAR` gives the conditioned figures (the table then starts with a "Conditioned:"
 * line).
 */
export function cliFigures(link) {
  const lines = runCli(['forecast', '--url', link, '--format', 'table']).split('\n');
  const milestones = lines.find((l) => l.startsWith('P(TAI by year):'));
  const arrival = lines.find((l) => l.startsWith('Arrival year:'));
  const out = {};
  for (const [, year, p] of milestones.matchAll(/(\d{4}) (\d+(?:\.\d+)?%)/g)) out[`summary-p${year}`] = p;
  for (const [, q, year] of arrival.matchAll(/(\d+)% (after \d{4}|\d{4})/g)) {
    const id = { 10: 'summary-q10', 50: 'summary-median', 90: 'summary-q90' }[q];
    if (id) out[id] = year;
  }
  // The CLI prints more milestones than the page's summary shows.
  return Object.fromEntries(SUMMARY_FIGURES.map((id) => [id, out[id]]));
}

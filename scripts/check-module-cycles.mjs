// Fails if the modules of a crate import each other in a cycle. A module is a top-level file or
// directory of the crate's src/ (a directory's files count as one module); an import is a
// `super::NAME` or `crate::NAME` path (or `crate::ui::NAME` in the UI) outside comments and
// `#[cfg(test)]` code. Cycles make a module impossible to read, test or move on its own.
// Usage: node scripts/check-module-cycles.mjs   (from the repository root)

import fs from 'node:fs';
import path from 'node:path';

const CRATES = [
  { root: 'model/src', prefixes: ['crate', 'super'] },
  { root: 'charts/src', prefixes: ['crate', 'super'] },
  { root: 'src/ui', prefixes: ['crate::ui', 'super'] },
];

const files = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : e.name.endsWith('.rs') ? [full] : [];
  });

// Source without comments and without everything from the first `#[cfg(test)]` on (tests sit at
// the end of a file in this code base).
const code = (text) =>
  text
    .split('#[cfg(test)]')[0]
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, ''))
    .join('\n');

let failed = false;
for (const { root, prefixes } of CRATES) {
  const modules = new Map();
  for (const file of files(root)) {
    const rel = path.relative(root, file).split(path.sep);
    const name = rel[0].replace(/\.rs$/, '');
    if (name === 'lib' || name === 'main' || name === 'mod') continue;
    modules.set(name, (modules.get(name) ?? '') + code(fs.readFileSync(file, 'utf8')));
  }
  const edges = new Map();
  for (const [name, text] of modules) {
    const uses = new Set();
    // Paths like `super::frame::x` and groups like `use super::{frame, state}`.
    const pattern = new RegExp(`\\b(?:${prefixes.map((p) => p.replace(/:/g, '\\:')).join('|')})::(\\{[^}]*\\}|\\w+)`, 'g');
    for (const m of text.matchAll(pattern)) {
      for (const part of m[1].replace(/[{}]/g, '').split(',')) {
        const head = part.trim().split('::')[0];
        if (head !== name && modules.has(head)) uses.add(head);
      }
    }
    edges.set(name, uses);
  }
  // Depth-first search for a back edge; prints the first cycle found from each start.
  const state = new Map();
  const stack = [];
  const cycles = [];
  const visit = (v) => {
    state.set(v, 'open');
    stack.push(v);
    for (const w of edges.get(v)) {
      if (state.get(w) === 'open') cycles.push([...stack.slice(stack.indexOf(w)), w].join(' → '));
      else if (!state.has(w)) visit(w);
    }
    stack.pop();
    state.set(v, 'done');
  };
  for (const v of modules.keys()) if (!state.has(v)) visit(v);
  if (cycles.length) {
    failed = true;
    for (const c of cycles) console.error(`${root}: import cycle ${c}`);
  } else {
    console.error(`${root}: ${modules.size} modules, no import cycle`);
  }
}
process.exit(failed ? 1 : 0);

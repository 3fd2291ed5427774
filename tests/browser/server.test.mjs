// The harness's static server: MIME types browsers insist on, and no way out of the served folder.
// Runs without a browser or a build, on a temporary folder.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { resolveUnderRoot, startStaticServer } from './harness.mjs';

let tmp;
let root;
let server;

// A raw GET: node's http client sends the path as given, so `..` reaches the server unnormalized.
function get(rawPath) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.url);
    const req = http.get({ hostname, port, path: rawPath }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
  });
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bioanchors-server-'));
  root = path.join(tmp, 'dist');
  fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!DOCTYPE html><title>root</title>');
  fs.writeFileSync(path.join(root, 'app_bg.wasm'), Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  fs.writeFileSync(path.join(root, 'app.js'), 'export {};');
  fs.writeFileSync(path.join(root, 'sub', 'index.html'), 'sub');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'outside the served folder');
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(root, 'link-out.txt'));
  server = await startStaticServer(root);
});

after(async () => {
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('serves index.html for / and for a folder, with a query string ignored', async () => {
  const home = await get('/?preset=best-guess');
  assert.equal(home.status, 200);
  assert.equal(home.type, 'text/html; charset=utf-8');
  assert.match(home.body, /<title>root<\/title>/);
  assert.equal((await get('/sub/')).body, 'sub');
});

test('serves .wasm as application/wasm and .js as JavaScript', async () => {
  const wasm = await get('/app_bg.wasm');
  assert.equal(wasm.status, 200);
  assert.equal(wasm.type, 'application/wasm');
  assert.equal(wasm.body, '\0asm\x01\0\0\0');
  assert.equal((await get('/app.js')).type, 'text/javascript; charset=utf-8');
});

test('answers 404 for a missing file', async () => {
  assert.equal((await get('/missing.js')).status, 404);
});

test('refuses paths that leave the served folder', async () => {
  for (const attempt of ['/../secret.txt', '/sub/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/link-out.txt']) {
    const res = await get(attempt);
    assert.equal(res.status, 403, `${attempt} is refused`);
    assert.doesNotMatch(res.body, /outside/, `${attempt} does not leak the file`);
  }
});

test('resolveUnderRoot maps inside paths and rejects outside ones', () => {
  assert.equal(resolveUnderRoot('/srv/dist', '/a/b.js?x=1'), '/srv/dist/a/b.js');
  assert.equal(resolveUnderRoot('/srv/dist', '/a/%2e%2e/b.js'), '/srv/dist/b.js');
  assert.equal(resolveUnderRoot('/srv/dist', '/../dist2/x'), null);
  assert.equal(resolveUnderRoot('/srv/dist', '/%00'), null);
  assert.equal(resolveUnderRoot('/srv/dist', '/%E0%A4%A'), null);
});

test('under a mount it serves only below the sub-path, and sends CORS headers when asked', async () => {
  const mounted = await startStaticServer(root, { mount: '/some/path/', cors: true });
  const raw = (p) =>
    new Promise((resolve, reject) => {
      const { hostname, port } = new URL(mounted.url);
      http.get({ hostname, port, path: p }, (res) => {
        res.resume();
        res.on('end', () => resolve(res));
      }).on('error', reject);
    });
  try {
    const home = await raw('/some/path/?preset=best-guess');
    assert.equal(home.statusCode, 200);
    assert.equal(home.headers['access-control-allow-origin'], '*');
    assert.equal((await raw('/some/path/app_bg.wasm')).headers['content-type'], 'application/wasm');
    assert.equal((await raw('/some/path/sub/')).statusCode, 200);
    // The site root and other paths are not the site; the bare mount redirects to it.
    assert.equal((await raw('/')).statusCode, 404);
    assert.equal((await raw('/app.js')).statusCode, 404);
    assert.equal((await raw('/some/pathological/app.js')).statusCode, 404);
    const bare = await raw('/some/path?x=1');
    assert.equal(bare.statusCode, 301);
    assert.equal(bare.headers.location, '/some/path/?x=1');
    assert.equal((await raw('/some/path/../../secret.txt')).statusCode, 403);
    assert.equal((await raw('/some/path/%2e%2e/secret.txt')).statusCode, 403);
  } finally {
    await mounted.close();
  }
  // Without `cors`, no CORS header.
  assert.equal((await get('/')).status, 200);
});

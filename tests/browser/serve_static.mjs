// Serves a build the way a static host does: gzip or brotli when the browser accepts it (the
// precompressed .br/.gz file beside the asset when there is one, else compressed on the fly),
// long caching for hashed files, a short one for pages. For Lighthouse and first-view
// measurements (run: `node tests/browser/serve_static.mjs [DIR] [PORT]`; prints the URL).

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST_DIR, resolveUnderRoot } from './harness.mjs';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json', '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.wasm', '.json', '.svg', '.webmanifest', '.txt']);

/** A static-host-like server for `root`; returns the http.Server (not listening). */
export function createHostServer(root) {
  const realRoot = fs.realpathSync(root);
  return http.createServer((req, res) => {
    let file = resolveUnderRoot(realRoot, req.url ?? '/');
    if (!file) return res.writeHead(403).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) return res.writeHead(404).end();
    const ext = path.extname(file);
    const hashed = /-[0-9a-f]{16}(_bg)?\.(js|css|wasm)$/.test(file);
    const headers = {
      'Content-Type': MIME[ext] ?? 'application/octet-stream',
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Access-Control-Allow-Origin': '*',
      Vary: 'Accept-Encoding',
    };
    const accepts = String(req.headers['accept-encoding'] ?? '');
    let body = fs.readFileSync(file);
    if (COMPRESSIBLE.has(ext)) {
      if (/\bbr\b/.test(accepts)) {
        body = fs.existsSync(`${file}.br`) ? fs.readFileSync(`${file}.br`) : zlib.brotliCompressSync(body);
        headers['Content-Encoding'] = 'br';
      } else if (/\bgzip\b/.test(accepts)) {
        body = fs.existsSync(`${file}.gz`) ? fs.readFileSync(`${file}.gz`) : zlib.gzipSync(body, { level: 9 });
        headers['Content-Encoding'] = 'gzip';
      }
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(process.argv[2] ?? DIST_DIR);
  const port = Number(process.argv[3] ?? 0);
  const server = createHostServer(root);
  server.listen(port, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}/`));
}

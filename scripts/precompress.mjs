// Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file of a build, for hosts
// that serve precompressed files (nginx gzip_static/brotli_static, Caddy's precompressed, many
// CDNs): the best compression without the server spending it on every request.
// Usage: node scripts/precompress.mjs DIR

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.wasm', '.json', '.svg', '.webmanifest', '.txt']);
const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/precompress.mjs DIR');
  process.exit(2);
}

let files = 0;
const walk = (d) => {
  for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
    const full = path.join(d, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (COMPRESSIBLE.has(path.extname(entry.name))) {
      const body = fs.readFileSync(full);
      fs.writeFileSync(`${full}.gz`, zlib.gzipSync(body, { level: 9 }));
      fs.writeFileSync(
        `${full}.br`,
        zlib.brotliCompressSync(body, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
        }),
      );
      files += 1;
    }
  }
};
walk(dir);
console.error(`precompressed ${files} files in ${dir} (.br and .gz beside each)`);

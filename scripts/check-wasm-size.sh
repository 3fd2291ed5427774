#!/usr/bin/env bash
# Prints the size of the release build's wasm, raw and gzipped, records it in
# target/wasm-size.txt, and fails when the gzipped size exceeds WASM_GZIP_LIMIT_BYTES (env.sh).
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BIOANCHORS_ROOT"
shopt -s nullglob
wasm_files=(dist/*.wasm)
[ ${#wasm_files[@]} -eq 1 ] || bioanchors_die "expected one .wasm in dist/, found ${#wasm_files[@]}: run scripts/build.sh"
wasm=${wasm_files[0]}
raw=$(wc -c <"$wasm")
gzipped=$(gzip -9 -c "$wasm" | wc -c)
line="$(date -u +%FT%TZ) $(git rev-parse --short HEAD 2>/dev/null || echo '-') $wasm raw=$raw gzip=$gzipped limit=$WASM_GZIP_LIMIT_BYTES"
mkdir -p target
echo "$line" >>target/wasm-size.txt
printf 'wasm size: %s bytes raw, %s bytes gzipped (limit %s, %d%% used)\n' \
	"$raw" "$gzipped" "$WASM_GZIP_LIMIT_BYTES" $((gzipped * 100 / WASM_GZIP_LIMIT_BYTES))
[ "$gzipped" -le "$WASM_GZIP_LIMIT_BYTES" ] ||
	bioanchors_die "the gzipped wasm is $gzipped bytes, over the $WASM_GZIP_LIMIT_BYTES-byte budget"

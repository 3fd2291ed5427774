#!/usr/bin/env bash
# Prints the size of the release build's wasm, raw and gzipped, records it in
# target/wasm-size.txt, and fails when the gzipped size exceeds WASM_GZIP_LIMIT_BYTES (env.sh),
# or when anything of the native chart renderer (src/render.rs: its font, PNG encoder, bitmap
# and SVG backends) is in it.
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

# The native renderer is cfg(not(wasm32)); this guards that. Its fonts would show as their name
# table (UTF-16), its crates as symbols in cargo's wasm before wasm-bindgen and wasm-opt drop the
# names (legacy mangling: length-prefixed crate and module names).
if LC_ALL=C grep -q -a -P '\x00N\x00o\x00t\x00o\x00 \x00S\x00a\x00n\x00s' "$wasm"; then
	bioanchors_die "$wasm holds the Noto Sans font: the native renderer's font reached the wasm"
fi
named=target/$WASM_TARGET/release/bioanchors-web.wasm
if [ -f "$named" ]; then
	for symbol in 8ab_glyph 10ttf_parser 3png 8fdeflate 15plotters_bitmap 12plotters_svg \
		10bioanchors6render 10bioanchors4site; do
		if grep -q -a -F "$symbol" "$named"; then
			bioanchors_die "$named has code of '$symbol': the native renderer reached the wasm"
		fi
	done
	echo "native renderer in the wasm: none (no Noto Sans, no ab_glyph, png, bitmap or SVG backend)"
fi

#!/usr/bin/env bash
# Release build of the web app into dist/ (what the browser tests and the size check use), then
# its link-preview pages: one page per preset (dist/p/<id>/index.html), each with a 1,200 × 630
# og.png and, when BIOANCHORS_PUBLIC_URL is set (e.g. https://example.org/bioanchors/), the
# absolute Open Graph URLs and an oEmbed oembed.json (`bioanchors site`, README "Publish").
# Installs the toolchain first if it is missing. Extra arguments go to `trunk build`.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BIOANCHORS_ROOT"
"$BIOANCHORS_ROOT/scripts/setup.sh" rust tools
trunk build --release "$@"
# Trunk gives the stylesheet an SRI integrity but no crossorigin attribute, and a sandboxed
# embed (an opaque origin) then refuses it: "integrity attribute, but the request must be CORS
# enabled". The scripts and the wasm are fetched in CORS mode already.
sed -i 's|<link rel="stylesheet" \(href="[^"]*" integrity="[^"]*"\)|<link rel="stylesheet" crossorigin="anonymous" \1|' dist/index.html
# The native CLI draws the preset images with the app's own chart code (src/render.rs).
site_args=(site --dist dist)
if [ -n "${BIOANCHORS_PUBLIC_URL:-}" ]; then
	site_args+=(--public-url "$BIOANCHORS_PUBLIC_URL")
fi
cargo run --quiet --bin bioanchors -- "${site_args[@]}" >/dev/null
bioanchors_log "dist/: the app and its link-preview pages$([ -n "${BIOANCHORS_PUBLIC_URL:-}" ] && echo " for $BIOANCHORS_PUBLIC_URL" || echo " (no BIOANCHORS_PUBLIC_URL: no absolute preview URLs, no oEmbed)")"
# Brotli and gzip copies beside each file, for hosts that serve precompressed files.
node "$BIOANCHORS_ROOT/scripts/precompress.mjs" dist

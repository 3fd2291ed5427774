#!/usr/bin/env bash
# Release build of the web app into dist/ (what the browser tests and the size check use).
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

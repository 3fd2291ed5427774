#!/usr/bin/env bash
# Release build of the web app into dist/ (what the browser tests and the size check use).
# Installs the toolchain first if it is missing. Extra arguments go to `trunk build`.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BIOANCHORS_ROOT"
"$BIOANCHORS_ROOT/scripts/setup.sh" rust tools
trunk build --release "$@"

#!/usr/bin/env bash
# Set-up command 1: installs whatever is missing, builds the app and serves it on
# http://127.0.0.1:8080 (address and port: Trunk.toml), rebuilding when a source changes.
# Extra arguments go to `trunk serve` (say `--port 8081`). Stop it with Ctrl-C.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BIOANCHORS_ROOT"
"$BIOANCHORS_ROOT/scripts/setup.sh" rust tools
# --release: the same optimized build that the tests check, and the one whose size is budgeted.
exec trunk serve --release "$@"

#!/usr/bin/env bash
# Set-up command 2: installs whatever is missing, then runs every check and test, in order,
# stopping at the first failure with a non-zero exit. .ci/run runs exactly this.
# See ARCHITECTURE.md, "Tests", for what each step covers and how long it takes.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BIOANCHORS_ROOT"
suite_started=$SECONDS
logs=target/test-logs
timings=()

step() {
	local name=$1 started=$SECONDS
	shift
	bioanchors_log "── $name"
	if ! "$@"; then
		bioanchors_log "FAILED: $name (after $((SECONDS - started)) s)"
		exit 1
	fi
	timings+=("$(printf '%5d s  %s' $((SECONDS - started)) "$name")")
}

cargo_test() { cargo test --workspace 2>&1 | tee "$logs/cargo-test.log"; }
browser_tests() {
	# The build was just made: the harness must not rebuild even if a source changes meanwhile.
	(cd tests/browser && BIOANCHORS_DIST="$BIOANCHORS_ROOT/dist" node --test --test-concurrency=1 \
		--test-reporter=spec --test-reporter-destination=stdout \
		--test-reporter=tap --test-reporter-destination="$BIOANCHORS_ROOT/$logs/browser.tap" \
		./*.test.mjs)
}

step "set-up (scripts/setup.sh)" scripts/setup.sh
mkdir -p "$logs"
step "cargo fmt --check" cargo fmt --all --check
step "no import cycle among modules" node scripts/check-module-cycles.mjs
step "cargo clippy --workspace --all-targets (native)" cargo clippy --workspace --all-targets --quiet -- -D warnings
step "cargo clippy --workspace --target $WASM_TARGET" cargo clippy --workspace --target "$WASM_TARGET" --quiet -- -D warnings
step "cargo test (native: unit, property, integration and doc tests)" cargo_test
step "cargo doc (rustdoc warnings are errors)" env RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace --quiet
step "build (scripts/build.sh: trunk build --release, bioanchors site)" scripts/build.sh
step "wasm size check" scripts/check-wasm-size.sh
step "browser tests (tests/browser)" browser_tests

bioanchors_log "all steps passed in $((SECONDS - suite_started)) s:"
printf '%s\n' "${timings[@]}" >&2
# One closing line over both runners: cargo's per-binary results and node's TAP summary.
awk '
	/^test result: / { for (i = 1; i <= NF; i++) { if ($i ~ /^passed;/) p += $(i-1); if ($i ~ /^failed;/) f += $(i-1) } }
	/^# pass / { p += $3 } /^# fail / { f += $3 }
	END { printf "tests: %d passed, %d failed\n", p, f }
' "$logs/cargo-test.log" "$logs/browser.tap"

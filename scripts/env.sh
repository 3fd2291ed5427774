# shellcheck shell=bash
# Sourced by every script in scripts/: the one place that decides which Rust toolchain, which tool
# versions and which browser the project uses, so the scripts and the docs agree.
#
# Toolchain selection (see ARCHITECTURE.md, "Toolchain"):
#   1. Debian's `rustc-web` toolchain (/usr/bin/rustc 1.96) when its wasm32 std has been built into
#      /usr/lib/rustlib (the offline route of scripts/setup.sh): PATH gets /usr/bin first, so cargo,
#      rustc and clippy all come from Debian and native and wasm builds share one compiler.
#   2. Otherwise whatever `rustc` is on PATH (normally rustup's), if it has the wasm32 std.
#   3. Otherwise none yet: scripts/setup.sh installs one.
# Set BIOANCHORS_TOOLCHAIN_FORCE=debian or =path beforehand to force a choice.

BIOANCHORS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export BIOANCHORS_ROOT

WASM_TARGET=wasm32-unknown-unknown
# Must equal the `wasm-bindgen = "=…"` pin in Cargo.toml and `[tools] wasm_bindgen` in Trunk.toml:
# Trunk downloads a CLI when the versions differ, and downloads fail on an offline machine.
WASM_BINDGEN_VERSION=0.2.130
# Trunk 0.22 needs rustc >= 1.96.1; 0.21 builds with rustc 1.95 and 1.96.
TRUNK_VERSION_REQ='~0.21'
TRUNK_VERSION_PREFIX='trunk 0.21.'
# Binaryen's wasm-opt from npm (tools/package.json); must match [tools] wasm_opt in Trunk.toml.
WASM_OPT_VERSION=132
# The release build's wasm, gzipped, must stay under this many bytes. A reader on a slow phone
# connection gets the poster at once and the live page a few seconds later; 425 KB holds the
# engine that integrates trajectory uncertainty to 0.05 pp (model/src/uncertain/, +23 KB
# gzipped); 432 KB the bands of F* and A from quantiles (model/src/forecast/progress_bands.rs,
# +6.8 KB gzipped); 434 KB the page built in several tasks at start (src/ui/mod.rs,
# mount_after_first_charts: +1.2 KB gzipped for its roots; Lighthouse's total blocking time,
# BENCHMARKS.md "First view"); 435 KB F* solved in closed form in the interpolated years where
# its percentile meets one of the rule's endpoints (model/src/forecast/thresholds.rs, law_bands:
# +1.0 KB gzipped, F* within 0.05 OOM with compute and one progress factor uncertain); 435.5 KB
# F*'s band beyond the outermost Gauss points at their slope (model/src/forecast/
# progress_bands.rs, effective_percentiles: +0.3 KB gzipped, F*'s 90th percentile 0.11 → 0.07
# OOM off with spend and progress uncertain); 432 KB once the model's sorts shared three
# instances (model/src/sorting.rs, −3.8 KB gzipped); 432.5 KB A's band polished on its exact
# CDF given C with one progress factor certain (model/src/forecast/progress_bands.rs,
# progress_percentiles: +0.8 KB gzipped, A within 0.028 OOM with compute and cap uncertain, from
# 0.053). Getting under 300 KB needs code left out of the first load (BENCHMARKS.md, "What
# the wasm holds").
WASM_GZIP_LIMIT_BYTES=432500
DEBIAN_RUSTC=/usr/bin/rustc
DEBIAN_RUST_SRC=/usr/lib/rustlib/src/rust/library
CARGO_BIN_DIR=${CARGO_HOME:-$HOME/.cargo}/bin

bioanchors_log() { printf '\033[1m[bioanchors]\033[0m %s\n' "$*" >&2; }
bioanchors_die() {
	printf '\033[1;31m[bioanchors] error:\033[0m %s\n' "$*" >&2
	exit 1
}

# True when the given rustc's sysroot holds a wasm32 core library.
wasm_std_present() {
	local sysroot
	sysroot=$("$1" --print sysroot 2>/dev/null) || return 1
	compgen -G "$sysroot/lib/rustlib/$WASM_TARGET/lib/libcore-*.rlib" >/dev/null
}

# True when Debian's web toolchain and its std source are installed (the offline route's input).
debian_web_toolchain_installed() {
	[ -x "$DEBIAN_RUSTC" ] && [ -x /usr/bin/cargo ] && [ -d "$DEBIAN_RUST_SRC/std" ]
}

path_prepend() {
	case ":$PATH:" in
	":$1:"*) ;;
	*) PATH="$1:$PATH" ;;
	esac
}

# Sets BIOANCHORS_TOOLCHAIN to debian, path or none and arranges PATH to match.
bioanchors_select_toolchain() {
	local forced=${BIOANCHORS_TOOLCHAIN_FORCE:-}
	if [ "$forced" = debian ] || { [ -z "$forced" ] && wasm_std_present "$DEBIAN_RUSTC"; }; then
		path_prepend /usr/bin
		BIOANCHORS_TOOLCHAIN=debian
	elif [ "$forced" = path ] || { command -v rustc >/dev/null && wasm_std_present rustc; }; then
		BIOANCHORS_TOOLCHAIN=path
	else
		BIOANCHORS_TOOLCHAIN=none
	fi
	export PATH BIOANCHORS_TOOLCHAIN
}

# `cargo install` puts trunk and wasm-bindgen here; make sure they are found even without rustup.
case ":$PATH:" in *":$CARGO_BIN_DIR:"*) ;; *) PATH="$PATH:$CARGO_BIN_DIR" ;; esac
bioanchors_select_toolchain
# wasm-opt from tools/package.json (scripts/setup.sh installs it).
path_prepend "$BIOANCHORS_ROOT/tools/node_modules/.bin"
export PATH

# The browser for tests: $CHROMIUM if set, else the first Chromium-family binary on PATH.
if [ -z "${CHROMIUM:-}" ]; then
	for candidate in chromium chromium-browser google-chrome-stable google-chrome; do
		if command -v "$candidate" >/dev/null; then
			CHROMIUM=$(command -v "$candidate")
			break
		fi
	done
fi
export CHROMIUM="${CHROMIUM:-}"

# Trunk must neither ask crates.io for a newer Trunk on every build nor download tools: every tool
# it needs is installed by scripts/setup.sh, and a download would fail on an offline machine.
export TRUNK_SKIP_VERSION_CHECK=true TRUNK_OFFLINE=true

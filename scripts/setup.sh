#!/usr/bin/env bash
# Installs whatever the project's builds and tests need and is missing; does nothing (in a few
# seconds) when everything is present. Usage: scripts/setup.sh [rust] [tools] [chromium] [node]
# (no argument: all of them, in that order). See ARCHITECTURE.md, "Toolchain".
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BIOANCHORS_ROOT"

# How long `rustup target add` may take: it downloads ~20 MB, and hangs where rustup's server is
# out of reach (then the offline Debian route takes over).
RUSTUP_TIMEOUT_SECONDS=${BIOANCHORS_RUSTUP_TIMEOUT:-45}
DEBIAN_RUST_PACKAGES=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22 rust-web-clippy)
WASM_STD_DIR=/usr/lib/rustlib/$WASM_TARGET/lib
WASM_STD_STAMP=$WASM_STD_DIR/.bioanchors-built-by

# --- apt, when there is one ---------------------------------------------------------------
apt_updated=no
deb_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
# Installs the Debian packages not yet installed; returns 1 if that is impossible here.
apt_install() {
	local missing=() pkg sudo=()
	for pkg in "$@"; do
		if ! command -v dpkg-query >/dev/null || ! deb_installed "$pkg"; then missing+=("$pkg"); fi
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	command -v apt-get >/dev/null || return 1
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
			bioanchors_log "need root to run: apt-get install ${missing[*]}"
			return 1
		fi
	fi
	bioanchors_log "apt-get install ${missing[*]}"
	if [ $apt_updated = no ]; then
		"${sudo[@]}" apt-get update -qq
		apt_updated=yes
	fi
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# --- Rust with the wasm32 std ---------------------------------------------------------------
debian_std_current() {
	wasm_std_present "$DEBIAN_RUSTC" || return 1
	# A std built by this script records the compiler that built it: rebuild after a rustc upgrade.
	[ ! -f "$WASM_STD_STAMP" ] || [ "$(cat "$WASM_STD_STAMP")" = "$("$DEBIAN_RUSTC" -vV)" ]
}

# Debian ships no wasm32 std for rustc-web, so build one from its exact source (rust-web-src)
# and install it into the sysroot; /usr/bin/cargo then builds for wasm32 with no unstable flags.
build_debian_wasm_std() {
	local work started=$SECONDS
	work=$(mktemp -d)
	bioanchors_log "building the wasm32 std for $("$DEBIAN_RUSTC" --version) (about a minute)"
	mkdir -p "$work/src"
	printf '[package]\nname = "wasm-std-builder"\nversion = "0.0.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n' >"$work/Cargo.toml"
	: >"$work/src/lib.rs"
	# -Cembed-bitcode=yes: without it, `lto = true` release builds fail with
	# "failed to get bitcode from object file for LTO".
	(cd "$work" && PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1 RUSTFLAGS=-Cembed-bitcode=yes \
		cargo build --quiet --release --target "$WASM_TARGET" -Zbuild-std=std,panic_abort)
	mkdir -p "$WASM_STD_DIR"
	rm -f "$WASM_STD_DIR"/*.rlib
	cp "$work/target/$WASM_TARGET/release/deps/"*.rlib "$WASM_STD_DIR/"
	rm -f "$WASM_STD_DIR"/libwasm_std_builder*
	"$DEBIAN_RUSTC" -vV >"$WASM_STD_STAMP"
	rm -rf "$work"
	# wasm artifacts built against an older std no longer link; native ones are unaffected.
	rm -rf "$BIOANCHORS_ROOT/target/$WASM_TARGET"
	bioanchors_log "wasm32 std installed in $WASM_STD_DIR ($((SECONDS - started)) s)"
}

debian_route() {
	if ! debian_web_toolchain_installed; then
		apt_install "${DEBIAN_RUST_PACKAGES[@]}" || return 1
	fi
	[ -w /usr/lib/rustlib ] || [ -w "$WASM_STD_DIR" ] || {
		bioanchors_log "need root to install the wasm32 std into /usr/lib/rustlib"
		return 1
	}
	build_debian_wasm_std
}

ensure_rust() {
	if debian_web_toolchain_installed && [ "${BIOANCHORS_TOOLCHAIN_FORCE:-}" != path ]; then
		# Debian's web toolchain is here on purpose: it is this machine's toolchain.
		debian_std_current || debian_route || bioanchors_die "could not build the wasm32 std for Debian's rustc"
	elif [ "$BIOANCHORS_TOOLCHAIN" = none ] && command -v rustup >/dev/null; then
		bioanchors_log "rustup target add $WASM_TARGET (at most ${RUSTUP_TIMEOUT_SECONDS} s)"
		timeout --kill-after=5 "$RUSTUP_TIMEOUT_SECONDS" rustup target add "$WASM_TARGET" ||
			bioanchors_log "rustup could not add $WASM_TARGET here; trying Debian's packages instead"
	fi
	bioanchors_select_toolchain
	if [ "$BIOANCHORS_TOOLCHAIN" = none ]; then
		debian_route || bioanchors_die "no Rust toolchain with the $WASM_TARGET standard library.
  Install one, then run this script again:
    - with rustup (https://rustup.rs):  rustup target add $WASM_TARGET
    - or on Debian 12, as root:         apt-get install ${DEBIAN_RUST_PACKAGES[*]}"
		bioanchors_select_toolchain
	fi
	wasm_std_present rustc || bioanchors_die "$(command -v rustc) still has no $WASM_TARGET std"

	# clippy and rustfmt for the checks in scripts/test.sh.
	if ! cargo clippy --version >/dev/null 2>&1; then
		if [ "$BIOANCHORS_TOOLCHAIN" = debian ]; then apt_install rust-web-clippy; else
			timeout 120 rustup component add clippy || true
		fi
		cargo clippy --version >/dev/null 2>&1 || bioanchors_die "cargo clippy is missing: install clippy for $(rustc --version)"
	fi
	if ! cargo fmt --version >/dev/null 2>&1; then
		if [ "$BIOANCHORS_TOOLCHAIN" = debian ] && ! command -v rustup >/dev/null; then apt_install rustfmt-web; else
			timeout 120 rustup component add rustfmt || true
		fi
		cargo fmt --version >/dev/null 2>&1 || bioanchors_die "cargo fmt is missing: install rustfmt"
	fi
}

# --- Trunk and wasm-bindgen (built from crates.io: no prebuilt binaries can be downloaded) --
ensure_tools() {
	grep -q "^wasm-bindgen = \"=$WASM_BINDGEN_VERSION\"" Cargo.toml ||
		bioanchors_die "Cargo.toml must pin wasm-bindgen = \"=$WASM_BINDGEN_VERSION\" (scripts/env.sh)"
	grep -q "^wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml ||
		bioanchors_die "Trunk.toml must set [tools] wasm_bindgen = \"$WASM_BINDGEN_VERSION\" (scripts/env.sh)"
	if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
		bioanchors_log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
		# No --locked: the CLI's lock file pins a dependency version that is no longer published.
		cargo install --quiet --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
		[ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ] ||
			bioanchors_die "$(command -v wasm-bindgen) is not $WASM_BINDGEN_VERSION; put $CARGO_BIN_DIR first on PATH"
	fi
	case "$(trunk --version 2>/dev/null)" in
	"$TRUNK_VERSION_PREFIX"*) ;;
	*)
		bioanchors_log "cargo install trunk $TRUNK_VERSION_REQ (about 7 minutes on 2 cores)"
		cargo install --quiet --force trunk --version "$TRUNK_VERSION_REQ" --locked
		case "$(trunk --version 2>/dev/null)" in
		"$TRUNK_VERSION_PREFIX"*) ;;
		*) bioanchors_die "$(command -v trunk) is not ${TRUNK_VERSION_PREFIX}x; put $CARGO_BIN_DIR first on PATH" ;;
		esac
		;;
	esac
}

# --- A Chromium for the browser tests --------------------------------------------------------
ensure_chromium() {
	if [ -n "$CHROMIUM" ] && [ -x "$CHROMIUM" ]; then return 0; fi
	apt_install chromium || bioanchors_die "no Chromium found for the browser tests.
  Install Chromium or Google Chrome (on Debian: apt-get install chromium), or set CHROMIUM=/path/to/it"
	CHROMIUM=$(command -v chromium)
	export CHROMIUM
}

# --- Node.js packages: the browser-test harness and the build tools --------------------------
require_node() {
	local major
	command -v node >/dev/null && command -v npm >/dev/null ||
		bioanchors_die "Node.js 20 or newer with npm is needed (https://nodejs.org): $1"
	major=$(node -p 'process.versions.node.split(".")[0]')
	[ "$major" -ge 20 ] || bioanchors_die "Node.js $(node --version) is too old: $1 needs 20 or newer"
}

# `npm ci` in $1 unless its node_modules already came from the same lock file (a copy of the lock
# inside node_modules records what was installed).
npm_ci_locked() {
	local dir=$1
	if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.bioanchors-installed-lock.json"; then
		bioanchors_log "npm ci in $dir"
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
		cp "$dir/package-lock.json" "$dir/node_modules/.bioanchors-installed-lock.json"
	fi
}

ensure_node() {
	require_node "playwright-core, for the browser tests"
	npm_ci_locked tests/browser
}

# Binaryen's wasm-opt, which Trunk runs on the release wasm (index.html: data-wasm-opt). Trunk
# would download it from GitHub; npm carries the same release, and scripts/env.sh puts
# tools/node_modules/.bin on PATH, where Trunk finds it (Trunk.toml pins its version).
ensure_wasm_opt() {
	require_node "binaryen's wasm-opt, which shrinks the release wasm"
	npm_ci_locked tools
	[ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" = "$WASM_OPT_VERSION" ] ||
		bioanchors_die "$(command -v wasm-opt) is not binaryen version $WASM_OPT_VERSION (tools/package.json)"
	grep -q "^wasm_opt = \"version_$WASM_OPT_VERSION\"" Trunk.toml ||
		bioanchors_die "Trunk.toml must set [tools] wasm_opt = \"version_$WASM_OPT_VERSION\" (scripts/env.sh)"
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(rust tools chromium node)
for step in "${steps[@]}"; do
	case "$step" in
	rust) ensure_rust ;;
	tools) ensure_tools && ensure_wasm_opt ;;
	chromium) ensure_chromium ;;
	node) ensure_node ;;
	*) bioanchors_die "unknown setup step '$step' (rust, tools, chromium, node)" ;;
	esac
done
bioanchors_log "toolchain: $BIOANCHORS_TOOLCHAIN ($(rustc --version)); setup done in ${SECONDS} s"

#!/usr/bin/env bash
# Lighthouse mobile performance of one or more builds, runs interleaved so that each build sees
# the same machine load: `scripts/lighthouse.sh RUNS DIR...` (e.g. `3 /tmp/base dist`). Each DIR
# is served like a static host by tests/browser/serve_static.mjs; one line per run: score, LCP,
# TBT, CLS, FCP, speed index (ms) and Lighthouse's benchmark index of the machine.
# Lighthouse 12.2.3 on Node 20 with the Chromium of scripts/env.sh (BENCHMARKS.md, "First view").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BIOANCHORS_ROOT"
runs=$1
shift
out=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$out"' EXIT
port=9300
for i in $(seq 0 $(($# - 1))); do
	node tests/browser/serve_static.mjs "${@:$((i + 1)):1}" $((port + i)) >/dev/null &
	pids+=($!)
done
sleep 1
for _ in $(seq 1 "$runs"); do
	i=0
	for dir in "$@"; do
		npx --yes lighthouse@12.2.3 "http://127.0.0.1:$((port + i))/" --chrome-path="${CHROMIUM:-chromium}" \
			--chrome-flags="--headless=new --no-sandbox --disable-gpu" --only-categories=performance \
			--output=json --output-path="$out/$i.json" --quiet
		node -e '
const j = require(process.argv[1]); const a = j.audits; const ms = (k) => Math.round(a[k].numericValue);
console.log(process.argv[2], j.categories.performance.score, "LCP", ms("largest-contentful-paint"), "TBT", ms("total-blocking-time"),
  "CLS", a["cumulative-layout-shift"].numericValue.toFixed(3), "FCP", ms("first-contentful-paint"), "SI", ms("speed-index"),
  "benchmark-index", j.environment.benchmarkIndex);' "$out/$i.json" "$dir"
		i=$((i + 1))
	done
done

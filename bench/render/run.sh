#!/usr/bin/env bash
# Storefront render time: a 200-product store rendered into every page and asset (goal < 10 ms),
# and a description turned into an assembled site on the rule-based level (goal p50 < 20 ms).
#
#   bench/render/run.sh [--runs N] [--products N]
#
# Builds the release binary (build/release) and prints p50/p99/max for each measurement.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

if [[ -z ${BENCH_BIN:-} ]]; then
    (cd "$ROOT" && cmake --preset release -DWEBDPRO_TESTS=OFF -DWEBDPRO_BENCH=ON >/dev/null &&
        cmake --build --preset release --target bench_render >/dev/null)
fi
exec "${BENCH_BIN:-$ROOT/build/release/bench/bench_render}" "$@"

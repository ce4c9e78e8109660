#!/usr/bin/env bash
# Storefront render time: a 200-product store rendered into every page and asset (goal < 10 ms),
# a description turned into an assembled site on the rule-based level (goal p50 < 20 ms), and pages
# on demand at 20 / 200 / 2,000 / 10,000 products: the store's view model (built once per catalog
# version), then the first view of the home, a category and a product page, with their bytes
# (goal: every page < 20 ms and < 50 KB with its images at every size).
#
#   bench/render/run.sh [--runs N] [--products N] [--sizes 20,200,2000,10000] [--curve-only] [--whole]
#
# Builds the release binary (build/release) and prints p50/p99/max for each measurement.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

if [[ -z ${BENCH_BIN:-} ]]; then
    (cd "$ROOT" && cmake --preset release -DWEBDPRO_TESTS=OFF -DWEBDPRO_BENCH=ON >/dev/null &&
        cmake --build --preset release --target bench_render >/dev/null)
fi
exec "${BENCH_BIN:-$ROOT/build/release/bench/bench_render}" "$@"

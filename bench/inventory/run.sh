#!/usr/bin/env bash
# The owner's inventory report as a store's ledger grows to 10,000 and 1,000,000 rows (10,000,000
# with --sizes 10000,1000000,10000000): p50/p99 of the whole report (daily sums, then forecasts),
# beside the ledger scan the report ran before the daily sums (goal p99 < 50 ms, flat).
#
#   bench/inventory/run.sh [--sizes 10000,1000000] [--products 200] [--days 180] [--runs N] [--no-before]
#
# Builds the release binary (build/release) and prints the curve.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

if [[ -z ${BENCH_BIN:-} ]]; then
    (cd "$ROOT" && cmake --preset release -DWEBDPRO_TESTS=OFF -DWEBDPRO_BENCH=ON >/dev/null &&
        cmake --build --preset release --target bench_inventory >/dev/null)
fi
exec "${BENCH_BIN:-$ROOT/build/release/bench/bench_inventory}" "$@"

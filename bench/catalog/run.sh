#!/usr/bin/env bash
# The owner's product list and search at 1,000 / 10,000 / 100,000 products (and 1,000,000 with
# --sizes 1000,10000,100000,1000000): p50/p99 of the first page, a page from the middle, a
# category, and searches in English and Hindi, beside the query the list ran before its indexes
# (goal p99 < 20 ms at every size).
#
#   bench/catalog/run.sh [--sizes 1000,10000,100000] [--runs N] [--no-before]
#
# Builds the release binary (build/release) and prints the curve.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

if [[ -z ${BENCH_BIN:-} ]]; then
    (cd "$ROOT" && cmake --preset release -DWEBDPRO_TESTS=OFF -DWEBDPRO_BENCH=ON >/dev/null &&
        cmake --build --preset release --target bench_catalog >/dev/null)
fi
exec "${BENCH_BIN:-$ROOT/build/release/bench/bench_catalog}" "$@"

#!/usr/bin/env bash
# Business types of the rule-based generator: business-type accuracy, named-product recall and
# invented discounts over bench/sectors/tuning.tsv and heldout.tsv (goals: >= 97%, >= 95%, 0).
#
#   bench/sectors/run.sh [--verbose]
#
# Builds the release binary (build/release) and prints the figures per set and language.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

if [[ -z ${BENCH_BIN:-} ]]; then
    (cd "$ROOT" && cmake --preset release -DWEBDPRO_TESTS=OFF -DWEBDPRO_BENCH=ON >/dev/null &&
        cmake --build --preset release --target bench_sectors >/dev/null)
fi
exec "${BENCH_BIN:-$ROOT/build/release/bench/bench_sectors}" "$@"

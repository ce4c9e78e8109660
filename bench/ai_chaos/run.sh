#!/usr/bin/env bash
# AI chain under chaos, against the fake model server on loopback: 1,000 generations with every
# model level failing 30% of the time with mixed faults (all must yield a valid store; p50/p99
# time and cost per store), then every level hanging (first generation vs later ones), then every
# level refusing connections.
#
#   bench/ai_chaos/run.sh [--generations N] [--fail-rate R] [--threads N] ...
#
# Builds the release binary (build/release) unless BENCH_BIN names a prebuilt one.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

if [[ -z ${BENCH_BIN:-} ]]; then
    (cd "$ROOT" && cmake --preset release -DWEBDPRO_TESTS=OFF -DWEBDPRO_BENCH=ON >/dev/null &&
        cmake --build --preset release --target bench_ai_chaos >/dev/null)
fi
exec "${BENCH_BIN:-$ROOT/build/release/bench/bench_ai_chaos}" "$@"

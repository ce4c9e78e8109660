#!/usr/bin/env bash
# storage::Db on SQLite and on PostgreSQL, in one run: one-row insert transactions and point
# reads per second, with latency percentiles, and the ratios.
#
#   bench/engines/run.sh [--duration S] [--threads N] [--pool N]
#
# Builds the release binary (build/release), starts a private PostgreSQL cluster in a temp folder
# with fsync on (durable commits, as SQLite's are), measures both engines, and stops the cluster.
# Set WEBDPRO_BENCH_PG_DSN to measure an existing server instead.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD="$ROOT/build/release"

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" --target bench_engines >/dev/null

dsn="${WEBDPRO_BENCH_PG_DSN:-}"
if [[ -z "$dsn" ]]; then
    state="$(mktemp -d /tmp/webdpro-bench-pg-state.XXXXXX)"
    trap '"$ROOT/scripts/pg-cluster.sh" stop "$state" >/dev/null; rm -rf "$state"' EXIT
    WEBDPRO_PG_DURABLE=1 "$ROOT/scripts/pg-cluster.sh" start "$state" >/dev/null
    dsn="$(cat "$state/dsn")"
fi
if [[ $# -eq 0 ]]; then
    set -- --duration 3 --threads 16 --pool 8
fi
"$BUILD/bench/bench_engines" --pg-dsn "$dsn" "$@"

#!/usr/bin/env bash
# Durable write throughput: webdpro's SqliteDb (group commit) against raw SQLite, in one run.
#
#   bench/db_writes/run.sh [--duration S] [--writers N] [--io-threads N] [--max-batch N] [--dir DIR]
#
# Builds the release binary (build/release) and runs both engines for the same duration on the
# same disk (default: 5 s each, 64 writers, a temp folder). Pass --dir to measure another disk.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD="$ROOT/build/release"

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" --target bench_db_writes >/dev/null

if [[ $# -eq 0 ]]; then
    set -- --duration 5 --writers 64
fi
exec "$BUILD/bench/bench_db_writes" "$@"

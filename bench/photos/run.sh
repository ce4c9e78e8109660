#!/usr/bin/env bash
# Product photo processing time: a 12 MP phone JPEG (about 8 MB, EXIF) decoded with DCT scaling,
# shrunk to 800 px and encoded as WebP, as PUT /api/stores/{store_id}/products/{product_id}/photo
# does on its work pool (one job on one core).
#
#   bench/photos/run.sh [--runs N] [--width W] [--height H] [--quality Q]
#
# Builds the release binary (build/release) and prints the upload and result sizes and p50/max.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

if [[ -z ${BENCH_BIN:-} ]]; then
    (cd "$ROOT" && cmake --preset release -DWEBDPRO_TESTS=OFF -DWEBDPRO_BENCH=ON >/dev/null &&
        cmake --build --preset release --target bench_photos >/dev/null)
fi
exec "${BENCH_BIN:-$ROOT/build/release/bench/bench_photos}" "$@"

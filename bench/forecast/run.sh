#!/usr/bin/env bash
# Demand forecast backtest on synthetic daily sales (seeded): 200 products x 180 days in five
# patterns (steady, trending, weekend-peaked, intermittent, promotion spikes), rolling origin over
# the last 56 days with a 7-day horizon; MAE, MAPE (sale days only), sMAPE and MASE of the
# forecaster against the naive and seasonal naive forecasts, per pattern and overall; then weekly
# sellers with stock-outs, forecast with the stock-out days censored and as zero demand (MAE against
# the true demand); then the time to build the inventory report of a 500-product store.
#
#   bench/forecast/run.sh [--products N] [--days N] [--eval-days N] [--horizon N] [--seed N] [--store-products N]
#
# Builds the release binary (build/release) unless BENCH_BIN names a prebuilt one.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

if [[ -z ${BENCH_BIN:-} ]]; then
    (cd "$ROOT" && cmake --preset release -DWEBDPRO_TESTS=OFF -DWEBDPRO_BENCH=ON >/dev/null &&
        cmake --build --preset release --target bench_forecast >/dev/null)
fi
exec "${BENCH_BIN:-$ROOT/build/release/bench/bench_forecast}" "$@"

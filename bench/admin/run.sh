#!/usr/bin/env bash
# The platform console's latency with many tenants and orders: 1,000 tenants, 1,000,000 orders and
# their daily_sales counters, 20,000 AI calls, seeded into a fresh database; then the super admin's
# overview, tenants list (and a search) and AI usage, each asked ROUNDS times one after another.
# Prints p50 / p99 / max per route (goal: p99 < 100 ms for the overview and the tenants list).
#   bench/admin/run.sh [--tenants 1000] [--orders 1000000] [--rounds 200]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

tenants=1000
orders=1000000
rounds=200
while (($#)); do
    case $1 in
        --tenants) tenants=$2; shift 2 ;;
        --orders) orders=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

build_release webdpro
work=$(mktemp -d)
cleanup() {
    [[ -n ${wd_pid:-} ]] && kill "$wd_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$(webdpro_bin)" migrate --data-dir "$work/data" >/dev/null
python3 "$ROOT/bench/admin/seed.py" "$work/data/webdpro.db" "$tenants" "$orders"
"$(webdpro_bin)" admin create-super-admin --phone "+91 90000 99999" --data-dir "$work/data" >/dev/null

port=$(free_port)
"$(webdpro_bin)" serve --listen "127.0.0.1:$port" --data-dir "$work/data" --set rate_limit.ip_per_min=0 \
    --set rate_limit.principal_per_min=0 >"$work/webdpro.log" 2>&1 &
wd_pid=$!
wait_http "http://127.0.0.1:$port/readyz" 60
python3 "$ROOT/bench/admin/measure.py" "$port" "$work/data" "+919000099999" "$rounds"

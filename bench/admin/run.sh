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

serve() {
    "$(webdpro_bin)" serve --listen "127.0.0.1:$port" --data-dir "$work/data" --set rate_limit.ip_per_min=0 \
        --set rate_limit.principal_per_min=0 >>"$work/webdpro.log" 2>&1 &
    wd_pid=$!
    wait_http "http://127.0.0.1:$port/readyz" 120
}
port=$(free_port)
db="$work/data/webdpro.db"

# Start-up checks that its keys read the newest order's phone, which only the server can seal: one
# real order is placed first (dated ahead of every seeded one), then the rest are written beside it.
"$(webdpro_bin)" migrate --data-dir "$work/data" >/dev/null
serve
sqlite3 "$db" "PRAGMA busy_timeout = 10000;
INSERT INTO users (user_id, phone, created_at, updated_at) VALUES ('usr_01aaaaaaaaaaaaaaaaaaaaaaaa', '+919100000001', 1, 1);
INSERT INTO tenants (tenant_id, owner_user_id, business_name, created_at, updated_at)
    VALUES ('ten_01bbbbbbbbbbbbbbbbbbbbbbbb', 'usr_01aaaaaaaaaaaaaaaaaaaaaaaa', 'Seed Kirana', 1, 1);
INSERT INTO stores (tenant_id, store_id, slug, status, description, business_name, created_at, updated_at)
    VALUES ('ten_01bbbbbbbbbbbbbbbbbbbbbbbb', 'sto_01cccccccccccccccccccccccc', 'seed', 'PUBLISHED', 'seed', 'Seed Kirana', 1, 1);
INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, stock_quantity, low_stock_threshold,
    gst_rate_bp, created_at, updated_at) VALUES ('ten_01bbbbbbbbbbbbbbbbbbbbbbbb', 'prd_01dddddddddddddddddddddddd',
    'sto_01cccccccccccccccccccccccc', 'Seed', 1000, 10, 0, 500, 1, 1);"
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/s/seed/api/orders" \
    -H 'Content-Type: application/json' -H 'Idempotency-Key: seed-1' \
    -d '{"items":[{"product_id":"prd_01dddddddddddddddddddddddd","quantity":1}],"customer":{"name":"Seed Buyer","phone":"9876543210","address":"12 MG Road, Pune","pincode":"411001"},"payment_method":"COD"}')
[[ $status == 201 ]] || { echo "the seed order was refused ($status)" >&2; cat "$work/webdpro.log" >&2; exit 1; }
kill -TERM "$wd_pid"
wait "$wd_pid" 2>/dev/null || true
wd_pid=
sqlite3 "$db" "UPDATE orders SET created_at = created_at + 600000"
python3 "$ROOT/bench/admin/seed.py" "$db" "$tenants" "$orders"
"$(webdpro_bin)" admin create-super-admin --phone "+91 90000 99999" --data-dir "$work/data" >/dev/null
serve
python3 "$ROOT/bench/admin/measure.py" "$port" "$work/data" "+919000099999" "$rounds"

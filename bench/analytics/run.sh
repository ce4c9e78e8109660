#!/usr/bin/env bash
# The owner's dashboard under a large database: 1,000 businesses and 1,000,000 orders over the
# last 90 India days (bulk SQL into the stopped server's database, with the dashboard's sums built
# from them as its consumer keeps them), then GET /api/tenant/dashboard as one owner (release
# build, wrk). Prints requests/s and the p50 / p99 latency of each range (goal: p99 < 100 ms).
#   bench/analytics/run.sh [--tenants 1000] [--orders 1000000] [--duration 10s] [--connections 2]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

tenants=1000
orders=1000000
duration=10s
connections=2
while (($#)); do
    case $1 in
        --tenants) tenants=$2; shift 2 ;;
        --orders) orders=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

command -v wrk >/dev/null && command -v sqlite3 >/dev/null || { echo "needs wrk and sqlite3: scripts/setup.sh --test" >&2; exit 2; }
build_release webdpro
work=$(mktemp -d)
cleanup() {
    [[ -n ${wd_pid:-} ]] && kill "$wd_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port=$(free_port)
base="http://127.0.0.1:$port"
serve() {
    "$(webdpro_bin)" serve --listen "127.0.0.1:$port" --data-dir "$work/data" --set rate_limit.ip_per_min=0 \
        --set rate_limit.principal_per_min=0 \
        >>"$work/webdpro.log" 2>&1 &
    wd_pid=$!
    wait_http "$base/readyz" 60
}
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# The owner signs up through the API (sign-in code from the SMS outbox file).
serve
phone=9000000001
curl -sf -X POST "$base/api/auth/otp" -H 'Content-Type: application/json' -d "{\"phone\":\"$phone\"}" >/dev/null
for _ in $(seq 100); do [[ -s $work/data/outbox/sms.jsonl ]] && break; sleep 0.1; done
code=$(tail -n1 "$work/data/outbox/sms.jsonl" | json_field code)
token=$(curl -sf -X POST "$base/api/auth/verify" -H 'Content-Type: application/json' \
    -d "{\"phone\":\"$phone\",\"code\":\"$code\",\"token_delivery\":\"body\"}" | json_field access_token)
answer=$(curl -sf -X POST "$base/api/tenants" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"business_name":"Bench Kirana"}')
token=$(json_field access_token <<<"$answer")
tenant=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["tenant"]["id"])' <<<"$answer")

# Its published store with one product, and one real order: the newest order of the database,
# which the server reads with its keys at start-up (the seeded orders are older and not encrypted).
store=sto_01benchbenchbenchbench0000
product=prd_01benchbenchbenchbench1111
sqlite3 "$work/data/webdpro.db" >/dev/null <<SQL
PRAGMA busy_timeout = 10000;
INSERT INTO stores (tenant_id, store_id, slug, status, description, business_name, created_at, updated_at)
VALUES ('$tenant', '$store', 'bench', 'PUBLISHED', 'bench', 'Bench Kirana', 1, 1);
INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, stock_quantity, low_stock_threshold,
                      gst_rate_bp, created_at, updated_at)
VALUES ('$tenant', '$product', '$store', 'Tea', 1000, 100, 5, 500, 1, 1);
SQL
curl -sf -X POST "$base/s/bench/api/orders" -H 'Content-Type: application/json' -H 'Idempotency-Key: bench-1' \
    -d "{\"items\":[{\"product_id\":\"$product\",\"quantity\":1}],\"payment_method\":\"COD\",
         \"customer\":{\"name\":\"Asha\",\"phone\":\"9876543210\",\"address\":\"12 MG Road, Pune\",\"pincode\":\"411001\"}}" \
    >/dev/null
sleep 1
kill "$wd_pid"
wait "$wd_pid" 2>/dev/null || true
wd_pid=

python3 "$ROOT/bench/analytics/seed.py" "$work/data/webdpro.db" --tenants "$tenants" --orders "$orders" \
    --owner-tenant "$tenant" --owner-store "$store"
echo "database: $(du -sh "$work/data/webdpro.db" | cut -f1), $(sqlite3 "$work/data/webdpro.db" 'SELECT count(*) FROM orders') orders, $(sqlite3 "$work/data/webdpro.db" 'SELECT count(*) FROM tenants') businesses"
serve

# wrk's latency distribution: "<requests/s> <p50 ms> <p99 ms>".
measure() {
    local out
    out=$(wrk -t1 -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" "$1")
    if grep -q "Non-2xx" <<<"$out"; then
        echo "non-2xx answers from $1" >&2
        curl -s -H "Authorization: Bearer $token" "$1" | head -c 300 >&2
        return 1
    fi
    awk '
        function ms(v) { if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 } if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 } sub(/s$/, "", v); return v * 1000 }
        /^Requests\/sec:/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        END { printf "%s %.2f %.2f\n", rps, p50, p99 }' <<<"$out"
}

from=$(python3 -c 'import datetime as d; print((d.datetime.utcnow() + d.timedelta(minutes=330) - d.timedelta(days=365)).strftime("%Y-%m-%d"))')
to=$(python3 -c 'import datetime as d; print((d.datetime.utcnow() + d.timedelta(minutes=330)).strftime("%Y-%m-%d"))')
curl -sf -H "Authorization: Bearer $token" "$base/api/tenant/dashboard?range=30d" >/dev/null  # warm
echo "dashboard of one business among $tenants ($orders orders), wrk -t1 -c$connections -d$duration"
printf '%-22s %12s %10s %10s\n' range "requests/s" "p50 ms" "p99 ms"
for range in today 7d 30d "custom&from=$from&to=$to"; do
    read -r rps p50 p99 < <(measure "$base/api/tenant/dashboard?range=$range")
    printf '%-22s %12s %10s %10s\n' "${range%%&*}" "$rps" "$p50" "$p99"
done
read -r rps p50 p99 < <(measure "$base/api/tenant/dashboard/sales.csv?range=30d")
printf '%-22s %12s %10s %10s\n' "sales.csv 30d" "$rps" "$p50" "$p99"

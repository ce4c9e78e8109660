#!/usr/bin/env bash
# 64 concurrent HTTP clients (wrk) placing 3-item COD orders against 50 products of limited stock
# on a published store of `webdpro serve` (release build), each order a durable write. Beside it,
# in the same run, raw SQLite writing the same rows one transaction (one fsync) at a time.
# Prints orders/s, p99, the 201/409 counts and the oversold units (checked in the database after
# the run: must be 0), the server's CPU per placed order by thread, and the outbox events the
# dispatcher had not handled when the load stopped (0: it keeps up).
#   bench/orders/run.sh [--duration 10s] [--connections 64] [--stock 3000]
# An order takes 3.5 units on average, so 50 x 3000 units last ~43,000 orders: the stock runs out
# (and later orders get 409) only above ~4,300 orders/s over 10 s. With less stock, the 201 rate
# measures the stock, not the server (1500 units capped it at ~2,100 orders/s).
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

duration=10s
connections=64
stock=3000
while (($#)); do
    case $1 in
        --duration) duration=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --stock) stock=$2; shift 2 ;;
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
# The per-IP request limit would turn a one-machine load test into 429s.
"$(webdpro_bin)" serve --listen "127.0.0.1:$port" --data-dir "$work/data" --set rate_limit.ip_per_min=0 \
    >"$work/webdpro.log" 2>&1 &
wd_pid=$!
wait_http "http://127.0.0.1:$port/readyz"

# A tenant with a published store and 50 products, written beside the running server (WAL).
python3 - "$stock" >"$work/seed.sql" <<'PY'
import random, sys
stock = int(sys.argv[1])
def new_id(prefix):
    return prefix + "_01" + "".join(random.choice("0123456789abcdefghjkmnpqrstvwxyz") for _ in range(24))
user, tenant, store = new_id("usr"), new_id("ten"), new_id("sto")
print("PRAGMA busy_timeout = 10000; BEGIN IMMEDIATE;")
print(f"INSERT INTO users (user_id, phone, created_at, updated_at) VALUES ('{user}', '+919000000001', 1, 1);")
print(f"INSERT INTO tenants (tenant_id, owner_user_id, business_name, created_at, updated_at) "
      f"VALUES ('{tenant}', '{user}', 'Bench Kirana', 1, 1);")
print(f"INSERT INTO stores (tenant_id, store_id, slug, status, description, business_name, created_at, updated_at) "
      f"VALUES ('{tenant}', '{store}', 'bench', 'PUBLISHED', 'bench', 'Bench Kirana', 1, 1);")
for i in range(50):
    print(f"INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, stock_quantity, "
          f"low_stock_threshold, gst_rate_bp, created_at, updated_at) "
          f"VALUES ('{tenant}', '{new_id('prd')}', '{store}', 'Product {i}', 1000, {stock}, 5, 500, 1, 1);")
print("COMMIT;")
PY
sqlite3 "$work/data/webdpro.db" <"$work/seed.sql" >/dev/null
products=$(sqlite3 "$work/data/webdpro.db" "SELECT group_concat(product_id) FROM products")

# CPU seconds (user + system) a process has used so far, all its threads together.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f\n", ($14 + $15) / hz}' "/proc/$1/stat"; }
# CPU seconds per thread name ("db-writer", "http-io-0", ...) of process $1, one "name seconds" line each.
thread_cpu() {
    local task
    for task in /proc/"$1"/task/*; do
        # comm may hold spaces; the fields after it are counted from the closing parenthesis.
        printf '%s %s\n' "$(tr ' ' '_' <"$task/comm")" "$(sed 's/.*) //' "$task/stat" | awk '{print $12 + $13}')"
    done | awk -v hz="$(getconf CLK_TCK)" '{sum[$1] += $2} END {for (n in sum) printf "%s %.3f\n", n, sum[n] / hz}'
}

echo "orders: wrk -t2 -c$connections -d$duration, 3-item COD orders, 50 products x $stock units, durable commits"
server_cpu_before=$(cpu_seconds "$wd_pid")
thread_cpu "$wd_pid" >"$work/threads.before"
PRODUCTS=$products wrk -t2 -c"$connections" -d"$duration" --latency -s "$ROOT/bench/orders/orders.lua" \
    "http://127.0.0.1:$port/s/bench/api/orders" >"$work/wrk.out" &
wrk_pid=$!
# The client shares the machine: its CPU is measured just before it ends, to show it is not the limit.
sleep "$(awk -v d="${duration%s}" 'BEGIN { print (d > 1 ? d - 0.5 : d / 2) }')"
client_cpu=$(cpu_seconds "$wrk_pid" 2>/dev/null || echo 0)
wait "$wrk_pid"
server_cpu=$(awk -v a="$server_cpu_before" -v b="$(cpu_seconds "$wd_pid")" 'BEGIN { printf "%.2f", b - a }')
thread_cpu "$wd_pid" >"$work/threads.after"
out=$(cat "$work/wrk.out")
read -r created conflicts other < <(awk '/^STATUS/ {print $2, $3, $4}' <<<"$out")
p99=$(awk '/^LATENCY_P99_MS/ {print $2}' <<<"$out")
secs=$(awk '/^DURATION_S/ {print $2}' <<<"$out")
total_rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")

# Stop cleanly (the dispatcher drains), then count in the database.
kill -TERM "$wd_pid"
wait "$wd_pid" 2>/dev/null || true
wd_pid=
db="$work/data/webdpro.db"
in_db=$(sqlite3 "$db" "SELECT count(*) FROM orders")
oversold=$(sqlite3 "$db" "SELECT coalesce(sum(max(0, sold - $stock)), 0) FROM (SELECT p.product_id,
    (SELECT coalesce(sum(quantity), 0) FROM order_items i WHERE i.product_id = p.product_id) AS sold FROM products p)")
mismatch=$(sqlite3 "$db" "SELECT count(*) FROM products p WHERE stock_quantity != $stock -
    (SELECT coalesce(sum(quantity), 0) FROM order_items i WHERE i.product_id = p.product_id)")
pending=$(sqlite3 "$db" "SELECT count(*) FROM outbox WHERE status != 'DONE'")

read -r raw_rps raw_p99 < <(python3 "$ROOT/bench/orders/raw_sqlite.py" "$work/raw.db" "${duration%s}")

awk -v c="$created" -v s="$secs" 'BEGIN { printf "placed orders/s (201): %.0f (goal >= 3000)\n", c / s }'
echo "all requests/s: $total_rps, p99: $p99 ms (goal <= 20 ms)"
awk -v s="$server_cpu" -v c="$client_cpu" -v n="$created" -v d="$secs" -v cores="$(nproc)" 'BEGIN {
    printf "CPU: server %.2f cores, %.0f us per placed order; client (wrk) %.2f cores; the machine has %d\n",
        s / d, (n > 0 ? s * 1e6 / n : 0), c / d, cores }'
# The single writer bounds the order rate: its CPU per order is the figure that does not depend on
# how busy the machine's disk is today.
awk -v n="$created" 'NR == FNR {before[$1] = $2; next} {used = $2 - before[$1]; if (used > 0.05) printf "  %-15s %5.2f s  %4.0f us per placed order\n", $1, used, (n > 0 ? used * 1e6 / n : 0)}' \
    "$work/threads.before" "$work/threads.after" | sort -k2 -rn | sed '1i CPU by thread (the database writer is the one that cannot be spread over cores):'
echo "responses: 201=$created 409=$conflicts other=$other; orders in the database: $in_db" \
    "(the excess were committed while wrk stopped counting)"
echo "oversold units: $oversold (must be 0); products whose stock != initial - sold: $mismatch"
echo "outbox events not yet DONE at shutdown: $pending"
echo "raw SQLite, one order per transaction (WAL, synchronous=FULL): $raw_rps orders/s, p99 $raw_p99 ms"
[[ $oversold == 0 && $mismatch == 0 && $in_db -ge $created ]]

#!/usr/bin/env bash
# Live tracking on one node: N riders posting a GPS fix every 5 s and M customers holding the live
# tracking stream (server-sent events) open, for a bounded time, against `webdpro serve` (release
# build; BENCH_BIN may name another binary). The load (bench/tracking/load.py) seeds its own shop
# beside the running server. Prints the p99 fix-to-subscriber latency (a fix sent → the stream
# delivering the position it carried), the server's peak RSS, fixes stored per second, and the
# streams opened and refused. Stops by itself.
#   bench/tracking/run.sh [--riders 2000] [--subscribers 10000] [--seconds 60] [--period 5]
# The goal is 2,000 riders / 10,000 subscribers / 60 s with p99 < 200 ms and RSS < 300 MB. The load
# client is one Python process on the same machine: its own scheduling delay is part of the
# latency it measures, so on a small machine run smaller sizes.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

riders=2000
subscribers=10000
seconds=60
period=5
while (($#)); do
    case $1 in
        --riders) riders=$2; shift 2 ;;
        --subscribers) subscribers=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --period) period=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

command -v sqlite3 >/dev/null || { echo "needs sqlite3: scripts/setup.sh --test" >&2; exit 2; }
# Every stream is a socket on both sides.
ulimit -n "$(( subscribers + riders + 1024 > $(ulimit -Hn) ? $(ulimit -Hn) : subscribers + riders + 1024 ))"
build_release webdpro
work=$(mktemp -d)
cleanup() {
    [[ -n ${load_pid:-} ]] && kill "$load_pid" 2>/dev/null || true
    [[ -n ${wd_pid:-} ]] && kill "$wd_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port=$(free_port)
# Request limits would turn a one-machine load into 429s; the stream limits are set to the sizes.
"$(webdpro_bin)" serve --listen "127.0.0.1:$port" --data-dir "$work/data" --set rate_limit.ip_per_min=0 \
    --set rate_limit.principal_per_min=0 --set delivery.live_total=$((subscribers + 100)) \
    --set delivery.live_per_order=$(( (subscribers + riders - 1) / riders + 1 )) \
    >"$work/webdpro.log" 2>&1 &
wd_pid=$!
wait_http "http://127.0.0.1:$port/readyz" 30

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
# CPU seconds (user + system) a process has used so far.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f\n", ($14 + $15) / hz}' "/proc/$1/stat"; }
echo "tracking: $riders riders (a fix every ${period}s), $subscribers live streams, ${seconds}s"
python3 "$ROOT/bench/tracking/load.py" "$port" "$work/data" --riders "$riders" --subscribers "$subscribers" \
    --seconds "$seconds" --period "$period" >"$work/load.out" 2>"$work/load.err" &
load_pid=$!
# Fixes stored are counted from the moment the load starts (after seeding).
until grep -q '^READY' "$work/load.out" 2>/dev/null || ! kill -0 "$load_pid" 2>/dev/null; do sleep 0.2; done
server_cpu_before=$(cpu_seconds "$wd_pid")
fixes_before=$(sqlite3 "$work/data/webdpro.db" "PRAGMA busy_timeout=5000; SELECT count(*) FROM delivery_locations" | tail -1)
started=$(date +%s.%N)
peak=0
client_cpu=0
while kill -0 "$load_pid" 2>/dev/null; do
    now=$(rss_kb "$wd_pid")
    ((now > peak)) && peak=$now
    client_cpu=$(cpu_seconds "$load_pid" 2>/dev/null || echo "$client_cpu")
    sleep 1
done
load_pid=
ended=$(date +%s.%N)
server_cpu=$(awk -v a="$server_cpu_before" -v b="$(cpu_seconds "$wd_pid")" 'BEGIN { printf "%.1f", b - a }')
fixes_after=$(sqlite3 "$work/data/webdpro.db" "PRAGMA busy_timeout=5000; SELECT count(*) FROM delivery_locations" | tail -1)
out=$(cat "$work/load.out")
val() { awk -v k="$1" '$1 == k {print $2}' <<<"$out"; }
if [[ -z $(val LATENCY_P99_MS) ]]; then
    echo "the load failed:" >&2
    cat "$work/load.err" >&2
    exit 1
fi
echo "seeded in $(val SEEDED_S) s"
echo "p99 fix-to-subscriber latency: $(val LATENCY_P99_MS) ms, p50 $(val LATENCY_P50_MS) ms over $(val LATENCY_SAMPLES) deliveries (goal < 200 ms)"
echo "server peak RSS: $((peak / 1024)) MB (goal < 300 MB)"
awk -v a="$fixes_before" -v b="$fixes_after" -v s="$started" -v e="$ended" 'BEGIN {
    printf "fixes stored: %d, %.0f per second over the run\n", b - a, (b - a) / (e - s) }'
awk -v s="$server_cpu" -v c="$client_cpu" -v a="$started" -v e="$ended" -v cores="$(nproc)" 'BEGIN {
    printf "CPU: server %.2f cores, load client %.2f cores (one Python process; at 1.0 it, not the server, sets the latency); the machine has %d\n", s / (e - a), c / (e - a), cores }'
echo "fixes answered 200: $(val FIXES_OK), failed: $(val FIXES_FAILED)"
cat "$work/load.err" >&2
grep -m3 "\"level\":\"error\"" "$work/webdpro.log" >&2 || true
echo "streams open: $(val STREAMS_OPEN) of $subscribers, refused: $(val STREAMS_REFUSED), errors: $(val STREAM_ERRORS); events received: $(val EVENTS)"

#!/usr/bin/env bash
# Time from exec to the first 200 from /readyz on a fresh data dir (migrations included) and on
# an existing one, and the idle resident memory of `webdpro serve`.
#   bench/startup/run.sh [--runs 5]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

runs=5
[[ ${1:-} == --runs ]] && runs=$2
build_release webdpro
work=$(mktemp -d)
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

measure() {  # measure DATA_DIR: starts a server, sets `pid` and `ms` (start to first 200 from /readyz)
    local port start end
    port=$(free_port)
    start=$(date +%s%N)
    "$(webdpro_bin)" serve --listen "127.0.0.1:$port" --data-dir "$1" >"$work/log" 2>&1 &
    pid=$!
    until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz") == 200 ]]; do
        sleep 0.002
    done
    end=$(date +%s%N)
    ms=$(((end - start) / 1000000))
}

fresh=()
warm=()
for ((i = 0; i < runs; i++)); do
    rm -rf "$work/data"
    measure "$work/data"
    fresh+=("$ms")
    kill -TERM "$pid"; wait "$pid" || true
    measure "$work/data"
    warm+=("$ms")
    if ((i < runs - 1)); then
        kill -TERM "$pid"; wait "$pid" || true
    fi
done
sleep 2
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
kill -TERM "$pid"; wait "$pid" || true

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "start to /readyz, fresh data dir (migrations): median $(median "${fresh[@]}") ms over $runs runs (${fresh[*]})"
echo "start to /readyz, existing data dir:           median $(median "${warm[@]}") ms over $runs runs (${warm[*]})"
awk -v kb="$rss_kb" 'BEGIN { printf "idle RSS after 2 s: %.1f MB (goal < 30 MB)\n", kb / 1024 }'
echo "(readiness is polled with curl every ~2 ms; goal < 300 ms)"

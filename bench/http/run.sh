#!/usr/bin/env bash
# wrk against a static web file embedded in `webdpro serve`, and against nginx serving the same
# bytes from disk, in the same run. Prints requests/s and p99 for both, and the ratio.
#   bench/http/run.sh [--path /css/app.css] [--duration 10s] [--connections 64]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

path=/css/app.css
duration=10s
connections=64
while (($#)); do
    case $1 in
        --path) path=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx: scripts/setup.sh --test" >&2; exit 2; }
build_release webdpro
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
    [[ -n ${wd_pid:-} ]] && kill "$wd_pid" 2>/dev/null || true
    [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

wd_port=$(free_port)
# The per-IP request limit (rate_limit.ip_per_min) would turn a one-client load test into 429s.
"$(webdpro_bin)" serve --listen "127.0.0.1:$wd_port" --data-dir "$work/data" --set rate_limit.ip_per_min=0 \
    >"$work/webdpro.log" 2>&1 &
wd_pid=$!
wait_http "http://127.0.0.1:$wd_port/readyz"

# nginx serves exactly the bytes webdpro serves.
mkdir -p "$work/www$(dirname "$path")"
curl -sf "http://127.0.0.1:$wd_port$path" -o "$work/www$path"
size=$(stat -c %s "$work/www$path")
ng_port=$(free_port)
start_nginx "$work" "$ng_port"
wait_http "http://127.0.0.1:$ng_port$path"

echo "file: $path ($size bytes), wrk -t2 -c$connections -d$duration, both servers write an access log"
read -r wd_rps wd_p99 < <(wrk_run "http://127.0.0.1:$wd_port$path" "$duration" "$connections")
read -r ng_rps ng_p99 < <(wrk_run "http://127.0.0.1:$ng_port$path" "$duration" "$connections")
print_comparison "$wd_rps" "$wd_p99" "$ng_rps" "$ng_p99"

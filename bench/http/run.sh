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
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
$( [[ $(id -u) -eq 0 ]] && echo "user root;" )
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    access_log $work/nginx-access.log;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $work/tmp;
    proxy_temp_path $work/tmp;
    fastcgi_temp_path $work/tmp;
    uwsgi_temp_path $work/tmp;
    scgi_temp_path $work/tmp;
    server {
        listen 127.0.0.1:$ng_port;
        root $work/www;
    }
}
CONF
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -e "$work/nginx-error.log"
wait_http "http://127.0.0.1:$ng_port$path"

echo "file: $path ($size bytes), wrk -t2 -c$connections -d$duration, both servers write an access log"
read -r wd_rps wd_p99 < <(wrk_run "http://127.0.0.1:$wd_port$path" "$duration" "$connections")
read -r ng_rps ng_p99 < <(wrk_run "http://127.0.0.1:$ng_port$path" "$duration" "$connections")
printf '%-10s %12s %10s\n' server "requests/s" "p99 ms"
printf '%-10s %12s %10s\n' webdpro "$wd_rps" "$wd_p99"
printf '%-10s %12s %10s\n' nginx "$ng_rps" "$ng_p99"
awk -v a="$wd_rps" -v b="$ng_rps" 'BEGIN { printf "ratio webdpro/nginx: %.2fx (goal >= 1.0x)\n", a / b }'

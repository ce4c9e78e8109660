# Shared helpers for bench/*/run.sh (sourced, not run).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Builds the release binary (skipped when BENCH_BIN names a prebuilt one).
build_release() {
    if [[ -n ${BENCH_BIN:-} ]]; then
        return 0
    fi
    (cd "$ROOT" && cmake --preset release -DWEBDPRO_TESTS=OFF >/dev/null && cmake --build --preset release --target "$@" >/dev/null)
}

webdpro_bin() { echo "${BENCH_BIN:-$ROOT/build/release/src/app/webdpro}"; }

# free_port: asks the kernel for a free loopback port.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_http URL [timeout_s]: polls until URL answers 200.
wait_http() {
    local url=$1 deadline=$((SECONDS + ${2:-15}))
    while ((SECONDS < deadline)); do
        if [[ $(curl -s -o /dev/null -w '%{http_code}' "$url") == 200 ]]; then
            return 0
        fi
        sleep 0.01
    done
    echo "timed out waiting for $url" >&2
    return 1
}

# wrk_run URL DURATION CONNECTIONS [WRK_ARGS...]: prints "<requests/s> <p99 ms>".
wrk_run() {
    local url=$1 duration=$2 connections=$3
    shift 3
    local out rps p99
    out=$(wrk -t2 -c"$connections" -d"$duration" --latency "$@" "$url")
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' <<<"$out")
    echo "$rps $p99"
}

# start_nginx WORK PORT: starts nginx serving WORK/www on 127.0.0.1:PORT with an access log (as
# webdpro writes one), its pid in WORK/nginx.pid for the caller's cleanup.
start_nginx() {
    local work=$1 port=$2
    mkdir -p "$work/tmp"
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
    etag on;
    keepalive_requests 1000000;
    client_body_temp_path $work/tmp;
    proxy_temp_path $work/tmp;
    fastcgi_temp_path $work/tmp;
    uwsgi_temp_path $work/tmp;
    scgi_temp_path $work/tmp;
    server {
        listen 127.0.0.1:$port;
        root $work/www;
    }
}
CONF
    nginx -c "$work/nginx.conf" -e "$work/nginx-error.log"
}

# print_comparison WD_RPS WD_P99 NG_RPS NG_P99: the webdpro / nginx table and their ratio.
print_comparison() {
    printf '%-10s %12s %10s\n' server "requests/s" "p99 ms"
    printf '%-10s %12s %10s\n' webdpro "$1" "$2"
    printf '%-10s %12s %10s\n' nginx "$3" "$4"
    awk -v a="$1" -v b="$3" 'BEGIN { printf "ratio webdpro/nginx: %.2fx (goal >= 1.0x)\n", a / b }'
}

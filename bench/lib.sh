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

# wrk_run URL DURATION CONNECTIONS: prints "<requests/s> <p99 ms>".
wrk_run() {
    local out
    out=$(wrk -t2 -c"$3" -d"$2" --latency "$1")
    local rps p99
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' <<<"$out")
    echo "$rps $p99"
}

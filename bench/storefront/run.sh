#!/usr/bin/env bash
# A published store's home page served by `webdpro serve` (rendered once, from the in-memory site
# cache) against nginx serving the same bytes from disk, in the same run, with wrk. Prints
# requests/s and p99 for both and the ratio (goal >= 1.0x), then the render time of a 200-product
# store (bench/render, goal < 10 ms).
#   bench/storefront/run.sh [--duration 10s] [--connections 64] [--gzip] [--no-render]
# BENCH_BIN=path/to/webdpro and BENCH_RENDER_BIN=path/to/bench_render use prebuilt binaries.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

duration=10s
connections=64
gzip=0
render=1
while (($#)); do
    case $1 in
        --duration) duration=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --gzip) gzip=1; shift ;;
        --no-render) render=0; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx: scripts/setup.sh --test" >&2; exit 2; }
build_release webdpro
bin=$(webdpro_bin)
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
    [[ -n ${wd_pid:-} ]] && kill "$wd_pid" 2>/dev/null || true
    [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# A data dir with its schema, then a published generated store written into it (server stopped).
"$bin" migrate --data-dir "$work/data" >/dev/null
"$bin" generate "Sharma Kirana, fresh vegetables, fruits and daily groceries in Jaipur, phone 9829012345" \
    --spec >"$work/spec.json"
python3 "$ROOT/bench/storefront/seed_store.py" "$work/data/webdpro.db" "$work/spec.json" --slug sharma-kirana >/dev/null

wd_port=$(free_port)
# The per-IP request limit (rate_limit.ip_per_min) would turn a one-client load test into 429s.
"$bin" serve --listen "127.0.0.1:$wd_port" --data-dir "$work/data" --set rate_limit.ip_per_min=0 \
    >"$work/webdpro.log" 2>&1 &
wd_pid=$!
path=/s/sharma-kirana/
wait_http "http://127.0.0.1:$wd_port$path"

# nginx serves exactly the bytes webdpro serves (the identity body; with --gzip, the gzip one).
mkdir -p "$work/www$path"
headers=()
if ((gzip)); then
    headers=(-H 'Accept-Encoding: gzip')
    curl -sf "${headers[@]}" "http://127.0.0.1:$wd_port$path" -o "$work/www${path}index.html.gz"
    cp "$work/www${path}index.html.gz" "$work/www${path}index.html"
else
    curl -sf "http://127.0.0.1:$wd_port$path" -o "$work/www${path}index.html"
fi
size=$(stat -c %s "$work/www${path}index.html")
ng_port=$(free_port)
start_nginx "$work" "$ng_port"
wait_http "http://127.0.0.1:$ng_port$path"

wrk_args=()
((gzip)) && wrk_args=(-H 'Accept-Encoding: gzip')
echo "store home page $path ($size bytes$( ((gzip)) && echo ", gzip")), wrk -t2 -c$connections -d$duration, both servers write an access log"
read -r wd_rps wd_p99 < <(wrk_run "http://127.0.0.1:$wd_port$path" "$duration" "$connections" "${wrk_args[@]}")
read -r ng_rps ng_p99 < <(wrk_run "http://127.0.0.1:$ng_port$path" "$duration" "$connections" "${wrk_args[@]}")
print_comparison "$wd_rps" "$wd_p99" "$ng_rps" "$ng_p99"

if ((render)); then
    echo
    echo "render time of a 200-product store (bench/render):"
    if [[ -n ${BENCH_RENDER_BIN:-} ]]; then
        "$BENCH_RENDER_BIN" --products 200 --runs 100
    else
        BENCH_BIN= "$ROOT/bench/render/run.sh" --products 200 --runs 100
    fi
fi

#!/usr/bin/env bash
# Lighthouse (mobile, the default form factor: Moto G-class CPU and slow 4G throttling) on the home
# and a product page of three generated stores served by `webdpro serve`: a grocery (English), a
# bakery (Hindi) and a clinic (English). Prints performance, accessibility, best-practices and SEO
# scores (goal >= 95 each).
#   bench/lighthouse/run.sh [--keep DIR] [--screenshots DIR]
# --keep writes the JSON reports to DIR; --screenshots saves 360x800 shots of each store's home and
# first product page (bench/lighthouse/screenshots.mjs, playwright-core from tests/e2e).
# Lighthouse comes from npm into bench/lighthouse/node_modules (installed here on first use, never
# at test time); Chromium is Debian's. BENCH_BIN=path/to/webdpro uses a prebuilt binary.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
here=$ROOT/bench/lighthouse

keep=""
shots=""
while (($#)); do
    case $1 in
        --keep) keep=$2; shift 2 ;;
        --screenshots) shots=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
chromium=$(command -v chromium || command -v chromium-browser || true)
[[ -n $chromium ]] || { echo "needs Debian's chromium: scripts/setup.sh --test" >&2; exit 2; }
if [[ ! -x $here/node_modules/.bin/lighthouse ]]; then
    (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
fi
build_release webdpro
bin=$(webdpro_bin)
work=$(mktemp -d)
cleanup() {
    [[ -n ${wd_pid:-} ]] && kill "$wd_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$bin" migrate --data-dir "$work/data" >/dev/null
declare -A descriptions=(
    [sharma-kirana]="Sharma Kirana, fresh vegetables, fruits and daily groceries in Jaipur, phone 9829012345"
    [gupta-bakery]="गुप्ता बेकरी, लखनऊ में ताज़ा केक, ब्रेड और बिस्कुट, फ़ोन 9876543210"
    [care-clinic]="Care Family Clinic, general physician and child specialist consultations in Pune, phone 9822012345"
)
declare -A languages=([sharma-kirana]=en [gupta-bakery]=hi [care-clinic]=en)
stores=(sharma-kirana gupta-bakery care-clinic)
for slug in "${stores[@]}"; do
    "$bin" generate "${descriptions[$slug]}" --language "${languages[$slug]}" --spec >"$work/$slug.json"
    python3 "$ROOT/bench/storefront/seed_store.py" "$work/data/webdpro.db" "$work/$slug.json" --slug "$slug" >/dev/null
done

port=$(free_port)
"$bin" serve --listen "127.0.0.1:$port" --data-dir "$work/data" --set rate_limit.ip_per_min=0 \
    >"$work/webdpro.log" 2>&1 &
wd_pid=$!
wait_http "http://127.0.0.1:$port/readyz"

[[ -n $keep ]] && mkdir -p "$keep"
printf '%-34s %6s %6s %6s %6s\n' page perf a11y bp seo
for slug in "${stores[@]}"; do
    base="http://127.0.0.1:$port/s/$slug/"
    wait_http "$base"
    product=$(curl -sf "$base" | grep -o 'href="p&#x2F;[^"]*"' | head -1 | sed 's/href="//; s/"$//; s/&#x2F;/\//g')
    for page in "" "$product"; do
        report="$work/report.json"
        CHROME_PATH=$chromium "$here/node_modules/.bin/lighthouse" "$base$page" --quiet --output=json \
            --output-path="$report" --only-categories=performance,accessibility,best-practices,seo \
            --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>"$work/lighthouse.log" ||
            { cat "$work/lighthouse.log" >&2; exit 1; }
        [[ -n $keep ]] && cp "$report" "$keep/$slug-${page//\//_}.json"
        node -e '
            const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
            const s = (k) => Math.round(r.categories[k].score * 100);
            const name = process.argv[2];
            console.log(name.padEnd(34) + [s("performance"), s("accessibility"), s("best-practices"), s("seo")]
                .map((v) => String(v).padStart(7)).join(""));
            for (const k of ["performance", "accessibility", "best-practices", "seo"]) {
                for (const ref of r.categories[k].auditRefs) {
                    const a = r.audits[ref.id];
                    if (ref.weight > 0 && a.score !== null && a.score < 0.9) {
                        console.log("    " + k + ": " + a.id + " (" + a.score + ") " + (a.displayValue || ""));
                    }
                }
            }' "$report" "$slug/${page:-index}"
    done
done

if [[ -n $shots ]]; then
    urls=()
    for slug in "${stores[@]}"; do
        urls+=("http://127.0.0.1:$port/s/$slug/")
    done
    node "$here/screenshots.mjs" "$shots" "${urls[@]}"
fi

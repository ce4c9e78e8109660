#!/usr/bin/env bash
# HTML validity of generated stores: runs the real `webdpro generate` for several sectors, both
# languages and every theme (one store mounted under a base path with a canonical root, one from a
# hostile description), then the Nu HTML checker (npm vnu-jar, pinned in tests/e2e/package.json)
# over every page and SVG. Exit 77 (ctest: skipped, said loudly) when Java or the jar is missing,
# unless E2E_REQUIRED=1, where that is a failure.
#
#   tests/html/check.sh path/to/webdpro
set -euo pipefail

bin=${1:?usage: check.sh WEBDPRO_BINARY}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar=${VNU_JAR:-$here/../e2e/node_modules/vnu-jar/build/dist/vnu.jar}

skip() {
    echo "SKIPPED: $*" >&2
    if [[ ${E2E_REQUIRED:-} == 1 ]]; then
        exit 1
    fi
    exit 77
}
command -v java >/dev/null 2>&1 || skip "java not found (scripts/setup.sh --test installs default-jre-headless)"
[[ -f $jar ]] || skip "vnu.jar not found at $jar (run: cd tests/e2e && npm ci)"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

generate() {
    local name=$1
    shift
    "$bin" generate "$@" --out "$out/$name" >/dev/null
}
generate grocery-en "Sharma Kirana, fresh vegetables and groceries in Jaipur, call 9829012345"
generate grocery-hi "शर्मा किराना स्टोर, जयपुर" --language hi
generate pharmacy-en "Apollo Medical Store, 24x7 chemist in Nagpur with home delivery" \
    --base-path /s/apollo-medical-store/ --canonical-root https://apollo.webdpro.in/
generate jewellery-en "Shree Ganesh Jewellers, Surat, gold and silver"
generate restaurant-hi "बाबा का ढाबा, अमृतसर, शुद्ध शाकाहारी खाना" --language hi --theme classic
generate bakery-en "Rajasthan Sweets & Bakers, Udaipur, mithai, namkeen aur birthday cakes" --theme clean
generate hostile-en "<script>alert(1)</script> \"Kirana\" </style> & Sons, Jaipur" --theme bazaar

mapfile -t files < <(find "$out" -name '*.html' -o -name '*.svg' | sort)
pages=$(printf '%s\n' "${files[@]}" | grep -c '\.html$')
images=$(printf '%s\n' "${files[@]}" | grep -c '\.svg$')
if java -jar "$jar" --errors-only --also-check-svg "${files[@]}"; then
    echo "Nu HTML checker: $pages pages and $images SVG files of 7 generated stores are valid"
    echo "1 passed, 0 failed"
else
    echo "Nu HTML checker found errors in the generated stores (above)" >&2
    exit 1
fi

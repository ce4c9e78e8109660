#!/usr/bin/env bash
# Installs every Debian package WebDPro needs to build, run and test.
# Idempotent and non-interactive; run as root on Debian 12 (bookworm).
#   scripts/setup.sh          build + run dependencies
#   scripts/setup.sh --test   also what the test suite and benchmarks need
set -euo pipefail

build_packages=(
    build-essential cmake ninja-build ccache pkg-config git ca-certificates
    libboost-dev nlohmann-json3-dev libsqlite3-dev libpq-dev
    libcurl4-openssl-dev libsodium-dev libssl-dev zlib1g-dev libqrencode-dev
    libtomlplusplus-dev libcli11-dev prometheus-cpp-dev libmstch-dev
    libgtest-dev libgmock-dev libbenchmark-dev libyaml-cpp-dev
    # product photos (src/media): decoders checked by content, WebP encoder
    libjpeg62-turbo-dev libpng-dev libwebp-dev
)
test_packages=(
    sqlite3 python3 curl procps wrk nginx-light
    # the format check (ctest label lint)
    clang-format
    # browser tests (tests/e2e): Debian's Chromium, and a Devanagari font so Hindi pages render
    chromium fonts-noto-ui-core
    # the UPI QR code of an order is decoded in the functional tests (SVG drawn to PNG, then read)
    zbar-tools librsvg2-bin
    # HTML validity of generated stores (tests/html): the Nu HTML checker (npm vnu-jar) runs on Java
    default-jre-headless
    # the Debian package check (scripts/check-package.sh): dpkg-shlibdeps (CPack runs it only
    # where `file` is installed), a throwaway certificate
    dpkg-dev file openssl
    # PostgreSQL tests (ctest label pg): scripts/pg-cluster.sh runs a private cluster with the
    # server's initdb and pg_ctl (the system service is not used); psql for looking around
    postgresql-15 postgresql-client-15
)

want=("${build_packages[@]}")
if [[ "${1:-}" == "--test" ]]; then
    want+=("${test_packages[@]}")
    # Node.js runs the browser tests; keep one that is already installed (e.g. NodeSource's).
    if ! command -v node >/dev/null 2>&1; then
        want+=(nodejs npm)
    fi
fi

missing=()
for pkg in "${want[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if ((${#missing[@]} == 0)); then
    echo "setup: all ${#want[@]} packages present"
    exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    SUDO="sudo"
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"

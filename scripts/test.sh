#!/usr/bin/env bash
# Installs everything the tests need, builds with AddressSanitizer + UBSan, and runs every test:
# unit, functional (the real binary on loopback) and benchmark smoke runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --test
cmake --preset debug >/dev/null
cmake --build --preset debug
ctest --preset debug --parallel 2 --timeout 300

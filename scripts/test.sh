#!/usr/bin/env bash
# Installs everything the tests need, builds with AddressSanitizer + UBSan, and runs every test:
# unit, functional (the real binary on loopback), e2e (Chromium) and benchmark smoke runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --test
# Browser tests: playwright-core as pinned in tests/e2e/package-lock.json. npm runs only when
# node_modules does not match the lock file, so a prepared checkout also works offline.
e2e_lock=$(sha256sum tests/e2e/package-lock.json | cut -d' ' -f1)
if [[ "$(cat tests/e2e/node_modules/.webdpro-lock.sha256 2>/dev/null)" != "$e2e_lock" ]]; then
    (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
    echo "$e2e_lock" > tests/e2e/node_modules/.webdpro-lock.sha256
fi
export E2E_REQUIRED=1  # here a missing browser or package is a failure, not a skip
cmake --preset debug >/dev/null
cmake --build --preset debug
ctest --preset debug --parallel 2 --timeout 300

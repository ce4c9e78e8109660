#!/usr/bin/env bash
# Installs what WebDPro needs, builds it (release), and runs `webdpro serve` on its embedded
# defaults: SQLite in ./data, rule-based AI, SMS codes written to data/outbox/sms.jsonl.
# Extra arguments go to `webdpro serve` (e.g. --listen 0.0.0.0:8080).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake --preset release -DWEBDPRO_TESTS=OFF -DWEBDPRO_BENCH=OFF >/dev/null
cmake --build --preset release --target webdpro
exec build/release/src/app/webdpro serve "$@"

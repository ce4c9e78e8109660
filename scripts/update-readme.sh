#!/usr/bin/env bash
# Rewrites the configuration table in README.md from `webdpro config` (the binary's own key
# table). A functional test fails when the README is out of date.
#   scripts/update-readme.sh [path/to/webdpro]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/debug/src/app/webdpro}
table=$("$bin" config)
python3 - "$table" <<'PY'
import re, sys
table = sys.argv[1].rstrip("\n")
text = open("README.md", encoding="utf-8").read()
begin, end = "<!-- config-keys:begin -->", "<!-- config-keys:end -->"
new = re.sub(re.escape(begin) + r".*?" + re.escape(end), begin + "\n" + table + "\n" + end, text, flags=re.S)
open("README.md", "w", encoding="utf-8").write(new)
PY
echo "README.md configuration table updated"

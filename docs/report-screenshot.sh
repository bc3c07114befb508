#!/usr/bin/env bash
# Makes docs/report.png: a run over samples/ (every image audited), its report.html in headless Chromium.
# Needs target/optimizr (mvn -B -DskipTests package) and chromium (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/optimizr -input samples -output "$work/out" -audit all -quiet >/dev/null
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
  --window-size=900,1500 --screenshot="$PWD/docs/report.png" "file://$work/out/report.html" 2>/dev/null
echo "docs/report.png: $(stat -c %s docs/report.png) bytes"

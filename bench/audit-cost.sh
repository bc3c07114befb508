#!/usr/bin/env bash
# The quality audit's cost: the same corpus converted with -audit off and with the default sample, into fresh
# outputs; prints wall time, the audit's time summed over workers and its share of the workers' time.
# Usage: bench/audit-cost.sh [CORPUS] [extra optimizr flags...]   (default corpus: /work/corpus-real)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-/work/corpus-real}
shift || true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for mode in off sample; do
  ./target/optimizr -input "$corpus" -output "$work/$mode" -audit "$mode" -quiet "$@" >/dev/null || true
  jq -r --arg mode "$mode" '[$mode, .processed_files, .duration_seconds, .audit_count, .audit_seconds,
      (.avg_processing_time_ms * .processed_files / 1000 | . * 10 | round / 10),
      (if .audit_seconds > 0 then (100 * .audit_seconds / (.avg_processing_time_ms * .processed_files / 1000)
        | . * 100 | round / 100) else 0 end)] | @tsv' "$work/$mode/summary.json"
done | (printf 'audit\tfiles\twall_s\taudited\taudit_s\tworker_s\taudit_share_%%\n'; cat) | column -t

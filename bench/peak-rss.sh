#!/usr/bin/env bash
# Peak resident memory of target/optimizr with default flags (plus EXTRA) on one corpus, for several JVM
# option sets in turn (the order rotated per round): /usr/bin/time -v's "Maximum resident set size".
#
#   bench/peak-rss.sh CORPUS_DIR [TSV]        (default TSV: bench/results/YYYY-MM/peak-rss.tsv)
#
# Env: WORKERS (default 3), ROUNDS (default 3), EXTRA (more optimizr flags, e.g. "-png lossy"),
#      VARIANTS: OPTIMIZR_JAVA_OPTS values separated by ';', "" being the launcher's own heap policy
#      (default: just that), or an environment variable NAME=VALUE (e.g. MALLOC_ARENA_MAX=1);
#      OPTIMIZR: the executable (default target/optimizr; a copy keeps a rebuild from replacing it mid-run).
#      Wall time is recorded but is only meaningful on a quiet machine.
set -euo pipefail
[[ $# -ge 1 && -d "$1" ]] || { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(cd "$1" && pwd)
tsv=${2:-${RESULTS_DIR:-$here/bench/results/$(date -u +%Y-%m)}/peak-rss.tsv}
work=${WORK:-/tmp/optimizr-peak-rss}
IFS=';' read -r -a variants <<< "${VARIANTS:-}"
[[ ${#variants[@]} -gt 0 ]] || variants=("")
mkdir -p "$(dirname "$tsv")"
[[ -s "$tsv" ]] || printf 'date\tcorpus\tworkers\tround\tjava_opts\twall_s\tpeak_rss_mb\tconverted\tfailed\trc\tcpu_s\n' > "$tsv"
n=${#variants[@]}
for ((r = 0; r < ${ROUNDS:-3}; r++)); do
  for ((k = 0; k < n; k++)); do
    v=$(echo "${variants[$(((r + k) % n))]}" | xargs)   # trim
    rm -rf "$work" && mkdir -p "$work"
    rc=0
    # shellcheck disable=SC2086
    # a variant NAME=VALUE (capitals) is an environment variable, e.g. MALLOC_ARENA_MAX=1; else JVM options
    if [[ "$v" =~ ^[A-Z_]+= ]]; then set_env=("$v"); else set_env=(${v:+OPTIMIZR_JAVA_OPTS="$v"}); fi
    env "${set_env[@]}" /usr/bin/time -v -o "$work.time" "${OPTIMIZR:-$here/target/optimizr}" -input "$corpus" \
      -output "$work/out" -workers "${WORKERS:-3}" -quiet ${EXTRA:-} > /dev/null 2> "$work.err" || rc=$?
    rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work.time")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work.time")
    cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { print s }' "$work.time")
    counts=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["processed_files"], s["failed_files"], sep="\t")' \
      "$work/out/summary.json" 2>/dev/null || printf -- '-\t-')
    line=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$(date -u +%FT%TZ)" "$(basename "$corpus")" "${WORKERS:-3}" \
      "$((r + 1))" "${v:-(launcher defaults)}" "$wall" "$((rss_kb / 1024))" "$counts" "$rc" "$cpu")
    echo "$line" >> "$tsv"; echo "$line" >&2
  done
done
rm -rf "$work" "$work.time" "$work.err"

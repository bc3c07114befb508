#!/usr/bin/env bash
# Same-run A/B of JVM flag sets for the launcher: target/optimizr -workers W -quality 80 -png lossy on one
# corpus with OPTIMIZR_JAVA_OPTS set to each variant in turn, ROUNDS rounds, the order rotated per round.
#
#   bench/jvm-flags.sh CORPUS_DIR [TSV]        (default TSV: bench/results/YYYY-MM/jvm-flags.tsv, or $RESULTS_DIR/…)
#
# Env: WORKERS (default 3), ROUNDS (default 1), VARIANTS: flag sets separated by ';' ("" is the launcher's
#      defaults), default "; -XX:+UseSerialGC; -Xmx1g; -XX:+UseSerialGC -Xmx1g". A variant that starts with
#      "java-jar" runs `java FLAGS -jar target/optimizr` instead, without the launcher's memory defaults
#      (its heap limit, malloc settings and NIO buffer cap), i.e. the JVM's own defaults.
set -euo pipefail
[[ $# -ge 1 && -d "$1" ]] || { sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(cd "$1" && pwd)
tsv=${2:-${RESULTS_DIR:-$here/bench/results/$(date -u +%Y-%m)}/jvm-flags.tsv}
work=${WORK:-/tmp/optimizr-jvm-flags}
IFS=';' read -r -a variants <<< "${VARIANTS:-; -XX:+UseSerialGC; -Xmx1g; -XX:+UseSerialGC -Xmx1g}"
mkdir -p "$(dirname "$tsv")"
[[ -s "$tsv" ]] || printf 'date\tcorpus\tworkers\tround\tjava_opts\twall_s\tcpu_s\tpeak_rss_mb\tpeak_tree_rss_mb\trc\n' > "$tsv"
find "$corpus" -type f -exec cat {} + > /dev/null
n=${#variants[@]}
for ((r = 0; r < ${ROUNDS:-1}; r++)); do
  for ((k = 0; k < n; k++)); do
    v=$(echo "${variants[$(((r + k) % n))]}" | xargs)   # trim
    rm -rf "$work" && mkdir -p "$work"
    if [[ "$v" == java-jar* ]]; then
      launch=(java ${v#java-jar} -jar "$here/target/optimizr")
    else
      launch=(env OPTIMIZR_JAVA_OPTS="$v" "$here/target/optimizr")
    fi
    m=$(python3 "$here/bench/measure.py" -- "${launch[@]}" -input "$corpus" \
      -output "$work" -workers "${WORKERS:-3}" -quality 80 -png lossy -keep-extension -quiet -force)
    line=$(printf '%s\t%s\t%s\t%s\t%s\t%s' "$(date -u +%FT%TZ)" "$(basename "$corpus")" "${WORKERS:-3}" "$((r + 1))" "${v:-(launcher defaults)}" "$m")
    echo "$line" >> "$tsv"; echo "$line" >&2
  done
done
rm -rf "$work"

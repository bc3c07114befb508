#!/usr/bin/env bash
# Worker scaling: optimizr -workers W for W = 1 2 3 4 6 8 and auto, pinned to one CPU (taskset -c 0, like
# docker --cpus=1) and on all CPUs, alternating; throughput and peak RSS per run to a TSV (workers: the count
# the run used, read from its summary.json; flag: what -workers said), plotted by bench/worker-scaling.gp to
# docs/worker-scaling.png.
#
#   bench/worker-scaling.sh CORPUS_DIR [TSV]      (default TSV: bench/results/YYYY-MM/worker-scaling.tsv)
#
# Flags as in bench/compare.sh's optimizr-lossy (-quality 80 -png lossy -audit off: on a 73-file subset the
# audit's 50-image minimum would score two images in three), launcher's default JVM settings.
# Env: WORKER_COUNTS (default "1 2 3 4 6 8 auto"), ROUNDS (default 1), WORK (default /tmp/optimizr-scaling),
#      EVERY=K: use only every K-th input (sorted paths, first one kept), hard-linked into WORK.corpus
#      (BENCHMARKS.md: EVERY=5 on the real corpus, 73 files, so that 12 runs fit in a few minutes)
set -euo pipefail
[[ $# -ge 1 && -d "$1" ]] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(cd "$1" && pwd)
work=${WORK:-/tmp/optimizr-scaling}
if [[ -n "${EVERY:-}" ]]; then
  sub=$work.corpus
  rm -rf "$sub" && mkdir -p "$sub"
  find "$corpus" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' \) | sort | awk -v k="$EVERY" 'NR % k == 1' |
    while IFS= read -r f; do i=$((${i:-0} + 1)); ln -f "$f" "$sub/$(printf %03d "$i").${f##*.}"; done
  corpus=$sub
fi
tsv=${2:-${RESULTS_DIR:-$here/bench/results/$(date -u +%Y-%m)}/worker-scaling.tsv}
all=$(nproc)
read -r files bytes < <(find "$corpus" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' \) -printf '%s\n' | awk '{n++; s+=$1} END {print n, s}')
mkdir -p "$(dirname "$tsv")"
printf 'date\tcorpus\tcpus\tworkers\tround\tfiles\twall_s\tcpu_s\tpeak_rss_mb\timages_per_s\tinput_mb_per_s\tflag\n' > "$tsv"
find "$corpus" -type f -exec cat {} + > /dev/null
# Class-data sharing as users have it: the first run of a build writes the archive as it exits (seconds of
# CPU on one core), and a run a minute later adopts it; without this the first points would pay for it.
rm -rf "$work" && "$here/target/optimizr" -input "$corpus" -output "$work" -quiet -force > /dev/null
sleep 61 && "$here/target/optimizr" -version > /dev/null
for ((r = 1; r <= ${ROUNDS:-1}; r++)); do
  for w in ${WORKER_COUNTS:-1 2 3 4 6 8 auto}; do
    for cpus in 1 "$all"; do
      rm -rf "$work" && mkdir -p "$work"
      read -r wall cpu rss _ rc < <(python3 "$here/bench/measure.py" -- taskset -c "0-$((cpus - 1))" \
        "$here/target/optimizr" -input "$corpus" -output "$work" -workers "$w" -quality 80 -png lossy -audit off -quiet -force)
      [[ "$rc" == 0 ]] || echo "worker-scaling.sh: exit $rc at cpus=$cpus workers=$w" >&2
      used=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["workers"])' "$work/summary.json")
      line=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t%.2f\t%s' "$(date -u +%FT%TZ)" "$(basename "$corpus")" \
        "$cpus" "$used" "$r" "$files" "$wall" "$cpu" "$rss" "$(echo "$files / $wall" | bc -l)" \
        "$(echo "$bytes / 1048576 / $wall" | bc -l)" "$w")
      echo "$line" >> "$tsv"; echo "$line" >&2
    done
  done
done
rm -rf "$work"
gnuplot -e "tsv='$tsv'; out='$here/docs/worker-scaling.png'" "$here/bench/worker-scaling.gp"

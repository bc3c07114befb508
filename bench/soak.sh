#!/usr/bin/env bash
# Soak and incremental benchmark: N generated small images (default 100000), one full run with resident
# memory sampled every 5 s, then an unchanged re-run. Prints the numbers BENCHMARKS.md quotes.
# usage: bench/soak.sh [COUNT] [WORKDIR]     (needs target/optimizr: mvn -B -DskipTests package)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-100000}
work=${2:-/tmp/optimizr-soak}
bin="$here/target/optimizr"
mkdir -p "$work"
if [ ! -f "$work/in.done.$count" ]; then
  rm -rf "$work/in"
  python3 "$here/bench/gen-images.py" "$work/in" "$count"
  touch "$work/in.done.$count"
fi
rm -rf "$work/out"
rss="$work/rss.tsv"
echo -e "seconds\trss_mb\tthreads\tfds" > "$rss"
start=$(date +%s.%N)
/usr/bin/time -f "%e s wall, %U s user, %S s sys" -o "$work/full.time" "$bin" -input "$work/in" -output "$work/out" -quiet -sample-interval 5s > "$work/full.log" 2>&1 &
launcher=$!
sleep 1
pid=$(pgrep -P "$launcher" java || echo "$launcher")
while kill -0 "$launcher" 2>/dev/null; do
  if [ -r "/proc/$pid/status" ]; then
    t=$(echo "$(date +%s.%N) - $start" | bc)
    kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    th=$(awk '/Threads/ {print $2}' "/proc/$pid/status")
    fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
    printf "%.0f\t%d\t%s\t%s\n" "$t" $((kb / 1024)) "$th" "$fds" >> "$rss"
  fi
  sleep 5
done
wait "$launcher" || true
full=$(echo "$(date +%s.%N) - $start" | bc)
s2=$(date +%s.%N)
cp "$work/out/summary.json" "$work/full-summary.json"
/usr/bin/time -f "%e s wall, %U s user, %S s sys" -o "$work/rerun.time" "$bin" -input "$work/in" -output "$work/out" -quiet > "$work/rerun.log" 2>&1 || true
rerun=$(echo "$(date +%s.%N) - $s2" | bc)
echo "full run: $(tail -3 "$work/full.log" | head -1) ($(cat "$work/full.time"))"
echo "full run wall: ${full}s; unchanged re-run wall: ${rerun}s; ratio: $(echo "scale=4; $rerun / $full * 100" | bc) %"
echo "re-run: $(tail -3 "$work/rerun.log" | head -1) ($(cat "$work/rerun.time"))"
echo "full run CPU: $(jq .process_cpu_seconds "$work/full-summary.json") s (process), memory_stable $(jq .memory_stable "$work/full-summary.json")"
awk -F'\t' 'NR>1 {n++; if (n==1) first=$2; last=$2; if ($2>max) max=$2; if (n==int(n)) {}}
  END {printf "RSS samples %d: first %d MB, last %d MB, max %d MB\n", n, first, last, max}' "$rss"
awk -F'\t' 'NR>1 {print $3, $4}' "$rss" | sort -u | tail -3 | sed 's/^/threads fds: /'
echo "samples: $rss"

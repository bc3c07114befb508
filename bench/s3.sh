#!/usr/bin/env bash
# Object storage benchmark: one corpus converted at default settings from local disk to local disk, from and to
# S3Proxy on loopback (bucket to bucket), and the same through a proxy adding 50 ms to every request.
# S3Proxy runs from the test classpath with a filesystem backend; the corpus is copied into its bucket folder.
# usage: bench/s3.sh [CORPUS] [WORKDIR] [RUNS]   (needs target/optimizr and test classes: mvn -B package)
# Each run records optimizr's wall time, peak RSS and CPU, and the CPU the store and the proxy used meanwhile
# (they share the machine's cores with the conversion). STORE_NICE=N starts both at nice N, to see the run as
# if the store were on another machine (needs /proc/sys/kernel/sched_autogroup_enabled = 0 for nice to count).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-/work/corpus-real}
work=${2:-/tmp/optimizr-s3-bench}
runs=${3:-3}
delay_ms=${DELAY_MS:-50}
bin="$here/target/optimizr"
month=$(date -u +%Y-%m)
results=${RESULTS_DIR:-$here/bench/results/$month}
mkdir -p "$work" "$results"
out_file="$results/s3-latency-$(date -u +%dT%H%M).txt" # day and time the set started

cp_file="$work/classpath"
(cd "$here" && mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null)
cp="$here/target/test-classes:$here/target/classes:$(cat "$cp_file")"

# The bucket "bench" holds the corpus under in/: S3Proxy's filesystem backend serves files as objects.
store="$work/store"
rm -rf "$store" && mkdir -p "$store/bench/in"
cp -r "$corpus"/. "$store/bench/in/"
port=19900
proxy_port=19901
store_nice=${STORE_NICE:-0}
nice -n "$store_nice" java -cp "$cp" dev.optimizr.io.s3.S3ProxyServer "$store" "$port" > "$work/s3proxy.log" 2>&1 &
s3proxy=$!
nice -n "$store_nice" java -cp "$cp" dev.optimizr.io.s3.FaultyProxy "$proxy_port" "$port" "$delay_ms" > "$work/proxy.log" 2>&1 &
proxy=$!
trap 'kill $s3proxy $proxy 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "s3proxy on" "$work/s3proxy.log" && break; sleep 0.2; done

export AWS_ACCESS_KEY_ID=optimizr-test AWS_SECRET_ACCESS_KEY=optimizr-test-secret AWS_REGION=us-east-1

ticks() { # user+system CPU of the store and the proxy so far, in clock ticks
  awk '{ t += $14 + $15 } END { print t }' "/proc/$s3proxy/stat" "/proc/$proxy/stat"
}

run() { # name, then optimizr's arguments; prints "name wall_s peak_rss_mb cpu_s store_cpu_s"
  local name=$1; shift
  local t0 t1 s0 s1
  s0=$(ticks)
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M %U %S" -o "$work/$name.rss" "$bin" "$@" -quiet > "$work/$name.log" 2>&1 || {
    echo "$name failed: $(tail -3 "$work/$name.log")" >&2; exit 1; }
  t1=$(date +%s.%N)
  s1=$(ticks)
  read -r rss user sys < "$work/$name.rss"
  printf "%s %.2f %d %.1f %.1f\n" "$name" "$(echo "$t1 - $t0" | bc)" "$(( rss / 1024 ))" \
    "$(echo "$user + $sys" | bc)" "$(echo "($s1 - $s0) / $(getconf CLK_TCK)" | bc -l)"
}

{
  echo "# $(date -u +%FT%TZ) $(nproc) CPUs; corpus $corpus ($(find "$corpus" -type f | wc -l) files, $(du -sh "$corpus" | cut -f1)); defaults (-workers 3, -s3-concurrency 8, -s3-buffer-mb 64); +${delay_ms} ms per request through the proxy; store and proxy at nice $store_nice"
  echo "# name wall_seconds peak_rss_mb cpu_seconds store_cpu_seconds"
  one() { # one configuration, on an empty output
    rm -rf "$work/local-out" "$store/bench/out" "$work/wd"
    case $1 in
      local) run local -input "$corpus" -output "$work/local-out" ;;
      s3-loopback) run s3-loopback -input s3://bench/in/ -output s3://bench/out/ \
        -s3-endpoint "http://127.0.0.1:$port" -s3-work-dir "$work/wd" ;;
      s3-50ms) run s3-50ms -input s3://bench/in/ -output s3://bench/out/ \
        -s3-endpoint "http://127.0.0.1:$proxy_port" -s3-work-dir "$work/wd" ;;
    esac
  }
  configs=(local s3-loopback s3-50ms)
  for i in $(seq "$runs"); do # round i starts with configuration i (mod 3): none always runs first
    for j in 0 1 2; do one "${configs[$(( (i - 1 + j) % 3 ))]}"; done
  done
} | tee "$out_file"
# Median wall time of each configuration, and its largest peak RSS.
python3 - "$out_file" <<'PY' | tee -a "$out_file"
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    if line.strip() and not line.startswith("#"):
        name, wall, rss, cpu, store = line.split()[:5]
        runs.setdefault(name, []).append((float(wall), int(rss), float(cpu), float(store)))
local = statistics.median(r[0] for r in runs["local"])
for name, rs in sorted(runs.items()):
    med = statistics.median(r[0] for r in rs)
    print(f"# {name:12s} median {med:.2f} s over {len(rs)} runs ({med / local:.2f}x local), peak RSS "
          f"{max(r[1] for r in rs)} MB, CPU {statistics.median(r[2] for r in rs):.1f} s, store and proxy CPU "
          f"{statistics.median(r[3] for r in rs):.1f} s")
PY

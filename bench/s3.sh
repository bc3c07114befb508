#!/usr/bin/env bash
# Object storage benchmark: one corpus converted at default settings from local disk to local disk, from and to
# S3Proxy on loopback (bucket to bucket), and the same through a proxy adding 50 ms to every request.
# S3Proxy runs from the test classpath with a filesystem backend; the corpus is copied into its bucket folder.
# usage: bench/s3.sh [CORPUS] [WORKDIR] [RUNS]   (needs target/optimizr and test classes: mvn -B package)
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
out_file="$results/s3-latency.txt"

cp_file="$work/classpath"
(cd "$here" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null)
cp="$here/target/test-classes:$here/target/classes:$(cat "$cp_file")"

# The bucket "bench" holds the corpus under in/: S3Proxy's filesystem backend serves files as objects.
store="$work/store"
rm -rf "$store" && mkdir -p "$store/bench/in"
cp -r "$corpus"/. "$store/bench/in/"
port=19900
proxy_port=19901
java -cp "$cp" dev.optimizr.io.s3.S3ProxyServer "$store" "$port" > "$work/s3proxy.log" 2>&1 &
s3proxy=$!
java -cp "$cp" dev.optimizr.io.s3.FaultyProxy "$proxy_port" "$port" "$delay_ms" > "$work/proxy.log" 2>&1 &
proxy=$!
trap 'kill $s3proxy $proxy 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "s3proxy on" "$work/s3proxy.log" && break; sleep 0.2; done

export AWS_ACCESS_KEY_ID=optimizr-test AWS_SECRET_ACCESS_KEY=optimizr-test-secret AWS_REGION=us-east-1

run() { # name, then optimizr's arguments; prints "name wall_s"
  local name=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/$name.rss" "$bin" "$@" -quiet > "$work/$name.log" 2>&1 || {
    echo "$name failed: $(tail -3 "$work/$name.log")" >&2; exit 1; }
  t1=$(date +%s.%N)
  printf "%s %.2f %d\n" "$name" "$(echo "$t1 - $t0" | bc)" "$(( $(cat "$work/$name.rss") / 1024 ))"
}

{
  echo "# $(date -u +%FT%TZ) $(nproc) CPUs; corpus $corpus ($(find "$corpus" -type f | wc -l) files, $(du -sh "$corpus" | cut -f1)); defaults (-workers 3, -s3-concurrency 8, -s3-buffer-mb 64); +${delay_ms} ms per request through the proxy"
  echo "# name wall_seconds peak_rss_mb"
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
        name, wall, rss = line.split()
        runs.setdefault(name, []).append((float(wall), int(rss)))
local = statistics.median(w for w, _ in runs["local"])
for name, rs in sorted(runs.items()):
    med = statistics.median(w for w, _ in rs)
    print(f"# {name:12s} median {med:.2f} s over {len(rs)} runs ({med / local:.2f}x local), peak RSS {max(r for _, r in rs)} MB")
PY

#!/usr/bin/env bash
# A bucket of many small folders (an image library's 2019/05/12/… layout) converted bucket to bucket through a
# proxy adding 50 ms to every request: how long the walk's listings keep the run waiting. Each listed binary runs
# in turn, ROUNDS times, on an empty output; prints "name wall_seconds" per run, then the medians.
# usage: bench/s3-folders.sh [FOLDERS] [WORKDIR]   (needs target/optimizr and test classes: mvn -B package)
#   BINS="name:path …" compares builds (default: this one); ROUNDS=3; DELAY_MS=50
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
folders=${1:-1000}
work=${2:-/tmp/optimizr-s3-folders}
rounds=${ROUNDS:-3}
delay_ms=${DELAY_MS:-50}
bins=${BINS:-"optimizr:$here/target/optimizr"}
mkdir -p "$work"

cp_file="$work/classpath"
(cd "$here" && mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null)
cp="$here/target/test-classes:$here/target/classes:$(cat "$cp_file")"

# The bucket "bench" holds in/yYY/dNN/photo.jpg: folders/25 year folders of 25 leaf folders, one 160x120 JPEG each.
store="$work/store"
rm -rf "$store" && mkdir -p "$store/bench/in"
convert -size 160x120 plasma:fractal -seed 7 "$work/photo.jpg" 2>/dev/null || convert -size 160x120 xc:gray "$work/photo.jpg"
for ((i = 0; i < folders; i++)); do
  d="$store/bench/in/y$(printf %02d $((i / 25)))/d$(printf %02d $((i % 25)))"
  mkdir -p "$d" && cp "$work/photo.jpg" "$d/photo.jpg"
done
port=19910
proxy_port=19911
java -cp "$cp" dev.optimizr.io.s3.S3ProxyServer "$store" "$port" > "$work/s3proxy.log" 2>&1 &
s3proxy=$!
java -cp "$cp" dev.optimizr.io.s3.FaultyProxy "$proxy_port" "$port" "$delay_ms" > "$work/proxy.log" 2>&1 &
proxy=$!
trap 'kill $s3proxy $proxy 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "s3proxy on" "$work/s3proxy.log" && break; sleep 0.2; done
export AWS_ACCESS_KEY_ID=optimizr-test AWS_SECRET_ACCESS_KEY=optimizr-test-secret AWS_REGION=us-east-1

out_file="$work/results.txt" # copy it to bench/results/YYYY-MM/s3-folders-DDTHHMM.txt to keep it
{
  echo "# $(date -u +%FT%TZ) $(nproc) CPUs; $folders leaf folders of one JPEG each, bucket to bucket, +${delay_ms} ms per request"
  for i in $(seq "$rounds"); do
    for b in $bins; do
      name=${b%%:*}
      bin=${b#*:}
      rm -rf "$store/bench/out" "$work/wd"
      t0=$(date +%s.%N)
      "$bin" -input s3://bench/in/ -output s3://bench/out/ -s3-endpoint "http://127.0.0.1:$proxy_port" \
        -s3-work-dir "$work/wd" -quiet > "$work/$name.log" 2>&1 || { echo "$name failed: $(tail -3 "$work/$name.log")" >&2; exit 1; }
      t1=$(date +%s.%N)
      printf "%s %.2f\n" "$name" "$(echo "$t1 - $t0" | bc)"
    done
  done
} | tee "$out_file"
python3 - "$out_file" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    if line.strip() and not line.startswith("#"):
        name, wall = line.split()[:2]
        runs.setdefault(name, []).append(float(wall))
for name, ws in runs.items():
    print(f"# {name:12s} median {statistics.median(ws):.2f} s over {len(ws)} runs")
PY

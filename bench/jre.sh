#!/usr/bin/env bash
# Which Java decodes JPEGs faster: the same target/optimizr on two JREs, alternating, on a JPEG corpus.
#
#   bench/jre.sh CORPUS [ROUNDS] [JAVA_HOME_A] [JAVA_HOME_B]
#
# Defaults: Debian's OpenJDK 17 (its libjavajpeg links the system libjpeg-turbo) against Temurin 25 (its
# libjavajpeg carries IJG libjpeg 6b), -workers 2 -quality 80 -png lossy, ROUNDS=3, round r starting with the
# JRE r mod 2. Prints per run: JRE, wall s, user+sys CPU s, and the decode stage's total from summary.json;
# then the medians.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:?usage: bench/jre.sh CORPUS [ROUNDS] [JAVA_HOME_A] [JAVA_HOME_B]}
rounds=${2:-3}
jres=("${3:-/usr/lib/jvm/java-17-openjdk-amd64}" "${4:-/usr/lib/jvm/temurin-25-jdk-amd64}")
bin=$here/target/optimizr
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
find "$corpus" -type f -exec cat {} + > /dev/null
{
  for ((r = 0; r < rounds; r++)); do
    for k in 0 1; do
      jre=${jres[$(((r + k) % 2))]}
      rm -rf "$work/out"
      JAVA_HOME=$jre OPTIMIZR_CDS=off /usr/bin/time -o "$work/time" -f "%e %U %S" "$bin" -input "$corpus" \
        -output "$work/out" -workers 2 -quality 80 -png lossy -quiet > /dev/null 2>&1
      t=$(tail -1 "$work/time")
      decode=$(python3 -c 'import json,sys; print(next(s["total_ms"] for s in json.load(open(sys.argv[1]))["stages"] if s["stage"] == "decode") / 1000)' "$work/out/summary.json")
      echo "$(basename "$jre") $t $decode" | awk '{ printf "%s %.2f %.2f %.2f\n", $1, $2, $3 + $4, $5 }'
    done
  done
} | tee "$work/runs"
echo "# medians over $rounds rounds: wall s, user+sys CPU s, decode stage s"
python3 - "$work/runs" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    jre, *v = line.split()
    runs.setdefault(jre, []).append([float(x) for x in v])
for jre, rs in runs.items():
    print(f"{jre:28s} wall {statistics.median(r[0] for r in rs):.2f}  cpu {statistics.median(r[1] for r in rs):.2f}"
          f"  decode {statistics.median(r[2] for r in rs):.2f}")
PY

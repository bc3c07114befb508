#!/bin/sh
# The migration record at scale (BENCHMARKS.md, "Migration record").
#
#   bench/record.sh synthetic N   a record of N entries (imported from a generated .optimizr-state journal),
#                                 then runs that each convert the 6 sample images: start-up and peak RSS vs N
#   bench/record.sh tree N        a tree of N small JPEGs (hard links of 4 files' copies, 1,000 per directory): first
#                                 run, then an unchanged re-run against `find` over both trees and JVM start
#
# Environment: OPTIMIZR (default target/optimizr), WORK (default /tmp/optimizr-record-bench), and
# OPTIMIZR_JAVA_OPTS as for the launcher (e.g. -Xmx40m). Prints tab-separated lines: case, what, seconds, peak RSS MB.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
optimizr=${OPTIMIZR:-$here/../target/optimizr}
work=${WORK:-/tmp/optimizr-record-bench}
mode=$1
n=$2

# Runs "$@" under /usr/bin/time; prints "label<TAB>seconds<TAB>peak RSS MB".
measure() {
  label=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" > "$work/last.log" 2>&1 || true
  read -r secs kb < "$work/time.txt"
  printf '%s\t%s\t%s\t%d\n' "$mode-$n" "$label" "$secs" $((kb / 1024))
}

mkdir -p "$work"
case $mode in
  synthetic)
    in=$work/in-new; out=$work/out-synthetic-$n
    rm -rf "$in" "$out"; mkdir -p "$in/new" "$out"
    cp "$here"/../samples/*.jpg "$here"/../samples/*.png "$in/new/" 2>/dev/null || true
    python3 "$here/record-journal.py" "$n" "q80 m4 png-auto" > "$out/.optimizr-state"
    measure "import run (journal of $n entries, 6 new images)" "$optimizr" -input "$in" -output "$out" -quiet
    grep -h "imported\|Error\|error" "$work/last.log" | head -3 >&2 || true
    for i in 1 2 3; do
      rm -rf "$out/new"
      measure "run $i (record of $n entries, 6 new images)" "$optimizr" -input "$in" -output "$out" -quiet
    done
    ls -l "$out/.optimizr/record.db" | awk '{ printf "record.db: %.1f MB\n", $5 / 1048576 }' >&2
    ;;
  tree)
    in=$work/in-tree-$n; out=$work/out-tree-$n
    if [ ! -f "$in/.complete" ]; then
      rm -rf "$in"; mkdir -p "$in/seed"
      # four small JPEGs of the test corpus (0.7-1.2 KB); every tree file is a hard link to one of them
      k=0
      for f in wuffs/hippopotamus.jpeg wuffs/peacock.progressive.scan001.jpeg \
          wuffs/peacock.progressive.scan002.jpeg wuffs/peacock.progressive.scan003.jpeg; do
        cp "$here/../src/test/resources/edge/$f" "$in/seed/s$k.jpg"
        k=$((k + 1))
      done
      # hard links made from Python: one process, not one `ln` per file (a million forks take ~20 minutes);
      # ext4 allows 65,000 links per inode, so each seed is copied once per 60,000 files it stands for
      python3 - "$in" "$n" <<'PY'
import os, shutil, sys
root, n = sys.argv[1], int(sys.argv[2])
copies = max(1, -(-n // (4 * 60000)))
seeds = []
for c in range(copies):
    for k in range(4):
        seed = f"{root}/seed/s{k}.jpg"
        if c:
            seed = f"{root}/seed/s{k}-{c}.jpg"
            shutil.copy(f"{root}/seed/s{k}.jpg", seed)
        seeds.append(seed)
for i in range(n):
    d = f"{root}/d{i // 1000 // 100}/d{i // 1000}"
    if i % 1000 == 0:
        os.makedirs(d, exist_ok=True)
    os.link(seeds[i % len(seeds)], f"{d}/IMG_{i}.jpg")
PY
      mv "$in/seed" "$work/seed-$n"
      touch "$in/.complete"
    fi
    rm -rf "$out"
    measure "first run" "$optimizr" -input "$in" -output "$out" -quiet
    tail -3 "$work/last.log" >&2
    measure "unchanged re-run" "$optimizr" -input "$in" -output "$out" -quiet
    tail -3 "$work/last.log" >&2
    measure "unchanged re-run (progress counter on, as at a terminal or in a log)" "$optimizr" -input "$in" \
      -output "$out" --progress-interval 1h
    sync
    measure "find IN -printf '%s %T@'" find "$in" -printf '%s %T@\n'
    measure "find OUT -printf '%s %T@'" find "$out" -printf '%s %T@\n'
    measure "JVM start (optimizr -version)" "$optimizr" -version
    ;;
  *)
    echo "usage: $0 synthetic|tree N" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# JMH microbenchmarks of the per-image hot path (decode, pixel normalisation, encode, copies, one whole
# conversion). Installs the main artifact, builds bench/jmh/target/benchmarks.jar and runs it with short
# settings; the table goes to bench/results/YYYY-MM/jmh.txt (this month, UTC), the raw JMH result to jmh.json beside it.
#
# usage: bench/jmh/run.sh [JMH ARGS...]      e.g. bench/jmh/run.sh Decode   (a regexp on benchmark names)
#   JMH_OPTS   replaces the default settings below (e.g. JMH_OPTS="-f 2 -wi 5 -i 10")
#   SKIP_BUILD=1  reuse the last benchmarks.jar
#   RESULT=NAME   write NAME.txt and NAME.json instead of jmh.*; RESULTS_DIR=DIR another folder
# Runs one fork at a time and no other work: on a shared 2-core machine, run nothing else heavy meanwhile.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
results=${RESULTS_DIR:-$root/bench/results/$(date -u +%Y-%m)}
name=${RESULT:-jmh}
jar="$root/bench/jmh/target/benchmarks.jar"
# 1 fork, 3 × 1 s warm-up, 5 × 2 s measurement: ~14 s per benchmark, under 5 minutes for all 20 on 2 cores.
opts=${JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 2s}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -f "$root/pom.xml" -DskipTests install
  mvn -B -q -f "$root/bench/jmh/pom.xml" package
  # The main artifact travels through the shared local repository (~/.m2), where another checkout may have
  # installed the same SNAPSHOT version in between: check that the jar holds this tree's codec classes.
  for f in "$root"/target/classes/dev/optimizr/codec/*.class; do
    class=${f#"$root/target/classes/"}
    if ! unzip -p "$jar" "$class" | cmp -s - "$f"; then
      echo "run.sh: benchmarks.jar does not hold this checkout's $class (local repository overwritten?); run again" >&2
      exit 1
    fi
  done
fi
mkdir -p "$results"
commit=$(git -C "$root" describe --always --dirty) # before the results files below are rewritten
{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $commit, $(nproc) CPUs"
  echo "# $(java -version 2>&1 | head -1)"
  echo "# java -jar bench/jmh/target/benchmarks.jar $opts -bm avgt -tu ms $*"
} > "$results/$name.txt"
# shellcheck disable=SC2086 # $opts is a list of JMH options
java -jar "$jar" $opts -bm avgt -tu ms -rf json -rff "$results/$name.json" "$@" | tee -a "$results/$name.txt"

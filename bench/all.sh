#!/usr/bin/env bash
# Every measurement of BENCHMARKS.md's comparison sections, in one go and in this order, on a machine
# with nothing else running. ~35 minutes on 2 cores. Results go to bench/results/YYYY-MM/ (this month, UTC;
# RESULTS_DIR overrides; TSVs are appended to) and docs/worker-scaling.png; the medians are printed at the end.
#
#   bench/all.sh [REAL_DIR [THUMBS_DIR [BIG_DIR]]]     (defaults /tmp/realcorpus /tmp/thumbs /tmp/big)
#
# Builds the corpora first when a directory is missing (bench/corpus/real-photos.sh, derived-sets.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
real=${1:-/tmp/realcorpus} thumbs=${2:-/tmp/thumbs} big=${3:-/tmp/big}
cd "$here"
export RESULTS_DIR=${RESULTS_DIR:-$here/bench/results/$(date -u +%Y-%m)}   # one folder for the whole run
[[ -d "$real" ]] || bench/corpus/real-photos.sh "$real"
[[ -d "$thumbs" && -d "$big" ]] || bench/corpus/derived-sets.sh "$real" "$thumbs" "$big"
mvn -B -q -DskipTests package
# optimizr-lossy:-Doptimizr.jpeg.transcode-progressive=false: the JDK's own multi-pass progressive decode (A/B)
ROUNDS=3 TOOLS="optimizr-lossy optimizr-w3 cwebp vips imagemagick optimizr-auto optimizr-lossy:-Doptimizr.jpeg.transcode-progressive=false" bench/compare.sh "$real"
ROUNDS=3 TOOLS="optimizr-lossy cwebp vips imagemagick" bench/compare.sh "$big"
ROUNDS=3 TOOLS="optimizr-lossy optimizr-w3 cwebp vips imagemagick" bench/compare.sh "$thumbs"
EVERY=5 bench/worker-scaling.sh "$real"
ROUNDS=3 VARIANTS="; java-jar; -Xmx1g" bench/jvm-flags.sh "$real"
bench/startup-ceiling.sh "$thumbs"
bench/compare-summary.py "$RESULTS_DIR"/compare-*.tsv

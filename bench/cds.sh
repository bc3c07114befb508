#!/usr/bin/env bash
# Class-data sharing: the fixed cost of a run with and without the launcher's archive, alternating.
#
#   bench/cds.sh TREE [ROUNDS]
#
# TREE is an input tree already converted into TREE.out (e.g. bench/record.sh tree 120000 leaves
# /tmp/optimizr-record/in-tree-120000 and out-tree-120000: pass OUT=... to name the output). Each round runs,
# with OPTIMIZR_CDS=off and then with the archive (order swapped every other round): `optimizr -version`, a run
# over an empty input, and the unchanged re-run of TREE (-quiet). Prints wall and user+sys CPU per run and the
# medians. The archive is trained first by one conversion run into a scratch directory.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tree=${1:?usage: bench/cds.sh TREE [ROUNDS]}
rounds=${2:-5}
out=${OUT:-$tree.out}
bin=$here/target/optimizr
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OPTIMIZR_CDS_DIR=$work/cds
mkdir -p "$work/empty"
"$bin" -input "$here/samples" -output "$work/train" -quiet > /dev/null
for f in "$OPTIMIZR_CDS_DIR"/*.part; do mv "$f" "${f%.*.part}.jsa"; done

measure() { # label, cds on|off, command...: prints "label cds wall cpu"
  local label=$1 cds=$2; shift 2
  local t
  OPTIMIZR_CDS=$cds /usr/bin/time -o "$work/time" -f "%e %U %S" "$@" > /dev/null 2>&1 || true
  t=$(tail -1 "$work/time")
  echo "$label $cds $t" | awk '{ printf "%s %s %.2f %.2f\n", $1, $2, $3, $4 + $5 }'
}
{
  for ((r = 0; r < rounds; r++)); do
    if ((r % 2)); then order="on off"; else order="off on"; fi
    for cds in $order; do
      measure version "$cds" "$bin" -version
      measure empty-run "$cds" "$bin" -input "$work/empty" -output "$work/empty-out" -quiet
      measure unchanged-rerun "$cds" "$bin" -input "$tree" -output "$out" -quiet
    done
  done
} | tee "$work/runs"
echo "# median wall s / median user+sys CPU s over $rounds rounds"
python3 - "$work/runs" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    label, cds, wall, cpu = line.split()
    runs.setdefault((label, cds), []).append((float(wall), float(cpu)))
for (label, cds), rs in sorted(runs.items()):
    print(f"{label:16s} cds={cds:3s} wall {statistics.median(w for w, _ in rs):.2f} s  "
          f"cpu {statistics.median(c for _, c in rs):.2f} s")
PY

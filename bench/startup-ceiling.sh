#!/usr/bin/env bash
# How much of cwebp's time per thumbnail is process start-up, i.e. the most a tool without per-file start-up
# can gain over `cwebp` on the thumbnail corpus at equal encoding work.
#
#   bench/startup-ceiling.sh THUMBS_DIR [RESULT_TXT]    (default: bench/results/YYYY-MM/startup-ceiling.txt)
#
# hyperfine runs, interleaved and without a shell (-N): cwebp on a 1x1 PNG (start-up, option parsing, file
# I/O, a trivial encode) and on the thumbnail of median size, both -q 80 -m 4 as in bench/compare.sh.
# Ceiling = median(thumbnail) / (median(thumbnail) - median(1x1)): what removing the 1x1 cost would give.
set -euo pipefail
[[ $# -ge 1 && -d "$1" ]] || { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
out=${2:-${RESULTS_DIR:-$here/bench/results/$(date -u +%Y-%m)}/startup-ceiling.txt}
mkdir -p "$(dirname "$out")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median=$(find "$1" -type f \( -iname '*.jpg' -o -iname '*.png' \) -printf '%s\t%p\n' | sort -n | awk '{a[NR]=$2} END {print a[int((NR+1)/2)]}')
python3 -c "import zlib,struct,sys
def chunk(t,d): return struct.pack('>I',len(d))+t+d+struct.pack('>I',zlib.crc32(t+d))
sys.stdout.buffer.write(b'\x89PNG\r\n\x1a\n'+chunk(b'IHDR',struct.pack('>IIBBBBB',1,1,8,2,0,0,0))+chunk(b'IDAT',zlib.compress(b'\0\x80\x80\x80'))+chunk(b'IEND',b''))" > "$work/1x1.png"
hyperfine -N -w 20 -r "${RUNS:-300}" --export-json "$work/h.json" \
  "cwebp -quiet -q 80 -m 4 $work/1x1.png -o $work/a.webp" \
  "cwebp -quiet -q 80 -m 4 $median -o $work/b.webp" >&2
python3 - "$work/h.json" "$median" <<'PY' | tee "$out"
import json, os, sys
r = json.load(open(sys.argv[1]))["results"]
tiny, thumb = (x["median"] * 1000 for x in r)
print(f"median thumbnail: {os.path.basename(sys.argv[2])} ({os.path.getsize(sys.argv[2])} bytes)")
print(f"cwebp 1x1 PNG: {tiny:.2f} ms median; cwebp median thumbnail: {thumb:.2f} ms median")
print(f"start-up share: {100 * tiny / thumb:.0f} %; ceiling without start-up: {thumb / (thumb - tiny):.2f}x cwebp")
PY

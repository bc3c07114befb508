#!/usr/bin/env bash
# Two corpora derived reproducibly from the real-photo corpus (bench/corpus/real-photos.sh) with libvips:
#
#   bench/corpus/derived-sets.sh REAL_CORPUS THUMBS_DIR BIG_DIR
#
# THUMBS_DIR: 2,000 JPEG thumbnails of mostly 20-50 KB: every real image of at least 1 MP (sorted by path;
#   the small ones are flat artwork whose thumbnails are a few KB) is first scaled to a 1200 px long side,
#   then written at long sides 380, 400, ... 600 px (vips thumbnail, Q=88, no metadata; alpha flattened),
#   size by size, the first 2,000 kept. From the corpus real-photos.sh builds today that is 166 sources x 12
#   sizes = 1,992 files, 45 MB, median 16 KB (p10 7 KB, p90 44 KB): JPEG at Q=88 compresses the
#   wallpapers' smooth areas well, so many thumbnails come out below 20 KB.
# BIG_DIR: 6 JPEG photos of exactly 6000x4000 (24 MP): the 6 largest real JPEGs by pixel count, scaled and
#   centre-cropped to 6000x4000 (vips thumbnail --size both --crop centre, Q=90, no metadata).
# Same inputs and libvips version give the same files. Needs: apt-get install libvips-tools.
set -euo pipefail
[[ $# -eq 3 ]] || { sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
real=$1 thumbs=$2 big=$3
mkdir -p "$thumbs" "$big"
mapfile -d '' files < <(find "$real" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' \) -print0 | sort -z)
mid=$thumbs/.mid
mkdir -p "$mid"
i=0
for f in "${files[@]}"; do
  px=$(( $(vipsheader -f width "$f" 2>/dev/null || echo 0) * $(vipsheader -f height "$f" 2>/dev/null || echo 0) ))
  if ((px >= 1000000)); then
    out=$(printf '%s/%04d.v' "$mid" "$i")
    [[ -s "$out" ]] || vips thumbnail "$f" "$out" 1200 2>/dev/null || { echo "skip $f" >&2; continue; }
    i=$((i + 1))
  fi
done
count=0
for size in $(seq 380 20 600); do
  for m in "$mid"/*.v; do
    ((count < 2000)) || break 2
    out=$(printf '%s/%04d-%d.jpg' "$thumbs" "$count" "$size")
    [[ -s "$out" ]] || vips thumbnail "$m" "$out[Q=88,strip]" "$size"
    count=$((count + 1))
  done
done
rm -rf "$mid"
# 6 largest JPEGs by pixel count (ties by path)
for f in "${files[@]}"; do
  case "${f,,}" in *.jpg|*.jpeg) printf '%s\t%s\n' "$(( $(vipsheader -f width "$f") * $(vipsheader -f height "$f") ))" "$f" ;; esac
done 2>/dev/null | sort -k1,1nr -k2 | head -6 | cut -f2 | {
  i=0
  while IFS= read -r f; do
    out=$(printf '%s/big-%d.jpg' "$big" "$i")
    [[ -s "$out" ]] || vips thumbnail "$f" "$out[Q=90,strip]" 6000 --height 4000 --size both --crop centre
    i=$((i + 1))
  done
}
echo "$(ls "$thumbs" | wc -l) thumbnails ($(du -sh "$thumbs" | cut -f1)), $(ls "$big" | wc -l) big ($(du -sh "$big" | cut -f1))" >&2

#!/usr/bin/env bash
# Make the "photos saved as PNG" set for the -png auto measurement (README, "-png auto"): the JPEG photos of
# the lomiri-wallpapers-16.04 and -20.04 packages in the real corpus (bench/corpus/real-photos.sh), shrunk
# to at most 1600 px a side and written as 8-bit RGB PNG with ImageMagick:
#
#   bench/png-auto/photo-pngs.sh REAL_CORPUS_DIR DEST_DIR
#
# Shrinking keeps the measurement short; it smooths the noise a little, which favours lossless, if anything.
set -euo pipefail
[[ $# -eq 2 ]] || { sed -n '6p' "$0" | sed 's/^# *//' >&2; exit 2; }
SRC=${1%/}; DEST=${2%/}
CONVERT=${CONVERT:-/usr/bin/convert}   # not a stand-in earlier on PATH
mkdir -p "$DEST"
find "$SRC"/lomiri-wallpapers-16.04 "$SRC"/lomiri-wallpapers-20.04 -type f -iname '*.jp*g' | LC_ALL=C sort |
  while IFS= read -r f; do
    out="$DEST/$(basename "${f%.*}").png"
    "$CONVERT" "$f" -auto-orient -resize '1600x1600>' -strip -depth 8 -type TrueColor "PNG24:$out"
  done
echo "$(find "$DEST" -name '*.png' | wc -l) PNGs in $DEST" >&2

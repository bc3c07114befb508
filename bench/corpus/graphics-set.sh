#!/usr/bin/env bash
# A many-file, PNG-heavy corpus (icons, diagrams, textures, artwork; about 88 % PNG) for measuring -png auto
# against -png lossy (BENCHMARKS.md, "Graphics and PNG"):
#
#   bench/corpus/graphics-set.sh DEST_DIR [REAL_CORPUS]
#
# - usr-share/: the PNGs that Debian packages installed under /usr/share, byte-identical files once (first
#   path in name order wins): all of them except the small Adwaita icons (below 256x256), of which two in
#   every five in name order are kept (thousands of near-identical symbolic icons in nine sizes),
# - real/: every PNG and JPEG of the real-photo corpus (bench/corpus/real-photos.sh; REAL_CORPUS, default
#   /tmp/realcorpus): wallpapers, artwork, paper textures, its derived/ pixel formats,
# - web/1600/, web/800/: two web-sized copies of each photo JPEG of that corpus (its packages' JPEGs, not derived/), at
#   most 1600 and 800 px on the long side (ImageMagick, -quality 85, no metadata), so that JPEGs are about
#   12 % of the files,
# - DEST_DIR/MANIFEST.tsv lists sha256, bytes, source (a path, or how the copy was made) and the Debian
#   package; DEST_DIR/DESCRIBE.txt is bench/corpus/describe.py's table.
#
# What it finds depends on the packages installed; the manifest says what was measured. With Debian 12's
# java-maven image and the real-photo corpus of today: 2,352 files (2,088 PNG, 264 JPEG;
# small screenshots give one web copy, not two), 1.19 gigapixels, 310 MB.
# The corpus is built in a sibling staging directory and moved into place at the end; an existing DEST_DIR
# is never touched. Needs: ImageMagick 6 (CONVERT, default /usr/bin/convert), dpkg, sha256sum, python3.
set -euo pipefail
[[ $# -ge 1 && $# -le 2 && -n "$1" && "$1" != -* ]] || { sed -n '5p' "$0" | sed 's/^# *//' >&2; exit 2; }
DEST=${1%/}
REAL=${2:-/tmp/realcorpus}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CONVERT=${CONVERT:-/usr/bin/convert}
[[ -e "$DEST" ]] && { echo "graphics-set.sh: $DEST exists; remove it first" >&2; exit 1; }
[[ -f "$REAL/MANIFEST.tsv" ]] || { echo "graphics-set.sh: no real-photo corpus in $REAL (bench/corpus/real-photos.sh $REAL)" >&2; exit 1; }
[[ -x "$CONVERT" ]] || { echo "graphics-set.sh: $CONVERT missing (apt-get install imagemagick)" >&2; exit 1; }

STAGE=$(mktemp -d "$(dirname "$DEST")/.$(basename "$DEST").partial.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
chmod 755 "$STAGE"
: > "$STAGE/MANIFEST.tsv"
declare -A seen=() owner=()

# Which package installed each path, from dpkg's file lists (one dpkg -S per file takes minutes).
for list in /var/lib/dpkg/info/*.list; do
  pkg=$(basename "$list" .list)
  while IFS= read -r p; do
    [[ "$p" == /usr/share/*.png || "$p" == /usr/share/*.PNG ]] && owner[$p]=${pkg%%:*}
  done < "$list"
done

add() {  # add FILE REL SOURCE PACKAGE: copy FILE to $STAGE/REL unless its content is already in
  local sum
  sum=$(sha256sum "$1" | cut -d' ' -f1)
  [[ -n "${seen[$sum]:-}" ]] && return 1
  seen[$sum]=1
  mkdir -p "$STAGE/$(dirname "$2")"
  cp "$1" "$STAGE/$2"
  chmod 644 "$STAGE/$2"
  printf '%s\t%s\t%s\t%s\n' "$sum" "$(stat -c %s "$1")" "$3" "$4" >> "$STAGE/MANIFEST.tsv"
}

small_adwaita=0
while IFS= read -r f; do
  if [[ "$f" =~ ^icons/Adwaita/ && ! "$f" =~ ^icons/Adwaita/(256x256|512x512)/ ]]; then
    sha=$(sha256sum "/usr/share/$f" | cut -d' ' -f1)
    [[ -n "${seen[$sha]:-}" ]] && continue
    small_adwaita=$((small_adwaita + 1))
    # two in every five distinct small icons: the 1st and 3rd of each five in name order
    (( small_adwaita % 5 == 1 || small_adwaita % 5 == 3 )) || { seen[$sha]=1; continue; }
  fi
  add "/usr/share/$f" "usr-share/$f" "/usr/share/$f" "${owner[/usr/share/$f]:-?}" || true
done < <(cd /usr/share && find . -type f -iname '*.png' -printf '%P\n' | LC_ALL=C sort)

while IFS=$'\t' read -r _ _ rel pkg; do
  add "$REAL/$rel" "real/$rel" "real-photos.sh: $rel" "$pkg" || true
done < "$REAL/MANIFEST.tsv"

while IFS=$'\t' read -r _ _ rel pkg; do
  [[ "$pkg" != derived && "${rel,,}" =~ \.jpe?g$ ]] || continue
  for size in 1600 800; do
    out="web/$size/${rel%.*}.jpg"
    tmp="$STAGE/.web-copy.jpg"
    "$CONVERT" "$REAL/$rel" -strip -resize "${size}x${size}>" -quality 85 "$tmp"
    add "$tmp" "$out" "real-photos.sh: $rel, convert -strip -resize ${size}x${size}> -quality 85" "$pkg" \
      || echo "graphics-set.sh: $out duplicates an earlier file, left out" >&2
    rm "$tmp"
  done
done < "$REAL/MANIFEST.tsv"

python3 "$HERE/describe.py" "$STAGE" --by-dir | sed "s|^corpus: .*|corpus: $DEST|" > "$STAGE/DESCRIBE.txt"
mv "$STAGE" "$DEST"
trap - EXIT
echo "$(wc -l < "$DEST/MANIFEST.tsv") files in $DEST" >&2
cat "$DEST/DESCRIBE.txt"

#!/usr/bin/env bash
# Collect the "icons, screenshots, diagrams" set for the -png auto measurement (README, "-png auto") from the
# PNGs that Debian packages installed under /usr/share:
#
#   bench/png-auto/debian-graphics.sh DEST_DIR
#
# - every PNG under /usr/share/{doc,info,gtk-doc,pixmaps,help,gnuplot,cmake-*,gitweb} (documentation
#   screenshots, diagrams, charts, navigation icons, logos),
# - from /usr/share/icons: every PNG in a 256x256 or 512x512 folder and every hicolor/locolor one, plus every
#   40th of the others in name order (small Adwaita icons are thousands of near-identical files),
# - byte-identical files once (first path in name order wins), copied to DEST_DIR/<path below /usr/share>;
#   DEST_DIR/MANIFEST.tsv lists sha256, bytes, source path and the Debian package that owns it.
#
# What it finds depends on the packages installed; the manifest says what was measured. On the machine of
# the README measurement (Debian 12, the project's java-maven image) it copies 342 files.
set -euo pipefail
[[ $# -eq 1 && -n "$1" ]] || { sed -n '5p' "$0" | sed 's/^# *//' >&2; exit 2; }
DEST=${1%/}
mkdir -p "$DEST"
cd /usr/share
BIG='/(256x256|512x512)/|^icons/(hicolor|locolor)/'
{
  find doc info gtk-doc pixmaps help gnuplot cmake-* gitweb -type f -iname '*.png' 2>/dev/null || true
  find icons -type f -iname '*.png' | grep -E "$BIG" || true
  find icons -type f -iname '*.png' | grep -vE "$BIG" | LC_ALL=C sort | awk 'NR % 40 == 1'
} | LC_ALL=C sort -u > "$DEST/.candidates"
: > "$DEST/MANIFEST.tsv"
declare -A seen=()
while IFS= read -r f; do
  sum=$(sha256sum "$f" | cut -d' ' -f1)
  [[ -n "${seen[$sum]:-}" ]] && continue
  seen[$sum]=1
  mkdir -p "$DEST/$(dirname "$f")"
  cp "$f" "$DEST/$f"
  pkg=$(dpkg -S "/usr/share/$f" 2>/dev/null | head -1 | cut -d: -f1 || true)
  printf '%s\t%s\t/usr/share/%s\t%s\n' "$sum" "$(stat -c %s "$f")" "$f" "${pkg:-?}" >> "$DEST/MANIFEST.tsv"
done < "$DEST/.candidates"
rm "$DEST/.candidates"
echo "$(wc -l < "$DEST/MANIFEST.tsv") PNGs in $DEST" >&2

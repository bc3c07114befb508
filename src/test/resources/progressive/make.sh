#!/usr/bin/env bash
# Rebuilds the progressive JPEGs of this folder (ProgressiveJpegTest) from two files of ../edge, with
# libjpeg-turbo's tools (Debian: libjpeg-turbo-progs) and ImageMagick. Run from this folder.
set -euo pipefail
src=../edge/libjpeg-turbo/testorig.jpg        # IJG test image, 227x149, 4:2:0 (IJG License)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
djpeg -ppm "$src" > "$tmp/orig.ppm"
cjpeg -quality 85 -progressive -sample 1x1 "$tmp/orig.ppm" > prog-444.jpg
cjpeg -quality 85 -progressive -sample 2x1 "$tmp/orig.ppm" > prog-422.jpg
cjpeg -quality 85 -progressive -sample 1x2 "$tmp/orig.ppm" > prog-440.jpg
cjpeg -quality 85 -progressive -grayscale "$tmp/orig.ppm" > prog-gray.jpg
cjpeg -quality 85 -progressive -restart 1 "$tmp/orig.ppm" > prog-restart-rows.jpg   # RSTn every MCU row
cjpeg -quality 85 -progressive -restart 5B "$tmp/orig.ppm" > prog-restart-5.jpg     # RSTn every 5 MCUs
cjpeg -quality 100 -progressive -sample 1x1 "$tmp/orig.ppm" > prog-q100.jpg         # large coefficients
jpegtran -progressive -crop 61x37+5+3 "$src" > prog-odd-61x37.jpg                  # partial MCUs at both edges
jpegtran -progressive -crop 1x1+100+70 "$src" > prog-1x1.jpg
# Spectral selection without successive approximation, a DC scan per component, bands split unevenly.
printf '%s\n' '0: 0-0, 0, 0;' '1: 0-0, 0, 0;' '2: 0-0, 0, 0;' '0: 1-9, 0, 0;' '0: 10-63, 0, 0;' \
  '1: 1-63, 0, 0;' '2: 1-2, 0, 0;' '2: 3-63, 0, 0;' > "$tmp/spectral.scans"
cjpeg -quality 85 -scans "$tmp/spectral.scans" "$tmp/orig.ppm" > prog-spectral.jpg
# CMYK with Adobe's APP14 marker, as a prepress library would hold it.
/usr/bin/convert ../edge/libjpeg-turbo/testorig.png -colorspace CMYK -interlace JPEG -quality 85 prog-cmyk.jpg

#!/usr/bin/env bash
# Assemble a "real-world" benchmark corpus of photos and artwork from Debian wallpaper/artwork packages.
#
#   bench/corpus/real-photos.sh DEST_DIR
#
# - `apt-get download`s (never installs) the packages in PACKAGES below, pinned by name; the versions
#   actually fetched (and the .debs' sha256) go to DEST_DIR/SOURCES.txt,
# - `dpkg -x`es each into a temp dir and copies every regular *.jpg/*.jpeg/*.png (extension in any case,
#   content checked by magic bytes) to DEST_DIR/<package>/<path inside the package>, skipping files whose
#   sha256 was already copied (first package in PACKAGES order wins); SVG, WebP etc. are ignored,
# - derives a few extra pixel formats the packages lack or have only small examples of (big grayscale,
#   paletted, grey+alpha, 16-bit, CMYK, EXIF-rotated, interlaced) with ImageMagick into
#   DEST_DIR/derived/derived-*,
# - writes DEST_DIR/MANIFEST.tsv (sha256, bytes, path, package) and DEST_DIR/DESCRIBE.txt (describe.py).
#
# Idempotent: DEST_DIR/.corpus-complete holds a hash of this script and describe.py; when it matches, the
# script exits at once. The corpus is built in a sibling staging dir and moved into place at the end, so
# DEST_DIR is either absent, or complete. A DEST_DIR that is not empty and was not made by this script is
# never touched.
#
# Needs: apt-get/dpkg-deb (Debian 12 "bookworm" package names), python3, sha256sum. Root only for
# `apt-get update` (run only when a package is unknown to apt-cache) and for installing imagemagick
# (only when /usr/bin/convert is missing). ~250 MB download, ~320 MB on disk.
#
# Env: REAL_PHOTOS_STRICT=1   fail (instead of warn) when a fetched version differs from the one below
#      REAL_PHOTOS_NO_DERIVED=1  skip the ImageMagick step
#      CONVERT=/path/to/convert  (default /usr/bin/convert: ignore any `convert` stand-in earlier on PATH)
set -euo pipefail

# package  version-seen-when-this-list-was-made (bookworm, 2025)       why
PACKAGES=(
  "lomiri-wallpapers-20.04      20.04.0-2"                # 4 JPEG photos, 3 over 15 MP (max 24 MP)
  "lomiri-wallpapers-16.04      20.04.0-2"                # 15 JPEG photos up to 15.9 MP, mostly progressive
  "lomiri-wallpapers            20.04.0-2"                # big RGB PNG
  "mate-backgrounds             1.26.0-1"                 # JPEG up to 17.9 MP, PNG with alpha, gray
  "plasma-workspace-wallpapers  4:5.27.5-2"               # ~70 wallpapers, 5120x2880 JPEG/PNG, ICC
  "ukui-wallpapers              20.04.3-1.1"              # 9 MP JPEG/PNG
  "lxqt-themes                  1.2.0-1"                  # wallpapers, alpha PNG, gray JPEG
  "xfdesktop4-data              4.18.1-1"                 # 9 MP PNG with alpha
  "sway-backgrounds             1.7-6"                    # 3 MP RGB PNG
  "desktop-base                 12.0.6+nmu1~deb12u1"      # Debian themes: many small paletted/alpha PNG
  "debian-edu-artwork-emerald   2.12.4-1~deb12u1"         # artwork PNG, palette, gray
  "debian-edu-artwork-softwaves 2.12.4-1~deb12u1"
  "debian-edu-artwork-spacefun  20220131-1"
  "mypaint-data-extras          2.0.1-9"                  # paper textures: paletted PNG
)
# Considered and left out: gnome-backgrounds 43.1-1 (WebP and SVG only), enlightenment-data (382 MB),
# openclipart-png (124 MB of small clip-art); xfce4-artwork, budgie-backgrounds, ubuntu-mate-wallpapers,
# deepin-wallpapers, kde-wallpapers are not in bookworm.

die() { echo "real-photos.sh: $*" >&2; exit 1; }
log() { echo "[real-photos] $*" >&2; }

[[ $# -eq 1 && -n "$1" && "$1" != -* ]] || { sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
DEST=${1%/}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DESCRIBE="$HERE/describe.py"
CONVERT=${CONVERT:-/usr/bin/convert}
[[ -f "$DESCRIBE" ]] || die "describe.py not found beside this script ($DESCRIBE)"
STAMP=$(cat "${BASH_SOURCE[0]}" "$DESCRIBE" | sha256sum | cut -d' ' -f1)

# ---- idempotency / safety checks on DEST ------------------------------------------------------------
if [[ -e "$DEST" ]]; then
  [[ -d "$DEST" ]] || die "$DEST exists and is not a directory"
  if [[ -f "$DEST/.corpus-complete" ]]; then
    if [[ "$(cat "$DEST/.corpus-complete")" == "$STAMP" ]]; then
      log "$DEST is already complete (stamp matches); nothing to do"
      exit 0
    fi
    log "$DEST was made by another revision of this script; it will be rebuilt"
  elif [[ -n "$(ls -A "$DEST")" ]]; then
    die "$DEST exists, is not empty and was not made by this script; refusing to touch it"
  fi
fi

PARENT=$(dirname "$DEST")
mkdir -p "$PARENT"
STAGE=$(mktemp -d "$PARENT/.$(basename "$DEST").partial.XXXXXX")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/real-photos-work.XXXXXX")
cleanup() { rm -rf "$STAGE" "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
chmod 755 "$STAGE" "$WORK"

# ---- download ------------------------------------------------------------------------------------------
names=(); declare -A expected=()
for entry in "${PACKAGES[@]}"; do
  read -r name ver <<<"$entry"
  names+=("$name"); expected[$name]=$ver
done

missing=()
for name in "${names[@]}"; do
  apt-cache show --no-all-versions "$name" >/dev/null 2>&1 || missing+=("$name")
done
if ((${#missing[@]})); then
  log "apt-cache does not know ${missing[*]}; running apt-get update"
  apt-get update -qq || die "apt-get update failed (needs root)"
  for name in "${missing[@]}"; do
    apt-cache show --no-all-versions "$name" >/dev/null 2>&1 || die "package $name is not available from apt"
  done
fi

mkdir -p "$WORK/debs" "$WORK/x"
chown _apt "$WORK/debs" 2>/dev/null || true   # lets apt download sandboxed as _apt instead of warning
log "apt-get download ${#names[@]} packages"
(cd "$WORK/debs" && apt-get download -q "${names[@]}" >"$WORK/download.log" 2>&1) \
  || { cat "$WORK/download.log" >&2; die "apt-get download failed"; }

# ---- extract and copy -----------------------------------------------------------------------------------
declare -A seen=()
mkdir -p "$STAGE"
: >"$STAGE/MANIFEST.tsv"
{
  echo "# real-photos.sh corpus: Debian packages fetched with apt-get download, pinned by name"
  echo "# built $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(. /etc/os-release && echo "$PRETTY_NAME"), $(dpkg --print-architecture)"
  printf '# %s\t%s\t%s\t%s\t%s\t%s\t%s\n' package version expected_version deb_bytes deb_sha256 images_copied skipped_dup/non-image
} >"$STAGE/SOURCES.txt"

version_drift=0
total_copied=0
for name in "${names[@]}"; do
  debs=("$WORK/debs/${name}_"*.deb)
  [[ ${#debs[@]} -eq 1 && -f "${debs[0]}" ]] || die "expected exactly one .deb for $name in $WORK/debs"
  deb=${debs[0]}
  ver=$(dpkg-deb -f "$deb" Version)
  if [[ "$ver" != "${expected[$name]}" ]]; then
    version_drift=1
    log "WARNING: $name is $ver, this list was made with ${expected[$name]}"
  fi
  dpkg-deb -x "$deb" "$WORK/x/$name"
  copied=0; skipped=0
  while IFS= read -r -d '' f; do
    rel=${f#"$WORK/x/$name/"}
    magic=$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')
    case $magic in
      ffd8ff*|89504e47) ;;
      *) log "  skip (not JPEG/PNG content): $name/$rel"; skipped=$((skipped + 1)); continue ;;
    esac
    sum=$(sha256sum "$f" | cut -d' ' -f1)
    if [[ -n "${seen[$sum]:-}" ]]; then
      skipped=$((skipped + 1)); continue
    fi
    seen[$sum]="$name/$rel"
    mkdir -p "$STAGE/$name/$(dirname "$rel")"
    cp -p "$f" "$STAGE/$name/$rel"
    chmod 644 "$STAGE/$name/$rel"
    printf '%s\t%s\t%s\t%s\n' "$sum" "$(stat -c %s "$f")" "$name/$rel" "$name" >>"$STAGE/MANIFEST.tsv"
    copied=$((copied + 1))
  done < <(find "$WORK/x/$name" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' \) -print0 \
             | LC_ALL=C sort -z)
  rm -rf "${WORK:?}/x/$name"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$ver" "${expected[$name]}" "$(stat -c %s "$deb")" \
    "$(sha256sum "$deb" | cut -d' ' -f1)" "$copied" "$skipped" >>"$STAGE/SOURCES.txt"
  log "  $name $ver: $copied images copied, $skipped skipped"
  total_copied=$((total_copied + copied))
done
if ((version_drift)) && [[ "${REAL_PHOTOS_STRICT:-0}" == 1 ]]; then
  die "fetched versions differ from the pinned list (REAL_PHOTOS_STRICT=1)"
fi
((total_copied > 0)) || die "no images copied"

# ---- derived formats ---------------------------------------------------------------------------------
if [[ "${REAL_PHOTOS_NO_DERIVED:-0}" != 1 ]]; then
  if [[ ! -x "$CONVERT" ]]; then
    log "installing imagemagick (for $CONVERT)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends imagemagick >/dev/null \
      || die "apt-get install imagemagick failed (needs root); or set REAL_PHOTOS_NO_DERIVED=1"
  fi
  [[ -x "$CONVERT" ]] || die "$CONVERT missing after installing imagemagick"

  python3 "$DESCRIBE" "$STAGE" --tsv >"$WORK/list.tsv"
  # Sources, picked deterministically (ties broken by path): BIG = the colour JPEG of >= 15 MP with the most
  # bytes (a detailed photo, not a flat painting), MID = the biggest colour JPEG under 8 MP, RGBA = the
  # biggest RGBA PNG with some pixels at least half transparent.
  sorted_by() { awk -F'\t' "$1" "$WORK/list.tsv" | LC_ALL=C sort -t$'\t' -k1,1nr -k2,2 | cut -f2; }
  BIG=$(sorted_by '$1=="jpeg" && $2=="color" && $3*$4 >= 15000000 {print $5 "\t" $6}' | head -1)
  MID=$(sorted_by '$1=="jpeg" && $2=="color" && $3*$4 < 8000000 {print $3*$4 "\t" $6}' | head -1)
  RGBA=
  while IFS= read -r cand; do
    # some pixel at most half opaque (several wallpapers carry an alpha channel that is ~all 255)
    if [[ "$("$CONVERT" "$STAGE/$cand" -format '%[fx:minima.a <= 0.5]' info: 2>/dev/null)" == 1 ]]; then
      RGBA=$cand; break
    fi
  done < <(sorted_by '$1=="png" && $2=="rgb+alpha" {print $3*$4 "\t" $6}')
  [[ -n "$BIG" && -n "$MID" && -n "$RGBA" ]] || die "could not pick sources for derived images"
  mkdir -p "$STAGE/derived"
  {
    echo
    echo "# derived/ (ImageMagick $("$CONVERT" -version | sed -n '1s/^Version: ImageMagick \([^ ]*\).*/\1/p')), made from corpus files:"
  } >>"$STAGE/SOURCES.txt"
  stem() { local b; b=$(basename "$1"); echo "${b%.*}"; }
  derive() {  # derive OUTNAME SOURCE ARGS... (OUTNAME may carry a PNG8:/PNG48:/... coder prefix)
    local out=$1 src=$2; shift 2
    local file=${out#*:}
    if [[ "$out" == *:* ]]; then
      "$CONVERT" "$STAGE/$src" "$@" "${out%%:*}:$STAGE/derived/$file"
    else
      "$CONVERT" "$STAGE/$src" "$@" "$STAGE/derived/$file"
    fi
    printf '# derived/%s\t<- %s\t%s\n' "$file" "$src" "$*" >>"$STAGE/SOURCES.txt"
  }
  log "deriving formats from $BIG, $MID, $RGBA"
  b=$(stem "$BIG"); m=$(stem "$MID"); r=$(stem "$RGBA")
  derive "derived-gray-$b.png"                "$BIG"  -strip -colorspace Gray -define png:color-type=0 -define png:bit-depth=8
  derive "derived-grayjpeg-$b.jpg"             "$BIG"  -strip -colorspace Gray -type Grayscale -quality 90
  derive "PNG8:derived-palette-$b.png"        "$BIG"  -strip -dither FloydSteinberg -colors 256
  derive "PNG8:derived-palette-alpha-$r.png"  "$RGBA" -strip -colors 256
  derive "derived-grayalpha-$r.png"           "$RGBA" -strip -colorspace Gray -type GrayscaleAlpha -define png:color-type=4 -define png:bit-depth=8
  derive "PNG48:derived-rgb16-$m.png"         "$MID"  -strip -depth 16
  derive "derived-cmyk-$m.jpg"                "$MID"  -strip -colorspace CMYK -quality 90
  # Pixels stored rotated 90 degrees counter-clockwise, EXIF Orientation=6 says "rotate 90 CW to show"
  # (ImageMagick 6 writes no EXIF block of its own, so a minimal one is spliced in after SOI).
  derive "derived-orient6-$m.jpg"             "$MID"  -strip -rotate -90 -quality 90
  printf '# derived/%s\t+ EXIF APP1 with Orientation=6 spliced in after SOI\n' "derived-orient6-$m.jpg" >>"$STAGE/SOURCES.txt"
  python3 - "$STAGE/derived/derived-orient6-$m.jpg" <<'PY'
import struct, sys
path = sys.argv[1]
data = open(path, "rb").read()
assert data[:2] == b"\xff\xd8"
tiff = b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1) \
    + struct.pack("<HHIHH", 0x0112, 3, 1, 6, 0) + struct.pack("<I", 0)
app1 = b"Exif\x00\x00" + tiff
open(path, "wb").write(data[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + data[2:])
PY
  derive "derived-interlaced-$r.png"          "$RGBA" -strip -interlace PNG
  chmod 644 "$STAGE/derived/"*
  for f in "$STAGE/derived/"*; do
    printf '%s\t%s\t%s\t%s\n' "$(sha256sum "$f" | cut -d' ' -f1)" "$(stat -c %s "$f")" \
      "derived/$(basename "$f")" derived >>"$STAGE/MANIFEST.tsv"
  done
fi

# ---- finish --------------------------------------------------------------------------------------------
python3 "$DESCRIBE" "$STAGE" --by-dir --identify | sed "s|^corpus: .*|corpus: $DEST|" >"$STAGE/DESCRIBE.txt"
echo "$STAMP" >"$STAGE/.corpus-complete"
if [[ -d "$DEST" ]]; then
  if [[ -f "$DEST/.corpus-complete" ]]; then rm -rf "${DEST:?}"; else rmdir "$DEST"; fi
fi
mv "$STAGE" "$DEST"
trap - EXIT; rm -rf "$WORK"
log "done: $DEST"
cat "$DEST/DESCRIBE.txt"

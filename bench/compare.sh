#!/usr/bin/env bash
# optimizr against cwebp, libvips and ImageMagick on one corpus, alternating the tools in rounds.
#
#   bench/compare.sh CORPUS_DIR [RESULTS_TSV]
#
# Every tool converts every *.jpg/*.jpeg/*.png under CORPUS_DIR (extension in any case) to lossy WebP at
# quality 80, method (effort) 4, no metadata, N files at a time:
#   optimizr-lossy  target/optimizr -workers N -quality 80 -png lossy -audit off -keep-extension   (every PNG lossy,
#                   as the others do; no quality audit, which the others do not make either; -keep-extension so
#                   that x.jpg and x.png in one folder do not collide)
#   optimizr-auto   target/optimizr -workers N -quality 80 -audit off   (default -png auto: graphics PNGs
#                   also tried lossless, the smaller kept; reported separately, not comparable in bytes)
#   optimizr-w3     as optimizr-lossy but with the default -workers 3 (a third worker covers the fsync of each
#                   output and other waits; not in the default TOOLS, as it is not N-wide)
#   cwebp           xargs -0 -P N -n 3 sh -c ... cwebp -quiet -q 80 -m 4 IN -o OUT  (reads JPEG/PNG itself)
#   vips            xargs -0 -P N -n 2 sh -c ... vips copy IN 'OUT.webp[Q=80,effort=4,strip]'
#   imagemagick     xargs -0 -P N -n 2 sh -c ... convert -quality 80 -define webp:method=4 -strip IN OUT.webp
#   sharp           xargs -0 -P N -n 64 ... sharp -f webp -q 80 --effort 4 -o OUTDIR -i IN...  (sharp-cli 6.1.0 with
#                   sharp 0.35.5 from bench/peers: npm --prefix bench/peers install; one image at a time per
#                   process, single-threaded: UV_THREADPOOL_SIZE=1 VIPS_CONCURRENCY=1, so N processes are
#                   N-wide like the others; inputs are reached through links named k.EXT so outputs never collide)
#   sharp-defaults  sharp-cli over the whole corpus in one process at its own defaults (libuv's 4 threads,
#                   libvips' concurrency), -f webp only (quality 80, effort 4 are sharp's defaults)
#   optimizr-defaults  target/optimizr -input IN -output OUT -keep-extension: every setting at its default
#                   (-workers 3, -png auto, -quality 80)
#   (sh -c '"$@" || exit 1' around each call, so one unreadable file does not abort xargs; ~1 ms per file)
# Each run starts on an empty output dir with the inputs in the page cache; round r starts with tool r, so
# no tool always runs first or last. bench/measure.py measures each run (wall, user+sys CPU, peak RSS of the
# largest process and of the sampled process tree); outputs counted are *.webp files and their bytes.
# One line per run is appended to RESULTS_TSV (default bench/results/YYYY-MM/compare-<corpus>.tsv, this month
# in UTC, or $RESULTS_DIR/compare-<corpus>.tsv); summarise with
# bench/compare-summary.py RESULTS_TSV.
#
# Env: WORKERS (default: nproc)  ROUNDS (default 3)  TOOLS (default: all five above, space-separated)
#      (an optimizr tool may carry JVM flags for the launcher after a colon, commas for spaces:
#      optimizr-lossy:-XX:+UseParallelGC,-Xmx1g runs optimizr-lossy with OPTIMIZR_JAVA_OPTS="-XX:+UseParallelGC -Xmx1g";
#      a NAME=VALUE word in capitals is set in the environment instead: optimizr-w3:MALLOC_ARENA_MAX=1;
#      BIN=PATH runs another build: optimizr-auto:BIN=/tmp/optimizr-main)
#      WORK (scratch dir, default /tmp/optimizr-compare)  CONVERT (default /usr/bin/convert, not a stand-in)
# Needs: target/optimizr (mvn -B -DskipTests package); apt-get install webp libvips-tools imagemagick.
set -euo pipefail
[[ $# -ge 1 && -d "$1" ]] || { sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(cd "$1" && pwd)
name=$(basename "$corpus")
results=${2:-${RESULTS_DIR:-$here/bench/results/$(date -u +%Y-%m)}/compare-$name.tsv}
workers=${WORKERS:-$(nproc)}
rounds=${ROUNDS:-3}
tools=(${TOOLS:-optimizr-lossy cwebp vips imagemagick optimizr-auto})
work=${WORK:-/tmp/optimizr-compare}/$name
convert=${CONVERT:-/usr/bin/convert}
sharp=${SHARP:-$here/bench/peers/node_modules/.bin/sharp}
bin=$here/target/optimizr
[[ -x "$bin" ]] || { echo "compare.sh: $bin missing: mvn -B -DskipTests package" >&2; exit 1; }
for t in cwebp vips imagemagick; do  # only the tools this run compares
  [[ " ${tools[*]} " == *" $t "* ]] || continue
  [[ $t == imagemagick ]] && t=$convert
  command -v "$t" >/dev/null || { echo "compare.sh: $t missing" >&2; exit 1; }
done

if [[ " ${tools[*]} " == *" sharp"* && ! -x "$sharp" ]]; then
  echo "compare.sh: $sharp missing: npm --prefix bench/peers install" >&2; exit 1
fi

mkdir -p "$work" "$(dirname "$results")"
# Argument lists for xargs, NUL-separated; output k.webp for the k-th input, so names never collide.
python3 - "$corpus" "$work" <<'PY'
import os, sys
corpus, work = sys.argv[1:]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs
               if f.lower().endswith((".jpg", ".jpeg", ".png")))
def write(name, rows):
    with open(os.path.join(work, name), "wb") as out:
        for row in rows:
            out.write(b"".join(a.encode() + b"\0" for a in row))
o = lambda i: os.path.join(work, "out", f"{i}.webp")
write("cwebp.args", ([f, "-o", o(i)] for i, f in enumerate(files)))
write("vips.args", ([f, o(i) + "[Q=80,effort=4,strip]"] for i, f in enumerate(files)))
write("imagemagick.args", ([f, o(i)] for i, f in enumerate(files)))
# sharp-cli names each output after its input's base name: give it links named k.EXT.
links = os.path.join(work, "sharp-in")
os.makedirs(links, exist_ok=True)
for name in os.listdir(links):
    os.unlink(os.path.join(links, name))
names = []
for i, f in enumerate(files):
    link = os.path.join(links, f"{i}{os.path.splitext(f)[1].lower()}")
    os.symlink(f, link)
    names.append(link)
write("sharp.args", ([n] for n in names))
print(f"{len(files)} inputs, {sum(os.path.getsize(f) for f in files)} bytes", file=sys.stderr)
PY
[[ -s "$results" ]] || printf 'date\tcorpus\ttool\tworkers\tround\twall_s\tcpu_s\tpeak_rss_mb\tpeak_tree_rss_mb\trc\toutputs\toutput_bytes\n' > "$results"

# xargs aborts the whole batch when a command exits 255 (cwebp does on a file it cannot read, e.g. CMYK
# JPEG), so each call goes through sh, which turns any failure into exit 1: xargs carries on, exits 123.
keep_going='"$@" || exit 1'
cds_dir() {  # cds_dir BIN: the class-data archive directory of one optimizr build
  echo "$work/cds-$(printf '%s' "$1" | cksum | cut -d' ' -f1)"
}
run() {  # run TOOL: one measured conversion of the whole corpus into $work/out
  local opts= env=() word words bin=$bin
  if [[ "$1" == optimizr*:* ]]; then  # optimizr-lossy:-XX:+UseParallelGC,-Xmx1g = that tool with these JVM flags
    IFS=, read -r -a words <<< "${1#*:}"
    for word in "${words[@]}"; do  # NAME=VALUE (capitals) is an environment variable, e.g. MALLOC_ARENA_MAX=1
      if [[ "$word" == BIN=* ]]; then bin=${word#BIN=}
      elif [[ "$word" =~ ^[A-Z_]+= ]]; then env+=("$word"); else opts+="${opts:+ }$word"; fi
    done
    set -- "${1%%:*}"
  fi
  [[ "$1" == optimizr* ]] && env+=("OPTIMIZR_CDS_DIR=$(cds_dir "$bin")")
  export OPTIMIZR_JAVA_OPTS="$opts"
  case "$1" in
    optimizr-lossy) set -- "$bin" -input "$corpus" -output "$work/out" -workers "$workers" -quality 80 -png lossy -audit off -keep-extension -quiet -force ;;
    optimizr-w3)    set -- "$bin" -input "$corpus" -output "$work/out" -quality 80 -png lossy -audit off -keep-extension -quiet -force ;;
    optimizr-defaults) set -- "$bin" -input "$corpus" -output "$work/out" -keep-extension -quiet -force ;;
    optimizr-auto)  set -- "$bin" -input "$corpus" -output "$work/out" -workers "$workers" -quality 80 -audit off -keep-extension -quiet -force ;;
    cwebp)          set -- xargs -0 -P "$workers" -n 3 -a "$work/cwebp.args" sh -c "$keep_going" cwebp cwebp -quiet -q 80 -m 4 ;;
    sharp)          env+=(UV_THREADPOOL_SIZE=1 VIPS_CONCURRENCY=1)
                    set -- xargs -0 -P "$workers" -n 64 -a "$work/sharp.args" sh -c "$keep_going" sharp "$sharp" -f webp -q 80 --effort 4 -o "$work/out" -i ;;
    sharp-defaults) set -- sh -c '"$@" "$0"/*' "$work/sharp-in" "$sharp" -f webp -o "$work/out" -i ;;
    vips)           set -- xargs -0 -P "$workers" -n 2 -a "$work/vips.args" sh -c "$keep_going" vips vips copy ;;
    imagemagick)    set -- xargs -0 -P "$workers" -n 2 -a "$work/imagemagick.args" sh -c "$keep_going" convert "$convert" -quality 80 -define webp:method=4 -strip ;;
    *) echo "compare.sh: unknown tool $1" >&2; exit 2 ;;
  esac
  env "${env[@]}" python3 "$here/bench/measure.py" -- "$@" 2>>"$work/stderr.log"
}

find "$corpus" -type f -exec cat {} + > /dev/null   # page cache

# Class-data sharing as users have it: a build's first run writes its archive as it exits (seconds of CPU),
# and a run a minute later adopts it. Each build gets its own archive directory (a build adopting its archive
# drops other builds' from the same directory), and one untimed run first, so that no measured run pays.
warm=()
for tool in "${tools[@]}"; do
  [[ "$tool" == optimizr* ]] || continue
  b=$bin
  if [[ "$tool" == *BIN=* ]]; then b=${tool#*BIN=}; b=${b%%,*}; fi
  [[ " ${warm[*]} " == *" $b "* ]] || warm+=("$b")
done
for b in "${warm[@]}"; do
  rm -rf "$work/out" && OPTIMIZR_CDS_DIR=$(cds_dir "$b") "$b" -input "$corpus" -output "$work/out" -quiet -force \
    > /dev/null 2>&1 || true
done
if [[ ${#warm[@]} -gt 0 ]]; then
  sleep 61
  for b in "${warm[@]}"; do OPTIMIZR_CDS_DIR=$(cds_dir "$b") "$b" -version > /dev/null 2>&1 || true; done
fi
n=${#tools[@]}
for ((r = 0; r < rounds; r++)); do
  for ((k = 0; k < n; k++)); do
    tool=${tools[$(((r + k) % n))]}
    rm -rf "$work/out" && mkdir -p "$work/out"
    m=$(run "$tool")
    read -r outputs bytes < <(find "$work/out" -type f -name '*.webp' -printf '%s\n' | awk '{n++; s+=$1} END {print n+0, s+0}')
    line=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$(date -u +%FT%TZ)" "$name" "$tool" "$workers" "$((r + 1))" "$m" "$outputs" "$bytes")
    echo "$line" >> "$results"
    echo "$line" >&2
  done
done
rm -rf "$work/out"

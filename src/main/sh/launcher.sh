#!/bin/sh
# optimizr: this file is a POSIX sh launcher followed by the application jar (java -jar reads the jar
# past this prefix). Needs Java 17+ on PATH or in JAVA_HOME. Extra JVM flags: OPTIMIZR_JAVA_OPTS.
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
  *[Uu][Tt][Ff]-8* | *[Uu][Tt][Ff]8*) ;;
  # Java decodes file names with the locale's charset; under cron's POSIX locale non-ASCII names break.
  *) LC_ALL=C.UTF-8; export LC_ALL ;;
esac
if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

# Memory defaults, measured in BENCHMARKS.md ("Launcher memory defaults"); every one can be overridden.
# glibc: two malloc arenas instead of 8 per core, fewer places for freed libwebp buffers to stay resident.
: "${MALLOC_ARENA_MAX:=2}"
export MALLOC_ARENA_MAX
# Heap: unless the caller sizes it, the maximum is half the memory limit (the machine's, or the cgroup v2/v1
# limit of the container or service, whichever is lower): room for the largest image WebP holds, one at a
# time, while libwebp's buffers and the JVM's own live in the other half. Memory admission keeps what is
# decoded at once to at most 1 GB, and a photo run stays lean under the large limit (ADR-5 in
# docs/decisions.md): optimizr asks for a collection once dead rasters pass 256 MB, which
# ExplicitGCInvokesConcurrent makes a concurrent cycle (its first pause frees them), and the free ratios have
# G1 give the heap back after each cycle instead of keeping up to 70 % of it free.
# OPTIMIZR_CGROUP_DIR (default /sys/fs/cgroup) lets tests point the launcher at fake cgroup files.
heap=
case " ${JDK_JAVA_OPTIONS:-} ${JAVA_TOOL_OPTIONS:-} ${OPTIMIZR_JAVA_OPTS:-} " in
  *" -Xmx"* | *" -XX:MaxHeapSize="* | *" -XX:MaxRAM"*) ;;
  *)
    limit_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo 2>/dev/null)
    cgroup=${OPTIMIZR_CGROUP_DIR:-/sys/fs/cgroup}
    # The mount's root is a container's own group; a systemd service's (MemoryMax=) is below it.
    v2=$(awk -F: '$1 == "0" { print $3; exit }' /proc/self/cgroup 2>/dev/null)
    v1=$(awk -F: '$2 ~ /(^|,)memory(,|$)/ { print $3; exit }' /proc/self/cgroup 2>/dev/null)
    for f in "$cgroup/memory.max" "$cgroup$v2/memory.max" "$cgroup/memory/memory.limit_in_bytes" \
        "$cgroup/memory$v1/memory.limit_in_bytes"; do
      if [ -r "$f" ]; then
        read -r v < "$f" || v=
        # "max" (v2) or a huge number (v1) means no limit
        case $v in '' | *[!0-9]*) ;; *) [ "$((v / 1024))" -lt "${limit_kb:-9223372036854775807}" ] && limit_kb=$((v / 1024)) ;; esac
      fi
    done
    if [ -n "$limit_kb" ]; then heap="-Xmx$((limit_kb / 2048))m"; fi
    ;;
esac
gc="-XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=10 -XX:+ExplicitGCInvokesConcurrent"
java_bin=$(command -v "$JAVA" 2>/dev/null) || java_bin=$JAVA
java_bin=$(readlink -f "$java_bin" 2>/dev/null) || true
# JDK 17 to 21: while a thread is inside a native call that pins a Java array (the JPEG and zlib decoders,
# libwebp), G1 cannot collect, and an allocation that needs a collection gives up after 2 tries with
# OutOfMemoryError however much heap is free (seen fetching an object while large images were being encoded).
# Let it wait instead. JDK 22 and later pin regions instead and have no such flag.
case $(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "${java_bin%/bin/java}/release" 2>/dev/null) in
  17 | 18 | 19 | 20 | 21) gc="$gc -XX:+UnlockDiagnosticVMOptions -XX:GCLockerRetryAllocationCount=100" ;;
esac

# Class-data sharing (BENCHMARKS.md, "Start-up and re-runs"): the first run of this binary on this Java writes
# the classes it loaded to an archive at exit, and later runs map it instead of reading and verifying them from
# the jar again: about a third off the fixed cost of every run. The archive is keyed by this file and the JVM;
# it lives in OPTIMIZR_CDS_DIR (default ~/.cache/optimizr). OPTIMIZR_CDS=off, or an unwritable directory,
# turns it off; the JVM ignores an archive it cannot use, silently. Only a conversion run writes one (a
# -version or status run loads too few classes to be worth keeping).
train=yes
case "${1:-}" in status | report | help | generate-completion) train=no ;; esac
for a in "$@"; do case $a in -version | --version | -V | -h | --help | -dry-run | --dry-run) train=no ;; esac; done
set -- -jar "$0" "$@"
case "${OPTIMIZR_CDS:-on} ${OPTIMIZR_JAVA_OPTS:-}" in
  off* | *-Xshare:* | *SharedArchiveFile=* | *ArchiveClassesAtExit=*) ;;
  *)
    cds_dir=${OPTIMIZR_CDS_DIR:-${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/optimizr}
    key=$(ls -lLn "$0" "$java_bin" "${java_bin%/bin/java}/lib/server/libjvm.so" 2>/dev/null | cksum | cut -d' ' -f1)
    archive=$cds_dir/optimizr-$key.jsa
    if [ ! -s "$archive" ] && [ -d "$cds_dir" ]; then
      # A run writes its archive as NAME.PID.part at exit; one older than a minute is complete: adopt it, and
      # drop the archives of other builds and the duplicates of runs that started together.
      part=$(find "$cds_dir" -maxdepth 1 -name "optimizr-$key.*.part" -mmin +1 2>/dev/null | head -n 1)
      if [ -n "$part" ] && mv -f "$part" "$archive" 2>/dev/null; then
        find "$cds_dir" -maxdepth 1 \( -name 'optimizr-*.part' -mmin +1 -o -name 'optimizr-*.jsa' \) \
          ! -name "optimizr-$key.jsa" -exec rm -f {} + 2>/dev/null
      fi
    fi
    if [ -s "$archive" ]; then
      set -- "-XX:SharedArchiveFile=$archive" -Xlog:cds=off -Xlog:cds+dynamic=off "$@"
    elif [ "$train" = yes ] && mkdir -p "$cds_dir" 2>/dev/null && [ -w "$cds_dir" ]; then
      # optimizr.cds.training: the run also loads the object-storage classes before it exits, for later runs on
      # a bucket (S3Storage.loadClasses).
      set -- "-XX:ArchiveClassesAtExit=$cds_dir/optimizr-$key.$$.part" -Xlog:cds=off -Xlog:cds+dynamic=off \
        -Doptimizr.cds.training=true "$@"
    fi
    ;;
esac
# Per-thread cached NIO buffers as large as the largest file read (tens of MB per worker): not cached.
exec "$JAVA" $heap $gc -Djdk.nio.maxCachedBufferSize=262144 $OPTIMIZR_JAVA_OPTS "$@"

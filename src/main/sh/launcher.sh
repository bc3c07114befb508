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
# Per-thread cached NIO buffers as large as the largest file read (tens of MB per worker): not cached.
exec "$JAVA" $heap $gc -Djdk.nio.maxCachedBufferSize=262144 $OPTIMIZR_JAVA_OPTS -jar "$0" "$@"

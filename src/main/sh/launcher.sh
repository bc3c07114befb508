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
# Heap: unless the caller sizes it, at most 384 MB (a quarter of the memory limit when that is less).
# G1 grows its heap towards the limit, as decoded rasters are single huge arrays: with the JVM's default
# limit (a quarter of RAM) resident memory reached 0.9-1.3 GB at -workers 3 for the same images, with
# 512 MB 0.76-0.96 GB (median 846 MB), with 384 MB 0.63-0.78 GB (median 706 MB), at the same speed.
heap=
case " ${JDK_JAVA_OPTIONS:-} ${JAVA_TOOL_OPTIONS:-} ${OPTIMIZR_JAVA_OPTS:-} " in
  *" -Xmx"* | *" -XX:MaxHeapSize="* | *" -XX:MaxRAM"*) ;;
  *)
    limit_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo 2>/dev/null)
    for f in /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do
      if [ -r "$f" ]; then
        read -r v < "$f" || v=
        case $v in '' | *[!0-9]*) ;; *) [ "$((v / 1024))" -lt "${limit_kb:-9223372036854775807}" ] && limit_kb=$((v / 1024)) ;; esac
      fi
    done
    mb=384
    if [ -n "$limit_kb" ] && [ "$((limit_kb / 4096))" -lt "$mb" ]; then mb=$((limit_kb / 4096)); fi
    heap="-Xmx${mb}m"
    ;;
esac
# Per-thread cached NIO buffers as large as the largest file read (tens of MB per worker): not cached.
exec "$JAVA" $heap -Djdk.nio.maxCachedBufferSize=262144 $OPTIMIZR_JAVA_OPTS -jar "$0" "$@"

#!/bin/sh
# optimizr: this file is a POSIX sh launcher followed by the application jar (java -jar reads the jar
# past this prefix). Needs Java 17+ on PATH or in JAVA_HOME. Extra JVM flags: OPTIMIZR_JAVA_OPTS.
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
  *[Uu][Tt][Ff]-8* | *[Uu][Tt][Ff]8*) ;;
  # Java decodes file names with the locale's charset; under cron's POSIX locale non-ASCII names break.
  *) LC_ALL=C.UTF-8; export LC_ALL ;;
esac
if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
exec "$JAVA" $OPTIMIZR_JAVA_OPTS -jar "$0" "$@"

#!/bin/sh
# optimizr: this file is a POSIX sh launcher followed by the application jar (java -jar reads the jar
# past this prefix). Needs Java 17+ on PATH or in JAVA_HOME. Extra JVM flags: OPTIMIZR_JAVA_OPTS.
if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
exec "$JAVA" $OPTIMIZR_JAVA_OPTS -jar "$0" "$@"

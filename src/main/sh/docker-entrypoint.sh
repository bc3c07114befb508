#!/bin/sh
# optimizr's container entry point (see Dockerfile and README "Docker").
#
# -input /data/input and -output /data/output are added unless the arguments name their own: picocli
# rejects a flag given twice, so a fixed ENTRYPOINT could not be overridden and a CMD would be replaced as
# a whole by `docker run IMAGE -workers 3`. Every other argument is passed through unchanged.
set -eu

# the single-file launcher (target/optimizr); deploy/kubernetes/job.yaml calls it directly
launcher=/opt/optimizr/bin/optimizr
# webp-imageio extracts libwebp here and loads it from here: it must exist, be writable and allow exec.
native_dir=${OPTIMIZR_NATIVE_DIR:-/tmp/optimizr-native}

has_input=no
has_output=no
for arg in "$@"; do
  case $arg in
    -input | --input | -input=* | --input=*) has_input=yes ;;
    -output | --output | -output=* | --output=*) has_output=yes ;;
  esac
done
if [ "$has_output" = no ]; then set -- -output /data/output "$@"; fi
if [ "$has_input" = no ]; then set -- -input /data/input "$@"; fi

# Fails on a read-only root without a tmpfs at /tmp; optimizr then exits 70 naming the directory.
mkdir -p "$native_dir" 2>/dev/null || true
OPTIMIZR_JAVA_OPTS="-Dcom.luciad.imageio.webp.tmpdir=$native_dir ${OPTIMIZR_JAVA_OPTS:-}"
export OPTIMIZR_JAVA_OPTS

# exec, and the launcher execs java: the JVM is PID 1 and gets docker stop's SIGTERM (it finishes the
# images in progress and exits 143).
exec "$launcher" "$@"

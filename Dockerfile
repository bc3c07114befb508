# syntax=docker/dockerfile:1
# optimizr in a container: Maven build stage, slim JRE runtime, non-root, read-only-root friendly.
#
#   docker build -t optimizr .
#   docker run --rm --cpus=1 --memory=8g --read-only --tmpfs /tmp:exec \
#     -v "$PWD/images:/data/input:ro" -v "$PWD/output:/data/output" optimizr -workers 3 -quality 80
#
# --read-only needs a writable, executable /tmp: libwebp is extracted there and loaded (docker's --tmpfs is
# noexec unless told otherwise). docker stop -t 120: SIGTERM lets the images in progress finish (exit 143).
#
# Arguments go to optimizr; -input /data/input -output /data/output are added unless given
# (src/main/sh/docker-entrypoint.sh). README "Docker" has the details.

# Base images, overridable: docker build --build-arg RUNTIME_IMAGE=debian:trixie-slim --build-arg JRE=openjdk-21-jre-headless .
# The runtime is Debian's OpenJDK on a slim Debian: its JPEG decoder links the system libjpeg-turbo, where
# Temurin's JRE carries IJG libjpeg 6b, which decodes JPEGs more slowly (BENCHMARKS.md, "Which Java").
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY pom.xml .
COPY src src
# Tests run in CI (mvn -B package), not here: some need tools (dwebp) the build image lacks.
# The cache mount keeps ~/.m2 between builds (BuildKit).
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package

FROM ${RUNTIME_IMAGE}
ARG JRE=openjdk-17-jre-headless
# The JRE's package installs a man page link, and slim images have no man directories.
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$JRE" \
 && rm -rf /var/lib/apt/lists/*
# Non-root, with a fixed numeric uid: Kubernetes' runAsNonRoot can only verify a numeric USER, and host
# directories can be chown'ed to it (or run with --user "$(id -u):$(id -g)" to write as yourself).
RUN groupadd --system --gid 10001 optimizr \
 && useradd --system --uid 10001 --gid optimizr --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin optimizr \
 && mkdir -p /data/input /data/output \
 && chown optimizr:optimizr /data/output

# target/optimizr: the launcher stub followed by the jar (README "Running it"), at the path
# deploy/kubernetes/job.yaml calls; it passes OPTIMIZR_JAVA_OPTS to the JVM.
COPY --from=build --chmod=755 /src/target/optimizr /opt/optimizr/bin/optimizr
COPY --chmod=755 src/main/sh/docker-entrypoint.sh /opt/optimizr/docker-entrypoint.sh

# Class-data sharing: one conversion of the bundled samples writes the archive of the classes a run loads,
# kept in the image (read-only for the runtime user), so every container starts about a third faster
# (the launcher, README "Running it"). It is keyed by the launcher and the JVM, both fixed in the image.
ENV OPTIMIZR_CDS_DIR=/opt/optimizr/cds
COPY samples /tmp/samples
RUN /opt/optimizr/bin/optimizr -input /tmp/samples -output /tmp/samples-webp -quiet \
 && for f in /opt/optimizr/cds/*.part; do mv "$f" "${f%.*.part}.jsa"; done \
 && rm -rf /tmp/samples /tmp/samples-webp /tmp/webp-imageio* /tmp/hsperfdata_* \
 && ls /opt/optimizr/cds/optimizr-*.jsa

# The JVM decodes file names with the locale's charset; without UTF-8, non-ASCII names cannot be read.
ENV LANG=C.UTF-8 \
    LC_ALL=C.UTF-8
# JVM sizing: none here. The launcher reads the container's memory limit (cgroup v2 memory.max or v1
# memory.limit_in_bytes) and gives half of it to the heap, the other half staying for libwebp's native buffers
# (about 1.5x the pixels of each image inside it), metaspace, code cache, threads and GC bookkeeping; memory
# admission decodes at most 1 GB at once and a larger image alone, and G1 returns the heap it no longer needs
# (docs/decisions.md, ADR-5). With --memory=8g: a 4 GiB heap, enough for any 8-bit image WebP can hold (16383 x
# 16383 RGBA). To size it yourself: docker run -e OPTIMIZR_JAVA_OPTS="-Xmx6g" ... (any -Xmx, MaxHeapSize or
# MaxRAM... flag turns the launcher's sizing off).

USER 10001:10001
# Input is mounted read-only (:ro); optimizr never writes to it. Output holds the WebP tree,
# summary.json, failures.jsonl and the run state.
VOLUME ["/data/input", "/data/output"]
WORKDIR /data
ENTRYPOINT ["/opt/optimizr/docker-entrypoint.sh"]

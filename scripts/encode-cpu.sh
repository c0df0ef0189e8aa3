#!/usr/bin/env bash
# Steady-state encoder CPU time on one thread, with the JIT's share (io.inlay.bench.cpu.EncodeCpu;
# docs/presets.md, "Fifth round"):
#   scripts/encode-cpu.sh INPUT.y4m PRESET FRAMES WARMUPS RUNS QP [name=value ...]
# e.g. scripts/encode-cpu.sh apple.y4m ultrafast 24 2 3 32 splitSkipRatio=0
# JVM options as bin/inlay's; INLAY_JAVA_OPTS adds more.
set -euo pipefail

REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$REPO/bin/lib/jdk.sh"
source "$REPO/bin/lib/jar.sh"
inlay_find_jdk25 || exit 1
JAVA_HOME="$INLAY_JAVA_HOME"
export JAVA_HOME

SUFFIX="${INLAY_BUILD_SUFFIX:-}"
JAR="$REPO/benchmarks/target$SUFFIX/benchmarks.jar"
inlay_ensure_jar encode-cpu "$REPO" benchmarks "$JAR"

# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" @"$REPO/bin/lib/jvm.options" -XX:+UseParallelGC -Xmn256m \
    ${INLAY_JAVA_OPTS:-} -cp "$JAR" io.inlay.bench.cpu.EncodeCpu "$@"

#!/usr/bin/env bash
# Runs Inlay's JMH benchmarks (module `benchmarks`, package io.inlay.bench.jmh).
#
#   scripts/jmh.sh [JMH options] [benchmark regexp ...]
#
#   scripts/jmh.sh -l                                   list the benchmarks
#   scripts/jmh.sh KernelBenchmark                      SSE/SAD/SATD scalar vs vector, transforms, intra
#   scripts/jmh.sh 'KernelBenchmark.s[as]' -p size=16   SAD and SATD at 16x16 only
#   scripts/jmh.sh RdBenchmark -p clip=carphone_176x144_30 -p qp=32 -p config=random-access -p frames=9
#   scripts/jmh.sh DecodeBenchmark -rf json -rff decode.json
#
# Finds a JDK 25 (bin/lib/jdk.sh), builds benchmarks/target<suffix>/benchmarks.jar with
# `mvn -q -DskipTests -pl benchmarks -am package` when it is missing or older than any pom.xml
# or file under src/main, then runs `java -jar benchmarks.jar "$@"`. Every argument goes to
# JMH (`-h` prints JMH's help). The forked JVMs get `--add-modules jdk.incubator.vector
# -XX:InlineSmallCode=6000` from the benchmarks' @Fork; add JVM options with -jvmArgsPrepend
# (-jvmArgsAppend would replace those), e.g. `-jvmArgsPrepend -Dinlay.corpus=/path/to/clips`.
#
# Environment: INLAY_BUILD_SUFFIX (build into target<suffix>, as -Dinlay.buildSuffix does),
# INLAY_JAVA_OPTS (options for the JMH host JVM, not the forks), INLAY_NO_BUILD=1 (never build).
set -euo pipefail

REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR/.. source=bin/lib/jdk.sh
source "$REPO/bin/lib/jdk.sh"
# shellcheck source-path=SCRIPTDIR/.. source=bin/lib/jar.sh
source "$REPO/bin/lib/jar.sh"
inlay_find_jdk25 || exit 1
JAVA_HOME="$INLAY_JAVA_HOME"
export JAVA_HOME

SUFFIX="${INLAY_BUILD_SUFFIX:-}"
JAR="$REPO/benchmarks/target$SUFFIX/benchmarks.jar"

inlay_ensure_jar jmh "$REPO" benchmarks "$JAR"

# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${INLAY_JAVA_OPTS:-} -jar "$JAR" "$@"

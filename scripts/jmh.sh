#!/usr/bin/env bash
# Runs Inlay's JMH benchmarks (module `benchmarks`, package io.inlay.bench.jmh).
#
#   scripts/jmh.sh [JMH options] [benchmark regexp ...]
#
#   scripts/jmh.sh -l                                   list the benchmarks
#   scripts/jmh.sh KernelBenchmark                      SSE/SAD/SATD scalar vs vector, transforms, intra
#   scripts/jmh.sh 'KernelBenchmark.s[as]' -p size=16   SAD and SATD at 16x16 only
#   scripts/jmh.sh RdBenchmark -p clip=carphone_176x144_30 -p qp=32
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
inlay_find_jdk25 || exit 1
JAVA_HOME="$INLAY_JAVA_HOME"
export JAVA_HOME

SUFFIX="${INLAY_BUILD_SUFFIX:-}"
JAR="$REPO/benchmarks/target$SUFFIX/benchmarks.jar"

# True when the jar is missing or older than a pom or a file under src/main of any module.
stale() {
    [[ -f "$JAR" ]] || return 0
    [[ -n "$(find "$REPO" \( -name .git -o -name 'target*' -o -name results -o -name node_modules \) -prune \
        -o \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$JAR" -print -quit 2>/dev/null)" ]]
}

build() {
    command -v mvn >/dev/null || { echo "jmh: needs Maven (mvn) on PATH to build $JAR" >&2; exit 1; }
    local log rc=0
    log="$(mktemp "${TMPDIR:-/tmp}/inlay-jmh-build.XXXXXX")"
    echo "jmh: building $JAR ..." >&2
    (cd "$REPO" && mvn -q -B -ntp -DskipTests -Dinlay.buildSuffix="$SUFFIX" -pl benchmarks -am package \
        </dev/null >"$log" 2>&1) || rc=$?
    if [[ $rc -ne 0 || ! -f "$JAR" ]]; then
        cat "$log" >&2
        rm -f "$log"
        echo "jmh: build failed (mvn exit $rc)" >&2
        exit 4
    fi
    rm -f "$log"
    touch "$JAR"
}

if [[ "${INLAY_NO_BUILD:-0}" != 1 ]] && stale; then
    # One build at a time per checkout and suffix; a second waiter finds the jar fresh.
    if command -v flock >/dev/null; then
        lock="${TMPDIR:-/tmp}/inlay-jmh-build-$(printf '%s' "$REPO$SUFFIX" | cksum | cut -d' ' -f1).lock"
        exec 9>"$lock"
        flock 9
        if stale; then build; fi
        flock -u 9
        exec 9>&-
    else
        build
    fi
fi
[[ -f "$JAR" ]] || { echo "jmh: $JAR is missing" >&2; exit 4; }

# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${INLAY_JAVA_OPTS:-} -jar "$JAR" "$@"

#!/usr/bin/env bash
# Rate-distortion report: Inlay against x264 and x265 on a clip set, in one command.
#
#   scripts/rd-report.sh [--clips LIST] [--frames N] [--qps LIST] [--configs LIST]
#                        [--anchors LIST|none] [--presets LIST] [--anchor-threads N] [--threads N] [--jobs N]
#                        [--corpus DIR] [--out DIR] [--work DIR] [--from-csv FILE]
#
# Defaults: every *.y4m of ../shared/corpus, 10 frames, QPs 22 27 32 37, Inlay random-access and
# all-intra (--configs; also low-delay), x264 and x265 at preset medium (single-threaded; --presets
# medium,slower adds the slower anchors) with the key-frame interval of each configuration (64 for
# random access and low delay, 1 for all intra), two encodes at a time, output in results/:
# results/rd.csv, results/report.md, results/plots/<clip>.png; anchor cache in results/work/rd/.
# Progress goes to stderr, the BD-rate tables to stdout. `--help` lists every option
# (io.inlay.bench.report.RdReport); docs/benchmarking.md describes the method.
#
# Finds a JDK 25 (bin/lib/jdk.sh), builds benchmarks/target<suffix>/benchmarks.jar when it is
# missing or older than a pom or a main source file, and installs x264, x265 and ffmpeg with
# apt-get when anchors are requested and one is missing.
# Environment: INLAY_BUILD_SUFFIX (build into target<suffix>), INLAY_JAVA_OPTS (extra JVM options).
set -euo pipefail

REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=../bin/lib/jdk.sh
source "$REPO/bin/lib/jdk.sh"
# shellcheck source=../bin/lib/jar.sh
source "$REPO/bin/lib/jar.sh"
inlay_find_jdk25 || exit 1
JAVA_HOME="$INLAY_JAVA_HOME"
export JAVA_HOME

SUFFIX="${INLAY_BUILD_SUFFIX:-}"
JAR="$REPO/benchmarks/target$SUFFIX/benchmarks.jar"

log() { echo "rd-report: $*" >&2; }

# Options that decide what to prepare: --help needs nothing, --from-csv and --anchors none need no tools.
help=false from_csv=false anchors=true
prev=""
for a in "$@"; do
    case "$a" in
        -h|--help) help=true ;;
        --from-csv|--from-csv=*) from_csv=true ;;
        --anchors=none) anchors=false ;;
    esac
    [[ "$prev" == --anchors && "$a" == none ]] && anchors=false
    prev="$a"
done

inlay_ensure_jar rd-report "$REPO" benchmarks "$JAR"

if ! $help && ! $from_csv && $anchors; then
    missing=()
    for t in x264 x265 ffmpeg; do command -v "$t" >/dev/null || missing+=("$t"); done
    if [[ ${#missing[@]} -gt 0 ]]; then
        log "installing ${missing[*]} (apt-get)"
        sudo=""
        [[ $(id -u) -eq 0 ]] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
fi

cd "$REPO"
# Same JVM flags as bin/inlay: the Vector API options (bin/lib/jvm.options) and a fixed young
# generation (bin/inlay says why).
# The JVM's "Using incubator modules" warning is dropped from stderr (java's stderr goes through
# grep, its stdout straight to ours on fd 3); the exit status is java's.
set +e
{
    # shellcheck disable=SC2086
    "$JAVA_HOME/bin/java" @"$REPO/bin/lib/jvm.options" \
        -XX:+UseParallelGC -Xss8m -Xmx3g -Xmn256m \
        -Djava.awt.headless=true \
        ${INLAY_JAVA_OPTS:-} \
        -cp "$JAR" io.inlay.bench.report.RdReport "$@" \
        2>&1 1>&3 3>&- | grep --line-buffered -v '^WARNING: Using incubator modules: jdk.incubator.vector$'
    rc=${PIPESTATUS[0]}
} 3>&1 1>&2
exit "$rc"

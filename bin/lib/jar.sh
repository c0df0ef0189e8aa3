# shellcheck shell=bash
# Builds a project jar on demand for Inlay's launchers. Source this file (after bin/lib/jdk.sh
# has set JAVA_HOME), then call
#
#   inlay_ensure_jar NAME REPO MODULE JAR
#
# which, unless INLAY_NO_BUILD=1, runs `mvn -q -DskipTests -pl MODULE -am package` (with
# -Dinlay.buildSuffix=$INLAY_BUILD_SUFFIX) when JAR is missing or older than any pom.xml or
# src/main file of the checkout, one build at a time per checkout and suffix. On failure it
# prints Maven's output and one line "NAME: build failed ..." and exits 4.

# True when $1 (a jar) is missing or older than a pom or a file under src/main below $2.
inlay_jar_stale() {
    local jar="$1" repo="$2"
    [[ -f "$jar" ]] || return 0
    [[ -n "$(find "$repo" \( -name .git -o -name 'target*' -o -name results -o -name node_modules \) -prune \
        -o \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$jar" -print -quit 2>/dev/null)" ]]
}

inlay_build_jar() {
    local name="$1" repo="$2" module="$3" jar="$4" log rc=0
    command -v mvn >/dev/null || { echo "$name: needs Maven (mvn) on PATH to build $jar" >&2; exit 1; }
    log="$(mktemp "${TMPDIR:-/tmp}/inlay-build.XXXXXX")"
    echo "$name: building $jar ..." >&2
    (cd "$repo" && mvn -q -B -ntp -DskipTests -Dinlay.buildSuffix="${INLAY_BUILD_SUFFIX:-}" -pl "$module" -am \
        package </dev/null >"$log" 2>&1) || rc=$?
    if [[ $rc -ne 0 || ! -f "$jar" ]]; then
        cat "$log" >&2
        rm -f "$log"
        echo "$name: build failed (mvn exit $rc)" >&2
        exit 4
    fi
    rm -f "$log"
    touch "$jar"
}

inlay_ensure_jar() {
    local name="$1" repo="$2" module="$3" jar="$4"
    if [[ "${INLAY_NO_BUILD:-0}" != 1 ]] && inlay_jar_stale "$jar" "$repo"; then
        if command -v flock >/dev/null; then
            local lock
            lock="${TMPDIR:-/tmp}/inlay-build-$(printf '%s' "$repo$module${INLAY_BUILD_SUFFIX:-}" | cksum | cut -d' ' -f1).lock"
            exec 9>"$lock"
            flock 9
            if inlay_jar_stale "$jar" "$repo"; then inlay_build_jar "$name" "$repo" "$module" "$jar"; fi
            flock -u 9
            exec 9>&-
        else
            inlay_build_jar "$name" "$repo" "$module" "$jar"
        fi
    fi
    [[ -f "$jar" ]] || { echo "$name: $jar is missing" >&2; exit 4; }
}

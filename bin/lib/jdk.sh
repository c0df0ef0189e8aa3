# shellcheck shell=bash
# Finds a JDK 25 for Inlay's launchers. Source this file, then call inlay_find_jdk25: on success
# it sets INLAY_JAVA_HOME and returns 0; on failure it prints one line to stderr and returns 1.
#
# Order: $JAVA_HOME if it is a JDK 25, then /usr/lib/jvm/temurin-25*, then /usr/lib/jvm/*25*.

# Major version of the JDK at $1 ("" if it is not a JDK with java and javac).
inlay_jdk_major() {
    local home="$1" v=""
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 0
    if [[ -f "$home/release" ]]; then
        v="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")"
    fi
    if [[ -z "$v" ]]; then
        v="$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)"
    fi
    v="${v#1.}"
    echo "${v%%[.+-]*}"
}

inlay_find_jdk25() {
    local tried=() candidates=() c
    if [[ -n "${JAVA_HOME:-}" ]]; then
        candidates+=("$JAVA_HOME")
    fi
    shopt -s nullglob
    candidates+=(/usr/lib/jvm/temurin-25* /usr/lib/jvm/*25*)
    shopt -u nullglob
    for c in "${candidates[@]}"; do
        c="${c%/}"
        [[ " ${tried[*]} " == *" $c "* ]] && continue
        tried+=("$c")
        if [[ "$(inlay_jdk_major "$c")" == 25 ]]; then
            # shellcheck disable=SC2034  # the result, read by the sourcing script
            INLAY_JAVA_HOME="$c"
            return 0
        fi
    done
    if [[ ${#tried[@]} -eq 0 ]]; then
        echo "inlay: needs a JDK 25 (tried \$JAVA_HOME (unset), /usr/lib/jvm/temurin-25*, /usr/lib/jvm/*25*: none found)" >&2
    else
        local list
        list="$(printf '%s, ' "${tried[@]}")"
        echo "inlay: needs a JDK 25 (tried ${list%, }; set JAVA_HOME to a JDK 25)" >&2
    fi
    return 1
}

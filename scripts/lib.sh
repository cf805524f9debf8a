# shellcheck shell=bash
# The functions every ZeroBuffer script shares. Source it, do not run it:
#
#   . "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../scripts/lib.sh"
#   PROG="zerobuffer bench"                  # names the command in messages (default: the script's name)
#   pick_java                                # JAVA, JAVA_HOME, PATH
#   ensure_built "$ZB_ROOT/benchmarks/target/classpath.txt" benchmarks api impl-linux benchmarks
#   exec "$JAVA" -cp ... Main "$@"
#
# Defines ZB_ROOT (the repository root). Environment honoured by every script:
#   JAVA       the java binary that runs the command (e.g. a Java 25 for the distribution)
#   JAVA_HOME  the JDK that builds (Maven) and, without JAVA, runs; default: the JDK 17 under
#              /usr/lib/jvm when it exists, else whatever java/mvn are on the PATH
#   JAVA_OPTS  extra JVM options (the scripts pass them on)

ZB_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
PROG="${PROG:-$(basename "$0")}"

# The JDK the project builds with, when JAVA_HOME does not name one.
ZB_DEFAULT_JDK=/usr/lib/jvm/java-17-openjdk-amd64

# pick_java: sets JAVA_HOME (exported, for Maven) to ZB_DEFAULT_JDK when unset and that JDK is
# there, puts its bin first on the PATH, and sets JAVA to the java that runs the command: $JAVA
# when given, else JAVA_HOME's, else the one on the PATH.
pick_java() {
    if [[ -z "${JAVA_HOME:-}" && -x "$ZB_DEFAULT_JDK/bin/java" ]]; then
        export JAVA_HOME="$ZB_DEFAULT_JDK"
    fi
    if [[ -n "${JAVA_HOME:-}" ]]; then
        export PATH="$JAVA_HOME/bin:$PATH"
    fi
    JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
}

# java_feature_version JAVA: the feature version (17, 21, 25, ...) of that java, read from its
# JDK's release file without starting a JVM; empty when unknown.
java_feature_version() {
    local bin release
    bin="$(readlink -f "$(command -v "$1" 2>/dev/null || echo "$1")" 2>/dev/null || echo "$1")"
    release="$(dirname "$(dirname "$bin")")/release"
    [[ -r "$release" ]] && sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
    return 0
}

# ensure_built STAMP MODULES DIR...
# Builds the reactor modules MODULES (comma-separated, with what they depend on) when the file
# STAMP (a jar or class file the command needs) is missing or older than the root pom or any
# source under the DIRs (relative to ZB_ROOT; see needs_build). Serialised with flock, so
# commands started together build once. STAMP is touched afterwards: an up-to-date Maven
# output is not rewritten.
ensure_built() {
    local stamp="$1" modules="$2"; shift 2
    needs_build "$stamp" "$@" || return 0
    mkdir -p "$ZB_ROOT/.build"
    exec 9>"$ZB_ROOT/.build/build.lock"
    flock 9
    if needs_build "$stamp" "$@"; then
        echo "$PROG: building $modules (first use or sources changed; log: $ZB_ROOT/.build/build.log)" >&2
        build_modules "$modules" package
        if [[ ! -f "$stamp" ]]; then
            echo "$PROG: the build did not produce $stamp" >&2
            exit 70
        fi
        touch "$stamp"
    fi
    flock -u 9
    exec 9>&-
}

# build_modules MODULES [GOAL]: mvn GOAL (default package) of MODULES and what they depend on,
# tests skipped, quietly: offline first, then online. On failure prints the end of the log and
# exits 70.
build_modules() {
    local modules="$1" goal="${2:-package}" log="$ZB_ROOT/.build/build.log"
    mkdir -p "$ZB_ROOT/.build"
    if ! (cd "$ZB_ROOT" && mvn -q -o -B -pl "$modules" -am "$goal" -DskipTests >"$log" 2>&1) \
        && ! (cd "$ZB_ROOT" && mvn -q -B -pl "$modules" -am "$goal" -DskipTests >"$log" 2>&1); then
        echo "$PROG: build failed; last lines of $log:" >&2
        tail -n 30 "$log" >&2
        exit 70
    fi
}

# needs_build STAMP DIR...: true when STAMP is missing, or the root pom or a file under one of
# the DIRs is newer than STAMP. Not sources: target/, src/test/, scripts/, *.md, *.log.
needs_build() {
    local stamp="$1"; shift
    [[ -f "$stamp" ]] || return 0
    [[ "$ZB_ROOT/pom.xml" -nt "$stamp" ]] && return 0
    local dirs=() d newer
    for d in "$@"; do dirs+=("$ZB_ROOT/$d"); done
    newer="$(find "${dirs[@]}" \( -name target -o -path '*/src/test' -o -name scripts \) -prune -o \
        -type f ! -name '*.md' ! -name '*.log' -newer "$stamp" -print -quit 2>/dev/null)"
    [[ -n "$newer" ]]
}

#!/usr/bin/env bash
# Runs the ZeroBuffer distribution: Apache Felix with SCR, Configuration Admin, the api, the
# engine, JNA and the demo bundle (synthetic 1080p YUV420 video at 30 fps through a buffer).
# Builds dist/target/zerobuffer.jar first (quietly, with Maven) when it is missing or older than
# the sources. Headless is fine. Ctrl-C stops the framework cleanly; every buffer is removed.
#
#   dist/run.sh            run until Ctrl-C / SIGTERM
#   dist/run.sh SECONDS    run that long, then stop as on Ctrl-C (exit 0)
# Environment: JAVA (java binary), ZEROBUFFER_JAVA_OPTS (extra JVM options).
set -euo pipefail

dist="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$dist")"
jar="$dist/target/zerobuffer.jar"
java="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"

# A quick start matters more here than peak compiled code: C1 only (no C2 threads competing for
# the CPUs while the framework starts: on a busy 2-core machine the first frame comes 2-3x
# sooner) and the serial collector. Options in ZEROBUFFER_JAVA_OPTS come later and win.
ZEROBUFFER_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC ${ZEROBUFFER_JAVA_OPTS:-}"

# The launcher runs on any Java from 17 on. From 24 on the JVM warns about sun.misc.Unsafe
# calls (Felix makes one at start-up); allow them quietly. The version is read from the JDK's
# release file: no JVM is started for it.
release="$(dirname "$(dirname "$(readlink -f "$(command -v "$java")" 2>/dev/null || echo "$java")")")/release"
if [ -r "$release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")"
    if [ -n "$version" ] && [ "$version" -ge 24 ]; then
        ZEROBUFFER_JAVA_OPTS="--sun-misc-unsafe-memory-access=allow ${ZEROBUFFER_JAVA_OPTS:-}"
    fi
fi

# The modules whose bundles the jar contains.
sources=("$root/pom.xml" "$dist/pom.xml" "$dist/zerobuffer.bndrun" "$dist/src" "$root/api" "$root/impl-linux" "$root/demo" "$root/dist-support"
    "$root/monitor-ui" "$root/javafx-osgi" "$root/bridge-aeron")

stale() {
    [ -f "$jar" ] || return 0
    [ -n "$(find "${sources[@]}" -name target -prune -o -type f -newer "$jar" -print -quit 2>/dev/null)" ]
}

if stale; then
    echo "zerobuffer run: building the distribution (mvn -pl dist -am package), log in $dist/build.log" >&2
    if ! (cd "$root" && mvn -B -q -pl dist -am -DskipTests package) >"$dist/build.log" 2>&1; then
        tail -n 40 "$dist/build.log" >&2
        echo "zerobuffer run: build failed, full log in $dist/build.log" >&2
        exit 1
    fi
fi

if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then
    # Timed run: SIGINT after SECONDS, exactly what Ctrl-C does.
    seconds="$1"; shift
    set +e
    # shellcheck disable=SC2086  # ZEROBUFFER_JAVA_OPTS is a list of options
    timeout --foreground -s INT "$seconds" "$java" ${ZEROBUFFER_JAVA_OPTS:-} -jar "$jar" "$@"
    status=$?
    [ "$status" -eq 124 ] && status=0
    exit "$status"
fi

# java -jar in place of this shell: signals (Ctrl-C, SIGTERM) reach the JVM, whose shutdown
# hook (zerobuffer-dist-support's) stops the framework, so every component closes its buffers.
# shellcheck disable=SC2086
exec "$java" ${ZEROBUFFER_JAVA_OPTS:-} -jar "$jar" "$@"

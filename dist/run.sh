#!/usr/bin/env bash
# Runs the ZeroBuffer distribution: Apache Felix with SCR, Configuration Admin, the api, the
# engine, JNA, the monitor and the demo bundle (synthetic 1080p YUV420 video at 30 fps through a
# buffer). Builds dist/target/zerobuffer.jar first (quietly, with Maven) when it is missing or
# older than the sources. Headless is fine. Ctrl-C stops the framework cleanly; every buffer is
# removed.
#
#   dist/run.sh            run until Ctrl-C / SIGTERM
#   dist/run.sh SECONDS    run that long, then stop as on Ctrl-C (exit 0)
# Environment: JAVA (the java that runs the jar, any from 17 on), JAVA_HOME (the JDK that
# builds), ZEROBUFFER_JAVA_OPTS (extra JVM options). See scripts/lib.sh.
set -euo pipefail
PROG="zerobuffer run"
# shellcheck source=../scripts/lib.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../scripts/lib.sh"
pick_java
jar="$ZB_ROOT/dist/target/zerobuffer.jar"
# The modules whose bundles the jar contains.
ensure_built "$jar" dist dist api impl-linux demo dist-support monitor-ui javafx-osgi bridge-aeron

# A quick start matters more here than peak compiled code: C1 only (no C2 threads competing for
# the CPUs while the framework starts: on a busy 2-core machine the first frame comes 2-3x
# sooner) and the serial collector. Options in ZEROBUFFER_JAVA_OPTS come later and win.
ZEROBUFFER_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC ${ZEROBUFFER_JAVA_OPTS:-}"
# From Java 24 on the JVM warns about sun.misc.Unsafe calls (Felix makes one at start-up): allow them quietly.
version="$(java_feature_version "$JAVA")"
if [[ -n "$version" && "$version" -ge 24 ]]; then
    ZEROBUFFER_JAVA_OPTS="--sun-misc-unsafe-memory-access=allow $ZEROBUFFER_JAVA_OPTS"
fi

if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then
    # Timed run: SIGINT after SECONDS, exactly what Ctrl-C does.
    seconds="$1"; shift
    set +e
    # shellcheck disable=SC2086  # ZEROBUFFER_JAVA_OPTS is a list of options
    timeout --foreground -s INT "$seconds" "$JAVA" $ZEROBUFFER_JAVA_OPTS -jar "$jar" "$@"
    status=$?
    [[ "$status" -eq 124 ]] && status=0
    exit "$status"
fi

# java -jar in place of this shell: signals (Ctrl-C, SIGTERM) reach the JVM, whose shutdown
# hook (zerobuffer-dist-support's) stops the framework, so every component closes its buffers.
# shellcheck disable=SC2086  # ZEROBUFFER_JAVA_OPTS is a list of options
exec "$JAVA" $ZEROBUFFER_JAVA_OPTS -jar "$jar" "$@"

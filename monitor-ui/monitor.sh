#!/usr/bin/env bash
# The ZeroBuffer monitor, standalone: `monitor.sh` opens the window, `monitor.sh --text` prints a
# refreshing table in the terminal (for SSH sessions without a display). `./zerobuffer monitor`
# runs this script. On first use, or when sources changed, it builds the modules it needs quietly.
#   monitor.sh [--text | --json] [--once] [--filter GLOB] [--interval MS] [--no-color] [--select NAME] [--help]
# Environment: JAVA, JAVA_HOME (scripts/lib.sh), JAVA_OPTS (extra JVM options, e.g.
# -Dprism.order=sw under Xvfb), MAVEN_REPO (default ~/.m2/repository).
set -euo pipefail
PROG="zerobuffer monitor"
# shellcheck source=../scripts/lib.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../scripts/lib.sh"
pick_java
REPO="${MAVEN_REPO:-$HOME/.m2/repository}"
FX_VERSION=21.0.11
JNA_VERSION=5.19.1
HERE="$ZB_ROOT/monitor-ui"
stamp="$HERE/target/classes/io/zerobuffer/monitor/Main.class"
# The build also fetches JavaFX into the local Maven repository: build when it is not there.
[[ -f "$REPO/org/openjfx/javafx-controls/$FX_VERSION/javafx-controls-$FX_VERSION-linux.jar" ]] || rm -f "$stamp"
ensure_built "$stamp" monitor-ui api impl-linux monitor-ui

CP="$ZB_ROOT/api/target/classes:$ZB_ROOT/impl-linux/target/classes:$HERE/target/classes:$REPO/net/java/dev/jna/jna/$JNA_VERSION/jna-$JNA_VERSION.jar"
FX=""
for m in base graphics controls; do
  FX="$FX${FX:+:}$REPO/org/openjfx/javafx-$m/$FX_VERSION/javafx-$m-$FX_VERSION-linux.jar"
done
for arg in "$@"; do
  if [[ "$arg" == --text || "$arg" == --json || "$arg" == --help || "$arg" == -h ]]; then
    # shellcheck disable=SC2086  # JAVA_OPTS is a list of options
    exec "$JAVA" ${JAVA_OPTS:-} -cp "$CP" io.zerobuffer.monitor.Main "$@"
  fi
done
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
exec "$JAVA" ${JAVA_OPTS:-} --module-path "$FX" --add-modules javafx.controls -cp "$CP" io.zerobuffer.monitor.Main "$@"

#!/usr/bin/env bash
# The ZeroBuffer monitor, standalone: `monitor.sh` opens the window, `monitor.sh --text` prints a
# refreshing table in the terminal (for SSH sessions without a display). `./zerobuffer monitor`
# runs this script. On first use, or when sources changed, it builds the modules it needs quietly.
#   monitor.sh [--text | --json] [--once] [--filter GLOB] [--interval MS] [--no-color] [--select NAME] [--help]
# Environment: JAVA_HOME (default: the JDK 17 under /usr/lib/jvm), JAVA_OPTS (extra JVM options,
# e.g. -Dprism.order=sw under Xvfb), MAVEN_REPO (default ~/.m2/repository).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
[ -n "${JAVA_HOME:-}" ] && export PATH="$JAVA_HOME/bin:$PATH"
REPO="${MAVEN_REPO:-$HOME/.m2/repository}"
FX_VERSION=21.0.11
JNA_VERSION=5.19.1

build_if_needed() {
  local marker="$HERE/target/classes/io/zerobuffer/monitor/Main.class"
  if [ ! -f "$marker" ] \
     || [ -n "$(find "$ROOT/api/src/main" "$ROOT/impl-linux/src/main" "$HERE/src/main" -newer "$marker" -print -quit)" ] \
     || [ ! -f "$REPO/org/openjfx/javafx-controls/$FX_VERSION/javafx-controls-$FX_VERSION-linux.jar" ]; then
    echo "zerobuffer monitor: building (first use or sources changed)..." >&2
    local log
    log="$(mktemp -t zerobuffer-monitor-build.XXXXXX)"
    if ! (cd "$ROOT" && { mvn -q -B -o compile -pl monitor-ui -am >"$log" 2>&1 \
          || mvn -q -B compile -pl monitor-ui -am >"$log" 2>&1; }); then
      echo "zerobuffer monitor: the build failed; the end of its log ($log):" >&2
      tail -40 "$log" >&2
      exit 4
    fi
    rm -f "$log"
  fi
}

build_if_needed
CP="$ROOT/api/target/classes:$ROOT/impl-linux/target/classes:$HERE/target/classes:$REPO/net/java/dev/jna/jna/$JNA_VERSION/jna-$JNA_VERSION.jar"
FX=""
for m in base graphics controls; do
  FX="$FX${FX:+:}$REPO/org/openjfx/javafx-$m/$FX_VERSION/javafx-$m-$FX_VERSION-linux.jar"
done

for arg in "$@"; do
  if [ "$arg" = "--text" ] || [ "$arg" = "--json" ] || [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
    # shellcheck disable=SC2086
    exec java ${JAVA_OPTS:-} -cp "$CP" io.zerobuffer.monitor.Main "$@"
  fi
done
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} --module-path "$FX" --add-modules javafx.controls -cp "$CP" io.zerobuffer.monitor.Main "$@"

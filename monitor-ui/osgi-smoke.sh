#!/usr/bin/env bash
# The monitor bundle inside Felix: once without a display (expect one log line, no window), once
# under Xvfb (expect the window; a screenshot goes to target/osgi/). Bundles: Felix SCR and its
# OSGi dependencies, zerobuffer-javafx (module javafx-osgi) and zerobuffer-monitor-ui; the
# launcher itself publishes a LinuxBufferDirectory as the BufferDirectory service.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
REPO="${MAVEN_REPO:-$HOME/.m2/repository}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
OUT="$HERE/target/osgi"; mkdir -p "$OUT"
(cd "$ROOT" && mvn -q -B -o package -DskipTests -pl javafx-osgi,monitor-ui -am >/dev/null 2>&1 \
  || mvn -q -B package -DskipTests -pl javafx-osgi,monitor-ui -am)
CP="$REPO/org/apache/felix/org.apache.felix.framework/7.0.5/org.apache.felix.framework-7.0.5.jar:$ROOT/api/target/classes:$ROOT/impl-linux/target/classes:$REPO/net/java/dev/jna/jna/5.19.1/jna-5.19.1.jar"
BUNDLES="$REPO/org/osgi/org.osgi.util.function/1.2.0/org.osgi.util.function-1.2.0.jar:$REPO/org/osgi/org.osgi.util.promise/1.3.0/org.osgi.util.promise-1.3.0.jar:$REPO/org/osgi/org.osgi.service.component/1.5.1/org.osgi.service.component-1.5.1.jar:$REPO/org/apache/felix/org.apache.felix.scr/2.2.12/org.apache.felix.scr-2.2.12.jar:$(ls "$ROOT"/javafx-osgi/target/zerobuffer-javafx-*.jar):$(ls "$ROOT"/monitor-ui/target/zerobuffer-monitor-ui-*.jar)"

API_JAR="$(ls "$ROOT"/api/target/zerobuffer-api-*.jar | head -1)"

echo "== without a display"
env -u DISPLAY -u WAYLAND_DISPLAY java -Dzerobuffer.api.jar="$API_JAR" -cp "$CP" "$HERE/src/test/osgi/OsgiSmoke.java" "$BUNDLES" 1 2>&1 | tee "$OUT/headless.log"
echo "== under Xvfb"
cat >"$OUT/shoot.sh" <<SHOOT
java -Dprism.order=sw -Dzerobuffer.api.jar="$API_JAR" -cp "$CP" "$HERE/src/test/osgi/OsgiSmoke.java" "$BUNDLES" 8 >"$OUT/display.log" 2>&1 & p=\$!
sleep 7
import -window root "$OUT/felix-monitor.png"
wait \$p
exit 0
SHOOT
xvfb-run -a -s "-screen 0 1280x800x24" bash "$OUT/shoot.sh" || echo "osgi-smoke.sh: xvfb-run exited $?" >&2
cat "$OUT/display.log"
ls -l "$OUT/felix-monitor.png"

#!/usr/bin/env bash
# Screenshots of the monitor window watching live buffers, taken under Xvfb.
# Starts six demo buffers with real traffic (two more JVMs: readers and writers, plus one writer
# that is killed with kill -9), opens the monitor on a virtual display, and writes
#   target/screenshots/monitor-<buffer>.png   one per selected buffer (the window only)
#   target/screenshots/monitor-screen.png     the whole virtual screen, for the record
#   target/screenshots/monitor-text.txt       the --text table of the same moment
#   target/screenshots/monitor.json           the --json --once snapshot of the same moment
# and copies the four states README shows to docs/screenshots/ (healthy: demo-camera-front,
# degraded: demo-lidar, a reader lagging 17 frames behind; stalled: demo-camera-rear, whose live
# reader never reads; dead writer: demo-orphan, killed with -9, its frames then read).
# Needs Debian xvfb, imagemagick, x11-utils and libgtk-3-0 (installed when run as root).
set -euo pipefail
PROG="screenshot.sh"
# shellcheck source=../../scripts/lib.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../scripts/lib.sh"
pick_java
ROOT="$ZB_ROOT"
HERE="$ROOT/monitor-ui"
OUT="$HERE/target/screenshots"
REPO="${MAVEN_REPO:-$HOME/.m2/repository}"
WAIT_FIRST="${WAIT_FIRST:-15}"   # seconds of traffic in the chart before the first shot

if ! command -v xvfb-run >/dev/null || ! command -v import >/dev/null || ! command -v xwininfo >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q xvfb imagemagick x11-utils libgtk-3-0 >/dev/null
  else
    echo "screenshot.sh: needs xvfb, imagemagick, x11-utils, libgtk-3-0 (apt-get install -y ...)" >&2
    exit 2
  fi
fi

echo "screenshot.sh: building..." >&2
build_modules monitor-ui test-compile
mkdir -p "$OUT"
CP="$ROOT/api/target/classes:$ROOT/impl-linux/target/classes:$HERE/target/classes:$HERE/target/test-classes:$REPO/net/java/dev/jna/jna/5.19.1/jna-5.19.1.jar"

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

await_ready() { # log file
  for _ in $(seq 1 200); do grep -q READY "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "screenshot.sh: no READY in $1:" >&2; cat "$1" >&2; exit 3
}

# ring sizes and drain periods chosen to show each state: oscillating, light, stalled (a live
# reader that never reads), degraded (a reader 17 half-MiB frames behind: 85-90 %), orphaned, and wrapped (3 MiB
# frames in a 10 MiB ring: two read, the fourth wrapped, ~1 MiB tail)
"$JAVA" -cp "$CP" io.zerobuffer.monitor.TrafficDemo reader \
  demo-camera-front:67108864:700 demo-telemetry:1048576:100 demo-camera-rear:33554432:0 \
  demo-lidar:10485760:lag17 demo-orphan:4194304:1000 demo-wrapped:10485760:once2 >"$OUT/readers.log" 2>&1 &
PIDS+=($!)
await_ready "$OUT/readers.log"
"$JAVA" -cp "$CP" io.zerobuffer.monitor.TrafficDemo writer \
  demo-camera-front:1048576:60:-1 demo-telemetry:200:2000:-1 demo-camera-rear:1048576:30:-1 \
  demo-lidar:524288:30:-1 demo-wrapped:3145728:2:4 >"$OUT/writers.log" 2>&1 &
PIDS+=($!)
await_ready "$OUT/writers.log"
"$JAVA" -cp "$CP" io.zerobuffer.monitor.TrafficDemo writer demo-orphan:65536:50:20 >"$OUT/orphan.log" 2>&1 &
ORPHAN=$!
await_ready "$OUT/orphan.log"
sleep 1
kill -9 "$ORPHAN"; wait "$ORPHAN" 2>/dev/null || true
echo "screenshot.sh: traffic running; writer $ORPHAN of demo-orphan killed with -9" >&2

cat >"$OUT/shoot.sh" <<SHOOT
set -u
first=1
for sel in demo-camera-front demo-lidar demo-camera-rear demo-orphan demo-wrapped; do
  JAVA_OPTS="-Dprism.order=sw" "$HERE/monitor.sh" --select "\$sel" --filter "demo-*" >"$OUT/monitor-\$sel.log" 2>&1 &
  mp=\$!
  wid=""
  for _ in \$(seq 1 60); do   # JavaFX may take a while to start on a loaded machine
    wid=\$(xwininfo -root -tree | awk '/"ZeroBuffer monitor"/ {print \$1; exit}')
    [ -n "\$wid" ] && break
    sleep 0.5
  done
  # then long enough for a chart, and for the stalled state (5 s of an unmoved read count)
  if [ \$first = 1 ]; then sleep $WAIT_FIRST; first=0; else sleep 8; fi
  if [ -n "\$wid" ]; then import -window "\$wid" "$OUT/monitor-\$sel.png"; else echo "no window for \$sel" >&2; fi
  [ "\$sel" = demo-camera-front ] && import -window root "$OUT/monitor-screen.png"
  kill \$mp; wait \$mp 2>/dev/null || true
done
exit 0
SHOOT
xvfb-run -a -s "-screen 0 1280x800x24" bash "$OUT/shoot.sh"
"$HERE/monitor.sh" --text --once --no-color --filter 'demo-*' >"$OUT/monitor-text.txt"
"$HERE/monitor.sh" --json --once --filter 'demo-*' >"$OUT/monitor.json"
DOCS="$ROOT/docs/screenshots"
mkdir -p "$DOCS"
cp "$OUT/monitor-demo-camera-front.png" "$DOCS/monitor-healthy.png"
cp "$OUT/monitor-demo-lidar.png" "$DOCS/monitor-degraded.png"
cp "$OUT/monitor-demo-camera-rear.png" "$DOCS/monitor-stalled.png"
cp "$OUT/monitor-demo-orphan.png" "$DOCS/monitor-dead-writer.png"
cp "$OUT/monitor-text.txt" "$DOCS/monitor-text.txt"
ls -l "$OUT"/*.png "$OUT/monitor-text.txt" "$DOCS" >&2

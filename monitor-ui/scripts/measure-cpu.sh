#!/usr/bin/env bash
# CPU use of the monitor while it watches 5 busy buffers: text mode (--interval 1000 and 100) and
# the window under Xvfb (10 polls/s). Reads utime+stime of the monitor's JVM from /proc/PID/stat
# over SECONDS (default 30) after a 5-second warm-up. Prints one line per mode.
set -euo pipefail
PROG="measure-cpu.sh"
# shellcheck source=../../scripts/lib.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../scripts/lib.sh"
pick_java
ROOT="$ZB_ROOT"
HERE="$ROOT/monitor-ui"
SECONDS_MEASURED="${1:-30}"
REPO="${MAVEN_REPO:-$HOME/.m2/repository}"
build_modules monitor-ui test-compile
OUT="$HERE/target/cpu"; mkdir -p "$OUT"
CP="$ROOT/api/target/classes:$ROOT/impl-linux/target/classes:$HERE/target/classes:$HERE/target/test-classes:$REPO/net/java/dev/jna/jna/5.19.1/jna-5.19.1.jar"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
await_ready() { for _ in $(seq 1 200); do grep -q READY "$1" 2>/dev/null && return 0; sleep 0.1; done; cat "$1" >&2; exit 3; }

READERS=(); WRITERS=()
for i in 1 2 3 4 5; do
  READERS+=("cpu-busy-$i:16777216:20")       # 16 MiB ring, drained every 20 ms
  WRITERS+=("cpu-busy-$i:65536:500:-1")      # 64 KiB frames, 500 frames/s: 31 MiB/s per buffer
done
"$JAVA" -cp "$CP" io.zerobuffer.monitor.TrafficDemo reader "${READERS[@]}" >"$OUT/readers.log" 2>&1 & PIDS+=($!)
await_ready "$OUT/readers.log"
"$JAVA" -cp "$CP" io.zerobuffer.monitor.TrafficDemo writer "${WRITERS[@]}" >"$OUT/writers.log" 2>&1 & PIDS+=($!)
await_ready "$OUT/writers.log"

cat >"$OUT/measure.sh" <<'MEASURE'
# measure.sh LABEL PID SECONDS: CPU % of one process over SECONDS after 5 s of warm-up
label=$1; pid=$2; secs=$3
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
sleep 5
t0=$(ticks "$pid"); s0=$(date +%s.%N)
sleep "$secs"
t1=$(ticks "$pid"); s1=$(date +%s.%N)
awk -v l="$label" -v a="$t0" -v b="$t1" -v hz="$hz" -v s0="$s0" -v s1="$s1" -v p="$pid" \
  'BEGIN { cpu = (b - a) / hz; wall = s1 - s0; printf "%-34s pid %-7s cpu %6.2f s over %5.1f s = %5.1f %% of one core\n", l, p, cpu, wall, 100 * cpu / wall }'
MEASURE

sleep 2
echo "monitor CPU while watching 5 busy buffers ($(nproc) cores; busy = 500 frames/s of 64 KiB each):"
for interval in 1000 100; do
  "$HERE/monitor.sh" --text --interval "$interval" --no-color >/dev/null & mp=$!
  bash "$OUT/measure.sh" "text mode, --interval $interval ms" "$mp" "$SECONDS_MEASURED"
  kill "$mp"; wait "$mp" 2>/dev/null || true
done
cat >"$OUT/window.sh" <<WINDOW
JAVA_OPTS="-Dprism.order=sw" "$HERE/monitor.sh" --select cpu-busy-1 >"$OUT/window.log" 2>&1 & mp=\$!
bash "$OUT/measure.sh" "window under Xvfb, 10 polls/s" "\$mp" "$SECONDS_MEASURED"
import -window root "$OUT/window.png" 2>/dev/null || true
kill \$mp; wait \$mp 2>/dev/null || true
exit 0
WINDOW
xvfb-run -a -s "-screen 0 1280x800x24" bash "$OUT/window.sh"
echo "load (the demo peers, not the monitor): readers $(awk '{print $14+$15}' /proc/${PIDS[0]}/stat) ticks, writers $(awk '{print $14+$15}' /proc/${PIDS[1]}/stat) ticks"

#!/usr/bin/env bash
# ZeroBuffer cross-process benchmark: ./zerobuffer bench [options]  (see --help)
# Builds the benchmarks module quietly when sources changed, then runs the harness, which starts
# its own worker JVMs (pinned with taskset) and prints a table, or JSON with --json.
# Progress goes to stderr; the result to stdout. Environment: JAVA, JAVA_HOME (scripts/lib.sh).
set -euo pipefail
PROG="zerobuffer bench"
# shellcheck source=../scripts/lib.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../scripts/lib.sh"
pick_java
classpath="$ZB_ROOT/benchmarks/target/classpath.txt"
[[ -f "$ZB_ROOT/benchmarks/target/classes/io/zerobuffer/bench/Bench.class" ]] || rm -f "$classpath"
ensure_built "$classpath" benchmarks api impl-linux benchmarks
exec "$JAVA" -Xmx256m -cp "$ZB_ROOT/benchmarks/target/classes:$(cat "$classpath")" io.zerobuffer.bench.Bench "$@"

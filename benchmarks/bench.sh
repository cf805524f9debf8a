#!/usr/bin/env bash
# ZeroBuffer cross-process benchmark: ./zerobuffer bench [options]  (see --help)
# Builds the benchmarks module quietly when sources changed, then runs the harness, which starts
# its own worker JVMs (pinned with taskset) and prints a table, or JSON with --json.
# Progress goes to stderr; the result to stdout.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ -n "${JAVA_HOME:-}" ]; then export PATH="$JAVA_HOME/bin:$PATH"; fi

MARK="$ROOT/benchmarks/target/classes/io/zerobuffer/bench/Bench.class"
CPFILE="$ROOT/benchmarks/target/classpath.txt"
if [ ! -f "$MARK" ] || [ ! -f "$CPFILE" ] || [ -n "$(find "$ROOT/api/src/main" "$ROOT/impl-linux/src/main" \
      "$ROOT/benchmarks/src/main" "$ROOT/pom.xml" "$ROOT/api/pom.xml" "$ROOT/impl-linux/pom.xml" \
      "$ROOT/benchmarks/pom.xml" -newer "$MARK" -print -quit 2>/dev/null)" ]; then
  echo "bench: building (first use or sources changed)..." >&2
  (cd "$ROOT" && { mvn -q -B -o package -DskipTests -pl benchmarks -am >/dev/null 2>&1 \
      || mvn -q -B package -DskipTests -pl benchmarks -am >&2; }) \
    || { echo "bench: build failed" >&2; exit 1; }
fi
exec "$JAVA" -Xmx256m -cp "$ROOT/benchmarks/target/classes:$(cat "$CPFILE")" io.zerobuffer.bench.Bench "$@"

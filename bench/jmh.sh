#!/usr/bin/env bash
# JMH microbenchmarks in src/test/java/dev/tcpscope/bench.
#
# usage: bench/jmh.sh [REGEX] [JMH options...]
#   bench/jmh.sh                                  # everything, -f 1 -wi 3 -i 5 -prof gc
#   bench/jmh.sh FrameBuilder -i 10 -prof stack   # an option given replaces its default
#   bench/jmh.sh FrameBuilder -rf json -rff bench/out/jmh.json
# REGEX selects benchmarks by class/method name (JMH's own matching); default: all of ours.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

regex=dev.tcpscope.bench
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then regex=$1; shift; fi

java_home=""
if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"25'; then java_home=$JAVA_HOME; fi
if [ -z "$java_home" ]; then for d in /usr/lib/jvm/*25*; do [ -x "$d/bin/java" ] && java_home=$d && break; done; fi
[ -n "$java_home" ] || { echo "jmh.sh: no JDK 25 found" >&2; exit 1; }

cpfile=target/jmh-classpath.txt
./mvnw -q -B -ntp -DskipTests -f core.pom.xml test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test >&2
# JMH refuses a repeated -f/-wi/-i, so a default goes in only when the caller gave none.
defaults=()
has() { local o; for o in "${@:2}"; do [ "$o" = "$1" ] && return 0; done; return 1; }
has -f "$@" || defaults+=(-f 1)
has -wi "$@" || defaults+=(-wi 3)
has -i "$@" || defaults+=(-i 5)
has gc "$@" || defaults+=(-prof gc)
exec "$java_home/bin/java" -cp "target/test-classes:target/classes:$(cat "$cpfile")" \
  org.openjdk.jmh.Main "$regex" "${defaults[@]}" "$@"

#!/usr/bin/env bash
# Usage: scripts/fuzz.sh [MINUTES_PER_TARGET] [TARGET...]
#
# Runs each Jazzer fuzz target of src/test/java/fuzz/HostileFuzzTest.java for MINUTES (default 1)
# with JAZZER_FUZZ=1, niced, one after the other (the machine is shared). Bounds per input:
# 4 KiB (libFuzzer's default -max_len), 10 s (JUnit's default timeout, which Jazzer turns into
# libFuzzer's -timeout) and 2 GB RSS (-rss_limit_mb; the heap is capped at 768 MB so that the RSS measures a leak, not a lazy collector). A finding is written by
# Jazzer into src/test/resources/fuzz/HostileFuzzTestInputs/TARGET/ as crash-*, where the normal
# test run replays it from then on (regression mode): fix the bug, keep the file.
# Prints per target: executions, coverage (libFuzzer's cov/ft counters) and findings;
# the full log of each run is in target/fuzz/TARGET.log.
set -uo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-1}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(captureFile readCommand dissector tcpSequence appPayload jsonBody xmlBody imageBody x509Certificate displayFilter colorFilters)
mkdir -p target/fuzz
printf '%-14s %10s %8s %8s %s\n' target execs cov ft findings
for t in "${targets[@]}"; do
  log=target/fuzz/$t.log
  inputs=src/test/resources/fuzz/HostileFuzzTestInputs/$t
  before=$(ls "$inputs" 2>/dev/null | grep -c '^crash-' || true)
  JAZZER_FUZZ=1 nice ./mvnw -o -B -ntp test -DargLine="--enable-native-access=ALL-UNNAMED -Xmx768m -Xss4m" -Dtest="HostileFuzzTest#$t" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.max_duration="${minutes}m" -Djazzer.keep_going=20 \
    -Djunit.jupiter.execution.timeout.default=10s \
    >"$log" 2>&1
  after=$(ls "$inputs" 2>/dev/null | grep -c '^crash-' || true)
  stats=$(grep -aE '#[0-9]+.*(cov|ft):' "$log" | tail -1)
  execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$stats")
  cov=$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<<"$stats")
  ft=$(sed -nE 's/.*ft: ([0-9]+).*/\1/p' <<<"$stats")
  printf '%-14s %10s %8s %8s %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$((after - before)) new ($after kept)"
done

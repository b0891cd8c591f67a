#!/usr/bin/env bash
# Usage: scripts/make-aot-cache.sh JAVA_HOME JAR
#
# Writes JAR's ahead-of-time cache (JDK 25, JEP 483/514/515: classes loaded and linked, method
# profiles) next to it as <jar without .jar>.aot, from a training run of dev.tcpscope.cli.AotTraining
# over captures of the repository. The launcher passes the cache to the JVM when it is newer
# than the jar; a cache that does not fit (another JDK build, a moved jar) is ignored by the JVM.
# The cache is written to a temporary name and renamed, so a concurrent run never sees half of it.
# First, picocli's classes in JAR are raised from class-file version 49 to 52
# (scripts/RetargetClasses.java): the cache leaves out classes older than 50, and picocli's are
# most of what a short run loads.
# Exit status 0 also when no cache could be made: the cache only makes start-up faster.
set -u
java_home=$1 jar=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
aot=${jar%.jar}.aot
tmp=$aot.$$.tmp
[ -f "$here/captures/synth-traffic-12k.pcap" ] || exit 0
if ! "$java_home/bin/java" "$here/scripts/RetargetClasses.java" "$jar" picocli/; then
  echo "tcpscope: picocli's classes stay out of the start-up cache (their class-file version could not be raised)" >&2
fi
# Small real captures of the commonest application protocols (HTTP, TLS with certificates, DNS):
# the training then also links their dissectors' and trees' string concatenations and lambdas
# (each linked at run time otherwise, ~1 ms apiece: 50 ms of a -V run of mixed traffic).
apps=()
for c in pcapplusplus-650HttpResponses.pcap arkime-openssl-tls1_2.pcap pcapplusplus-DnsPackets.pcap; do
  [ -f "$here/captures/$c" ] && apps+=("$here/captures/$c")
done
# the flags must be those the launcher runs with, or the JVM refuses the cache
flags=(--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:MarkSweepDeadRatio=0 -Xmn16m -Xmx1g)
if "$java_home/bin/java" "${flags[@]}" -XX:AOTCacheOutput="$tmp" -Xlog:aot=off -Xlog:cds=off \
     -cp "$jar" dev.tcpscope.cli.AotTraining \
     "$here/captures/synth-traffic-12k.pcap" "$here/captures/learn_tcp.pcapng" "${apps[@]}" >/dev/null 2>&1 \
   && [ -s "$tmp" ]; then
  mv -f "$tmp" "$aot"
else
  rm -f "$tmp" "$tmp.config"
  echo "tcpscope: no ahead-of-time cache made (start-up stays a little slower)" >&2
fi
rm -f "$tmp.config"
exit 0

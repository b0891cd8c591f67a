#!/usr/bin/env bash
# Usage: scripts/make-column-goldens.sh
#
# Goldens for the packet-list columns printed as fields (`-T fields -e _ws.col.Info` ...;
# ColumnFieldsGoldenTest): for each capture below and each option set, writes
#   src/test/resources/golden/columns/<capture>.<set>.tsv
# the stdout of `tshark -r captures/<capture> <options> -T fields -E header=y -E quote=d
# -e frame.number -e _ws.col.No. -e _ws.col.Time -e _ws.col.Source -e _ws.col.Destination
# -e _ws.col.Protocol -e _ws.col.Length -e _ws.col.Info -e _ws.col.info` (the last is not a
# column title, so it prints nothing, as in tshark), under the profile of the protocols tcpscope
# dissects (scripts/tshark-profile.sh), LC_ALL=C.UTF-8, TZ=UTC; and, for `-T json -e`,
#   src/test/resources/golden/columns/<capture>.<set>.json
# the stdout of `tshark -r captures/<capture> <options> -T json` with the fields of JSON_FIELDS
# (ColumnFieldsGoldenTest too). VERSION records the tshark version, the commands and the date.
# Goldens are made by this script only; never edit them.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/columns
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"

CAPTURES="learn_tcp.pcapng zeek-http-bro.org.pcap arkime-wireshark-retrans.pcap synth-ip-fragments.pcap
  pcapplusplus-IcmpPackets.pcap arkime-twovlan.pcap pcap4j-LinuxSll.pcap tcpdump-icmpv6-length-zero.pcapng"
# set<TAB>options
SETS="plain	
absolute	-t ad
filtered	-Y tcp.len>0||icmp"
FIELDS="-T fields -E header=y -E quote=d -e frame.number -e _ws.col.No. -e _ws.col.Time -e _ws.col.Source
  -e _ws.col.Destination -e _ws.col.Protocol -e _ws.col.Length -e _ws.col.Info -e _ws.col.info"

JSON_FIELDS="-e frame.number -e frame.time -e ip.addr -e tcp.seq -e tcp.flags.str -e http.host -e _ws.col.Info
  -e _ws.col.Time -e _ws.col.info"

rm -rf "$out"
mkdir -p "$out"
printf '%s\n' "$SETS" >"$out/sets.tsv"
n=0
for cap in $CAPTURES; do
  while IFS=$'\t' read -r name opts; do
    # shellcheck disable=SC2086
    XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark -r "captures/$cap" $opts $FIELDS >"$out/$cap.$name.tsv" 2>/dev/null
    # shellcheck disable=SC2086
    XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark -r "captures/$cap" $opts -T json $JSON_FIELDS >"$out/$cap.$name.json" 2>/dev/null
    n=$((n + 2))
  done <<<"$SETS"
done
{
  echo "# Made by scripts/make-column-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "command: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<capture> <options of sets.tsv> $(echo $FIELDS)"
  echo "json command: ... tshark -r captures/<capture> <options of sets.tsv> -T json $(echo $JSON_FIELDS)"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-column-goldens: $n goldens -> $out"

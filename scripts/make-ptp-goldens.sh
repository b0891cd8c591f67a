#!/usr/bin/env bash
# Usage: scripts/make-ptp-goldens.sh
#
# PTP (IEEE 1588) as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh. Writes, under src/test/resources/golden/ptp/ (the detail formats
# gzipped, gzip -9n):
#   <name>.txt          `tshark -r captures/<name>`                       (every frame's list line)
#   <name>.V.txt        `tshark -r captures/<name> -Y "$FILTER" -V`
#   <name>.2.V.txt      `tshark -r captures/<name> -Y "$FILTER" -2 -V`
#   <name>.json         `tshark -r captures/<name> -Y "$FILTER" -T json -x`
#   <name>.pdml         `tshark -r captures/<name> -Y "$FILTER" -T pdml`, its header's time="..." as time=""
#   <name>.ek.json      `tshark -r captures/<name> -Y "$FILTER" -T ek`
#   <name>.fields.tsv   `tshark -r captures/<name> -Y "$FILTER" -T fields -E header=y -e <FIELDS>`
#   <name>.expert.txt   `tshark -r captures/<name> -Y "$FILTER" -q -z expert`
# and VERSION (tshark version, commands, profile, date). PtpTest compares tcpscope's output
# with these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/ptp
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"

CAPTURES="synth-ptp.pcap tcpdump-ptp.pcap tcpdump-ptp_corrections.pcap tcpdump-ptp_ethernet.pcap
  tcpdump-ptp_management.pcap tcpdump-ptp_v2_1.pcap arkime-arkime_synthetic-ptp.pcap"
FILTER='ptp'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info ptp ptp.v2.majorsdoid ptp.v2.messagetype ptp.v2.versionptp
  ptp.v2.messagelength ptp.v2.domainnumber ptp.v2.flags ptp.v2.flags.twostep ptp.v2.correction.ns ptp.v2.correction.subns
  ptp.v2.clockidentity ptp.v2.clockidentity_manuf ptp.v2.sourceportid ptp.v2.sequenceid ptp.v2.controlfield
  ptp.v2.logmessageperiod ptp.v2.sdr.origintimestamp.seconds ptp.v2.sdr.origintimestamp.nanoseconds
  ptp.v2.fu.preciseorigintimestamp.seconds ptp.v2.fu.preciseorigintimestamp.nanoseconds ptp.v2.fu.preciseorigintimestamp.32bit
  ptp.v2.an.grandmasterclockidentity ptp.v2.an.grandmasterclockaccuracy ptp.v2.timesource ptp.v2.an.tlvType
  ptp.v2.an.pathsequence ptp.v2.sig.tlv.tlvType ptp.v2.sig.tlv.durationField ptp.v2.mm.action ptp.v2.mm.managementId
  ptp.v2.mm.data ptp.v2.mm.managementErrorId ptp.v2.mm.offset.subns ptp.v2.mm.physicalLayerProtocol eth.padding
  frame.protocols _ws.expert.message _ws.malformed"
fields() { for f in $1; do printf -- '-e %s ' "$f"; done; }

ts() {
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null || true
}

rm -rf "$out"
mkdir -p "$out"
n=0
for name in $CAPTURES; do
  f=captures/$name
  ts -r "$f" >"$out/$name.txt"
  ts -r "$f" -Y "$FILTER" -V | gzip -9n >"$out/$name.V.txt.gz"
  ts -r "$f" -Y "$FILTER" -2 -V | gzip -9n >"$out/$name.2.V.txt.gz"
  ts -r "$f" -Y "$FILTER" -T json -x | gzip -9n >"$out/$name.json.gz"
  ts -r "$f" -Y "$FILTER" -T pdml | sed -E '0,/^<pdml /s/ time="[^"]*"/ time=""/' | gzip -9n >"$out/$name.pdml.gz"
  ts -r "$f" -Y "$FILTER" -T ek | gzip -9n >"$out/$name.ek.json.gz"
  # shellcheck disable=SC2046
  ts -r "$f" -Y "$FILTER" -T fields -E header=y $(fields "$FIELDS") >"$out/$name.fields.tsv"
  ts -r "$f" -Y "$FILTER" -q -z expert >"$out/$name.expert.txt"
  n=$((n + 1))
done

{
  echo "# Made by scripts/make-ptp-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name> [-Y '$FILTER' {-V | -2 -V | -T json -x | -T pdml | -T ek | -T fields -E header=y -e <field>... | -q -z expert}]"
  echo "fields: $(echo $FIELDS)"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-ptp-goldens: $n captures -> $out"

#!/usr/bin/env bash
# Usage: scripts/make-ntp-goldens.sh
#
# NTP as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh. Writes, under src/test/resources/golden/ntp/ (the detail formats
# gzipped, gzip -9n):
#   <name>.txt          `tshark -r captures/<name>`                       (every frame's list line)
#   <name>.V.txt        `tshark -r captures/<name> -Y "$FILTER" -V`
#   <name>.2.V.txt      `tshark -r captures/<name> -Y "$FILTER" -2 -V`
#   <name>.json         `tshark -r captures/<name> -Y "$FILTER" -T json -x`
#   <name>.pdml         `tshark -r captures/<name> -Y "$FILTER" -T pdml`, its header's time="..." as time=""
#   <name>.ek.json      `tshark -r captures/<name> -Y "$FILTER" -T ek`
#   <name>.fields.tsv   `tshark -r captures/<name> -Y "$FILTER" -T fields -E header=y -e <FIELDS>`
# and VERSION (tshark version, commands, profile, date). NtpTest compares tcpscope's output
# with these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/ntp
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"

CAPTURES="synth-ntp.pcap tcpdump-ntp.pcap tcpdump-ntp-mode7.pcap tcpdump-ntp-time-ef.pcap zeek-NTP-digest.pcap zeek-ntpmode67.pcap zeek-ntp-no-extensions-mac.pcap"
FILTER='ntp'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info ntp ntp.flags ntp.flags.li ntp.flags.vn ntp.flags.mode ntp.stratum
  ntp.ppoll ntp.precision ntp.rootdelay ntp.rootdispersion ntp.refid ntp.reftime ntp.org ntp.rec ntp.xmt ntp.ext.type
  ntp.ext.length ntp.keyid ntp.mac ntp.response_in ntp.request_in ntp.delta_time ntp.ctrl.flags2.opcode ntp.ctrl.sequence
  ntp.ctrl.status ntp.ctrl.associd ntp.ctrl.count ntp.key_type ntp.key_index ntp.priv.reqcode ntp.priv.impl
  ntp.priv.numitems ntp.priv.itemsize ntp.priv.mode7.item ntp.priv.mode7.dstaddress ntp.priv.mode7.offset
  ntp.priv.mode7.peer.flags ntp.priv.monlist.remote_address frame.protocols _ws.expert.message _ws.malformed"
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
  n=$((n + 1))
done

{
  echo "# Made by scripts/make-ntp-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name> [-Y '$FILTER' {-V | -2 -V | -T json -x | -T pdml | -T ek | -T fields -E header=y -e <field>...}]"
  echo "fields: $(echo $FIELDS)"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-ntp-goldens: $n captures -> $out"

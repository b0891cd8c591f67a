#!/usr/bin/env bash
# Usage: scripts/make-tunnel-goldens.sh
#
# VXLAN, Geneve and GTP as tshark shows them, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh. Writes, under src/test/resources/golden/tunnel/ (the detail formats
# gzipped, gzip -9n):
#   <name>.txt          `tshark -r captures/<name>`                       (every frame's list line)
#   <name>.V.txt        `tshark -r captures/<name> -Y "$FILTER" -V`
#   <name>.2.V.txt      `tshark -r captures/<name> -Y "$FILTER" -2 -V`
#   <name>.json         `tshark -r captures/<name> -Y "$FILTER" -T json -x`
#   <name>.pdml         `tshark -r captures/<name> -Y "$FILTER" -T pdml`, its header's time="..." as time=""
#   <name>.ek.json      `tshark -r captures/<name> -Y "$FILTER" -T ek`
#   <name>.fields.tsv   `tshark -r captures/<name> -Y "$FILTER" -T fields -E header=y -e <FIELDS>`
#   <name>.expert.txt   `tshark -r captures/<name> -Y "$FILTER" -q -z expert`
# and VERSION (tshark version, commands, profile, date). TunnelTest compares tcpscope's output
# with these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/tunnel
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"

CAPTURES="synth-tunnels.pcap zeek-vxlan.pcap zeek-vxlan-encapsulated-http.pcap zeek-vxlan-triple-v2.pcap
  suricata-vxlan-non-zero-reserved-fields.pcap zeek-geneve-many-options.pcap zeek-geneve-truncated.pcapng
  zeek-geneve-vxlan-dns-truncated.pcap tcpdump-geneve-gcp.pcap tcpdump-geneve.pcap arkime-gtp-u.pcap
  zeek-gtp_ext_header.pcap zeek-gtp_control_prime.pcap zeek-gtp1_gn_normal_incl_fragmentation.pcap zeek-gtp7_ipv6.pcap
  zeek-gtp10_not_0xff.pcap zeek-gtp4_udp_2152_inside.pcap pcap4j-GtpV1ExtPduSessionContainer.pcap"
FILTER='vxlan || geneve || gtp || gtpprime || udp.port == 2123 || udp.port == 2152 || udp.port == 3386 || udp.port == 4790'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info frame.protocols vxlan vxlan.flags vxlan.flag_g vxlan.flag_i
  vxlan.gbp vxlan.vni vxlan.next_proto geneve.version geneve.option.length geneve.flags.oam geneve.proto_type geneve.vni
  geneve.option.class geneve.option.type gtp.flags gtp.message gtp.length gtp.teid gtp.seq_number gtp.ext_hdr.next
  gtp.ext_hdr.pdcp_sn gtp.tid ip.src ip.dst ipv6.src udp.stream tcp.stream tcp.analysis.retransmission
  _ws.expert.message _ws.malformed"
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
  echo "# Made by scripts/make-tunnel-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name> [-Y '$FILTER' {-V | -2 -V | -T json -x | -T pdml | -T ek | -T fields -E header=y -e <field>... | -q -z expert}]"
  echo "fields: $(echo $FIELDS)"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
# -z expert over every frame of each capture
for name in $CAPTURES; do
  ts -r "captures/$name" -Y "$FILTER" -q -z expert >"$out/$name.expert.txt"
done
echo "make-tunnel-goldens: $n captures -> $out"

#!/usr/bin/env bash
# Usage: scripts/make-ppp-goldens.sh
#
# PPP over Ethernet and PPP in GRE, with the control protocols PPP carries (src/main/java/dev/tcpscope/proto/ppp, wire/Ppp.java;
# PppTest). For every capture below, what tshark prints under the profile of
# scripts/tshark-profile.sh, LC_ALL=C.UTF-8, TZ=UTC, into src/test/resources/golden/ppp/<capture>.<format>:
# the packet list (.list.txt), -V (.V.txt), -2 -V (.2.V.txt), -T json -x (.jsonx.json), -T ek
# (.ek.json), -T fields of the PPPoE and PPP fields (.fields.tsv) and -q -z expert (.expert.txt);
# the four detail formats gzipped (gzip -9n). The captures are the crafted synth-ppp.pcap
# (PppScenarios), the PPPoE and PPTP captures of Arkime, Zeek, tcpdump and PcapPlusPlus, and
# captures of the PPP link types (9, 50) from pcap4j, tcpdump and Zeek.
# Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/golden/ppp
CAPTURES=(synth-ppp.pcap arkime-pppoe.pcap zeek-pppoe.pcap zeek-tunnels-gre-pptp.pcap tcpdump-pppoes.pcap
  tcpdump-pppoe.pcap pcapplusplus-PPPoESession.pcap pcapplusplus-PPPoEDiscovery.pcap pcap4j-PppPacketTest.pcap
  pcap4j-HdlcPppPacketTest.pcap tcpdump-ppp-invalid-lengths.pcap tcpdump-mpls-traceroute.pcap zeek-ppp-quic-interop-retry.pcap
  tcpdump-icmp-cksum-oobr-2.pcap)
FIELDS="frame.number pppoes pppoed pppoe.version pppoe.type pppoe.code pppoe.session_id pppoe.payload_length
  pppoed.tags pppoed.tag pppoed.tag_length pppoed.tag.unknown_data pppoed.tags.service_name pppoed.tags.ac_name
  pppoed.tags.host_uniq pppoed.tags.ac_cookie pppoed.tags.vendor_id pppoed.tags.vendor_unspecified
  pppoed.tags.credits.fcn pppoed.tags.credits.bcn pppoed.tags.seq_num pppoed.tags.relay_session_id
  pppoed.tags.generic_error ppp ppp.address ppp.control ppp.protocol lcp ipcp ipv6cp pap chap ppp.code ppp.identifier
  ppp.length lcp.opt.type ipcp.opt.type pap.peer_id chap.name
  frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message"
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof" >/dev/null
. scripts/lib/layer-goldens.sh
rm -rf "$out"
mkdir -p "$out"
for c in "${CAPTURES[@]}"; do layer_goldens "$out" "$prof" "$c" "$FIELDS"; done
layer_version scripts/make-ppp-goldens.sh "$out" "fields: $(echo $FIELDS)"
echo "make-ppp-goldens: ${#CAPTURES[@]} captures -> $out"

#!/usr/bin/env bash
# Usage: scripts/make-teredo-goldens.sh
#
# Teredo (RFC 4380) as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/teredo/, each capture's packet list
# and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields with
# FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which), and
# VERSION (tshark version, commands, profile, date). TeredoTest compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="zeek-Teredo.pcap zeek-teredo_bubble_with_payload.pcap zeek-teredo-udp-in-udp.pcap zeek-gtp8_teredo.pcap
  rusticata-wireshark_samples-test.pcapng synth-teredo.pcap"
FILTER='teredo || udp.port == 3544'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info teredo teredo.auth teredo.auth.idlen teredo.auth.aulen
  teredo.auth.id teredo.auth.value teredo.auth.nonce teredo.auth.conf teredo.orig teredo.orig.port teredo.orig.addr
  ipv6.src ipv6.dst ipv6.src_ts_ipv4 ipv6.src_tc_port ipv6.src_tc_ipv4 icmpv6.type icmpv6.nonce
  frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-teredo-goldens.sh src/test/resources/golden/teredo "$CAPTURES" "$FILTER" "$FIELDS" expert

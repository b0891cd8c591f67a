#!/usr/bin/env bash
# Usage: scripts/make-ospf-goldens.sh
#
# OSPF (versions 2 and 3) as tshark shows it, for the captures in CAPTURES below, under the
# profile of scripts/tshark-profile.sh: under src/test/resources/golden/ospf/, each capture's
# packet list and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields
# with FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which), and
# VERSION (tshark version, commands, profile, date). OspfTest compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="arkime-ospf.pcap tcpdump-OSPFv2_Capture_FINAL.pcapng tcpdump-OSPFv3_broadcast_adjacency.pcap
  tcpdump-OSPFv3_with_AH.pcap tcpdump-erspan-type-i-4.pcap tcpdump-ospf-ack.pcap tcpdump-ospf-gmpls.pcap
  tcpdump-ospf-nssa-bitnt.pcap tcpdump-ospf-signed-integer-ubsan.pcap tcpdump-ospf-sr-ri-sid.pcap
  tcpdump-ospf-sr.pcapng tcpdump-ospf-sr2.pcapng tcpdump-ospf2-seg-fault-1.pcapng tcpdump-ospf3_auth.pcapng
  tcpdump-ospf6_decode_v3_asan.pcap tcpdump-ospf6_print_lshdr-oobr.pcap tcpdump-ospf_graceful_restart_rfc3623.pcap
  pcapplusplus-ipv6_options.pcap"
FILTER='ospf'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info ospf ospf.version ospf.msg ospf.packet_length ospf.srcrouter
  ospf.area_id ospf.checksum ospf.auth.type ospf.auth.crypt.seq_nbr ospf.instance_id ospf.hello.network_mask
  ospf.hello.active_neighbor ospf.hello.designated_router ospf.v2.options ospf.v3.options ospf.dbd
  ospf.db.dd_sequence ospf.ls.number_of_lsas ospf.lsa ospf.v3.lsa ospf.lsa.id ospf.link_state_id ospf.advrouter
  ospf.lsa.seqnum ospf.lsa.age ospf.lsa.length ospf.lsa.router.linkid ospf.metric ospf.v3.address_prefix.ipv6
  ospf.msg.hello ospf.msg.lsupdate ospf.lsa.router ospf.v3.lsa.link ospf.lls.data_length ospf.at.auth_type
  frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-ospf-goldens.sh src/test/resources/golden/ospf "$CAPTURES" "$FILTER" "$FIELDS" expert

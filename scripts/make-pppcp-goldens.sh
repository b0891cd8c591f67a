#!/usr/bin/env bash
# Usage: scripts/make-pppcp-goldens.sh
#
# PPP's control and authentication protocols (LCP, IPCP, IPV6CP, PAP, CHAP: proto/ppp/PppCp.java)
# as tshark shows them, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/pppcp/, each capture's packet list
# and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields with
# FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which), and
# VERSION (tshark version, commands, profile, date). PppcpTest compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="zeek-pppoe.pcap pcapplusplus-PPPoESession.pcap tcpdump-pppoes.pcap tcpdump-ppp-invalid-lengths.pcap
  tcpdump-pptp.pcap synth-ppp.pcap"
FILTER='lcp || ipcp || ipv6cp || pap || chap'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info ppp.protocol lcp ipcp ipv6cp pap chap ppp.code ppp.identifier
  ppp.length ppp.data lcp.magic_number lcp.data lcp.message lcp.secs_remaining lcp.rej_proto lcp.opt.type lcp.opt.length
  lcp.opt.mru lcp.opt.auth_protocol lcp.opt.algorithm lcp.opt.quality_protocol lcp.opt.magic_number lcp.opt.data
  ipcp.opt.type ipcp.opt.length ipcp.opt.ip_address ipcp.opt.pri_dns_address ipcp.opt.sec_dns_address
  ipcp.opt.pri_nbns_address ipcp.opt.sec_nbns_address ipcp.opt.compress_proto ipcp.opt.max_header ipcp.data
  ipv6cp.opt.type ipv6cp.opt.length ipv6cp.interface_identifier pap.code pap.identifier pap.length pap.peer_id
  pap.password pap.message pap.stuff chap.code chap.identifier chap.length chap.value_size chap.value chap.name
  chap.message chap.stuff frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-pppcp-goldens.sh src/test/resources/golden/pppcp "$CAPTURES" "$FILTER" "$FIELDS" expert

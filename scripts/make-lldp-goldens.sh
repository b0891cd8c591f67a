#!/usr/bin/env bash
# Usage: scripts/make-lldp-goldens.sh
#
# LLDP (IEEE 802.1AB, packet-lldp.c) as tshark shows it, for the captures in CAPTURES below,
# under the profile of scripts/tshark-profile.sh: under src/test/resources/golden/lldp/, each
# capture's packet list and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek,
# -T fields with FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is
# which), and VERSION (tshark version, commands, profile, date). LldpTest compares tcpscope's
# output with these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="arkime-wireshark-lldp.pcap zeek-lldp.pcap tcpdump-LLDP_and_CDP.pcap tcpdump-lldp-app-priority.pcap
  tcpdump-lldp_8021_linkagg.pcap tcpdump-lldp_mudurl.pcap tcpdump-dcb_ets.pcap tcpdump-dcb_pfc.pcap tcpdump-dcb_qcn.pcap
  tcpdump-lldp-infinite-loop-1.pcap tcpdump-lldp-infinite-loop-2.pcap tcpdump-lldp_8023_mtu-oobr.pcap
  tcpdump-lldp_asan.pcap tcpdump-lldp_mgmt_addr_tlv_asan.pcap"
FILTER='lldp'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info lldp lldp.tlv.type lldp.tlv.len lldp.chassis.subtype
  lldp.chassis.id.mac lldp.chassis.id.ip4 lldp.port.subtype lldp.port.id lldp.port.id.mac lldp.time_to_live
  lldp.port.desc lldp.tlv.system.name lldp.tlv.system.desc lldp.tlv.system_cap lldp.tlv.enable_system_cap
  lldp.mgn.addr.ip4 lldp.mgn.addr.ip6 lldp.mgn.addr.hex lldp.mgn.interface.number lldp.orgtlv.oui
  lldp.ieee.802_1.subtype lldp.ieee.802_1.port_vlan.id lldp.ieee.802_1.vlan.name lldp.ieee.802_3.subtype
  lldp.ieee.802_3.max_frame_size lldp.media.subtype lldp.iana.mudurl lldp.unknown_subtype
  eth.trailer frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-lldp-goldens.sh src/test/resources/golden/lldp "$CAPTURES" "$FILTER" "$FIELDS" expert

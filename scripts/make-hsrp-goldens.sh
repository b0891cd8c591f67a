#!/usr/bin/env bash
# Usage: scripts/make-hsrp-goldens.sh
#
# HSRP as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/hsrp/, each capture's packet list
# and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields with
# FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which), and
# VERSION (tshark version, commands, profile, date). HsrpTest compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="synth-hsrp.pcap tcpdump-HSRP_coup.pcap tcpdump-HSRP_election.pcap tcpdump-HSRP_failover.pcap"
FILTER='hsrp'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info hsrp hsrp.version hsrp.opcode hsrp.state hsrp.hellotime hsrp.holdtime
  hsrp.priority hsrp.group hsrp.reserved hsrp.auth_data hsrp.virt_ip hsrp.adv.tlvtype hsrp.adv.tlvlength hsrp.adv.state
  hsrp.adv.reserved1 hsrp.adv.activegrp hsrp.adv.passivegrp hsrp.adv.reserved2 hsrp2.version hsrp2.opcode hsrp2.state
  hsrp2.group_state_tlv hsrp2.interface_state_tlv hsrp2.text_auth_tlv hsrp2.md5_auth_tlv hsrp2.ipversion hsrp2.group
  hsrp2.identifier hsrp2.hellotime hsrp2.holdtime hsrp2.priority hsrp2.auth_data hsrp2.virt_ip hsrp2.virt_ip_v6
  hsrp2.active_groups hsrp2.passive_groups hsrp2.md5_algorithm hsrp2.md5_padding hsrp2.md5_flags hsrp.md5_ip_address
  hsrp2.md5_key_id hsrp2.md5_auth_data hsrp.unknown_tlv frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-hsrp-goldens.sh src/test/resources/golden/hsrp "$CAPTURES" "$FILTER" "$FIELDS" expert

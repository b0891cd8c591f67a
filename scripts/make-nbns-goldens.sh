#!/usr/bin/env bash
# Usage: scripts/make-nbns-goldens.sh
#
# NBNS (the NetBIOS Name Service, packet-nbt.c) as tshark shows it, for the captures in CAPTURES
# below, under the profile of scripts/tshark-profile.sh: under src/test/resources/golden/nbns/,
# each capture's packet list and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml,
# -T ek, -T fields with FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file
# is which), and VERSION (tshark version, commands, profile, date). NbnsTest compares tcpscope's
# output with these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="arkime-nbns.pcap tcpdump-nbns-valgrind.pcap tcpdump-eapon1.pcap zeek-erspan.pcap
  zeek-smb_v2_only_non_zero_reserved1.pcap zeek-wikipedia-filtered-plus-udp.pcap gopacket-cip-2000.pcap synth-nbns.pcap"
FILTER='nbns'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info nbns nbns.id nbns.flags nbns.flags.response nbns.flags.opcode
  nbns.flags.authoritative nbns.flags.truncated nbns.flags.recdesired nbns.flags.recavail nbns.flags.broadcast
  nbns.flags.rcode nbns.count.queries nbns.count.answers nbns.count.auth_rr nbns.count.add_rr nbns.name nbns.type
  nbns.class nbns.ttl nbns.data_length nbns.nb_flags nbns.nb_flags.group nbns.nb_flags.ont nbns.addr
  nbns.number_of_names nbns.netbios_name nbns.name_flags nbns.name_flags.group nbns.name_flags.ont
  nbns.name_flags.drg nbns.name_flags.cnf nbns.name_flags.act nbns.name_flags.prm nbns.unit_id nbns.jumpers
  nbns.test_result nbns.version_number nbns.period_of_statistics nbns.num_crcs nbns.num_good_sends
  nbns.num_good_receives nbns.session_data_packet_size nbns.data nbns.incomplete_entry
  frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-nbns-goldens.sh src/test/resources/golden/nbns "$CAPTURES" "$FILTER" "$FIELDS" expert

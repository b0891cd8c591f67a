#!/usr/bin/env bash
# Usage: scripts/make-sctp-goldens.sh
#
# SCTP as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh (its payload protocols disabled, so DATA chunks carry data): under
# src/test/resources/golden/sctp/, each capture's packet list and, for the frames FILTER keeps,
# -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields with FIELDS and -q -z expert
# (scripts/lib/protocol-goldens.sh says which file is which), and VERSION (tshark version,
# commands, profile, date). FILTER leaves out the messages tshark hands to HTTP (enabled in the
# profile, on sctp.port 80: the DATA chunks that end a message there), which tcpscope does not
# hand on yet; their list lines stay in arkime-sctp-www.pcap.txt, a known gap. SctpTest compares tcpscope's output with these. Goldens are made by
# this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="arkime-sctp-www.pcap zeek-communityid-sctp.pcap pcap4j-SctpPacketTest.pcap tcpdump-forces1.pcap
  tcpdump-forces2.pcap tcpdump-forces3.pcap arkime-m3ua_synthetic.pcap arkime-diameter_synthetic.pcap
  arkime-arkime_synthetic-sctp.pcap pcapplusplus-ip-frag-sctp.pcap"
FILTER='sctp && !(sctp.port == 80 && sctp.data_e_bit == 1)'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info sctp sctp.srcport sctp.dstport sctp.port sctp.verification_tag
  sctp.assoc_index sctp.checksum sctp.checksum.status sctp.chunk_type sctp.chunk_flags sctp.chunk_bit_1 sctp.chunk_bit_2
  sctp.chunk_length sctp.chunk_padding sctp.chunk_value sctp.initiate_tag sctp.init_initiate_tag sctp.init_credit
  sctp.init_nr_out_streams sctp.init_nr_in_streams sctp.init_initial_tsn sctp.initack_initiate_tag sctp.initack_initial_tsn
  sctp.data_tsn sctp.data_tsn_raw sctp.data_sid sctp.data_ssn sctp.data_payload_proto_id sctp.data_e_bit sctp.data_b_bit
  sctp.data_u_bit sctp.data_i_bit sctp.sack_cumulative_tsn_ack sctp.sack_cumulative_tsn_ack_raw sctp.sack_a_rwnd
  sctp.sack_number_of_gap_blocks sctp.sack_number_of_duplicated_tsns sctp.shutdown_cumulative_tsn_ack
  sctp.shutdown_complete_t_bit sctp.cookie sctp.parameter_type sctp.parameter_length sctp.parameter_padding
  sctp.parameter_ipv4_address sctp.parameter_ipv6_address sctp.parameter_heartbeat_information sctp.parameter_state_cookie
  sctp.parameter_supported_address_type sctp.adaptation_layer_indication sctp.ack sctp.ack_frame sctp.fragment
  data.len frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-sctp-goldens.sh src/test/resources/golden/sctp "$CAPTURES" "$FILTER" "$FIELDS" expert

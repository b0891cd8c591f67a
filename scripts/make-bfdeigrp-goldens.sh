#!/usr/bin/env bash
# Usage: scripts/make-bfdeigrp-goldens.sh
#
# BFD and EIGRP as tshark shows them, for the captures in BFD_CAPTURES and EIGRP_CAPTURES below,
# under the profile of scripts/tshark-profile.sh: under src/test/resources/golden/bfdeigrp/bfd/
# and .../eigrp/, each capture's packet list and, for the frames the filter keeps, -V, -2 -V,
# -T json -x, -T pdml, -T ek, -T fields with the FIELDS and -q -z expert
# (scripts/lib/protocol-goldens.sh says which file is which), and VERSION (tshark version,
# commands, profile, date). BfdTest and EigrpTest compare tcpscope's output with these. Goldens
# are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

BFD_CAPTURES="tcpdump-bfd-lag.pcap tcpdump-bfd-multihop.pcap tcpdump-bfd-raw-auth-md5.pcap tcpdump-bfd-raw-auth-sha1.pcap
  tcpdump-bfd-raw-auth-simple.pcap tcpdump-bfd-sbfd.pcap tcpdump-bfd_source_port_49152.pcap tcpdump-hoobr_bfd_print.pcap
  tcpdump-bgp-bfd-cease.pcap"
BFD_FIELDS="frame.number _ws.col.Protocol _ws.col.Info bfd bfd.version bfd.diag bfd.sta bfd.flags bfd.flags.h bfd.flags.p
  bfd.flags.f bfd.flags.c bfd.flags.a bfd.flags.d bfd.flags.m bfd.detect_time_multiplier bfd.message_length
  bfd.my_discriminator bfd.your_discriminator bfd.desired_min_tx_interval bfd.required_min_rx_interval
  bfd.required_min_echo_interval bfd.auth.type bfd.auth.len bfd.auth.key bfd.auth.password bfd.auth.seq_num bfd.checksum
  bfd_echo bfd_echo.packet frame.protocols _ws.expert.message _ws.malformed"
EIGRP_CAPTURES="tcpdump-EIGRP_adjacency.pcap tcpdump-EIGRP_goodbye.pcap tcpdump-EIGRP_ipv6.pcap tcpdump-EIGRP_subnet_down.pcap
  tcpdump-EIGRP_subnet_up.pcap tcpdump-eigrp-tlv-oobr.pcap arkime-mpls-basic.pcap"
EIGRP_FIELDS="frame.number _ws.col.Protocol _ws.col.Info eigrp eigrp.version eigrp.opcode eigrp.checksum
  eigrp.checksum.status eigrp.flags eigrp.flags.init eigrp.flags.condrecv eigrp.flags.restart eigrp.flags.eot
  eigrp.seq eigrp.ack eigrp.vrid eigrp.as eigrp.tlv_type eigrp.tlv.len eigrp.par.k1 eigrp.par.k2 eigrp.par.k3
  eigrp.par.k4 eigrp.par.k5 eigrp.par.k6 eigrp.par.holdtime eigrp.release_version eigrp.tlv_version
  eigrp.seq.addrlen eigrp.seq.ipv4addr eigrp.seq.ipv6addr eigrp.next_mcast_seq eigrp.ipv4.nexthop
  eigrp.old_metric.delay eigrp.old_metric.bw eigrp.old_metric.mtu eigrp.old_metric.hopcount
  eigrp.old_metric.rel eigrp.old_metric.load eigrp.old_metric.intag eigrp.metric.flags.srcwd
  eigrp.metric.flags.cd eigrp.metric.flags.active eigrp.metric.flags.repl eigrp.ipv4.prefixlen
  eigrp.ipv4.destination frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-bfdeigrp-goldens.sh src/test/resources/golden/bfdeigrp/bfd "$BFD_CAPTURES" 'bfd || bfd_echo' "$BFD_FIELDS" expert
protocol_goldens scripts/make-bfdeigrp-goldens.sh src/test/resources/golden/bfdeigrp/eigrp "$EIGRP_CAPTURES" eigrp "$EIGRP_FIELDS" expert

#!/usr/bin/env bash
# Usage: scripts/make-openflow-goldens.sh
#
# OpenFlow as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/openflow/, each capture's packet
# list and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields with
# FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which), and
# VERSION (tshark version, commands, profile, date). OpenflowTest compares tcpscope's output
# with these. Goldens are made by this script only; never edit them by hand.
#
# FILTER names the version dissectors: packet-openflow.c adds no item of its own, so a plain
# "openflow" matches no frame.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="tcpdump-of10-7050q.pcapng tcpdump-of10-7050sx-bsn-oobr.pcap tcpdump-of10-7050sx-bsn.pcap
  tcpdump-of10-inv-OFPST-FLOW.pcap tcpdump-of10-inv-QUEUE-GET-CONFIG-REPLY.pcap tcpdump-of10-p3295.pcap
  tcpdump-of10-pf5240.pcap tcpdump-of10-s4810.pcap tcpdump-of13-ericsson.pcapng"
FILTER='openflow_v1 || openflow_v4 || openflow_v5 || openflow_v6 || openflow.version'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info openflow_v1 openflow.version openflow_1_0.type openflow.length
  openflow.xid openflow.datapath_id openflow.n_buffers openflow.capabilities openflow.port_no openflow.port_name
  openflow.config_flags openflow.buffer_id openflow.in_port openflow.reason openflow.cookie openflow.command
  openflow.priority openflow.wildcards openflow.action_typ openflow.output_port openflow.stats.type openflow.flags
  openflow_v4 openflow_v4.version openflow_v4.type openflow_v4.length openflow_v4.xid
  frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-openflow-goldens.sh src/test/resources/golden/openflow "$CAPTURES" "$FILTER" "$FIELDS" expert

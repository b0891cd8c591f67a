#!/usr/bin/env bash
# Usage: scripts/make-tunnel-goldens.sh
#
# VXLAN, Geneve and GTP as tshark shows them, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/tunnel/, each capture's packet list
# and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek and -T fields with
# FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which),
# and VERSION (tshark version, commands, profile, date). TunnelTest compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="synth-tunnels.pcap zeek-vxlan.pcap zeek-vxlan-encapsulated-http.pcap zeek-vxlan-triple-v2.pcap
  suricata-vxlan-non-zero-reserved-fields.pcap zeek-geneve-many-options.pcap zeek-geneve-truncated.pcapng
  zeek-geneve-vxlan-dns-truncated.pcap tcpdump-geneve-gcp.pcap tcpdump-geneve.pcap arkime-gtp-u.pcap
  zeek-gtp_ext_header.pcap zeek-gtp_control_prime.pcap zeek-gtp1_gn_normal_incl_fragmentation.pcap zeek-gtp7_ipv6.pcap
  zeek-gtp10_not_0xff.pcap zeek-gtp4_udp_2152_inside.pcap pcap4j-GtpV1ExtPduSessionContainer.pcap"
FILTER='vxlan || geneve || gtp || gtpprime || udp.port == 2123 || udp.port == 2152 || udp.port == 3386 || udp.port == 4790'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info frame.protocols vxlan vxlan.flags vxlan.flag_g vxlan.flag_i
  vxlan.gbp vxlan.vni vxlan.next_proto geneve.version geneve.option.length geneve.flags.oam geneve.proto_type geneve.vni
  geneve.option.class geneve.option.type gtp.flags gtp.message gtp.length gtp.teid gtp.seq_number gtp.ext_hdr.next
  gtp.ext_hdr.pdcp_sn gtp.tid ip.src ip.dst ipv6.src udp.stream tcp.stream tcp.analysis.retransmission
  _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-tunnel-goldens.sh src/test/resources/golden/tunnel "$CAPTURES" "$FILTER" "$FIELDS" expert

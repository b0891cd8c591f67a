#!/usr/bin/env bash
# Usage: scripts/make-ipproto-goldens.sh
#
# The protocols above IP that tcpscope dissects in wire/, proto/igmp, proto/vrrp and proto/pim
# (IpProtocolsTest): ESP (also in UDP on port 4500), AH, IPComp, IGMP, VRRP and PIM, and the echo pairing of ICMP and ICMPv6. For every capture below, what tshark prints under the profile of
# scripts/tshark-profile.sh, LC_ALL=C.UTF-8, TZ=UTC, into
# src/test/resources/golden/ipproto/<capture>.<format>: the packet list (.list.txt), -V (.V.txt),
# -2 -V (.2.V.txt), -T json -x (.jsonx.json), -T ek (.ek.json), -T fields of the protocol's
# fields (.fields.tsv) and -q -z expert (.expert.txt); the four detail formats gzipped
# (gzip -9n). The captures are those of captures/ with ESP, AH, IPComp, IGMP, VRRP or PIM in them, and three
# with ICMP and ICMPv6 echoes. Goldens are made by
# this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/golden/ipproto
ESP_CAPTURES=(synth-esp.pcap arkime-wireshark-esp.pcap synth-udpencap.pcap tcpdump-espudp1.pcap)
AH_CAPTURES=(synth-ah.pcap arkime-ah-esp.pcap libpcap-AH-IPcomp-IPv4.pcap libpcap-AH-IPcomp-IPv6.pcap libpcap-ipv6_ah_modes.pcap
  libpcap-ah-ipip-ping.pcap)
IPCOMP_CAPTURES=(synth-ipcomp.pcap tcpdump-ipcomp-heapoverflow.pcap)
IGMP_CAPTURES=(synth-igmp.pcap zeek-igmp-many-groups.pcap zeek-igmp-bad-checksum.pcap
  zeek-multicast-igmp-version-membership-query-and-report.pcap tcpdump-IGMP_V1.pcap tcpdump-IGMP_V2.pcap
  tcpdump-igmpv3-queries.pcap arkime-igmp.pcap pcapplusplus-igmpv3_report2.pcap)
VRRP_CAPTURES=(synth-vrrp.pcap tcpdump-vrrp.pcap pcapplusplus-VRRP-V3-IPv6.pcap)
PIM_CAPTURES=(synth-pim.pcap arkime-pim.pcap libpcap-pim-packet-assortment.pcap tcpdump-PIM-DM_pruning.pcap
  tcpdump-PIM-SM_join_prune.pcap tcpdump-PIM_register_register-stop.pcap tcpdump-PIMv2_bootstrap.pcap
  tcpdump-PIMv2_hellos.pcap tcpdump-hoobr_pimv1.pcap tcpdump-pim-packet-assortment.pcap tcpdump-pim_header_asan.pcap
  tcpdump-pim_header_asan-2.pcap tcpdump-pim_header_asan-3.pcap tcpdump-pim_header_asan-4.pcap tcpdump-pimv2-oobr-4.pcap)
ICMP_CAPTURES=(synth-icmp-echo.pcap pcapplusplus-IcmpPackets.pcap pcapplusplus-ICMPv6_echos.cap)
ICMP_FIELDS="frame.number icmp.type icmp.checksum icmp.ident icmp.seq icmp.resp_in icmp.no_resp icmp.resp_to icmp.resptime
  icmpv6.type icmpv6.checksum icmpv6.echo.identifier icmpv6.echo.sequence_number icmpv6.resp_in icmpv6.no_resp
  icmpv6.resp_to icmpv6.resptime frame.protocols _ws.col.Info _ws.expert.message"
AH_FIELDS="frame.number ah ah.next_header ah.length ah.reserved ah.spi ah.sequence ah.icv esp.spi ip.proto ipv6.nxt
  frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message"
IPCOMP_FIELDS="frame.number ipcomp ipcomp.next_header ipcomp.flags ipcomp.cpi data data.len ip.src ip.proto ipv6.nxt
  frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message"
ESP_FIELDS="frame.number udpencap udpencap.nat_keepalive udpencap.non_esp_marker esp esp.spi esp.sequence esp.sequence-analysis.expected-sn esp.sequence-analysis.previous-frame
  frame.protocols _ws.col.Info _ws.expert.message"
IGMP_FIELDS="frame.number igmp igmp.version igmp.type igmp.max_resp igmp.max_resp.exp igmp.checksum igmp.checksum.status
  igmp.maddr igmp.s igmp.qrv igmp.qqic igmp.num_src igmp.saddr igmp.num_grp_recs igmp.record_type igmp.aux_data_len
  igmp.aux_data igmp.reserved igmp.data igmp.identifier igmp.reply igmp.mtrace.q_id igmp.mtrace.q_fwd_code
  frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message"
VRRP_FIELDS="frame.number vrrp vrrp.typever vrrp.version vrrp.type vrrp.virt_rtr_id vrrp.prio vrrp.addr_count vrrp.auth_type
  vrrp.adver_int vrrp.reserved_mbz vrrp.short_adver_int vrrp.checksum vrrp.checksum.status vrrp.ip_addr vrrp.ipv6_addr
  vrrp.auth_string frame.protocols _ws.col.Info _ws.expert.message"
PIM_FIELDS="frame.number pim pim.version pim.type pim.df_elect.subtype pim.igmp_type pim.code pim.cksum pim.cksum.status
  pim.res_bytes pim.optiontype pim.optionlength pim.optionvalue pim.register_flag.null_register pim.mode pim.holdtime
  pim.numgroups pim.numjoins pim.numprunes pim.t pim.propagation_delay pim.dr_priority pim.generation_id
  pim.state_refresh_interval pim.rpt pim.metric_pref pim.metric pim.prune_indicator pim.ip_version pim.source
  pim.source_ip6 pim.group pim.group_ip6 pim.group_mask pim.upstream_neighbor pim.upstream_neighbor_ip6 pim.join_ip
  pim.join_ip6 pim.prune_ip pim.prune_ip6 pim.address_list pim.address_list_ip6 pim.bsr pim.bsr_ip6 pim.rp pim.rp_ip6
  pim.originator pim.group_address pim.fragment_tag pim.rp_count pim.frp_count pim.priority pim.prefix_count
  pim.src_flags.s pim.mask_len pim.addr_address_family pim.addr_encoding_type pim.unicast pim.unicast_ipv6 pim.group_set
  pim.group_addr.flags pim.source_addr.flags pim.source_addr.flags.w pim.source_ja.flags.attr_type pim.source_ja.value
  pim.ttl pim.interval pim.pfmnoforwardbit frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message"
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof" >/dev/null
. scripts/lib/layer-goldens.sh
rm -rf "$out"
mkdir -p "$out"
for c in "${ESP_CAPTURES[@]}"; do layer_goldens "$out" "$prof" "$c" "$ESP_FIELDS"; done
for c in "${AH_CAPTURES[@]}"; do layer_goldens "$out" "$prof" "$c" "$AH_FIELDS"; done
for c in "${IPCOMP_CAPTURES[@]}"; do layer_goldens "$out" "$prof" "$c" "$IPCOMP_FIELDS"; done
for c in "${IGMP_CAPTURES[@]}"; do layer_goldens "$out" "$prof" "$c" "$IGMP_FIELDS"; done
for c in "${VRRP_CAPTURES[@]}"; do layer_goldens "$out" "$prof" "$c" "$VRRP_FIELDS"; done
for c in "${PIM_CAPTURES[@]}"; do layer_goldens "$out" "$prof" "$c" "$PIM_FIELDS"; done
for c in "${ICMP_CAPTURES[@]}"; do layer_goldens "$out" "$prof" "$c" "$ICMP_FIELDS"; done
layer_version scripts/make-ipproto-goldens.sh "$out" "esp fields: $(echo $ESP_FIELDS)" "ah fields: $(echo $AH_FIELDS)" "ipcomp fields: $(echo $IPCOMP_FIELDS)" "igmp fields: $(echo $IGMP_FIELDS)" \
  "vrrp fields: $(echo $VRRP_FIELDS)" "pim fields: $(echo $PIM_FIELDS)" "icmp fields: $(echo $ICMP_FIELDS)"
echo "make-ipproto-goldens: $(( ${#ESP_CAPTURES[@]} + ${#AH_CAPTURES[@]} + ${#IPCOMP_CAPTURES[@]} + ${#IGMP_CAPTURES[@]} + ${#VRRP_CAPTURES[@]} + ${#PIM_CAPTURES[@]} + ${#ICMP_CAPTURES[@]} )) captures -> $out"

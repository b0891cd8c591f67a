#!/usr/bin/env bash
# Usage: scripts/make-isis-goldens.sh
#
# IS-IS (packet-isis*.c) as tshark shows it under the profile of scripts/tshark-profile.sh, for
# the captures in CAPTURES: under src/test/resources/golden/isis/, each capture's list, -V,
# -2 -V, -T json -x, -T ek, -T fields with FIELDS and -q -z expert (scripts/lib/layer-goldens.sh),
# and VERSION. IsisTest compares tcpscope's output with these. Goldens are made by this script
# only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/golden/isis
CAPTURES=(tcpdump-ISIS_level1_adjacency.pcap tcpdump-ISIS_level2_adjacency.pcap tcpdump-ISIS_external_lsp.pcap
  libpcap-ISIS_external_lsp.pcap tcpdump-isis_iid_tlv.pcap tcpdump-isis_sid.pcap tcpdump-isis-areaaddr-oobr-1.pcap
  tcpdump-isis-areaaddr-oobr-2.pcap tcpdump-isis-extd-ipreach-oobr.pcap tcpdump-isis-seg-fault-1.pcapng
  tcpdump-isis-seg-fault-2.pcapng tcpdump-isis_cap_tlv.pcap tcpdump-isis_sr.pcapng tcpdump-spb.pcap)
FIELDS="frame.number isis isis.irpd isis.len isis.version isis.sysid_len isis.type isis.max_area_adr
  isis.hello.circuit_type isis.hello.source_id isis.hello.holding_timer isis.hello.pdu_length isis.hello.priority
  isis.hello.lan_id isis.hello.local_circuit_id isis.hello.clv.type isis.hello.area_address isis.hello.is_neighbor
  isis.hello.clv_ipv4_int_addr isis.hello.adjacency_state isis.lsp.pdu_length isis.lsp.remaining_life isis.lsp.lsp_id
  isis.lsp.sequence_number isis.lsp.checksum isis.lsp.checksum.status isis.lsp.is_type isis.lsp.clv.type
  isis.lsp.hostname isis.lsp.ip_reachability.ipv4_prefix isis.lsp.eis_neighbors.is_neighbor
  isis.lsp.ext_is_reachability.is_neighbor_id isis.lsp.ext_ip_reachability.ipv4_prefix isis.csnp.source_id
  isis.csnp.start_lsp_id isis.csnp.end_lsp_id isis.csnp.lsp_id isis.csnp.lsp_seq_num isis.psnp.source_id
  frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message _ws.malformed"
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof" >/dev/null
. scripts/lib/layer-goldens.sh
rm -rf "$out"
mkdir -p "$out"
for c in "${CAPTURES[@]}"; do layer_goldens "$out" "$prof" "$c" "$FIELDS"; done
layer_version scripts/make-isis-goldens.sh "$out" "fields: $(echo $FIELDS)"
echo "make-isis-goldens: ${#CAPTURES[@]} captures -> $out"

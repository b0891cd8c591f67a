#!/usr/bin/env bash
# Usage: scripts/make-bgp-goldens.sh
#
# BGP-4 (src/main/java/dev/tcpscope/proto/bgp; BgpTest). For every capture below, what tshark
# prints under the profile of scripts/tshark-profile.sh, LC_ALL=C.UTF-8, TZ=UTC, into
# src/test/resources/golden/bgp/<capture>.<format>: the packet list (.list.txt), -V (.V.txt),
# -2 -V (.2.V.txt), -T json -x (.jsonx.json), -T ek (.ek.json), -T fields of the BGP fields
# below (.fields.tsv) and -q -z expert (.expert.txt); the four detail formats gzipped (gzip -9n).
# The captures are the crafted synth-bgp.pcap (BgpScenarios) and the BGP captures of Arkime,
# PcapPlusPlus and tcpdump in captures/. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/golden/bgp
CAPTURES=(synth-bgp.pcap arkime-cloudshark-bgp-md5.pcap arkime-y2038-bgp.pcap pcapplusplus-BgpPackets.pcap
  pcapplusplus-Bgp_open_malformed.pcap tcpdump-bgp-4byte-asn.pcap tcpdump-bgp-cease-hard-reset.pcap
  tcpdump-bgp-enhanced-route-refresh-subtype.pcapng tcpdump-bgp-infinite-loop.pcap tcpdump-bgp-large-community.pcap
  tcpdump-bgp-shutdown-communication.pcapng tcpdump-bgp_notification_rr_msg_error.pcap tcpdump-mpbgp-linklocal-nexthop.pcap
  tcpdump-bgp-extended-optional-parameters-length.pcapng tcpdump-bgp-extended-shutdown-msg.pcapng tcpdump-bgp-malformed-hard-reset.pcap)
FIELDS="frame.number bgp.type bgp.length bgp.open.myas bgp.open.holdtime bgp.open.identifier bgp.open.opt.param.type
  bgp.cap.type bgp.cap.length bgp.cap.4as bgp.update.withdrawn_routes.length bgp.withdrawn_prefix
  bgp.update.path_attributes.length bgp.update.path_attribute.flags bgp.update.path_attribute.type_code
  bgp.update.path_attribute.length bgp.update.path_attribute.origin bgp.update.path_attribute.as_path_segment.type
  bgp.update.path_attribute.as_path_segment.as2 bgp.update.path_attribute.as_path_segment.as4
  bgp.update.path_attribute.next_hop bgp.update.path_attribute.multi_exit_disc bgp.update.path_attribute.local_pref
  bgp.update.path_attribute.mp_reach_nlri.afi bgp.mp_reach_nlri_ipv6_prefix bgp.nlri_prefix bgp.prefix_length
  bgp.notify.major_error bgp.notify.minor_error_cease bgp.notify.communication bgp.route_refresh.subtype
  frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message"
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof" >/dev/null
. scripts/lib/layer-goldens.sh
rm -rf "$out"
mkdir -p "$out"
for c in "${CAPTURES[@]}"; do layer_goldens "$out" "$prof" "$c" "$FIELDS"; done
layer_version scripts/make-bgp-goldens.sh "$out" "fields: $(echo $FIELDS)"
echo "make-bgp-goldens: ${#CAPTURES[@]} captures -> $out"

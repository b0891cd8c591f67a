#!/usr/bin/env bash
# Usage: scripts/make-stp-goldens.sh
#
# IEEE 802.2 LLC and spanning tree BPDUs (src/main/java/dev/tcpscope/proto/llc, proto/stp;
# StpTest). For every capture below, what tshark prints under the profile of
# scripts/tshark-profile.sh, LC_ALL=C.UTF-8, TZ=UTC, into src/test/resources/golden/stp/<capture>.<format>:
# the packet list (.list.txt), -V (.V.txt), -2 -V (.2.V.txt), -T json -x (.jsonx.json), -T ek
# (.ek.json), -T fields of the LLC and STP fields (.fields.tsv) and -q -z expert (.expert.txt);
# the four detail formats gzipped (gzip -9n). Three fields are left out of .fields.tsv, gaps
# docs/STP.md explains: llc.control.ftype (registered with two widths), stp (the protocol's
# -e value) and _ws.expert.message (an 802.3 length past the frame's end). The captures are the crafted synth-stp.pcap
# (StpScenarios) and the BPDU and LLC captures of tcpdump, PcapPlusPlus and pcap4j.
# Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/golden/stp
CAPTURES=(synth-stp.pcap pcapplusplus-Sll2PacketLLC.pcap tcpdump-802.1D_spanning_tree.pcap tcpdump-802.1w_rapid_STP.pcap
  tcpdump-MSTP_Intra-Region_BPDUs.pcap tcpdump-stp-v4-length-sigsegv.pcap tcpdump-rpvstp-trunk-native-vid5.pcap
  tcpdump-spb_bpduv4.pcap pcapplusplus-Stp.pcap pcap4j-LlcInformationPacketTest.pcap
  pcap4j-LlcSupervisoryPacketTest.pcap pcap4j-LlcUnnumberedPacketTest.pcap)
FIELDS="frame.number llc llc.dsap llc.dsap.sap llc.dsap.ig llc.ssap llc.ssap.sap llc.ssap.cr llc.control llc.control.n_r
  llc.control.n_s llc.control.p llc.control.f llc.control.s_ftype llc.control.u_modifier_cmd llc.control.u_modifier_resp
  llc.type llc.oui llc.pid llc.cisco_pid basicxid.llc.xid.types basicxid.llc.xid.wsize
  stp.protocol stp.version stp.type stp.flags stp.flags.tc stp.flags.port_role stp.root.prio stp.root.ext stp.root.hw
  stp.root.cost stp.bridge.prio stp.bridge.ext stp.bridge.hw stp.port stp.msg_age stp.max_age stp.hello stp.forward
  stp.version_1_length stp.pvst.origvlan mstp.version_3_length mstp.config_name mstp.config_digest
  mstp.cist_internal_root_path_cost mstp.cist_bridge.hw mstp.cist_remaining_hops mstp.msti.flags mstp.msti.msti_id
  mstp.msti.root.hw mstp.msti.root_cost mstp.msti.remaining_hops mstp.version_4_length mstp.agreement_digest
  frame.protocols _ws.col.Protocol _ws.col.Info"
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof" >/dev/null
. scripts/lib/layer-goldens.sh
rm -rf "$out"
mkdir -p "$out"
for c in "${CAPTURES[@]}"; do layer_goldens "$out" "$prof" "$c" "$FIELDS"; done
layer_version scripts/make-stp-goldens.sh "$out" "fields: $(echo $FIELDS)"
echo "make-stp-goldens: ${#CAPTURES[@]} captures -> $out"

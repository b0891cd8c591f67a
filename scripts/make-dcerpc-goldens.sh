#!/usr/bin/env bash
# Usage: scripts/make-dcerpc-goldens.sh
#
# DCE/RPC connection-oriented PDUs over TCP (src/main/java/dev/tcpscope/proto/dcerpc;
# DcerpcTest). For every capture below, what tshark prints under the profile of
# scripts/tshark-profile.sh, LC_ALL=C.UTF-8, TZ=UTC, into src/test/resources/golden/dcerpc/
# <capture>.<format>: the packet list (.list.txt), -V (.V.txt), -2 -V (.2.V.txt), -T json -x
# (.jsonx.json), -T ek (.ek.json), -T fields of the DCE/RPC fields below (.fields.tsv) and
# -q -z expert (.expert.txt); the four detail formats gzipped (gzip -9n). The captures are the
# crafted synth-dcerpc.pcap (scripts/dcerpc-crafted.py) and the DCE/RPC captures of Zeek and Arkime in captures/ (binds with and without authentication,
# NTLMSSP and SPNEGO/Kerberos verifiers, Alter_context, AUTH3, requests and responses on bound
# interfaces, fragmented responses, a Bind_nak, Co_cancel, Orphaned). Goldens are made by this
# script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/golden/dcerpc
CAPTURES=(synth-dcerpc.pcap arkime-dcerpc_synthetic.pcap zeek-bind-ack-no-inband-null.pcap zeek-cs_window7-join_stream092.pcap
  zeek-dce_rpc_netlogon.pcapng zeek-dce_rpc_ntlm.pcapng zeek-kerberos135_auth.pcapng zeek-mapi-390-800.pcap
  zeek-ntlm-empty-av-sequence.pcap)
FIELDS="frame.number dcerpc.ver dcerpc.pkt_type dcerpc.cn_flags dcerpc.drep dcerpc.cn_frag_len dcerpc.cn_auth_len
  dcerpc.cn_call_id dcerpc.cn_max_xmit dcerpc.cn_max_recv dcerpc.cn_num_ctx_items dcerpc.cn_ctx_id
  dcerpc.cn_bind_to_uuid dcerpc.cn_bind_if_ver dcerpc.cn_bind_trans_id dcerpc.cn_sec_addr dcerpc.cn_num_results
  dcerpc.cn_ack_result dcerpc.cn_ack_reason dcerpc.cn_alloc_hint dcerpc.opnum dcerpc.cn_cancel_count
  dcerpc.cn_status dcerpc.auth_type dcerpc.auth_level dcerpc.auth_pad_len dcerpc.auth_ctx_id dcerpc.request_in
  dcerpc.time frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message"
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof" >/dev/null
. scripts/lib/layer-goldens.sh
rm -rf "$out"
mkdir -p "$out"
for c in "${CAPTURES[@]}"; do layer_goldens "$out" "$prof" "$c" "$FIELDS"; done
layer_version scripts/make-dcerpc-goldens.sh "$out" "fields: $(echo $FIELDS)"
echo "make-dcerpc-goldens: ${#CAPTURES[@]} captures -> $out"

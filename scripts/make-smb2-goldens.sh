#!/usr/bin/env bash
# Usage: scripts/make-smb2-goldens.sh
#
# NBSS and SMB2 (Smb2Test): for every capture below, what tshark prints under the profile of
# scripts/tshark-profile.sh (nbss, smb2 and spnego enabled), LC_ALL=C.UTF-8, TZ=UTC, into
# src/test/resources/golden/smb2/<capture>.<format>: the packet list (.list.txt), the list of the
# second pass (-2, .2.list.txt) and -T fields of the NBSS and SMB2 header fields and the columns
# (.fields.tsv). No detail formats (-V, -T json, pdml, ek): the command bodies' trees are not
# built yet (docs/SMB2.md). The captures are those of captures/ with NBSS or SMB2 in them that
# were added for it. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/golden/smb2
CAPTURES=(synth-smb2.pcap suricata-smb2-peter-minus-p191.pcap suricata-smb3-02-midstream.pcap suricata-smb2-async.pcap
  suricata-smb2-async-read-1-41.pcap zeek-smb2_krb.pcap arkime-wireshark-smb-on-windows10.pcap zeek-SMBGhost.pcap
  zeek-smb2-multiple-pdus.pcap zeek-smb311.pcap zeek-smb3_negotiate_context.pcap zeek-smb_v2_only_non_zero_reserved1.pcap
  zeek-smb2-zero-byte-error-ioctl.pcapng zeek-smb2readwrite.pcap zeek-smb2_fscontrol.pcap tcpdump-smb_data_print-oobr.pcapng
  zeek-dce-rpc-20-fids.pcap)
FIELDS="frame.number nbss.type nbss.flags nbss.length nbss.called_name nbss.calling_name nbss.error_code
  smb2.protocol_id smb2.header_len smb2.credit.charge smb2.nt_status smb2.channel_sequence smb2.cmd smb2.credits.requested
  smb2.credits.granted smb2.flags smb2.flags.response smb2.flags.async smb2.flags.chained smb2.chain_offset smb2.msg_id
  smb2.aid smb2.pid smb2.tid smb2.sesid smb2.signature smb2.response_to smb2.time smb2.buffer_code
  dcerpc.pkt_type dcerpc.cn_call_id dcerpc.cn_ctx_id dcerpc.opnum dcerpc.request_in dcerpc.response_in
  _ws.col.Protocol _ws.col.Info"
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof" >/dev/null
ts() {
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null || true
}
fields() { for f in $FIELDS; do printf -- '-e %s ' "$f"; done; }
rm -rf "$out"
mkdir -p "$out"
for c in "${CAPTURES[@]}"; do
  ts -r "captures/$c" >"$out/$c.list.txt"
  ts -r "captures/$c" -2 >"$out/$c.2.list.txt"
  # shellcheck disable=SC2046
  ts -r "captures/$c" -T fields -E header=y $(fields) >"$out/$c.fields.tsv"
done
{
  echo "# Made by scripts/make-smb2-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "command: XDG_CONFIG_HOME=<scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/C [-2 | -T fields -E header=y -e ...]"
  echo "fields: $(echo $FIELDS)"
  echo "profile enables: $(scripts/tshark-profile.sh --list | tr '\n' ' ')"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-smb2-goldens: ${#CAPTURES[@]} captures -> $out"

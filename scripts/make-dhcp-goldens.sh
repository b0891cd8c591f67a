#!/usr/bin/env bash
# Usage: scripts/make-dhcp-goldens.sh
#
# DHCP/BOOTP (DhcpTest): for every capture below, what tshark prints under the profile of
# scripts/tshark-profile.sh (dhcp enabled), LC_ALL=C.UTF-8, TZ=UTC, into
# src/test/resources/golden/dhcp/<capture>.<format>: the packet list (.list.txt), -V (.V.txt),
# -T json -x (.jsonx.json), -T pdml (.pdml.xml, its header's time="..." as time=""), -T ek
# (.ek.json) and -T fields of the dhcp fields (.fields.tsv); the four detail formats gzipped
# (gzip -9n). The captures are those of captures/ with DHCP in them. Goldens are made by this
# script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/golden/dhcp
CAPTURES=(synth-dhcp.pcap zeek-dhcp.pcap zeek-dhcp_flood.pcap zeek-dhcp_bad_cookie_option_retention.pcap
  zeek-dhcp_ack_subscriber_id_and_agent_remote_id.pcap zeek-dhcp_discover_param_req_and_client_id.pcap
  zeek-dhcp_inform.pcap zeek-dhcp_time_and_nameserver.pcap zeek-hw-type0.pcap zeek-dhcp-unique-xid-join-data-growth.pcapng
  tcpdump-dhcp-mud.pcap tcpdump-dhcp-option-108.pcapng tcpdump-dhcp-option-33.pcap tcpdump-dhcp-rfc3004.pcap
  tcpdump-dhcp-rfc4388.pcap tcpdump-dhcp-rfc5859.pcap)
FIELDS="frame.number dhcp dhcp.type dhcp.id dhcp.flags.bc dhcp.ip.your dhcp.hw.mac_addr dhcp.server dhcp.cookie dhcp.bootp
  dhcp.option.type dhcp.option.length dhcp.option.dhcp dhcp.option.hostname dhcp.option.request_list_item
  dhcp.option.ip_address_lease_time dhcp.option.value frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message"
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
  ts -r "captures/$c" -V >"$out/$c.V.txt"
  ts -r "captures/$c" -T json -x >"$out/$c.jsonx.json"
  ts -r "captures/$c" -T pdml | sed -E '0,/^<pdml /s/ time="[^"]*"/ time=""/' >"$out/$c.pdml.xml"
  ts -r "captures/$c" -T ek >"$out/$c.ek.json"
  # shellcheck disable=SC2046
  ts -r "captures/$c" -T fields -E header=y $(fields) >"$out/$c.fields.tsv"
  gzip -9nf "$out/$c.V.txt" "$out/$c.jsonx.json" "$out/$c.pdml.xml" "$out/$c.ek.json"
done
{
  echo "# Made by scripts/make-dhcp-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "command: XDG_CONFIG_HOME=<scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/C [-V | -T json -x | -T pdml | -T ek | -T fields -E header=y -e ...]"
  echo "fields: $(echo $FIELDS)"
  echo "profile enables: $(scripts/tshark-profile.sh --list | tr '\n' ' ')"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-dhcp-goldens: ${#CAPTURES[@]} captures -> $out"

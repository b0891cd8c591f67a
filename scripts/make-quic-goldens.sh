#!/usr/bin/env bash
# Usage: scripts/make-quic-goldens.sh
#
# QUIC (and the TLS handshake its Initial packets' CRYPTO frames carry) as tshark shows it, for
# the captures in CAPTURES below, under the profile of scripts/tshark-profile.sh. Writes, under
# src/test/resources/golden/quic/ (the detail formats gzipped, gzip -9n):
#   <name>.txt          `tshark -r captures/<name>`                       (every frame's list line)
#   <name>.V.txt        `tshark -r captures/<name> -Y "$FILTER" -V`
#   <name>.json         `tshark -r captures/<name> -Y "$FILTER" -T json -x`
#   <name>.pdml         `tshark -r captures/<name> -Y "$FILTER" -T pdml`, its header's time="..." as time=""
#   <name>.ek.json      `tshark -r captures/<name> -Y "$FILTER" -T ek`
#   <name>.fields.tsv   `tshark -r captures/<name> -Y "$FILTER" -T fields -E header=y -e <FIELDS>`
# and VERSION (tshark version, commands, profile, date). QuicGoldenTest compares tcpscope's
# output with these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/quic
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"

CAPTURES="arkime-quicietf.pcap tcpdump-quic_handshake_truncated.pcap tcpdump-quic_retry.pcap tcpdump-quic_vn.pcap
  zeek-quic-39264-rand.pcap zeek-quic-chromium-dpd-custom-port-4433.pcap zeek-quic-curl-8.1.2-dev-http3-www-google-de.pcap
  zeek-quic-decrypt-fail-google-de-51833.pcap zeek-quic-multiple-initial-fragmented-crypto.pcap zeek-quicv2-echo-443.pcap
  synth-quic-malformed.pcap"
FILTER='quic'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info quic.connection.number quic.packet_length quic.header_form
  quic.long.packet_type quic.long.packet_type_v2 quic.version quic.dcid quic.scid quic.token_length quic.length
  quic.packet_number quic.supported_version quic.frame_type quic.crypto.offset quic.crypto.length quic.padding_length
  quic.ack.largest_acknowledged quic.retry_integrity_tag quic.crypto.fragment.count quic.remaining_payload
  tls.handshake.type tls.handshake.extensions_server_name tls.handshake.extensions_alpn_str tls.quic.parameter.type
  tls.quic.parameter.initial_max_data tls.handshake.ja3 _ws.expert.message _ws.malformed"
fields() { for f in $1; do printf -- '-e %s ' "$f"; done; }

ts() {
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null || true
}

rm -rf "$out"
mkdir -p "$out"
n=0
for name in $CAPTURES; do
  f=captures/$name
  ts -r "$f" >"$out/$name.txt"
  ts -r "$f" -Y "$FILTER" -V | gzip -9n >"$out/$name.V.txt.gz"
  ts -r "$f" -Y "$FILTER" -T json -x | gzip -9n >"$out/$name.json.gz"
  ts -r "$f" -Y "$FILTER" -T pdml | sed -E '0,/^<pdml /s/ time="[^"]*"/ time=""/' | gzip -9n >"$out/$name.pdml.gz"
  ts -r "$f" -Y "$FILTER" -T ek | gzip -9n >"$out/$name.ek.json.gz"
  # shellcheck disable=SC2046
  ts -r "$f" -Y "$FILTER" -T fields -E header=y $(fields "$FIELDS") >"$out/$name.fields.tsv"
  n=$((n + 1))
done

{
  echo "# Made by scripts/make-quic-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name> [-Y '$FILTER' {-V | -T json -x | -T pdml | -T ek | -T fields -E header=y -e <field>...}]"
  echo "fields: $(echo $FIELDS)"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "captures: $n ($(echo $CAPTURES))"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-quic-goldens: $n captures -> $out"

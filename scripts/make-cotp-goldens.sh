#!/usr/bin/env bash
# Usage: scripts/make-cotp-goldens.sh
#
# TPKT and COTP (CotpTest): for every capture below, what tshark prints under the profile of
# scripts/tshark-profile.sh (tpkt and cotp enabled), LC_ALL=C.UTF-8, TZ=UTC, into
# src/test/resources/golden/cotp/<capture>.<format>: the packet list (.list.txt), -V (.V.txt),
# -T json (.json), -x (.x.txt), -T ek (.ek.json) and, for the two small captures, -T json -x
# (.jsonx.json); the list whole, the detail formats of the two
# large captures for their first 300 frames (-c 300). The five captures are all those of captures/
# with TPKT in them. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/golden/cotp
CAPTURES=(synth-cotp.pcap synth-cotp-snap70.pcap zeek-modbusBig-2000.pcap zeek-rdp-to-ssl.pcap zeek-rdp-no-cookie-mstshash.pcap)
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof" >/dev/null
ts() {
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null || true
}
mkdir -p "$out"
for c in "${CAPTURES[@]}"; do
  limit=()
  case "$c" in zeek-modbusBig-2000.pcap|zeek-rdp-to-ssl.pcap) limit=(-c 300) ;; esac
  ts -r "captures/$c" >"$out/$c.list.txt"
  ts -r "captures/$c" "${limit[@]}" -V >"$out/$c.V.txt"
  ts -r "captures/$c" "${limit[@]}" -T json >"$out/$c.json"
  ts -r "captures/$c" "${limit[@]}" -x >"$out/$c.x.txt"
  ts -r "captures/$c" "${limit[@]}" -T ek >"$out/$c.ek.json"
  if [ ${#limit[@]} -eq 0 ]; then
    ts -r "captures/$c" -T json -x >"$out/$c.jsonx.json"
  fi
done
{
  echo "# Made by scripts/make-cotp-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "command: XDG_CONFIG_HOME=<scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/C [-c 300] [-V | -T json | -x | -T ek | -T json -x]"
  echo "profile enables: $(scripts/tshark-profile.sh --list | tr '\n' ' ')"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-cotp-goldens: ${#CAPTURES[@]} captures -> $out"

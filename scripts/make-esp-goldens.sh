#!/usr/bin/env bash
# Usage: scripts/make-esp-goldens.sh
#
# ESP (EspTest): for every capture below, what tshark prints under the profile of
# scripts/tshark-profile.sh (esp enabled), LC_ALL=C.UTF-8, TZ=UTC, into
# src/test/resources/golden/esp/<capture>.<format>: the packet list (.list.txt), -V (.V.txt),
# -2 -V (.2.V.txt), -T json -x (.jsonx.json), -T ek (.ek.json), -T fields of the esp fields
# (.fields.tsv) and -q -z expert (.expert.txt); the four detail formats gzipped (gzip -9n). The two captures are those of captures/ with
# ESP in them. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/golden/esp
CAPTURES=(synth-esp.pcap arkime-wireshark-esp.pcap)
FIELDS="frame.number esp esp.spi esp.sequence esp.sequence-analysis.expected-sn esp.sequence-analysis.previous-frame
  frame.protocols _ws.col.Info _ws.expert.message"
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
  ts -r "captures/$c" -2 -V >"$out/$c.2.V.txt"
  ts -r "captures/$c" -T json -x >"$out/$c.jsonx.json"
  ts -r "captures/$c" -T ek >"$out/$c.ek.json"
  # shellcheck disable=SC2046
  ts -r "captures/$c" -T fields -E header=y $(fields) >"$out/$c.fields.tsv"
  ts -r "captures/$c" -q -z expert >"$out/$c.expert.txt"
  gzip -9nf "$out/$c.V.txt" "$out/$c.2.V.txt" "$out/$c.jsonx.json" "$out/$c.ek.json"
done
{
  echo "# Made by scripts/make-esp-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "command: XDG_CONFIG_HOME=<scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/C [-V | -2 -V | -T json -x | -T ek | -T fields -E header=y -e ... | -q -z expert]"
  echo "fields: $(echo $FIELDS)"
  echo "profile enables: $(scripts/tshark-profile.sh --list | tr '\n' ' ')"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-esp-goldens: ${#CAPTURES[@]} captures -> $out"

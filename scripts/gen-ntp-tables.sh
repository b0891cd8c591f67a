#!/usr/bin/env bash
# Usage: scripts/gen-ntp-tables.sh
#
# Writes src/main/resources/dev/tcpscope/proto/ntp/fields.tsv and values.tsv from the installed
# tshark (4.0.17): packet-ntp.c's field registry (`tshark -G fields` rows of protocol ntp: name,
# title, type, base, bitmask) and its value strings, range strings and true/false strings
# (`tshark -G values` rows whose field is ntp.*, as tshark prints them). proto.Registry
# reads them; the labels the walk makes come from these titles, bases, masks and names.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=$here/src/main/resources/dev/tcpscope/proto/ntp
mkdir -p "$out"
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
XDG_CONFIG_HOME=$empty tshark -G fields 2>/dev/null \
  | awk -F'\t' -v OFS='\t' '$1 == "F" && $5 == "ntp" { print $3, $2, $4, $6, $7 }' >"$out/fields.tsv"
XDG_CONFIG_HOME=$empty tshark -G values 2>/dev/null \
  | awk -F'\t' '$2 ~ /^ntp\./ && $1 != "E"' >"$out/values.tsv"
echo "gen-ntp-tables: $(wc -l <"$out/fields.tsv") fields, $(wc -l <"$out/values.tsv") values ($(tshark -v 2>/dev/null | head -1))"

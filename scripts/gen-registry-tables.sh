#!/usr/bin/env bash
# Usage: scripts/gen-registry-tables.sh PROTOCOL[@PACKAGE]...      e.g. scripts/gen-registry-tables.sh ntp ptp
#
# PROTOCOL@PACKAGE writes PROTOCOL's tables into PACKAGE's folder as PROTOCOL.fields.tsv and
# PROTOCOL.values.tsv, for a package that dissects several protocols (openflow_v1@openflow).
# Writes src/main/resources/dev/tcpscope/proto/<PROTOCOL>/fields.tsv and values.tsv from the
# installed tshark (4.0.17): the protocol's field registry (`tshark -G fields` rows whose
# protocol is PROTOCOL: name, title, type, base, bitmask) and its value strings, range strings,
# true/false strings and unit strings (`tshark -G values` rows of those fields, as tshark
# prints them). proto.Registry reads them; the labels those protocols' walks make come from these
# titles, bases, masks and names. (DHCP's tables, with its option table, come from
# scripts/gen-dhcp-tables.py.)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || { echo "usage: scripts/gen-registry-tables.sh PROTOCOL..." >&2; exit 2; }
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
XDG_CONFIG_HOME=$empty tshark -G fields >"$empty/fields" 2>/dev/null
XDG_CONFIG_HOME=$empty tshark -G values >"$empty/values" 2>/dev/null
for arg in "$@"; do
  p=${arg%@*}
  if [ "$p" = "$arg" ]; then dir=$p; prefix=; else dir=${arg#*@}; prefix=$p.; fi
  out=$here/src/main/resources/dev/tcpscope/proto/$dir
  mkdir -p "$out"
  awk -F'\t' -v OFS='\t' -v p="$p" '$1 == "F" && $5 == p { print $3, $2, $4, $6, $7 }' "$empty/fields" >"$out/${prefix}fields.tsv"
  # the value strings of the protocol's own fields, whatever their prefix (packet-hsrp.c's hsrp2.*)
  awk -F'\t' 'NR == FNR { own[$1] = 1; next } ($2 in own) && $1 != "E"' "$out/${prefix}fields.tsv" "$empty/values" >"$out/${prefix}values.tsv"
  echo "gen-registry-tables: $p: $(wc -l <"$out/${prefix}fields.tsv") fields, $(wc -l <"$out/${prefix}values.tsv") values ($(tshark -v 2>/dev/null | head -1))"
done

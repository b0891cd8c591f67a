#!/usr/bin/env bash
# Writes src/main/resources/dev/tcpscope/proto/enip/cip-names.tsv, the value names EtherNet/IP and
# CIP print (encapsulation commands and statuses, CPF item types, CIP classes, services and
# general statuses, PCCC statuses and function codes, vendors, device types), from the installed
# tshark's value strings (`tshark -G values`, its "V" rows for the fields listed below):
#
#   table (tshark's field name) <TAB> value (decimal) <TAB> name
#
# with a first comment line naming the tshark version. The table is data made by this script
# only; proto/enip/CipNames reads it. Usage: scripts/gen-cip-names.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-src/main/resources/dev/tcpscope/proto/enip/cip-names.tsv}
FIELDS="cip.sc cip.genstat cip.class cip.pccc.gs.status cip.pccc.es.status cip.pccc.fnc.code_06
  cip.pccc.fnc.code_07 cip.pccc.fnc.code_0f cip.pccc.file.type cip.pccc.cpu.mode_80 enip.command enip.status
  enip.lir.vendor enip.lir.devtype enip.cpf.typeid"
{
  echo "# $(tshark --version 2>/dev/null | head -1): tshark -G values, V rows of: $(echo $FIELDS)"
  tshark -G values 2>/dev/null | awk -F'\t' -v fields="$FIELDS" '
    function num(s,   v, i, c) {  # a decimal or 0x-hex value string, as -G values writes it
      if (s !~ /^0[xX]/) return s + 0
      v = 0
      for (i = 3; i <= length(s); i++) { c = index("0123456789abcdef", tolower(substr(s, i, 1))) - 1; v = v * 16 + c }
      return v
    }
    BEGIN { n = split(fields, f, /[ \n]+/); for (i = 1; i <= n; i++) if (f[i] != "") order[f[i]] = i }
    $1 == "V" && ($2 in order) && !seen[$2 "\t" num($3)]++ { printf "%d\t%s\t%d\t%s\n", order[$2], $2, num($3), $4 }' \
    | sort -t$'\t' -k1,1n -s | cut -f2-
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out ($(grep -vc '^#' "$out") names)"

#!/usr/bin/env bash
# Usage: scripts/gen-dcerpc-opnums.sh
#
# Writes src/main/resources/dev/tcpscope/proto/dcerpc/opnums.tsv: the operation names of the
# DCE/RPC interfaces tcpscope names (proto/dcerpc/DcerpcNames.java), as the value strings of
# each interface's <proto>.opnum field in the installed tshark (tshark -G values).
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/main/resources/dev/tcpscope/proto/dcerpc/opnums.tsv
PROTOS="drsuapi epm netlogon svcctl samr lsarpc winreg srvsvc wkssvc mapi nspi atsvc spoolss dssetup isystemactivator remunk"
vals=$(mktemp)
trap 'rm -f "$vals"' EXIT
tshark -G values 2>/dev/null >"$vals"
{
  echo "# interface filter name, opnum, operation name: the opnum value strings of $(tshark --version 2>/dev/null | head -1) (tshark -G values, <proto>.opnum); made by scripts/gen-dcerpc-opnums.sh"
  for p in $PROTOS; do
    grep -P "^V\t$p\.opnum\t" "$vals" | awk -F'\t' -v p="$p" '{print p"\t"$3"\t"$4}'
  done
} >"$out"
echo "gen-dcerpc-opnums: $(grep -vc '^#' "$out") operations -> $out"

#!/usr/bin/env bash
# Usage: scripts/filter-counts.sh
#
# For each row CAPTURE<TAB>FILTER of src/test/resources/filter/count-filters.tsv, runs
#   tshark -r captures/CAPTURE -Y FILTER
# under the transport-only profile (scripts/tshark-profile.sh) and records, in
# src/test/resources/filter/counts.tsv, how many frames tshark printed, or "reject" and the
# first line of tshark's message when it refused the filter. FilterCountTest checks that
# tcpscope's filter matches exactly as many frames of each capture (and refuses the same
# filters, with the same message). Made by this script only; never edit counts.tsv by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
res=src/test/resources/filter
command -v tshark >/dev/null || { echo "tshark not found" >&2; exit 2; }
prof=$(mktemp -d)
err=$(mktemp)
trap 'rm -rf "$prof" "$err"' EXIT
scripts/tshark-profile.sh "$prof"
{
  printf '# %s; XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/CAPTURE -Y FILTER | wc -l; %s\n' \
    "$(tshark --version 2>/dev/null | head -1)" "$(date -u +%Y-%m-%d)"
  printf '# capture\tfilter\tcount (or reject)\ttshark message when rejected\n'
  while IFS=$'\t' read -r capture filter; do
    [[ $capture == \#* || -z $capture ]] && continue
    if n=$(XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark -r "captures/$capture" -Y "$filter" 2>"$err" | wc -l) \
        && ! grep -q "^tshark: " "$err"; then
      printf '%s\t%s\t%s\t\n' "$capture" "$filter" "$n"
    else
      msg=$(grep "^tshark: " "$err" | head -1 | sed 's/^tshark: //')
      printf '%s\t%s\treject\t%s\n' "$capture" "$filter" "$msg"
    fi
  done < "$res/count-filters.tsv"
} > "$res/counts.tsv"
echo "filter-counts: $(grep -vc '^#' "$res/counts.tsv") rows, $(grep -c $'\treject\t' "$res/counts.tsv") rejected -> $res/counts.tsv" >&2

#!/usr/bin/env bash
# Asks tshark whether it accepts each filter of the display-filter test corpus and records the
# answer, so the claim "Wireshark 4.0 rejects every filter in invalid.txt" is reproducible.
#
#   scripts/filter-oracle.sh [CAPTURE]    writes src/test/resources/filter/oracle.tsv
#
# Columns: set (valid|invalid), verdict (accept|reject), tshark's caret span START END (or - -),
# our span for invalid ones (or - -), the first line of tshark's message, the filter.
# tshark parses and checks the filter against its field table before reading packets, so a
# "reject" of a valid.tsv line is a type or field error, never a syntax error (see the message).
set -euo pipefail
cd "$(dirname "$0")/.."
capture=${1:-captures/learn_tcp.pcapng}
res=src/test/resources/filter
out=$res/oracle.tsv
command -v tshark >/dev/null || { echo "tshark not found" >&2; exit 2; }
version=$(tshark --version 2>/dev/null | head -1)
err=$(mktemp)
trap 'rm -f "$err"' EXIT

ask() { # set ourStart ourEnd filter
    local set=$1 ours="$2 $3" filter=$4 verdict caret msg
    if tshark -n -r "$capture" -Y "$filter" >/dev/null 2>"$err"; then
        verdict=accept caret="- -" msg=""
    else
        verdict=reject
        msg=$(grep -v "^Running as user" "$err" | head -1 | sed "s/^tshark: //" || true)
        # The caret line is four spaces, then spaces, then ^~~~; its columns are the span.
        caret=$( (grep -E "^    [ ]*\^~*$" "$err" || true) | head -1 | awk '{ s = index($0, "^") - 5; print s, s + length($1) }')
        caret=${caret:-- -}
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$verdict" "$caret" "$ours" "$msg" "$filter"
}

{
    printf '# %s; capture %s; %s\n' "$version" "$capture" "$(date -u +%Y-%m-%d)"
    printf '# set\tverdict\ttshark-span\tour-span\ttshark-message\tfilter\n'
    while IFS=$'\t' read -r filter _; do
        [[ $filter == \#* ]] && continue
        ask valid - - "$filter"
    done < "$res/valid.tsv"
    while IFS=$'\t' read -r span filter; do
        [[ $span == \#* ]] && continue
        ask invalid ${span% *} ${span#* } "$filter"
    done < "$res/invalid.txt"
} > "$out"

bad=$(awk -F'\t' '$1 == "invalid" && $2 == "accept"' "$out" | wc -l)
valid_syntax=$(awk -F'\t' '$1 == "valid" && $2 == "reject" && $5 ~ /unexpected|end of filter|Expected digit|missing/' "$out" | wc -l)
same=$(awk -F'\t' '$1 == "invalid" && $3 == $4' "$out" | wc -l)
echo "$version: $bad invalid filter(s) accepted, $valid_syntax valid filter(s) rejected as syntax; $same invalid spans same as tshark's caret" >&2
[[ $bad -eq 0 && $valid_syntax -eq 0 ]]

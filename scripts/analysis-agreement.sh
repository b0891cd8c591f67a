#!/usr/bin/env bash
# Usage: scripts/analysis-agreement.sh [--out DIR] CAPTURE_DIR
#
# Per-flag agreement of the TCP analysis with tshark over every capture below CAPTURE_DIR that
# tshark can read: runs `tshark -2 -T fields` (transport-only profile) and
# `$TCPSCOPE read -2 -T fields` (TCPSCOPE defaults to ./tcpscope) with frame.number and every
# tcp.analysis flag field, and counts per flag the frames both raise it on (tp), only tcpscope
# (fp) and only tshark (fn). Prints one row per flag with precision and recall, then a summary:
#   analysis: F flags, T frames flagged by tshark, agreement tp/(tp+fp+fn) = P%
# Then the captures where they disagree, per flag. Captures read to a different number of frames
# are listed apart.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=$here/target/agreement
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    -*) echo "analysis-agreement: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] && [ -d "$1" ] || { echo "usage: $0 [--out DIR] CAPTURE_DIR" >&2; exit 2; }
TCPSCOPE=${TCPSCOPE:-$here/tcpscope}
FLAGS="retransmission fast_retransmission spurious_retransmission out_of_order lost_segment ack_lost_segment
  duplicate_ack zero_window zero_window_probe zero_window_probe_ack keep_alive keep_alive_ack window_update
  window_full reused_ports"
args="-e frame.number"
for f in $FLAGS; do args="$args -e tcp.analysis.$f"; done
mkdir -p "$out"; rm -f "$out"/*.tsv
"$here/scripts/tshark-profile.sh" "$out/profile"
"$TCPSCOPE" --version >/dev/null 2>&1 || true
: >"$out/pairs.tsv"
find "$1" -type f | sort | while read -r cap; do
  # shellcheck disable=SC2086
  XDG_CONFIG_HOME=$out/profile LC_ALL=C.UTF-8 timeout 120 tshark -2 -r "$cap" -T fields $args >"$out/theirs" 2>/dev/null
  [ -s "$out/theirs" ] || continue   # tshark could not read it
  # shellcheck disable=SC2086
  timeout 120 "$TCPSCOPE" read -2 "$cap" -T fields $args >"$out/ours" 2>/dev/null
  if [ "$(wc -l <"$out/theirs")" != "$(wc -l <"$out/ours")" ]; then
    echo "frames differ: $cap ($(wc -l <"$out/theirs") vs $(wc -l <"$out/ours"))" >>"$out/whole.txt"
  fi
  paste "$out/theirs" "$out/ours" | sed "s|^|$cap\t|" >>"$out/pairs.tsv"
done
n=$(echo $FLAGS | wc -w)
awk -F'\t' -v n="$n" -v names="$FLAGS" '
  BEGIN { split(names, name, " "); }
  {
    for (k = 1; k <= n; k++) {
      t = ($(2 + k) != ""); o = ($(n + 3 + k) != "");
      if (t && o) tp[k]++;
      else if (o) { fp[k]++; miss[$1 "\t" name[k] " only in tcpscope"]++ }
      else if (t) { fn[k]++; miss[$1 "\t" name[k] " only in tshark"]++ }
    }
  }
  END {
    printf "%-26s %8s %8s %8s %9s %7s\n", "flag", "both", "only-us", "only-ts", "precision", "recall";
    for (k = 1; k <= n; k++) {
      p = tp[k] + fp[k] ? 100 * tp[k] / (tp[k] + fp[k]) : 100;
      r = tp[k] + fn[k] ? 100 * tp[k] / (tp[k] + fn[k]) : 100;
      printf "%-26s %8d %8d %8d %8.2f%% %6.2f%%\n", name[k], tp[k], fp[k], fn[k], p, r;
      TP += tp[k]; FP += fp[k]; FN += fn[k];
    }
    printf "analysis: %d flags, %d flag raisings by tshark, agreement tp/(tp+fp+fn) = %.2f%%\n", n, TP + FN, 100 * TP / (TP + FP + FN);
    for (m in miss) printf "disagreement: %s (%d frames)\n", m, miss[m] > "/dev/stderr";
  }' "$out/pairs.tsv" 2>"$out/disagreements.txt" | tee "$out/summary.txt"
sort "$out/disagreements.txt"
[ -f "$out/whole.txt" ] && cat "$out/whole.txt"
exit 0

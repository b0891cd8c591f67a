#!/usr/bin/env bash
# Whole-process start-up of `./tcpscope read captures/learn_tcp.pcapng` (20 packets: almost all
# of it is start-up) against `tshark -r` on the same file, both in the same run, alternating.
#
# usage: flock /tmp/tcpscope-bench.lock bench/startup.sh [--reps N] [--file F]
#
# Prints, for each command, the median wall time and the median CPU time (user + system, the
# children included) over N runs (default 15), and tcpscope's ratios to tshark. The launcher is
# timed as a user runs it (its freshness check included); the jar must be built first (one
# `./tcpscope` run does that). Output goes to /dev/null; tshark runs with its default profile.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
reps=15 file=captures/learn_tcp.pcapng
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    --file) file=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "startup.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "startup.sh: /usr/bin/time (GNU time) is required" >&2; exit 1; }
command -v tshark >/dev/null || { echo "startup.sh: tshark is required" >&2; exit 1; }
./tcpscope read "$file" >/dev/null 2>&1 || { echo "startup.sh: ./tcpscope read $file failed" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ((i = 0; i < reps; i++)); do
  /usr/bin/time -f "%e %U %S" -a -o "$tmp/tcpscope" ./tcpscope read "$file" >/dev/null 2>/dev/null
  /usr/bin/time -f "%e %U %S" -a -o "$tmp/tshark" tshark -r "$file" >/dev/null 2>/dev/null
done

# median of column $2 (1: wall; 0: user + system) of file $1
median() {
  awk -v c="$2" '{ v = (c == 1) ? $1 : $2 + $3; print v }' "$1" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
tw=$(median "$tmp/tcpscope" 1) tc=$(median "$tmp/tcpscope" 0)
sw=$(median "$tmp/tshark" 1) sc=$(median "$tmp/tshark" 0)
printf '%-40s %8s %8s\n' "command ($reps runs, medians)" "wall s" "CPU s"
printf '%-40s %8s %8s\n' "./tcpscope read $(basename "$file")" "$tw" "$tc"
printf '%-40s %8s %8s\n' "tshark -r $(basename "$file")" "$sw" "$sc"
awk -v tw="$tw" -v tc="$tc" -v sw="$sw" -v sc="$sc" \
  'BEGIN { printf "tcpscope / tshark: wall %.2f×, CPU %.2f×; tcpscope CPU %s 0.3 s\n", tw / sw, tc / sc, (tc < 0.3 ? "under" : "over") }'

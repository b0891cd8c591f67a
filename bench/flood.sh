#!/usr/bin/env bash
# A flood of connections: N SYNs, each from its own address and port (bench/gen-syn-flood.py),
# through the commands that keep per-connection state, with each one's wall time and peak
# resident memory. Issue 16's target for 1M connections: at most 150 MB.
#
# usage: bench/flood.sh [N]   (default 1000000)
# Prints a Markdown table, also saved to bench/out/flood-<date>.md. Run it on a quiet machine.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n=${1:-1000000}
case $n in ''|*[!0-9]*) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;; esac
file=bench/out/syn-flood-$n.pcap
mkdir -p bench/out
[ -f "$file" ] || python3 bench/gen-syn-flood.py --packets "$n" --out "$file" || exit 1
./tcpscope read --help >/dev/null || exit 1   # builds the jar outside the measurement
cat "$file" >/dev/null                         # page cache

out=bench/out/flood-$(date -u +%Y%m%d-%H%M).md
{
  echo "# $n connections, one SYN each ($(date -u '+%Y-%m-%d %H:%M') UTC)"
  echo
  echo "- file: \`$file\`, $(( $(stat -c %s "$file") / 1000000 )) MB; tcpscope $(git rev-parse --short HEAD 2>/dev/null)"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| command | s | max RSS MB | output lines |"
  echo "|---|--:|--:|--:|"
  for cmd in "read" "read -2 -T fields -e tcp.stream -e tcp.completeness" "explain --no-pager"; do
    # shellcheck disable=SC2086
    lines=$( { /usr/bin/time -f '%e %M' -o /tmp/flood-time.$$ ./tcpscope $cmd "$file" | wc -l; } 2>/dev/null)
    read -r secs kb < /tmp/flood-time.$$
    echo "| \`tcpscope $cmd\` | $secs | $((kb / 1024)) | $lines |"
  done
  rm -f /tmp/flood-time.$$
} | tee "$out"

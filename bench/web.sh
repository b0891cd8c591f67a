#!/usr/bin/env bash
# The web view on a big capture: how soon the first rows show, how long the background index
# takes, how fast a window of rows, a filter over every packet and a frame's details are served,
# and the server's peak resident memory. Issue 13's targets on the 1M-packet bench file: first
# rows within 1.5 s, a filter within 2 s, a window within 50 ms, at most 250 MB.
#
# usage: bench/web.sh FILE [FILTER...]   (default filters: tcp.analysis.flags, tcp.port == 80)
# Prints a Markdown table, also saved to bench/out/web-<date>.md. Run it on a quiet machine.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ $# -ge 1 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
file=$1; shift
filters=("$@")
[ ${#filters[@]} -gt 0 ] || filters=("tcp.analysis.flags" "tcp.port == 80")
[ -f "$file" ] || { echo "web.sh: no such file: $file" >&2; exit 2; }

./tcpscope web --help >/dev/null || exit 1   # builds the module outside the measurement
port=$((20000 + RANDOM % 20000))
base=http://127.0.0.1:$port
now() { date +%s.%N; }
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

cat "$file" >/dev/null   # page cache
t0=$(now)
./tcpscope web "$file" --port "$port" >/dev/null 2>&1 &
launcher=$!
trap 'kill $launcher 2>/dev/null' EXIT
first=""
for _ in $(seq 1 600); do
  if curl -sf "$base/api/rows?view=0&from=0&count=50" 2>/dev/null | grep -q '"rows":\[\['; then first=$(now); break; fi
  sleep 0.02
done
[ -n "$first" ] || { echo "web.sh: the server never served rows" >&2; exit 1; }
pid=$(pgrep -f "dev.tcpscope.web.WebMain web $file" | head -1)
while ! curl -sf "$base/api/status" | grep -q '"done":true'; do sleep 0.1; done
indexed=$(now)
frames=$(curl -sf "$base/api/status" | sed 's/.*"frames":\([0-9]*\).*/\1/')

# 100 windows of 100 rows at random places
total=0 max=0
for _ in $(seq 1 100); do
  from=$(( (RANDOM * 32768 + RANDOM) % (frames - 100) ))
  t=$(curl -sf -o /dev/null -w '%{time_total}' "$base/api/rows?view=0&from=$from&count=100")
  total=$(echo "$total + $t" | bc); max=$(echo "if ($t > $max) $t else $max" | bc)
done
avg=$(echo "scale=4; $total / 100" | bc)

filter_rows=""
for f in "${filters[@]}"; do
  t=$(curl -sf -o /tmp/web-bench-view.json -w '%{time_total}' "$base/api/view?filter=$(enc "$f")")
  size=$(sed 's/.*"size":\([0-9]*\).*/\1/' /tmp/web-bench-view.json)
  filter_rows+="| filter \`$f\` over all $frames packets ($size match) | $t s |"$'\n'
done
mid=$((frames / 2))
at() { curl -sf -o /dev/null -w '%{time_total}' "$base/api/$1?n=$2"; }
cold=$(at frame "$mid"); next=$(at frame $((mid + 1))); back=$(at frame $((mid - 1))); far=$(at frame $((mid - 1000)))
tcold=$(at teacher "$mid"); tnext=$(at teacher $((mid + 1))); tback=$(at teacher $((mid - 1)))
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
anon=$(awk '/RssAnon/ {print $2}' "/proc/$pid/status"); mapped=$(awk '/RssFile/ {print $2}' "/proc/$pid/status")

out=bench/out/web-$(date +%Y%m%d-%H%M).md
mkdir -p bench/out
{
  echo "Web view on $(basename "$file") ($frames packets, $(du -h "$file" | cut -f1)); machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| measure | value |"
  echo "|---|---|"
  echo "| first rows served after the command started | $(echo "$first - $t0" | bc | xargs printf '%.2f') s |"
  echo "| background index complete | $(echo "$indexed - $t0" | bc | xargs printf '%.2f') s |"
  echo "| window of 100 rows (100 random places) | mean $(echo "$avg * 1000" | bc | xargs printf '%.1f') ms, max $(echo "$max * 1000" | bc | xargs printf '%.1f') ms |"
  printf '%s' "$filter_rows"
  echo "| details of frame $mid (cold: decodes from the start) | $cold s |"
  echo "| details of the next frame / the previous one / 1000 back | $next s / $back s / $far s |"
  echo "| teacher of frame $mid (cold) / the next / the previous | $tcold s / $tnext s / $tback s |"
  echo "| server peak resident memory (VmHWM) | $((hwm / 1024)) MB |"
  echo "| resident at the end: anonymous (heap, stacks) / file pages (the mapped capture, jars) | $((anon / 1024)) MB / $((mapped / 1024)) MB |"
} | tee "$out"

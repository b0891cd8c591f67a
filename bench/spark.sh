#!/usr/bin/env bash
# Spark data source throughput: frames per second per core for a fields query over a directory
# of synthetic captures, against `tshark -T fields` on the same files run one process per core,
# and the scaling of `tcpscope sql` from one core (local[1]) to two (local[2]).
#
# usage: bench/spark.sh [--files N] [--packets P] [--cores C]
#   N files (default 4) of P packets each (default 250000, ~250 MB a file) in bench/out/spark-P/,
#   made by dev.tcpscope.synth.TrafficGenerator with seeds 1..N (kept and reused).
# Prints a Markdown table, also saved to bench/out/spark-<date>.md. Run it on a quiet machine.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
files=4 packets=250000 cores=$(nproc)
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files=$2; shift 2 ;;
    --packets) packets=$2; shift 2 ;;
    --cores) cores=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "spark.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
java_home=""
for d in /usr/lib/jvm/*25*; do [ -x "$d/bin/java" ] && java_home=$d && break; done
[ -n "$java_home" ] || { echo "spark.sh: no JDK 25 found" >&2; exit 1; }

echo "spark.sh: building" >&2
./mvnw -q -B -ntp -DskipTests -f core.pom.xml test-compile >&2 || exit 1
./tcpscope sql "SELECT 1" captures/learn_tcp.pcapng >/dev/null || exit 1   # builds the Spark module

dir=bench/out/spark-$packets
mkdir -p "$dir"
for i in $(seq 1 "$files"); do
  f=$dir/synth-$i.pcap
  [ -s "$f" ] && continue
  echo "spark.sh: generating $f" >&2
  "$java_home/bin/java" -cp target/test-classes:target/classes dev.tcpscope.synth.TrafficGenerator \
    --packets "$packets" --seed "$i" --out "$f" >&2 || exit 1
done
cat "$dir"/*.pcap >/dev/null   # page cache
total=$((files * packets))

fields=(ip.src ip.dst tcp.srcport tcp.dstport frame.len tcp.stream tcp.analysis.flags)
query="SELECT count(ip_src), count(DISTINCT ip_dst), sum(tcp_srcport + tcp_dstport), sum(frame_len),
       max(tcp_stream), count_if(tcp_analysis_flags) FROM packets"
field_list=$(IFS=,; echo "${fields[*]}")
tshark_args=(); for f in "${fields[@]}"; do tshark_args+=(-e "$f"); done

secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>"$dir/last.err" || { cat "$dir/last.err" >&2; echo NaN; return; }; e=$(date +%s.%N); echo "$e - $s" | bc; }

t0=$(secs ./tcpscope sql "SELECT 1" captures/learn_tcp.pcapng --master "local[$cores]")   # Spark's fixed start-up
t1=$(secs ./tcpscope sql "$query" "$dir" --master 'local[1]' --fields "$field_list" --passes 1)
t2=$(secs ./tcpscope sql "$query" "$dir" --master "local[$cores]" --fields "$field_list" --passes 1)
tt=$(secs bash -c "ls $dir/*.pcap | xargs -P $cores -I{} tshark -n -r {} -T fields ${tshark_args[*]}")

rate() { echo "scale=0; $total / $1 / $2" | bc; }
net() { echo "$1 - $t0" | bc; }   # without Spark's start-up, which a long query pays once
out=bench/out/spark-$(date +%Y%m%d-%H%M).md
{
  echo "Spark data source, $files files x $packets packets ($total frames), fields: ${fields[*]}"
  echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(tshark --version | head -1)"
  echo
  echo "| run | wall s | frames/s per core | without start-up ($t0 s): wall s | frames/s per core |"
  echo "|---|---|---|---|---|"
  echo "| tcpscope sql, local[1] | $t1 | $(rate "$t1" 1) | $(net "$t1") | $(rate "$(net "$t1")" 1) |"
  echo "| tcpscope sql, local[$cores] | $t2 | $(rate "$t2" "$cores") | $(net "$t2") | $(rate "$(net "$t2")" "$cores") |"
  echo "| tshark -T fields, $cores processes | $tt | $(rate "$tt" "$cores") | | |"
  echo
  echo "scaling 1 -> $cores cores: $(echo "scale=2; $t1 / $t2" | bc)x ($(echo "scale=2; $(net "$t1") / $(net "$t2")" | bc)x without start-up); tcpscope vs tshark at $cores cores: $(echo "scale=3; $t2 / $tt" | bc)x the time ($(echo "scale=3; $(net "$t2") / $tt" | bc)x without start-up)"
} | tee "$out"

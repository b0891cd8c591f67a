#!/usr/bin/env bash
# Whole-process timings of tcpscope against tcpdump and tshark on one synthetic capture.
#
# usage: bench/compare.sh [--packets N] [--reps R] [--file F] [--seed S] [--http-share P]
#                         [--tls-share P] [--dns-share P] [--plain-tshark] [--list-only] [--details]
#        bench/compare.sh --sizes 1000000,5000000 [--reps R] [--http-share P]   # tcpscope's max RSS per size
#
# --http-share P: a share P of the generated connections is HTTP/1.1 (bench/out/synth-N-httpP.pcap);
# --tls-share P, --dns-share P: likewise TLS 1.3 on port 443 and DNS lookups over UDP (-tlsP, -dnsP);
# --plain-tshark: tshark runs with no profile (every protocol on, as a user's fresh tshark) instead
# of the profile of the protocols tcpscope dissects; --list-only: only the packet-list rows
# (tcpscope read, tcpdump -nr, tshark -r) and, with --sizes, only tcpscope read; --details: also the
# detail formats (-V, -O tcp, -T json, -T ek, -T pdml, -x) of both tools (issue 15: <= 0.3x tshark's time; use a
# small file, e.g. --packets 50000: tshark -V of 1M packets takes many minutes).
#
# Builds the project, generates bench/out/synth-N.pcap with dev.tcpscope.synth.TrafficGenerator
# (kept and reused), warms the page cache, then runs each command R times and prints a Markdown
# table (median wall seconds, max RSS, speed-up against tcpdump and tshark), also saved to
# bench/out/compare-<date>.md with a description of the machine. A tool that is missing or fails
# is reported and skipped; tcpscope exiting 2 means "not supported yet". See bench/README.md.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

packets=1000000 reps=3 file="" seed=1 sizes="" http="" tls="" dns="" plain="" listonly="" details=""
while [ $# -gt 0 ]; do
  case "$1" in
    --packets) packets=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --file) file=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --http-share) http=$2; shift 2 ;;
    --tls-share) tls=$2; shift 2 ;;
    --dns-share) dns=$2; shift 2 ;;
    --plain-tshark) plain=1; shift ;;
    --list-only) listonly=1; shift ;;
    --details) details=1; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ "$reps" -ge 1 ] 2>/dev/null || { echo "compare.sh: --reps must be >= 1" >&2; exit 2; }

if [ ! -x /usr/bin/time ]; then
  echo "compare.sh: installing GNU time" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null) \
    || { echo "compare.sh: /usr/bin/time is required" >&2; exit 1; }
fi

# A JDK 25 the way ./tcpscope finds one, and the launcher's own JVM flags, so that timing the jar
# directly measures what ./tcpscope runs minus its freshness check.
java_home=""
if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"25'; then java_home=$JAVA_HOME; fi
if [ -z "$java_home" ]; then for d in /usr/lib/jvm/*25*; do [ -x "$d/bin/java" ] && java_home=$d && break; done; fi
[ -n "$java_home" ] || { echo "compare.sh: no JDK 25 found" >&2; exit 1; }
java=$java_home/bin/java
eval "jvm_flags=($(sed -n 's/^flags=(\(.*\))$/\1/p' tcpscope))" # expands ${TCPSCOPE_HEAP:-1g} as the launcher does
[ ${#jvm_flags[@]} -gt 0 ] || jvm_flags=(--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC)
jar=$root/target/tcpscope.jar

echo "compare.sh: building" >&2
./mvnw -q -B -ntp -DskipTests -f core.pom.xml package test-compile >&2 || { echo "compare.sh: build failed" >&2; exit 1; }
# the launcher's start-up cache, made as the launcher makes it after a build, and used as it uses it
scripts/make-aot-cache.sh "$java_home" "$jar"
if [ -s "${jar%.jar}.aot" ] && [ "${jar%.jar}.aot" -nt "$jar" ]; then
  jvm_flags+=(-XX:AOTCache="${jar%.jar}.aot" -Xlog:aot=off -Xlog:cds=off)
fi
mkdir -p bench/out
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# generate N: prints the path of bench/out/synth-N.pcap, generating it if absent.
generate() {
  local n=$1 out=bench/out/synth-$1${http:+-http$http}${tls:+-tls$tls}${dns:+-dns$dns}.pcap
  if [ ! -s "$out" ]; then
    echo "compare.sh: generating $out" >&2
    "$java" -cp target/test-classes:target/classes dev.tcpscope.synth.TrafficGenerator \
      --packets "$n" --seed "$seed" ${http:+--http-share "$http"} ${tls:+--tls-share "$tls"} ${dns:+--dns-share "$dns"} --out "$out.part" >&2 && mv "$out.part" "$out" \
      || { rm -f "$out.part"; echo "compare.sh: generator failed" >&2; return 1; }
  fi
  echo "$out"
}

# measure NAME CMD...: runs CMD $reps times (stdout to /dev/null); sets m_secs (median), m_rss
# (max, MB) and m_status ("ok", or why the row is skipped).
measure() {
  local name=$1; shift
  local times=() rss=0 i rc
  m_secs="" m_rss="" m_status="ok"
  if ! command -v "$1" >/dev/null 2>&1; then m_status="skipped: $1 not found"; return; fi
  for ((i = 0; i < reps; i++)); do
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 0 ]; then
      if [ $rc -eq 2 ] && [ "$name" != "${name#tcpscope}" ]; then
        m_status="skipped: not supported yet (exit 2)"
      else
        m_status="skipped: exit $rc: $(grep -v '^Command exited' "$tmp/err" | head -1 | cut -c1-80)"
      fi
      echo "compare.sh: $name: $m_status" >&2
      return
    fi
    read -r s k < <(tail -1 "$tmp/time")
    times+=("$s")
    [ "$k" -gt "$rss" ] && rss=$k
    echo "compare.sh: $name run $((i + 1))/$reps: ${s}s, $((k / 1024)) MB" >&2
  done
  m_secs=$(printf '%s\n' "${times[@]}" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}')
  m_rss=$(awk -v k="$rss" 'BEGIN {printf "%.0f", k / 1024}')
}

machine() {
  echo "- machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
  echo "- java: $("$java" -version 2>&1 | head -1); flags: ${jvm_flags[*]}"
  echo "- tshark: $(tshark --version 2>/dev/null | head -1 || echo absent)"
  echo "- tcpdump: $(tcpdump --version 2>/dev/null | head -1 || echo absent); $(tcpdump --version 2>/dev/null | sed -n 2p)"
  echo "- tcpscope: $(git rev-parse --short HEAD) ($(git rev-parse --abbrev-ref HEAD))"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (above the core count, timings are inflated)"
}

report=bench/out/compare-$(date +%Y%m%d-%H%M%S).md

if [ -n "$sizes" ]; then
  {
    echo "# tcpscope memory by capture size ($(date -u '+%Y-%m-%d %H:%M UTC'))"
    echo
    machine
    echo "- repetitions: $reps"
    echo
    echo "| packets | file MB | command | median s | max RSS MB |"
    echo "|--:|--:|---|--:|--:|"
  } >"$tmp/report"
  IFS=, read -r -a list <<<"$sizes"
  for n in "${list[@]}"; do
    f=$(generate "$n") || exit 1
    cat "$f" >/dev/null
    mb=$(( $(stat -c %s "$f") / 1000000 ))
    runs=("read $f")
    [ -n "$listonly" ] || runs+=("read -2 $f -T fields -e tcp.stream -e tcp.analysis.flags")
    for args in "${runs[@]}"; do
      # shellcheck disable=SC2086
      measure "tcpscope $args" "$java" "${jvm_flags[@]}" -jar "$jar" $args
      label="tcpscope ${args/ $f/}"
      if [ "$m_status" = ok ]; then
        echo "| $n | $mb | $label | $m_secs | $m_rss |" >>"$tmp/report"
      else
        echo "| $n | $mb | $label | $m_status | |" >>"$tmp/report"
      fi
    done
  done
  cp "$tmp/report" "$report"
  cat "$report"
  echo >&2; echo "compare.sh: saved $report" >&2
  exit 0
fi

if [ -z "$file" ]; then file=$(generate "$packets") || exit 1; fi
[ -r "$file" ] || { echo "compare.sh: cannot read $file" >&2; exit 1; }
cat "$file" >/dev/null   # page cache warm: every tool reads from memory

# tshark with only the protocols tcpscope dissects, when the profile script is there.
tshark_env=() tshark_note=""
if [ -n "$plain" ]; then
  mkdir -p "$tmp/plain"
  tshark_env=(env XDG_CONFIG_HOME="$tmp/plain") tshark_note=" (no profile: every protocol on)"
elif [ -x scripts/tshark-profile.sh ] || [ -f scripts/tshark-profile.sh ]; then
  if bash scripts/tshark-profile.sh "$tmp/profile" >/dev/null 2>&1; then
    tshark_env=(env XDG_CONFIG_HOME="$tmp/profile") tshark_note=" (profile of the protocols tcpscope dissects)"
  else
    echo "compare.sh: scripts/tshark-profile.sh failed; timing tshark with its default profile" >&2
  fi
fi

# Rows: label | reference for the "tshark ÷ this" column | command.
names=() cmds=() refs=()
row() { names+=("$1"); refs+=("$2"); shift 2; cmds+=("$(printf '%q ' "$@")"); }
row "tcpscope read" "tshark -r" "$java" "${jvm_flags[@]}" -jar "$jar" read "$file"
row "tcpdump -nr" "tshark -r" tcpdump -nr "$file"
row "tshark -r" "tshark -r" "${tshark_env[@]}" tshark -r "$file"
if [ -z "$listonly" ]; then
row "tcpscope read -2 -T fields (stream, analysis)" "tshark -2 fields" \
  "$java" "${jvm_flags[@]}" -jar "$jar" read -2 "$file" -T fields -e tcp.stream -e tcp.analysis.flags
row "tshark -2 fields" "tshark -2 fields" \
  "${tshark_env[@]}" tshark -2 -r "$file" -T fields -e tcp.stream -e tcp.analysis.flags
# A display filter on the analysis (issue 5: <= 0.1x tshark's time, max RSS <= 150 MB).
yfilter='tcp.analysis.retransmission || tcp.flags.reset == 1'
row "tcpscope read -Y" "tshark -2 -Y" "$java" "${jvm_flags[@]}" -jar "$jar" read "$file" -Y "$yfilter"
row "tshark -2 -Y" "tshark -2 -Y" "${tshark_env[@]}" tshark -2 -r "$file" -Y "$yfilter"
# Eight fields (issue 5: <= 0.05x tshark's time).
fields8=(-e frame.number -e frame.time_relative -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport -e tcp.len -e tcp.analysis.flags)
row "tcpscope read -T fields (8)" "tshark -2 fields (8)" "$java" "${jvm_flags[@]}" -jar "$jar" read "$file" -T fields "${fields8[@]}"
row "tshark -2 fields (8)" "tshark -2 fields (8)" "${tshark_env[@]}" tshark -2 -r "$file" -T fields "${fields8[@]}"
# Statistics in one pass (issue 15: <= 0.1x tshark's time, max RSS <= 150 MB).
zstats=(-q -z conv,tcp -z io,stat,1 -z expert)
row "tcpscope read -q -z conv,tcp -z io,stat,1 -z expert" "tshark -q -z (3)" "$java" "${jvm_flags[@]}" -jar "$jar" read "$file" "${zstats[@]}"
row "tshark -q -z (3)" "tshark -q -z (3)" "${tshark_env[@]}" tshark -r "$file" "${zstats[@]}"

# The connection report (issue 15): its cost over a plain read -q, which decodes and analyses alike.
row "tcpscope read -q" "tshark -r" "$java" "${jvm_flags[@]}" -jar "$jar" read -q "$file"
row "tcpscope stats" "tcpscope read -q" "$java" "${jvm_flags[@]}" -jar "$jar" stats "$file"
fi
if [ -n "$details" ]; then
  for d in "-V" "-O tcp" "-T json" "-T ek" "-T pdml" "-x"; do
    # shellcheck disable=SC2206
    opts=($d)
    row "tcpscope read $d" "tshark -r $d" "$java" "${jvm_flags[@]}" -jar "$jar" read "$file" "${opts[@]}"
    row "tshark -r $d" "tshark -r $d" "${tshark_env[@]}" tshark -r "$file" "${opts[@]}"
  done
fi

declare -A secs rss status
for i in "${!names[@]}"; do
  if [ "${names[$i]}" = "tshark -2 fields" ] && [ "${status[tcpscope read -2 -T fields (stream, analysis)]:-ok}" != ok ]; then
    # Minutes of tshark with nothing of ours to compare it with: leave it for when we have -T fields.
    secs[${names[$i]}]="" rss[${names[$i]}]="" status[${names[$i]}]="skipped: no tcpscope counterpart yet"
    continue
  fi
  eval "measure \"\${names[$i]}\" ${cmds[$i]}"
  secs[${names[$i]}]=$m_secs rss[${names[$i]}]=$m_rss status[${names[$i]}]=$m_status
done

ratio() {   # ratio REF THIS: REF's median / THIS's median, or "–"
  local a=${secs[$1]:-} b=${secs[$2]:-}
  if [ -n "$a" ] && [ -n "$b" ]; then awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }'; else echo "–"; fi
}

{
  echo "# tcpscope vs tcpdump vs tshark ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo
  echo "- file: \`$file\`, $(( $(stat -c %s "$file") / 1000000 )) MB$( [ -z "${file##*synth-*}" ] && echo ", seed $seed")"
  machine
  echo "- repetitions: $reps (median wall time; max RSS over the repetitions)"
  echo "- tshark profile:${tshark_note:- default}"
  echo
  echo "| command | median s | max RSS MB | tcpdump ÷ this | tshark ÷ this |"
  echo "|---|--:|--:|--:|--:|"
  for i in "${!names[@]}"; do
    n=${names[$i]}
    if [ "${status[$n]}" = ok ]; then
      echo "| \`$n\` | ${secs[$n]} | ${rss[$n]} | $(ratio "tcpdump -nr" "$n") | $(ratio "${refs[$i]}" "$n") |"
    else
      echo "| \`$n\` | ${status[$n]} | | | |"
    fi
  done
  echo
  echo "\"÷ this\" is a speed-up: above 1, this command is faster than the reference. The analysis"
  echo "rows (\`-T fields\`, \`-Y\`) are compared with the same \`tshark -2\` command, the \`stats\` row with"
  echo "\`tcpscope read -q\` (its ÷ below 1 is the report's cost), the others with \`tshark -r\`$tshark_note."
} >"$tmp/report"
cp "$tmp/report" "$report"
cat "$report"
echo >&2; echo "compare.sh: saved $report" >&2

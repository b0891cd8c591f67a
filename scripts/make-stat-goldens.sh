#!/usr/bin/env bash
# Usage: scripts/make-stat-goldens.sh
#
# Regenerates every -z statistics golden in one command. For every capture in captures/ and every
# set in SETS below, writes under src/test/resources/golden/stats/:
#   <capture>.<set>.txt   stdout of `tshark -r captures/<capture> -q <the set's -z options>`
#   <capture>.<set>.rc    tshark's exit code, only when it is not 0
# and for every row of EXTRAS (one capture, its own options) <capture>.<name>.txt/.rc the same way.
# golden/stats/VERSION records the tshark version, the profile (scripts/tshark-profile.sh, the
# enabled protocols) and the commands. Goldens are made by this script only; never edit them.
# StatsGoldenTest runs `tcpscope read` with the same options and compares byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/stats
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"

# name<TAB>options (given to both tshark and tcpscope after -r FILE)
SETS=$(cat <<'SETS_END'
conv	-q -z conv,eth -z conv,ip -z conv,ipv6 -z conv,tcp -z conv,udp -z endpoints,eth -z endpoints,ip -z endpoints,ipv6 -z endpoints,tcp -z endpoints,udp
bench	-q -z conv,tcp -z io,stat,1 -z expert -z io,stat,0,tcp,udp,SUM(tcp.len)tcp.len,MAX(frame.len)frame.len,AVG(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt,MIN(tcp.window_size)tcp.window_size,COUNT(tcp.analysis.retransmission)tcp.analysis.retransmission
follow	-q -z follow,tcp,ascii,0 -z follow,tcp,hex,1 -z follow,tcp,yaml,2 -z follow,udp,raw,0 -z follow,udp,ascii,1
trees	-q -z ip_hosts,tree -z ptype,tree -z plen,tree
http	-q -z http,tree -z http_req,tree -z http_srv,tree
phs	-q -z io,phs
dns	-q -z dns,tree
SETS_END
)

# capture<TAB>name<TAB>options: option combinations, error messages, output after the packet list
EXTRAS=$(cat <<'EXTRAS_END'
learn_tcp.pcapng	list	-z conv,tcp -z follow,tcp,raw,0
learn_tcp.pcapng	addr	-q -z follow,tcp,hex,127.0.0.1:5200,127.0.0.1:5201 -z follow,tcp,ascii,0,3-5
learn_tcp.pcapng	iostat-fine	-q -z io,stat,0.01,SUM(tcp.len)tcp.len,,FRAMES()tcp,BYTES,MAX(tcp.window_size)tcp.window_size
learn_tcp.pcapng	iostat-load	-q -z io,stat,0.5,SUM(tcp.len)tcp,AVG(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt,MIN(tcp.time_delta),COUNT(tcp.flags.syn)tcp.flags.syn==1,LOAD(tcp.analysis.ack_rtt)
learn_tcp.pcapng	iostat-y	-q -Y tcp.len -z io,stat,1,SUM(tcp.len)tcp
learn_tcp.pcapng	time-ad	-q -t ad -z io,stat,1 -z conv,ip
learn_tcp.pcapng	time-e	-q -t e -z conv,tcp
arkime-wireshark-retrans.pcap	filtered	-q -z conv,tcp,tcp.len>0 -z endpoints,ip,frame.number<50 -z expert,note,tcp.analysis.retransmission
arkime-wireshark-retrans.pcap	expert-warn	-q -z expert,warn
arkime-v6.pcap	follow6	-q -z follow,tcp,ascii,0 -z follow,tcp,yaml,3
zeek-tcp-reassembly.pcap	follow-gap	-q -z follow,tcp,hex,0 -z follow,tcp,raw,0
learn_tcp.pcapng	err-unknown	-q -z foo
learn_tcp.pcapng	err-mode	-q -z follow,tcp,bogus,0
learn_tcp.pcapng	err-address	-q -z follow,tcp,ascii
learn_tcp.pcapng	err-range	-q -z follow,tcp,ascii,0,5-2
learn_tcp.pcapng	err-conv-filter	-q -z conv,tcp,tcp.port==
learn_tcp.pcapng	err-iostat	-q -z io,stat
learn_tcp.pcapng	err-iostat-field	-q -z io,stat,1,SUM(nosuch.field)tcp
learn_tcp.pcapng	err-iostat-type	-q -z io,stat,1,SUM(ip.src)ip
arkime-wireshark-retrans.pcap	trees-filtered	-q -z plen,tree,tcp.len>0 -z ip_hosts,tree,tcp.port==80 -z ptype,tree,frame.number<30
learn_tcp.pcapng	trees-list	-z plen,tree
learn_tcp.pcapng	err-tree-filter	-q -z plen,tree,tcp.port== -z ptype,tree
zeek-http-bro.org.pcap	http-filtered	-q -z http,tree,http.response.code==200 -z http_srv,tree,frame.number>100 -z http_req,tree,tcp.port==80
arkime-wireshark-retrans.pcap	phs-filtered	-q -z io,phs,tcp.len>0 -z io,phs,http
learn_tcp.pcapng	phs-list	-z io,phs
learn_tcp.pcapng	err-phs-filter	-q -z io,phs,tcp.port==
pcapplusplus-DnsPackets.pcap	dns-filtered	-q -z dns,tree,dns.flags.response==1 -z dns,tree,udp.port==53
learn_tcp.pcapng	err-dns-filter	-q -z dns,tree,dns.qry.name==
pcapplusplus-pcapng-example.pcapng.zst	iostat-far	-q -z io,stat,0,tcp,udp,SUM(tcp.len)tcp.len,MAX(frame.len)frame.len
EXTRAS_END
)

rm -rf "$out"
mkdir -p "$out"
: >"$out/skipped.tsv"
{
  echo "# Made by scripts/make-stat-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "command: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<capture> <options of sets.tsv or extras.tsv>"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
printf '%s\n' "$SETS" >"$out/sets.tsv"
printf '%s\n' "$EXTRAS" >"$out/extras.tsv"
run() { # capture name options...
  local cap=$1 name=$2; shift 2
  local rc=0
  # shellcheck disable=SC2068
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark -r "captures/$cap" "$@" >"$out/$cap.$name.txt" 2>/dev/null || rc=$?
  [ "$rc" = 0 ] || echo "$rc" >"$out/$cap.$name.rc"
}
n=0
while IFS=$'\t' read -r cap name opts; do
  # shellcheck disable=SC2086
  run "$cap" "$name" $opts
  n=$((n + 1))
done <<<"$EXTRAS"
for f in captures/*; do
  cap=$(basename "$f")
  case "$cap" in *.md|*.txt) continue ;; esac
  # io,stat,1 prints one row per second: captures spanning more than an hour (some start in
  # 1970 and end decades later) are left out of the sets that use it (listed in skipped.tsv).
  dur=$(XDG_CONFIG_HOME="$prof" tshark -r "$f" -T fields -e frame.time_relative 2>/dev/null | sort -g | tail -1 || true)
  long=$(awk -v d="${dur:-0}" 'BEGIN { print (d > 3600) ? 1 : 0 }')
  while IFS=$'\t' read -r name opts; do
    if [ "$long" = 1 ] && [[ "$opts" == *"io,stat,1 "* ]]; then
      printf '%s\t%s\tspans %s s: io,stat,1 would print a row per second\n' "$cap" "$name" "$dur" >>"$out/skipped.tsv"
      continue
    fi
    # shellcheck disable=SC2086
    run "$cap" "$name" $opts
    n=$((n + 1))
  done <<<"$SETS"
done
echo "make-stat-goldens: $n goldens -> $out"

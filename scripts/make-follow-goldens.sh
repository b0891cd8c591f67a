#!/usr/bin/env bash
# Usage: scripts/make-follow-goldens.sh
#
# Goldens for `tcpscope follow` (FollowCommandTest): what tshark prints when it is run once per
# stream, the way a tshark user has to follow every stream of a capture. For every row of CAPTURES
# (capture, protocol) and every format, writes under src/test/resources/golden/follow/:
#   <capture>.<proto>.<format>.txt.gz   the stdout of
#        tshark -r captures/<capture> -q -z follow,<proto>,<format>,N
#        for N = 0, 1, ... up to the last <proto>.stream of the capture, concatenated in that order
#   <capture>.<proto>.<format>.lengths  "N<TAB>bytes" per stream: where each stream's block ends
# and for every row of SELECTIONS (capture, protocol, display filter)
#   selections.tsv   capture, protocol, filter, and the streams holding a frame the filter
#                    matches, as `tshark -Y FILTER -T fields -e <proto>.stream` lists them
# VERSION records the tshark version, the profile (scripts/tshark-profile.sh) and the commands.
# Goldens are made by this script only; never edit them.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/follow
prof=$(mktemp -d)
tmp=$(mktemp -d)
trap 'rm -rf "$prof" "$tmp"' EXIT
scripts/tshark-profile.sh "$prof"

CAPTURES=$(cat <<'CAPTURES_END'
learn_tcp.pcapng	tcp
pcapplusplus-four_ipv6_http_streams.pcap	tcp
zeek-http-bro.org.pcap	tcp
synth-tcp-flags.pcap	tcp
zeek-tcp-reassembly.pcap	tcp
suricata-http-pipeline-files-with-gap.pcap	tcp
arkime-tcp_handshake_synthetic.pcap	tcp
arkime-v6.pcap	udp
pcapplusplus-many_interfaces-1.pcapng	udp
CAPTURES_END
)

SELECTIONS=$(cat <<'SELECTIONS_END'
zeek-http-bro.org.pcap	tcp	http.request.uri contains "css"
zeek-http-bro.org.pcap	tcp	tcp.analysis.retransmission || tcp.len > 1400
synth-tcp-flags.pcap	tcp	tcp.flags.reset == 1
pcapplusplus-four_ipv6_http_streams.pcap	tcp	frame.number == 20
arkime-v6.pcap	udp	udp.port == 53
SELECTIONS_END
)

ts() { XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null; }

rm -rf "$out"
mkdir -p "$out"
{
  echo "# Made by scripts/make-follow-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "command: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<capture> -q -z follow,<proto>,<format>,N  (once per stream N, outputs concatenated)"
  echo "streams: XDG_CONFIG_HOME=<profile> tshark -r captures/<capture> -T fields -e <proto>.stream (0 .. the largest)"
  echo "selections: XDG_CONFIG_HOME=<profile> tshark -r captures/<capture> -Y <filter> -T fields -e <proto>.stream"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"

n=0
while IFS=$'\t' read -r cap proto; do
  last=$(ts -r "captures/$cap" -T fields -e "$proto.stream" 2>/dev/null | tr ',' '\n' | grep -v '^$' | sort -n | tail -1)
  for format in ascii hex raw yaml; do
    base="$out/$cap.$proto.$format"
    : >"$tmp/all"
    : >"$base.lengths"
    for s in $(seq 0 "$last"); do
      ts -r "captures/$cap" -q -z "follow,$proto,$format,$s" >"$tmp/one"
      printf '%s\t%s\n' "$s" "$(stat -c %s "$tmp/one")" >>"$base.lengths"
      cat "$tmp/one" >>"$tmp/all"
      n=$((n + 1))
    done
    gzip -n -9 <"$tmp/all" >"$base.txt.gz"
  done
done <<<"$CAPTURES"

: >"$out/selections.tsv"
while IFS=$'\t' read -r cap proto filter; do
  streams=$(ts -r "captures/$cap" -Y "$filter" -T fields -e "$proto.stream" | tr ',' '\n' | grep -v '^$' | sort -un | paste -sd, -)
  printf '%s\t%s\t%s\t%s\n' "$cap" "$proto" "$filter" "$streams" >>"$out/selections.tsv"
done <<<"$SELECTIONS"
echo "make-follow-goldens: $n tshark runs -> $out"

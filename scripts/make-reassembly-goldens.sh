#!/usr/bin/env bash
# Usage: scripts/make-reassembly-goldens.sh [fields|details|all]
#
# Goldens for TCP desegmentation (TcpReassemblyGoldenTest), for every capture in captures/ in
# which tshark reassembles a PDU over TCP (a frame with tcp.segments, one pass or two), under the
# profile of scripts/tshark-profile.sh (HTTP enabled), LC_ALL=C.UTF-8, TZ=UTC. Called at the end
# of scripts/make-field-goldens.sh (fields) and scripts/make-detail-goldens.sh (details); run it
# alone to remake only these.
#
#   golden/fields/reassembly/<capture>.tsv.gz    tshark -r <capture> -T fields -E header=y -e <FIELDS>
#   golden/fields/reassembly/<capture>.2.tsv.gz  the same with -2
#   golden/details/reassembly/<capture>.V.txt.gz, .2.V.txt.gz      tshark [-2] -r <capture> -c N -V
#   golden/details/reassembly/<capture>.json.gz, .2.json.gz        tshark [-2] -r <capture> -c N -T json
#   golden/details/reassembly/<capture>.x.txt.gz, .2.x.txt.gz      tshark [-2] -r <capture> -c N -x
#   golden/details/reassembly/frames.tsv                            the N per capture
#
# The goldens are tshark's whole output, gzipped. What the test compares: the field goldens
# whole; of -V and -T json the layers up to TCP and the segment tree, as the HTTP layer's own
# tree is built elsewhere: -V keeps the top-level items "Frame N", "Ethernet II", "Internet
# Protocol Version 4/6", "Transmission Control Protocol", "[N Reassembled TCP Segments ...]"
# (and "[Reassembly error ...]") with their subtrees and drops the others (Hypertext Transfer
# Protocol, Media Type ...); -T json keeps the layers frame, eth, ip, ipv6, tcp, tcp.segments
# and _ws.malformed; both cut "Protocols in frame" after ":tcp". -x keeps the data sources
# "Frame", "Reassembled IPv4/IPv6" and "Reassembled TCP" (not HTTP's de-chunked or
# uncompressed bodies). VERSION in each directory records the tshark version, the commands, the
# profile and the date. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-all}
FIELDS="frame.number tcp.stream tcp.seq tcp.len tcp.reassembled_in tcp.segments tcp.segment tcp.segment.count tcp.reassembled.length tcp.reassembled.data tcp.segment_data tcp.segment.overlap tcp.segment.overlap.conflict tcp.segment.multipletails tcp.segment.toolongfragment tcp.segment.error data.data"
# frames for -V/-x/-T json: all, but at most MAX (a first and second pass over them alike)
MAX=120

prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"
ts() { XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null || true; }

captures=()
for f in captures/*; do
  name=$(basename "$f")
  case "$name" in *.md|*.txt) continue ;; esac
  if [ -n "$(ts -2 -r "$f" -Y tcp.segments -T fields -e frame.number | head -1)" ]; then
    captures+=("$name")
  fi
done

version() {
  {
    echo "# Made by scripts/make-reassembly-goldens.sh; do not edit."
    echo "tshark: $(tshark --version 2>/dev/null | head -1)"
    echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC $1"
    echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
    echo "captures: ${captures[*]}"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  } >"$2/VERSION"
}

if [ "$what" = fields ] || [ "$what" = all ]; then
  out=src/test/resources/golden/fields/reassembly
  rm -rf "$out"; mkdir -p "$out"
  args=()
  for field in $FIELDS; do args+=(-e "$field"); done
  for c in "${captures[@]}"; do
    ts -r "captures/$c" -T fields -E header=y "${args[@]}" | gzip -9n >"$out/$c.tsv.gz"
    ts -2 -r "captures/$c" -T fields -E header=y "${args[@]}" | gzip -9n >"$out/$c.2.tsv.gz"
  done
  version "tshark [-2] -r captures/<capture> -T fields -E header=y -e <each of: $FIELDS> | gzip" "$out"
  echo "make-reassembly-goldens: fields of ${#captures[@]} captures -> $out"
fi

if [ "$what" = details ] || [ "$what" = all ]; then
  out=src/test/resources/golden/details/reassembly
  rm -rf "$out"; mkdir -p "$out"
  printf '# capture\tframes (-c)\n' >"$out/frames.tsv"
  for c in "${captures[@]}"; do
    n=$(ts -r "captures/$c" -T fields -e frame.number | wc -l)
    [ "$n" -gt "$MAX" ] && n=$MAX
    printf '%s\t%s\n' "$c" "$n" >>"$out/frames.tsv"
    for two in "" "-2"; do
      p=${two:+.2}
      ts $two -r "captures/$c" -c "$n" -V | gzip -9n >"$out/$c$p.V.txt.gz"
      ts $two -r "captures/$c" -c "$n" -T json | gzip -9n >"$out/$c$p.json.gz"
      ts $two -r "captures/$c" -c "$n" -x | gzip -9n >"$out/$c$p.x.txt.gz"
    done
  done
  version "tshark [-2] -r captures/<capture> -c <frames.tsv> {-V | -T json | -x} | gzip" "$out"
  echo "make-reassembly-goldens: details of ${#captures[@]} captures -> $out"
fi

#!/usr/bin/env bash
# Usage: scripts/make-detail-goldens.sh [--ek | --pdml | --raw | --add CAPTURE...]
#
# For every capture in captures/ writes, under src/test/resources/golden/details/:
#   <name>.V.txt   stdout of `tshark -r captures/<name> -c N -V`       (the packet details tree)
#   <name>.x.txt   stdout of `tshark -r captures/<name> -c N -x`       (the hex dump)
#   <name>.json    stdout of `tshark -r captures/<name> -c N -T json`  (the JSON tree)
# and a few option combinations (-O, -V -x, --no-duplicate-keys) listed in extras.tsv,
# all under the HTTP profile (scripts/tshark-profile.sh), and frames.tsv with the N
# used for each capture: the first 40 frames, halved while the -V text of a capture would be
# larger than 256 KiB (a few captures have 64 KiB frames whose data dumps would swell the
# repository). VERSION records the tshark version, the commands, the profile and the date.
#
# Under golden/details/ek/ (GoldenEkTest), for the same captures and frames.tsv's N, gzipped:
#   <name>.ek.json.gz  stdout of `tshark -r captures/<name> -c N -T ek`    (Elasticsearch bulk lines)
#   <name>.psml.gz     stdout of `tshark -r captures/<name> -c N -T psml`  (the packet list as XML)
# and the option combinations of its extras.tsv (-P, -e, -E, -Y, -2, -R, --color, -x), with its own
# VERSION. `--ek` remakes only these, from the frames.tsv already there, leaving the rest alone.
#
# Under golden/details/pdml/ (GoldenPdmlTest), likewise gzipped:
#   <name>.pdml.gz     stdout of `tshark -r captures/<name> -c N -T pdml`  (the detail tree as XML)
# and its extras.tsv (-Y, -2, -R, --color, -e, -E). The header's time attribute is the time the
# golden was made; the test compares everything else. `--pdml` remakes only these.
#
# Under golden/raw/ (GoldenRawTest), likewise gzipped:
#   <name>.json.gz     stdout of `tshark -r captures/<name> -c N -T json -x` (each item's _raw array)
# and its extras.tsv (--no-duplicate-keys, -2 -R). `--raw` remakes only these.
# `--add CAPTURE...` makes every golden above for the named captures only (V, x, json, ek, psml,
# pdml, raw), sets their rows of frames.tsv and adds an "added:" line to each VERSION; the other
# captures' goldens stay as they are. The golden set is the captures of frames.tsv, not all of
# captures/ (a whole run makes it every capture: 172 MB of text, session 40).
# Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/details
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"

FRAMES=40
MAX_BYTES=$((256 * 1024))

ts() {
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null || true
}

# Empties golden folder $1, keeping its known-gaps.tsv (the list of what tcpscope lacks is ours).
fresh_dir() {
  local dir=$1 keep
  keep=$(mktemp)
  [ -f "$dir/known-gaps.tsv" ] && cp "$dir/known-gaps.tsv" "$keep"
  rm -rf "$dir"
  mkdir -p "$dir"
  [ -s "$keep" ] && cp "$keep" "$dir/known-gaps.tsv"
  rm -f "$keep"
}

# per_capture DIR SUFFIX OPTIONS...: for every capture of frames.tsv, tshark's output with
# "-c N OPTIONS" gzipped to DIR/<name>SUFFIX.gz; sets n to the number of captures.
per_capture() {
  local dir=$1 suffix=$2 name c
  shift 2
  n=0
  while IFS=$'\t' read -r name c; do
    case "$name" in '#'*|'') continue ;; esac
    ts -r "captures/$name" -c "$c" "$@" | gzip -9n >"$dir/$name$suffix.gz"
    n=$((n + 1))
  done <"$out/frames.tsv"
}

# gz_extra DIR FILE CAPTURE OPTIONS...: tshark's output gzipped to DIR/FILE.gz and its row in
# DIR/extras.tsv (golden file, capture, tshark/tcpscope read options, space separated).
gz_extra() {
  local dir=$1 file=$2 capture=$3
  shift 3
  ts -r "captures/$capture" "$@" | gzip -9n >"$dir/$file.gz"
  printf '%s\t%s\t%s\n' "$file" "$capture" "$*" >>"$dir/extras.tsv"
}

# -T ek and -T psml of every capture of frames.tsv, and their option combinations.
ek_goldens() {
  local dir=$out/ek n=0
  fresh_dir "$dir"
  per_capture "$dir" .psml -T psml
  per_capture "$dir" .ek.json -T ek
  # extras.tsv: golden file, capture, tshark/tcpscope read options (space separated).
  printf '# golden\tcapture\toptions\n' >"$dir/extras.tsv"
  ekextra() { gz_extra "$dir" "$@"; }
  # -P: the packet-list columns head each document; the tree only with -V (or -O)
  ekextra learn_tcp.pcapng.P.ek.json learn_tcp.pcapng -T ek -P
  ekextra learn_tcp.pcapng.PV.ek.json learn_tcp.pcapng -T ek -P -V
  # -e: the chosen fields as arrays of their -T fields texts, packet-list columns included; -E occurrence
  ekextra learn_tcp.pcapng.e.ek.json learn_tcp.pcapng -T ek -e frame.time -e ip.src -e ip.addr -e tcp.flags.syn -e tcp.option_kind -e tcp.analysis -e _ws.col.No. -e _ws.col.Info
  ekextra learn_tcp.pcapng.e-last.ek.json learn_tcp.pcapng -T ek -E occurrence=l -e ip.addr -e tcp.option_kind
  ekextra zeek-http-bro.org.pcap.e.ek.json zeek-http-bro.org.pcap -c 40 -T ek -P -V -e http.host -e http.request.uri -e http.response.code -e _ws.col.Protocol
  # -Y, -2 and -2 -R, --color
  ekextra learn_tcp.pcapng.Y.ek.json learn_tcp.pcapng -T ek -Y 'tcp.len>0'
  ekextra learn_tcp.pcapng.Y.psml learn_tcp.pcapng -T psml -Y 'tcp.len>0'
  ekextra learn_tcp.pcapng.2.ek.json learn_tcp.pcapng -T ek -2
  ekextra learn_tcp.pcapng.2R.ek.json learn_tcp.pcapng -T ek -2 -R 'tcp.len>0'
  ekextra learn_tcp.pcapng.2R.psml learn_tcp.pcapng -T psml -2 -R 'tcp.len>0'
  ekextra learn_tcp.pcapng.color.ek.json learn_tcp.pcapng -T ek --color
  ekextra learn_tcp.pcapng.color.psml learn_tcp.pcapng -T psml --color
  # -x: each item that covers bytes is preceded by its _raw member (hex, or a bitmask's masked value)
  ekextra learn_tcp.pcapng.x.ek.json learn_tcp.pcapng -T ek -x
  ekextra arkime-dot1ad.pcap.x.ek.json arkime-dot1ad.pcap -c 10 -T ek -x
  ekextra derived-loop108-null_loopback.pcap.x.ek.json derived-loop108-null_loopback.pcap -T ek -x
  ekextra pcapplusplus-nanosecs.pcap.x.ek.json pcapplusplus-nanosecs.pcap -T ek -x
  ekextra pcapplusplus-ip4_bad_fragment.pcap.x.ek.json pcapplusplus-ip4_bad_fragment.pcap -T ek -x
  ekextra tcpdump-heap-overflow-1.pcap.x.ek.json tcpdump-heap-overflow-1.pcap -T ek -x
  # HTTP Info texts with & < > " ' to escape, in every frame
  ekextra pcapplusplus-three_http_streams.pcap.psml pcapplusplus-three_http_streams.pcap -T psml
  ekextra arkime-smtp-data-250.pcap.psml arkime-smtp-data-250.pcap -T psml
  {
    echo "# Made by scripts/make-detail-goldens.sh; do not edit."
    echo "tshark: $(tshark --version 2>/dev/null | head -1)"
    echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name> -c <../frames.tsv> {-T ek | -T psml} | gzip -9n"
    echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
    echo "extras: option combinations listed in extras.tsv (same profile and environment)"
    echo "captures: $n"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  } >"$dir/VERSION"
  echo "make-detail-goldens: -T ek and -T psml of $n captures -> $dir"
}

# -T pdml of every capture of frames.tsv, and its option combinations.
pdml_goldens() {
  local dir=$out/pdml n=0
  fresh_dir "$dir"
  per_capture "$dir" .pdml -T pdml
  # extras.tsv: golden file, capture, tshark/tcpscope read options (space separated).
  printf '# golden\tcapture\toptions\n' >"$dir/extras.tsv"
  pdmlextra() { gz_extra "$dir" "$@"; }
  # -Y keeps the frames' own numbers in geninfo; -2 and -2 -R; --color colors each <packet> and
  # names the rule in the frame's tree
  pdmlextra learn_tcp.pcapng.Y.pdml learn_tcp.pcapng -T pdml -Y 'tcp.len>0'
  pdmlextra learn_tcp.pcapng.2.pdml learn_tcp.pcapng -T pdml -2
  pdmlextra learn_tcp.pcapng.2R.pdml learn_tcp.pcapng -T pdml -2 -R 'tcp.len>0'
  pdmlextra learn_tcp.pcapng.color.pdml learn_tcp.pcapng -T pdml --color
  pdmlextra arkime-wireshark-retrans.pcap.color.pdml arkime-wireshark-retrans.pcap -c 40 -T pdml --color -d tcp.port==4000,data
  # -e: geninfo, then one <field name= value=/> per value, as -T fields writes it; -E occurrence
  pdmlextra learn_tcp.pcapng.e.pdml learn_tcp.pcapng -T pdml -e frame.time -e ip.src -e ip.addr -e tcp.flags.syn -e tcp.option_kind -e tcp.analysis -e _ws.col.No. -e _ws.col.Info
  pdmlextra learn_tcp.pcapng.e-first.pdml learn_tcp.pcapng -T pdml -E occurrence=f -e ip.addr -e tcp.option_kind
  # -V, -O and -P change nothing, -q prints all the same
  pdmlextra learn_tcp.pcapng.O.pdml learn_tcp.pcapng -c 3 -T pdml -O tcp -q
  {
    echo "# Made by scripts/make-detail-goldens.sh; do not edit."
    echo "tshark: $(tshark --version 2>/dev/null | head -1)"
    echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name> -c <../frames.tsv> -T pdml | gzip -9n"
    echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
    echo "extras: option combinations listed in extras.tsv (same profile and environment)"
    echo "header: the time attribute of <pdml> is when the golden was made (asctime, UTC)"
    echo "captures: $n"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  } >"$dir/VERSION"
  echo "make-detail-goldens: -T pdml of $n captures -> $dir"
}

# -T json -x of every capture of frames.tsv (each item's "_raw" array: its bytes, position,
# length, bitmask and type), gzipped under golden/raw/ (GoldenRawTest), and its extras.
raw_goldens() {
  local dir=src/test/resources/golden/raw n=0
  fresh_dir "$dir"
  per_capture "$dir" .json -T json -x
  printf '# golden\tcapture\toptions\n' >"$dir/extras.tsv"
  # duplicate keys merged: the _raw arrays of one key become an array of arrays
  gz_extra "$dir" learn_tcp.pcapng.no-duplicate-keys.json learn_tcp.pcapng -T json -x --no-duplicate-keys
  # a display filter and two passes: the same items, fewer frames
  gz_extra "$dir" learn_tcp.pcapng.2R.json learn_tcp.pcapng -T json -x -2 -R 'tcp.len>0'
  {
    echo "# Made by scripts/make-detail-goldens.sh --raw; do not edit."
    echo "tshark: $(tshark --version 2>/dev/null | head -1)"
    echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name> -c <../details/frames.tsv> -T json -x | gzip -9n"
    echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
    echo "extras: option combinations listed in extras.tsv (same profile and environment)"
    echo "captures: $n"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  } >"$dir/VERSION"
  echo "make-detail-goldens: -T json -x of $n captures -> $dir"
}

# frames NAME: the -c for capture NAME (the first FRAMES, halved while -V exceeds MAX_BYTES),
# leaving its -V text in $out/NAME.V.txt.
frames() {
  local name=$1 c=$FRAMES size
  while :; do
    ts -r "captures/$name" -c "$c" -V >"$out/$name.V.txt"
    size=$(wc -c <"$out/$name.V.txt")
    if [ "$size" -le "$MAX_BYTES" ] || [ "$c" -le 1 ]; then
      break
    fi
    c=$((c / 2))
  done
  echo "$c"
}

# --add CAPTURE...: the goldens of these captures only.
add_captures() {
  local name c row date raw=src/test/resources/golden/raw
  date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  for name in "$@"; do
    [ -f "captures/$name" ] || { echo "make-detail-goldens: no captures/$name" >&2; exit 2; }
    c=$(frames "$name")
    ts -r "captures/$name" -c "$c" -x >"$out/$name.x.txt"
    ts -r "captures/$name" -c "$c" -T json >"$out/$name.json"
    ts -r "captures/$name" -c "$c" -T psml | gzip -9n >"$out/ek/$name.psml.gz"
    ts -r "captures/$name" -c "$c" -T ek | gzip -9n >"$out/ek/$name.ek.json.gz"
    ts -r "captures/$name" -c "$c" -T pdml | gzip -9n >"$out/pdml/$name.pdml.gz"
    ts -r "captures/$name" -c "$c" -T json -x | gzip -9n >"$raw/$name.json.gz"
    row=$(printf '%s\t%s' "$name" "$c")
    { grep -v "^$name	" "$out/frames.tsv" | grep -v '^#'; echo "$row"; } | LC_ALL=C sort >"$out/frames.tsv.new"
    { echo '# capture	frames (-c)'; cat "$out/frames.tsv.new"; } >"$out/frames.tsv"
    rm -f "$out/frames.tsv.new"
    for v in "$out/VERSION" "$out/ek/VERSION" "$out/pdml/VERSION" "$raw/VERSION"; do
      echo "added: $name ($date; same commands, enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//'))" >>"$v"
    done
    echo "make-detail-goldens: added $name (-c $c)"
  done
}

if [ "${1:-}" = --add ]; then
  shift
  add_captures "$@"
  exit 0
fi
if [ "${1:-}" = --raw ]; then
  raw_goldens
  exit 0
fi
if [ "${1:-}" = --ek ]; then
  ek_goldens
  exit 0
fi
if [ "${1:-}" = --pdml ]; then
  pdml_goldens
  exit 0
fi

keep=$(mktemp)
keep_ek=$(mktemp)
keep_pdml=$(mktemp)
[ -f "$out/known-gaps.tsv" ] && cp "$out/known-gaps.tsv" "$keep"
[ -f "$out/ek/known-gaps.tsv" ] && cp "$out/ek/known-gaps.tsv" "$keep_ek"
[ -f "$out/pdml/known-gaps.tsv" ] && cp "$out/pdml/known-gaps.tsv" "$keep_pdml"
rm -rf "$out"
mkdir -p "$out/ek" "$out/pdml"
[ -s "$keep" ] && cp "$keep" "$out/known-gaps.tsv"
[ -s "$keep_ek" ] && cp "$keep_ek" "$out/ek/known-gaps.tsv"
[ -s "$keep_pdml" ] && cp "$keep_pdml" "$out/pdml/known-gaps.tsv"
rm -f "$keep" "$keep_ek" "$keep_pdml"

printf '# capture\tframes (-c)\n' >"$out/frames.tsv"
n=0
for f in captures/*; do
  name=$(basename "$f")
  case "$name" in *.md|*.txt) continue ;; esac
  c=$(frames "$name")
  ts -r "$f" -c "$c" -x >"$out/$name.x.txt"
  ts -r "$f" -c "$c" -T json >"$out/$name.json"
  printf '%s\t%s\n' "$name" "$c" >>"$out/frames.tsv"
  n=$((n + 1))
done

# Option combinations, on the showcase capture: -O, -V with -x, --no-duplicate-keys and --color.
# extras.tsv: golden file, capture, tshark/tcpscope read options (space separated).
printf '# golden\tcapture\toptions\n' >"$out/extras.tsv"
extra() {
  local file=$1 capture=$2
  shift 2
  ts -r "captures/$capture" "$@" >"$out/$file"
  printf '%s\t%s\t%s\n' "$file" "$capture" "$*" >>"$out/extras.tsv"
}
extra learn_tcp.pcapng.O-tcp.txt learn_tcp.pcapng -O tcp
extra learn_tcp.pcapng.O-ip-tcp.txt learn_tcp.pcapng -O ip,tcp
extra learn_tcp.pcapng.Vx.txt learn_tcp.pcapng -V -x
extra learn_tcp.pcapng.no-duplicate-keys.json learn_tcp.pcapng -T json --no-duplicate-keys
extra arkime-wireshark-retrans.pcap.no-duplicate-keys.json arkime-wireshark-retrans.pcap -c 40 -T json --no-duplicate-keys -d tcp.port==4000,data
# --color adds each frame's coloring rule to the tree (no escapes: the output is not a terminal).
extra learn_tcp.pcapng.color-V.txt learn_tcp.pcapng --color -V
# (-d tcp.port==4000,data: that capture carries HTTP on port 4000, found by the heuristic; the
#  checks of duplicate keys and rule names keep its payload as data; HTTP is checked by make-http-goldens.sh.)
extra arkime-wireshark-retrans.pcap.color.json arkime-wireshark-retrans.pcap -c 40 --color -T json -d tcp.port==4000,data
# Every frame of the Rlogin scenarios (55; the first 40 are in the usual goldens): the cut-short
# window-size message and the non-ASCII data come after frame 40.
extra synth-rlogin.pcap.Vx.txt synth-rlogin.pcap -V -x
extra synth-rlogin.pcap.all.json synth-rlogin.pcap -T json
# Every frame of the Telnet scenarios (over 100; the suboption dissectors and the ends that run
# out come after frame 40), and -2 (a TN3270E negotiation marks its connection on the first pass).
extra synth-telnet.pcap.Vx.txt synth-telnet.pcap -V -x
extra synth-telnet.pcap.all.json synth-telnet.pcap -T json
extra synth-telnet.pcap.2-V.txt synth-telnet.pcap -2 -V

{
  echo "# Made by scripts/make-detail-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name> -c <frames.tsv> {-V | -x | -T json}"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "extras: option combinations listed in extras.tsv (same profile and environment)"
  echo "frames: first $FRAMES, halved while the -V text exceeds $MAX_BYTES bytes (see frames.tsv)"
  echo "captures: $n"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-detail-goldens: $n captures -> $out"
ek_goldens
pdml_goldens
raw_goldens
# TCP desegmentation under the same profile, one pass and two: golden/details/reassembly/
scripts/make-reassembly-goldens.sh details

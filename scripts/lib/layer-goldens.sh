# Sourced by the golden scripts that write one set of files per capture (make-ipproto-goldens.sh,
# make-stp-goldens.sh, make-bgp-goldens.sh): layer_goldens OUT PROFILE CAPTURE "FIELD ..." writes, for
# captures/CAPTURE, what tshark prints under the profile directory PROFILE (LC_ALL=C.UTF-8,
# TZ=UTC) into OUT/CAPTURE.<format>: the packet list (.list.txt), -V (.V.txt), -2 -V (.2.V.txt),
# -T json -x (.jsonx.json), -T ek (.ek.json), -T fields of FIELD ... (.fields.tsv, with a
# header row) and -q -z expert (.expert.txt); the four detail formats gzipped (gzip -9n). Their
# test classes read them through GoldenText.layerCases/layerOutputs.

layer_ts() { # profile, tshark arguments...
  local prof=$1
  shift
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null || true
}

layer_goldens() { # out, profile, capture, field list
  local out=$1 prof=$2 c=$3 f e=()
  for f in $4; do e+=(-e "$f"); done
  layer_ts "$prof" -r "captures/$c" >"$out/$c.list.txt"
  layer_ts "$prof" -r "captures/$c" -V >"$out/$c.V.txt"
  layer_ts "$prof" -r "captures/$c" -2 -V >"$out/$c.2.V.txt"
  layer_ts "$prof" -r "captures/$c" -T json -x >"$out/$c.jsonx.json"
  layer_ts "$prof" -r "captures/$c" -T ek >"$out/$c.ek.json"
  layer_ts "$prof" -r "captures/$c" -T fields -E header=y "${e[@]}" >"$out/$c.fields.tsv"
  layer_ts "$prof" -r "captures/$c" -q -z expert >"$out/$c.expert.txt"
  gzip -9nf "$out/$c.V.txt" "$out/$c.2.V.txt" "$out/$c.jsonx.json" "$out/$c.ek.json"
}

# layer_version SCRIPT OUT "LINE" ...: writes OUT/VERSION, naming SCRIPT as its maker, with the
# tshark version, the command, each LINE given (the field lists) and the profile's protocols.
layer_version() {
  local script=$1 out=$2 line
  shift 2
  {
    echo "# Made by $script; do not edit."
    echo "tshark: $(tshark --version 2>/dev/null | head -1)"
    echo "command: XDG_CONFIG_HOME=<scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/C [-V | -2 -V | -T json -x | -T ek | -T fields -E header=y -e ... | -q -z expert]"
    for line in "$@"; do echo "$line"; done
    echo "profile enables: $(scripts/tshark-profile.sh --list | tr '\n' ' ')"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  } >"$out/VERSION"
}

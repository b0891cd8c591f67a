# Sourced by the scripts/make-<protocol>-goldens.sh scripts: the one loop they share.
#
# protocol_goldens SCRIPT OUT "CAPTURES" FILTER "FIELDS" [expert]
#   For each capture name in CAPTURES (files under captures/), under the profile of
#   scripts/tshark-profile.sh, writes into OUT (emptied first; the detail formats gzipped with
#   gzip -9n):
#     <name>.txt          `tshark -r captures/<name>`                       (every frame's list line)
#     <name>.V.txt.gz     `tshark -r captures/<name> -Y FILTER -V`
#     <name>.2.V.txt.gz   `tshark -r captures/<name> -Y FILTER -2 -V`
#     <name>.json.gz      `tshark -r captures/<name> -Y FILTER -T json -x`
#     <name>.pdml.gz      `tshark -r captures/<name> -Y FILTER -T pdml`, its header's time="..." as time=""
#     <name>.ek.json.gz   `tshark -r captures/<name> -Y FILTER -T ek`
#     <name>.fields.tsv   `tshark -r captures/<name> -Y FILTER -T fields -E header=y -e <FIELDS>`
#     <name>.expert.txt   `tshark -r captures/<name> -Y FILTER -q -z expert` (with "expert")
#   and VERSION (tshark version, commands, fields, profile, date), naming SCRIPT as its maker.
#   Run from the repository's root.
protocol_goldens() {
  local script=$1 out=$2 captures=$3 filter=$4 fields=$5 expert=${6:-}
  local prof name f n=0 e=() cmds
  prof=$(mktemp -d)
  scripts/tshark-profile.sh "$prof"
  for f in $fields; do e+=(-e "$f"); done
  ts() { XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null || true; }
  rm -rf "$out"
  mkdir -p "$out"
  for name in $captures; do
    f=captures/$name
    ts -r "$f" >"$out/$name.txt"
    ts -r "$f" -Y "$filter" -V | gzip -9n >"$out/$name.V.txt.gz"
    ts -r "$f" -Y "$filter" -2 -V | gzip -9n >"$out/$name.2.V.txt.gz"
    ts -r "$f" -Y "$filter" -T json -x | gzip -9n >"$out/$name.json.gz"
    ts -r "$f" -Y "$filter" -T pdml | sed -E '0,/^<pdml /s/ time="[^"]*"/ time=""/' | gzip -9n >"$out/$name.pdml.gz"
    ts -r "$f" -Y "$filter" -T ek | gzip -9n >"$out/$name.ek.json.gz"
    ts -r "$f" -Y "$filter" -T fields -E header=y "${e[@]}" >"$out/$name.fields.tsv"
    if [ -n "$expert" ]; then
      ts -r "$f" -Y "$filter" -q -z expert >"$out/$name.expert.txt"
    fi
    n=$((n + 1))
  done
  cmds="-V | -2 -V | -T json -x | -T pdml | -T ek | -T fields -E header=y -e <field>...${expert:+ | -q -z expert}"
  {
    echo "# Made by $script; do not edit."
    echo "tshark: $(tshark --version 2>/dev/null | head -1)"
    echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name> [-Y '$filter' {$cmds}]"
    echo "fields: $(echo $fields)"
    echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  } >"$out/VERSION"
  rm -rf "$prof"
  echo "$(basename "$script" .sh): $n captures -> $out"
}

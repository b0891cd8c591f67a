#!/usr/bin/env bash
# Usage: scripts/make-raw-goldens.sh
#
# Writes under src/test/resources/golden/raw/ (GoldenRawTest), gzipped:
#   <name>.json.gz  stdout of `tshark -r captures/<name> -c N -T json -x`
# for every capture of golden/details/frames.tsv (N is its row there), so each tree item's
# "_raw" array (its bytes, position, length, bitmask and type) is checked, and the option
# combinations of extras.tsv. All under the project's profile (scripts/tshark-profile.sh);
# VERSION records the tshark version, the commands, the profile and the date.
# known-gaps.tsv (kept across runs) lists the outputs tcpscope does not match yet, with why.
# Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/raw
frames=src/test/resources/golden/details/frames.tsv
prof=$(mktemp -d)
keep=$(mktemp)
trap 'rm -rf "$prof" "$keep"' EXIT
scripts/tshark-profile.sh "$prof"

ts() {
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null || true
}

[ -f "$out/known-gaps.tsv" ] && cp "$out/known-gaps.tsv" "$keep"
rm -rf "$out"
mkdir -p "$out"
[ -s "$keep" ] && cp "$keep" "$out/known-gaps.tsv"

n=0
while IFS=$'\t' read -r name c; do
  case "$name" in '#'*|'') continue ;; esac
  ts -r "captures/$name" -c "$c" -T json -x | gzip -9n >"$out/$name.json.gz"
  n=$((n + 1))
done <"$frames"

# extras.tsv: golden file, capture, tshark/tcpscope read options (space separated).
printf '# golden\tcapture\toptions\n' >"$out/extras.tsv"
extra() {
  local file=$1 capture=$2
  shift 2
  ts -r "captures/$capture" "$@" | gzip -9n >"$out/$file.gz"
  printf '%s\t%s\t%s\n' "$file" "$capture" "$*" >>"$out/extras.tsv"
}
# duplicate keys merged: the _raw arrays of one key become an array of arrays
extra learn_tcp.pcapng.no-duplicate-keys.json learn_tcp.pcapng -T json -x --no-duplicate-keys
# a display filter and two passes: the same items, fewer frames
extra learn_tcp.pcapng.2R.json learn_tcp.pcapng -T json -x -2 -R tcp.len>0

{
  echo "# Made by scripts/make-raw-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name> -c <../details/frames.tsv> -T json -x | gzip -9n"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "extras: option combinations listed in extras.tsv (same profile and environment)"
  echo "captures: $n"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-raw-goldens: -T json -x of $n captures -> $out"

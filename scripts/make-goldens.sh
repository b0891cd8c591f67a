#!/usr/bin/env bash
# Usage: scripts/make-goldens.sh
#
# For every capture in captures/ writes, under src/test/resources/golden/list/:
#   <name>.txt  stdout of `tshark -r captures/<name>` under the transport-only profile
#   <name>.rc   tshark's exit code
#   <name>.err  tshark's stderr without the "Running as user root" warning (only when non-empty)
# and src/test/resources/golden/VERSION with the tshark version, the command, the enabled
# protocols and the date. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/list
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"

rm -rf "$out"
mkdir -p "$out"
# Name resolution stays at tshark's defaults (MAC vendor names from manuf are resolved, no DNS);
# -r is all we pass, as a user would.
n=0
for f in captures/*; do
  name=$(basename "$f")
  case "$name" in *.md|*.txt) continue ;; esac
  set +e
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark -r "$f" >"$out/$name.txt" 2>"$out/$name.err.tmp"
  rc=$?
  set -e
  echo "$rc" >"$out/$name.rc"
  grep -v '^Running as user "root" and group "root"\. This could be dangerous\.$' "$out/$name.err.tmp" >"$out/$name.err" || true
  rm -f "$out/$name.err.tmp"
  [ -s "$out/$name.err" ] || rm -f "$out/$name.err"
  n=$((n + 1))
done

{
  echo "# Made by scripts/make-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "command: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name>"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "captures: $n"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >src/test/resources/golden/VERSION
echo "make-goldens: $n captures -> $out"

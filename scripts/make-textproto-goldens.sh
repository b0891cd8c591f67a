#!/usr/bin/env bash
# Usage: scripts/make-textproto-goldens.sh
#
# The SSH, SMTP (with IMF), FTP and FTP-DATA layers of tshark's detail views, for every capture in
# captures/ in which tshark finds one of them (`-Y "ssh || smtp || ftp || ftp-data"` matches a
# frame), under the profile of scripts/tshark-profile.sh. Writes, under
# src/test/resources/golden/textproto/:
#   <name>.V.txt     `tshark -r captures/<name> -c 150 -V`, cut to those layers
#   <name>.2.V.txt   the same with -2 (tshark's second pass: SSH's key exchange method, PDUs that
#                    end in a later frame)
#   <name>.json      `tshark -r captures/<name> -c 150 -T json`, cut to those layers
#   frames.tsv       the -c of each (150, halved while the cut -V text exceeds 256 KiB)
# and VERSION (tshark version, commands, profile, date).
#
# The cut (scripts/textproto-cut-V.awk, scripts/textproto-cut-json.awk; TextProtoGoldenTest
# applies the same cut to tcpscope's output) keeps, for each frame: its "Frame N:" line, its
# "[Protocols in frame: ...]" line when it names one of them, and everything from the first of
# their top-level items ("SSH Protocol", "Simple Mail Transfer Protocol", "Internet Message
# Format", "File Transfer Protocol (FTP)", "FTP Data") to the frame's end (FTP's and FTP-DATA's
# generated items and the data item that follow them); in JSON, each frame's "frame.number"
# line, the objects "ssh", "smtp", "imf", "ftp", "ftp-data" and the top-level "ftp.*"/"ftp-data.*"
# fields. The TCP side is checked by the full detail goldens (make-detail-goldens.sh).
# Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/textproto
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"

ts() {
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null || true
}

FRAMES=150
MAX_BYTES=$((256 * 1024))
# known-gaps.tsv is kept by hand (the reasons) and checked by the test; keep it
keep=$(mktemp)
[ -f "$out/known-gaps.tsv" ] && cp "$out/known-gaps.tsv" "$keep"
rm -rf "$out"
mkdir -p "$out"
[ -s "$keep" ] && cp "$keep" "$out/known-gaps.tsv"
rm -f "$keep"
printf '# capture\tframes (-c)\n' >"$out/frames.tsv"
n=0
for f in captures/*; do
  name=$(basename "$f")
  case "$name" in *.md|*.txt) continue ;; esac
  if [ "$(ts -r "$f" -Y "ssh || smtp || ftp || ftp-data" | head -1 | wc -l)" -eq 0 ]; then
    continue
  fi
  c=$FRAMES
  while :; do
    ts -r "$f" -c "$c" -V | awk -f scripts/textproto-cut-V.awk >"$out/$name.V.txt"
    if [ "$(wc -c <"$out/$name.V.txt")" -le "$MAX_BYTES" ] || [ "$c" -le 1 ]; then
      break
    fi
    c=$((c / 2))
  done
  ts -r "$f" -c "$c" -2 -V | awk -f scripts/textproto-cut-V.awk >"$out/$name.2.V.txt"
  ts -r "$f" -c "$c" -T json | awk -f scripts/textproto-cut-json.awk >"$out/$name.json"
  printf '%s\t%s\n' "$name" "$c" >>"$out/frames.tsv"
  n=$((n + 1))
done

{
  echo "# Made by scripts/make-textproto-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name> -c <frames.tsv> {-V | -2 -V | -T json}, cut by scripts/textproto-cut-V.awk / scripts/textproto-cut-json.awk"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "captures: $n (those where -Y \"ssh || smtp || ftp || ftp-data\" matches a frame)"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-textproto-goldens: $n captures -> $out"

#!/usr/bin/env bash
# Usage: scripts/make-http-goldens.sh
#
# The HTTP layer of tshark's detail views, for every capture in captures/ in which tshark finds
# HTTP outside TLS (`-Y 'http && !tls'` matches a frame), under the HTTP profile of scripts/tshark-profile.sh. Writes,
# under src/test/resources/golden/http/:
#   <name>.V.txt     `tshark -r captures/<name> -c 150 -V`, cut to the HTTP layer
#   <name>.json      `tshark -r captures/<name> -c 150 -T json`, cut to the HTTP layer
#   <name>.2.V.txt   the same with -2 (tshark's second pass)
#   <name>.2.json
# and VERSION (tshark version, commands, profile, date).
#
# The cut (scripts/http-cut-V.awk, scripts/http-cut-json.awk; HttpGoldenTest applies the same
# cut to tcpscope's output) keeps, for each frame: its "Frame N:" line, its "[Protocols in
# frame: ...]" line when it names http, and the top-level items "Hypertext Transfer Protocol",
# "Media Type" and the media protocols HTTP hands bodies to ("Compuserve GIF, ...", "Portable
# Network Graphics", "MIME Multipart Media Encapsulation, ...", and the "[Malformed Packet: PNG]",
# "[Malformed Packet: GIF image]" or "[Malformed Packet: MIME multipart]" their bounds exceptions
# end a frame with) with everything under them; in JSON, each frame's "frame.number" line and
# its "http", "media", "image-gif", "png" and "mime_multipart" objects. The TCP side of these frames (the "[N Reassembled TCP Segments]"
# tree, "TCP segment data") is checked by the full detail goldens (make-detail-goldens.sh), so
# HTTP is compared here independently of it.
# Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/http
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"

ts() {
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null || true
}

# The first 150 frames of each capture (the JSON of bodies is large).
FRAMES=150
rm -rf "$out"
mkdir -p "$out"
n=0
for f in captures/*; do
  name=$(basename "$f")
  case "$name" in *.md|*.txt) continue ;; esac
  # synth-ntlmssp's HTTP Negotiate headers carry SPNEGO, which tcpscope does not dissect
  # (docs/NTLMSSP.md); its NTLMSSP is checked by scripts/make-ntlmssp-goldens.sh
  case "$name" in synth-ntlmssp.pcap) continue ;; esac
  # HTTP inside TLS is seen only where tshark decrypts (a pcapng with its keys); tcpscope does not
  # decrypt (docs/TLS.md), so those frames are not HTTP goldens
  if [ "$(ts -r "$f" -Y 'http && !tls' | head -1 | wc -l)" -eq 0 ]; then
    continue
  fi
  ts -r "$f" -c "$FRAMES" -V | awk -f scripts/http-cut-V.awk >"$out/$name.V.txt"
  ts -r "$f" -c "$FRAMES" -T json | awk -f scripts/http-cut-json.awk >"$out/$name.json"
  ts -2 -r "$f" -c "$FRAMES" -V | awk -f scripts/http-cut-V.awk >"$out/$name.2.V.txt"
  ts -2 -r "$f" -c "$FRAMES" -T json | awk -f scripts/http-cut-json.awk >"$out/$name.2.json"
  n=$((n + 1))
done

{
  echo "# Made by scripts/make-http-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark [-2] -r captures/<name> -c $FRAMES {-V | -T json}, cut by scripts/http-cut-V.awk / scripts/http-cut-json.awk"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "captures: $n (those where -Y 'http && !tls' matches a frame, but synth-ntlmssp.pcap)"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-http-goldens: $n captures -> $out"

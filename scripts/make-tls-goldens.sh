#!/usr/bin/env bash
# Usage: scripts/make-tls-goldens.sh
#
# The TLS layer of tshark's detail views, for every capture in captures/ in which tshark finds
# TLS (`-Y tls` matches a frame), under the profile of scripts/tshark-profile.sh. Writes, under
# src/test/resources/golden/tls/:
#   <name>.V.txt     `tshark -r captures/<name> -c 150 -V`, cut to the TLS layer
#   <name>.json      `tshark -r captures/<name> -c 150 -T json`, cut to the TLS layer
#   <name>.fields.tsv `tshark -r captures/<name> -T fields -E header=y -e frame.number -e <TLS field>...`
# and VERSION (tshark version, commands, profile, date).
#
# The cut (scripts/tls-cut-V.awk, scripts/tls-cut-json.awk; TlsGoldenTest applies the same cut to
# tcpscope's output) keeps, for each frame: its "Frame N:" line, its "[Protocols in frame: ...]"
# line when it names tls, and the top-level "Transport Layer Security" items with everything
# under them, each certificate's X.509 tree included (proto/x509, docs/TLS.md). The TCP side of
# these frames is checked by the detail goldens.
# Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/tls
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"

ts() {
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null || true
}

FRAMES=150
# The fields of the -T fields golden (TlsGoldenTest reads the list from the header line).
# tls.handshake.sig_hash_alg is left out: tshark also takes it from the Certificate Transparency
# timestamps inside certificates (the SCT list under a certificate's X.509 tree).
FIELDS=(frame.number tls.record.content_type tls.record.version tls.record.length tls.handshake.type
  tls.handshake.version tls.handshake.ciphersuite tls.handshake.extension.type
  tls.handshake.extensions_server_name tls.handshake.extensions_alpn_str
  tls.handshake.extensions.supported_version tls.handshake.extensions_supported_group
  tls.handshake.extensions_key_share_group tls.handshake.ja3
  tls.handshake.ja3_full tls.handshake.ja3s tls.alert_message.level tls.alert_message.desc
  tls.handshake.session_id tls.app_data)
rm -rf "$out"
mkdir -p "$out"
n=0
for f in captures/*; do
  name=$(basename "$f")
  case "$name" in *.md|*.txt) continue ;; esac
  if [ "$(ts -r "$f" -Y tls | head -1 | wc -l)" -eq 0 ]; then
    continue
  fi
  ts -r "$f" -c "$FRAMES" -V | awk -f scripts/tls-cut-V.awk >"$out/$name.V.txt"
  ts -r "$f" -c "$FRAMES" -T json | awk -f scripts/tls-cut-json.awk >"$out/$name.json"
  args=()
  for e in "${FIELDS[@]}"; do args+=(-e "$e"); done
  ts -r "$f" -c "$FRAMES" -T fields -E header=y "${args[@]}" >"$out/$name.fields.tsv"
  n=$((n + 1))
done

{
  echo "# Made by scripts/make-tls-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name> -c $FRAMES {-V | -T json}, cut by scripts/tls-cut-V.awk / scripts/tls-cut-json.awk; and -T fields -E header=y -e ${FIELDS[*]}"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "captures: $n (those where -Y tls matches a frame)"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-tls-goldens: $n captures -> $out"

#!/usr/bin/env bash
# Usage: scripts/make-pref-goldens.sh
#
# Goldens for `tcpscope read -o tcp.NAME:VALUE` (PreferencesGoldenTest): the packet list tshark
# prints with each preference below, for a few TCP and HTTP captures, under the profile of
# scripts/tshark-profile.sh (HTTP enabled), LC_ALL=C.UTF-8, TZ=UTC:
#   src/test/resources/golden/prefs/<capture>.<preference>.txt   stdout of `tshark -r captures/<capture> -o <preference>`
# and tshark's messages for refused -o arguments in refused.tsv (argument, stderr line).
# VERSION records the tshark version, the commands, the profile and the date.
# Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/prefs
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"

ts() {
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@"
}

PREFS="tcp.relative_sequence_numbers:FALSE tcp.analyze_sequence_numbers:FALSE tcp.desegment_tcp_streams:FALSE tcp.desegment_tcp_streams:TRUE"
CAPTURES="learn_tcp.pcapng arkime-wireshark-retrans.pcap synth-tcp-flags.pcap zeek-tcp-reassembly.pcap zeek-tcp-option-sack.pcap zeek-http-bro.org.pcap pcapplusplus-four_ipv6_http_streams.pcap arkime-twovlan.pcap"

mkdir -p "$out"; find "$out" -maxdepth 1 -name "*.txt" -delete; rm -f "$out/refused.tsv" "$out/VERSION" # known-gaps.tsv stays
mkdir -p "$out"
for c in $CAPTURES; do
  for p in $PREFS; do
    ts -r "captures/$c" -o "$p" >"$out/$c.$p.txt" 2>/dev/null
  done
done
printf '# -o argument\ttshark exit code\ttshark stderr (last line)\n' >"$out/refused.tsv"
for a in foo.bar:1 tcp.nope:TRUE tcpfoo tcp.window_scaling:TRUE; do
  set +e
  msg=$(ts -r captures/learn_tcp.pcapng -c 1 -o "$a" 2>&1 >/dev/null | tail -1)
  rc=$?
  set -e
  printf '%s\t%s\t%s\n' "$a" "$rc" "$msg" >>"$out/refused.tsv"
done

{
  echo "# Made by scripts/make-pref-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<capture> -o <preference>"
  echo "preferences: $PREFS"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-pref-goldens: -> $out"

#!/usr/bin/env bash
# Usage: scripts/make-color-goldens.sh
#
# For every capture in captures/ that tshark reads to the end, writes
# src/test/resources/golden/color/<name>.txt: one line per packet with the colors
# `tshark --color -r` paints it in (foreground and background as "R;G;B R;G;B"), or "-" for a
# packet no coloring rule matches. tshark runs under the transport-only profile
# (scripts/tshark-profile.sh) with Wireshark's default coloring rules, and in a pseudo-terminal
# (`script`), because tshark colors only a terminal; COLORTERM=truecolor selects its 24-bit
# escapes. FilterColorizerTest compares tcpscope's choice of rule with these files.
#
# For the captures in ANSI below it also writes src/test/resources/golden/color/ansi/<name>.ansi:
# the bytes `tshark --color -r` writes to the terminal (stderr discarded, the pseudo-terminal's
# \r before each \n removed), which ReadColorTest compares with `tcpscope read --color` byte
# for byte.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/color
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"
rm -rf "$out"
mkdir -p "$out"
n=0
for f in captures/*; do
  name=$(basename "$f")
  case "$name" in *.md|*.txt) continue ;; esac
  [ "$(cat "src/test/resources/golden/list/$name.rc")" = 0 ] || continue
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color COLORTERM=truecolor \
    script -qec "tshark --color -r '$f'" /dev/null 2>/dev/null \
    | tr -d '\r' \
    | grep -av '^Running as user "root" and group "root"\. This could be dangerous\.$' \
    | sed -E $'s/^(\x1b\\[0m)*//' \
    | awk '{ if (match($0, /^\x1b\[38;2;[0-9;]+m\x1b\[48;2;[0-9;]+m/)) {
               s = substr($0, 1, RLENGTH); gsub(/\x1b\[(38|48);2;/, "", s); sub(/m/, " ", s); sub(/m$/, "", s); print s
             } else if (length($0) > 0) { print "-" } }' >"$out/$name.txt"
  n=$((n + 1))
done
# Rules Bad TCP, TCP SYN/FIN, TCP, ARP, Broadcast, ICMP, ICMP errors, UDP, TTL low and none.
ANSI="learn_tcp.pcapng arkime-wireshark-retrans.pcap arkime-cloudshark-arp.pcap pcapplusplus-IcmpPackets.pcap
  pcap4j-IcmpV4TimeExceeded.pcap pcapplusplus-IPv4Frag.pcap pcap4j-IpV6ExtUnknown.pcap tcpdump-ip_ts_opts_asan.pcap
  pcapplusplus-ipv4-options.pcap arkime-v6.pcap"
mkdir -p "$out/ansi"
for name in $ANSI; do
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color COLORTERM=truecolor \
    script -qec "tshark --color -r 'captures/$name' 2>/dev/null" /dev/null </dev/null \
    | tr -d '\r' >"$out/ansi/$name.ansi"
done
{
  echo "# Made by scripts/make-color-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "command: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> TERM=xterm-256color COLORTERM=truecolor script -qec \"tshark --color -r captures/<name>\""
  echo "colorfilters: Wireshark's defaults ($(sha256sum /usr/share/wireshark/colorfilters | cut -c1-16))"
  echo "captures: $n"
  echo "ansi: XDG_CONFIG_HOME=<profile> LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color COLORTERM=truecolor script -qec \"tshark --color -r captures/<name> 2>/dev/null\" | tr -d '\\r'"
  echo "ansi captures: $(echo $ANSI)"
} >"$out/VERSION"
echo "make-color-goldens: $n captures -> $out"

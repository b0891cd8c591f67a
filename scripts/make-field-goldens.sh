#!/usr/bin/env bash
# Usage: scripts/make-field-goldens.sh
#
# For every capture in captures/ and every group of fields below whose protocol tshark finds in
# that capture (by frame.protocols), writes src/test/resources/golden/fields/<capture>.<group>.tsv:
# the stdout of
#   tshark -r captures/<capture> -T fields -E header=y -e F1 -e F2 ...
# under the transport-only profile (scripts/tshark-profile.sh), TZ=UTC. FieldGoldenTest compares
# `tcpscope read -T fields` with them line by line. golden/fields/VERSION records the tshark
# version, the command, the groups and the date. Goldens are made by this script only; never
# edit them by hand. (tcp.* goldens are made by scripts/make-goldens.sh.)
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A FIELD_GROUPS=(
  [frame]="frame.interface_id frame.time frame.offset_shift frame.time_epoch frame.time_delta frame.time_relative frame.number frame.len frame.cap_len frame.marked frame.ignored frame.protocols"
  [eth]="eth.dst eth.dst.lg eth.dst.ig eth.src eth.src.lg eth.src.ig eth.addr eth.lg eth.ig eth.type eth.len"
  [trailer]="eth.padding eth.trailer eth.fcs eth.fcs.status vlan.trailer ieee8021ah.trailer eth.padding_bad"
  [data]="data data.data data.len"
  [vlan]="vlan vlan.priority vlan.dei vlan.id vlan.etype vlan.len ieee8021ad.priority ieee8021ad.dei ieee8021ad.id"
  [sll]="sll.pkttype sll.hatype sll.halen sll.src.eth sll.src.ipv4 sll.unused sll.etype sll.ifindex"
  [ip]="ip ip.version ip.hdr_len ip.dsfield ip.dsfield.dscp ip.dsfield.ecn ip.len ip.id ip.flags ip.flags.rb ip.flags.df ip.flags.mf ip.frag_offset ip.ttl ip.proto ip.checksum ip.checksum.status ip.src ip.addr ip.src_host ip.host ip.dst ip.dst_host"
  [ipv6]="ipv6 ipv6.version ipv6.tclass ipv6.tclass.dscp ipv6.tclass.ecn ipv6.flow ipv6.plen ipv6.nxt ipv6.hlim ipv6.src ipv6.addr ipv6.src_host ipv6.host ipv6.src_slaac_mac ipv6.slaac_mac ipv6.dst ipv6.dst_host ipv6.dst_slaac_mac"
  [arp]="arp arp.hw.type arp.proto.type arp.hw.size arp.proto.size arp.opcode arp.src.hw_mac arp.src.proto_ipv4 arp.dst.hw_mac arp.dst.proto_ipv4"
  [udp]="udp udp.srcport udp.dstport udp.port udp.length udp.checksum udp.checksum.status udp.payload"
  [icmp]="icmp icmp.type icmp.code icmp.checksum icmp.checksum.status icmp.ident icmp.ident_le icmp.seq icmp.seq_le"
  [icmpv6]="icmpv6 icmpv6.type icmpv6.code icmpv6.checksum icmpv6.checksum.status icmpv6.echo.identifier icmpv6.echo.sequence_number icmpv6.mtu"
  # the protocols above TCP/UDP as -e writes them: a filter name per item, or the item's own label
  [appproto]="http tls ssh smtp imf ftp ftp-data rlogin telnet dns mdns llmnr media media.type png image-gif mime_multipart"
)
# Which frame.protocols name makes a group worth a golden for a capture.
declare -A TRIGGER=([frame]="" [eth]=eth [trailer]=eth [vlan]="vlan|ieee8021ad" [sll]=sll [ip]=ip [ipv6]=ipv6 [arp]=arp [udp]=udp [icmp]=icmp [icmpv6]=icmpv6 [data]=data
  [appproto]="http|tls|ssh|smtp|imf|ftp|ftp-data|rlogin|telnet|dns|mdns|llmnr|media|png|image-gif|mime_multipart")

out=src/test/resources/golden/fields
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"
ts() { XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null; }

# known-gaps.tsv is kept by hand (the reasons) and checked by FieldGoldenTest; keep it
keep=$(mktemp)
[ -f "$out/known-gaps.tsv" ] && cp "$out/known-gaps.tsv" "$keep"
# only this script's own files: $out/reassembly/ is make-reassembly-goldens.sh's (it may be
# running beside this one)
mkdir -p "$out"
find "$out" -maxdepth 1 -type f -delete
[ -s "$keep" ] && cp "$keep" "$out/known-gaps.tsv"
rm -f "$keep"
n=0
for f in captures/*; do
  name=$(basename "$f")
  case "$name" in *.md|*.txt) continue ;; esac
  protos=$(ts -r "$f" -T fields -e frame.protocols | tr ':' '\n' | sort -u | tr '\n' ' ' || true)
  [ -n "$protos" ] || continue
  for group in "${!FIELD_GROUPS[@]}"; do
    trigger=${TRIGGER[$group]}
    if [ -n "$trigger" ] && ! grep -qwE "$trigger" <<<"$protos"; then
      continue
    fi
    args=()
    for field in ${FIELD_GROUPS[$group]}; do args+=(-e "$field"); done
    ts -r "$f" -T fields -E header=y "${args[@]}" >"$out/$name.$group.tsv" || true
    n=$((n + 1))
  done
done

{
  echo "# Made by scripts/make-field-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "command: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<capture> -T fields -E header=y -e <each field of the group>"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  for group in $(printf '%s\n' "${!FIELD_GROUPS[@]}" | sort); do echo "group $group: ${FIELD_GROUPS[$group]}"; done
  echo "files: $n"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-field-goldens: $n files -> $out"
# TCP desegmentation under the same profile, one pass and two: golden/fields/reassembly/
scripts/make-reassembly-goldens.sh fields

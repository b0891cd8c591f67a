#!/usr/bin/env bash
# Usage: scripts/make-save-goldens.sh
#
# Goldens for `tcpscope read ... -w FILE` (SaveGoldenTest): for every capture in captures/ and
# every case below, tshark saves the frames that pass (`tshark -r IN ARGS -w OUT`), then tshark
# reads its own OUT back. src/test/resources/golden/save/<case>.tsv gets one row per capture:
#   capture, tshark's exit code, frames in OUT,
#   sha256 of `tshark -r OUT -T fields -e frame.time_epoch -e frame.len -e frame.cap_len -e frame.interface_id`,
#   sha256 of `tshark -r OUT -x` (every byte of every frame)
# (frames 0 and "-" digests when tshark wrote no file). The test saves with tcpscope and reads
# the result back with tcpscope, whose reader and -x agree with tshark byte for byte (the list
# and detail goldens), so a digest differs only when what was saved differs.
# All runs under the profile of scripts/tshark-profile.sh (HTTP enabled), LC_ALL=C.UTF-8, TZ=UTC.
# VERSION records the tshark version, the commands, the profile and the date.
# Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/save
prof=$(mktemp -d)
tmp=$(mktemp -d)
trap 'rm -rf "$prof" "$tmp"' EXIT
scripts/tshark-profile.sh "$prof"

ts() {
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@"
}

# case id <TAB> captures (all, or a shell glob under captures/) <TAB> tshark/tcpscope read options
# (space separated, no quoting inside a word). The captures are chosen to cover every format
# (pcap µs and ns, both byte orders, pcapng with several interfaces and sections, comments,
# decryption secrets, custom blocks, compressed, damaged), to keep the script's run time in
# minutes on a loaded machine; the later cases run on the first nine of them.
SOME='{learn_tcp.pcapng,pcapng-be-difficult-test201.pcapng,pcapplusplus-many_interfaces-1.pcapng,pcapplusplus-pcapng-example.pcapng.zst,pcapplusplus-nanosecs_big_endian.pcap,arkime-wireshark-retrans.pcap,zeek-mime-header-size-limit.pcap.gz,synth-ip-fragments.pcap,pcap4j-LinuxSll.pcap}'
MORE='{gopacket-le-test301.pcapng,pcapng-le-basic-test006.pcapng,pcapng-le-difficult-test202.pcapng,pcapplusplus-nanosecs.pcap,tcpdump-tcp-handshake-nano.pcap,arkime-bigendian.pcap,learn_tcp.pcapng.lz4,zeek-portmapper-many-unanswered-calls.pcapng.gz,pcapplusplus-Sll2Packet.pcap,derived-loop108-null_loopback.pcap,tcpdump-heap-overflow-1.pcap,libpcap-shb-option-too-long.pcapng,pcapplusplus-QinQ_802.1_AD.pcapng}'
CASES="all	{${SOME:1:-1},${MORE:1:-1}}	
filter	{${SOME:1:-1},${MORE:1:-1}}	-Y tcp.len>0||icmp||arp
count	$SOME	-c 7
pcap	$SOME	-F pcap -Y frame.number>=2
twopass	$SOME	-2 -R tcp.flags.syn==1||udp"

# known-gaps.tsv is kept by hand (the reasons) and checked by the test; keep it
keep=$(mktemp)
[ -f "$out/known-gaps.tsv" ] && cp "$out/known-gaps.tsv" "$keep"
rm -rf "$out"
mkdir -p "$out"
[ -s "$keep" ] && cp "$keep" "$out/known-gaps.tsv"
rm -f "$keep"
printf '%s\n' "$CASES" | cut -f1,3 >"$out/cases.tsv"
n=0
while IFS=$'\t' read -r id glob args; do
  printf '# capture\ttshark exit code\tframes\tsha256 of fields\tsha256 of -x\n' >"$out/$id.tsv"
  for f in $(eval "echo captures/$glob"); do
    name=$(basename "$f")
    case "$name" in *.md|*.txt) continue ;; esac
    rm -f "$tmp/out"
    set +e
    # shellcheck disable=SC2086
    ts -r "$f" $args -w "$tmp/out" 2>/dev/null
    rc=$?
    set -e
    if [ -f "$tmp/out" ]; then
      ts -r "$tmp/out" -T fields -e frame.time_epoch -e frame.len -e frame.cap_len -e frame.interface_id >"$tmp/fields" 2>/dev/null || true
      frames=$(wc -l <"$tmp/fields")
      fields=$(sha256sum <"$tmp/fields" | cut -c1-64)
      hex=$(ts -r "$tmp/out" -x 2>/dev/null | sha256sum | cut -c1-64)
    else
      frames=0 fields=- hex=-
    fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$rc" "$frames" "$fields" "$hex" >>"$out/$id.tsv"
    n=$((n + 1))
  done
done <<<"$CASES"

{
  echo "# Made by scripts/make-save-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name> <cases.tsv options> -w OUT;"
  echo "  then tshark -r OUT -T fields -e frame.time_epoch -e frame.len -e frame.cap_len -e frame.interface_id | sha256sum, and tshark -r OUT -x | sha256sum"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "runs: $n"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-save-goldens: $n runs -> $out"

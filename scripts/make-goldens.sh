#!/usr/bin/env bash
# Usage: scripts/make-goldens.sh
#
# For every capture in captures/ writes, under src/test/resources/golden/list/:
#   <name>.txt  stdout of `tshark -r captures/<name>` under the transport-only profile
#   <name>.rc   tshark's exit code
#   <name>.err  tshark's stderr without the "Running as user root" warning (only when non-empty)
# and, under src/test/resources/golden/tcp/, for every capture with TCP in it:
#   <name>.2.tsv.gz   `tshark -2 -T fields -E header=y` of the TCP analysis fields (TCP_FIELDS)
#   <name>.1.tsv.gz   the same fields in one pass (no -2)
#   <name>.hdr.tsv.gz the TCP header and option fields (HEADER_FIELDS), one pass
# (gzip -n: 17 MB of text is 2 MB compressed; zcat to read them)
# and src/test/resources/golden/VERSION with the tshark version, the commands, the enabled
# protocols and the date. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/list
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"

TCP_FIELDS="frame.number tcp.stream tcp.completeness tcp.seq tcp.seq_raw tcp.nxtseq tcp.ack tcp.ack_raw
  tcp.len tcp.window_size_value tcp.window_size tcp.window_size_scalefactor tcp.time_relative tcp.time_delta
  tcp.analysis tcp.analysis.acks_frame tcp.analysis.ack_rtt tcp.analysis.initial_rtt tcp.analysis.bytes_in_flight
  tcp.analysis.push_bytes_sent tcp.analysis.flags tcp.analysis.reused_ports tcp.analysis.retransmission
  tcp.analysis.rto tcp.analysis.rto_frame tcp.analysis.fast_retransmission tcp.analysis.spurious_retransmission
  tcp.analysis.out_of_order tcp.analysis.lost_segment tcp.analysis.ack_lost_segment tcp.analysis.window_update
  tcp.analysis.window_full tcp.analysis.keep_alive tcp.analysis.keep_alive_ack tcp.analysis.duplicate_ack
  tcp.analysis.duplicate_ack_num tcp.analysis.duplicate_ack_frame tcp.analysis.zero_window_probe
  tcp.analysis.zero_window tcp.analysis.zero_window_probe_ack"
HEADER_FIELDS="frame.number tcp tcp.srcport tcp.dstport tcp.port tcp.hdr_len tcp.flags tcp.flags.res tcp.flags.ae
  tcp.flags.cwr tcp.flags.ece tcp.flags.urg tcp.flags.ack tcp.flags.push tcp.flags.reset tcp.flags.syn tcp.flags.fin
  tcp.flags.str tcp.checksum tcp.checksum.status tcp.urgent_pointer tcp.options tcp.option_kind tcp.option_len
  tcp.options.eol tcp.options.nop tcp.options.mss tcp.options.mss_val tcp.options.wscale tcp.options.wscale.shift
  tcp.options.wscale.multiplier tcp.options.sack_perm tcp.options.sack tcp.options.sack_le tcp.options.sack_re
  tcp.options.sack.count tcp.options.timestamp tcp.options.timestamp.tsval tcp.options.timestamp.tsecr tcp.payload"
fields() { for f in $1; do printf -- '-e %s ' "$f"; done; }

rm -rf "$out" src/test/resources/golden/tcp
mkdir -p "$out" src/test/resources/golden/tcp
# Name resolution stays at tshark's defaults (MAC vendor names from manuf are resolved, no DNS);
# -r is all we pass, as a user would.
n=0
t=0
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
  # TCP fields, only for captures tshark finds TCP in.
  tcp=src/test/resources/golden/tcp/$name
  tcp_frames=$(XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark -r "$f" -T fields -e tcp.stream 2>/dev/null | grep -c . || true)
  [ "$tcp_frames" -gt 0 ] || continue
  # shellcheck disable=SC2046
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark -2 -r "$f" -T fields -E header=y $(fields "$TCP_FIELDS") >"$tcp.2.tsv" 2>/dev/null || true
  # shellcheck disable=SC2046
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark -r "$f" -T fields -E header=y $(fields "$TCP_FIELDS") >"$tcp.1.tsv" 2>/dev/null || true
  # shellcheck disable=SC2046
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark -r "$f" -T fields -E header=y $(fields "$HEADER_FIELDS") >"$tcp.hdr.tsv" 2>/dev/null || true
  gzip -9n "$tcp.2.tsv" "$tcp.1.tsv" "$tcp.hdr.tsv"
  t=$((t + 1))
done

{
  echo "# Made by scripts/make-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "command: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name>"
  echo "tcp command: ... tshark [-2] -r captures/<name> -T fields -E header=y -e <field>... (fields in scripts/make-goldens.sh)"
  echo "tcp analysis fields: $(echo $TCP_FIELDS)"
  echo "tcp header fields: $(echo $HEADER_FIELDS)"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "captures: $n"
  echo "captures with tcp: $t"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >src/test/resources/golden/VERSION
echo "make-goldens: $n captures -> $out"

#!/usr/bin/env bash
# Usage: scripts/make-resp-goldens.sh
#
# RESP (Redis) as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/resp/, each capture's packet list
# and, for the frames FILTER keeps (every segment of port 6379, so the ones RESP asks more of
# too, and the HTTP of the fuzzed capture), -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields
# with FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which), and
# VERSION (tshark version, commands, profile, date). RespTest compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="synth-resp.pcap zeek-redis-set.pcap zeek-redis-pipelining-example.pcap zeek-redis-almost-resp.pcap
  zeek-redis-array-element-object-exhaustion.pcap zeek-redis-large-requests-responses-cut.pcap zeek-redis-pubsub.pcap
  zeek-redis-stream.pcap zeek-redis-attr.pcap zeek-redis-oss-fuzz-473580107.pcap tcpdump-resp_2_inline.pcap
  tcpdump-resp_3_malicious.pcap tcpdump-resp_4_infiniteloop.pcapng"
FILTER='tcp.port == 6379 || http'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info resp resp.string resp.error resp.bulk_string resp.bulk_string.length
  resp.bulk_string.value resp.integer resp.array resp.array.length resp.fragment tcp.reassembled_in tcp.segment.count
  frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-resp-goldens.sh src/test/resources/golden/resp "$CAPTURES" "$FILTER" "$FIELDS" expert

#!/usr/bin/env bash
# Usage: scripts/make-finger-goldens.sh
#
# Finger as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/finger/, each capture's packet list
# and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields with
# FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which), and
# VERSION (tshark version, commands, profile, date). FingerTest compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="zeek-finger-standard.pcap zeek-finger-verbose.pcap zeek-finger-long-request.pcapng
  zeek-finger-long-reply-line.pcapng synth-finger.pcap"
FILTER='finger'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info finger finger.query finger.response finger.response_in
  finger.response_to finger.response_time tcp.reassembled_in tcp.segment_data frame.protocols
  _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-finger-goldens.sh src/test/resources/golden/finger "$CAPTURES" "$FILTER" "$FIELDS" expert

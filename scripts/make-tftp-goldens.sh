#!/usr/bin/env bash
# Usage: scripts/make-tftp-goldens.sh
#
# TFTP as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/tftp/, each capture's packet list
# and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek and -T fields with
# FIELDS (scripts/lib/protocol-goldens.sh says which file is which),
# and VERSION (tshark version, commands, profile, date). TftpTest compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="synth-tftp.pcap arkime-tftp_rrq.pcap tcpdump-tftp.pcap tcpdump-tftp-heapoverflow.pcap"
FILTER='tftp'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info tftp tftp.opcode tftp.source_file tftp.destination_file
  tftp.request_frame tftp.type tftp.block tftp.block.full tftp.nextwindowsize tftp.error.code tftp.error.message
  tftp.option.name tftp.option.value tftp.data data.len frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-tftp-goldens.sh src/test/resources/golden/tftp "$CAPTURES" "$FILTER" "$FIELDS"

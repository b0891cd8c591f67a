#!/usr/bin/env bash
# Usage: scripts/make-ptp-goldens.sh
#
# PTP (IEEE 1588) as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/ptp/, each capture's packet list
# and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek and -T fields with
# FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which),
# and VERSION (tshark version, commands, profile, date). PtpTest compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="synth-ptp.pcap tcpdump-ptp.pcap tcpdump-ptp_corrections.pcap tcpdump-ptp_ethernet.pcap
  tcpdump-ptp_management.pcap tcpdump-ptp_v2_1.pcap arkime-arkime_synthetic-ptp.pcap"
FILTER='ptp'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info ptp ptp.v2.majorsdoid ptp.v2.messagetype ptp.v2.versionptp
  ptp.v2.messagelength ptp.v2.domainnumber ptp.v2.flags ptp.v2.flags.twostep ptp.v2.correction.ns ptp.v2.correction.subns
  ptp.v2.clockidentity ptp.v2.clockidentity_manuf ptp.v2.sourceportid ptp.v2.sequenceid ptp.v2.controlfield
  ptp.v2.logmessageperiod ptp.v2.sdr.origintimestamp.seconds ptp.v2.sdr.origintimestamp.nanoseconds
  ptp.v2.fu.preciseorigintimestamp.seconds ptp.v2.fu.preciseorigintimestamp.nanoseconds ptp.v2.fu.preciseorigintimestamp.32bit
  ptp.v2.an.grandmasterclockidentity ptp.v2.an.grandmasterclockaccuracy ptp.v2.timesource ptp.v2.an.tlvType
  ptp.v2.an.pathsequence ptp.v2.sig.tlv.tlvType ptp.v2.sig.tlv.durationField ptp.v2.mm.action ptp.v2.mm.managementId
  ptp.v2.mm.data ptp.v2.mm.managementErrorId ptp.v2.mm.offset.subns ptp.v2.mm.physicalLayerProtocol eth.padding
  frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-ptp-goldens.sh src/test/resources/golden/ptp "$CAPTURES" "$FILTER" "$FIELDS" expert

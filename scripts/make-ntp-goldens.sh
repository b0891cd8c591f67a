#!/usr/bin/env bash
# Usage: scripts/make-ntp-goldens.sh
#
# NTP as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/ntp/, each capture's packet list
# and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek and -T fields with
# FIELDS (scripts/lib/protocol-goldens.sh says which file is which),
# and VERSION (tshark version, commands, profile, date). NtpTest compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="synth-ntp.pcap tcpdump-ntp.pcap tcpdump-ntp-mode7.pcap tcpdump-ntp-time-ef.pcap zeek-NTP-digest.pcap zeek-ntpmode67.pcap zeek-ntp-no-extensions-mac.pcap"
FILTER='ntp'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info ntp ntp.flags ntp.flags.li ntp.flags.vn ntp.flags.mode ntp.stratum
  ntp.ppoll ntp.precision ntp.rootdelay ntp.rootdispersion ntp.refid ntp.reftime ntp.org ntp.rec ntp.xmt ntp.ext.type
  ntp.ext.length ntp.keyid ntp.mac ntp.response_in ntp.request_in ntp.delta_time ntp.ctrl.flags2.opcode ntp.ctrl.sequence
  ntp.ctrl.status ntp.ctrl.associd ntp.ctrl.count ntp.key_type ntp.key_index ntp.priv.reqcode ntp.priv.impl
  ntp.priv.numitems ntp.priv.itemsize ntp.priv.mode7.item ntp.priv.mode7.dstaddress ntp.priv.mode7.offset
  ntp.priv.mode7.peer.flags ntp.priv.monlist.remote_address frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-ntp-goldens.sh src/test/resources/golden/ntp "$CAPTURES" "$FILTER" "$FIELDS"

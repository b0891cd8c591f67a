#!/usr/bin/env bash
# Usage: scripts/make-afs-goldens.sh
#
# RX and AFS (packet-rx.c, packet-afs.c) as tshark shows them, for the captures in CAPTURES
# below, under the profile of scripts/tshark-profile.sh: under src/test/resources/golden/afs/,
# each capture's packet list and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml,
# -T ek, -T fields with FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file
# is which), and VERSION (tshark version, commands, profile, date). AfsTest compares tcpscope's
# output with these. Goldens are made by this script only; never edit them by hand.
#
# FILTER leaves out the ICMP errors that quote an RX datagram: tcpscope shows a quoted datagram's
# payload as data, for every protocol above UDP (docs/afs.md); their list lines are compared.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="tcpdump-afs.pcap tcpdump-rx_serviceid_oobr.pcap tcpdump-rx_ubik-oobr.pcap synth-afs.pcap"
FILTER='(rx || afs) && !icmp'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info rx rx.epoch rx.cid rx.callnumber rx.seq rx.serial rx.type rx.flags
  rx.flags.client_init rx.flags.request_ack rx.flags.last_packet rx.flags.more_packets rx.flags.free_packet
  rx.userstatus rx.securityindex rx.spare rx.serviceid rx.bufferspace rx.maxskew rx.first rx.prev rx.reason
  rx.num_acks rx.ack_type rx.max_mtu rx.if_mtu rx.rwind rx.max_packets rx.version rx.nonce rx.min_level
  rx.inc_nonce rx.level rx.kvno rx.ticket_len rx.ticket rx.abort_code
  afs afs.service afs.reqframe afs.repframe afs.time afs.fs afs.cb afs.prot afs.vldb afs.vol afs.backup afs.ubik
  afs.fs.opcode afs.cb.opcode afs.prot.opcode afs.vldb.opcode afs.vol.opcode afs.backup.opcode afs.ubik.opcode
  afs.fs.fid.volume afs.fs.fid.vnode afs.fs.fid.uniq afs.fs.name afs.fs.offset afs.fs.length afs.fs.data
  afs.fs.status.length afs.fs.status.mode afs.fs.status.mask afs.fs.status.clientmodtime afs.fs.callback.expires
  afs.fs.callback.type afs.fs.volsync.spare1 afs.cb.fid.volume afs.prot.count afs.prot.id afs.prot.name
  afs.vldb.name afs.vldb.numservers afs.vldb.server afs.vldb.partition afs.vldb.type afs.vldb.flags
  afs.vol.count afs.vol.name afs.ubik.version.epoch afs.ubik.version.counter
  frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-afs-goldens.sh src/test/resources/golden/afs "$CAPTURES" "$FILTER" "$FIELDS" expert

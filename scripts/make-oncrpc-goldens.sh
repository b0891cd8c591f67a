#!/usr/bin/env bash
# Usage: scripts/make-oncrpc-goldens.sh
#
# ONC RPC (Portmap, MOUNT, NFSv3, NFSACL, SADMIND) as tshark shows it, for the captures in
# CAPTURES below, under the profile of scripts/tshark-profile.sh: under
# src/test/resources/golden/oncrpc/, each capture's packet list and, for the frames FILTER keeps,
# -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields with FIELDS and -q -z expert
# (scripts/lib/protocol-goldens.sh says which file is which), and VERSION (tshark version,
# commands, profile, date). OncRpcTest compares tcpscope's output with these. Goldens are made by
# this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="synth-rpc.pcap zeek-nfs-nfs_base.pcap zeek-nfs-nfs_write.pcap zeek-nfs-nfs_write_bad_stable_how.pcap
  zeek-nfs-nfs_fsinfo_bad_status.pcap zeek-nfs-nfs_getattr_bad_ftype.pcap zeek-nfs-nfs_setattr_bad_set_it.pcap
  zeek-mount-mount-unmount-bad-status.pcap zeek-mount-mount-unmount-bad-auth-flavor.pcap zeek-rpc-portmap-sadmind.pcap
  zeek-portmapper-many-unanswered-calls.pcapng.gz"
FILTER='rpc || tcp.port == 111 || tcp.port == 2049'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info rpc.xid rpc.msgtyp rpc.program rpc.programversion rpc.procedure
  rpc.repframe rpc.reqframe rpc.time rpc.auth.flavor rpc.auth.machinename rpc.auth.uid rpc.auth.gid rpc.replystat
  rpc.state_accept rpc.fraglen rpc.lastfrag portmap.prog portmap.port mount.path mount.status nfs.procedure_v3
  nfs.status3 nfs.fh.hash nfs.name nfs.fattr3.type nfs.mode3 nfs.fattr3.size nfs.atime nfs.offset3 nfs.count3
  nfs.write.stable nfs.access_check nfs.access_rights nfs.fsinfo.properties nfs.readdirplus.entry.name
  nfsacl.mask tcp.len tcp.reassembled_in frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-oncrpc-goldens.sh src/test/resources/golden/oncrpc "$CAPTURES" "$FILTER" "$FIELDS" expert

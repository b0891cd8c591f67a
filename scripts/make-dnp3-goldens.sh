#!/usr/bin/env bash
# Usage: scripts/make-dnp3-goldens.sh
#
# DNP 3.0 as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/dnp3/, each capture's packet list
# and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields with
# FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which), and
# VERSION (tshark version, commands, profile, date). Dnp3Test compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="zeek-dnp3.pcap zeek-dnp3-del_measure.pcap zeek-dnp3-en_spon.pcap zeek-dnp3-file_del.pcap
  zeek-dnp3-file_read.pcap zeek-dnp3-file_write.pcap zeek-dnp3-flowbuffer-overflow-assert.pcap
  zeek-dnp3-link_only.pcap zeek-dnp3-read.pcap zeek-dnp3-read_p20001.pcap zeek-dnp3-rec_time.pcap
  zeek-dnp3-select_operate.pcap zeek-dnp3-udp_en_spon.pcap zeek-dnp3-udp_read.pcap
  zeek-dnp3-udp_select_operate.pcap zeek-dnp3-udp_write.pcap zeek-dnp3-write.pcap arkime-dnp3_synthetic.pcap
  synth-dnp3.pcap"
FILTER='dnp3 || tcp.port == 20001'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info dnp3 dnp3.start dnp3.len dnp3.ctl dnp3.ctl.prifunc dnp3.ctl.secfunc
  dnp3.dst dnp3.src dnp3.addr dnp3.hdr.CRC dnp.hdr.CRC.status dnp3.tr.ctl dnp3.tr.fin dnp3.tr.fir dnp3.tr.seq
  dnp.data_chunk dnp.data_chunk_len dnp.data_chunk.CRC dnp3.al.fragment dnp3.al.fragment.count dnp3.al.frag_data
  dnp3.al.ctl dnp3.al.seq dnp3.al.func dnp3.al.iin dnp3.al.obj dnp3.al.objq.prefix dnp3.al.objq.range
  dnp3.al.range.start dnp3.al.range.stop dnp3.al.range.quantity dnp3.al.index dnp3.al.size dnp3.al.point_index
  dnp3.al.timestamp dnp3.al.ana.int dnp3.al.cnt dnp3.al.file.handle dnp3.al.file_name
  frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-dnp3-goldens.sh src/test/resources/golden/dnp3 "$CAPTURES" "$FILTER" "$FIELDS" expert

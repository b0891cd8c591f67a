#!/bin/bash
# Asks tshark whether it opens a header-only pcap whose LinkType is N; prints "N ok|unknown|other".
# Produced PcapReader.WIRETAP_LINK_TYPES with tshark 4.0.17:  seq 0 330 | xargs -P 16 -n 1 scripts/linktypes-probe.sh
# (values 331..65535 sampled: all unknown).
n=$1
f=${TMPDIR:-/tmp}/h$n.pcap
python3 -c "import struct,sys; sys.stdout.buffer.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,65535,$n))" > $f
if tshark -r $f >/dev/null 2>${TMPDIR:-/tmp}/e$n; then echo "$n ok"; else if grep -q 'unknown or unsupported' ${TMPDIR:-/tmp}/e$n; then echo "$n unknown"; else echo "$n other $(head -c 200 ${TMPDIR:-/tmp}/e$n|tr '\n' ' ')"; fi; fi
rm -f $f ${TMPDIR:-/tmp}/e$n

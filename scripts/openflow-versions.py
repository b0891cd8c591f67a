#!/usr/bin/env python3
"""Usage: scripts/openflow-versions.py IN.pcap OUT.pcap VERSION

Rewrites the version byte of every OpenFlow 1.3 message header (version 4) that starts in a
TCP segment of IN.pcap (classic pcap, Ethernet/IPv4) to VERSION (5: OpenFlow 1.4, 6: 1.5),
following each connection's messages by their header's length. Used to check which message
layouts packet-openflow_v5.c and _v6.c keep from _v4.c (proto.openflow.V4Walk.shared): read the
result with tshark and with tcpscope and compare frame by frame (docs/OPENFLOW.md). A pcapng
goes through `editcap -F pcap` first.
"""
import struct, sys
src, dst, ver = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(src,'rb').read()
hdr = data[:24]; pos = 24
recs = []
while pos + 16 <= len(data):
    ts, us, incl, orig = struct.unpack('<IIII', data[pos:pos+16]); pos += 16
    recs.append([ts, us, incl, orig, bytearray(data[pos:pos+incl])]); pos += incl
streams = {}  # key -> [base_seq, next_header_stream_offset]
for r in recs:
    f = r[4]
    if len(f) < 54 or f[12:14] != b'\x08\x00' or f[23] != 6: continue
    ihl = (f[14] & 15) * 4; t = 14 + ihl
    sp, dp = struct.unpack('>HH', f[t:t+4]); seq = struct.unpack('>I', f[t+4:t+8])[0]
    doff = (f[t+12] >> 4) * 4; p = t + doff
    iplen = struct.unpack('>H', f[16:18])[0]; plen = 14 + iplen - p
    if plen <= 0: continue
    key = (bytes(f[26:30]), sp, bytes(f[30:34]), dp)
    if key not in streams: streams[key] = [seq, 0]
    base, nxt = streams[key]
    start = (seq - base) & 0xffffffff
    # walk headers that fall in this segment
    while nxt < start + plen:
        if nxt < start: nxt = start  # lost data: resync at segment start
        i = p + nxt - start
        if f[i] == 4: f[i] = ver
        if i + 4 > p + plen: break
        l = struct.unpack('>H', f[i+2:i+4])[0]
        if l < 8: break
        nxt += l
    streams[key][1] = nxt
out = open(dst,'wb'); out.write(hdr)
for ts, us, incl, orig, f in recs:
    out.write(struct.pack('<IIII', ts, us, incl, orig)); out.write(f)

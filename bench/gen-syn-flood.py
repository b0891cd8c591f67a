#!/usr/bin/env python3
"""Writes a SYN flood: N SYNs to 10.0.0.1:80, each from its own source (10.x.y.z, port), one
every 10 microseconds, as a microsecond pcap on Ethernet. Every SYN opens a conversation
(tcp.stream) that never sees another packet: the case where per-connection state is all there is.

Usage: bench/gen-syn-flood.py --packets N --out FILE
"""
import argparse
import struct


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--packets", type=int, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    eth = bytes.fromhex("020000000001020000000002") + b"\x08\x00"
    dst = bytes([10, 0, 0, 1])
    with open(a.out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        t = 1_700_000_000 * 1_000_000
        for i in range(a.packets):
            host = 2 + i // 60000
            src = bytes([10, 1 + (host >> 16) % 250, (host >> 8) & 0xFF, host & 0xFF])
            sport = 1024 + i % 60000
            seq = (i * 2654435761) & 0xFFFFFFFF
            # MSS 1460, SACK permitted, window scale 7 (with a NOP): 32-byte header
            opts = bytes([2, 4, 5, 180, 4, 2, 1, 3, 3, 7, 1, 1])
            tcp = struct.pack("!HHIIBBHHH", sport, 80, seq, 0, (8 << 4), 0x02, 64240, 0, 0) + opts
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), i & 0xFFFF, 0x4000, 64, 6, 0, src, dst)
            ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
            pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
            tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
            frame = eth + ip + tcp
            ts = t + i * 10
            f.write(struct.pack("<IIII", ts // 1_000_000, ts % 1_000_000, len(frame), len(frame)))
            f.write(frame)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Usage: scripts/vnc-crafted.py [OUT] | scripts/vnc-crafted.py - HEURISTIC_OUT

Writes captures/synth-vnc.pcap (or OUT): VNC (RFB) conversations the Zeek captures lack, for the VNC
goldens (scripts/make-vnc-goldens.sh). Each message is one TCP segment of a connection with a
handshake; the bytes follow RFC 6143 and packet-vnc.c (Wireshark 4.0.17), some on purpose wrong:

  1. port 5900, RFB 3.8, security None, ServerInit, then the client's messages (SetPixelFormat,
     SetEncodings, update request, key and pointer events, cut text, EnableContinuousUpdates,
     Fence, an unknown type) and the server's: framebuffer updates with Raw, CopyRect, RRE,
     Hextile (raw, background/foreground, coloured sub-rectangles), ZRLE (raw and palette tiles,
     and data that does not inflate), Tight (fill, JPEG, basic with a palette, short copy data),
     Rich and X cursors, pointer position, DesktopSize, ExtendedDesktopSize and LastRect;
     SetColourMapEntries, Bell, EndContinuousUpdates, Fence, an unknown type, ServerCutText.
  2. port 5901, RFB 3.3: the server decides security type None; too many rectangles, too many
     RRE sub-rectangles, too many colours, a raw rectangle of 65535 x 65535 pixels (a need beyond
     a gint: nothing is asked for, the next bytes are read as messages), too much cut text.
  3. port 5901, RFB 3.7, TightVNC security: tunnelling and authentication capabilities, VNC
     authentication, the interaction capabilities after ServerInit.
  4. port 5900: a failed VNC authentication with its reason (3.8), after a gtk-vnc greeting that
     ends in NUL.
  5. port 5900, started mid-session: the first bytes are a client message, not a greeting.
  6. port 5900: MirrorLink messages from both sides (display and event configurations, touch
     events, key event listing, alternative text, framebuffer blocking, an unknown body), the
     MirrorLink Context Information and SLRLE encodings and H.264.
"""
import struct
import sys
import zlib

frames = []
t = [1700000000.0]


def pkt(src, dst, sport, dport, seq, ack, flags, payload=b""):
    tcp = struct.pack(">HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff, 5 << 4, flags, 65535, 0, 0)
    ip_len = 20 + len(tcp) + len(payload)
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, ip_len, 1, 0x4000, 64, 6, 0, bytes(src), bytes(dst))
    eth = bytes.fromhex("020000000002" "020000000001" "0800")
    t[0] += 0.001
    frames.append((t[0], eth + ip + tcp + payload))


class Conn:
    def __init__(self, chost, shost, cport, sport, handshake=True):
        self.c, self.s, self.cp, self.sp = chost, shost, cport, sport
        self.cseq, self.sseq = 1000, 5000
        if handshake:
            pkt(self.c, self.s, self.cp, self.sp, self.cseq - 1, 0, 0x02)
            pkt(self.s, self.c, self.sp, self.cp, self.sseq - 1, self.cseq, 0x12)
            pkt(self.c, self.s, self.cp, self.sp, self.cseq, self.sseq, 0x10)

    def server(self, data):
        pkt(self.s, self.c, self.sp, self.cp, self.sseq, self.cseq, 0x18, data)
        self.sseq += len(data)

    def client(self, data):
        pkt(self.c, self.s, self.cp, self.sp, self.cseq, self.sseq, 0x18, data)
        self.cseq += len(data)

    def close(self):
        pkt(self.c, self.s, self.cp, self.sp, self.cseq, self.sseq, 0x11)
        pkt(self.s, self.c, self.sp, self.cp, self.sseq, self.cseq + 1, 0x11)
        pkt(self.c, self.s, self.cp, self.sp, self.cseq + 1, self.sseq + 1, 0x10)


def rect(x, y, w, h, enc):
    return struct.pack(">HHHHi", x, y, w, h, enc)


def update(*rects, count=None):
    return struct.pack(">BBH", 0, 0, len(rects) if count is None else count) + b"".join(rects)


def pixel_format(bpp, depth):
    return struct.pack(">BBBBHHHBBB3x", bpp, depth, 0, 1, 255, 255, 255, 16, 8, 0)


def server_init(w, h, bpp, depth, name):
    return struct.pack(">HH", w, h) + pixel_format(bpp, depth) + struct.pack(">I", len(name)) + name


C, S = [10, 0, 0, 1], [10, 0, 0, 2]

# 1. RFB 3.8, security None, every message kind
a = Conn(C, S, 40001, 5900)
a.server(b"RFB 003.008\n")
a.client(b"RFB 003.008\n")
a.server(bytes([3, 1, 2, 16]))
a.client(bytes([1]))
a.server(struct.pack(">I", 0))
a.client(bytes([1]))
a.server(server_init(800, 600, 32, 24, b"synth desktop"))
a.client(bytes([0, 0, 0, 0]) + pixel_format(32, 24))
encs = [0, 1, 2, 5, 16, 7, -239, -240, -232, -223, -308, -224, -32, -256, 0x574D5669]
a.client(struct.pack(">BBH", 2, 0, len(encs)) + b"".join(struct.pack(">i", e) for e in encs))
a.client(struct.pack(">BBHHHH", 3, 1, 0, 0, 800, 600))
a.client(struct.pack(">BBHI", 4, 1, 0, 0x61))
a.client(struct.pack(">BBHH", 5, 0x05, 120, 240))
a.client(struct.pack(">B3xI", 6, 5) + b"hello")
a.client(struct.pack(">BBHHHH", 150, 1, 0, 0, 800, 600))
a.client(struct.pack(">B3xIB", 248, 0x80000003, 2) + b"ab")
a.client(struct.pack(">BB", 77, 0))
a.server(update(rect(0, 0, 2, 2, 0) + bytes(range(16)),
                rect(10, 10, 4, 4, 1) + struct.pack(">HH", 1, 2)))
rre = struct.pack(">I", 2) + b"\x11\x22\x33\x44" \
    + b"\xaa\xbb\xcc\xdd" + struct.pack(">HHHH", 1, 1, 2, 2) + b"\x01\x02\x03\x04" + struct.pack(">HHHH", 3, 3, 1, 1)
a.server(update(rect(0, 0, 8, 8, 2) + rre))
tiles = bytes([1]) + bytes(16 * 16 * 4)  # raw tile 16x16
tiles += bytes([2 | 4 | 8]) + b"\x01\x01\x01\x00" + b"\x02\x02\x02\x00" + bytes([2, 0x00, 0x11, 0x23, 0x45])
tiles += bytes([2 | 8 | 16]) + b"\x03\x03\x03\x00" + bytes([1]) + b"\x09\x09\x09\x00" + bytes([0x12, 0x34])
tiles += bytes([0])
a.server(update(rect(0, 0, 20, 18, 5) + tiles))
z1 = zlib.compress(bytes([0]) + bytes(range(16)))
z2 = zlib.compress(bytes([130]) + b"\x01\x02\x03\x04\x05\x06\x07\x08" + bytes([0x5a] * 4))
a.server(update(rect(0, 0, 2, 2, 16) + struct.pack(">I", len(z1)) + z1,
                rect(2, 0, 2, 2, 16) + struct.pack(">I", len(z2)) + z2,
                rect(4, 0, 2, 2, 16) + struct.pack(">I", 5) + b"nozlb"))
tight = rect(0, 0, 4, 4, 7) + bytes([0x80]) + b"\x10\x20\x30"
tight += rect(4, 0, 4, 4, 7) + bytes([0x90, 0x05]) + b"JPEG!"
tight += rect(8, 0, 16, 4, 7) + bytes([0x41, 0x01, 0x01]) + b"\x01\x02\x03\x04\x05\x06" + bytes([0x0a]) + bytes(10)
tight += rect(0, 4, 2, 1, 7) + bytes([0x00]) + bytes(6)
tight += rect(0, 5, 2, 2, 7) + bytes([0xa0])
a.server(update(tight))
cur = rect(1, 1, 2, 2, -239) + bytes(16) + bytes([0xc0, 0xc0])
cur += rect(0, 0, 8, 2, -240) + bytes(6) + bytes([0xff, 0x81]) + bytes([0xff, 0xff])
cur += rect(5, 6, 0, 0, -232) + rect(0, 0, 1024, 768, -223)
cur += rect(0, 0, 1024, 768, -308) + bytes([1, 0, 0, 0]) + struct.pack(">IHHHHI", 7, 0, 0, 1024, 768, 0)
cur += rect(0, 0, 0, 0, -224) + rect(9, 9, 9, 9, 0)
a.server(update(cur, count=7))
a.server(struct.pack(">BBHH", 1, 0, 0, 2) + struct.pack(">HHHHHH", 65535, 0, 0, 0, 65535, 0))
a.server(bytes([2]) + bytes([150]))
a.server(struct.pack(">B3xIB", 248, 0x00000004, 0))
a.server(bytes([99, 1, 2, 3]))
a.server(struct.pack(">B3xI", 3, 4) + b"clip")
a.close()

# 2. RFB 3.3, security decided by the server; the dissector's caps
b = Conn(C, S, 40002, 5901)
b.server(b"RFB 003.003\n")
b.client(b"RFB 003.003\n")
b.server(struct.pack(">I", 1))
b.client(bytes([0]))
b.server(server_init(640, 480, 16, 16, b"small"))
b.server(update(rect(0, 0, 1, 1, 0), count=6000))
b.server(update(rect(0, 0, 8, 8, 2) + struct.pack(">I", 20000) + bytes(8)))
b.server(struct.pack(">BBHH", 1, 0, 0, 20000) + bytes(12))
b.server(update(rect(0, 0, 65535, 65535, 0)) + bytes(8))
b.server(struct.pack(">B3xI", 3, 200000) + b"xx")
b.close()

# 3. TightVNC security
c = Conn(C, S, 40003, 5901)
c.server(b"RFB 003.007\n")
c.client(b"RFB 003.007\n")
c.server(bytes([1, 16]))
c.client(bytes([16]))
c.server(struct.pack(">I", 0))
c.server(struct.pack(">II", 1, 2) + b"STDV" + b"VNCAUTH_")
c.client(struct.pack(">I", 2))
c.server(bytes(range(16)))
c.client(bytes(range(16, 32)))
c.server(struct.pack(">I", 0))
c.client(bytes([0]))
c.server(server_init(1024, 768, 8, 8, b"tight"))
caps = struct.pack(">HHHH", 1, 1, 1, 0)
caps += struct.pack(">i", 150) + b"TGHT" + b"CUS_EOCU"
caps += struct.pack(">i", 252) + b"TRDV" + b"FTC_UPRQ"
caps += struct.pack(">i", 7) + b"TGHT" + b"TIGHT___"
c.server(caps)
c.client(struct.pack(">BBHHHH", 3, 0, 0, 0, 16, 16))
c.server(update(rect(0, 0, 2, 2, 0) + bytes(4)))
c.close()

# 4. a gtk-vnc greeting (NUL for the newline), a failed authentication with its reason
d = Conn(C, S, 40004, 5900)
d.server(b"RFB 003.008\n")
d.client(b"RFB 003.008\0")
d.server(bytes([1, 2]))
d.client(bytes([2]))
d.server(bytes(range(100, 116)))
d.client(bytes(range(116, 132)))
d.server(struct.pack(">II", 1, 14) + b"Wrong password")
d.close()

# 6. MirrorLink messages both ways and its rectangle encodings (context information, SLRLE), H.264
g = Conn(C, S, 40007, 5900)
g.server(b"RFB 003.008\n")
g.client(b"RFB 003.008\n")
g.server(bytes([1, 1]))
g.client(bytes([1]))
g.server(struct.pack(">I", 0))
g.client(bytes([1]))
g.server(server_init(800, 480, 16, 16, b"car"))
g.client(struct.pack(">BBH", 128, 2, 14) + struct.pack(">BBHHHHHH", 1, 1, 0x0003, 800, 480, 150, 90, 600))
g.client(struct.pack(">BBH", 128, 20, 13) + bytes([2]) + struct.pack(">HHBB", 10, 20, 1, 255) + struct.pack(">HHBB", 30, 40, 2, 0))
g.server(struct.pack(">BBH", 128, 1, 12) + struct.pack(">BBHHHI", 1, 1, 0x0001, 800, 480, 0x00010002))
g.server(struct.pack(">BBH", 128, 3, 28) + b"enUSenGB" + struct.pack(">IIIII", 1, 2, 3, 4, 5))
g.server(struct.pack(">BBH", 128, 7, 12) + bytes([1, 2]) + struct.pack(">HII", 7, 0x61, 0x62))
g.server(struct.pack(">BBH", 128, 21, 8) + struct.pack(">IH", 0x1234, 2) + b"hi")
g.server(struct.pack(">BBH", 128, 0, 3) + b"xyz")
g.server(struct.pack(">BBH", 128, 16, 14) + struct.pack(">HHHHIH", 1, 2, 3, 4, 5, 6))
ctx = rect(0, 0, 0, 0, -524) + struct.pack(">IHHIII", 0xabcd, 0x10, 0x20, 0x30000, 0x40000, 0x1)
sl = rect(0, 0, 4, 2, -525) + struct.pack(">H", 1) + bytes(3) + struct.pack(">H", 2) + bytes(6)
h264 = rect(0, 0, 4, 4, 0x48323634) + struct.pack(">IIII", 3, 2, 4, 4) + b"\x00\x00\x01"
g.server(update(ctx, sl, h264))
g.close()

# 5. a capture that starts mid-session: no greeting
e = Conn(C, S, 40005, 5900, handshake=False)
e.client(struct.pack(">BBHHHH", 3, 1, 0, 0, 800, 600))
e.server(update(rect(0, 0, 1, 1, 1) + struct.pack(">HH", 0, 0)))
e.client(b"RFB 003.008\n")

if len(sys.argv) > 2:
    # captures/synth-vnc-heuristic.pcap: port 5902 has no tcp.port entry, the "tcp" heuristic
    # takes the 12-byte greeting and claims the connection
    frames.clear()
    h = Conn(C, S, 40006, 5902)
    h.server(b"RFB 003.008\n")
    h.client(b"RFB 003.008\n")
    h.server(bytes([1, 1]))
    h.client(bytes([1]))
    h.server(struct.pack(">I", 0))
    h.client(bytes([0]))
    h.server(server_init(320, 200, 32, 24, b"heuristic"))
    h.client(struct.pack(">BBHHHH", 3, 0, 0, 0, 320, 200))
    h.server(update(rect(0, 0, 1, 1, 0) + bytes(4)))
    h.close()

out = sys.argv[2] if len(sys.argv) > 2 else sys.argv[1] if len(sys.argv) > 1 else "captures/synth-vnc.pcap"
with open(out, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for ts, data in frames:
        sec = int(ts)
        usec = int(round((ts - sec) * 1e6))
        f.write(struct.pack("<IIII", sec, usec, len(data), len(data)))
        f.write(data)
print(f"{out}: {len(frames)} frames")

# Writes captures/synth-dnp3.pcap (see scripts/make-dnp3-goldens.sh): crafted DNP 3.0 over UDP
# port 20000 for what the corpus lacks: responses carrying every object group packet-dnp.c 4.0
# walks (packed and double bits, flags, binary and analog events with absolute and relative
# times, counters of every width, 16/32-bit, float and double analog inputs and outputs, control
# blocks and command events, time and date, file status and transport status, internal
# indications, octet strings, device attributes), objects it does not know (Secure
# Authentication, an unknown group), a negative range, a reserved range code, a class object with
# a count, index and size prefixes of every width, the application flags (CON, UNS), abnormal
# internal indications, an unknown function, link-only functions of both directions, a bad header
# CRC and a bad data chunk CRC in later link frames of a datagram, a data frame whose length
# byte is below 5, and transport segments out of order (4.0.17's single-sequence reassembly).
#   python3 scripts/dnp3-crafted.py captures/synth-dnp3.pcap
import struct, sys

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return (~s) & 0xffff

def ip(src, dst, proto, payload):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, 0, 64, proto, 0, bytes(src), bytes(dst))
    h = h[:10] + struct.pack('!H', csum(h)) + h[12:]
    return b'\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00' + h + payload

def udp(src, dst, sport, dport, payload):
    return ip(src, dst, 17, struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload)

TABLE = []
for i in range(256):
    c = i
    for _ in range(8):
        c = (c >> 1) ^ 0xA6BC if c & 1 else c >> 1
    TABLE.append(c)

def crc(b):
    c = 0
    for x in b:
        c = (c >> 8) ^ TABLE[(c ^ x) & 0xff]
    return struct.pack('<H', ~c & 0xffff)

def link(ctl, dst, src, user=b'', length=None, bad_header=False, bad_chunk=False):
    """A link frame: header with its CRC, then the user data in 16-byte blocks each with its CRC."""
    n = 5 + len(user) if length is None else length
    h = b'\x05\x64' + bytes([n, ctl]) + struct.pack('<HH', dst, src)
    c = crc(h)
    if bad_header:
        c = bytes([c[0] ^ 0xff, c[1]])
    out = h + c
    for k in range(0, len(user), 16):
        block = user[k:k + 16]
        c = crc(block)
        if bad_chunk and k == 0:
            c = bytes([c[0], c[1] ^ 0x5a])
        out += block + c
    return out

def le16(v): return struct.pack('<H', v & 0xffff)
def le32(v): return struct.pack('<I', v & 0xffffffff)
def t48(ms): return struct.pack('<Q', ms)[:6]
def flt(v): return struct.pack('<f', v)
def dbl(v): return struct.pack('<d', v)

MASTER, OUTSTATION = [10, 1, 1, 1], [10, 1, 1, 2]
frames = []
seq = [0]

def app(ac, func, body, iin=None, to_master=True, tr=None):
    """One application fragment in one transport segment (FIR, FIN) from the outstation or master."""
    data = bytes([ac, func]) + (le16(iin) if iin is not None else b'') + body
    t = 0xc0 | (seq[0] & 0x3f) if tr is None else tr
    seq[0] += 1
    user = bytes([t]) + data
    if to_master:
        frames.append(udp(OUTSTATION, MASTER, 20000, 20000, link(0x44, 1, 10, user)))
    else:
        frames.append(udp(MASTER, OUTSTATION, 20000, 20000, link(0xc4, 10, 1, user)))

T0 = 1700000000123
def obj(g, v, q, rng, points=b''):
    return bytes([g, v, q]) + rng + points

# requests: reads of groups and classes, a select with CRO blocks, freeze, direct operate of analog outputs
app(0xc1, 0x01, obj(1, 0, 0x06, b'') + obj(30, 0, 0x06, b'') + obj(60, 2, 0x06, b'') + obj(60, 4, 0x06, b'') + obj(20, 0, 0x00, b'\x00\x05'), to_master=False)
app(0xc2, 0x03, obj(12, 1, 0x28, le16(2), le16(3) + b'\x41\x01' + le32(500) + le32(0) + b'\x00' + le16(4) + b'\x81\x02' + le32(1) + le32(2) + b'\x00'), to_master=False)
app(0xc3, 0x07, obj(20, 0, 0x06, b'') + obj(21, 1, 0x17, b'\x02', b'\x00\x01'), to_master=False)
app(0xc4, 0x05, obj(41, 1, 0x17, b'\x01', b'\x03' + le32(-5) + b'\x00') + obj(41, 2, 0x28, le16(1), le16(7) + le16(300) + b'\x00')
    + obj(41, 3, 0x17, b'\x01', b'\x01' + flt(1.5) + b'\x00') + obj(41, 4, 0x17, b'\x01', b'\x02' + dbl(-2.25) + b'\x00'), to_master=False)
app(0xc5, 0x70, b'\x01\x02', to_master=False)  # unknown function
app(0xc6, 0x00, obj(120, 9, 0x5b, b'\x01', le16(4) + b'\xaa\xbb\xcc\xdd'), to_master=False)  # confirm with a MAC object
app(0xd7, 0x14, obj(60, 2, 0x06, b'') + obj(60, 3, 0x06, b''), to_master=False)
app(0xc8, 0x02, obj(50, 1, 0x07, b'\x01', t48(T0)) + obj(80, 1, 0x00, b'\x07\x07', b'\x00'), to_master=False)
app(0xc9, 0x02, obj(110, 5, 0x17, b'\x01', b'\x00hello'), to_master=False)

# responses with every walked object
app(0xe0, 0x81, obj(1, 1, 0x00, b'\x00\x09', b'\xa5\x01') + obj(1, 2, 0x01, le16(3) + le16(4), b'\x81\x02')
    + obj(2, 1, 0x17, b'\x02', b'\x05\x81\x06\x23') + obj(2, 2, 0x28, le16(1), le16(9) + b'\x81' + t48(T0)), iin=0x0000)
app(0xe1, 0x81, obj(3, 1, 0x00, b'\x00\x05', b'\x1b\x02') + obj(3, 2, 0x00, b'\x00\x01', b'\x41\xc1')
    + obj(4, 1, 0x17, b'\x01', b'\x02\x81') + obj(4, 2, 0x17, b'\x01', b'\x03\x41' + t48(T0 + 5))
    + obj(51, 1, 0x07, b'\x01', t48(T0)) + obj(2, 3, 0x28, le16(1), le16(2) + b'\x01' + le16(1500))
    + obj(4, 3, 0x28, le16(1), le16(3) + b'\x81' + le16(20)), iin=0x8000)
app(0xe2, 0x81, obj(10, 1, 0x00, b'\x00\x03', b'\x05') + obj(10, 2, 0x00, b'\x00\x01', b'\x81\x01')
    + obj(11, 1, 0x17, b'\x01', b'\x00\x81') + obj(11, 2, 0x17, b'\x01', b'\x01\x01' + t48(T0))
    + obj(12, 3, 0x00, b'\x00\x02', b'\x05') + obj(13, 1, 0x17, b'\x01', b'\x00\x84') + obj(13, 2, 0x17, b'\x01', b'\x01\x02' + t48(T0)), iin=0x4010)
app(0xe3, 0x81, obj(20, 1, 0x00, b'\x00\x00', b'\x01' + le32(100000)) + obj(20, 2, 0x00, b'\x00\x00', b'\x21' + le16(65535))
    + obj(20, 5, 0x00, b'\x00\x00', le32(7)) + obj(20, 6, 0x00, b'\x00\x00', le16(8))
    + obj(21, 1, 0x00, b'\x00\x00', b'\x41' + le32(9)) + obj(21, 5, 0x00, b'\x00\x00', b'\x01' + le32(10) + t48(T0))
    + obj(21, 9, 0x00, b'\x00\x00', le32(11)) + obj(21, 10, 0x00, b'\x00\x00', le16(12))
    + obj(22, 1, 0x17, b'\x01', b'\x00\x01' + le32(13)) + obj(22, 6, 0x17, b'\x01', b'\x00\x01' + le16(14) + t48(T0))
    + obj(23, 1, 0x17, b'\x01', b'\x00\x01' + le32(15)) + obj(23, 5, 0x17, b'\x01', b'\x00\x01' + le32(16) + t48(T0)), iin=0x0000)
app(0xe4, 0x81, obj(30, 1, 0x00, b'\x00\x00', b'\x01' + le32(-7)) + obj(30, 2, 0x00, b'\x00\x00', b'\x61' + le16(-3))
    + obj(30, 3, 0x00, b'\x00\x00', le32(123456)) + obj(30, 4, 0x00, b'\x00\x00', le16(321))
    + obj(30, 5, 0x00, b'\x00\x01', b'\x01' + flt(3.14159) + b'\x01' + flt(-0.000012)) + obj(30, 6, 0x00, b'\x00\x00', b'\x01' + dbl(12345.678901234))
    + obj(31, 7, 0x00, b'\x00\x00', b'\x01' + flt(1e10)) + obj(31, 8, 0x00, b'\x00\x00', b'\x01' + dbl(0.1)), iin=0x0000)
app(0xe5, 0x81, obj(32, 1, 0x17, b'\x01', b'\x00\x01' + le32(1)) + obj(32, 2, 0x17, b'\x01', b'\x01\x01' + le16(2))
    + obj(32, 3, 0x17, b'\x01', b'\x02\x01' + le32(3) + t48(T0)) + obj(32, 4, 0x17, b'\x01', b'\x03\x01' + le16(4) + t48(T0))
    + obj(32, 5, 0x17, b'\x01', b'\x04\x01' + flt(5.5)) + obj(32, 6, 0x17, b'\x01', b'\x05\x01' + dbl(6.5))
    + obj(32, 7, 0x17, b'\x01', b'\x06\x01' + flt(7.5) + t48(T0)) + obj(32, 8, 0x17, b'\x01', b'\x07\x01' + dbl(8.5) + t48(T0))
    + obj(34, 1, 0x00, b'\x00\x00', le16(10)) + obj(34, 2, 0x00, b'\x00\x00', le32(20)) + obj(34, 3, 0x00, b'\x00\x00', flt(0.5)), iin=0x0000)
app(0xe6, 0x81, obj(40, 1, 0x00, b'\x00\x00', b'\x01' + le32(-1)) + obj(40, 2, 0x00, b'\x00\x00', b'\x01' + le16(2))
    + obj(40, 3, 0x00, b'\x00\x00', b'\x01' + flt(2.5)) + obj(40, 4, 0x00, b'\x00\x00', b'\x01' + dbl(-1e-7))
    + obj(42, 1, 0x17, b'\x01', b'\x00\x01' + le32(1)) + obj(42, 3, 0x17, b'\x01', b'\x00\x01' + le32(3) + t48(T0))
    + obj(42, 6, 0x17, b'\x01', b'\x00\x01' + dbl(6.0)) + obj(42, 7, 0x17, b'\x01', b'\x00\x01' + flt(7.0) + t48(T0)), iin=0x0000)
app(0xe7, 0x81, obj(50, 1, 0x07, b'\x01', t48(T0)) + obj(50, 3, 0x07, b'\x01', t48(T0 + 1)) + obj(51, 2, 0x07, b'\x01', t48(T0 + 2))
    + obj(52, 2, 0x07, b'\x01', le16(250)) + obj(80, 1, 0x00, b'\x00\x0f', b'\x90\x00')
    + obj(110, 4, 0x17, b'\x01', b'\x00abcd') + obj(111, 3, 0x17, b'\x01', b'\x01xyz'), iin=0x0001)
app(0xe8, 0x81, obj(70, 4, 0x5b, b'\x01', le16(18) + le32(0x1234) + le32(2048) + le16(512) + le16(9) + b'\x00' + b'ok\x00')
    + obj(70, 6, 0x5b, b'\x01', le16(12) + le32(0x1234) + le32(0x80000003) + b'\x02' + b'no\x00'), iin=0x0000)
app(0xe9, 0x81, obj(0, 240, 0x00, b'\x00\x00', b'\x02\x02' + le16(2048)) + obj(0, 252, 0x00, b'\x00\x00', b'\x01\x05ACME!')
    + obj(0, 203, 0x00, b'\x00\x00', b'\x04\x04' + flt(12.5)) + obj(0, 249, 0x00, b'\x00\x00', b'\x03\x01\xff'), iin=0x0000)
app(0xea, 0x82, obj(121, 1, 0x17, b'\x01', b'\x00\x01' + le16(1) + le32(5)), iin=0x0000)  # Secure Authentication statistics
app(0xeb, 0x81, obj(99, 1, 0x00, b'\x00\x00', b'\x01\x02\x03'), iin=0x0000)  # an unknown object
app(0xec, 0x81, obj(1, 2, 0x00, b'\x05\x02', b'\x01'), iin=0x0000)  # a negative range
app(0xed, 0x81, obj(60, 1, 0x17, b'\x02', b'\x00\x01'), iin=0x0000)  # a class object with points
app(0xee, 0x81, obj(1, 2, 0x0a, b'', b'\x01'), iin=0x0000)  # a reserved range code
app(0xef, 0x81, obj(1, 2, 0x39, le32(2), le32(70000) + b'\x01' + le32(70001) + b'\x81')
    + obj(10, 2, 0x17, b'\x01', b'\x05\x01') + obj(30, 1, 0x49, le32(1), le16(6) + b'\x01' + le32(9)), iin=0x0000)
app(0xf0, 0x81, obj(1, 2, 0x00, b'\x00\x05', b'\x01\x01'), iin=0x0000)  # points past the end

# link frames: secondary and primary functions without user data, two frames in one datagram with
# a bad header CRC in the second, a bad data chunk CRC, a data frame with a length below 5
for ctl in (0x40, 0x42, 0x49, 0x00, 0x01, 0x0b, 0x0e, 0x0f, 0x3a):
    frames.append(udp(MASTER, OUTSTATION, 20000, 20000, link(ctl, 10, 1)))
frames.append(udp(OUTSTATION, MASTER, 20000, 20000, link(0x0b, 1, 10) + link(0x0b, 1, 10, bad_header=True)))
frames.append(udp(OUTSTATION, MASTER, 20000, 20000, link(0x44, 1, 10, bytes([0xc0 | 40, 0xc0, 0x81, 0, 0]), bad_chunk=True)))
frames.append(udp(OUTSTATION, MASTER, 20000, 20000, link(0x44, 1, 10, b'', length=4)))
frames.append(udp(OUTSTATION, MASTER, 20000, 20000, link(0x53, 1, 10, bytes([0xc0 | 41, 0xc1, 0x81, 0, 0]))))

# transport segments out of order and out of place, each sequence between its own pair of
# addresses: a lone FIN then a FIR+FIN with the same number, a FIR then a FIR+FIN with the same
# number, a stray middle segment before its FIR, a FIN that skips a number, a message sent twice,
# a stray FIN before a message with its number, two FIRs, a FIR with 63 then a FIN with 0 (no
# wrap), and FINs and middles before their FIR
READ1, COLD, RESP0 = b'\xc3\x01\x3c\x02\x06', b'\xc4\x0d', b'\xc5\x81\x00\x00'
ORDERS = [[(0x80, READ1), (0xc0, COLD)], [(0x40, READ1), (0xc0, COLD)], [(0x05, READ1), (0x44, COLD), (0x85, RESP0)],
          [(0x41, READ1), (0x83, RESP0), (0x82, COLD)], [(0x41, READ1), (0x82, RESP0), (0x41, COLD), (0x82, READ1)],
          [(0xc0, COLD), (0x81, READ1), (0xc1, RESP0)], [(0x41, READ1), (0x42, COLD), (0x83, RESP0)],
          [(0x80, READ1), (0x80, COLD), (0xc0, RESP0)], [(0x01, READ1), (0xc0, COLD), (0x81, RESP0)],
          [(0x7f, READ1), (0x80, RESP0)], [(0x45, READ1), (0x06, RESP0), (0x87, COLD)],
          [(0x06, RESP0), (0x45, READ1), (0x87, COLD)], [(0x87, COLD), (0x06, RESP0), (0x45, READ1)],
          [(0x01, READ1), (0x04, COLD), (0xc1, RESP0)]]
for n, order in enumerate(ORDERS):
    for tr, al in order:
        frames.append(udp([10, 2, n, 2], [10, 2, n, 1], 20000, 20000, link(0x44, 1, 10, bytes([tr]) + al)))

with open(sys.argv[1], 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, fr in enumerate(frames):
        f.write(struct.pack('<IIII', 1700000000 + i, 0, len(fr), len(fr)))
        f.write(fr)

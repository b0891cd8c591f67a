# Writes captures/synth-dcerpc.pcap (see scripts/make-dcerpc-goldens.sh): crafted DCE/RPC over TCP
# for what the corpus lacks: a request put together from two fragments in two segments and a
# response from three in one segment, several PDUs in a segment with a nonzero context id (the
# " # " delimiter), a PDU over two segments, a fault, an unknown operation, an object UUID, a
# Bind_nak listing protocol versions, Shutdown/Co_cancel/Orphaned, a big-endian conversation, a
# heuristic port whose later segment is not DCE/RPC, and a frag length below the header.
#   python3 scripts/dcerpc-crafted.py captures/synth-dcerpc.pcap
import struct, sys, uuid

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return (~s) & 0xffff

def pkt(src, dst, sport, dport, seq, ack, payload, flags=0x18):
    tcp = struct.pack('!HHIIBBHHH', sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload
    ph = bytes(src) + bytes(dst) + struct.pack('!BBH', 0, 6, len(tcp))
    c = csum(ph + tcp); tcp = tcp[:16] + struct.pack('!H', c) + tcp[18:]
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, bytes(src), bytes(dst))
    ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
    return b'\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00' + ip + tcp

class Conv:
    """One TCP connection: the client's and the server's next sequence numbers."""
    def __init__(self, frames, c, s, cp, sp):
        self.f, self.c, self.s, self.cp, self.sp = frames, c, s, cp, sp
        self.cs, self.ss = 1000, 5000
        self.f.append(pkt(c, s, cp, sp, self.cs - 1, 0, b'', 0x02))
        self.f.append(pkt(s, c, sp, cp, self.ss - 1, self.cs, b'', 0x12))
        self.f.append(pkt(c, s, cp, sp, self.cs, self.ss, b'', 0x10))
    def cli(self, data):
        self.f.append(pkt(self.c, self.s, self.cp, self.sp, self.cs, self.ss, data)); self.cs += len(data)
    def srv(self, data):
        self.f.append(pkt(self.s, self.c, self.sp, self.cp, self.ss, self.cs, data)); self.ss += len(data)

def u(s, le=True):
    return uuid.UUID(s).bytes_le if le else uuid.UUID(s).bytes

NDR = '8a885d04-1ceb-11c9-9fe8-08002b104860'
SVCCTL = '367abb81-9844-35f1-ad32-98f038001003'
ATSVC = '1ff70682-0a51-30e8-076d-740be8cee98b'
SAMR = '12345778-1234-abcd-ef00-0123456789ac'

def hdr(ptype, flags, call, body, le=True, auth_len=0):
    drep = b'\x10\x00\x00\x00' if le else b'\x00\x00\x00\x00'
    e = '<' if le else '>'
    return struct.pack(e + 'BBBB4sHHI', 5, 0, ptype, flags, drep, 16 + len(body), auth_len, call)[:4] + drep \
        + struct.pack(e + 'HHI', 16 + len(body), auth_len, call) + body

def bind(call, items, le=True, ptype=11):
    e = '<' if le else '>'
    b = struct.pack(e + 'HHIB3x', 4280, 4280, 0, len(items))
    for ctx, iface, ver in items:
        b += struct.pack(e + 'HBx', ctx, 1) + u(iface, le) + (struct.pack(e + 'HH', ver, 0) if le else struct.pack(e + 'HH', 0, ver))
        b += u(NDR, le) + struct.pack(e + 'I', 2)
    return hdr(ptype, 3, call, b, le)

def bind_ack(call, n, le=True, sec=b'135\0'):
    e = '<' if le else '>'
    b = struct.pack(e + 'HHIH', 4280, 4280, 0x1234, len(sec)) + sec
    while (16 + len(b)) % 4: b += b'\0'
    b += struct.pack(e + 'B3x', n)
    for i in range(n):
        b += struct.pack(e + 'HH', 0, 0) + u(NDR, le) + struct.pack(e + 'I', 2)
    return hdr(12, 3, call, b, le)

def request(call, ctx, opnum, stub, flags=3, le=True, obj=None):
    e = '<' if le else '>'
    b = struct.pack(e + 'IHH', len(stub), ctx, opnum) + (u(obj, le) if obj else b'') + stub
    return hdr(0, flags | (0x80 if obj else 0), call, b, le)

def response(call, ctx, stub, flags=3, le=True):
    e = '<' if le else '>'
    return hdr(2, flags, call, struct.pack(e + 'IHBx', len(stub), ctx, 0) + stub, le)

def fault(call, ctx, status):
    return hdr(3, 3, call, struct.pack('<IHBBI4x', 0, ctx, 0, 0, status))

frames = []
A = Conv(frames, [10, 0, 0, 1], [10, 0, 0, 2], 50000, 135)
A.cli(bind(1, [(0, SVCCTL, 2), (1, ATSVC, 1)]))
A.srv(bind_ack(1, 2))
A.cli(request(2, 0, 200, bytes(range(40)), flags=1))         # an operation SVCCTL has no name for (its body is not
A.cli(request(2, 0, 200, bytes(range(40, 64)), flags=2))     # read, as in tshark): 1st and Last fragment
A.srv(response(2, 0, bytes(24), flags=1) + response(2, 0, bytes(range(16)), flags=0) + response(2, 0, b'\x01\x00\x00\x00', flags=2))
A.cli(request(3, 1, 100, bytes(12)) + request(4, 1, 101, bytes(8)))  # two ATSVC calls in one segment, context 1
A.srv(fault(3, 1, 0x1c010002))
r = response(4, 1, bytes(range(200)))
A.srv(r[:30]); A.srv(r[30:])                                  # one PDU over two segments
A.cli(request(6, 0, 201, bytes(20), obj='00000000-0000-0000-c000-000000000046'))
A.cli(hdr(18, 3, 6, b''))                                     # Co_cancel
A.cli(hdr(19, 3, 6, b''))                                     # Orphaned
A.srv(hdr(17, 3, 0, b''))                                     # Shutdown
A.cli(hdr(0, 3, 7, b'')[:8] + b'\x08\x00\x00\x00\x07\x00\x00\x00')  # frag length 8: the heuristic declines (data)
B = Conv(frames, [10, 0, 1, 1], [10, 0, 1, 2], 50001, 135)
B.cli(bind(1, [(0, SAMR, 1)], le=False))
B.srv(bind_ack(1, 1, le=False, sec=b''))
B.cli(request(2, 0, 250, bytes(16), le=False))                # SAMR, big-endian
B.srv(response(2, 0, bytes(24), le=False))
B.srv(hdr(13, 3, 3, struct.pack('>HB', 4, 2) + b'\x05\x00\x05\x01', le=False))   # Bind_nak: version not supported
C = Conv(frames, [10, 0, 2, 1], [10, 0, 2, 2], 50002, 49700)
C.cli(bind(1, [(0, SVCCTL, 2)]))
C.srv(bind_ack(1, 1))
C.cli(b'GET / HTTP/1.0\r\n\r\n')                               # not DCE/RPC: HTTP's heuristic takes the conversation
C.cli(request(2, 0, 15, bytes(8)))

out = open(sys.argv[1], 'wb')
out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
for i, f in enumerate(frames):
    out.write(struct.pack('<IIII', 1700000000 + i, 0, len(f), len(f)) + f)
out.close()

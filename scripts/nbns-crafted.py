# Writes captures/synth-nbns.pcap (see scripts/make-nbns-goldens.sh): crafted NBNS datagrams on UDP
# port 137 for what the corpus captures lack: a name query, its positive response (two addresses,
# a P-node and an H-node) and a negative response with its rcode; a node status (NBSTAT) request
# and its response with a name table (group, conflict, deregistering, permanent names, a name with
# unprintable bytes) and the statistics block; a WACK; a release and a refresh; a multi-homed
# registration and an unknown opcode; a name with a scope ID; names whose first-level encoding is
# illegal (odd length, letters past 'P', too short); a compressed-name pointer that loops; an
# unknown RR type (data); RRs whose data are shorter than their parts ("incomplete entry"), a
# truncated RR, a message cut by the snap length and one shorter than its header.
#   python3 scripts/nbns-crafted.py captures/synth-nbns.pcap
import struct, sys

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return (~s) & 0xffff

def frame(src, dst, payload, sport=137, dport=137):
    udp = struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload
    pseudo = bytes(src) + bytes(dst) + struct.pack('!BBH', 0, 17, len(udp))
    c = csum(pseudo + udp) or 0xffff
    udp = udp[:6] + struct.pack('!H', c) + udp[8:]
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, bytes(src), bytes(dst))
    h = h[:10] + struct.pack('!H', csum(h)) + h[12:]
    return b'\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00' + h + udp

records = []
t = [1700000000.0]

def emit(data, caplen=None):
    t[0] += 0.001
    records.append((t[0], data, caplen))

def enc(name, suffix=0x00, pad=b' '):
    """First-level encoding of a 15-byte name and its suffix byte, as one label."""
    raw = name.ljust(15, pad)[:15] + bytes([suffix])
    return bytes([32]) + bytes(b for c in raw for b in (0x41 + (c >> 4), 0x41 + (c & 15)))

def nbname(name, suffix=0x00, scope=b''):
    out = enc(name, suffix)
    for label in scope.split(b'.') if scope else []:
        out += bytes([len(label)]) + label
    return out + b'\0'

def header(tid, flags, qd=0, an=0, ns=0, ar=0):
    return struct.pack('!HHHHHH', tid, flags, qd, an, ns, ar)

def question(name, qtype=32, qclass=1):
    return name + struct.pack('!HH', qtype, qclass)

def rr(name, rtype, rclass, ttl, data, dlen=None):
    return name + struct.pack('!HHIH', rtype, rclass, ttl, len(data) if dlen is None else dlen) + data

A, B, BC = [10, 0, 0, 1], [10, 0, 0, 2], [10, 0, 0, 255]
Q = 0x0000; R = 0x8000; AA = 0x0400; TC = 0x0200; RD = 0x0100; RA = 0x0080; BF = 0x0010
def op(n): return n << 11

# a name query (broadcast) and its positive response with two addresses; a negative response
emit(frame(A, BC, header(0x1001, op(0) | RD | BF, qd=1) + question(nbname(b'WORKGROUP', 0x1c))))
emit(frame(B, A, header(0x1001, R | op(0) | AA | RD | RA, an=1)
           + rr(nbname(b'WORKGROUP', 0x1c), 32, 1, 300000,
                struct.pack('!H', 0x2000) + bytes([10, 0, 0, 1]) + struct.pack('!H', 0xe000) + bytes([10, 0, 0, 2]))))
emit(frame(A, B, header(0x1002, op(0) | RD, qd=1) + question(nbname(b'NOSUCHHOST', 0x20))))
emit(frame(B, A, header(0x1002, R | op(0) | AA | RD | RA | 3, an=1)
           + rr(nbname(b'NOSUCHHOST', 0x20), 32, 1, 0, b'')))
# node status: the request for "*" and the response with its name table and statistics
star = b'*' + b'\0' * 14
emit(frame(A, B, header(0x1003, op(0), qd=1) + question(nbname(star, 0x00, ), 33)))
names = [(b'HOST-A', 0x00, 0x0400), (b'WORKGROUP', 0x00, 0x8400), (b'HOST-A', 0x20, 0x0400 | 0x0200),
         (b'WORKGROUP', 0x1e, 0x8000 | 0x2000 | 0x1000), (b'HOST-A', 0x03, 0x4000 | 0x0800),
         (b'\x01\x02__MSBROWSE__\x02', 0x01, 0xe400)]
table = bytes([len(names)]) + b''.join(n.ljust(15, b' ')[:15] + bytes([s]) + struct.pack('!H', f) for n, s, f in names)
stats = (bytes([0x00, 0x0c, 0x29, 0x12, 0x34, 0x56]) + bytes([0x01, 0x02]) + struct.pack('!HH', 0x0300, 0x1234)
         + struct.pack('!HHHH', 1, 2, 3, 4) + struct.pack('!II', 100000, 200000)
         + struct.pack('!HHHHHHH', 5, 6, 7, 8, 9, 10, 1500))
emit(frame(B, A, header(0x1003, R | op(0) | AA, an=1) + rr(nbname(star, 0x00), 33, 1, 0, table + stats)))
# a registration answered by a WACK; a release, a refresh, a multi-homed registration, opcode 3
reg = rr(nbname(b'HOST-A', 0x20), 32, 1, 300000, struct.pack('!H', 0x6000) + bytes([10, 0, 0, 1]))
emit(frame(A, B, header(0x1004, op(5) | RD, qd=1, ar=1) + question(nbname(b'HOST-A', 0x20)) + reg))
emit(frame(B, A, header(0x1004, R | op(7) | AA, an=1)
           + rr(nbname(b'HOST-A', 0x20), 32, 1, 60, struct.pack('!H', op(5) | RD))))
emit(frame(A, B, header(0x1005, op(6), qd=1, ar=1) + question(nbname(b'HOST-A', 0x20)) + reg))
emit(frame(B, A, header(0x1005, R | op(6) | AA | 7, an=1) + reg))
emit(frame(A, B, header(0x1006, op(8), qd=1, ar=1) + question(nbname(b'HOST-A', 0x00)) + reg))
emit(frame(A, B, header(0x1007, op(9) | RD, qd=1, ar=1) + question(nbname(b'HOST-A', 0x00)) + reg))
emit(frame(A, B, header(0x1008, op(15) | RD, qd=1, ar=1) + question(nbname(b'HOST-A', 0x00)) + reg))
emit(frame(A, B, header(0x1009, op(3) | TC, qd=1) + question(nbname(b'HOST-A', 0x00))))
# a name with a scope ID; a response with authority RRs and an unknown rcode
emit(frame(A, B, header(0x100a, op(0) | RD, qd=1) + question(nbname(b'SCOPED', 0x20, b'corp.example.com'))))
emit(frame(B, A, header(0x100a, R | op(0) | 12, an=1, ns=1)
           + rr(nbname(b'SCOPED', 0x20, b'corp.example.com'), 32, 1, 90061, struct.pack('!H', 0x4000) + bytes([10, 0, 0, 9]))
           + rr(bytes([0xc0, 12]), 32, 1, 1, struct.pack('!H', 0x8000) + bytes([10, 0, 0, 10]))))
# illegal first-level encodings: an odd length, a letter past 'P' / not a letter, too short, a plain DNS name
emit(frame(A, B, header(0x100b, op(0), qd=4)
           + question(bytes([3]) + b'ABC' + b'\0')
           + question(bytes([4]) + b'AZAB' + b'\0')
           + question(bytes([4]) + b'AAa1' + b'\0')
           + question(bytes([4]) + b'ABAC' + b'\0')))
emit(frame(A, B, header(0x100c, op(0), qd=1) + question(b'\x03www\x07example\x03com\x00', 1, 1)))
# class and type values the tables do not name; an unknown RR type (data); a NBSTAT RR in a query
emit(frame(B, A, header(0x100d, R | op(0), an=2)
           + rr(nbname(b'ODD', 0x00), 99, 255, 4294967295, b'\x01\x02\x03\x04\x05')
           + rr(nbname(b'ODD', 0x00), 32, 7, 3600, struct.pack('!H', 0x0000) + bytes([10, 0, 0, 3]))))
# a compressed-name pointer that points at itself, and a pointer chain into the header
emit(frame(A, B, header(0x100e, op(0), qd=1) + bytes([0xc0, 12]) + struct.pack('!HH', 32, 1)))
emit(frame(A, B, header(0x100f, op(0), qd=2) + question(nbname(b'LOOP', 0x00)) + bytes([0xc0, 50]) + bytes([0xc0, 48]) + struct.pack('!HH', 32, 1)))
# RR data shorter than their parts: "incomplete entry" for NB (1 byte, 4 bytes), WACK (1), NBSTAT (0, a name cut, the statistics cut)
emit(frame(B, A, header(0x1010, R | op(0), an=2)
           + rr(nbname(b'SHORT', 0x00), 32, 1, 10, b'\x60')
           + rr(nbname(b'SHORT', 0x00), 32, 1, 10, b'\x60\x00\x0a\x00')))
emit(frame(B, A, header(0x1011, R | op(7), an=1) + rr(nbname(b'SHORT', 0x00), 32, 1, 10, b'\x29')))
emit(frame(B, A, header(0x1012, R | op(0), an=1) + rr(nbname(star, 0x00), 33, 1, 0, b'')))
emit(frame(B, A, header(0x1013, R | op(0), an=1) + rr(nbname(star, 0x00), 33, 1, 0, table[:20])))
emit(frame(B, A, header(0x1014, R | op(0), an=1) + rr(nbname(star, 0x00), 33, 1, 0, table + stats[:15])))
# a truncated RR (the message ends inside it: malformed) and a count past the RRs there are
emit(frame(B, A, header(0x1015, R | op(0), an=1) + nbname(b'CUT', 0x00) + struct.pack('!HH', 32, 1) + b'\x00\x00'))
emit(frame(B, A, header(0x1016, R | op(0) | AA, an=3) + rr(nbname(b'MORE', 0x00), 32, 1, 10, b'\x00\x00\x0a\x00\x00\x05')))
# an RR whose data length runs past the message
emit(frame(B, A, header(0x1017, R | op(0), an=1) + rr(nbname(b'LONG', 0x00), 32, 1, 10, b'\x00\x00\x0a\x00\x00\x06', dlen=12)))
# a query cut by the snap length; a datagram shorter than the header
q = frame(A, BC, header(0x1018, op(0) | RD | BF, qd=1) + question(nbname(b'SNAPPED', 0x00)))
emit(q, caplen=len(q) - 20)
emit(frame(A, B, b'\x10\x19\x01'))

with open(sys.argv[1], 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for ts, data, caplen in records:
        cap = len(data) if caplen is None else caplen
        f.write(struct.pack('<IIII', int(ts), int(round((ts - int(ts)) * 1e6)), cap, len(data)))
        f.write(data[:cap])

# Writes captures/synth-afs.pcap (see scripts/make-afs-goldens.sh): crafted RX datagrams on the
# AFS ports for what tcpdump's afs.pcap lacks: an ABORT, an ACK with NACK/ACK entries and an
# unknown reason, a version-1 CHALLENGE and RESPONSE, BUSY and an unknown packet type (declined:
# UDP data), a datagram shorter than RX's header, a header cut by the snap length; AFS calls the
# capture lacks (FS rename, create-file, fetch-data-64; KAUTH get-ticket; BOS get-dates; UBIK
# vote-beacon and disk-lock), an unknown service port, a reply with no request seen, an
# "encrypted" opcode, a request whose opcode is missing, a call's second packet, a counted string
# past the datagram and a FID array whose count runs past it.
# (the ports: BUTC 7025 and above, 7010 without a service, ERROR 7006; VERSION requests and replies)
# FS get-volume-status, get-root-volume, get-time, bulk-status, get-xstats, dfs-flushcps,
# check-token and inline-bulk-status calls; CB get-capabilities, VLDB get-entry-by-name-u, UBIK
# vote-debug and vote-sdebug replies; FS fetch-acl and store-acl with their ACL texts; UBIK
# disk-interfaceaddr.
#   python3 scripts/afs-crafted.py captures/synth-afs.pcap
import struct, sys

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return (~s) & 0xffff

C, S = [10, 1, 0, 1], [10, 1, 0, 2]

def frame(src, dst, payload, sport, dport):
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

def rx(call, seq, ptype, flags, service=1, epoch=0x38000000, cid=0x10000000, serial=1, status=0, sec=2):
    return struct.pack('!IIIIIBBBBHH', epoch, cid, call, seq, serial, ptype, flags, status, sec, 0, service)

def s(text):
    """An RX string: a 32-bit length, the bytes, padded as OUT_RXString skips."""
    b = text.encode()
    return struct.pack('!I', len(b)) + b + b'\0' * (4 - ((4 + len(b)) & 3))

def fid(vol, vnode, uniq):
    return struct.pack('!III', vol, vnode, uniq)

store = struct.pack('!IIIIII', 0x0f, 1700000000, 100, 200, 0o644, 0)
status = struct.pack('!' + 'I' * 21, *range(1, 22))
REQ, LAST = 1, 4
CP, SP = 1799, 7000

def call(n, sport, dport, req, rep, service=1):
    emit(frame(C, S, rx(n, 1, 1, REQ | LAST, service) + req, sport, dport))
    if rep is not None:
        emit(frame(S, C, rx(n, 1, 1, LAST, service) + rep, dport, sport))

# FS rename (138), create-file (137), fetch-data-64 (65537)
call(1, CP, 7000, struct.pack('!I', 138) + fid(5, 1, 1) + s('old') + fid(5, 1, 1) + s('newname'),
     status + status + struct.pack('!IIIIII', 1700000000, 0, 0, 0, 0, 0))
call(2, CP, 7000, struct.pack('!I', 137) + fid(5, 1, 1) + s('file.txt') + store,
     fid(5, 9, 9) + status + status + struct.pack('!III', 1, 3600, 2) + struct.pack('!IIIIII', 1700000000, 0, 0, 0, 0, 0))
call(3, CP, 7000, struct.pack('!I', 65537) + fid(5, 9, 9) + struct.pack('!QQ', 0, 1 << 33), None)
# FS get-volume-status (149), get-root-volume (151), get-time (153), bulk-status (155), get-xstats
# (160), dfs-flushcps (162), check-token (152), inline-bulk-status (65536)
vs = struct.pack('!IIIIII', 1700000000, 0, 0, 0, 0, 0)
call(22, CP, 7000, struct.pack('!II', 149, 536870915), s('root.cell') + s('offline') + s('hello'))
call(23, CP, 7000, struct.pack('!I', 151), s('root.afs'))
call(24, CP, 7000, struct.pack('!I', 153), struct.pack('!II', 1700000000, 250000))
call(25, CP, 7000, struct.pack('!II', 155, 2) + fid(5, 1, 1) + fid(5, 2, 2),
     struct.pack('!I', 2) + status + status + struct.pack('!I', 0) + struct.pack('!I', 2) + struct.pack('!III', 1, 60, 2) * 2 + vs)
call(26, CP, 7000, struct.pack('!III', 160, 1, 2), None)  # its reply's timestamp: see docs/afs.md
call(27, CP, 7000, struct.pack('!IB', 162, 2) + struct.pack('!II', 7, 8) + b'\x01' + bytes([10, 0, 0, 1]) + struct.pack('!I', 9),
     struct.pack('!II', 3, 4))
call(28, CP, 7000, struct.pack('!II', 152, 42) + b''.join(struct.pack('!I', c) for c in b'token') + b'\0' * (4 * 1019), b'')
call(29, CP, 7000, struct.pack('!II', 65536, 1) + fid(5, 3, 3),
     struct.pack('!I', 1) + status + struct.pack('!I', 1) + struct.pack('!III', 1, 60, 2) + vs)
# CB get-capabilities (65538) with two interfaces; VLDB get-entry-by-name-u (527); UBIK vote-debug
# (10004) and vote-sdebug (10005) with their interface addresses
uuid = bytes(range(44))
ifs = struct.pack('!I', 2) + uuid + (struct.pack('!II', 0x0a010001, 0x0a010002) + b'\0' * 120) \
    + (struct.pack('!II', 0xffffff00, 0xffff0000) + b'\0' * 120) + (struct.pack('!II', 1500, 9000) + b'\0' * 120)
call(30, 7000, 7001, struct.pack('!I', 65538), ifs + struct.pack('!II', 1, 1), service=1)
entry = b''.join(struct.pack('!I', c) for c in b'root.cell'.ljust(65, b'\0')) + struct.pack('!I', 2) \
    + uuid * 2 + b'\0' * (44 * 11) + struct.pack('!II', 7, 8) + b'\0' * 44 + struct.pack('!II', 0, 1) + b'\0' * 44 \
    + struct.pack('!II', 1, 2) + b'\0' * 44 + struct.pack('!' + 'I' * 14, *range(100, 114))
call(31, CP, 7003, struct.pack('!I', 527) + s('root.cell'), entry)
ver = struct.pack('!II', 1700000000, 5)
dbg = struct.pack('!IIIIIIIII', 1700000000, 1700000001, 0x0a010001, 1, 1700000002, 0x0a010002, 1700000003, 0x0a010001, 1700000004) \
    + ver + ver + struct.pack('!IIIII', 1, 1700000005, 3, 0, 0) + ver + struct.pack('!' + 'I' * 7, 0, 9, 0, 0, 0x81, 0, 0) \
    + struct.pack('!I', 1700000006)
addrs = struct.pack('!II', 0x0a010001, 0x0a010002) + b'\0' * (4 * 250) + struct.pack('!III', 0x0a010003, 0, 0)
call(32, CP, 7003, struct.pack('!II', 10004, 0x0a010001), dbg + addrs)
sdbg = struct.pack('!IIII', 0x0a010002, 1700000007, 1700000008, 1) + struct.pack('!II', 0, 0) + struct.pack('!III', 1, 1, 1)
call(33, CP, 7003, struct.pack('!II', 10005, 0x0a010002), sdbg + addrs)
# FS fetch-acl (131) and store-acl (134): an ACL with newlines (the scan stops after the first
# count: format_text escapes them), one with spaces, one whose entries run past the datagram
for n, a in ((34, b'2\n1\nsystem:administrators 127\nnneul 63\nbadguy 8\n'), (35, b'2 1 system:administrators 127 nneul 63 badguy 8 ')):
    call(n, CP, 7000, struct.pack('!I', 131) + fid(5, 1, 1), struct.pack('!I', len(a)) + a + status + vs)
call(36, CP, 7000, struct.pack('!I', 134) + fid(5, 1, 1) + struct.pack('!I', 48) + b'2 1 system:administrators 127 nneul 63 badguy 8 ', b'')
# UBIK disk-interfaceaddr (20012) request
call(37, CP, 7003, struct.pack('!I', 20012) + struct.pack('!II', 0x0a010001, 0) + b'\0' * (4 * 253), b'')
# KAUTH get-ticket (23), BOS get-dates (107), UBIK vote-beacon (10000) and disk-lock (20002) on VLDB
call(4, CP, 7004, struct.pack('!I', 23) + struct.pack('!I', 3) + s('realm') + struct.pack('!I', 4) + b'\xde\xad\xbe\xef'
     + s('afs') + s('CELL'), b'', service=731)
call(5, CP, 7007, struct.pack('!I', 107) + s('/usr/afs/bin/fileserver'), struct.pack('!III', 1700000000, 0, 1600000000))
call(6, CP, 7003, struct.pack('!IIIIIII', 10000, 1, 1700000000, 1700000000, 7, 0, 3), b'')
call(7, CP, 7003, struct.pack('!IIIIIIII', 20002, 1700000000, 9, 0, 64, 128, 2, 0), b'')
# the tape coordinator's port (7025) and one above it (BUTC too), a port below it that no service
# has, the ERROR port, a reply whose request was not seen, an "encrypted" opcode
call(8, 7001, 7444, struct.pack('!I', 5), None)
call(19, 7001, 7025, struct.pack('!I', 100) + b'\0' * 8, b'')
call(20, 7001, 7010, struct.pack('!I', 5), b'')
call(21, CP, 7006, struct.pack('!I', 5), b'')
emit(frame(S, C, rx(9, 1, 1, LAST) + b'\x00\x00\x00\x01', 7002, CP))
call(10, CP, 7000, struct.pack('!I', 0x90000000) + b'\x01\x02\x03\x04', b'\x05\x06')
# a request whose opcode is cut short (malformed), a call's second packet, an RX string past the end
emit(frame(C, S, rx(11, 1, 1, REQ | LAST) + b'\x00\x84', CP, 7000))
emit(frame(C, S, rx(12, 1, 1, REQ) + struct.pack('!I', 132) + fid(5, 1, 1), CP, 7000))
emit(frame(C, S, rx(12, 2, 1, REQ | LAST) + fid(5, 1, 1), CP, 7000))
call(13, CP, 7000, struct.pack('!I', 136) + fid(5, 1, 1) + struct.pack('!I', 400) + b'abc', None)
# give-up-callbacks whose FID count runs past the datagram
call(14, CP, 7000, struct.pack('!II', 147, 1000000) + fid(1, 2, 3), None)
# RX's other packets: ABORT, an ACK with NACK/ACK entries and an unknown reason, version-1 challenge/response, BUSY
emit(frame(S, C, rx(15, 0, 4, 0) + struct.pack('!i', -1), 7000, CP))
emit(frame(C, S, rx(15, 0, 2, REQ) + struct.pack('!HHIIIBB', 2, 0, 1, 0, 3, 42, 3) + b'\x00\x01\x00', CP, 7000))
emit(frame(S, C, rx(0, 0, 6, 0) + struct.pack('!I', 1), 7003, CP))
emit(frame(C, S, rx(0, 0, 7, REQ) + struct.pack('!I', 1), CP, 7003))
emit(frame(S, C, rx(16, 0, 3, 0), 7000, CP))
# VERSION packets, asked and answered
emit(frame(C, S, rx(0, 0, 13, REQ) + b'\0' * 4, CP, 7000))
emit(frame(S, C, rx(0, 0, 13, 0) + b'openafs 1.8\0', 7000, CP))
# an unknown packet type and a datagram shorter than RX's header: UDP's data
emit(frame(S, C, rx(17, 0, 11, 0), 7000, CP))
emit(frame(S, C, b'\x00' * 20, 7000, CP))
# an ACK cut by the snap length
a = frame(C, S, rx(18, 0, 2, REQ) + struct.pack('!HHIIIBB', 2, 0, 1, 0, 3, 1, 0) + b'\0\0\0' + struct.pack('!IIII', 1444, 1444, 32, 4), CP, 7000)
emit(a, caplen=len(a) - 12)

with open(sys.argv[1], 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for ts, data, caplen in records:
        cap = len(data) if caplen is None else caplen
        f.write(struct.pack('<IIII', int(ts), int(round((ts - int(ts)) * 1e6)), cap, len(data)))
        f.write(data[:cap])

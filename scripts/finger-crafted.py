# Writes captures/synth-finger.pcap (see scripts/make-finger-goldens.sh): crafted Finger
# conversations on TCP port 79 for what Zeek's captures lack: a query cut short by the snap length
# (no more bytes may be asked for: dissected at once, with its "Missing <CR><LF>" expert item), a
# query over three segments, a response over three segments ended by a FIN of its own, a second
# query and response in one conversation, and a response whose FIN comes in an empty segment.
#   python3 scripts/finger-crafted.py captures/synth-finger.pcap
import struct, sys

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return (~s) & 0xffff

def frame(src, dst, sport, dport, seq, ack, flags, payload=b''):
    tcp = struct.pack('!HHIIBBHHH', sport, dport, seq & 0xffffffff, ack & 0xffffffff, 5 << 4, flags, 64240, 0, 0) + payload
    pseudo = bytes(src) + bytes(dst) + struct.pack('!BBH', 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack('!H', csum(pseudo + tcp)) + tcp[18:]
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp), 1, 0x4000, 64, 6, 0, bytes(src), bytes(dst))
    h = h[:10] + struct.pack('!H', csum(h)) + h[12:]
    return b'\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00' + h + tcp

FIN, SYN, RST, PSH, ACK = 1, 2, 4, 8, 16
records = []
t = [1700000000.0]

def emit(data, caplen=None):
    t[0] += 0.001
    records.append((t[0], data, caplen))

class Conn:
    def __init__(self, c, s, cport):
        self.c, self.s, self.cport = c, s, cport
        self.cseq, self.sseq = 1000, 5000
    def client(self, flags, payload=b'', caplen=None):
        emit(frame(self.c, self.s, self.cport, 79, self.cseq, self.sseq, flags, payload), caplen)
        self.cseq += len(payload) + (1 if flags & (SYN | FIN) else 0)
    def server(self, flags, payload=b''):
        emit(frame(self.s, self.c, 79, self.cport, self.sseq, self.cseq, flags, payload))
        self.sseq += len(payload) + (1 if flags & (SYN | FIN) else 0)
    def open(self):
        self.client(SYN)
        self.server(SYN | ACK)
        self.client(ACK)

A, B = [10, 0, 0, 1], [10, 0, 0, 2]

# a query cut short by the snap length: dissected as it is, without its CRLF
c = Conn(A, B, 40001); c.open()
q = b'somebody-with-a-long-name\r\n'
c.client(PSH | ACK, q, caplen=14 + 20 + 20 + 10)
c.server(PSH | ACK | FIN, b'No such user.\r\n')
c.client(ACK | FIN)
c.server(ACK)

# a query over three segments; a response over three, the last with FIN
c = Conn(A, B, 40002); c.open()
c.client(PSH | ACK, b'/W ')
c.client(PSH | ACK, b'ali')
c.client(PSH | ACK, b'ce\r\n')
c.server(ACK)
c.server(PSH | ACK, b'Login: alice\t\t\tName: Alice\r\n')
c.server(PSH | ACK, b'Directory: /home/alice\t\tShell: /bin/sh\r\n')
c.server(PSH | ACK | FIN, b'No mail.\r\nNo Plan.\r\n')
c.client(ACK | FIN)
c.server(ACK)

# two queries in one conversation (the second replaces the first's frame); the FIN comes alone
c = Conn(A, B, 40003); c.open()
c.client(PSH | ACK, b'bob\r\n')
c.server(PSH | ACK, b'Login: bob\r\n')
c.client(PSH | ACK, b'carol\r\n')
c.server(PSH | ACK, b'Login: carol\r\n')
c.server(ACK | FIN)
c.client(ACK | FIN)
c.server(ACK)

with open(sys.argv[1], 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for ts, data, caplen in records:
        cap = len(data) if caplen is None else caplen
        f.write(struct.pack('<IIII', int(ts), int(round((ts - int(ts)) * 1e6)), cap, len(data)))
        f.write(data[:cap])

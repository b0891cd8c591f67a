# Writes captures/synth-sip.pcap (see scripts/make-sip-goldens.sh): crafted SIP for what the corpus
# lacks. Over UDP 5060: compact header names, an unknown header, an unknown method, a REGISTER
# removing all bindings (Contact: *, Expires: 0) and its 200 keeping two, a text/plain body, a
# status line without a reason, a resent request and final response, an ACK after its INVITE, a
# message without any CRLF, a Content-Length past the data and a negative one, a BYE answered
# (release time). Over TCP 5060: two messages in one segment, one message over three segments
# (headers cut, body cut), junk before a request (a continuation), a keep-alive byte, and a header
# line of 100 KB over many segments. Over TCP 5062 (the "tcp" heuristic): a REGISTER over two
# segments, its 200, a segment that is not SIP, an OPTIONS.
#   python3 scripts/sip-crafted.py captures/synth-sip.pcap
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

def tcp(src, dst, sport, dport, seq, ack, payload, flags=0x18):
    t = struct.pack('!HHIIBBHHH', sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload
    ph = bytes(src) + bytes(dst) + struct.pack('!BBH', 0, 6, len(t))
    c = csum(ph + t); t = t[:16] + struct.pack('!H', c) + t[18:]
    return ip(src, dst, 6, t)

class Conv:
    """One TCP connection: the client's and the server's next sequence numbers."""
    def __init__(self, frames, c, s, cp, sp):
        self.f, self.c, self.s, self.cp, self.sp = frames, c, s, cp, sp
        self.cs, self.ss = 1000, 5000
        self.f.append(tcp(c, s, cp, sp, self.cs - 1, 0, b'', 0x02))
        self.f.append(tcp(s, c, sp, cp, self.ss - 1, self.cs, b'', 0x12))
        self.f.append(tcp(c, s, cp, sp, self.cs, self.ss, b'', 0x10))
    def cli(self, data):
        self.f.append(tcp(self.c, self.s, self.cp, self.sp, self.cs, self.ss, data)); self.cs += len(data)
    def srv(self, data):
        self.f.append(tcp(self.s, self.c, self.sp, self.cp, self.ss, self.cs, data)); self.ss += len(data)

A, B = [10, 1, 1, 1], [10, 1, 1, 2]

def msg(first, headers, body=b'', length=None):
    h = first + '\r\n' + ''.join(x + '\r\n' for x in headers)
    if length is None:
        length = len(body)
    if length != 'none':
        h += 'Content-Length: %s\r\n' % length
    return h.encode() + b'\r\n' + body

def common(method, cseq, call='c1@a', to_tag=''):
    return ['Via: SIP/2.0/UDP 10.1.1.1:5060;branch=z9hG4bK-%s-%d;received=10.1.1.1;maddr=10.1.1.9;ttl=1;x=y' % (method, cseq),
            'From: "Alice A" <sip:alice@a.example;user=phone>;tag=111',
            'To: sip:bob@b.example' + (';tag=' + to_tag if to_tag else ''),
            'Call-ID: ' + call, 'CSeq: %d %s' % (cseq, method)]

frames = []
U = lambda p: frames.append(udp(A, B, 5060, 5060, p))
D = lambda p: frames.append(udp(B, A, 5060, 5060, p))
# compact names, an unknown header, authentication and a Route
U(msg('OPTIONS sip:bob@b.example:5070;transport=udp SIP/2.0',
      ['v: SIP/2.0/UDP [2001:db8::1]:5060;rport;branch=z9hG4bKc', 'f: <sip:alice@a.example>;tag=9', 't: <tel:+15551234>',
       'i: compact@a', 'CSeq: 7 OPTIONS', 'm: <sip:alice@10.1.1.1>;q=0.5, <sip:alice@10.1.1.3>', 'X-Custom: hello',
       'Route: <sip:proxy.example;lr>, <sip:[2001:db8::2]:5080;lr>', 'Record-Route: "P" <sip:rr@10.1.1.7;lr>',
       'Proxy-Authorization: Digest username="alice", realm="a.example", nonce="abc", uri="sip:bob@b.example", '
       'response="0123", qop=auth, cnonce="x", nc=00000001, algorithm=MD5, foo=bar',
       'Reason: SIP;cause=480;text="Gone away"', 'Security-Verify: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=3;port-s=4;q=0.1',
       'P-Access-Network-Info: IEEE-802.11;i-wlan-node-id=ffffff', 'Max-Forwards: 70', 'Expires: 12x']))
D(msg('SIP/2.0 200 OK', common('OPTIONS', 7, 'compact@a', 't1')[1:] + ['Via: SIP/2.0/UDP 10.1.1.1:5060;branch=z9hG4bKc']))
# an unknown method and a status line without a reason
U(msg('FOO sip:bob@b.example SIP/2.0', common('FOO', 1, 'foo@a')))
D(msg('SIP/2.0 180 ', common('FOO', 1, 'foo@a', 't2')))
# REGISTER: remove all bindings, then a 200 with two contacts, one of them expiring
U(msg('REGISTER sip:b.example SIP/2.0', common('REGISTER', 20, 'reg@a') + ['Contact: *', 'Expires: 0']))
D(msg('SIP/2.0 200 OK', common('REGISTER', 20, 'reg@a', 't3') + ['Contact: <sip:a@10.1.1.1>;expires=0, <sip:a@10.1.1.2>;expires=60']))
U(msg('REGISTER sip:b.example SIP/2.0', common('REGISTER', 21, 'reg@a') + ['Contact: <sip:a@10.1.1.1>;expires=0, <sip:a@10.1.1.2>',
                                                                       'Expires: 3600']))
# INVITE resent, its final response resent, the ACK, a BYE and its answer
inv = msg('INVITE sip:bob@b.example SIP/2.0', common('INVITE', 1, 'call@a') + ['Content-Type: text/plain; charset=utf-8'],
          b'hello\r\nworld\r\n')
U(inv); U(inv)
D(msg('SIP/2.0 100 Trying', common('INVITE', 1, 'call@a')))
ok = msg('SIP/2.0 200 OK', common('INVITE', 1, 'call@a', 't4') + ['Content-Type: application/sdp'],
         b'v=0\r\no=- 1 1 IN IP4 10.1.1.2\r\ns=-\r\ni=info\r\nc=IN IP4 10.1.1.2\r\nb=CT:100\r\nt=0 0\r\n'
         b'm=audio 9000/2 RTP/AVP 0 18 99\r\ni=title\r\na=rtpmap:99 opus/48000/2\r\na=fmtp:99 minptime=10;useinbandfec=1\r\n'
         b'a=ptime:20\r\nk=clear:x\r\nbogus\r\nm=video 0 RTP/AVP 31\r\n')
D(ok); D(ok)
U(msg('ACK sip:bob@b.example SIP/2.0', common('ACK', 1, 'call@a', 't4')))
U(msg('BYE sip:bob@b.example SIP/2.0', common('BYE', 2, 'call@a', 't4')))
D(msg('SIP/2.0 200 OK', common('BYE', 2, 'call@a', 't4')))
# malformed: no CRLF at all, a header without a line end, Content-Length past the data, negative
U(b'OPTIONS sip:x@y SIP/2.0')
U(b'OPTIONS sip:x@y SIP/2.0\r\nCall-ID: nocrlf@a\r\nCSeq: 1 OPTIONS')
U(msg('MESSAGE sip:bob@b.example SIP/2.0', common('MESSAGE', 3, 'm@a') + ['Content-Type: text/plain'], b'short', 500))
U(msg('MESSAGE sip:bob@b.example SIP/2.0', common('MESSAGE', 4, 'm@a') + ['Content-Type: text/plain'], b'neg', -5))
U(b'\x00\x01not sip')
# over TCP: two messages in a segment, one over three segments, junk before a request, a keep-alive
C = Conv(frames, A, B, 40000, 5060)
two = msg('OPTIONS sip:bob@b.example SIP/2.0', common('OPTIONS', 1, 't1@a')) + msg('OPTIONS sip:bob@b.example SIP/2.0', common('OPTIONS', 2, 't1@a'))
C.cli(two)
C.srv(msg('SIP/2.0 200 OK', common('OPTIONS', 1, 't1@a', 's')))
big = msg('MESSAGE sip:bob@b.example SIP/2.0', common('MESSAGE', 3, 't1@a') + ['Content-Type: text/plain'], b'0123456789' * 30)
C.cli(big[:60]); C.cli(big[60:len(big) - 200]); C.cli(big[len(big) - 200:])
C.cli(b'\r'); C.cli(b'\r\n\r\n')
C.cli(b'junk line\r\n' + msg('OPTIONS sip:bob@b.example SIP/2.0', common('OPTIONS', 4, 't1@a')))
# a header line of 100 KB, over 70 segments
C2 = Conv(frames, A, B, 40001, 5060)
huge = msg('OPTIONS sip:bob@b.example SIP/2.0', common('OPTIONS', 1, 'huge@a') + ['X-Long: ' + 'a' * 100000])
for i in range(0, len(huge), 1448):
    C2.cli(huge[i:i + 1448])
# by the "tcp" heuristic on port 5062: a REGISTER over two segments, then a segment that is not SIP
C3 = Conv(frames, A, B, 40002, 5062)
reg = msg('REGISTER sip:b.example SIP/2.0', common('REGISTER', 30, 'h@a') + ['Contact: <sip:a@10.1.1.1>'])
C3.cli(reg[:100]); C3.cli(reg[100:])
C3.srv(msg('SIP/2.0 200 OK', common('REGISTER', 30, 'h@a', 'x') + ['Contact: <sip:a@10.1.1.1>;expires=3600']))
C3.cli(b'\x00\x01\x02 binary, not SIP')
C3.cli(msg('OPTIONS sip:b.example SIP/2.0', common('OPTIONS', 31, 'h@a')))

out = open(sys.argv[1], 'wb')
out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
for i, f in enumerate(frames):
    out.write(struct.pack('<IIII', 1700000000 + i, 1000 * i, len(f), len(f)) + f)
out.close()

# Writes captures/synth-snmp.pcap (see scripts/make-snmp-goldens.sh): crafted SNMP over UDP for
# what the corpus lacks: every PDU type (set-request, informRequest, snmpV2-trap, report, v1 trap
# with an enterprise-specific trap), every VarBind value type (Integer32 of 1 to 5 bytes,
# OctetString printable, not printable and empty, OID, Null, IpAddress of 4, 16 and 3 bytes,
# Counter32, Gauge32, Timeticks, Opaque, NsapAddress, Counter64 of 8 and 9 bytes, Unsigned32, an
# unknown APPLICATION tag, noSuchObject, noSuchInstance, endOfMibView, an unknown CONTEXT tag),
# wrong lengths (a Null with a value, an empty OID, an empty Counter32, a 10-byte Counter64, a
# 9-byte Integer32), names that are not OIDs or not primitive, a constructed value, a VarBind
# that is not a SEQUENCE, OIDs under joint-iso-itu-t (2.1 asn1, 2.5, 2.100), v3 engine IDs of
# every format (IPv4, IPv6, MAC, Cisco MAC with its type, text, octets, enterprise-specific,
# RFC 1910 with its trailer), a non-USM security model, an encryptedPDU, v2u encrypted data, an
# unknown version, bytes after the message, a datagram to port 161 that is not SNMP (declined),
# an SNMP message over IPv6, a trap to port 162, a response with noSuchName and error-index, a
# request/response pair answered from another port, messages cut by the snap length, and a get
# and its response on port 8161 (BMC Patrol's, also SNMP's in 4.0.17).
#   python3 scripts/snmp-crafted.py captures/synth-snmp.pcap
import struct, sys

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return (~s) & 0xffff

def eth(t, payload):
    return b'\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa' + struct.pack('!H', t) + payload

def udp4(src, dst, sport, dport, payload):
    u = struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(u), 1, 0, 64, 17, 0, bytes(src), bytes(dst))
    h = h[:10] + struct.pack('!H', csum(h)) + h[12:]
    return eth(0x0800, h + u)

def udp6(src, dst, sport, dport, payload):
    u = struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload
    h = struct.pack('!IHBB16s16s', 0x60000000, len(u), 17, 64, bytes(src), bytes(dst))
    return eth(0x86dd, h + u)

def ln(n):
    if n < 128: return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, 'big'); return bytes([0x80 | len(b)]) + b

def tlv(t, v): return bytes([t]) + ln(len(v)) + v
def integer(v, n=None):
    if n is None:
        n = 1
        while not (-(1 << (8 * n - 1)) <= v < (1 << (8 * n - 1))): n += 1
    return tlv(0x02, (v & ((1 << (8 * n)) - 1)).to_bytes(n, 'big'))
def octets(b): return tlv(0x04, b)
def sub(n):
    out = [n & 0x7f]; n >>= 7
    while n: out.append(0x80 | (n & 0x7f)); n >>= 7
    return bytes(reversed(out))
def oidb(s):
    a = [int(x) for x in s.split('.')]
    return sub(a[0] * 40 + a[1]) + b''.join(sub(x) for x in a[2:])
def oid(s): return tlv(0x06, oidb(s))
def seq(*xs): return tlv(0x30, b''.join(xs))
def vb(name, value): return seq(oid(name), value)
NULL = b'\x05\x00'

def pdu(tag, rid, vbs, status=0, index=0):
    return tlv(0xa0 | tag, integer(rid) + integer(status) + integer(index) + seq(*vbs))
def msg(version, community, p): return seq(integer(version), octets(community), p)

A = [10, 1, 1, 1]; M = [10, 1, 1, 2]
frames = []
def add(f, cut=None): frames.append((f, cut))
def to_agent(m, sport=40001, cut=None): add(udp4(M, A, sport, 161, m), cut)
def to_manager(m, dport=40001, sport=161, cut=None): add(udp4(A, M, sport, dport, m), cut)

# every value type in one response
values = [
    vb('1.3.6.1.2.1.1.1.0', octets(b'Linux box 5.10')),
    vb('1.3.6.1.2.1.1.2.0', oid('1.3.6.1.4.1.8072.3.2.10')),
    vb('1.3.6.1.2.1.1.3.0', tlv(0x43, (123456).to_bytes(3, 'big'))),
    vb('1.3.6.1.2.1.1.4.0', octets(b'')),
    vb('1.3.6.1.2.1.1.5.0', octets(b'\x01\x02host\xff')),
    vb('1.3.6.1.2.1.1.7.0', integer(72)),
    vb('1.3.6.1.2.1.2.1.0', integer(-2, 1)),
    vb('1.3.6.1.2.1.2.2.1.5.1', tlv(0x42, b'\x00\xff\xff\xff\xff')),
    vb('1.3.6.1.2.1.2.2.1.10.1', tlv(0x41, b'\x12\x34\x56\x78')),
    vb('1.3.6.1.2.1.4.20.1.1.10.1.1.1', tlv(0x40, bytes([10, 1, 1, 1]))),
    vb('1.3.6.1.2.1.4.34.1.3.2.16', tlv(0x40, bytes.fromhex('fe800000000000000000000000000001'))),
    vb('1.3.6.1.2.1.4.99.1', tlv(0x40, b'\x01\x02\x03')),
    vb('1.3.6.1.2.1.25.1.1.0', tlv(0x44, b'\x9f\x78\x04\x42\xf6\x00\x00')),
    vb('1.3.6.1.2.1.25.1.2.0', tlv(0x45, b'\x47\x00\x05\x80')),
    vb('1.3.6.1.2.1.31.1.1.1.6.1', tlv(0x46, b'\x01\x02\x03\x04\x05\x06\x07\x08')),
    vb('1.3.6.1.2.1.31.1.1.1.10.1', tlv(0x46, b'\x00\xff\xff\xff\xff\xff\xff\xff\xff')),
    vb('1.3.6.1.2.1.31.1.1.1.15.1', tlv(0x47, b'\x00\x98\x96\x80')),
    vb('1.3.6.1.2.1.99.1.0', tlv(0x48, b'\xab\xcd')),
    vb('1.3.6.1.2.1.99.2.0', b'\x80\x00'),
    vb('1.3.6.1.2.1.99.3.0', b'\x81\x00'),
    vb('1.3.6.1.2.1.99.4.0', b'\x82\x00'),
    vb('2.1.3', NULL), vb('2.5.4.3', NULL), vb('2.100.3', NULL), vb('0.0.17', NULL), vb('1.2.840.113549.1.1.1', NULL),
]
to_agent(msg(1, b'public', pdu(1, 100, [vb('1.3.6.1.2.1', NULL)])))
to_manager(msg(1, b'public', pdu(2, 100, values)))
# wrong lengths and decoding errors
bad = [
    vb('1.3.6.1.2.1.99.5.0', b'\x05\x01\x00'),
    vb('1.3.6.1.2.1.99.6.0', b'\x06\x00'),
    vb('1.3.6.1.2.1.99.7.0', b'\x41\x00'),
    vb('1.3.6.1.2.1.99.8.0', tlv(0x46, b'\x01' * 10)),
    vb('1.3.6.1.2.1.99.9.0', tlv(0x02, b'\x01' * 9)),
    vb('1.3.6.1.2.1.99.10.0', tlv(0x02, b'')),
    vb('1.3.6.1.2.1.99.11.0', b'\x83\x00'),
    vb('1.3.6.1.2.1.99.12.0', b'\x80\x01\x00'),
    seq(octets(oidb('1.3.6.1')), NULL),
    seq(tlv(0x26, oid('1.3.6.1')), NULL),
    seq(oid('1.3.6.1.2.1.99.13.0'), seq(integer(5))),
    octets(b'not a varbind'),
    vb('1.3.6.1.2.1.99.14.0', tlv(0x47, b'\x00\x01\x02\x03\x04\x05\x06\x07\x08')),
]
to_manager(msg(1, b'public', pdu(2, 101, bad)), dport=40002)
# every PDU type
to_agent(msg(1, b'private', pdu(3, 200, [vb('1.3.6.1.2.1.1.5.0', octets(b'newname'))])), sport=40003)
to_manager(msg(1, b'private', pdu(2, 200, [vb('1.3.6.1.2.1.1.5.0', octets(b'newname'))], status=17, index=1)), dport=40003)
to_agent(msg(1, b'public', tlv(0xa5, integer(300) + integer(1) + integer(25) + seq(vb('1.3.6.1.2.1.2.2.1', NULL)))), sport=40004)
add(udp4(A, M, 40005, 162, msg(1, b'public', pdu(6, 400, [vb('1.3.6.1.2.1.1.3.0', tlv(0x43, b'\x01')),
                                                         vb('1.3.6.1.6.3.1.1.4.1.0', oid('1.3.6.1.6.3.1.1.5.3'))]))))
add(udp4(M, A, 162, 40005, msg(1, b'public', pdu(2, 400, [vb('1.3.6.1.2.1.1.3.0', tlv(0x43, b'\x01'))]))))
add(udp4(A, M, 40006, 162, msg(1, b'public', pdu(7, 500, [vb('1.3.6.1.2.1.1.3.0', tlv(0x43, b'\x02')),
                                                         vb('1.3.6.1.6.3.1.1.4.1.0', oid('1.3.6.1.6.3.1.1.5.4'))]))))
add(udp4(A, M, 40007, 162, msg(0, b'public', tlv(0xa4, oid('1.3.6.1.4.1.9.9.41') + tlv(0x40, bytes([10, 1, 1, 1]))
        + integer(6) + integer(17) + tlv(0x43, b'\x00\x01\x00\x00') + seq(vb('1.3.6.1.4.1.9.9.41.1.2.3.1.2.55', integer(4)))))))
add(udp4(A, M, 40008, 162, msg(0, b'public', tlv(0xa4, oid('1.3.6.1.4.1.9.9.41') + tlv(0x40, bytes([10, 1, 1]))
        + integer(2) + integer(0) + tlv(0x43, b'\x05') + seq()))))
# a response from another port than the one asked, an unknown PDU tag, bytes after the message
to_agent(msg(1, b'public', pdu(0, 600, [vb('1.3.6.1.2.1.1.1.0', NULL)])), sport=40009)
add(udp4(A, M, 1161, 40009, msg(1, b'public', pdu(2, 600, [vb('1.3.6.1.2.1.1.1.0', octets(b'x'))]))))
to_agent(msg(1, b'public', tlv(0xa9, integer(1))), sport=40010)
to_agent(msg(1, b'public', pdu(0, 601, [vb('1.3.6.1.2.1.1.1.0', NULL)])) + b'\xde\xad\xbe\xef', sport=40011)
# not SNMP on port 161; an unknown version; v2u encrypted
to_agent(b'hello, agent', sport=40012)
to_agent(seq(integer(7), octets(b'public')), sport=40013)
to_agent(seq(integer(2), octets(b'params'), octets(b'\x01\x02\x03\x04')), sport=40014)
# v3: every engine ID format
def v3(engine, flags=b'\x04', model=3, data=None, user=b'user', auth=b'', priv=b'', ctx_engine=None):
    usm = seq(octets(engine), integer(3), integer(12345), octets(user), octets(auth), octets(priv))
    if data is None:
        data = seq(octets(ctx_engine if ctx_engine is not None else engine), octets(b'ctx'), pdu(0, 700, [vb('1.3.6.1.2.1.1.1.0', NULL)]))
    return seq(integer(3), seq(integer(700), integer(1500), octets(flags), integer(model)), octets(usm), data)
engines = [bytes.fromhex('80000009' + '01' + '0a010101'), bytes.fromhex('80000009' + '02' + 'fe800000000000000000000000000001'),
           bytes.fromhex('80000009' + '03' + '00' + '001122334455'), bytes.fromhex('80000009' + '03' + '001122334455'),
           bytes.fromhex('80000009' + '03' + '01' + '001122334455'), bytes.fromhex('800007e5' + '04') + b'agent-one',
           bytes.fromhex('800007e5' + '05' + '0102030405'), bytes.fromhex('800007e5' + '06' + 'aabbcc'),
           bytes.fromhex('800007e5' + '80' + 'aabbccdd'), bytes.fromhex('80001f88' + '80' + '0102030411223344' + '00000000'),
           bytes.fromhex('000000090102030405060708'), bytes.fromhex('00000009010203'), bytes.fromhex('80'), bytes.fromhex('800000'),
           bytes.fromhex('80000009')]
for i, e in enumerate(engines):
    to_agent(v3(e), sport=41000 + i)
to_agent(v3(engines[0], model=2), sport=41100)
to_agent(v3(engines[0], flags=b'\x07', auth=b'\x00' * 12, priv=b'\x11' * 8, data=octets(bytes(range(48)))), sport=41101)
to_agent(v3(engines[0], flags=b''), sport=41102)
# over IPv6
add(udp6(bytes.fromhex('20010db8000000000000000000000001'), bytes.fromhex('20010db8000000000000000000000002'), 40020, 161,
         msg(1, b'public', pdu(0, 800, [vb('1.3.6.1.2.1.1.5.0', NULL)]))))
# cut by the snap length
big = msg(1, b'public', pdu(2, 900, values))
to_manager(big, dport=40030, cut=120)
to_manager(big, dport=40031, cut=70)
# BMC Patrol's port 8161: a get and its response
add(udp4(M, A, 40040, 8161, msg(0, b'public', pdu(0, 1000, [vb('1.3.6.1.4.1.1031.1.1.0', NULL)]))))
add(udp4(A, M, 8161, 40040, msg(0, b'public', pdu(2, 1000, [vb('1.3.6.1.4.1.1031.1.1.0', integer(1))]))))

w = open(sys.argv[1], 'wb')
w.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
for i, (f, cut) in enumerate(frames):
    n = len(f) if cut is None else min(cut, len(f))
    w.write(struct.pack('<IIII', 1700000000 + i, 1000 * i, n, len(f)) + f[:n])
w.close()

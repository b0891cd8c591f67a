#!/usr/bin/env python3
# Writes captures/synth-teredo.pcap (see scripts/make-teredo-goldens.sh): crafted Teredo
# (RFC 4380) datagrams over Ethernet/IPv4/UDP for packet-teredo.c's paths that the corpus lacks:
# a payload too short for the indicator, an authentication header with a client identifier and
# an authentication value (whole and cut short), two authentication headers in a row (only the
# first is one), an origin indication with nothing, two bytes, or a second indication after it,
# datagrams whose version is 4 or 0 (packet-ipv6.c's bogus version, data after it), port 3544
# on both ends, ICMPv6 echo requests to and from port 3544 (packet-icmpv6.c's "Direct IPv6
# Connectivity Test" and its nonce, also cut short, and a nonce followed by more bytes), and a
# 2-byte IPv6 header. (A lower port another UDP dissector owns, DNS's 53 -> 3544, is left out:
# the transport-only decoder, which knows no payload protocol, would take it as Teredo; see
# docs/teredo.md.)
# Usage: python3 scripts/teredo-crafted.py captures/synth-teredo.pcap
import struct
import sys


def ip4(payload, src=b'\xc0\xa8\x02\x10', dst=b'\x41\x37\x9e\x50'):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, 0, 64, 17, 0, src, dst)
    s = sum(struct.unpack('!10H', h))
    s = (s & 0xffff) + (s >> 16)
    s = (s & 0xffff) + (s >> 16)
    return h[:10] + struct.pack('!H', ~s & 0xffff) + h[12:] + payload


def udp(sp, dp, payload):
    return struct.pack('!HHHH', sp, dp, 8 + len(payload), 0) + payload


def eth(p):
    return b'\x00\x11\x22\x33\x44\x55' + b'\x66\x77\x88\x99\xaa\xbb' + b'\x08\x00' + p


CLIENT = bytes.fromhex('2001000041379e508000f12ab9c82815')  # server 65.55.158.80, client 70.55.215.234:3797
IPV6_NO_NEXT = bytes.fromhex('6000000000003b15') + CLIENT + bytes.fromhex('ff020000000000000000000000000001')
ECHO = bytes.fromhex('8000c57cd373b69b53aa0126')
IPV6_ECHO = bytes.fromhex('60000000000c3a15') + CLIENT + bytes.fromhex('20014860000020010000000000000068') + ECHO
AUTH = bytes.fromhex('00010000') + bytes.fromhex('cd5669400b22df88') + b'\x00'
AUTH_ID_VALUE = bytes.fromhex('00010203') + b'\xaa\xbb' + b'\x01\x02\x03' + bytes.fromhex('cd5669400b22df88') + b'\x01'
ORIGIN = bytes.fromhex('0000f12ab9c82815')

CASES = [
    udp(3797, 3544, b'\x60'),
    udp(3797, 3544, AUTH + IPV6_NO_NEXT),
    udp(3797, 3544, ip4(b'abcd')),
    udp(3797, 3544, ORIGIN),
    udp(3797, 3544, AUTH_ID_VALUE[:7]),
    udp(3544, 3544, IPV6_NO_NEXT),
    udp(3544, 5000, AUTH_ID_VALUE + ORIGIN + IPV6_ECHO),
    udp(5000, 3544, IPV6_ECHO),
    udp(3544, 5000, IPV6_ECHO),
    udp(3797, 3544, b'\x00\x01\x00'),
    udp(3797, 3544, ORIGIN + b'\x45\x00'),
    udp(3797, 3544, AUTH + AUTH + IPV6_NO_NEXT),
    udp(3797, 3544, b'\x00\x00\x00'),
    udp(3797, 3544, ORIGIN + b'\x00\x00' + IPV6_NO_NEXT),
    udp(5000, 3544, IPV6_ECHO[:4] + b'\x00\x14' + IPV6_ECHO[6:] + b'12345678'),
    udp(5000, 3544, IPV6_ECHO[:4] + b'\x00\x0a' + IPV6_ECHO[6:-2]),
    udp(5000, 3544, b'\x60\x00'),
]

with open(sys.argv[1], 'wb') as out:
    out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, c in enumerate(CASES):
        pk = eth(ip4(c))
        out.write(struct.pack('<IIII', 1000 + i, 0, len(pk), len(pk)) + pk)

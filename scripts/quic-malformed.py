#!/usr/bin/env python3
"""Writes captures/synth-quic-malformed.pcap: ten QUIC datagrams on one UDP conversation (raw IPv4,
10.0.0.1:50000 -> 10.0.0.2:443) that hit packet-quic.c's error paths; tshark 4.0.17 is the judge
(scripts/make-quic-goldens.sh). The Initial packets are sealed as a client seals them (RFC 9001
§5: keys from the DCID and v1's salt, AES-128-GCM, AES-ECB header protection).

  1 a CRYPTO frame holding a Client Hello header of length 0 (TLS reads past it: "[Malformed Packet: TLS]")
  2 a CRYPTO frame at offset 2^40 (tshark keeps the low 32 bits of the offset)
  3 a CRYPTO frame whose length (3000) runs past the payload
  4 an ACK frame with an ACK Range Count of 2^40
  5 an Initial cut after 40 bytes (its Length runs past the datagram)
  6 a long header that ends before its Token Length
  7 a Token Length of 2^62-1
  8 a DCID length of 21 (the conversation is QUIC's already)
  9 a 12-byte short header (packet-quic.c copies 20 bytes of DCID)
 10 a Version Negotiation cut inside a version

Usage: scripts/quic-malformed.py OUT.pcap   (needs python3-cryptography)
"""
import struct, hmac, hashlib, sys
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
def hkdf_expand_label(secret,label,length):
    l=b"tls13 "+label
    info=struct.pack(">HB",length,len(l))+l+b"\x00"
    out=b"";t=b"";i=1
    while len(out)<length:
        t=hmac.new(secret,t+info+bytes([i]),hashlib.sha256).digest(); out+=t; i+=1
    return out[:length]
def varint(v):
    if v<64: return bytes([v])
    if v<16384: return struct.pack(">H",0x4000|v)
    if v<2**30: return struct.pack(">I",0x80000000|v)
    return struct.pack(">Q",0xc000000000000000|v)
def initial(dcid, frames, pn=0, token=b""):
    salt=bytes.fromhex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a")
    init=hmac.new(salt,dcid,hashlib.sha256).digest()
    cs=hkdf_expand_label(init,b"client in",32)
    key=hkdf_expand_label(cs,b"quic key",16); iv=hkdf_expand_label(cs,b"quic iv",12); hp=hkdf_expand_label(cs,b"quic hp",16)
    payload=frames
    if len(payload)<1162: payload+=b"\x00"*(1162-len(payload))
    pnb=bytes([pn])
    hdr=bytes([0xc0])+struct.pack(">I",1)+bytes([len(dcid)])+dcid+bytes([0])+varint(len(token))+token+varint(len(payload)+16+1)
    aad=hdr+pnb
    nonce=bytearray(iv); nonce[-1]^=pn
    ct=AESGCM(key).encrypt(bytes(nonce),payload,aad)
    sample=ct[3:19]
    mask=Cipher(algorithms.AES(hp),modes.ECB()).encryptor().update(sample)
    first=bytes([hdr[0]^(mask[0]&0x0f)])
    return first+hdr[1:]+bytes([pnb[0]^mask[1]])+ct
def ip_udp(payload, sport=50000, dport=443):
    udp=struct.pack(">HHHH",sport,dport,8+len(payload),0)+payload
    ip=struct.pack(">BBHHHBBH4s4s",0x45,0,20+len(udp),0,0,64,17,0,bytes([10,0,0,1]),bytes([10,0,0,2]))
    return ip+udp
dcid=bytes.fromhex("0011223344556677")
good=initial(dcid, b"\x06"+varint(0)+varint(4)+b"\x01\x00\x00\x00")
pkts=[]
pkts.append(good)                                                  # 1 a Client Hello fragment
pkts.append(initial(dcid, b"\x06"+varint(2**40)+varint(10)+b"A"*10, pn=1))   # 2 CRYPTO offset far ahead
pkts.append(initial(dcid, b"\x06"+varint(0)+varint(3000)+b"B"*10, pn=2))     # 3 CRYPTO length past the payload
pkts.append(initial(dcid, b"\x02"+varint(5)+varint(0)+varint(2**40)+varint(0), pn=3)) # 4 ACK with a huge range count
pkts.append(good[:40])                                             # 5 cut inside the packet (Length past the datagram)
pkts.append(bytes([0xc0])+struct.pack(">I",1)+bytes([8])+dcid+bytes([0]))   # 6 header ends before the token length
pkts.append(bytes([0xc0])+struct.pack(">I",1)+bytes([8])+dcid+bytes([0])+b"\xff\xff\xff\xff\xff\xff\xff\xff"+b"\x00"*20) # 7 token length 2^62-1
pkts.append(bytes([0xc0])+struct.pack(">I",1)+bytes([21])+b"\x01"*21+bytes([0])+b"\x00"*20) # 8 DCID length 21 (not QUIC to the heuristic)
pkts.append(bytes([0x40])+dcid+b"\x00"*3)                           # 9 a short header of 12 bytes in the conversation
pkts.append(bytes([0x80])+struct.pack(">I",0)+bytes([0])+bytes([8])+dcid+b"\x00\x00\x00\x01\x0a")  # 10 VN with a cut version
with open(sys.argv[1] if len(sys.argv) > 1 else "captures/synth-quic-malformed.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII",0xa1b2c3d4,2,4,0,0,65535,101))
    for i,p in enumerate(pkts):
        d=ip_udp(p)
        f.write(struct.pack("<IIII",1700000000+i,0,len(d),len(d)))
        f.write(d)

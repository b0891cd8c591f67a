# Writes the crafted X.509 captures of src/test/resources/x509/ (see scripts/make-x509-goldens.sh):
#   openssl makes a.der (EC) and r.der (RSA) in the current directory first;
#   python3 x509-crafted.py good crafted.pcap; python3 x509-crafted.py bad crafted-malformed.pcap
import struct, sys
def csum(b):
    if len(b)%2: b+=b'\0'
    s=sum(struct.unpack('!%dH'%(len(b)//2),b)); s=(s>>16)+(s&0xffff); s+=s>>16; return (~s)&0xffff
def pkt(src,dst,sport,dport,seq,ack,payload,flags=0x18):
    tcp=struct.pack('!HHIIBBHHH',sport,dport,seq,ack,5<<4,flags,65535,0,0)+payload
    ph=bytes(src)+bytes(dst)+struct.pack('!BBH',0,6,len(tcp))
    c=csum(ph+tcp); tcp=tcp[:16]+struct.pack('!H',c)+tcp[18:]
    ip=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(tcp),1,0,64,6,0,bytes(src),bytes(dst))
    ip=ip[:10]+struct.pack('!H',csum(ip))+ip[12:]
    return b'\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00'+ip+tcp
def hs(t,body): return bytes([t])+len(body).to_bytes(3,'big')+body
def rec(body): return b'\x16\x03\x03'+len(body).to_bytes(2,'big')+body
sh=hs(2,b'\x03\x03'+bytes(32)+b'\x00'+b'\xc0\x2f'+b'\x00')
def certmsg(certs):
    l=b''.join(len(c).to_bytes(3,'big')+c for c in certs)
    return hs(11,len(l).to_bytes(3,'big')+l)
def name_of(der):
    # crude: extract subject Name TLV from a cert by parsing
    def tlv(b,o):
        t=b[o]; l=b[o+1]; h=2
        if l&0x80:
            n=l&0x7f; l=int.from_bytes(b[o+2:o+2+n],'big'); h=2+n
        return o,h,l
    o,h,l=tlv(der,0); p=o+h
    o,h,l=tlv(der,p); p=o+h  # tbs
    items=[]
    while p < o+h+l:
        a,hh,ll=tlv(der,p); items.append(der[a:a+hh+ll]); p=a+hh+ll
    # version(a0), serial, sig, issuer, validity, subject
    i=1 if items[0][0]==0xa0 else 0
    return items[i+4]
a=open('a.der','rb').read(); r=open('r.der','rb').read()
dn=b''.join(len(x).to_bytes(2,'big')+x for x in [name_of(r),name_of(a)])
cr=hs(13,b'\x02\x01\x40'+b'\x00\x04\x04\x03\x08\x04'+len(dn).to_bytes(2,'big')+dn)
mode=sys.argv[1]
if mode=='good':
    payloads=[rec(sh+certmsg([a,r])+cr+hs(14,b''))]
else:
    bad1=bytearray(a); bad1[2]=0xff  # outer length past the data (0x30 0x82 LL LL)
    bad2=bytearray(r); 
    # wrong tag: turn the issuer SEQUENCE into a SET somewhere: signature alg seq tag -> 0x31
    payloads=[rec(sh+certmsg([bytes(bad1)])), rec(sh+certmsg([a[:400]])), rec(sh+certmsg([r[:4]+b'\x31'+r[5:]]))]
out=open(sys.argv[2],'wb')
out.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,65535,1))
t=1700000000
cli=[10,0,0,1]; srv=[10,0,0,2]
for i,p in enumerate(payloads):
    sport=443; dport=50000+i
    frames=[pkt(cli,srv,dport,sport,100,0,b'',0x02),pkt(srv,cli,sport,dport,1000,101,b'',0x12),pkt(srv,cli,sport,dport,1001,101,p)]
    for f in frames:
        t+=1
        out.write(struct.pack('<IIII',t,0,len(f),len(f))+f)

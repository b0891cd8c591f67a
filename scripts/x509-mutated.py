# Writes src/test/resources/x509/crafted-mutated.pcap (scripts/make-x509-goldens.sh): forty Certificate
# messages, each certificate of x509-crafted.py with one random byte changed (seeded), in a.der/r.der's directory.
import random, sys, struct
sys.argv=['x','good','x']
import os
exec(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'x509-crafted.py')).read().split("mode=sys.argv[1]")[0])
random.seed(7)
a=open('a.der','rb').read(); r=open('r.der','rb').read()
payloads=[]
for i in range(40):
    base=bytearray(r if i%2 else a)
    pos=random.randrange(len(base)); base[pos]=random.randrange(256)
    payloads.append(rec(sh+certmsg([bytes(base)])))
out=open('crafted-mutated.pcap','wb')
out.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,65535,1))
t=1700000000
cli=[10,0,0,1]; srv=[10,0,0,2]
for i,p in enumerate(payloads):
    f=pkt(srv,cli,443,50000+i,1001,101,p)
    t+=1
    out.write(struct.pack('<IIII',t,0,len(f),len(f))+f)

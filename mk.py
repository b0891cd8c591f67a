import sys, importlib.util
spec = importlib.util.spec_from_file_location('c', '/work/wt-dnp3/scripts/dnp3-crafted.py')
src = open('/work/wt-dnp3/scripts/dnp3-crafted.py').read().split("MASTER, OUTSTATION")[0]
ns = {}
exec(src, ns)
import struct
A, B = [10,9,9,1], [10,9,9,2]
def seg(tr, al):
    return ns['udp'](B, A, 20000, 20000, ns['link'](0x44, 1, 10, bytes([tr]) + al))
READ = b'\xc3\x01\x3c\x02\x06'   # Read class 1
COLD = b'\xc4\x0d'
RESP = b'\xc5\x81\x00\x00'
exps = {
 'e1': [(0x80, READ), (0xc0, COLD)],
 'e2': [(0x40, READ), (0xc0, COLD)],
 'e3': [(0x05, READ), (0x44, COLD), (0x85, RESP)],
 'e4': [(0x41, READ), (0x83, RESP), (0x82, COLD)],
 'e5': [(0x41, READ), (0x82, RESP), (0x41, COLD), (0x82, READ)],
 'e6': [(0xc0, COLD), (0x81, READ), (0xc1, RESP)],
 'e7': [(0x41, READ), (0x42, COLD), (0x83, RESP)],
 'e8': [(0x80, READ), (0x80, COLD), (0xc0, RESP)],
 'e9': [(0x01, READ), (0xc0, COLD), (0x81, RESP)],
}
for name, segs in exps.items():
    with open(name + '.pcap', 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, (tr, al) in enumerate(segs):
            fr = seg(tr, al)
            f.write(struct.pack('<IIII', 100 + i, 0, len(fr), len(fr))); f.write(fr)

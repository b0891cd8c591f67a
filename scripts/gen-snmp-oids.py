#!/usr/bin/env python3
# Usage: python3 scripts/gen-snmp-oids.py [LIBWIRESHARK]
#
# Writes src/main/resources/dev/tcpscope/proto/snmp/oids.tsv: the nodes of Wireshark 4.0.17's OID
# tree (epan/oids.c) as a plain tshark has it without MIB modules, one a line, with the node's
# name when it has one. tshark cannot list the tree, so this asks it: every OID-looking string in
# libwireshark (the dissectors register their OIDs from such strings), and a child (.4242) of
# each, become the names of SNMP VarBinds in a crafted capture; tshark's labels of those VarBinds
# say which node is the deepest of the tree on each path and whether it is named ("NAME.rest
# (oid)" or the plain form), and the brackets of each "Object Name" the nearest named node. The
# roots' second-level children come from asking for every arc below 1200. The table it writes
# predicts every one of those labels (it checks, and fails otherwise). proto.snmp.SnmpOids reads it.
import os, re, struct, subprocess, sys, tempfile

LIB = sys.argv[1] if len(sys.argv) > 1 else '/usr/lib/x86_64-linux-gnu/libwireshark.so.16'
OUT = os.path.join(os.path.dirname(__file__), '..', 'src/main/resources/dev/tcpscope/proto/snmp/oids.tsv')

def ln(n):
    if n < 128: return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, 'big'); return bytes([0x80 | len(b)]) + b
def tlv(t, v): return bytes([t]) + ln(len(v)) + v
def sub(n):
    out = [n & 0x7f]; n >>= 7
    while n: out.append(0x80 | (n & 0x7f)); n >>= 7
    return bytes(reversed(out))
def oid(a): return tlv(6, sub(a[0] * 40 + a[1]) + b''.join(sub(x) for x in a[2:]))
def message(oids):
    vbs = b''.join(tlv(0x30, oid(o) + b'\x05\x00') for o in oids)
    return tlv(0x30, tlv(2, b'\x01') + tlv(4, b'public') + tlv(0xa0, tlv(2, b'\x01') + tlv(2, b'\x00') + tlv(2, b'\x00') + tlv(0x30, vbs)))
def frame(p, sport):
    u = struct.pack('>HHHH', sport, 161, 8 + len(p), 0) + p
    ip = struct.pack('>BBHHHBBH4s4s', 0x45, 0, 20 + len(u), 0, 0, 64, 17, 0, bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    return b'\x00' * 6 + b'\x00\x11\x22\x33\x44\x55\x08\x00' + ip + u

strings = subprocess.run(['strings', '-n', '3', LIB], capture_output=True, text=True).stdout.split('\n')
cands = sorted({s for s in strings if re.fullmatch(r'[0-2]\.[0-9]+(\.[0-9]+)+', s)})
probes = []
for c in cands:
    a = [int(v) for v in c.split('.')]
    if (a[0] < 2 and a[1] >= 40) or any(v > 0xffffffff for v in a): continue
    probes += [a, a + [4242]]
for r in (0, 1):
    probes += [[r, b] for b in range(40)]
probes += [[2, b] for b in range(1200)]
tmp = tempfile.mkdtemp()
pcap = os.path.join(tmp, 'probe.pcap')
with open(pcap, 'wb') as w:
    w.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i in range(0, len(probes), 40):
        f = frame(message(probes[i:i + 40]), 1024 + i // 40)
        w.write(struct.pack('<IIII', i, 0, len(f), len(f)) + f)
os.makedirs(os.path.join(tmp, 'wireshark'), exist_ok=True)
v = subprocess.run(['tshark', '-r', pcap, '-V'], capture_output=True, text=True, env=dict(os.environ, XDG_CONFIG_HOME=tmp)).stdout
lines = [l.strip() for l in v.split('\n') if re.match(r'^ {16}[^ ].*: Value \(Null\)$', l) or 'Object Name: ' in l]
pairs = []
for i in range(0, len(lines), 2):
    m = re.match(r'Object Name: (\S+) \((.*)\)$', lines[i + 1])
    pairs.append((m.group(1), m.group(2), lines[i][:-len(': Value (Null)')]))
assert len(pairs) == len(probes), (len(pairs), len(probes))

def split_named(x, y):
    arcs = x.split('.')
    for r in range(len(arcs), 0, -1):
        tail = '.'.join(arcs[len(arcs) - r:])
        if y.endswith('.' + tail):
            cand = y[:-(len(tail) + 1)]
            if cand and not re.fullmatch(r'[0-9.]+', cand):
                return cand, '.'.join(arcs[:len(arcs) - r])
    return y, x
def prefixes(x):
    a = x.split('.'); return ['.'.join(a[:i]) for i in range(1, len(a) + 1)]
names = {}
for x, y, label in pairs:
    n, p = split_named(x, y); names[p] = n
exist, notexist, numeric = set(), set(), set()
for x, y, label in pairs:
    if label == x:
        _, named_at = split_named(x, y)
        for q in prefixes(x):
            if len(q) > len(named_at) and not (x.endswith('.4242') and q == x): numeric.add(q)
    else:
        lab = re.match(r'(.*) \((\S+)\)$', label).group(1)
        n, p = split_named(x, lab)
        for q in prefixes(x):
            (exist if len(q) <= len(p) else notexist).add(q)
exist = (exist | numeric) - notexist
def deepest(x, named_only):
    a = x.split('.'); best = None
    for i in range(1, len(a) + 1):
        p = '.'.join(a[:i])
        if p not in exist: break
        if not named_only or p in names: best = i
    return best
def predict(x):
    a = x.split('.'); i = deepest(x, False)
    if i is None or '.'.join(a[:i]) not in names: return x
    return names['.'.join(a[:i])] + ('.' + '.'.join(a[i:]) if a[i:] else '') + ' (' + x + ')'
bad = [(x, label, predict(x)) for x, y, label in pairs if predict(x) != label]
if bad:
    sys.exit('gen-snmp-oids: %d labels the table does not predict, e.g. %s' % (len(bad), bad[:3]))
key = lambda k: [int(t) for t in k.split('.')]
with open(OUT, 'w') as f:
    for k in sorted(exist, key=key):
        f.write(k + ('\t' + names[k] if k in names else '') + '\n')
print('gen-snmp-oids: %d nodes, %d named, %d labels checked -> %s' % (len(exist), sum(1 for k in exist if k in names), len(pairs), OUT))

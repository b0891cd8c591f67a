#!/usr/bin/env python3
"""Writes src/main/resources/dev/tcpscope/proto/dhcp/{fields,values,options}.tsv from the installed
tshark (4.0.17): its packet-dhcp.c field registry (tshark -G fields), value strings and
true/false strings (tshark -G values), and, for each option code 1..254, how tshark shows it,
found by feeding tshark a crafted BOOTP request carrying that option with 1, 2 and 4 bytes of
value (0x41...) and reading the PDML back:

  code <TAB> kind <TAB> name <TAB> field <TAB> field title <TAB> values

kind: IPV4 (one address, appended to the option's label), IPV4_LIST, STRING, BOOL, U8, U16,
U16_LIST, TIME_U, TIME_S (packet-dhcp.c's basic types), OPAQUE (no dissector: the raw Value
shows), SPECIAL (a handler of its own that tcpscope implements) or SPECIAL? (a handler tcpscope
does not implement yet; its Value shows raw). The data is tshark's; this script only runs it.
Usage: scripts/gen-dhcp-tables.py (needs scripts/tshark-profile.sh's profile with dhcp).
"""
import collections, os, re, struct, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'src/main/resources/dev/tcpscope/proto/dhcp')
# the options with handlers tcpscope implements (DhcpOptions.special)
SPECIAL = {21, 33, 43, 52, 53, 55, 60, 61, 77, 81, 82, 93, 97, 121, 145, 249}
# handlers of their own that the probe would take for a basic type (124: a 1-byte CableLabs mode)
NOT_BASIC = {124}

def ipsum(h):
    s = sum((h[i] << 8) + h[i + 1] for i in range(0, len(h), 2))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def frame(payload):
    udp = struct.pack('!HHHH', 68, 67, 8 + len(payload), 0) + payload
    ip = bytearray(struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])))
    struct.pack_into('!H', ip, 10, ipsum(ip))
    return bytes.fromhex('ffffffffffff001122334455') + b'\x08\x00' + bytes(ip) + udp

def bootp(opts):
    h = struct.pack('!BBBBIHH4s4s4s4s', 1, 1, 6, 0, 0x1234, 0, 0, b'\0' * 4, b'\0' * 4, b'\0' * 4, b'\0' * 4)
    return h + bytes.fromhex('001122334455') + b'\0' * 10 + b'\0' * 192 + bytes.fromhex('63825363') + opts

def main():
    env = dict(os.environ)
    prof = tempfile.mkdtemp()
    subprocess.run([os.path.join(ROOT, 'scripts/tshark-profile.sh'), prof], check=True)
    env['XDG_CONFIG_HOME'] = prof
    tshark = lambda *a: subprocess.run(['tshark', *a], env=env, capture_output=True, text=True).stdout
    fields = [l.split('\t') for l in tshark('-G', 'fields').splitlines() if l.startswith('F\t') and l.split('\t')[4] == 'dhcp']
    with open(os.path.join(OUT, 'fields.tsv'), 'w') as f:
        for r in fields:
            f.write('\t'.join([r[2], r[1], r[3], r[5]]) + '\n')
    info = {r[2]: (r[1], r[3]) for r in reversed(fields)}
    vals = [l for l in tshark('-G', 'values').splitlines() if len(l.split('\t')) > 1 and l.split('\t')[1].startswith('dhcp.')]
    with open(os.path.join(OUT, 'values.tsv'), 'w') as f:
        f.write('\n'.join(vals) + '\n')
    vs = collections.defaultdict(list); tfs = {}
    for l in vals:
        p = l.split('\t')
        if p[0] == 'V': vs[p[1]].append((p[2], p[3]))
        elif p[0] == 'T': tfs[p[1]] = (p[2], p[3])
    pcap = os.path.join(prof, 'probe.pcap')
    with open(pcap, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        i = 0
        for code in range(1, 255):
            for ln in (1, 2, 4):
                fr = frame(bootp(bytes([53, 1, 1, code, ln]) + bytes([0x41] * ln) + b'\xff'))
                f.write(struct.pack('<IIII', 1000 + i, 0, len(fr), len(fr))); f.write(fr); i += 1
    root = ET.fromstring(tshark('-r', pcap, '-T', 'pdml'))
    res = collections.defaultdict(dict)
    for i, pkt in enumerate(root.iter('packet')):
        code, ln = 1 + i // 3, (1, 2, 4)[i % 3]
        dh = [p for p in pkt.iter('proto') if p.get('name') == 'dhcp'][0]
        o = [f for f in dh if f.get('name') == 'dhcp.option.type'][1]
        res[code][ln] = (o.get('showname'), [(f.get('name'), f.get('hide')) for f in o if f.get('name') != 'dhcp.option.length'])
    rows = []
    for code in range(1, 255):
        r = res[code]
        name = r[4][0][len('Option: (%d) ' % code):]
        if code == 53:
            name = 'DHCP Message Type'
        ip = re.search(r' \(65\.65\.65\.65\)$', name)
        if ip:
            name = name[:ip.start()]
        vis = lambda k: [x[0] for x in k if x[1] != 'yes' and x[0] not in ('_ws.expert', 'dhcp.option.value')]
        raw = lambda k: [x[0] for x in k if x[1] != 'yes']
        f1, f2, f4 = vis(r[1][1]), vis(r[2][1]), vis(r[4][1])
        kind, fld = None, ''
        if code in SPECIAL:
            kind = 'SPECIAL'
        elif code in NOT_BASIC:
            kind = 'SPECIAL?'
        elif all(raw(r[n][1]) == ['dhcp.option.value'] for n in (1, 2, 4)):
            kind = 'OPAQUE'
        else:
            cand = (f1 or f2 or f4 or [None])[0]
            ty = info.get(cand, ('', ''))[1]
            fld = cand or ''
            if ty == 'FT_IPv4': kind = 'IPV4' if ip else 'IPV4_LIST'
            elif ty in ('FT_STRINGZ', 'FT_STRING') and f1 and f2 and f4: kind = 'STRING'
            elif ty == 'FT_BOOLEAN': kind = 'BOOL'
            elif ty == 'FT_UINT8' and f1 and not f2: kind = 'U8'
            elif ty == 'FT_UINT16' and len(f4) == 2: kind = 'U16_LIST'
            elif ty == 'FT_UINT16' and f2 and not f4: kind = 'U16'
            elif ty == 'FT_UINT32' and f4: kind = 'TIME_U'
            elif ty == 'FT_INT32': kind = 'TIME_S'
            else: kind = 'SPECIAL?'
        extra = ';'.join('%s=%s' % v for v in vs[fld]) if fld in vs else '|'.join(tfs[fld]) if fld in tfs else ''
        rows.append('\t'.join([str(code), kind, name, fld, info[fld][0] if fld else '', extra]))
    with open(os.path.join(OUT, 'options.tsv'), 'w') as f:
        f.write('\n'.join(rows) + '\n')
    print('wrote fields.tsv (%d), values.tsv (%d), options.tsv (%d)' % (len(fields), len(vals), len(rows)))

if __name__ == '__main__':
    main()

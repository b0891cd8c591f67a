#!/usr/bin/env python3
"""Writes proto/radius's dictionary resources from the installed Wireshark (4.0.17):

  attributes.tsv  vendor <TAB> code <TAB> name <TAB> type <TAB> tagged (0/1) <TAB> encrypt (0-3)
  vendors.tsv     vendor id <TAB> dictionary name <TAB> type octets <TAB> length octets <TAB> flags (0/1)
                  <TAB> IANA enterprise name (what tshark writes after "vnd=")
  fields.tsv, values.tsv   the `tshark -G fields` / `-G values` rows of the kept radius.* fields
                  (proto.Registry's format, as scripts/gen-registry-tables.sh writes them)

from the FreeRADIUS-format dictionary tshark reads (/usr/share/wireshark/radius/dictionary and the
files it includes; data under GPL-2.0-or-later, as Wireshark's). Only a compact part is kept so the
project stands alone without the 200-file dictionary: every attribute of the standard space
(vendor 0: RFC 2865-7930 and the compat/iana files, a later definition of a code replacing an
earlier one as packet-radius.c's loader does) and the vendors in VENDORS with their attributes
(the ones captures/ holds). A VSA of another vendor shows as tshark shows an unknown one.

Usage: scripts/gen-radius-dict.py
"""
import os
import re
import subprocess
import sys
import tempfile

DICT_DIR = '/usr/share/wireshark/radius'
ENTERPRISES = '/usr/share/wireshark/enterprises.tsv'
# Vendors whose VSAs captures/ holds (arkime-radius.pcap: Aruba).
VENDORS = {'Aruba'}
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'src', 'main', 'resources', 'dev', 'tcpscope', 'proto', 'radius')


def parse():
    vendors = {}  # name -> [id, type_octets, length_octets, flags]
    attrs = {}  # (vendor id, code) -> [name, type, tagged, encrypt]
    seen = set()

    def load(path):
        if path in seen or not os.path.exists(path):
            return
        seen.add(path)
        vendor = 0
        tlv = 0
        with open(path, encoding='latin-1') as f:
            for raw in f:
                line = raw.split('#', 1)[0].strip()
                if not line:
                    continue
                p = line.split()
                kw = p[0]
                if kw == '$INCLUDE':
                    load(os.path.join(os.path.dirname(path), p[1]))
                elif kw == 'VENDOR':
                    t, l, c = 1, 1, 0
                    for opt in p[3:]:
                        m = re.match(r'format=(\d),(\d)(,c)?', opt)
                        if m:
                            t, l, c = int(m.group(1)), int(m.group(2)), 1 if m.group(3) else 0
                    vendors[p[1]] = [int(p[2], 0), t, l, c]
                elif kw == 'BEGIN-VENDOR':
                    vendor = vendors[p[1]][0] if p[1] in vendors else -1
                elif kw == 'END-VENDOR':
                    vendor = 0
                elif kw == 'BEGIN-TLV':
                    tlv += 1
                elif kw == 'END-TLV':
                    tlv -= 1
                elif kw == 'ATTRIBUTE' and tlv == 0 and len(p) >= 4:
                    name, code, typ = p[1], p[2], p[3]
                    flags = p[4] if len(p) > 4 else ''
                    v = vendor
                    if flags and flags in vendors:  # old style: the vendor's name as 5th field
                        v, flags = vendors[flags][0], ''
                    if '.' in code and not re.match(r'^24[1-6]\.\d+$', code):
                        continue  # a TLV child written with its parent's code
                    tagged = 1 if 'has_tag' in flags else 0
                    m = re.search(r'encrypt=(\d)', flags)
                    enc = int(m.group(1)) if m else 0
                    attrs[(v, code)] = [name, typ, tagged, enc]

    load(os.path.join(DICT_DIR, 'dictionary'))
    return vendors, attrs


def main():
    vendors, attrs = parse()
    keep_ids = {vendors[n][0]: n for n in VENDORS}
    ent = {}
    with open(ENTERPRISES, encoding='utf-8') as f:
        for line in f:
            if line[:1].isdigit():
                k, _, v = line.rstrip('\n').partition('\t')
                ent[int(k)] = v
    os.makedirs(OUT, exist_ok=True)
    kept = []
    for (v, code), a in attrs.items():
        if v == 0 or v in keep_ids:
            kept.append((v, code, a))
    kept.sort(key=lambda r: (r[0], [int(x) for x in r[1].split('.')] if r[1][0].isdigit() else [0]))
    with open(os.path.join(OUT, 'attributes.tsv'), 'w') as f:
        for v, code, (name, typ, tagged, enc) in kept:
            f.write(f'{v}\t{code}\t{name}\t{typ}\t{tagged}\t{enc}\n')
    with open(os.path.join(OUT, 'vendors.tsv'), 'w') as f:
        for vid, name in sorted(keep_ids.items()):
            _, t, l, c = vendors[name]
            f.write(f'{vid}\t{name}\t{t}\t{l}\t{c}\t{ent.get(vid, "Unknown")}\n')
    abbrevs = {'radius.' + re.sub(r'[-/]', '_', a[0]) for _, _, a in kept}
    with tempfile.TemporaryDirectory() as empty:
        env = dict(os.environ, XDG_CONFIG_HOME=empty)
        fields = subprocess.run(['tshark', '-G', 'fields'], env=env, capture_output=True, text=True).stdout
        values = subprocess.run(['tshark', '-G', 'values'], env=env, capture_output=True, text=True).stdout
    rows = [l.split('\t') for l in fields.splitlines() if l.startswith('F\t')]
    rows = [r for r in rows if len(r) > 6 and r[4] == 'radius']
    out = []
    base = True
    for r in rows:
        name = r[2]
        stem = re.sub(r'(\.len|\.tag|_encrypted)$', '', name)
        if base or stem in abbrevs or name == 'radius.invalid_length':
            out.append('\t'.join([name, r[1], r[3], r[5], r[6]]))
        if name == 'radius.3gpp_ms_tmime_zone':
            base = False  # the last of packet-radius.c's own fields; the dictionary's follow
    missing = sorted(a for a in abbrevs if not any(o.startswith(a + '\t') for o in out))
    if missing:
        sys.exit('gen-radius-dict: no tshark field for ' + ', '.join(missing))
    with open(os.path.join(OUT, 'fields.tsv'), 'w') as f:
        f.write('\n'.join(out) + '\n')
    own = {o.split('\t')[0] for o in out}
    vals = [l for l in values.splitlines() if '\t' in l and l.split('\t')[1] in own and not l.startswith('E\t')]
    with open(os.path.join(OUT, 'values.tsv'), 'w') as f:
        f.write('\n'.join(vals) + '\n')
    version = subprocess.run(['tshark', '-v'], capture_output=True, text=True).stdout.splitlines()[0]
    print(f'gen-radius-dict: {len(kept)} attributes, {len(keep_ids)} vendors, {len(out)} fields, '
          f'{len(vals)} values ({version})')


if __name__ == '__main__':
    main()

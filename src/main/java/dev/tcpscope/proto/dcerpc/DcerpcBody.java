package dev.tcpscope.proto.dcerpc;

import dev.tcpscope.proto.Tvb;

/**
 * The little the NDR bodies of a few operations add to the Info column in Wireshark 4.0.17, read
 * without building their trees: the interface UUIDs of the towers of an endpoint mapper Map
 * request and response (packet-dcerpc-epm.c's epm_dissect_tower_data appends each UUID floor's
 * name) and the computer name of a NetrServerReqChallenge request (packet-dcerpc-netlogon.c).
 * NDR32 only; every other operation adds nothing here (docs/DCERPC.md).
 */
final class DcerpcBody {
    /** The stub's bytes and the data representation's byte order. */
    private final Tvb b;
    private final boolean le;
    /** The call's transfer syntax is NDR64: pointers and array counts take 8 bytes, aligned to 8. */
    private final boolean ndr64;
    private final StringBuilder info = new StringBuilder();
    /** Bounds the towers walked in a Map response. */
    private static final int MAX_TOWERS = 64, MAX_FLOORS = 64;

    private DcerpcBody(Tvb b, boolean le, boolean ndr64) {
        this.b = b;
        this.le = le;
        this.ndr64 = ndr64;
    }

    /** What the operation's body appends to Info (may be empty); stops quietly where the bytes end. */
    static String info(DcerpcNames.Iface f, Dcerpc.Call c, boolean request, Tvb stub, boolean le, Dcerpc dcerpc, int frame) {
        DcerpcBody d = new DcerpcBody(stub, le, c.ndr64);
        int opnum = c.opnum;
        try {
            if (f.filter().equals("svcctl") && !c.ndr64) {
                d.svcctl(c, request, dcerpc, frame);
            }
            if (f.filter().equals("epm") && opnum == 3) {
                if (request) {
                    d.mapRequest();
                } else {
                    d.mapResponse();
                }
            } else if (f.filter().equals("rpc_netlogon") && opnum == 4 && request) {
                d.reqChallenge();
            }
        } catch (Tvb.Stop stop) {
            // the body's dissection ends where the bytes do; what it appended before stays
        }
        return d.info.toString();
    }

    private int u16(int off) {
        b.need(off, 2);
        int v = b.u8(off) | b.u8(off + 1) << 8;
        return le ? v : Integer.reverseBytes(v) >>> 16;
    }

    private long u32(int off) {
        b.need(off, 4);
        long v = b.u8(off) | b.u8(off + 1) << 8 | b.u8(off + 2) << 16 | (long) b.u8(off + 3) << 24;
        return le ? v : Integer.toUnsignedLong(Integer.reverseBytes((int) v));
    }

    private static int align4(int off) {
        return (off + 3) & ~3;
    }

    /** dissect_ndr_uint3264's width and alignment. */
    private int size() {
        return ndr64 ? 8 : 4;
    }

    private int alignN(int off) {
        return ndr64 ? (off + 7) & ~7 : align4(off);
    }

    /** A pointer's referent id or an array count (NDR64: 8 bytes); the offset after it in {@code at[0]}. */
    private long n(int[] at) {
        int off = alignN(at[0]);
        long v;
        if (ndr64) {
            v = u32(off) | u32(off + 4) << 32;
        } else {
            v = u32(off);
        }
        at[0] = off + size();
        return v;
    }

    /** ept_map request: object (unique pointer to a UUID), map_tower (pointer to a tower), handle, max towers. */
    private void mapRequest() {
        int[] at = {0};
        if (n(at) != 0) {
            at[0] = align4(at[0]);
            b.need(at[0], 16);
            at[0] += 16;
        }
        if (n(at) != 0) {
            tower(at[0]);
        }
    }

    /** ept_map response: handle, num_towers, the conformant varying array of tower pointers, then each tower. */
    private void mapResponse() {
        int off = 20;
        u32(off); // num_towers
        int[] at = {off + 4};
        n(at); // max count
        n(at); // offset
        long actual = n(at);
        int count = (int) Math.min(actual, MAX_TOWERS);
        long[] refs = new long[count];
        for (int i = 0; i < count; i++) {
            refs[i] = n(at);
        }
        int p = at[0];
        for (int i = 0; i < count; i++) {
            if (refs[i] != 0) {
                p = tower(p);
            }
        }
    }

    /** epm_dissect_tower: max count, length, the floors; returns the offset after it. */
    private int tower(int off) {
        int[] at = {off};
        n(at);
        off = align4(at[0]);
        long len = u32(off);
        off += 4;
        int start = off;
        b.need(off, 2);
        int floors = b.u8(off) | b.u8(off + 1) << 8;
        int p = off + 2;
        for (int i = 0; i < Math.min(floors, MAX_FLOORS); i++) {
            b.need(p, 2);
            int lhs = b.u8(p) | b.u8(p + 1) << 8;
            p += 2;
            int proto = b.u8(p);
            if (proto == 0x0d && lhs >= 19) {
                b.need(p + 1, 16);
                String uuid = uuidLe(p + 1);
                info.append(", ").append(DcerpcNames.resolve(uuid));
            }
            p += lhs;
            b.need(p, 2);
            int rhs = b.u8(p) | b.u8(p + 1) << 8;
            p += 2 + rhs;
        }
        return start + (int) Math.min(len, Integer.MAX_VALUE / 2);
    }

    private String uuidLe(int off) {
        StringBuilder sb = new StringBuilder(36);
        long d1 = b.u8(off) | b.u8(off + 1) << 8 | b.u8(off + 2) << 16 | (long) b.u8(off + 3) << 24;
        int d2 = b.u8(off + 4) | b.u8(off + 5) << 8;
        int d3 = b.u8(off + 6) | b.u8(off + 7) << 8;
        sb.append(String.format("%08x-%04x-%04x-", d1, d2, d3));
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                sb.append('-');
            }
            sb.append(String.format("%02x", b.u8(off + i)));
        }
        return sb.toString();
    }

    /**
     * packet-dcerpc-svcctl.c's Info: OpenSCManagerW's (15) and OpenSCManagerA's (27) machine and
     * database names (each ", NAME" when its pointer is set), the handle their response opens
     * named "OpenSCManagerW(MACHINE\\DATABASE)", and CloseServiceHandle's (0) handle name, "(null)"
     * for a handle no response in the capture named (its col_append_fstr of a NULL).
     */
    private void svcctl(Dcerpc.Call c, boolean request, Dcerpc dcerpc, int frame) {
        int op = c.opnum;
        if ((op == 15 || op == 27) && request) {
            boolean wide = op == 15;
            int[] at = {0};
            String mn = null, dn = null;
            if (n(at) != 0) {
                mn = cvString(at, wide);
                info.append(", ").append(mn);
            }
            if (n(at) != 0) {
                dn = cvString(at, wide);
                info.append(", ").append(dn);
            }
            if (c.seData == null) {
                c.seData = (mn == null ? "" : mn) + "\\" + (dn == null ? "" : dn);
            }
        } else if ((op == 15 || op == 27) && !request) {
            String handle = handle(0);
            if (u32(20) == 0) {
                String name = c.seData != null ? "OpenSCManagerW(" + c.seData + ")" : "Unknown OpenSCManagerW() handle";
                dcerpc.handleNames.putIfAbsent(handle, new Object[] {name, frame});
            }
        } else if (op == 0 && request) {
            Object[] named = dcerpc.handleNames.get(handle(0));
            info.append(", ").append(named != null && (int) named[1] <= frame ? (String) named[0] : "(null)");
        }
    }

    /** A policy handle's 20 bytes as a key. */
    private String handle(int off) {
        b.need(off, 20);
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 20; i++) {
            sb.append(Character.forDigit(b.u8(off + i) >> 4, 16)).append(Character.forDigit(b.u8(off + i) & 15, 16));
        }
        return sb.toString();
    }

    /** A conformant varying string of 16-bit or 8-bit characters at {@code at[0]}, which moves past it. */
    private String cvString(int[] at, boolean wide) {
        n(at);
        n(at);
        long count = n(at);
        int off = at[0];
        int width = wide ? 2 : 1;
        int chars = (int) Math.min(count, 1 << 16);
        b.need(off, width * chars);
        StringBuilder sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            int ch = wide ? b.u8(off + 2 * i) | b.u8(off + 2 * i + 1) << 8 : b.u8(off + i);
            if (ch == 0) {
                break;
            }
            sb.append((char) ch);
        }
        at[0] = off + width * chars;
        return sb.toString();
    }

    /** NetrServerReqChallenge request: the server's name (unique pointer), the computer name (appended). */
    private void reqChallenge() {
        int[] at = {0};
        if (n(at) != 0) {
            at[0] = string(at[0], false);
        }
        string(at[0], true);
    }

    /** A conformant varying UTF-16 string: max count, offset, actual count, the characters. */
    private int string(int off, boolean append) {
        int[] at = {off};
        String text = cvString(at, true);
        if (append) {
            info.append(", ").append(text);
        }
        return at[0];
    }
}

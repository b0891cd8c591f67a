package dev.tcpscope.proto.snmp;

import dev.tcpscope.proto.Tvb;

/**
 * OBJECT IDENTIFIERs as a plain tshark 4.0.17 names them without MIB modules (this machine's
 * tshark loads none): only the three roots are named (itu-t, iso, joint-iso-itu-t) and, below
 * them, the nodes the dissectors register; of those this table keeps the second-level arcs that
 * exist (found by asking tshark for every arc below 1200), and treats deeper nodes as unnamed.
 * Two renderings follow epan/oids.c: {@link #resolved} (oid_resolved: the nearest named ancestor,
 * the rest of the arcs after it, what FT_OID labels show in brackets) and {@link #varbind} (the
 * deepest existing node: named, its name and the remaining arcs; unnamed, the plain dotted form),
 * which is how packet-snmp.c labels a VarBind and writes its name into the Info column.
 */
final class SnmpOids {
    private SnmpOids() { }

    /** At most this many arcs are decoded; far beyond any real OID, it bounds the work of a hostile one. */
    static final int MAX_ARCS = 1024;

    private static final String[] ROOTS = {"itu-t", "iso", "joint-iso-itu-t"};
    /** The second-level arcs below each root that exist in 4.0.17's OID tree. */
    private static final int[][] CHILDREN = {{0, 2, 4, 9, 34}, {0, 2, 3}, {1, 2, 5, 6, 9, 16, 23}};

    /**
     * The arcs of the encoded OID at {@code off} (X.690 §8.19) as oid_encoded2subid does, or null
     * when an arc needs more than 32 bits or the encoding ends inside an arc (an invalid OID).
     */
    static long[] arcs(Tvb t, int off, int len) {
        int n = 0;
        for (int i = 0; i < len; i++) {
            if ((t.u8(off + i) & 0x80) == 0) {
                n++;
            }
        }
        if (len == 0 || (t.u8(off + len - 1) & 0x80) != 0 || n + 1 > MAX_ARCS) {
            return null;
        }
        long[] a = new long[n + 1];
        int k = 0;
        long v = 0;
        boolean first = true;
        for (int i = 0; i < len; i++) {
            int c = t.u8(off + i);
            v = v << 7 | c & 0x7f;
            if (v > 0xffffffffL) {
                return null;
            }
            if ((c & 0x80) != 0) {
                continue;
            }
            if (first) {
                long r = v < 40 ? 0 : v < 80 ? 1 : 2;
                a[k++] = r;
                a[k++] = v - 40 * r;
                first = false;
            } else {
                a[k++] = v;
            }
            v = 0;
        }
        return a;
    }

    /**
     * oid_encoded2string of an OID {@link #arcs} refuses: the arcs it can read, an arc the
     * encoding ends inside left out, "" once an arc passes 32 bits.
     */
    static String dottedLoose(Tvb t, int off, int len) {
        StringBuilder sb = new StringBuilder();
        long v = 0;
        boolean first = true;
        for (int i = 0; i < len && i < MAX_ARCS * 5; i++) {
            int c = t.u8(off + i);
            v = v << 7 | c & 0x7f;
            if (v > 0xffffffffL) {
                return "";
            }
            if ((c & 0x80) != 0) {
                continue;
            }
            if (first) {
                long r = v < 40 ? 0 : v < 80 ? 1 : 2;
                sb.append(r).append('.').append(v - 40 * r);
                first = false;
            } else {
                sb.append('.').append(v);
            }
            v = 0;
        }
        return sb.toString();
    }

    /** The dotted form of {@code a[from..]}. */
    static String dotted(long[] a, int from) {
        StringBuilder sb = new StringBuilder(a.length * 3);
        for (int i = from; i < a.length; i++) {
            if (i > from) {
                sb.append('.');
            }
            sb.append(a[i]);
        }
        return sb.toString();
    }

    /** How many leading arcs name a node of the tree (0 to 2), with the root's name at [0]. */
    private static int matched(long[] a) {
        if (a.length == 0 || a[0] > 2) {
            return 0;
        }
        if (a.length > 1) {
            for (int c : CHILDREN[(int) a[0]]) {
                if (c == a[1]) {
                    return 2;
                }
            }
        }
        return 1;
    }

    /** Whether the deepest existing node on the path is the named 2.1 (asn1). */
    private static boolean asn1(long[] a) {
        return a.length >= 2 && a[0] == 2 && a[1] == 1;
    }

    /** oid_resolved: the nearest named node's name and the arcs after it. */
    static String resolved(long[] a) {
        if (a.length == 0) {
            return "";
        }
        if (asn1(a)) {
            return a.length == 2 ? "asn1" : "asn1." + dotted(a, 2);
        }
        if (a[0] > 2) {
            return dotted(a, 0);
        }
        return a.length == 1 ? ROOTS[(int) a[0]] : ROOTS[(int) a[0]] + "." + dotted(a, 1);
    }

    /** The label of a VarBind's name and its Info text: {@code {label, info}}. */
    static String[] varbind(long[] a) {
        String numeric = dotted(a, 0);
        if (asn1(a)) {
            String name = a.length == 2 ? "asn1" : "asn1." + dotted(a, 2);
            return new String[] {name + " (" + numeric + ")", name};
        }
        int m = matched(a);
        if (m != 1) {
            return new String[] {numeric, numeric};
        }
        String name = ROOTS[(int) a[0]] + (a.length > 1 ? "." + dotted(a, 1) : "");
        return new String[] {name + " (" + numeric + ")", name};
    }

    /** An FT_OID item's label after its title: "1.3.6.1 (iso.3.6.1)". */
    static String label(long[] a) {
        String numeric = dotted(a, 0);
        String r = resolved(a);
        return r.equals(numeric) ? numeric : numeric + " (" + r + ")";
    }
}

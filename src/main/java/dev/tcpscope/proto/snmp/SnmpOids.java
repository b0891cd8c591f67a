package dev.tcpscope.proto.snmp;

import dev.tcpscope.proto.Tvb;

/**
 * OBJECT IDENTIFIERs as a plain tshark 4.0.17 names them without MIB modules (this machine's
 * tshark loads none): the nodes of epan/oids.c's tree are the ones the dissectors register, some
 * named ({@code oids.tsv}: every node, its name when it has one, found by asking tshark for each
 * OID string of libwireshark and a child of each, {@code scripts/gen-snmp-oids.py}). Two
 * renderings follow oids.c: {@link #resolved} (oid_resolved: the nearest named node on the path
 * and the arcs after it, what FT_OID labels show in brackets) and {@link #varbind} (the deepest
 * node of the tree on the path: named, its name and the remaining arcs; unnamed, the plain dotted
 * form), which is how packet-snmp.c labels a VarBind and writes its name into the Info column.
 */
final class SnmpOids {
    private SnmpOids() { }

    /** At most this many arcs are decoded; far beyond any real OID, it bounds the work of a hostile one. */
    static final int MAX_ARCS = 1024;

    /** Every node of the tree (dotted) with its name, or "" when unnamed. */
    private static final java.util.Map<String, String> NODES = new java.util.HashMap<>(4096);
    /** The deepest node of the table, in arcs: no longer prefix needs a look-up. */
    private static final int DEEPEST;

    static {
        int[] deepest = {0};
        dev.tcpscope.proto.Registry.read(SnmpOids.class, "oids.tsv", r -> {
            NODES.put(r[0], r.length > 1 ? r[1] : "");
            deepest[0] = Math.max(deepest[0], r[0].split("\\.").length);
        });
        DEEPEST = deepest[0];
    }

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

    /** The deepest node of the tree on {@code a}'s path: {@code {arcs it covers, 1 if named}}, or arcs 0 when none. */
    private static int[] deepest(long[] a, boolean namedOnly) {
        StringBuilder sb = new StringBuilder();
        int found = 0;
        int named = 0;
        for (int i = 0; i < a.length && i < DEEPEST; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(a[i]);
            String name = NODES.get(sb.toString());
            if (name == null) {
                break; // oids.c adds a node with its parents: nothing deeper is in the tree
            }
            if (!namedOnly || !name.isEmpty()) {
                found = i + 1;
                named = name.isEmpty() ? 0 : 1;
            }
        }
        return new int[] {found, named};
    }

    private static String prefix(long[] a, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(a[i]);
        }
        return sb.toString();
    }

    /** The name of node {@code a[0..n)} and the arcs after it. */
    private static String named(long[] a, int n) {
        String name = NODES.get(prefix(a, n));
        return n == a.length ? name : name + "." + dotted(a, n);
    }

    /** oid_resolved: the nearest named node's name and the arcs after it (the plain form when none is named). */
    static String resolved(long[] a) {
        int[] d = deepest(a, true);
        return d[0] == 0 ? dotted(a, 0) : named(a, d[0]);
    }

    /** The label of a VarBind's name and its Info text: {@code {label, info}}. */
    static String[] varbind(long[] a) {
        String numeric = dotted(a, 0);
        int[] d = deepest(a, false);
        if (d[0] == 0 || d[1] == 0) {
            return new String[] {numeric, numeric};
        }
        String name = named(a, d[0]);
        return new String[] {name + " (" + numeric + ")", name};
    }

    /** An FT_OID item's label after its title: "1.3.6.1 (iso.3.6.1)". */
    static String label(long[] a) {
        String numeric = dotted(a, 0);
        String r = resolved(a);
        return r.equals(numeric) ? numeric : numeric + " (" + r + ")";
    }
}

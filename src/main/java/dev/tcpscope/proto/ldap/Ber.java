package dev.tcpscope.proto.ldap;

import dev.tcpscope.proto.Tvb;

/**
 * A bounded reader of BER identifiers and lengths (X.690 §8.1.2, §8.1.3) over a {@link Tvb}:
 * definite lengths in the short form and the long form of up to four octets, tags of up to four
 * octets. Every byte is read through {@link Tvb#need}, so running past the captured bytes or
 * the reported length stops the walk as Wireshark's exceptions stop it; nothing here throws
 * anything else. An indefinite length (0x80) is reported, not followed: LDAP (RFC 4511 §5.1)
 * forbids it and the walker treats it as an error. Shared with Kerberos ({@code proto.kerberos}),
 * whose DER messages need the same reader.
 */
public final class Ber {
    public static final int UNIVERSAL = 0, APPLICATION = 1, CONTEXT = 2, PRIVATE = 3;
    public static final int T_BOOLEAN = 1, T_INTEGER = 2, T_OCTET_STRING = 4, T_ENUMERATED = 10, T_SEQUENCE = 16, T_SET = 17;

    /** One TLV header: where it starts, its class, form and tag, where its value starts and its length. */
    public static final class Tlv {
        public int start;
        public int cls;
        public boolean constructed;
        public int tag;
        public int value;
        public long length;
        public boolean indefinite;

        /** The offset just past the value. */
        public long end() {
            return value + length;
        }

        /** The header's and the value's length together. */
        public long total() {
            return value - start + length;
        }
    }

    private Ber() { }

    /** Reads the identifier and length at {@code off} into {@code t}. */
    public static Tlv header(Tvb b, int off, Tlv t) {
        t.start = off;
        int id = b.u8(off++);
        t.cls = id >> 6;
        t.constructed = (id & 0x20) != 0;
        int tag = id & 0x1f;
        if (tag == 0x1f) {
            tag = 0;
            for (int i = 0; i < 4; i++) {
                int c = b.u8(off++);
                tag = tag << 7 | c & 0x7f;
                if ((c & 0x80) == 0) {
                    break;
                }
            }
        }
        t.tag = tag;
        int first = b.u8(off++);
        t.indefinite = false;
        if (first < 0x80) {
            t.length = first;
        } else if (first == 0x80) {
            t.indefinite = true;
            t.length = 0;
        } else {
            int n = first & 0x7f;
            long len = 0;
            for (int i = 0; i < n; i++) {
                int c = b.u8(off++);
                if (i >= n - 4) {
                    len = len << 8 | c;
                }
            }
            t.length = len & 0xffffffffL;
        }
        t.value = off;
        return t;
    }

    /** get_ber_length at {@code off}: the length and the offset after it, as {@code {length, next}}; lengths of more than four octets keep their last four. */
    public static long[] length(Tvb b, int off) {
        int first = b.u8(off++);
        if (first < 0x80) {
            return new long[] {first, off};
        }
        int n = first & 0x7f;
        long len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8 | b.u8(off++)) & 0xffffffffL;
        }
        return new long[] {len, off};
    }

    /** The INTEGER of {@code len} octets at {@code off}, two's complement, as dissect_ber_integer64 reads it (the last eight octets). */
    public static long integer(Tvb b, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            int c = b.u8(off + i);
            if (i == 0 && (c & 0x80) != 0) {
                v = -1;
            }
            v = v << 8 | c;
        }
        return v;
    }
}

package dev.tcpscope.proto.x509;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A bounded DER reader (X.690 §8.1.2, §8.1.3, §10) over a {@link MemorySegment}: one TLV
 * header at a time, read within a limit (the end of the element that encloses it). A header or
 * a length that runs past the limit, an indefinite length or a tag of more than four octets
 * throws {@link Bad}, which {@link X509} catches at its entry: Wireshark's BER code meets the
 * same bytes with a bounds exception, and the certificate's tree stops there.
 */
final class Der {
    static final int UNIVERSAL = 0, APPLICATION = 1, CONTEXT = 2, PRIVATE = 3;
    static final int BOOLEAN = 1, INTEGER = 2, BIT_STRING = 3, OCTET_STRING = 4, NULL = 5, OID = 6,
            UTF8_STRING = 12, SEQUENCE = 16, SET = 17, PRINTABLE_STRING = 19, T61_STRING = 20, IA5_STRING = 22,
            UTC_TIME = 23, GENERALIZED_TIME = 24, VISIBLE_STRING = 26, UNIVERSAL_STRING = 28, BMP_STRING = 30;

    /** Bytes that do not hold the element they announce. */
    static final class Bad extends RuntimeException {
        Bad() {
            super(null, null, false, false);
        }
    }

    static final Bad BAD = new Bad();

    private Der() { }

    /** One TLV: where its header starts, its class, form, tag number, where its value starts and how long it is. */
    record Tlv(long start, int cls, boolean constructed, int tag, long value, long length) {
        long end() {
            return value + length;
        }

        int total() {
            return (int) (end() - start);
        }

        int len() {
            return (int) length;
        }

        boolean is(int cls, int tag) {
            return this.cls == cls && this.tag == tag;
        }
    }

    static int u8(MemorySegment s, long off) {
        return s.get(ValueLayout.JAVA_BYTE, off) & 0xff;
    }

    /** The TLV at {@code off}, which must end at or before {@code limit}. */
    static Tlv read(MemorySegment s, long off, long limit) {
        Tlv h = header(s, off, limit);
        if (h.end() > Math.min(limit, s.byteSize())) {
            throw BAD;
        }
        return h;
    }

    /** The TLV header at {@code off} (within {@code limit}), its length not checked against anything. */
    static Tlv header(MemorySegment s, long off, long limit) {
        long end = Math.min(limit, s.byteSize());
        long p = off;
        if (p >= end) {
            throw BAD;
        }
        int id = u8(s, p++);
        int tag = id & 0x1f;
        if (tag == 0x1f) {
            tag = 0;
            for (int i = 0; ; i++) {
                if (p >= end || i == 4) {
                    throw BAD;
                }
                int c = u8(s, p++);
                tag = tag << 7 | c & 0x7f;
                if ((c & 0x80) == 0) {
                    break;
                }
            }
        }
        if (p >= end) {
            throw BAD;
        }
        int first = u8(s, p++);
        long len;
        if (first < 0x80) {
            len = first;
        } else if (first == 0x80 || first > 0x84) {
            throw BAD; // indefinite (not DER) or longer than four octets
        } else {
            len = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                if (p >= end) {
                    throw BAD;
                }
                len = len << 8 | u8(s, p++);
            }
        }
        return new Tlv(off, id >> 6, (id & 0x20) != 0, tag, p, len);
    }

    /**
     * The number of elements from {@code off} to {@code end} (a SEQUENCE OF or SET OF's count), as
     * dissect_ber_sq_of counts them before it shows any: header by header, stepping over each
     * length without checking it (an element that runs past the end is counted, and the walk
     * over the elements meets it later); a header cut by the end throws.
     */
    static int count(MemorySegment s, long off, long end) {
        int n = 0;
        while (off < end) {
            long p = off;
            int id = u8(s, p++);
            if ((id & 0x1f) == 0x1f) {
                while (p < end && (u8(s, p) & 0x80) != 0) {
                    p++;
                }
                p++;
            }
            if (p >= end) {
                throw BAD;
            }
            int first = u8(s, p++);
            long len = first;
            if (first > 0x80) {
                len = 0;
                for (int i = 0; i < (first & 0x7f); i++) {
                    if (p >= end) {
                        throw BAD;
                    }
                    len = (len << 8 | u8(s, p++)) & 0xffffffffL; // a guint32, as get_ber_length's
                }
            }
            off = p + len; // never backwards: the length is unsigned and at most 32 bits
            n++;
        }
        return n;
    }

    /**
     * The OBJECT IDENTIFIER's value in dotted form (X.690 §8.19) as Wireshark's
     * oid_encoded2string writes it: an arc the encoding ends inside left out, "" (malformed)
     * for an arc past 32 bits.
     */
    static String oid(MemorySegment s, long off, int len) {
        StringBuilder sb = new StringBuilder();
        long v = 0;
        boolean first = true;
        for (int i = 0; i < len; i++) {
            int c = u8(s, off + i);
            v = v << 7 | c & 0x7f;
            if (v > 0xffffffffL) {
                return "";
            }
            if ((c & 0x80) != 0) {
                continue; // an arc the encoding ends inside is left out
            }
            if (first) {
                long a = v < 40 ? 0 : v < 80 ? 1 : 2;
                sb.append(a).append('.').append(v - 40 * a);
                first = false;
            } else {
                sb.append('.').append(v);
            }
            v = 0;
        }
        return sb.toString();
    }

    /** A two's complement INTEGER of up to eight octets (the last eight of a longer one). */
    static long integer(MemorySegment s, long off, int len) {
        long v = len > 0 && (u8(s, off) & 0x80) != 0 ? -1 : 0;
        for (int i = 0; i < len; i++) {
            v = v << 8 | u8(s, off + i);
        }
        return v;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** bytes_to_str: lowercase hex of at most 36 bytes, "…" after when there are more. */
    static String hex(MemorySegment s, long off, int len) {
        int n = Math.min(len, 36);
        StringBuilder sb = new StringBuilder(n * 2 + 1);
        for (int i = 0; i < n; i++) {
            int b = u8(s, off + i);
            sb.append(HEX[b >>> 4]).append(HEX[b & 0xf]);
        }
        if (len > n) {
            sb.append('…');
        }
        return sb.toString();
    }
}

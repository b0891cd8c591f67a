package dev.tcpscope.filter;

import dev.tcpscope.field.Values;
import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;

/**
 * Comparisons of occurrences held in {@link Values}, by type, as Wireshark 4.0's ftypes compare
 * them ({@code cmp_order}, {@code cmp_contains}): integers by value, booleans as true/false,
 * IPv4 and IPv6 addresses under the wider of the two prefixes, byte strings (MAC, bytes,
 * protocols) by length first and then byte by byte, strings like {@code strcmp}.
 */
final class Ops {
    private Ops() { }

    /** Negative, zero or positive as occurrence {@code i} of {@code a} is below, equal to or above {@code j} of {@code b}. */
    static int compare(FType t, Values a, int i, Values b, int j, int prefix) {
        return switch (t) {
            case BOOLEAN -> Boolean.compare(a.longAt(i) != 0, b.longAt(j) != 0);
            // Signed: arithmetic on unsigned fields may go negative (4.0 makes such results INT32).
            case UINT8, UINT16, UINT24, UINT32, UINT64, FRAMENUM, INT8, INT16, INT32, INT64, RELTIME, ABSTIME ->
                    Long.compare(a.longAt(i), b.longAt(j));
            case DOUBLE -> Double.compare(a.doubleAt(i), b.doubleAt(j));
            case IPV4 -> {
                long mask = prefix <= 0 ? 0 : (0xffffffffL << (32 - Math.min(32, prefix))) & 0xffffffffL;
                yield Long.compare(a.longAt(i) & mask, b.longAt(j) & mask);
            }
            case IPV6 -> compareIpv6(a, i, b, j, prefix);
            case ETHER, BYTES, PROTOCOL -> compareBytes(a, i, b, j);
            case STRING -> compareStrings(a.stringAt(i), b.stringAt(j));
            case NONE -> 0;
        };
    }

    private static int compareIpv6(Values a, int i, Values b, int j, int prefix) {
        MemorySegment sa = a.segmentAt(i);
        MemorySegment sb = b.segmentAt(j);
        for (int k = 0; k < 16; k++) {
            int bits = Math.min(8, Math.max(0, prefix - 8 * k));
            int mask = (0xff << (8 - bits)) & 0xff;
            int x = Bytes.u8(sa, a.offsetAt(i) + k) & mask;
            int y = Bytes.u8(sb, b.offsetAt(j) + k) & mask;
            if (x != y) {
                return x - y;
            }
        }
        return 0;
    }

    static int compareBytes(Values a, int i, Values b, int j) {
        int la = a.lengthAt(i);
        int lb = b.lengthAt(j);
        if (la != lb) {
            return la < lb ? -1 : 1;
        }
        MemorySegment sa = a.segmentAt(i);
        MemorySegment sb = b.segmentAt(j);
        long oa = a.offsetAt(i);
        long ob = b.offsetAt(j);
        for (int k = 0; k < la; k++) {
            int x = Bytes.u8(sa, oa + k);
            int y = Bytes.u8(sb, ob + k);
            if (x != y) {
                return x - y;
            }
        }
        return 0;
    }

    private static int compareStrings(CharSequence x, CharSequence y) {
        int n = Math.min(x.length(), y.length());
        for (int k = 0; k < n; k++) {
            int d = x.charAt(k) - y.charAt(k);
            if (d != 0) {
                return d;
            }
        }
        return x.length() - y.length();
    }

    /** Whether occurrence {@code i} of {@code a} contains occurrence {@code j} of {@code b}. */
    static boolean contains(FType t, Values a, int i, Values b, int j) {
        if (t == FType.STRING) {
            CharSequence hay = a.stringAt(i);
            CharSequence needle = b.stringAt(j);
            return indexOf(hay, needle) >= 0;
        }
        int la = a.lengthAt(i);
        int lb = b.lengthAt(j);
        if (lb == 0) {
            return true;
        }
        if (lb > la) {
            return false;
        }
        MemorySegment sa = a.segmentAt(i);
        MemorySegment sb = b.segmentAt(j);
        long oa = a.offsetAt(i);
        long ob = b.offsetAt(j);
        byte first = sb.get(java.lang.foreign.ValueLayout.JAVA_BYTE, ob);
        if (la > MAX_HAYSTACK) {
            for (long k = 0, last = la - lb; k <= last; k++) { // a huge frame: searched in place
                if (sa.get(java.lang.foreign.ValueLayout.JAVA_BYTE, oa + k) == first
                        && MemorySegment.mismatch(sa, oa + k, oa + k + lb, sb, ob, ob + lb) < 0) {
                    return true;
                }
            }
            return false;
        }
        // the haystack is copied in bulk and scanned as an array for the needle's first byte (the
        // JIT makes that loop fast); each candidate is compared with mismatch
        byte[] hay = HAYSTACK.get();
        if (hay.length < la) {
            hay = new byte[Math.min(MAX_HAYSTACK, Math.max(la, hay.length * 2))];
            HAYSTACK.set(hay);
        }
        MemorySegment.copy(sa, java.lang.foreign.ValueLayout.JAVA_BYTE, oa, hay, 0, la);
        MemorySegment h = MemorySegment.ofArray(hay);
        for (int k = 0, last = la - lb; k <= last; k++) {
            if (hay[k] == first && (lb == 1 || MemorySegment.mismatch(h, k + 1, k + lb, sb, ob + 1, ob + lb) < 0)) {
                return true;
            }
        }
        return false;
    }

    /** Bytes searched through a copy; a longer haystack is searched where it lies. */
    private static final int MAX_HAYSTACK = 1 << 16;
    /** Each thread's copy of the bytes being searched by {@link #contains}. */
    private static final ThreadLocal<byte[]> HAYSTACK = ThreadLocal.withInitial(() -> new byte[2048]);

    private static int indexOf(CharSequence hay, CharSequence needle) {
        outer:
        for (int k = 0; k + needle.length() <= hay.length(); k++) {
            for (int m = 0; m < needle.length(); m++) {
                if (hay.charAt(k + m) != needle.charAt(m)) {
                    continue outer;
                }
            }
            return k;
        }
        return -1;
    }

    /** Whether occurrence {@code i} is zero / empty (Wireshark's is_zero). */
    static boolean isZero(FType t, Values v, int i) {
        return switch (t) {
            case DOUBLE -> v.doubleAt(i) == 0;
            case STRING -> v.stringAt(i).isEmpty();
            case ETHER, BYTES, PROTOCOL, IPV6 -> {
                for (int k = 0; k < v.lengthAt(i); k++) {
                    if (Bytes.u8(v.segmentAt(i), v.offsetAt(i) + k) != 0) {
                        yield false;
                    }
                }
                yield true;
            }
            case NONE -> false;
            default -> v.longAt(i) == 0;
        };
    }

    /** The bytes of an occurrence as a char sequence, one char per byte (for PCRE's NEVER_UTF). */
    static final class ByteChars implements CharSequence {
        private MemorySegment s;
        private long off;
        private int len;

        ByteChars reset(MemorySegment s, long off, int len) {
            this.s = s;
            this.off = off;
            this.len = len;
            return this;
        }

        @Override
        public int length() { return len; }

        @Override
        public char charAt(int index) { return (char) Bytes.u8(s, off + index); }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new ByteChars().reset(s, off + start, end - start);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(len);
            for (int k = 0; k < len; k++) {
                sb.append(charAt(k));
            }
            return sb.toString();
        }
    }
}

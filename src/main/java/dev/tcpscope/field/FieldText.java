package dev.tcpscope.field;

import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;

/**
 * Writes a field's value the way tshark's {@code -T fields} does: integers in the field's base
 * (hex padded to the field's width), times as seconds with nine decimals, addresses in their
 * usual notation, bytes as lowercase hex without separators, a value-less field as {@code 1}.
 */
public final class FieldText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private FieldText() { }

    /** Appends occurrence {@code i} of {@code v}, a value of {@code f}. */
    public static void append(StringBuilder sb, Field f, Values v, int i) {
        switch (f.type()) {
            case PROTOCOL, STRING -> sb.append(v.stringAt(i));
            case NONE -> {
                if (v.lengthAt(i) > 0) {
                    hex(sb, v.segmentAt(i), v.offsetAt(i), v.lengthAt(i));
                } else {
                    sb.append('1');
                }
            }
            case BOOLEAN -> sb.append(v.longAt(i) != 0 ? '1' : '0');
            case UINT, INT -> integer(sb, f, v.longAt(i));
            case FRAMENUM -> sb.append(v.longAt(i));
            case RELATIVE_TIME -> seconds(sb, v.longAt(i));
            case ABSOLUTE_TIME -> seconds(sb, v.longAt(i));
            case DOUBLE -> sb.append(v.doubleAt(i));
            case IPV4 -> ipv4(sb, v.longAt(i));
            case IPV6, ETHER -> hex(sb, v.segmentAt(i), v.offsetAt(i), v.lengthAt(i));
            case BYTES -> {
                if (v.lengthAt(i) == 0) {
                    sb.append("<MISSING>"); // tshark's text for an empty byte field
                } else {
                    hex(sb, v.segmentAt(i), v.offsetAt(i), v.lengthAt(i));
                }
            }
        }
    }

    private static void integer(StringBuilder sb, Field f, long value) {
        switch (f.base()) {
            case HEX, HEX_DEC -> {
                sb.append("0x");
                hexDigits(sb, value, Math.max(1, f.bits() / 4));
            }
            case OCT -> sb.append('0').append(Long.toOctalString(value));
            default -> {
                if (f.type() == FieldType.UINT && value < 0) {
                    sb.append(Long.toUnsignedString(value));
                } else {
                    sb.append(value);
                }
            }
        }
    }

    /** Appends {@code digits} lowercase hex digits of {@code value}. */
    public static void hexDigits(StringBuilder sb, long value, int digits) {
        for (int k = digits - 1; k >= 0; k--) {
            sb.append(HEX[(int) (value >>> (4 * k)) & 0xf]);
        }
    }

    /** Appends bytes as lowercase hex without separators. */
    public static void hex(StringBuilder sb, MemorySegment s, long off, int len) {
        for (int k = 0; k < len; k++) {
            int b = Bytes.u8(s, off + k);
            sb.append(HEX[b >>> 4]).append(HEX[b & 0xf]);
        }
    }

    /** Appends nanoseconds as seconds with nine decimals, negative values with a leading minus. */
    public static void seconds(StringBuilder sb, long ns) {
        if (ns < 0) {
            sb.append('-');
            ns = -ns;
        }
        sb.append(ns / 1_000_000_000L).append('.');
        long frac = ns % 1_000_000_000L;
        for (long p = 100_000_000L; p > 0; p /= 10) {
            sb.append((char) ('0' + frac / p % 10));
        }
    }

    private static void ipv4(StringBuilder sb, long a) {
        sb.append((a >>> 24) & 0xff).append('.').append((a >>> 16) & 0xff).append('.')
                .append((a >>> 8) & 0xff).append('.').append(a & 0xff);
    }
}

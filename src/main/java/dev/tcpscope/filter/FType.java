package dev.tcpscope.filter;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldTypes;

/**
 * The value types a display filter reasons with: Wireshark 4.0's {@code ftenum}s for the
 * fields tcpscope has, each with the operations its {@code ftype_t} supports
 * ({@code epan/ftypes/ftype-*.c}: which of cmp_order, cmp_contains, cmp_matches, slice,
 * bitwise_and, unary_minus, add ... are not NULL). The checker refuses what tshark refuses.
 */
enum FType {
    NONE("FT_NONE", "Label", 0),
    PROTOCOL("FT_PROTOCOL", "Protocol", 0),
    BOOLEAN("FT_BOOLEAN", "Boolean", 0),
    UINT8("FT_UINT8", "Unsigned integer (1 byte)", 1),
    UINT16("FT_UINT16", "Unsigned integer (2 bytes)", 2),
    UINT24("FT_UINT24", "Unsigned integer (3 bytes)", 3),
    UINT32("FT_UINT32", "Unsigned integer (4 bytes)", 4),
    UINT64("FT_UINT64", "Unsigned integer (8 bytes)", 8),
    INT8("FT_INT8", "Signed integer (1 byte)", 1),
    INT16("FT_INT16", "Signed integer (2 bytes)", 2),
    INT32("FT_INT32", "Signed integer (4 bytes)", 4),
    INT64("FT_INT64", "Signed integer (8 bytes)", 8),
    FRAMENUM("FT_FRAMENUM", "Frame number", 4),
    DOUBLE("FT_DOUBLE", "Floating point (double-precision)", 8),
    RELTIME("FT_RELATIVE_TIME", "Time offset", 0),
    ABSTIME("FT_ABSOLUTE_TIME", "Date and time", 0),
    IPV4("FT_IPv4", "IPv4 address", 4),
    IPV6("FT_IPv6", "IPv6 address", 16),
    ETHER("FT_ETHER", "Ethernet or other MAC address", 6),
    BYTES("FT_BYTES", "Byte sequence", 0),
    STRING("FT_STRING", "Character string", 0);

    final String ftName;
    final String pretty;
    /** What {@code len()} says of a value of a type without a length of its own (wire size). */
    final int wireSize;

    FType(String ftName, String pretty, int wireSize) {
        this.ftName = ftName;
        this.pretty = pretty;
        this.wireSize = wireSize;
    }

    static FType of(Field f) {
        return switch (f.type()) {
            case PROTOCOL -> PROTOCOL;
            case NONE -> NONE;
            case BOOLEAN -> BOOLEAN;
            case UINT -> switch (FieldTypes.width(f)) {
                case 8 -> UINT8;
                case 16 -> UINT16;
                case 24 -> UINT24;
                case 64 -> UINT64;
                default -> UINT32;
            };
            case INT -> switch (FieldTypes.width(f)) {
                case 8 -> INT8;
                case 16 -> INT16;
                case 64 -> INT64;
                default -> INT32;
            };
            case FRAMENUM -> FRAMENUM;
            case RELATIVE_TIME -> RELTIME;
            case ABSOLUTE_TIME -> ABSTIME;
            case DOUBLE -> DOUBLE;
            case IPV4 -> IPV4;
            case IPV6 -> IPV6;
            case ETHER -> ETHER;
            case BYTES -> BYTES;
            case STRING -> STRING;
        };
    }

    boolean isUnsigned() {
        return this == UINT8 || this == UINT16 || this == UINT24 || this == UINT32 || this == UINT64 || this == FRAMENUM;
    }

    boolean isSigned() {
        return this == INT8 || this == INT16 || this == INT32 || this == INT64;
    }

    /** Integers of any width (and frame numbers): held as longs, with arithmetic. */
    boolean isInteger() {
        return isUnsigned() || isSigned();
    }

    /** Largest value an unsigned literal of this type may have. */
    long maxUnsigned() {
        return switch (this) {
            case UINT8 -> 0xffL;
            case UINT16 -> 0xffffL;
            case UINT24 -> 0xffffffL;
            case UINT64 -> -1L;
            default -> 0xffffffffL;
        };
    }

    /** Values held as bytes (compared byte by byte, sliced as they are): semcheck's is_bytes_type. */
    boolean isBytes() {
        return this == ETHER || this == BYTES || this == IPV6;
    }

    boolean canEq() { return this != NONE; }

    boolean canOrder() { return this != NONE; }

    boolean canContains() { return this == PROTOCOL || this == ETHER || this == BYTES || this == STRING; }

    boolean canMatches() { return canContains(); }

    boolean canSlice() { return canContains() || this == IPV4 || this == IPV6; }

    /** Types whose {@code len()} is their actual length rather than the wire size. */
    boolean hasLength() { return canContains(); }

    boolean canBitAnd() { return isInteger() || this == IPV4 || this == IPV6 || this == ETHER || this == BYTES; }

    boolean canNegate() { return isInteger() || this == DOUBLE || this == RELTIME; }

    boolean canAdd() { return isInteger() || this == DOUBLE || this == RELTIME; }

    boolean canMultiply() { return isInteger() || this == DOUBLE; }

    boolean canModulo() { return isInteger(); }

    /** Whether values of the two types may be compared (semcheck's compatible_ftypes). */
    static boolean compatible(FType a, FType b) {
        return switch (a) {
            case NONE, BOOLEAN, PROTOCOL, ABSTIME, RELTIME, IPV4, IPV6 -> a == b;
            case DOUBLE -> b == DOUBLE;
            case ETHER, BYTES -> b == ETHER || b == BYTES;
            case STRING -> b == STRING;
            default -> b.isInteger() || b == BOOLEAN;
        };
    }
}

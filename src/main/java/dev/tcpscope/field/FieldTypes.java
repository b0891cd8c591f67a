package dev.tcpscope.field;

/**
 * Wireshark's names for a field's type: the {@code ftenum} name ({@code FT_UINT16}) that
 * {@code tshark -G fields} lists, and the "pretty" name ({@code Unsigned integer (2 bytes)})
 * its display-filter errors use (Wireshark 4.0 {@code epan/ftypes/ftype-*.c}).
 */
public final class FieldTypes {
    private FieldTypes() { }

    /** {@code FT_UINT16}, {@code FT_BOOLEAN} ... */
    public static String ftName(Field f) {
        return switch (f.type()) {
            case PROTOCOL -> "FT_PROTOCOL";
            case NONE -> "FT_NONE";
            case BOOLEAN -> "FT_BOOLEAN";
            case UINT -> "FT_UINT" + width(f);
            case INT -> "FT_INT" + width(f);
            case FRAMENUM -> "FT_FRAMENUM";
            case RELATIVE_TIME -> "FT_RELATIVE_TIME";
            case ABSOLUTE_TIME -> "FT_ABSOLUTE_TIME";
            case DOUBLE -> "FT_DOUBLE";
            case IPV4 -> "FT_IPv4";
            case IPV6 -> "FT_IPv6";
            case ETHER -> "FT_ETHER";
            case BYTES -> "FT_BYTES";
            case STRING -> "FT_STRING";
        };
    }

    /** The width of an integer field in bits, 32 when the table does not say. */
    public static int width(Field f) {
        return f.bits() == 0 ? 32 : f.bits();
    }

    /** {@code Unsigned integer (2 bytes)}, {@code Boolean} ... */
    public static String prettyName(Field f) {
        return switch (f.type()) {
            case PROTOCOL -> "Protocol";
            case NONE -> "Label";
            case BOOLEAN -> "Boolean";
            case UINT -> "Unsigned integer (" + bytes(width(f)) + ")";
            case INT -> "Signed integer (" + bytes(width(f)) + ")";
            case FRAMENUM -> "Frame number";
            case RELATIVE_TIME -> "Time offset";
            case ABSOLUTE_TIME -> "Date and time";
            case DOUBLE -> "Floating point (double-precision)";
            case IPV4 -> "IPv4 address";
            case IPV6 -> "IPv6 address";
            case ETHER -> "Ethernet or other MAC address";
            case BYTES -> "Byte sequence";
            case STRING -> "Character string";
        };
    }

    private static String bytes(int bits) {
        int n = bits / 8;
        return n + (n == 1 ? " byte" : " bytes");
    }

    /** The protocol a field belongs to: the part of its name before the first dot. */
    public static String parent(Field f) {
        String n = f.name();
        // Wireshark's own pseudo-protocols are two parts long: _ws.expert.message belongs to _ws.expert
        int dot = n.startsWith("_ws.") ? n.indexOf('.', 4) : n.indexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }
}

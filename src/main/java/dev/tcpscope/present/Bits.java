package dev.tcpscope.present;

/**
 * The bit pattern in front of a bit field's label, as Wireshark's
 * {@code decode_bitfield_value} writes it: the container's bits from the most significant,
 * a space every four, each bit under the mask as 0 or 1 and every other bit as a dot, then
 * {@code " = "}. For an 8-bit container with mask 0xf0 and value 0x45: {@code "0100 .... = "}.
 */
final class Bits {
    private Bits() { }

    /** The pattern of {@code value} under {@code mask} in a {@code width}-bit container, with " = ". */
    static String pattern(long value, long mask, int width) {
        StringBuilder sb = new StringBuilder(width + width / 4 + 3);
        for (int bit = width - 1; bit >= 0; bit--) {
            long m = 1L << bit;
            sb.append((mask & m) == 0 ? '.' : (value & m) != 0 ? '1' : '0');
            if (bit > 0 && bit % 4 == 0) {
                sb.append(' ');
            }
        }
        return sb.append(" = ").toString();
    }

    /** A boolean bit: {@code pattern + name + ": Set"/"Not set"}. */
    static String flag(long value, long mask, int width, String name) {
        return pattern(value, mask, width) + name + ": " + ((value & mask) != 0 ? "Set" : "Not set");
    }
}

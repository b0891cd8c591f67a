package dev.tcpscope.present;

/**
 * The bit pattern in front of a bit field's label, as Wireshark's
 * {@code decode_bitfield_value} writes it: the container's bits from the most significant,
 * a space every four, each bit under the mask as 0 or 1 and every other bit as a dot, then
 * {@code " = "}. For an 8-bit container with mask 0xf0 and value 0x45: {@code "0100 .... = "}.
 *
 * <p>A frame's tree has a few dozen of these and they repeat from frame to frame (the same
 * flags, mostly the same values), so each label is kept in a small direct-mapped table once
 * made: {@code -V} spent a tenth of its tree building making them anew. An entry is immutable
 * and replaced whole, so threads that build trees at once (the web view) may share the table.
 */
final class Bits {
    private Bits() { }

    private static final int SLOTS = 1 << 10;
    private static final Pattern[] PATTERNS = new Pattern[SLOTS];
    private static final Flag[] FLAGS = new Flag[SLOTS];

    private record Pattern(long bits, long mask, int width, String text) { }

    private record Flag(boolean set, long mask, int width, String name, String text) { }

    /** The pattern of {@code value} under {@code mask} in a {@code width}-bit container, with " = ". */
    static String pattern(long value, long mask, int width) {
        long bits = value & mask;
        int slot = slot(bits * 31 + mask, width);
        Pattern p = PATTERNS[slot];
        if (p != null && p.bits == bits && p.mask == mask && p.width == width) {
            return p.text;
        }
        String text = make(bits, mask, width);
        PATTERNS[slot] = new Pattern(bits, mask, width, text);
        return text;
    }

    private static String make(long value, long mask, int width) {
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
        boolean set = (value & mask) != 0;
        int slot = slot(mask * 31 + name.hashCode() + (set ? 17 : 0), width);
        Flag f = FLAGS[slot];
        if (f != null && f.set == set && f.mask == mask && f.width == width && f.name.equals(name)) {
            return f.text;
        }
        String text = pattern(value, mask, width) + name + ": " + (set ? "Set" : "Not set");
        FLAGS[slot] = new Flag(set, mask, width, name, text);
        return text;
    }

    private static int slot(long key, int width) {
        long h = (key + width) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 54); // the top ten bits: SLOTS entries
    }
}

package dev.tcpscope.field;

/**
 * One filterable field, with Wireshark's name and type: {@code tcp.srcport}, an unsigned 16-bit
 * integer written in decimal. {@code bits} is the width of integer fields (8, 16, 24, 32, 64;
 * 0 otherwise), which a hex value is padded to.
 */
public record Field(String name, String title, FieldType type, int bits, Base base, Extractor extractor) {
    /** A field whose value is not an integer. */
    public static Field of(String name, String title, FieldType type, Extractor extractor) {
        return new Field(name, title, type, 0, Base.NONE, extractor);
    }

    /** An integer field. */
    public static Field integer(String name, String title, FieldType type, int bits, Base base, Extractor extractor) {
        return new Field(name, title, type, bits, base, extractor);
    }
}

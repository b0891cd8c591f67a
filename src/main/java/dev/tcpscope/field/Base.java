package dev.tcpscope.field;

/** How an integer field is written (Wireshark's {@code field_display_e} for integers). */
public enum Base {
    DEC,
    /** {@code 0x} and as many hex digits as the field's width. */
    HEX,
    /** Decimal, then the hex form in parentheses. */
    DEC_HEX,
    /** Hex, then the decimal in parentheses. */
    HEX_DEC,
    OCT,
    NONE,
    /** A byte field whose empty value -T fields writes {@code <none>} ({@code BASE_ALLOW_ZERO}), not {@code <MISSING>}. */
    ALLOW_ZERO,
    /** An absolute time written as a local date and time ({@code Nov 24, 2026 14:25:25.485160908 UTC}). */
    LOCAL_TIME
}

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
    NONE
}

package dev.tcpscope.proto.dnp3;

/**
 * The Info column as packet-dnp.c writes it (epan/column-utils.c): {@code col_clear} keeps what a
 * fence holds, {@code col_append_sep_str(..., NULL, ...)} puts ", " first unless the column is
 * empty, {@code col_set_fence} keeps what is there from later clears. A frame's link frames write
 * one after the other, so a function name an application message fenced stays in front of the
 * next link frame's text.
 */
interface Cols {
    /** col_clear. */
    void clear();

    /** col_append_str / col_append_fstr. */
    void append(CharSequence text);

    /** col_append_sep_str with the default separator ", ". */
    void appendSeparated(CharSequence text);

    /** col_set_fence. */
    void fence();

    /** Writes nothing: the walks of the tree pass. */
    Cols NONE = new Cols() {
        @Override public void clear() { }
        @Override public void append(CharSequence text) { }
        @Override public void appendSeparated(CharSequence text) { }
        @Override public void fence() { }
    };
}

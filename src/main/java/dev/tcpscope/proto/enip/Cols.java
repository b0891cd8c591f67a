package dev.tcpscope.proto.enip;

import dev.tcpscope.tcp.AppColumns;

/**
 * The Protocol and Info columns as packet-enip.c and packet-cip.c write them (col_set_str,
 * col_clear, col_append_sep_str, col_append_str, col_set_fence): the frame's columns at
 * dissection, {@link #NONE} when the walk only builds a detail tree.
 */
interface Cols {
    void protocol(String p);

    /** col_clear: back to the fence. */
    void clear();

    /** col_append_sep_str. */
    void sep(String sep, String text);

    /** col_append_str. */
    void append(String text);

    /** col_set_fence. */
    void fence();

    Cols NONE = new Cols() {
        @Override public void protocol(String p) { }
        @Override public void clear() { }
        @Override public void sep(String sep, String text) { }
        @Override public void append(String text) { }
        @Override public void fence() { }
    };

    /** The frame's columns; what goes past the Info column's 4095 bytes is cut, as its fixed buffer cuts it. */
    static Cols of(AppColumns c) {
        return new Cols() {
            @Override public void protocol(String p) { c.setProtocol(p); }
            @Override public void clear() { c.setInfo(""); }

            @Override public void sep(String sep, String text) {
                if (c.info().isEmpty()) {
                    c.appendSeparated(sep, fit(text));
                } else {
                    append(sep + text);
                }
            }

            @Override public void append(String text) { c.appendInfo(fit(text)); }
            @Override public void fence() { c.fence(); }

            private String fit(String text) {
                int room = dev.tcpscope.proto.Text.MAX_INFO - 1 - c.info().length();
                return room >= text.length() ? text : room <= 0 ? "" : text.substring(0, room);
            }
        };
    }
}

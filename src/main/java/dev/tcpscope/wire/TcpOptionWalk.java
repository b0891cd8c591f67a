package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * Walks the options of a TCP header (RFC 9293 §3.1) the way Wireshark 4.0's
 * {@code tcp_dissect_options()} does, so that every reader of the options (the Info column, the
 * analysis, the field table) stops at the same place: at the end of the header, at an option
 * whose length byte is impossible (below 2 or past the header), at a non-zero byte after EOL,
 * or where the bytes needed next were not captured. Like Wireshark, the walk reads on after
 * EOL: each further zero byte is another EOL.
 *
 * <p>Only the kind and length bytes are checked here, and the Multipath TCP option's contents
 * ({@link Mptcp#firstFailingRead}): its dissector reads fields the option may not hold, and
 * the exception that follows ends everyone's walk after that option. Other options' contents
 * are checked by whoever reads them. Reused: {@link #reset} then {@link #next} until it
 * returns a negative value.
 */
public final class TcpOptionWalk {
    /** The walk ended normally (EOL, end of header, or an impossible length). */
    public static final int END = -1;
    /** The next byte to read was not captured; {@link #need()} says how many header bytes it needed. */
    public static final int SHORT = -2;
    /**
     * The option before read past its own length (a short MPTCP option): Wireshark's dissection
     * stopped with a malformed-packet error.
     */
    public static final int MALFORMED = -3;

    private MemorySegment segment;
    private long base;
    private int end;
    private int captured;
    private int pos;
    private int next;
    private int length;
    private int need;
    private boolean eolSeen;
    /** What {@link #next} returns from now on, once an option's reads failed (0: none). */
    private int stop;

    /**
     * Starts a walk over the options of the header at {@code tcpOffset}, whose header length is
     * {@code headerLength} and of which {@code captured} bytes were captured.
     */
    public TcpOptionWalk reset(MemorySegment s, long tcpOffset, int headerLength, int captured) {
        this.segment = s;
        this.base = tcpOffset;
        this.end = headerLength;
        this.captured = captured;
        this.next = Tcp.MIN_HEADER_LENGTH;
        this.eolSeen = false;
        this.stop = 0;
        return this;
    }

    /**
     * Moves to the next option and returns its kind ({@link Tcp#OPT_NOP} and {@link Tcp#OPT_EOL}
     * included), or {@link #END} or {@link #SHORT}.
     */
    public int next() {
        if (stop != 0) {
            return stop;
        }
        pos = next;
        if (pos >= end) {
            return END;
        }
        if (captured < pos + 1) {
            need = pos + 1;
            return SHORT;
        }
        int kind = Bytes.u8(segment, base + pos);
        if (eolSeen && kind != Tcp.OPT_EOL) {
            return END; // non-zero padding
        }
        if (kind == Tcp.OPT_EOL || kind == Tcp.OPT_NOP) {
            eolSeen |= kind == Tcp.OPT_EOL;
            length = 1;
            next = pos + 1;
            return kind;
        }
        if (pos + 1 >= end) {
            return END; // no room for the length byte
        }
        if (captured < pos + 2) {
            need = pos + 2;
            return SHORT;
        }
        length = Bytes.u8(segment, base + pos + 1);
        if (length < 2 || pos + length > end) {
            return END;
        }
        next = pos + length;
        if (kind == Tcp.OPT_MPTCP) {
            int fail = Mptcp.firstFailingRead(segment, base + pos, length, Math.min(length, captured - pos));
            if (fail != 0) {
                stop = fail > length ? MALFORMED : SHORT;
                need = pos + fail;
            }
        }
        return kind;
    }

    /** The current option's position from the start of the TCP header. */
    public int position() { return pos; }

    /** The current option's absolute offset in the segment. */
    public long offset() { return base + pos; }

    /** The current option's length byte (1 for NOP). */
    public int length() { return length; }

    /** After {@link #SHORT}: the header bytes that had to be captured. */
    public int need() { return need; }

    /** Whether the first {@code bytes} of the current option were captured. */
    public boolean captured(int bytes) { return captured >= pos + bytes; }
}

package dev.tcpscope.synth;

/**
 * A reusable list of TCP options in wire form (RFC 9293 §3.1), appended in the order called and
 * padded with EOL to a multiple of four bytes when a segment is built. At most 40 bytes; an
 * option that does not fit throws {@link IllegalStateException}.
 */
public final class TcpOptions {
    /** Option kinds (IANA "TCP Option Kind Numbers"). */
    public static final int EOL = 0, NOP = 1, MSS = 2, WINDOW_SCALE = 3, SACK_PERMITTED = 4, SACK = 5,
            TIMESTAMPS = 8;
    /** Largest option space a TCP header can hold. */
    public static final int MAX_LENGTH = 40;

    final byte[] bytes = new byte[MAX_LENGTH];
    int length;

    /** Removes every option. */
    public TcpOptions clear() {
        length = 0;
        return this;
    }

    /** Bytes of options so far, before padding. */
    public int length() {
        return length;
    }

    /** Length in bytes once padded to a multiple of four. */
    public int paddedLength() {
        return (length + 3) & ~3;
    }

    public TcpOptions nop() {
        room(1);
        bytes[length++] = NOP;
        return this;
    }

    /** Maximum segment size (RFC 9293 §3.7.1). */
    public TcpOptions mss(int mss) {
        room(4);
        bytes[length] = MSS;
        bytes[length + 1] = 4;
        putShort(length + 2, mss);
        length += 4;
        return this;
    }

    /** Window scale shift count (RFC 7323 §2). */
    public TcpOptions windowScale(int shift) {
        room(3);
        bytes[length] = WINDOW_SCALE;
        bytes[length + 1] = 3;
        bytes[length + 2] = (byte) shift;
        length += 3;
        return this;
    }

    /** SACK permitted (RFC 2018 §2). */
    public TcpOptions sackPermitted() {
        room(2);
        bytes[length] = SACK_PERMITTED;
        bytes[length + 1] = 2;
        length += 2;
        return this;
    }

    /** Timestamps TSval and TSecr (RFC 7323 §3). */
    public TcpOptions timestamps(int tsval, int tsecr) {
        room(10);
        bytes[length] = TIMESTAMPS;
        bytes[length + 1] = 10;
        putInt(length + 2, tsval);
        putInt(length + 6, tsecr);
        length += 10;
        return this;
    }

    /** One SACK block: left edge and right edge as absolute sequence numbers (RFC 2018 §3). */
    public TcpOptions sack(int left, int right) {
        room(10);
        bytes[length] = SACK;
        bytes[length + 1] = 10;
        putInt(length + 2, left);
        putInt(length + 6, right);
        length += 10;
        return this;
    }

    /**
     * SACK with {@code count} blocks whose edges are {@code edges[2i]} (left) and
     * {@code edges[2i+1]} (right).
     */
    public TcpOptions sack(int[] edges, int count) {
        if (count < 1 || count > 4) throw new IllegalArgumentException("SACK blocks: " + count);
        int n = 2 + 8 * count;
        room(n);
        bytes[length] = SACK;
        bytes[length + 1] = (byte) n;
        for (int i = 0; i < count; i++) {
            putInt(length + 2 + 8 * i, edges[2 * i]);
            putInt(length + 6 + 8 * i, edges[2 * i + 1]);
        }
        length += n;
        return this;
    }

    private void room(int n) {
        if (length + n > MAX_LENGTH) throw new IllegalStateException("TCP options exceed 40 bytes");
    }

    private void putShort(int at, int v) {
        bytes[at] = (byte) (v >>> 8);
        bytes[at + 1] = (byte) v;
    }

    private void putInt(int at, int v) {
        bytes[at] = (byte) (v >>> 24);
        bytes[at + 1] = (byte) (v >>> 16);
        bytes[at + 2] = (byte) (v >>> 8);
        bytes[at + 3] = (byte) v;
    }
}

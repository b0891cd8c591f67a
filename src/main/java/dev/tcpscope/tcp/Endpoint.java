package dev.tcpscope.tcp;

/**
 * What one direction of a conversation has told us so far (Zeek's TCP_Endpoint idea): the base
 * of its relative sequence numbers and its window scale. The analysis issue adds the rest.
 */
public final class Endpoint {
    /** Window scale is not known (no SYN with the option seen for this direction). */
    public static final int SCALE_UNKNOWN = -1;
    /** Window scaling is known not to be in use (RFC 7323 §2.2: both SYNs must carry the option). */
    public static final int SCALE_NONE = -2;

    /** Relative sequence numbers count from here (the ISN, or the first seen seq − 1). */
    long baseSeq;
    boolean baseSet;
    /** Shift count from the WS option, or {@link #SCALE_UNKNOWN} / {@link #SCALE_NONE}. */
    int winScale = SCALE_UNKNOWN;

    public long baseSeq() { return baseSeq; }

    public int winScale() { return winScale; }
}

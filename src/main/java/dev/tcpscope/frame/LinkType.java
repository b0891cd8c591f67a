package dev.tcpscope.frame;

/**
 * LINKTYPE_ values from the tcpdump.org registry (https://www.tcpdump.org/linktypes.html).
 *
 * <p>Link types are an open set (any 16-bit value may appear in a file), so they stay plain
 * {@code int}s; these constants name the ones tcpscope dissects. DLT 12 and 14 are the
 * platform-specific raw-IP values that pcap files carry as-is on some systems.
 */
public final class LinkType {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** PPP, its frames starting with the address and control bytes or the protocol field. */
    public static final int PPP = 9;
    /** PPP in HDLC-like framing (RFC 1662); Wireshark reads it as {@link #PPP}. */
    public static final int PPP_HDLC = 50;
    public static final int RAW_DLT12 = 12;
    public static final int RAW_DLT14 = 14;
    public static final int RAW = 101;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {}

    /** Whether tcpscope has a dissector for frames of this link type. */
    public static boolean isDissected(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, PPP, PPP_HDLC, RAW_DLT12, RAW_DLT14, RAW, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }
}

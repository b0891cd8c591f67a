package dev.tcpscope.wire;


/** IGMP's first byte, the key of packet-igmp.c's "igmp.type" dissector table. */
public final class IgmpType {
    private IgmpType() { }

    /**
     * Whether IGMP layer {@code i} of {@code d} has a type packet-igmp.c registers a dissector of
     * its own for in "igmp.type" (versions 0-3, multicast traceroute): that dissector is reached
     * through the table, which names the protocol a second time in {@code frame.protocols}.
     */
    public static boolean dispatched(Dissection d, int i) {
        return d.captured(i) >= 1 && dispatched(Bytes.u8(d.segment(i), d.offset(i)));
    }

    public static boolean dispatched(int type) {
        return type <= 15 || type == 0x11 || type == 0x12 || type == 0x16 || type == 0x17 || type == 0x22
                || type == 0x1e || type == 0x1f;
    }

}

package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * The tunnels Wireshark's "udp.port" table hands a datagram to, and the length of each one's
 * header: VXLAN (RFC 7348, packet-vxlan.c), Geneve (RFC 8926, packet-geneve.c) and GTP
 * (3GPP TS 29.281 GTPv1-U, TS 29.060 GTPv1-C; packet-gtp.c). What follows a header is handed
 * back to the wire layer ({@link Dissector}) as GRE's payload is.
 */
public final class UdpTunnel {
    public static final int PORT_VXLAN = 4789;
    public static final int PORT_GENEVE = 6081;
    public static final int PORT_GTP_U = 2152;
    public static final int PORT_GTP_C = 2123;
    /** GTPv0 (GSM 09.60) and GTP' (TS 32.295). */
    public static final int PORT_GTP_V0 = 3386;
    public static final int PORT_VXLAN_GPE = 4790;

    /** VXLAN's fixed header: flags, group policy ID, VNI, reserved. */
    public static final int VXLAN_LENGTH = 8;
    /** Geneve's fixed header, before its options. */
    public static final int GENEVE_LENGTH = 8;
    /** GTPv1's mandatory header: flags, message type, length, TEID. */
    public static final int GTP_LENGTH = 8;
    /** GTPv0's header: flags, type, length, sequence, flow label, SNDCP N-PDU, spare, TID. */
    public static final int GTP_V0_LENGTH = 20;
    /** GTP message type of a T-PDU, which carries a user datagram. */
    public static final int GTP_TPDU = 255;

    private UdpTunnel() { }

    /**
     * The tunnel a datagram between these ports goes to, or null: the lower port is tried
     * before the higher one, as packet-udp.c does with "try heuristic first" off.
     */
    public static Proto byPorts(int src, int dst) {
        int low = Math.min(src, dst);
        int high = Math.max(src, dst);
        Proto p = byPort(low);
        return p != null ? p : byPort(high);
    }

    private static Proto byPort(int port) {
        return switch (port) {
            case PORT_VXLAN -> Proto.VXLAN;
            case PORT_VXLAN_GPE -> Proto.VXLAN_GPE;
            case PORT_GENEVE -> Proto.GENEVE;
            case PORT_GTP_U, PORT_GTP_C, PORT_GTP_V0 -> Proto.GTP;
            default -> null;
        };
    }

    /** Whether {@code p} is one of the UDP tunnels. */
    public static boolean isTunnel(Proto p) {
        return p == Proto.VXLAN || p == Proto.VXLAN_GPE || p == Proto.GENEVE || p == Proto.GTP;
    }

    /** Geneve's header length with its options ({@code Opt Len} in 4-byte words); needs 1 byte. */
    public static int geneveLength(MemorySegment s, long off) {
        return GENEVE_LENGTH + (Bytes.u8(s, off) & 0x3f) * 4;
    }

    /** Geneve's version (the top 2 bits). */
    public static int geneveVersion(MemorySegment s, long off) { return Bytes.u8(s, off) >>> 6; }

    /** Geneve's protocol type: an EtherType. */
    public static int geneveProtocol(MemorySegment s, long off) { return Bytes.u16(s, off + 2); }

    /** GTP's version (the top 3 bits of the first byte). */
    public static int gtpVersion(MemorySegment s, long off) { return Bytes.u8(s, off) >>> 5; }

    /**
     * Where a GTPv1 header with its optional fields and extension headers ends, or
     * {@code -(need)} when {@code cap} bytes run out before that, or {@link Integer#MIN_VALUE}
     * when an extension header's length is 0 (packet-gtp.c stops there). At most
     * {@code maxExtensions} extension headers are walked (the rest are taken as payload).
     */
    public static int gtpLength(MemorySegment s, long off, int cap) {
        if (cap < GTP_LENGTH) {
            return -GTP_LENGTH;
        }
        int flags = Bytes.u8(s, off);
        if ((flags & 0x07) == 0) {
            return GTP_LENGTH;
        }
        if (cap < GTP_LENGTH + 4) {
            return -(GTP_LENGTH + 4);
        }
        int pos = GTP_LENGTH + 4;
        int next = (flags & 0x04) != 0 ? Bytes.u8(s, off + pos - 1) : 0;
        int walked = 0;
        while (next != 0) {
            if (cap < pos + 1) {
                return -(pos + 1);
            }
            int len = Bytes.u8(s, off + pos) * 4;
            if (len == 0) {
                return Integer.MIN_VALUE;
            }
            if (cap < pos + len) {
                return -(pos + len);
            }
            next = Bytes.u8(s, off + pos + len - 1);
            pos += len;
            if (++walked == 64) {
                return Integer.MIN_VALUE;
            }
        }
        return pos;
    }

    /** GTP's message type. */
    public static int gtpType(MemorySegment s, long off) { return Bytes.u8(s, off + 1); }

    /** GTP's length field: the bytes after the mandatory 8-byte header. */
    public static int gtpLengthField(MemorySegment s, long off) { return Bytes.u16(s, off + 2); }

    /**
     * Where the bytes a tunnel layer {@code i} of {@code x} leaves to the data dissector begin:
     * after Geneve's header and options (a protocol type nothing here dissects), after VXLAN's
     * 8 bytes; GTP keeps its bytes (information elements are its own items).
     */
    public static int dataStart(Dissection x, int i) {
        return switch (x.proto(i)) {
            case VXLAN, VXLAN_GPE -> VXLAN_LENGTH;
            case GENEVE -> x.captured(i) >= 1 ? geneveLength(x.segment(i), x.offset(i)) : x.captured(i);
            default -> x.captured(i);
        };
    }

    /** How many reported bytes after a tunnel layer {@code i} that ends the dissection go to data. */
    public static int leftover(Dissection x, int i) {
        if (x.proto(i) == Proto.VXLAN_GPE) {
            return Math.max(0, x.reported(i) - VXLAN_LENGTH); // a next protocol not followed: data
        }
        if (x.proto(i) != Proto.GENEVE || x.captured(i) < GENEVE_LENGTH) {
            return 0;
        }
        int hlen = geneveLength(x.segment(i), x.offset(i));
        return Math.max(0, x.reported(i) - hlen);
    }
}

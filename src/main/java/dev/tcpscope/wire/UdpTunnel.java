package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/**
 * The tunnels Wireshark's "udp.port" table hands a datagram to, and the length of each one's
 * header: VXLAN (RFC 7348, packet-vxlan.c), Geneve (RFC 8926, packet-geneve.c) and GTP
 * (3GPP TS 29.281 GTPv1-U, TS 29.060 GTPv1-C; packet-gtp.c) and Teredo (RFC 4380,
 * packet-teredo.c; its UDP heuristic is off in tshark 4.0, so port 3544 only). What follows a header is handed
 * back to the wire layer ({@link Dissector}) as GRE's payload is.
 */
public final class UdpTunnel {
    public static final int PORT_VXLAN = 4789;
    public static final int PORT_GENEVE = 6081;
    public static final int PORT_GTP_U = 2152;
    public static final int PORT_GTP_C = 2123;
    /** GTPv0 (GSM 09.60) and GTP' (TS 32.295). */
    public static final int PORT_GTP_V0 = 3386;
    /** IPsec's NAT traversal (RFC 3948, packet-ipsec-udp.c): ESP, or IKE after a zero marker. */
    public static final int PORT_UDPENCAP = 4500;
    /** RFC 3948's non-ESP marker: four zero bytes before an IKE message on port 4500. */
    public static final int NON_ESP_MARKER_LENGTH = 4;
    public static final int PORT_VXLAN_GPE = 4790;
    public static final int PORT_TEREDO = 3544;
    /** Teredo's authentication header without its client identifier and value: indicator, two lengths, nonce, confirmation. */
    public static final int TEREDO_AUTH_LENGTH = 13;
    /** Teredo's origin indication: indicator, obfuscated port, obfuscated IPv4 address. */
    public static final int TEREDO_ORIGIN_LENGTH = 8;

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
     * before the higher one, as packet-udp.c does with "try heuristic first" off, so a lower
     * port that another UDP dissector owns ({@code claimed}: DNS's 53, a port decoded as
     * something) keeps the datagram from a tunnel on the higher one.
     */
    public static Proto byPorts(int src, int dst, java.util.function.IntPredicate claimed) {
        int low = Math.min(src, dst);
        int high = Math.max(src, dst);
        Proto p = byPort(low);
        if (p != null) {
            return p;
        }
        Proto q = byPort(high); // most datagrams end here, without asking about the lower port
        return q == null || claimed.test(low) ? null : q;
    }

    /** {@link #byPorts(int, int, java.util.function.IntPredicate)} with no other UDP dissector. */
    public static Proto byPorts(int src, int dst) {
        return byPorts(src, dst, port -> false);
    }

    private static Proto byPort(int port) {
        return switch (port) {
            case PORT_VXLAN -> Proto.VXLAN;
            case PORT_VXLAN_GPE -> Proto.VXLAN_GPE;
            case PORT_GENEVE -> Proto.GENEVE;
            case PORT_GTP_U, PORT_GTP_C, PORT_GTP_V0 -> Proto.GTP;
            case PORT_UDPENCAP -> Proto.UDPENCAP;
            case PORT_TEREDO -> Proto.TEREDO;
            default -> null;
        };
    }

    /** Whether {@code p} is one of the UDP tunnels. */
    public static boolean isTunnel(Proto p) {
        return p == Proto.VXLAN || p == Proto.VXLAN_GPE || p == Proto.GENEVE || p == Proto.GTP || p == Proto.UDPENCAP
                || p == Proto.TEREDO;
    }

    /** Geneve's header length with its options ({@code Opt Len} in 4-byte words); needs 1 byte. */
    public static int geneveLength(MemorySegment s, long off) {
        return GENEVE_LENGTH + (Bytes.u8(s, off) & 0x3f) * 4;
    }

    /** Geneve's version (the top 2 bits). */
    public static int geneveVersion(MemorySegment s, long off) { return Bytes.u8(s, off) >>> 6; }

    /** Geneve's protocol type: an EtherType. */
    public static int geneveProtocol(MemorySegment s, long off) { return Bytes.u16(s, off + 2); }

    /**
     * Where Teredo's headers end and the IPv6 datagram begins, as packet-teredo.c reads them: an
     * authentication header when the first two bytes are 1, then an origin indication when the
     * next two are 0 (each at most once); or {@code -(need)} when {@code cap} bytes run out
     * first. packet-teredo.c also reads the byte after the headers, so one more must exist.
     */
    public static int teredoLength(MemorySegment s, long off, int cap) {
        if (cap < 2) {
            return -2;
        }
        int pos = 0;
        if (Bytes.u16(s, off) == 1) {
            if (cap < 4) {
                return -4;
            }
            pos = TEREDO_AUTH_LENGTH + Bytes.u8(s, off + 2) + Bytes.u8(s, off + 3);
            if (cap < pos + 2) {
                return -(pos + 2);
            }
        }
        if (Bytes.u16(s, off + pos) == 0) {
            pos += TEREDO_ORIGIN_LENGTH;
        }
        return cap < pos + 1 ? -(pos + 1) : pos;
    }

    /**
     * Whether ICMPv6 layer {@code i} of {@code d} is Teredo's direct IPv6 connectivity test
     * (RFC 4380 §5.2.9) as packet-icmpv6.c sees it: an echo request whose frame's last
     * transport header before it (pinfo's destination port) is a UDP one to port 3544. Such a
     * request is shown as "Teredo", and its 4 bytes after the sequence number are a nonce.
     */
    public static boolean teredoTest(Dissection d, int i) {
        if (d.captured(i) < 1 || Bytes.u8(d.segment(i), d.offset(i)) != 128) {
            return false;
        }
        for (int j = i - 1; j >= 0; j--) {
            if (d.proto(j) == Proto.TCP) {
                return false;
            }
            if (d.proto(j) == Proto.UDP) {
                return d.captured(j) >= 4 && Udp.dstPort(d.segment(j), d.offset(j)) == PORT_TEREDO;
            }
        }
        return false;
    }

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

    /** Whether tshark 4.0.17 names GTP message type {@code t} (gtp.message's value string). */
    public static boolean gtpKnownType(int t) {
        return t <= 7 || t >= 16 && t <= 37 || t >= 48 && t <= 62 || t == 70 || t >= 96 && t <= 105
                || t >= 112 && t <= 121 || t == 128 || t == 129 || t == 240 || t == 241 || t == 254 || t == 255;
    }

    /**
     * Whether GTP layer {@code i} of {@code d} hands a T-PDU's payload on: a datagram that is the
     * next layer, or bytes that are not IP, which packet-gtp.c shows as "T-PDU Data" (and the
     * Protocol column then as "GTP &lt;GTP&gt;").
     */
    public static boolean gtpCarries(Dissection d, int i) {
        if (i + 1 < d.count()) {
            return true;
        }
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        int cap = d.captured(i);
        return tpduData(s, off, cap) > 0;
    }

    /** How many captured bytes of a T-PDU's payload are not IP ("T-PDU Data"), else 0. */
    public static int tpduData(MemorySegment s, long off, int cap) {
        if (cap < GTP_LENGTH || gtpType(s, off) != GTP_TPDU || (Bytes.u8(s, off) & 0x10) == 0) {
            return 0;
        }
        int v = gtpVersion(s, off);
        int hlen = v == 1 ? gtpLength(s, off, cap) : v == 0 ? GTP_V0_LENGTH : -1;
        if (hlen < 0 || cap <= hlen) {
            return 0;
        }
        return tpduKind(Bytes.u8(s, off + hlen)) == 0 ? cap - hlen : 0;
    }

    /**
     * What packet-gtp.c's default T-PDU heuristic makes of a payload's first byte: 4 (IPv4,
     * 0x45 to 0x4e), 6 (IPv6, 0x6_), 1 for an odd byte, taken as PPP (not dissected here: nothing
     * is shown), else 0: "T-PDU Data".
     */
    public static int tpduKind(int first) {
        if (first >= 0x45 && first <= 0x4e) {
            return 4;
        }
        if (first >>> 4 == 6) {
            return 6;
        }
        return (first & 1) != 0 ? 1 : 0;
    }

    /**
     * The name GTP layer {@code i} of {@code d} has in frame.protocols: packet-gtp.c registers
     * port 3386 for protocol gtpprime, the others for gtp, whatever the header says.
     */
    public static String gtpLayerName(Dissection d, int i) {
        if (i > 0 && d.proto(i - 1) == Proto.UDP && d.captured(i - 1) >= 4) {
            MemorySegment s = d.segment(i - 1);
            long off = d.offset(i - 1);
            if (gtpPort(Udp.srcPort(s, off), Udp.dstPort(s, off)) == PORT_GTP_V0) {
                return "gtpprime";
            }
        }
        return "gtp";
    }

    /** The GTP port a datagram between these ports went to (the lower one first), or 0. */
    public static int gtpPort(int src, int dst) {
        int low = Math.min(src, dst);
        int high = Math.max(src, dst);
        return byPort(low) == Proto.GTP ? low : byPort(low) == null && byPort(high) == Proto.GTP ? high : 0;
    }

    /** Whether UDP layer {@code i} of {@code d} holds a GTPv2 message on a GTP port (which the wire layer leaves to UDP). */
    public static boolean gtpV2(Dissection d, int i) {
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        if (d.captured(i) < Udp.HEADER_LENGTH + 1 || d.reported(i) <= Udp.HEADER_LENGTH) {
            return false;
        }
        int port = gtpPort(Udp.srcPort(s, off), Udp.dstPort(s, off));
        return (port == PORT_GTP_C || port == PORT_GTP_U) && Udp.length(s, off) > Udp.HEADER_LENGTH
                && gtpVersion(s, off + Udp.HEADER_LENGTH) == 2;
    }

    /** GTP's message type. */
    public static int gtpType(MemorySegment s, long off) { return Bytes.u8(s, off + 1); }

    /** GTP's length field: the bytes after the mandatory 8-byte header. */
    public static int gtpLengthField(MemorySegment s, long off) { return Bytes.u16(s, off + 2); }

    /**
     * Where the bytes a tunnel layer {@code i} of {@code x} leaves to the data dissector begin:
     * after Geneve's header and options (a protocol type nothing here dissects), after VXLAN's
     * 8 bytes, after Teredo's headers (a datagram whose version is not 6); GTP keeps its bytes (information elements are its own items).
     */
    public static int dataStart(Dissection x, int i) {
        return switch (x.proto(i)) {
            case VXLAN, VXLAN_GPE -> VXLAN_LENGTH;
            case UDPENCAP -> nonEspMarker(x, i) ? 4 : x.captured(i);
            case GENEVE -> x.captured(i) >= 1 ? geneveLength(x.segment(i), x.offset(i)) : x.captured(i);
            case TEREDO -> Math.max(0, teredoLength(x.segment(i), x.offset(i), x.captured(i)));
            default -> x.captured(i);
        };
    }

    /**
     * Whether UDP-encapsulation layer {@code i} carries IKE: its first 4 bytes are the zero
     * non-ESP marker (a single 0xFF byte is a NAT keepalive, anything else is ESP).
     */
    public static boolean nonEspMarker(Dissection x, int i) {
        return x.captured(i) >= 4 && Bytes.u32(x.segment(i), x.offset(i)) == 0;
    }

    /** Whether UDP-encapsulation layer {@code i} is a NAT keepalive: one captured byte, 0xFF. */
    public static boolean natKeepalive(Dissection x, int i) {
        return x.captured(i) == 1 && Bytes.u8(x.segment(i), x.offset(i)) == 0xff;
    }

    /** How many reported bytes after a tunnel layer {@code i} that ends the dissection go to data. */
    public static int leftover(Dissection x, int i) {
        if (x.proto(i) == Proto.UDPENCAP) {
            return nonEspMarker(x, i) ? x.reported(i) - 4 : 0; // the IKE message (isakmp is not dissected)
        }
        if (x.proto(i) == Proto.TEREDO) {
            // a datagram whose version is not 6 (the only way Teredo ends a whole dissection)
            return Math.max(0, x.reported(i) - Math.max(0, teredoLength(x.segment(i), x.offset(i), x.captured(i))));
        }
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

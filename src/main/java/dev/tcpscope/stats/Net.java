package dev.tcpscope.stats;

import dev.tcpscope.present.AddressText;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Ipv4;
import dev.tcpscope.wire.Ipv6;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Addresses of a frame's layers as Wireshark's taps receive them: an IP layer's source and
 * destination ({@code pinfo->src}/{@code dst}; for IPv6 the destination a routing header finally
 * names, as the transport sees it, or the header's own field for the IPv6 tap), copied to small
 * arrays because the tables keep them.
 */
final class Net {
    private Net() { }

    /** The source the transport layer sees ({@code pinfo->src}: an IPv6 home address option's). */
    static byte[] source(Dissection d, int ip) {
        boolean v4 = d.proto(ip) == Proto.IPV4;
        return copy(d.segment(ip), d.offset(ip) + (v4 ? Ipv4.SRC : d.ipv6Source(ip)), v4 ? 4 : 16);
    }

    /** The IP header's own source field. */
    static byte[] headerSource(Dissection d, int ip) {
        boolean v4 = d.proto(ip) == Proto.IPV4;
        return copy(d.segment(ip), d.offset(ip) + (v4 ? Ipv4.SRC : Ipv6.SRC), v4 ? 4 : 16);
    }

    /** The destination the transport layer sees ({@code pinfo->dst}). */
    static byte[] destination(Dissection d, int ip) {
        boolean v4 = d.proto(ip) == Proto.IPV4;
        return copy(d.segment(ip), d.offset(ip) + (v4 ? Ipv4.DST : d.ipv6Destination(ip)), v4 ? 4 : 16);
    }

    /** The IPv6 header's own destination field. */
    static byte[] headerDestination(Dissection d, int ip) {
        boolean v4 = d.proto(ip) == Proto.IPV4;
        return copy(d.segment(ip), d.offset(ip) + (v4 ? Ipv4.DST : Ipv6.DST), v4 ? 4 : 16);
    }

    /** The innermost IP layer of the frame, whose addresses end up in pinfo's src/dst and net_src/net_dst; -1 for none. */
    static int innermostIp(Dissection d) {
        int ip = -1;
        for (int i = 0; i < d.count(); i++) {
            if (d.proto(i) == Proto.IPV4 || d.proto(i) == Proto.IPV6) {
                ip = i;
            }
        }
        return ip;
    }

    static byte[] copy(MemorySegment s, long off, int n) {
        return s.asSlice(off, n).toArray(ValueLayout.JAVA_BYTE);
    }

    static int u16(MemorySegment s, long off) {
        return Short.toUnsignedInt(s.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), off));
    }

    /** An IPv4 or IPv6 address as tshark writes it (dotted quad, RFC 5952 text). */
    static String text(byte[] a) {
        StringBuilder sb = new StringBuilder(40);
        MemorySegment s = MemorySegment.ofArray(a);
        if (a.length == 4) {
            AddressText.appendIpv4(sb, s, 0);
        } else {
            AddressText.appendIpv6(sb, s, 0);
        }
        return sb.toString();
    }

    /** Parses a dotted-quad IPv4 address, or null. */
    static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** Parses an IPv6 address literal (no name lookup), or null. */
    static byte[] parseIpv6(String s) {
        if (!s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            byte[] a = java.net.InetAddress.getByName(s).getAddress(); // a literal: no resolver is asked
            return a.length == 16 ? a : null;
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}

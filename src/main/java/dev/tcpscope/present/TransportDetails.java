package dev.tcpscope.present;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Udp;
import dev.tcpscope.wire.UdpTunnel;

import java.lang.foreign.MemorySegment;

/**
 * Detail items of UDP (packet-udp.c, with its per-conversation stream index and timestamps),
 * and ARP (packet-arp.c); ICMP is {@link IcmpDetails}, ICMPv6 {@link Icmpv6Details}.
 */
final class TransportDetails {
    private final Details x;

    private final ArpDetails arp;

    TransportDetails(Details x) {
        this.arp = new ArpDetails(x);
        this.x = x;
    }

    boolean udp(int i, int ip) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        x.protocol("udp");
        if (!x.bounds(i, 4, "UDP")) {
            return false; // packet-udp.c reads the ports before it adds its item
        }
        DetailNode u = x.root.protocol("udp", "User Datagram Protocol").at(s, off, Udp.HEADER_LENGTH);
        int sp = Bytes.u16(s, off);
        int dp = Bytes.u16(s, off + 2);
        u.relabel("User Datagram Protocol, Src Port: " + sp + ", Dst Port: " + dp);
        DetailNode spItem = u.field("udp.srcport", "Source Port: " + sp, sp).at(s, off, 2);
        DetailNode dpItem = u.field("udp.dstport", "Destination Port: " + dp, dp).at(s, off + 2, 2);
        u.hidden("udp.port", Integer.toString(sp)).at(s, off, 2);
        u.hidden("udp.port", Integer.toString(dp)).at(s, off + 2, 2);
        traceroute(spItem, sp);
        traceroute(dpItem, dp);
        if (!x.bounds(i, 6, "UDP")) {
            return false;
        }
        int ulen = Udp.length(s, off);
        int reported = x.d.reported(i);
        boolean jumbo = ulen == 0 && ip >= 0 && x.d.proto(ip) == Proto.IPV6;
        if (jumbo) {
            ulen = reported;
        }
        DetailNode len = u.field("udp.length", "Length: " + ulen, ulen).at(s, off + 4, 2);
        if (ulen < Udp.HEADER_LENGTH) {
            len.relabel("Length: " + ulen + " (bogus, must be >= 8)");
            Expert.add(len, "udp.length.bad", Expert.Severity.ERROR, Expert.Group.MALFORMED,
                    "Bad length value " + ulen + " < 8");
            return false;
        }
        boolean quoted = x.inErrorPacket(i);
        if (ulen > reported && !x.d.fragmented && !quoted) {
            len.relabel("Length: " + ulen + " (bogus, payload length " + reported + ")");
            Expert.add(len, "udp.length.bad", Expert.Severity.ERROR, Expert.Group.MALFORMED,
                    "Bad length value " + ulen + " > IP payload length");
        }
        return udpRest(i, ip, u, s, off, ulen, reported, jumbo, quoted);
    }

    /*
     * udp is cut in two (udpRest): each label's string concatenation is a call site that C1
     * inlines whole, and the method in one piece took 10.2 MB to compile with C1, past the
     * launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The checksum to the payload. */
    private boolean udpRest(int i, int ip, DetailNode u, MemorySegment s, long off, int ulen, int reported, boolean jumbo,
                            boolean quoted) {
        if (!x.bounds(i, 8, "UDP")) {
            return false;
        }
        int sum = Bytes.u16(s, off + 6);
        if (sum == 0) {
            // packet-udp.c: no checksum is fine over IPv4 (and in an ICMP error), illegal over IPv6
            // (RFC 8200 §8.1); either way the status goes under the checksum item.
            boolean ignored = quoted || ip < 0 || x.d.proto(ip) == Proto.IPV4;
            DetailNode c = u.field("udp.checksum", "Checksum: 0x0000 [zero-value " + (ignored ? "ignored]" : "illegal]"),
                    "0x0000").at(s, off + 6, 2);
            if (!ignored) {
                Expert.add(c, "udp.checksum.zero", Expert.Severity.ERROR, Expert.Group.CHECKSUM,
                        "Illegal checksum value (0)");
            }
            c.field("udp.checksum.status", ignored ? "Checksum Status: Not present" : "Checksum Status: Illegal",
                    ignored ? "3" : "4").generated().at(s, off + 6, 2);
        } else {
            u.field("udp.checksum", "Checksum: " + Labels.hex(sum, 4) + " [unverified]", Labels.hex(sum, 4)).at(s, off + 6, 2);
            u.field("udp.checksum.status", "Checksum Status: Unverified", "2").generated().at(s, off + 6, 0);
        }
        long[] conv = x.decoder.udpConversation(x.d, i);
        if (conv == null) {
            conv = x.embeddedUdpConversation(ip, i);
        }
        if (conv == null) {
            conv = new long[] {0, x.decoder.time(), x.decoder.time()}; // no IP layer: no conversation
        }
        long now = x.decoder.time();
        u.field("udp.stream", "Stream index: " + conv[0], conv[0]).generated().at(s, off + Udp.HEADER_LENGTH, 0);
        if (ulen == Udp.HEADER_LENGTH && !jumbo) {
            // packet-udp.c returns before the timestamps when the payload is empty
            x.consumed(i, Udp.HEADER_LENGTH);
            return true;
        }
        if (!quoted) {
            // a datagram quoted by an ICMP error gets no timestamps (and does not move them)
            DetailNode ts = u.text("Timestamps").generated();
            String first = Details.seconds(now - conv[1]);
            String prev = Details.seconds(now - conv[2]);
            ts.field("udp.time_relative", "Time since first frame: " + first + " seconds", first).generated();
            ts.field("udp.time_delta", "Time since previous frame: " + prev + " seconds", prev).generated();
            ts.placeUnplaced(s, off);
        }
        int payload = Math.min(ulen, reported) - Udp.HEADER_LENGTH;
        int captured = Math.min(x.d.captured(i), Math.min(ulen, reported)) - Udp.HEADER_LENGTH;
        if (!quoted && payload > 0 && captured == 0 && !x.bounds(i, Udp.HEADER_LENGTH + 1, "UDP")) {
            return false; // the payload item's bounds error: nothing above UDP is called (tcp.Decoder)
        }
        if (payload > 0) {
            // the item covers the rest of packet-udp.c's buffer, cut to the UDP and IP lengths:
            // the captured payload, not what follows a quoted datagram in an ICMP message
            int shown = Math.max(0, captured);
            // past a UDP length shorter than the IP payload the item still covers every captured
            // byte (its value too); only its label counts the UDP length's
            int covered = quoted ? shown : Math.max(shown, x.d.captured(i) - Udp.HEADER_LENGTH);
            u.field("udp.payload", "UDP payload (" + shown + Details.bytes(shown) + ")",
                    Labels.hexColons(s, off + Udp.HEADER_LENGTH, covered)).at(s, off + Udp.HEADER_LENGTH, covered);
            if (!quoted && x.decoder.datagramTaker() instanceof dev.tcpscope.proto.LayerTree lt) {
                lt.underUdp(x.decoder.frame().number(), u); // udp_dissect_pdus's "[PDU Size: N]"
            }
            // packet-udp.c hands its payload to the tree's root, also from inside an ICMP error;
            // a protocol above UDP that took it (proto.Protocols) shows its own items instead, or
            // nothing at all (SSDP's answer to bytes that are not HTTP)
            if (!quoted && i + 1 < x.d.count() && UdpTunnel.isTunnel(x.d.proto(i + 1))) {
                // a tunnel's layers follow (wire.Dissector), the payload is theirs
            } else if (quoted || !x.aboveTrees() && x.decoder.datagramTaker() == null) {
                if (!quoted && UdpTunnel.gtpV2(x.d, i)) {
                    x.protocol("gtp"); // packet-gtp.c handed it to gtpv2, which is not dissected
                }
                x.data(x.packetRoot(), s, off + Udp.HEADER_LENGTH, captured);
            }
        }
        x.consumed(i, Udp.HEADER_LENGTH);
        return true;
    }

    /** packet-udp.c's guess that a port in 33435..33464 is LBL traceroute's (three attempts per hop). */
    private static void traceroute(DetailNode port, int p) {
        if (p > 32768 + 666 && p <= 32768 + 666 + 30) {
            int n = p - 32768 - 666 - 1;
            Expert.add(port, "udp.possible_traceroute", Expert.Severity.CHAT, Expert.Group.SEQUENCE,
                    "Possible traceroute: hop #" + (n / 3 + 1) + ", attempt #" + (n % 3 + 1));
        }
    }

    boolean arp(int i) {
        return arp.build(i);
    }
}

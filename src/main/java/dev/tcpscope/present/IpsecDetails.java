package dev.tcpscope.present;

import dev.tcpscope.wire.Ipsec;

import java.lang.foreign.MemorySegment;

/**
 * IPsec's Encapsulating Security Payload as packet-ipsec.c shows it without keys: the protocol
 * item over the whole rest of the datagram, the SPI and the sequence number, and the sequence
 * analysis of its SPI ({@code tcp.EspSequences}) when the number is not the one expected. The
 * encrypted bytes get no item: tshark's default preferences neither decrypt nor guess NULL
 * encryption.
 */
final class IpsecDetails {
    private final Details x;

    IpsecDetails(Details x) {
        this.x = x;
    }

    /**
     * The Authentication Header: next header, length, reserved, SPI, sequence number and ICV, in
     * the IPv6 header's item when it follows one, else a protocol of its own.
     */
    boolean ah(int i) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        x.protocol("ah");
        boolean inIpv6 = i > 0 && x.d.proto(i - 1) == dev.tcpscope.wire.Proto.IPV6 && x.ipv6Item != null;
        DetailNode parent = inIpv6 ? x.ipv6Item : x.root;
        // dissect_ah reads the next header and the length before it adds its item
        if (!x.bounds(i, 2, "AH")) {
            return false;
        }
        int hlen = Ipsec.ahHeaderLength(s, off);
        DetailNode a = parent.protocol("ah", "Authentication Header").at(s, off, Math.min(hlen, x.d.captured(i)));
        if (inIpv6 && x.d.segment(i - 1) == s) {
            // the IPv6 item grows over the headers it shows, this one too
            long ipOff = x.d.offset(i - 1);
            x.ipv6Item.at(s, ipOff, (int) (off - ipOff) + Math.min(hlen, x.d.captured(i)));
        }
        int next = Ipsec.ahNextHeader(s, off);
        a.field("ah.next_header", "Next header: " + IpDetails.protoName(next), next).at(s, off, 1);
        int len = Ipsec.ahLength(s, off);
        a.field("ah.length", "Length: " + len + " (" + hlen + " bytes)", len).at(s, off + 1, 1);
        if (!x.bounds(i, 4, "AH")) {
            return false;
        }
        a.bytes("ah.reserved", "Reserved", s, off + 2, 2);
        if (!x.bounds(i, 8, "AH")) {
            return false;
        }
        long spi = Ipsec.ahSpi(s, off);
        a.field("ah.spi", "AH SPI: " + Labels.hex(spi, 8), Labels.hex(spi, 8)).at(s, off + 4, 4);
        if (!x.bounds(i, Ipsec.AH_FIXED_LENGTH, "AH")) {
            return false;
        }
        long seq = Ipsec.ahSequence(s, off);
        a.field("ah.sequence", "AH Sequence: " + seq, seq).at(s, off + 8, 4);
        int icv = Ipsec.ahIcvLength(s, off);
        if (!x.bounds(i, Ipsec.AH_FIXED_LENGTH + icv, "AH")) {
            return false;
        }
        if (icv == 0) {
            a.field("ah.icv", "AH ICV: <MISSING>", "").at(s, off + 12, 0); // an empty bytes item
        } else {
            a.bytes("ah.icv", "AH ICV", s, off + 12, icv);
        }
        x.consumed(i, Math.min(hlen, x.d.captured(i)));
        return x.bounds(i, hlen, "AH");
    }

    /**
     * IP Payload Compression: next header, flags and CPI, the compressed bytes as data inside
     * it, and, when nothing dissects what they inflated to, those bytes as data of their own.
     */
    boolean ipcomp(int i) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        int cap = x.d.captured(i);
        x.protocol("ipcomp");
        // dissect_ipcomp reads the next header before it adds its item
        if (!x.bounds(i, 1, "IPComp")) {
            return false;
        }
        DetailNode c = x.root.protocol("ipcomp", "IP Payload Compression").at(s, off, cap);
        int next = Ipsec.ipcompNextHeader(s, off);
        String name = ValueNames.IP_PROTO.name(next);
        c.field("ipcomp.next_header", "Next Header: " + (name != null ? name : "Unknown") + " (" + Labels.hex(next, 2) + ")",
                Labels.hex(next, 2)).at(s, off, 1);
        if (!x.bounds(i, 2, "IPComp")) {
            return false;
        }
        int flags = Ipsec.ipcompFlags(s, off);
        c.field("ipcomp.flags", "IPComp Flags: " + Labels.hex(flags, 2), Labels.hex(flags, 2)).at(s, off + 1, 1);
        if (!x.bounds(i, Ipsec.IPCOMP_HEADER_LENGTH, "IPComp")) {
            return false;
        }
        int cpi = Ipsec.ipcompCpi(s, off);
        String cn = Ipsec.ipcompCpiName(cpi);
        c.field("ipcomp.cpi", "IPComp CPI: " + (cn != null ? cn : "Unknown") + " (" + Labels.hex(cpi, 4) + ")",
                Labels.hex(cpi, 4)).at(s, off + 2, 2);
        x.data(c, s, off + Ipsec.IPCOMP_HEADER_LENGTH, cap - Ipsec.IPCOMP_HEADER_LENGTH);
        x.consumed(i, cap);
        byte[] inflated = x.d.inflated(i);
        if (inflated != null && i == x.d.count() - 1) {
            x.data(MemorySegment.ofArray(inflated), 0, inflated.length);
        }
        return true;
    }

    /**
     * IPsec's UDP encapsulation (packet-ipsec-udp.c): the item over the whole payload until it is
     * read, then a NAT keepalive, the non-ESP marker (the IKE message after it is data: isakmp
     * is not dissected) with the item cut to it, or nothing: the item is empty before ESP.
     */
    boolean udpencap(int i) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        int cap = x.d.captured(i);
        x.protocol("udpencap");
        DetailNode u = x.root.protocol("udpencap", "UDP Encapsulation of IPsec Packets").at(s, off, cap);
        if (dev.tcpscope.wire.UdpTunnel.natKeepalive(x.d, i)) {
            u.none("udpencap.nat_keepalive", "NAT-keepalive packet").at(s, off, 1);
            x.consumed(i, 1);
            return true;
        }
        if (!x.bounds(i, 4, "UDPENCAP")) {
            return false;
        }
        if (dev.tcpscope.wire.UdpTunnel.nonEspMarker(x.d, i)) {
            u.none("udpencap.non_esp_marker", "Non-ESP Marker").at(s, off, 4);
            u.at(s, off, 4);
            x.consumed(i, cap);
            if (!x.aboveTrees()) { // ISAKMP's tree when it took the message (tcp.Decoder), else data
                x.data(s, off + 4, cap - 4);
            }
        } else {
            u.at(s, off, 0);
            x.consumed(i, 0);
        }
        return true;
    }

    boolean esp(int i) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        int cap = x.d.captured(i);
        x.protocol("esp");
        DetailNode e = x.root.protocol("esp", "Encapsulating Security Payload").at(s, off, cap);
        x.consumed(i, cap);
        if (!x.bounds(i, 4, "ESP")) {
            return false;
        }
        long spi = Ipsec.espSpi(s, off);
        e.field("esp.spi", "ESP SPI: " + Labels.hex(spi, 8) + " (" + spi + ")", Labels.hex(spi, 8)).at(s, off, 4);
        if (!x.bounds(i, Ipsec.ESP_HEADER_LENGTH, "ESP")) {
            return false;
        }
        long seq = Ipsec.espSequence(s, off);
        e.field("esp.sequence", "ESP Sequence: " + seq, seq).at(s, off + 4, 4);
        long[] report = x.decoder.espSequenceReport();
        if (report != null) {
            long expected = report[0];
            String missing = seq > expected ? " (" + (seq - expected) + " SNs missing)" : "";
            DetailNode sn = e.field("esp.sequence-analysis.expected-sn", "Expected SN: " + expected + missing, expected)
                    .generated().at(s, off, 0);
            long previous = (expected - 1) & 0xffffffffL;
            String what = seq == previous ? seq + " repeated"
                    : seq > expected ? (seq - expected) + " missing"
                    : ((expected - seq) & 0xffffffffL) + " less than expected";
            Expert.add(sn, "esp.sequence-analysis.wrong-sequence-number", Expert.Severity.WARNING, Expert.Group.SEQUENCE,
                    "Wrong Sequence Number for SPI " + Labels.hex(spi, 8).substring(2) + " - " + what);
            e.field("esp.sequence-analysis.previous-frame", "Previous Frame: " + report[1], report[1])
                    .generated().at(s, off, 0);
        }
        return true;
    }
}

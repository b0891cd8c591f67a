package dev.tcpscope.field;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Ipv6;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code icmp.*} (RFC 792) and {@code icmpv6.*} (RFC 4443): type, code, checksum and the
 * identifier/sequence of echo messages. Unlike IP's, Wireshark always verifies ICMP checksums:
 * status 1 (good) or 0 (bad) when the whole message was captured, 2 (unverified) otherwise;
 * ICMPv6's covers the IPv6 pseudo-header (RFC 8200 §8.1).
 */
final class IcmpFields {
    /**
     * Wireshark's ICMP and ICMPv6 dissectors read type, code and checksum before they add the
     * protocol's item, so a message cut shorter than 4 bytes (by the capture or by the IP total
     * length) has no icmp field at all, not even {@code icmp} or {@code icmp.type}: tshark marks
     * it [Malformed Packet: ICMP] and {@code -Y icmp} does not match it.
     */
    static final Layers.Selector FIXED = (x, i) -> x.captured(i) >= 4;

    /**
     * ICMPv6 is different: packet-icmpv6.c adds its protocol item first and then reads field by
     * field, so a message of no bytes at all still has {@code icmpv6}, and one of one byte its type.
     */
    private static final Layers.Selector V6_ANY = (x, i) -> true;
    private static final Layers.Selector V6_TYPE = (x, i) -> x.captured(i) >= 1;
    private static final Layers.Selector V6_CODE = (x, i) -> x.captured(i) >= 2;

    private IcmpFields() { }

    static List<Field> icmp() {
        Proto p = Proto.ICMP;
        return List.of(
                Field.of("icmp", "Internet Control Message Protocol", PROTOCOL,
                        Layers.each(p, FIXED, (s, off, cap, v) -> v.addString("icmp"))),
                Layers.uint("icmp.type", "Type", 8, Base.DEC, p, FIXED, 0, 1, 0),
                Layers.uint("icmp.code", "Code", 8, Base.DEC, p, FIXED, 1, 1, 0),
                Layers.uint("icmp.checksum", "Checksum", 16, Base.HEX, p, FIXED, 2, 2, 0),
                status("icmp.checksum.status", p),
                echo("icmp.ident", "Identifier (BE)", p, 4, false),
                echo("icmp.ident_le", "Identifier (LE)", p, 4, true),
                echo("icmp.seq", "Sequence Number (BE)", p, 6, false),
                echo("icmp.seq_le", "Sequence Number (LE)", p, 6, true),
                Field.integer("icmp.resp_in", "Response frame", FRAMENUM, 32, Base.DEC, pairing(p, Pairing.REPLY_IN)),
                Field.of("icmp.no_resp", "No response seen", NONE, pairing(p, Pairing.NO_RESPONSE)),
                Field.integer("icmp.resp_to", "Request frame", FRAMENUM, 32, Base.DEC, pairing(p, Pairing.REQUEST_IN)),
                Field.of("icmp.resptime", "Response time", DOUBLE, pairing(p, Pairing.TIME)));
    }

    static List<Field> icmpv6() {
        Proto p = Proto.ICMPV6;
        return List.of(
                Field.of("icmpv6", "Internet Control Message Protocol v6", PROTOCOL,
                        Layers.each(p, V6_ANY, (s, off, cap, v) -> v.addString("icmpv6"))),
                Layers.uint("icmpv6.type", "Type", 8, Base.DEC, p, V6_TYPE, 0, 1, 0),
                Layers.uint("icmpv6.code", "Code", 8, Base.DEC, p, V6_CODE, 1, 1, 0),
                Layers.uint("icmpv6.checksum", "Checksum", 16, Base.HEX, p, FIXED, 2, 2, 0),
                status("icmpv6.checksum.status", p),
                echo("icmpv6.echo.identifier", "Identifier", p, 4, false),
                echo("icmpv6.echo.sequence_number", "Sequence", p, 6, true),
                Field.integer("icmpv6.resp_in", "Response In", FRAMENUM, 32, Base.DEC, pairing(p, Pairing.REPLY_IN)),
                Field.of("icmpv6.no_resp", "No response seen", NONE, pairing(p, Pairing.NO_RESPONSE)),
                Field.integer("icmpv6.resp_to", "Response To", FRAMENUM, 32, Base.DEC, pairing(p, Pairing.REQUEST_IN)),
                Field.of("icmpv6.resptime", "Response Time", DOUBLE, pairing(p, Pairing.TIME)),
                Field.of("icmpv6.nonce", "Nonce", BYTES, Layers.eachIn(p, FIXED, (d, x, i, v) -> {
                    if (x.captured(i) >= 12 && dev.tcpscope.wire.UdpTunnel.teredoTest(x, i)) {
                        v.addBytes(x.segment(i), x.offset(i) + 8, 4);
                    }
                })),
                Field.integer("icmpv6.mtu", "MTU", UINT, 32, Base.DEC, Layers.each(p, FIXED, (s, off, cap, v) -> {
                    if (cap >= 8 && Bytes.u8(s, off) == 2) {
                        v.addLong(Bytes.u32(s, off + 4));
                    }
                })));
    }

    /** Whether {@code type} is an echo-like message with an identifier and a sequence number. */
    private static boolean echoLike(Proto p, int type) {
        return p == Proto.ICMP
                ? type == 0 || type == 8 || type == 13 || type == 14 || type == 15 || type == 16 || type == 17 || type == 18
                : type == 128 || type == 129;
    }

    private static Field echo(String name, String title, Proto p, int at, boolean littleEndian) {
        return Field.integer(name, title, UINT, 16, littleEndian || p == Proto.ICMP ? Base.DEC_HEX : Base.HEX,
                Layers.each(p, FIXED, (s, off, cap, v) -> {
                    if (cap >= at + 2 && echoLike(p, Bytes.u8(s, off))) {
                        boolean le = littleEndian && p == Proto.ICMP;
                        v.addLong(le ? Bytes.u16le(s, off + at) : Bytes.u16(s, off + at));
                    }
                }));
    }

    /** Which of an echo's pairing items a field is. */
    private enum Pairing { REPLY_IN, NO_RESPONSE, REQUEST_IN, TIME }

    /**
     * The pairing items of the frame's echo message, from the decoder's matching
     * ({@link dev.tcpscope.tcp.IcmpEchoes}): the request shows its reply frame (second pass), or
     * "no response seen"; the reply its request frame and the response time in milliseconds.
     */
    private static Extractor pairing(Proto p, Pairing which) {
        return Layers.eachIn(p, FIXED, (d, x, i, v) -> {
            dev.tcpscope.tcp.IcmpEchoes e = d.echoes();
            if (x != d.dissection() || !e.about(i)) {
                return;
            }
            boolean answered = e.partner() > 0;
            switch (which) {
                case REPLY_IN -> {
                    if (e.request() && answered) {
                        v.addLong(e.partner());
                    }
                }
                case NO_RESPONSE -> {
                    if (e.request() && e.unanswered()) {
                        v.addPresent();
                    }
                }
                case REQUEST_IN -> {
                    if (!e.request() && answered) {
                        v.addLong(e.partner());
                    }
                }
                case TIME -> {
                    if (!e.request() && answered) {
                        v.addDouble((d.time() - e.requestTime()) / 1e6);
                    }
                }
            }
        });
    }

    private static Field status(String name, Proto p) {
        return Field.integer(name, "Checksum Status", UINT, 8, Base.NONE,
                Layers.eachIn(p, (x, i) -> x.captured(i) >= 4, (d, x, i, v) -> {
                    // not verified when cut short, a fragment, or quoted in an error message
                    long initial = x.captured(i) < x.reported(i) || x.fragmented || Layers.quoted(d, x) ? -1
                            : p == Proto.ICMPV6 ? pseudoHeader(x, i) : 0;
                    v.addLong(initial < 0 ? 2
                            : Layers.checksum(x.segment(i), x.offset(i), x.reported(i), initial) == 0 ? 1 : 0);
                }));
    }

    /** The sum of the IPv6 pseudo-header of ICMPv6 layer {@code i}, or -1 without an IPv6 layer before it. */
    private static long pseudoHeader(Dissection x, int i) {
        for (int k = i - 1; k >= 0; k--) {
            if (x.proto(k) == Proto.IPV6) {
                MemorySegment s = x.segment(k);
                long sum = 0;
                int dst = x.ipv6Destination(k); // a routing header's last hop (RFC 8200 §8.1)
                int src = x.ipv6Source(k); // a home address option's address (RFC 6275 §6.3)
                for (int b = 0; b < 16; b += 2) {
                    sum += Bytes.u16(s, x.offset(k) + src + b) + Bytes.u16(s, x.offset(k) + dst + b);
                }
                long len = x.reported(i);
                return sum + (len >>> 16) + (len & 0xffff) + 58;
            }
        }
        return -1;
    }
}

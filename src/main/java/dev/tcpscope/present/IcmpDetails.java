package dev.tcpscope.present;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.InternetChecksum;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;
import java.util.Locale;

/**
 * Detail items of an ICMPv4 message in the order of Wireshark 4.0's {@code dissect_icmp()}:
 * type and code with their names, the checksum (verified when the whole message is there),
 * the type's second word (echo identifiers and sequence numbers in both byte orders, gateway,
 * pointer, unused bytes...), then the body: an echo's timestamp and data, a router
 * advertisement's addresses and Mobile IP extensions, a timestamp message's times, an address
 * mask, and an error's quoted datagram with its RFC 4884 extensions ({@link IcmpExtensions}).
 *
 * <p>An echo's pairing items come from the decoder's matching ({@link #echoItems}): a reply
 * shows {@code [Request frame]} and {@code [Response time]}; a request shows its reply only in a
 * second pass ({@code -2}), as tshark does. The tree keeps no state across frames.
 */
final class IcmpDetails {
    private static final String NAME = "ICMP";

    private final Details x;
    private final IcmpExtensions extensions;

    IcmpDetails(Details x) {
        this.x = x;
        this.extensions = new IcmpExtensions(x);
    }

    /** Builds layer {@code i} (ICMP, over IP layer {@code ip}); false when its bytes ran out. */
    boolean icmp(int i, int ip) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        x.protocol("icmp");
        if (!has(i, 6)) {
            // dissect_icmp() reads type, code, checksum and the RFC 4884 length (byte 5)
            // before it adds its protocol item: a shorter message leaves no ICMP item at all
            return false;
        }
        DetailNode m = x.root.protocol("icmp", "Internet Control Message Protocol").at(s, off, x.d.captured(i));
        int type = Bytes.u8(s, off);
        int code = Bytes.u8(s, off + 1);
        int sum = Bytes.u16(s, off + 2);
        String typeName = IcmpTypes.icmpType(type);
        if (type == 9 && (code == 0 || code == 16)) {
            typeName = "Mobile IP Advertisement";
        } else if (typeName == null) {
            typeName = "Unknown ICMP (obsolete or malformed?)";
        }
        String codeName = IcmpTypes.icmpCode(type, code);
        m.field("icmp.type", "Type: " + type + " (" + typeName + ")", type).at(s, off, 1);
        m.field("icmp.code", "Code: " + code + (codeName == null ? "" : " (" + codeName + ")"), code)
                .at(s, off + 1, 1);
        checksum(m, i, s, off, sum);
        int cap = x.d.captured(i);
        switch (type) {
            case 0, 8 -> {
                if (!identifiers(m, i, s, off)) {
                    return false;
                }
                if (!x.inErrorPacket(i)) {
                    echoItems(x, m, i, false);
                }
                echoData(m, s, off, cap);
            }
            case 13, 14, 15, 16, 17, 18 -> {
                if (!identifiers(m, i, s, off)) {
                    return false;
                }
                if (type == 17 || type == 18) {
                    if (!has(i, 12)) {
                        return false;
                    }
                    String mask = Labels.ipv4(s, off + 8);
                    m.field("icmp.address_mask", "Address Mask: " + mask, mask).at(s, off + 8, 4);
                } else if (type <= 14) {
                    return timestamps(m, i, s, off);
                }
            }
            case 3, 11, 12 -> {
                if (!secondWord(m, i, s, off, type, code)) {
                    return false;
                }
                return quote(m, i, s, off, Bytes.u8(s, off + 5), -1);
            }
            case 5 -> {
                if (!has(i, 8)) {
                    return false;
                }
                String gw = Labels.ipv4(s, off + 4);
                m.field("icmp.redir_gw", "Gateway Address: " + gw, gw).at(s, off + 4, 4);
                // a redirect quotes the IP header and 64 bits of data, no more: the header
                // length is read first
                if (!has(i, 9)) {
                    return false;
                }
                return quote(m, i, s, off, 0, (Bytes.u8(s, off + 8) & 0x0f) * 4 + 8);
            }
            case 9 -> {
                return routerAdvertisement(m, i, s, off, code);
            }
            case 4 -> {
                // no second word is shown, but the quote starts after it
                return has(i, 8) && quote(m, i, s, off, 0, -1);
            }
            default -> { } // packet-icmp.c shows nothing past the checksum of other types
        }
        x.consumed(i, Math.min(cap, 8));
        return true;
    }

    /** Whether layer {@code i} has {@code need} bytes; if not, records where dissection stopped. */
    private boolean has(int i, int need) {
        return x.bounds(i, need, NAME);
    }

    /**
     * The checksum as {@code proto_tree_add_checksum} shows it: verified over the whole message
     * unless it is cut short, a fragment, or quoted inside an error message.
     */
    private void checksum(DetailNode m, int i, MemorySegment s, long off, int sum) {
        String hex = Labels.hex(sum, 4);
        int rep = x.d.reported(i);
        boolean quoted = x.inErrorPacket(i);
        if (!x.d.fragmented && x.d.captured(i) >= rep && !quoted) {
            int computed = internetChecksum(s, off, rep);
            if (computed == 0) {
                m.field("icmp.checksum", "Checksum: " + hex + " [correct]", hex).at(s, off + 2, 2);
                m.field("icmp.checksum.status", "Checksum Status: Good", "1").generated().at(s, off + 2, 0);
            } else {
                // in_cksum_shouldbe(): the value that would have made the sum come out right
                int should = shouldBe(sum, computed);
                DetailNode c = m.field("icmp.checksum", "Checksum: " + hex + " incorrect, should be "
                        + Labels.hex(should, 4), hex).at(s, off + 2, 2);
                Expert.add(c, "icmp.checksum_bad", Expert.Severity.WARNING, Expert.Group.CHECKSUM, "Bad checksum [should be "
                        + Labels.hex(should, 4) + "]");
                m.field("icmp.checksum.status", "Checksum Status: Bad", "0").generated().at(s, off + 2, 0);
            }
            return;
        }
        // tshark 4.0 says "fragmented datagram" for a message cut short too
        String why = quoted ? " [in ICMP error packet]" : " [fragmented datagram]";
        m.field("icmp.checksum", "Checksum: " + hex + " [unverified]" + why, hex).at(s, off + 2, 2);
        m.field("icmp.checksum.status", "Checksum Status: Unverified", "2").generated().at(s, off + 2, 0);
    }

    /** The ones'-complement sum of {@code len} bytes, complemented (0 when a stored checksum is right). */
    static int internetChecksum(MemorySegment s, long off, int len) {
        return InternetChecksum.of(s, off, len);
    }

    /** Wireshark's in_cksum_shouldbe(): the checksum field value that would sum to zero. */
    static int shouldBe(int stored, int computed) {
        return InternetChecksum.shouldBe(stored, computed);
    }

    /** Identifier and sequence number, each big- then little-endian; false when they are cut. */
    private boolean identifiers(DetailNode m, int i, MemorySegment s, long off) {
        String[] keys = {"icmp.ident", "icmp.ident_le", "icmp.seq", "icmp.seq_le"};
        String[] names = {"Identifier (BE)", "Identifier (LE)", "Sequence Number (BE)", "Sequence Number (LE)"};
        for (int k = 0; k < 4; k++) {
            long at = off + 4 + (k / 2) * 2;
            if (!has(i, 6 + (k / 2) * 2)) {
                return false;
            }
            int v = Bytes.u16(s, at);
            if (k % 2 == 1) {
                v = Integer.reverseBytes(v) >>> 16;
            }
            m.field(keys[k], names[k] + ": " + v + " (" + Labels.hex(v, 4) + ")", Integer.toString(v)).at(s, at, 2);
        }
        return true;
    }

    /**
     * The pairing items of echo layer {@code i} (packet-icmp.c's and packet-icmpv6.c's
     * transaction_start/end), from the decoder's matching ({@link dev.tcpscope.tcp.IcmpEchoes}):
     * a reply's request frame and response time; a request's reply frame, or in a second pass
     * with no reply to a unicast address, "No response seen" with its expert item.
     */
    static void echoItems(Details x, DetailNode m, int i, boolean v6) {
        dev.tcpscope.tcp.IcmpEchoes echo = x.decoder.echoes();
        if (!echo.about(i) || x.d != x.decoder.dissection()) {
            return;
        }
        String p = v6 ? "icmpv6" : "icmp";
        long partner = echo.partner();
        if (echo.request()) {
            if (partner > 0) {
                m.field(p + ".resp_in", (v6 ? "Response In: " : "Response frame: ") + partner, partner).generated();
            } else if (echo.unanswered()) {
                DetailNode none = m.none(p + ".no_resp", "No response seen").generated();
                Expert.add(none, p + ".resp_not_found", Expert.Severity.WARNING, Expert.Group.SEQUENCE, v6
                        ? "No response seen to ICMPv6 request in frame " + x.decoder.frame().number()
                        : "No response seen to ICMP request");
            }
        } else if (partner > 0) {
            long delta = x.decoder.time() - echo.requestTime();
            m.field(p + ".resp_to", (v6 ? "Response To: " : "Request frame: ") + partner, partner).generated();
            m.field(p + ".resptime", (v6 ? "Response Time: " : "Response time: ") + millis3(delta) + " ms",
                    millisJson(delta)).generated();
        }
    }

    /** Milliseconds with three decimals, as the {@code -V} label of a response time. */
    static String millis3(long ns) {
        return String.format(Locale.ROOT, "%.3f", ns / 1e6);
    }

    /** Milliseconds as JSON shows an {@code FT_DOUBLE}: the shortest decimal, no trailing zeros. */
    static String millisJson(long ns) {
        return java.math.BigDecimal.valueOf(ns).movePointLeft(6).stripTrailingZeros().toPlainString();
    }


    /**
     * An echo's data: when its first 8 bytes look like a struct timeval (seconds big- or
     * little-endian within a day of the frame's second, microseconds below a million) they
     * are shown as a time and the rest as data, else all of it is data.
     */
    private void echoData(DetailNode m, MemorySegment s, long off, int cap) {
        int rest = cap - 8;
        if (rest < 8) {
            x.data(m, s, off + 8, rest);
            return;
        }
        long frameSecs = x.decoder.frame().seconds();
        long secs = Bytes.u32(s, off + 8);
        long usecs = Bytes.u32(s, off + 12);
        if (!plausible(secs, usecs, frameSecs)) {
            secs = Integer.toUnsignedLong(Integer.reverseBytes((int) secs));
            usecs = Integer.toUnsignedLong(Integer.reverseBytes((int) usecs));
        }
        if (!plausible(secs, usecs, frameSecs)) {
            x.data(m, s, off + 8, rest);
            return;
        }
        String t = x.absolute(secs, (int) usecs * 1000);
        m.field("icmp.data_time", "Timestamp from icmp data: " + t, t).time(secs, (int) usecs * 1000).at(s, off + 8, 8);
        long rel = x.decoder.time() - (secs * 1_000_000_000L + usecs * 1000);
        String r = Details.seconds(rel);
        m.field("icmp.data_time_relative", "Timestamp from icmp data (relative): " + r + " seconds", r).generated()
                .at(s, off + 8, 8);
        x.data(m, s, off + 16, rest - 8);
    }

    /** packet-icmp.c's test: {@code abs((int)(secs - frame secs)) < 86400 && usecs < 1000000}. */
    private static boolean plausible(long secs, long usecs, long frameSecs) {
        return Math.abs((int) (secs - frameSecs)) < 86400 && usecs < 1_000_000;
    }

    /**
     * The second word of an error message (types 3, 11 and 12). When byte 5 holds an RFC 4884
     * length (RFC 4884 §4.1 to §4.3), packet-icmp.c splits the word around it: the byte before
     * (Unused, or a parameter problem's Pointer), the length with the original datagram's size,
     * then the last two bytes (Unused, or a fragmentation-needed MTU). Without a length the word
     * is Unused (a fragmentation-needed message: two bytes and the MTU; a parameter problem: the
     * Pointer and three bytes). False when its bytes ran out.
     */
    private boolean secondWord(DetailNode m, int i, MemorySegment s, long off, int type, int code) {
        int len = Bytes.u8(s, off + 5);
        boolean mtu = type == 3 && code == 4;
        if (type == 12) {
            if (!has(i, 5)) {
                return false;
            }
            int ptr = Bytes.u8(s, off + 4);
            m.field("icmp.pointer", "Pointer: " + ptr, ptr).at(s, off + 4, 1);
        } else if (len > 0 && !unused(m, i, s, off + 4, 1)) {
            return false;
        }
        if (len > 0) {
            m.field("icmp.length", "Length: " + len, len).at(s, off + 5, 1);
            m.field("icmp.length.original_datagram", "Length of original datagram: " + len * 4,
                    Integer.toString(len * 4)).generated().at(s, off + 5, 1);
        } else if (type == 12) {
            return unused(m, i, s, off + 5, 3);
        } else if (!mtu) {
            return unused(m, i, s, off + 4, 4);
        } else if (!unused(m, i, s, off + 4, 2)) {
            return false;
        }
        if (!mtu) {
            return unused(m, i, s, off + 6, 2);
        }
        if (!has(i, 8)) {
            return false;
        }
        int v = Bytes.u16(s, off + 6);
        m.field("icmp.mtu", "MTU of next hop: " + v, v).at(s, off + 6, 2);
        return true;
    }

    /** An {@code icmp.unused} item of {@code n} bytes at {@code at}; false when they are not all there. */
    private boolean unused(DetailNode m, int i, MemorySegment s, long at, int n) {
        if (!has(i, (int) (at - x.d.offset(i)) + n)) {
            return false;
        }
        m.field("icmp.unused", "Unused: " + Labels.hexShort(s, at, n), Labels.hexColons(s, at, n)).at(s, at, n);
        return true;
    }

    /**
     * The quoted datagram after the first 8 bytes: all of it, or the RFC 4884 length's worth
     * when the datagram is longer, or {@code limit} bytes (a redirect).
     */
    private boolean quote(DetailNode m, int i, MemorySegment s, long off, int words, int limit) {
        int cap = x.d.captured(i) - 8;
        int rep = x.d.reported(i) - 8;
        if (cap <= 0 && rep <= 0) {
            x.consumed(i, 8);
            return true;
        }
        if (limit < 0 && words > 0 && rep > words * 4 && cap >= 4 && Bytes.u16(s, off + 10) > words * 4) {
            limit = ((Bytes.u8(s, off + 8) & 0x0f) + words) * 4;
        }
        if (limit >= 0) {
            cap = Math.min(cap, limit);
            rep = Math.min(rep, limit);
        }
        x.consumed(i, 8);
        if (!x.quoted(m, s, off + 8, cap, rep, false)) {
            return false;
        }
        // packet-icmp.c looks for RFC 4884 extensions past the first 128 quoted bytes when the
        // message is longer and the quoted datagram fits in those 128 bytes
        if (x.d.reported(i) > 8 + 128 && x.d.captured(i) >= 12 && Bytes.u16(s, off + 10) <= 128) {
            return extensions.multiPart(m, i, s, off + 8 + 128);
        }
        return true;
    }

    /** Originate, receive and transmit timestamps of a timestamp request or reply. */
    private boolean timestamps(DetailNode m, int i, MemorySegment s, long off) {
        long f = x.decoder.frame().seconds() * 1000 + x.decoder.frame().nanos() / 1_000_000;
        long frameMs = Math.floorMod(f, 86_400_000L);
        String[] keys = {"icmp.originate_timestamp", "icmp.receive_timestamp", "icmp.transmit_timestamp"};
        String[] names = {"Originate Timestamp", "Receive Timestamp", "Transmit Timestamp"};
        for (int k = 0; k < 3; k++) {
            if (!has(i, 12 + 4 * k)) {
                return false;
            }
            long at = off + 8 + 4L * k;
            long v = Bytes.u32(s, at);
            long guess = bestGuess(s, at, frameMs);
            m.field(keys[k], names[k] + ": " + v + " (" + msecs(guess) + " after midnight UTC)", Long.toString(v)).at(s, at, 4);
        }
        x.consumed(i, 20);
        return true;
    }

    /** packet-icmp.c's get_best_guess_mstimeofday(): the byte order that reads as a time of day. */
    private static long bestGuess(MemorySegment s, long at, long comp) {
        final long day = 86_400_000L;
        long be = Bytes.u32(s, at) & 0x7fffffffL;
        long le = Integer.toUnsignedLong(Integer.reverseBytes((int) Bytes.u32(s, at))) & 0x7fffffffL;
        if (be < day && le >= day) {
            return be;
        }
        if (le < day && be >= day) {
            return le;
        }
        long b = be;
        long l = le;
        if (be < day && le < day) {
            if (b < comp && b <= day / 4 && comp >= day - day / 4) {
                b += day;
            }
            if (l < comp && l <= day / 4 && comp >= day - day / 4) {
                l += day;
            }
        }
        // unsigned 32-bit differences, as in C
        return ((b - comp) & 0xffffffffL) < ((l - comp) & 0xffffffffL) ? be : le;
    }

    /** signed_time_msecs_to_str(): "1 hour, 2 minutes, 3.456 seconds". */
    private static String msecs(long ms) {
        if (ms == 0) {
            return "0 seconds";
        }
        long secs = ms / 1000;
        long frac = ms % 1000;
        StringBuilder sb = new StringBuilder();
        long d = secs / 86400;
        long h = secs / 3600 % 24;
        long mi = secs / 60 % 60;
        long se = secs % 60;
        unit(sb, d, "day");
        unit(sb, h, "hour");
        unit(sb, mi, "minute");
        if (se != 0 || frac != 0) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(se);
            if (frac != 0) {
                sb.append('.').append(String.format(Locale.ROOT, "%03d", frac));
                sb.append(" seconds");
            } else {
                sb.append(se == 1 ? " second" : " seconds");
            }
        }
        return sb.toString();
    }

    private static void unit(StringBuilder sb, long v, String name) {
        if (v != 0) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(v).append(' ').append(name).append(v == 1 ? "" : "s");
        }
    }

    /** Router advertisement (RFC 1256): the address entries, then for codes 0 and 16 the Mobile IP extensions. */
    private boolean routerAdvertisement(DetailNode m, int i, MemorySegment s, long off, int code) {
        if (!has(i, 5)) {
            return false;
        }
        int n = Bytes.u8(s, off + 4);
        m.field("icmp.num_addrs", "Number of addresses: " + n, n).at(s, off + 4, 1);
        if (!has(i, 6)) {
            return false;
        }
        int size = Bytes.u8(s, off + 5);
        m.field("icmp.addr_entry_size", "Address entry size: " + size, size).at(s, off + 5, 1);
        if (!has(i, 8)) {
            return false;
        }
        int life = Bytes.u16(s, off + 6);
        m.field("icmp.lifetime", "Lifetime: " + life + " (" + msecs(life * 1000L) + ")", life)
                .at(s, off + 6, 2);
        int cap = x.d.captured(i);
        if (size != 2) {
            x.data(m, s, off + 8, cap - 8);
            x.consumed(i, 8);
            return true;
        }
        for (int k = 0; k < n; k++) {
            long at = off + 8 + 8L * k;
            if (!has(i, 12 + 8 * k)) {
                return false;
            }
            String a = Labels.ipv4(s, at);
            m.field("icmp.router_address", "Router address: " + a, a).at(s, at, 4);
            if (!has(i, 16 + 8 * k)) {
                return false;
            }
            int pref = (int) Bytes.u32(s, at + 4);
            m.field("icmp.pref_level", "Preference level: " + pref, pref).at(s, at + 4, 4);
        }
        x.consumed(i, 8 + 8 * n);
        return code != 0 && code != 16 || extensions.mobileIp(m, i, s, off + 8 + 8L * n);
    }
}

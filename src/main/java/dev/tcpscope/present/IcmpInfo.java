package dev.tcpscope.present;

import dev.tcpscope.tcp.IcmpEchoes;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Info text for ICMP (RFC 792) and ICMPv6 (RFC 4443, 4861). An echo's pairing comes from the
 * decoder ({@link IcmpEchoes}): a reply says "(request in N)"; a request says nothing in one
 * pass, and "(reply in N)", "(no response found!)" or "(multicast)" in tshark's second.
 *
 * <p>When a message is too short, the methods append the part of the Info text that tshark had
 * already written and return false; {@link #failure()} then says what tshark appends right
 * after it (no space): "[Malformed Packet]" when the message ended on the wire, or
 * "[Packet size limited during capture]" when only the capture was cut short.
 */
public final class IcmpInfo {
    /** What tshark appends to Info when a message ended before a field it reads. */
    public static final String MALFORMED = "[Malformed Packet]";
    /** What tshark appends to Info when the capture (snap length) cut a field off. */
    public static final String TRUNCATED = "[Packet size limited during capture]";

    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfShort U16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final MacNames names;
    private String failure;

    public IcmpInfo(MacNames names) {
        this.names = names;
    }

    /** After a false return: the text tshark appends to Info; null after a true return. */
    public String failure() {
        return failure;
    }

    /**
     * The ICMP message starts at icmpOff; capLen bytes of it are captured, reportedLen on the wire;
     * it was carried in the IPv4 header at ipOff (for ttl, addresses, pairing). Appends tshark's
     * Info text and returns true, or returns false when the message is too short (see the class
     * comment: the text so far is appended and {@link #failure()} says what follows).
     */
    /**
     * Whether packet-icmp.c is handed the IP header (its TTL): not behind an Authentication
     * Header or IPComp, whose dissectors pass the IP protocol table no header.
     */
    public boolean ttlKnown = true;

    public boolean appendIcmp(StringBuilder info, MemorySegment seg, long ipOff, long icmpOff,
                              int capLen, int reportedLen, IcmpEchoes echo) {
        failure = null;
        // tshark reads type, code and the RFC 4884 length byte (offset 5) before writing anything.
        if (!need(6, capLen, reportedLen)) return false;
        int type = u8(seg, icmpOff);
        int code = u8(seg, icmpOff + 1);
        String typeText = IcmpTypes.icmpType(type);
        if (typeText == null) typeText = "Unknown ICMP (obsolete or malformed?)";
        if (type == 9 && (code == 0 || code == 16)) typeText = "Mobile IP Advertisement";
        int start = info.length();
        info.append(typeText);
        while (info.length() - start < 20) info.append(' ');
        String codeText = IcmpTypes.icmpCode(type, code);
        if (codeText != null) info.append(" (").append(codeText).append(')');

        switch (type) {
            case 0, 8, 13, 14, 15, 16, 17, 18 -> {
                if (!need(8, capLen, reportedLen)) return false;
                int id = u16(seg, icmpOff + 4);
                int seq = u16(seg, icmpOff + 6);
                info.append(" id=0x");
                appendHex4(info, id);
                info.append(", seq=").append(seq).append('/')
                        .append(Short.toUnsignedInt(seg.get(U16_LE, icmpOff + 6)));
                if (ttlKnown) {
                    info.append(", ttl=").append(u8(seg, ipOff + 8));
                }
                if (type == 8 || type == 0) {
                    appendEcho(info, echo);
                }
                // The timestamps (RFC 792) and the address mask follow and are read too.
                int body = type == 13 || type == 14 ? 20 : type == 17 || type == 18 ? 12 : 8;
                return need(body, capLen, reportedLen);
            }
            case 3, 4, 11, 12 -> {
                return need(8, capLen, reportedLen) && extensions(seg, icmpOff, capLen, reportedLen);
            }
            case 9, 42, 43 -> { return need(8, capLen, reportedLen); }
            // A redirect reads the gateway and then the embedded header's IHL byte.
            case 5 -> { return need(9, capLen, reportedLen) && extensions(seg, icmpOff, capLen, reportedLen); }
            default -> { return true; }
        }
    }

    /**
     * The same for ICMPv6 carried in the IPv6 header at ipv6Off (hop limit, addresses), exactly as
     * tshark 4.0.17 prints.
     */
    public boolean appendIcmpv6(StringBuilder info, MemorySegment seg, long ipv6Off, long icmpOff,
                                int capLen, int reportedLen, IcmpEchoes echo) {
        failure = null;
        return Icmpv6Text.append(this, names, info, seg, ipv6Off, icmpOff, capLen, reportedLen, echo);
    }

    /**
     * The RFC 4884 extension structure after an error's quote, where packet-icmp.c looks for it
     * (as {@link IcmpDetails} does): its checksum needs all of it, and the interface objects
     * (RFC 5837, 8335) may read past the message's end, which ends the frame malformed.
     */
    private boolean extensions(MemorySegment seg, long icmpOff, int capLen, int reportedLen) {
        if (reportedLen <= 8 + 128 || capLen < 12 || u16(seg, icmpOff + 10) > 128 || reportedLen - 136 < 4) {
            return true;
        }
        if (!need(reportedLen, capLen, reportedLen)) {
            return false;
        }
        int version = u8(seg, icmpOff + 136) >> 4;
        if (version != 1 && version != 2) {
            return true;
        }
        long end = icmpOff + reportedLen;
        for (long p = icmpOff + 140; end - p >= 4; ) {
            int objLen = u16(seg, p);
            if (objLen < 4) {
                break;
            }
            long objEnd = p + Math.min(objLen, end - p);
            int cls = u8(seg, p + 2);
            if ((cls == 2 || cls == 3) && IcmpInterfaceObjects.reach(seg, p, objLen, objEnd, end, cls) > end) {
                failure = MALFORMED;
                return false;
            }
            p = objEnd;
        }
        return true;
    }

    /** Whether {@code n} bytes are there; if not, records what tshark reports. */
    boolean need(int n, int capLen, int reportedLen) {
        if (capLen >= n) return true;
        failure = reportedLen >= n ? TRUNCATED : MALFORMED;
        return false;
    }

    /**
     * What tshark appends to an echo's Info once the pairing is known ({@code echo} is the
     * decoder's matching when it is about this message, else null): "(reply in N)" and, in a
     * second pass, "(no response found!)" or "(multicast)" for a request; "(request in N)" for a
     * reply.
     */
    static void appendEcho(StringBuilder info, IcmpEchoes echo) {
        if (echo == null) {
            return;
        }
        if (echo.partner() > 0) {
            info.append(echo.request() ? " (reply in " : " (request in ").append(echo.partner()).append(')');
        } else if (echo.multicast()) {
            info.append(" (multicast)");
        } else if (echo.unanswered()) {
            info.append(" (no response found!)");
        }
    }

    static void appendHex4(StringBuilder sb, int v) {
        AddressText.appendHex8(sb, (v >>> 8) & 0xff);
        AddressText.appendHex8(sb, v & 0xff);
    }

    static int u8(MemorySegment seg, long off) {
        return Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, off));
    }

    static int u16(MemorySegment seg, long off) {
        return Short.toUnsignedInt(seg.get(U16, off));
    }
}

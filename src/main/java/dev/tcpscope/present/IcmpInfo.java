package dev.tcpscope.present;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Info text for ICMP (RFC 792) and ICMPv6 (RFC 4443, 4861), with tshark's echo request/reply
 * pairing state for one capture (one pass, capture order).
 *
 * <p>Pairing follows tshark's single pass: a request is remembered under its address pair,
 * identifier, sequence number and the checksum its reply will carry; the first reply that matches
 * says "(request in N)" and consumes the request. Requests never get a suffix in one pass (tshark
 * only writes "(reply in N)" or "(no response found!)" on a second pass). Memory is bounded: the
 * oldest unanswered requests are forgotten past {@link #MAX_PENDING}.
 *
 * <p>When a message is too short, the methods append the part of the Info text that tshark had
 * already written and return false; {@link #failure()} then says what tshark appends right
 * after it (no space): "[Malformed Packet]" when the message ended on the wire, or
 * "[Packet size limited during capture]" when only the capture was cut short.
 */
public final class IcmpInfo {
    /** Unanswered echo requests remembered at most (oldest dropped first). */
    public static final int MAX_PENDING = 1 << 16;
    /** What tshark appends to Info when a message ended before a field it reads. */
    public static final String MALFORMED = "[Malformed Packet]";
    /** What tshark appends to Info when the capture (snap length) cut a field off. */
    public static final String TRUNCATED = "[Packet size limited during capture]";

    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfShort U16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final MacNames names;
    private final Map<EchoKey, Long> pending = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<EchoKey, Long> eldest) {
            return size() > MAX_PENDING;
        }
    };
    private String failure;

    /** Echo pairing key: both addresses (ordered so either direction matches), reply checksum, id, seq. */
    private record EchoKey(long addrLo, long addrHi, long addrLo2, long addrHi2, int checksum, int id, int seq) {}

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
    public boolean appendIcmp(StringBuilder info, MemorySegment seg, long ipOff, long icmpOff,
                              int capLen, int reportedLen, long frameNumber) {
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
                info.append(", ttl=").append(u8(seg, ipOff + 8));
                if (type == 8) {
                    request(seg, ipOff, u16(seg, icmpOff + 2), id, seq, frameNumber);
                } else if (type == 0) {
                    long req = reply(seg, ipOff, u16(seg, icmpOff + 2), id, seq);
                    if (req > 0) info.append(" (request in ").append(req).append(')');
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
                                int capLen, int reportedLen, long frameNumber) {
        failure = null;
        return Icmpv6Text.append(this, names, info, seg, ipv6Off, icmpOff, capLen, reportedLen, frameNumber);
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

    private void request(MemorySegment seg, long ipOff, int checksum, int id, int seq, long frame) {
        // The reply differs only in its type byte (8 -> 0), so its checksum is ours plus 0x0800
        // in ones' complement arithmetic.
        int sum = (~checksum & 0xffff) + (~0x0800 & 0xffff);
        sum = (sum & 0xffff) + (sum >>> 16);
        int replyChecksum = ~sum & 0xffff;
        pending.put(key4(seg, ipOff, replyChecksum, id, seq), frame);
    }

    private long reply(MemorySegment seg, long ipOff, int checksum, int id, int seq) {
        Long req = pending.remove(key4(seg, ipOff, checksum == 0xffff ? 0 : checksum, id, seq));
        return req == null ? 0 : req;
    }

    private static EchoKey key4(MemorySegment seg, long ipOff, int checksum, int id, int seq) {
        long a = Integer.toUnsignedLong(seg.get(U32, ipOff + 12));
        long b = Integer.toUnsignedLong(seg.get(U32, ipOff + 16));
        return new EchoKey(Math.min(a, b), 0, Math.max(a, b), 0, checksum, id, seq);
    }

    /** Echo pairing for ICMPv6 (RFC 4443 §4): address pair, id, seq. */
    void request6(MemorySegment seg, long ipv6Off, int checksum, int id, int seq, long frame) {
        pending.put(key6(seg, ipv6Off, checksum, id, seq), frame);
    }

    long reply6(MemorySegment seg, long ipv6Off, int checksum, int id, int seq) {
        Long req = pending.remove(key6(seg, ipv6Off, checksum, id, seq));
        return req == null ? 0 : req;
    }

    private static EchoKey key6(MemorySegment seg, long off, int checksum, int id, int seq) {
        long sHi = seg.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), off + 8);
        long sLo = seg.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), off + 16);
        long dHi = seg.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), off + 24);
        long dLo = seg.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), off + 32);
        boolean srcFirst = Long.compareUnsigned(sHi, dHi) < 0
                || sHi == dHi && Long.compareUnsigned(sLo, dLo) <= 0;
        return srcFirst ? new EchoKey(sHi, sLo, dHi, dLo, checksum, id, seq)
                : new EchoKey(dHi, dLo, sHi, sLo, checksum, id, seq);
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

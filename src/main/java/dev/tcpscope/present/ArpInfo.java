package dev.tcpscope.present;

import static dev.tcpscope.present.IcmpInfo.u16;
import static dev.tcpscope.present.IcmpInfo.u8;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ARP (RFC 826), RARP (RFC 903), DRARP and Inverse ARP (RFC 2390) Info text and Protocol column
 * as tshark 4.0.17 writes them.
 *
 * <p>Addresses are printed raw, as tshark does in ARP Info: Ethernet-sized hardware addresses as
 * {@code 00:1d:09:f0:92:ab}, 4-byte protocol addresses of type IPv4 as dotted quads, anything else
 * as plain hex. One instance per capture: it remembers IPv4-to-MAC bindings (bounded) to add
 * "(duplicate use of A detected!)" like tshark.
 */
public final class ArpInfo {
    private static final int MAX_BINDINGS = 1 << 16;

    @SuppressWarnings("unused")
    private final MacNames names;
    private final Map<Integer, Long> bindings = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Long> eldest) {
            return size() > MAX_BINDINGS;
        }
    };

    public ArpInfo(MacNames names) {
        this.names = names;
    }

    /**
     * Appends tshark's Info for the ARP packet at arpOff and returns the Protocol column ("ARP",
     * "RARP", "DRARP", "Inverse ARP"); returns null when it's too short (the caller shows
     * Protocol "ARP" and Info "[Malformed Packet]", or "[Packet size limited during capture]"
     * when only the capture was cut).
     */
    public String append(StringBuilder info, MemorySegment seg, long arpOff, int capLen, int reportedLen) {
        if (capLen < 8) return null;
        int hrd = u16(seg, arpOff);
        int pro = u16(seg, arpOff + 2);
        int hln = u8(seg, arpOff + 4);
        int pln = u8(seg, arpOff + 5);
        int op = u16(seg, arpOff + 6);
        int total = 8 + 2 * hln + 2 * pln;
        if (capLen < total) return null;
        long sha = arpOff + 8, spa = sha + hln, tha = spa + pln, tpa = tha + hln;
        String protocol = switch (op) {
            case 3, 4 -> "RARP";
            case 5, 6, 7 -> "DRARP";
            case 8, 9 -> "Inverse ARP";
            default -> "ARP";
        };
        boolean ipv4 = pro == 0x0800 && pln == 4;
        boolean ether = hln == 6;
        boolean sameIp = ipv4 && seg.get(IcmpInfo.U32, spa) == seg.get(IcmpInfo.U32, tpa);
        boolean thaZero = isZero(seg, tha, hln);
        switch (op) {
            case 1 -> {
                if (sameIp && !thaZero) {
                    addr(info.append("Gratuitous ARP for "), seg, tpa, pln, ipv4).append(" (Request)");
                } else if (ipv4 && isZero(seg, spa, 4) && thaZero) {
                    addr(info.append("Who has "), seg, tpa, pln, ipv4).append("? (ARP Probe)");
                } else if (sameIp) {
                    addr(info.append("ARP Announcement for "), seg, tpa, pln, ipv4);
                } else {
                    addr(info.append("Who has "), seg, tpa, pln, ipv4).append("? Tell ");
                    addr(info, seg, spa, pln, ipv4);
                }
            }
            case 2 -> {
                if (sameIp) {
                    addr(info.append("Gratuitous ARP for "), seg, spa, pln, ipv4).append(" (Reply)");
                } else {
                    addr(info, seg, spa, pln, ipv4).append(" is at ");
                    hw(info, seg, sha, hln);
                }
            }
            case 3, 5, 8 -> {
                info.append("Who is ");
                hw(info, seg, tha, hln);
                info.append("? Tell ");
                hw(info, seg, sha, hln);
            }
            case 4, 6 -> {
                hw(info, seg, tha, hln);
                addr(info.append(" is at "), seg, tpa, pln, ipv4);
            }
            case 9 -> {
                hw(info, seg, sha, hln);
                addr(info.append(" is at "), seg, spa, pln, ipv4);
            }
            default -> {
                info.append("Unknown ARP opcode 0x");
                IcmpInfo.appendHex4(info, op);
            }
        }
        if (ipv4 && ether && (op == 1 || op == 2)) {
            duplicateCheck(info, seg, spa, sha);
            if (op == 2) duplicateCheck(info, seg, tpa, tha);
        }
        return protocol;
    }

    /** tshark's check: an IPv4 address seen earlier with another MAC is a duplicate. */
    private void duplicateCheck(StringBuilder info, MemorySegment seg, long ipOff, long macOff) {
        int ip = seg.get(IcmpInfo.U32, ipOff);
        if (ip == 0) return;
        long mac = 0;
        for (int i = 0; i < 6; i++) mac = (mac << 8) | u8(seg, macOff + i);
        if (mac == 0 || mac == 0xFFFF_FFFF_FFFFL) return;
        Long previous = bindings.put(ip, mac);
        if (previous != null && previous != mac) {
            info.append(" (duplicate use of ");
            AddressText.appendIpv4(info, seg, ipOff);
            info.append(" detected!)");
        }
    }

    private static StringBuilder addr(StringBuilder sb, MemorySegment seg, long off, int len, boolean ipv4) {
        if (len == 0) return sb.append("<No address>");
        if (ipv4) {
            AddressText.appendIpv4(sb, seg, off);
        } else {
            AddressText.appendHexBytes(sb, seg, off, len, (char) 0);
        }
        return sb;
    }

    private static void hw(StringBuilder sb, MemorySegment seg, long off, int len) {
        if (len == 0) {
            sb.append("<No address>");
        } else {
            AddressText.appendHexBytes(sb, seg, off, len, len == 6 ? ':' : (char) 0);
        }
    }

    private static boolean isZero(MemorySegment seg, long off, int len) {
        for (int i = 0; i < len; i++) {
            if (seg.get(ValueLayout.JAVA_BYTE, off + i) != 0) return false;
        }
        return true;
    }
}

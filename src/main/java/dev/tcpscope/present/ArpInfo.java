package dev.tcpscope.present;

import static dev.tcpscope.present.IcmpInfo.u16;
import static dev.tcpscope.present.IcmpInfo.u8;

import dev.tcpscope.wire.Arp;
import java.lang.foreign.MemorySegment;
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

    /** What tshark appends to Info when {@link #append} returned null. */
    private String failure;

    /**
     * Appends tshark's Info for the ARP packet at arpOff and returns the Protocol column ("ARP",
     * "RARP", "DRARP", "Inverse ARP", "MARS", "MAPOS"); returns null when packet-arp.c's reads
     * stop first: then {@link #failure} is the marker and the Protocol is "ARP", or, when the
     * capture cuts the addresses Info names, the opcode's protocol name.
     */
    public String append(StringBuilder info, MemorySegment seg, long arpOff, int capLen, int reportedLen) {
        failure = null;
        protocol = "ARP";
        if (capLen < Arp.FIXED_LENGTH) {
            failure = reportedLen >= Arp.FIXED_LENGTH ? PacketList.LIMITED : PacketList.MALFORMED;
            return null;
        }
        int hrd = Arp.hardwareType(seg, arpOff);
        int pro = Arp.protocolType(seg, arpOff);
        int hln = Arp.hardwareSize(seg, arpOff);
        int pln = Arp.protocolSize(seg, arpOff);
        int op = Arp.opcode(seg, arpOff);
        if (reportedLen < Arp.length(seg, arpOff)) {
            failure = PacketList.MALFORMED; // packet-arp.c cannot shrink the packet to its length
            return null;
        }
        String name = switch (op) {
            case 3, 4 -> "RARP";
            case 5, 6, 7 -> "DRARP";
            case 8, 9 -> "Inverse ARP";
            case 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22 -> "MARS";
            case 23 -> "MAPOS";
            default -> "ARP";
        };
        if (capLen < Arp.infoEnd(op, hln, pln)) {
            protocol = name;
            failure = PacketList.LIMITED;
            return null;
        }
        long sha = arpOff + Arp.FIXED_LENGTH, spa = sha + hln, tha = spa + pln, tpa = tha + hln;
        boolean ipv4 = Arp.ipv4Protocol(pro, pln);
        boolean ether = Arp.etherHardware(hrd, hln);
        int kind = Arp.kind(seg, arpOff, capLen);
        switch (op) {
            case 1 -> {
                if ((kind & Arp.ANNOUNCEMENT) != 0) {
                    addr(info.append("ARP Announcement for "), seg, tpa, pln, ipv4);
                } else if ((kind & Arp.GRATUITOUS) != 0) {
                    addr(info.append("Gratuitous ARP for "), seg, tpa, pln, ipv4).append(" (Request)");
                } else if ((kind & Arp.PROBE) != 0) {
                    addr(info.append("Who has "), seg, tpa, pln, ipv4).append("? (ARP Probe)");
                } else {
                    addr(info.append("Who has "), seg, tpa, pln, ipv4).append("? Tell ");
                    addr(info, seg, spa, pln, ipv4);
                }
            }
            case 2 -> {
                if ((kind & Arp.GRATUITOUS) != 0) {
                    addr(info.append("Gratuitous ARP for "), seg, spa, pln, ipv4).append(" (Reply)");
                } else {
                    addr(info, seg, spa, pln, ipv4).append(" is at ");
                    hw(info, seg, sha, hln, ether);
                }
            }
            case 3, 5, 8 -> {
                info.append("Who is ");
                hw(info, seg, tha, hln, ether);
                info.append("? Tell ");
                hw(info, seg, sha, hln, ether);
            }
            case 4, 6 -> {
                hw(info, seg, tha, hln, ether);
                addr(info.append(" is at "), seg, tpa, pln, ipv4);
            }
            case 7 -> info.append("DRARP Error");
            case 9 -> {
                hw(info, seg, sha, hln, ether);
                addr(info.append(" is at "), seg, spa, pln, ipv4);
            }
            case 10 -> info.append("ARP NAK");
            case 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23 -> {
                info.append(MARS[op - 11]).append(" from ");
                hw(info, seg, sha, hln, ether);
                addr(info.append(" at "), seg, spa, pln, ipv4);
            }
            case 24, 25 -> info.append("Experimental ").append(op - 23).append(" ( opcode ").append(op).append(" )");
            case 0, 65535 -> info.append("Reserved opcode ").append(op);
            default -> {
                info.append("Unknown ARP opcode 0x");
                IcmpInfo.appendHex4(info, op);
            }
        }
        if (ipv4 && ether && (op == 1 || op == 2)) {
            duplicateCheck(info, seg, spa, sha);
            if (op == 2) duplicateCheck(info, seg, tpa, tha);
        }
        return name;
    }

    private static final String[] MARS = {
        "MARS request", "MARS MULTI request", "MARS MSERV request", "MARS JOIN request", "MARS LEAVE",
        "MARS NAK", "MARS UNSERV request", "MARS SJOIN request", "MARS SLEAVE", "MARS grouplist request",
        "MARS grouplist reply", "MARS redirect map", "MAPOS UNARP request",
    };

    private String protocol = "ARP";

    /** After {@link #append} returned null: tshark's Info marker. */
    public String failure() {
        return failure;
    }

    /** After {@link #append} returned null: the Protocol column. */
    public String failedProtocol() {
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

    private static void hw(StringBuilder sb, MemorySegment seg, long off, int len, boolean ether) {
        if (len == 0) {
            sb.append("<No address>");
        } else {
            AddressText.appendHexBytes(sb, seg, off, len, ether ? ':' : (char) 0);
        }
    }
}

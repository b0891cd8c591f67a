package dev.tcpscope.present;

import static dev.tcpscope.present.IcmpInfo.u16;
import static dev.tcpscope.present.IcmpInfo.u8;

import java.lang.foreign.MemorySegment;

/** ICMPv6 Info text (RFC 4443, RFC 4861, RFC 3810) as tshark 4.0.17 writes it. */
final class Icmpv6Text {
    private Icmpv6Text() {}

    static String typeName(int type) {
        return switch (type) {
            case 1 -> "Destination Unreachable";
            case 2 -> "Packet Too Big";
            case 3 -> "Time Exceeded";
            case 4 -> "Parameter Problem";
            case 128 -> "Echo (ping) request";
            case 129 -> "Echo (ping) reply";
            case 130 -> "Multicast Listener Query";
            case 131 -> "Multicast Listener Report";
            case 132 -> "Multicast Listener Done";
            case 133 -> "Router Solicitation";
            case 134 -> "Router Advertisement";
            case 135 -> "Neighbor Solicitation";
            case 136 -> "Neighbor Advertisement";
            case 137 -> "Redirect";
            case 138 -> "Router Renumbering";
            case 139 -> "Node Information Query";
            case 140 -> "Node Information Reply";
            case 141 -> "Inverse Neighbor Discovery Solicitation";
            case 142 -> "Inverse Neighbor Discovery Advertisement";
            case 143 -> "Multicast Listener Report Message v2";
            case 144 -> "Home Agent Address Discovery Request";
            case 145 -> "Home Agent Address Discovery Reply";
            case 146 -> "Mobile Prefix Solicitation";
            case 147 -> "Mobile Prefix Advertisement";
            case 148 -> "Certification Path Solicitation";
            case 149 -> "Certification Path Advertisement";
            case 150 -> "Experimental Mobility";
            case 151 -> "Multicast Router Advertisement";
            case 152 -> "Multicast Router Solicitation";
            case 153 -> "Multicast Router Termination";
            case 154 -> "FMIPv6";
            case 155 -> "RPL Control";
            case 156 -> "ILNPv6 Locator Update Message";
            case 157 -> "Duplicate Address Request";
            case 158 -> "Duplicate Address Confirmation";
            case 159 -> "MPL Control Message";
            case 160 -> "Extended Echo request";
            case 161 -> "Extended Echo reply";
            case 200, 201 -> "Private experimentation";
            case 255 -> "Reserved for expansion of ICMPv6 informational messages";
            default -> null;
        };
    }

    static String codeName(int type, int code) {
        String name = switch (type) {
            case 1 -> switch (code) {
                case 0 -> "no route to destination";
                case 1 -> "communication with destination administratively prohibited";
                case 2 -> "beyond scope of source address";
                case 3 -> "address unreachable";
                case 4 -> "Port unreachable";
                case 5 -> "source address failed ingress/egress policy";
                case 6 -> "reject route to destination";
                case 7 -> "Error in Source Routing Header";
                default -> "";
            };
            case 3 -> code == 0 ? "hop limit exceeded in transit"
                    : code == 1 ? "fragment reassembly time exceeded" : "";
            case 4 -> switch (code) {
                case 0 -> "erroneous header field encountered";
                case 1 -> "unrecognized Next Header type encountered";
                case 2 -> "unrecognized IPv6 option encountered";
                case 3 -> "IPv6 First Fragment has incomplete IPv6 Header Chain";
                default -> "";
            };
            case 138 -> switch (code) {
                case 0 -> "Command";
                case 1 -> "Result";
                case 255 -> "Sequence Number Reset";
                default -> "";
            };
            case 139 -> switch (code) {
                case 0 -> "Query subject = IPv6 addresses";
                case 1 -> "Query subject = DNS name";
                case 2 -> "Query subject = IPv4 addresses";
                default -> "";
            };
            case 140 -> switch (code) {
                case 0 -> "Successful";
                case 1 -> "Refused";
                case 2 -> "Unknown query type";
                default -> "";
            };
            case 155 -> switch (code) {
                case 0x00 -> "DODAG Information Solicitation";
                case 0x01 -> "DODAG Information Object";
                case 0x02 -> "Destination Advertisement Object";
                case 0x03 -> "Destination Advertisement Object Acknowledgment";
                case 0x80 -> "Secure DODAG Information Solicitation";
                case 0x81 -> "Secure DODAG Information Object";
                case 0x82 -> "Secure Destination Advertisement Object";
                case 0x83 -> "Secure Destination Advertisement Object Acknowledgment";
                case 0x8A -> "Consistency Check";
                default -> "";
            };
            case 160 -> code == 0 ? "No error" : "";
            case 161 -> IcmpTypes.extendedEchoReplyCode(code);
            default -> null;
        };
        if (name == null) return null;
        return name.isEmpty() ? "Unknown (" + code + ")" : name;
    }

    static boolean append(IcmpInfo state, MacNames names, StringBuilder info, MemorySegment seg,
                          long ip6, long off, int capLen, int reportedLen, dev.tcpscope.tcp.IcmpEchoes echo) {
        // packet-icmpv6.c names the type as soon as it has read it, then reads the code.
        if (!state.need(1, capLen, reportedLen)) return false;
        int type = u8(seg, off);
        String typeText = typeName(type);
        info.append(typeText != null ? typeText : "Unknown (" + type + ")");
        if (!state.need(2, capLen, reportedLen)) return false;
        int code = u8(seg, off + 1);
        String codeText = codeName(type, code);
        if (codeText != null) info.append(" (").append(codeText).append(')');
        if (!state.need(4, capLen, reportedLen)) return false; // the checksum is read for every type
        switch (type) {
            case 128, 129 -> {
                if (!state.need(8, capLen, reportedLen)) return false;
                int id = u16(seg, off + 4);
                int seq = u16(seg, off + 6);
                info.append(" id=0x");
                IcmpInfo.appendHex4(info, id);
                info.append(", seq=").append(seq);
                if (state.ttlKnown) {
                    info.append(", hop limit=").append(u8(seg, ip6 + 7));
                }
                IcmpInfo.appendEcho(info, echo);
                return true;
            }
            // the fixed part is read item by item before the options: a short one throws
            case 133 -> {
                return state.need(8, capLen, reportedLen)
                        && options(state, info, seg, off, 8, capLen, reportedLen);
            }
            case 134 -> {
                return state.need(16, capLen, reportedLen)
                        && options(state, info, seg, off, 16, capLen, reportedLen);
            }
            case 135 -> {
                if (!state.need(24, capLen, reportedLen)) return false;
                info.append(" for ");
                AddressText.appendIpv6(info, seg, off + 8);
                return options(state, info, seg, off, 24, capLen, reportedLen);
            }
            case 136 -> {
                if (!state.need(24, capLen, reportedLen)) return false;
                info.append(' ');
                AddressText.appendIpv6(info, seg, off + 8);
                int flags = u8(seg, off + 4);
                String sep = " (";
                if ((flags & 0x80) != 0) { info.append(sep).append("rtr"); sep = ", "; }
                if ((flags & 0x40) != 0) { info.append(sep).append("sol"); sep = ", "; }
                if ((flags & 0x20) != 0) { info.append(sep).append("ovr"); sep = ", "; }
                info.append(sep.equals(" (") ? " (none)" : ")"); // packet-icmpv6.c names an empty set
                return options(state, info, seg, off, 24, capLen, reportedLen);
            }
            case 137 -> {
                return state.need(40, capLen, reportedLen)
                        && options(state, info, seg, off, 40, capLen, reportedLen);
            }
            // MLDv2 report: every multicast address record is read, its sources and aux data too
            case 143 -> {
                if (!state.need(8, capLen, reportedLen)) return false;
                int records = u16(seg, off + 6);
                long at = 8;
                for (int r = 0; r < records; r++) {
                    if (!state.need((int) Math.min(Integer.MAX_VALUE, at + 4), capLen, reportedLen)) return false;
                    int aux = u8(seg, off + at + 1);
                    int sources = u16(seg, off + at + 2);
                    at += 20L + 16L * sources + 4L * aux;
                    if (!state.need((int) Math.min(Integer.MAX_VALUE, at), capLen, reportedLen)) return false;
                }
                return true;
            }
            // an error message's second word, then the quote's version nibble, even of an empty quote
            case 1, 2, 3, 4 -> { return state.need(9, capLen, reportedLen); }
            default -> {
                // a type packet-icmpv6.c has no case for shows its data, which needs a byte
                boolean undecoded = type < 1 || type > 4 && type < 128 || type > 161;
                return !undecoded || state.need(5, capLen, reportedLen);
            }
        }
    }

    /** Neighbor Discovery options (RFC 4861 §4.6): link-layer address options add " from"/" is at". */
    private static boolean options(IcmpInfo state, StringBuilder info, MemorySegment seg, long off,
                                   int pos, int capLen, int reportedLen) {
        while (pos < reportedLen) {
            if (!state.need(pos + 2, capLen, reportedLen)) return false;
            int optType = u8(seg, off + pos);
            int optLen = u8(seg, off + pos + 1) * 8;
            if (optLen == 0) {
                // an expert item on the length ends the options, without an exception
                return true;
            }
            // the option's bytes, or further where its reads go on past a short length
            int reach = switch (optType) {
                case 3 -> 32;                                   // the prefix
                case 5 -> 8;                                    // the MTU
                case 25 -> optLen <= 8 ? 8 : 8 + (optLen - 8 + 15) / 16 * 16; // whole server addresses
                default -> optLen;
            };
            if (!state.need(pos + Math.max(optLen, reach), capLen, reportedLen)) return false;
            if ((optType == 1 || optType == 2) && optLen == 8) {
                info.append(optType == 1 ? " from " : " is at ");
                AddressText.appendMac(info, seg, off + pos + 2);
            }
            pos += optLen;
        }
        return true;
    }
}

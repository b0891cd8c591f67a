package dev.tcpscope.present;

/** ICMP (RFC 792 and successors) and ICMPv6 (RFC 4443, 4861, ...) type and code names as tshark 4.0 words them. */
final class IcmpTypes {
    private IcmpTypes() {}

    /** ICMPv4 type names; null for an unassigned type. */
    static String icmpType(int type) {
        return switch (type) {
            case 0 -> "Echo (ping) reply";
            case 1, 2 -> "Reserved";
            case 3 -> "Destination unreachable";
            case 4 -> "Source quench (flow control)";
            case 5 -> "Redirect";
            case 6 -> "Alternate host address";
            case 8 -> "Echo (ping) request";
            case 9 -> "Router advertisement";
            case 10 -> "Router solicitation";
            case 11 -> "Time-to-live exceeded";
            case 12 -> "Parameter problem";
            case 13 -> "Timestamp request";
            case 14 -> "Timestamp reply";
            case 15 -> "Information request";
            case 16 -> "Information reply";
            case 17 -> "Address mask request";
            case 18 -> "Address mask reply";
            case 19 -> "Reserved (for security)";
            case 30 -> "Traceroute";
            case 31 -> "Datagram Conversion Error";
            case 32 -> "Mobile Host Redirect";
            case 33 -> "IPv6 Where-Are-You";
            case 34 -> "IPv6 I-Am-Here";
            case 35 -> "Mobile Registration Request";
            case 36 -> "Mobile Registration Reply";
            case 37 -> "Domain Name Request";
            case 38 -> "Domain Name Reply";
            case 39 -> "SKIP";
            case 40 -> "Photuris";
            case 41 -> "Experimental mobility protocols";
            case 42 -> "Extended Echo request";
            case 43 -> "Extended Echo reply";
            default -> null;
        };
    }

    /**
     * The ICMPv4 code text for types that name their codes, "Unknown code: N" for an unnamed code
     * of such a type, or null for types whose code tshark does not show.
     */
    static String icmpCode(int type, int code) {
        String name = switch (type) {
            case 3 -> switch (code) {
                case 0 -> "Network unreachable";
                case 1 -> "Host unreachable";
                case 2 -> "Protocol unreachable";
                case 3 -> "Port unreachable";
                case 4 -> "Fragmentation needed";
                case 5 -> "Source route failed";
                case 6 -> "Destination network unknown";
                case 7 -> "Destination host unknown";
                case 8 -> "Source host isolated";
                case 9 -> "Network administratively prohibited";
                case 10 -> "Host administratively prohibited";
                case 11 -> "Network unreachable for TOS";
                case 12 -> "Host unreachable for TOS";
                case 13 -> "Communication administratively filtered";
                case 14 -> "Host precedence violation";
                case 15 -> "Precedence cutoff in effect";
                default -> "";
            };
            case 5 -> switch (code) {
                case 0 -> "Redirect for network";
                case 1 -> "Redirect for host";
                case 2 -> "Redirect for TOS and network";
                case 3 -> "Redirect for TOS and host";
                default -> "";
            };
            case 6 -> code == 0 ? "Alternate address for host" : "";
            case 9 -> code == 0 ? "Normal router advertisement"
                    : code == 16 ? "Does not route common traffic" : "";
            case 11 -> code == 0 ? "Time to live exceeded in transit"
                    : code == 1 ? "Fragment reassembly time exceeded" : "";
            case 12 -> switch (code) {
                case 0 -> "Pointer indicates the error";
                case 1 -> "Required option missing";
                case 2 -> "Bad length";
                default -> "";
            };
            case 40 -> switch (code) {
                case 0 -> "Bad SPI";
                case 1 -> "Authentication Failed";
                case 2 -> "Decompression Failed";
                case 3 -> "Decryption Failed";
                case 4 -> "Need Authentication";
                case 5 -> "Need Authorization";
                default -> "";
            };
            case 42 -> code == 0 ? "No error" : "";
            case 43 -> extendedEchoReplyCode(code);
            default -> null;
        };
        if (name == null) return null;
        return name.isEmpty() ? "Unknown code: " + code : name;
    }

    /** Codes of the extended echo reply (RFC 8335 §3), the same for ICMP (43) and ICMPv6 (161); "" if unknown. */
    static String extendedEchoReplyCode(int code) {
        return switch (code) {
            case 0 -> "No error";
            case 1 -> "Malformed Query";
            case 2 -> "No Such Interface";
            case 3 -> "No Such Table Entry";
            case 4 -> "Multiple Interfaces Satisfy Query";
            default -> "";
        };
    }
}

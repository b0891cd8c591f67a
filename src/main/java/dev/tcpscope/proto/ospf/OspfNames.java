package dev.tcpscope.proto.ospf;

/** packet-ospf.c's value strings (Wireshark 4.0.17). */
final class OspfNames {
    private OspfNames() { }

    /** Info's text for a message type (val_to_str with "Unknown (%u)"). */
    static String message(int type) {
        String s = messageOrNull(type);
        return s != null ? s : "Unknown (" + type + ")";
    }

    /** The Message Type item's value name ("Unknown" when none). */
    static String messageItem(int type) {
        String s = messageOrNull(type);
        return s != null ? s : "Unknown";
    }

    private static String messageOrNull(int type) {
        return switch (type) {
            case 1 -> "Hello Packet";
            case 2 -> "DB Description";
            case 3 -> "LS Request";
            case 4 -> "LS Update";
            case 5 -> "LS Acknowledge";
            default -> null;
        };
    }

    static String auth(int type) {
        return switch (type) {
            case 0 -> "Null";
            case 1 -> "Simple password";
            case 2 -> "Cryptographic";
            default -> "Unknown";
        };
    }

    static String instance(int id) {
        if (id <= 31) {
            return "IPv6 unicast AF";
        }
        if (id <= 63) {
            return "IPv6 multicast AF";
        }
        if (id <= 95) {
            return "IPv4 unicast AF";
        }
        if (id <= 127) {
            return "IPv4 multicast AF";
        }
        return "Reserved";
    }

    static String lsType(long type) {
        return switch ((int) Math.min(type, 255)) {
            case 1 -> "Router-LSA";
            case 2 -> "Network-LSA";
            case 3 -> "Summary-LSA (IP network)";
            case 4 -> "Summary-LSA (ASBR)";
            case 5 -> "AS-External-LSA (ASBR)";
            case 6 -> "Group Membership LSA";
            case 7 -> "NSSA AS-External-LSA";
            case 8 -> "External Attributes LSA";
            case 9 -> "Opaque LSA, Link-local scope";
            case 10 -> "Opaque LSA, Area-local scope";
            case 11 -> "Opaque LSA, AS-local scope";
            default -> "Unknown";
        };
    }

    static String opaque(int type) {
        return switch (type) {
            case 1 -> "Traffic Engineering LSA";
            case 2 -> "Sycamore Optical Topology Descriptions";
            case 3 -> "grace-LSA";
            case 4 -> "Router Information (RI)";
            case 7 -> "OSPFv2 Extended Prefix Opaque LSA";
            case 8 -> "OSPFv2 Extended Link Opaque LSA";
            default -> "Unknown";
        };
    }

    static String v3LsTypeOrNull(int type) {
        return switch (type) {
            case 1 -> "Router-LSA";
            case 2 -> "Network-LSA";
            case 3 -> "Inter-Area-Prefix-LSA";
            case 4 -> "Inter-Area-Router-LSA";
            case 5 -> "AS-External-LSA";
            case 6 -> "Group-Membership-LSA";
            case 7 -> "NSSA-LSA";
            case 8 -> "Link-LSA";
            case 9 -> "Intra-Area-Prefix-LSA";
            case 12 -> "Router Information Opaque-LSA";
            default -> null;
        };
    }

    static String v3LsType(int type) {
        String s = v3LsTypeOrNull(type);
        return s != null ? s : "Unknown";
    }

    /** A v3 LS Type item's text in a Link State Request: "Router-LSA (0x2001)". */
    static String v3LsTypeItem(int type) {
        return v3LsType(type);
    }

    static String scope(int s12) {
        return switch (s12) {
            case 0 -> "Link-Local Scoping - Flooded only on originating link";
            case 1 -> "Area Scoping - Flooded only in originating area";
            case 2 -> "AS Scoping - Flooded throughout AS";
            default -> "Reserved";
        };
    }

    static String linkShort(int type) {
        return switch (type) {
            case 1 -> "PTP";
            case 2 -> "Transit";
            case 3 -> "Stub";
            case 4 -> "Virtual";
            default -> "Unknown";
        };
    }

    static String linkType(int type) {
        return switch (type) {
            case 1 -> "Point-to-point connection to another router";
            case 2 -> "Connection to a transit network";
            case 3 -> "Connection to a stub network";
            case 4 -> "Virtual link";
            default -> "Unknown link type";
        };
    }

    static String linkId(int type) {
        return switch (type) {
            case 1 -> "Neighboring router's Router ID";
            case 2 -> "IP address of Designated Router";
            case 3 -> "IP network/subnet number";
            case 4 -> "Neighboring router's Router ID";
            default -> "Unknown link ID";
        };
    }

    static String llsV3(int type) {
        return switch (type) {
            case 1 -> "Extended Options TLV";
            case 3 -> "State Check Sequence TLV";
            case 4 -> "Neighbor Drop TLV";
            case 5 -> "Request From LTV";
            case 6 -> "Full State For TLV";
            case 7 -> "Active Overlapping Relays TLV";
            case 8 -> "Willingness TLV";
            default -> "Unknown LLS TLV";
        };
    }
}

package dev.tcpscope.proto.igmp;

/** packet-igmp.c's value strings and the Info phrases of its version 3 group records. */
final class IgmpNames {
    private IgmpNames() { }

    /** The "commands" table: a type's name, null when it has none. */
    static String name(int type) {
        return switch (type) {
            case 0x01 -> "Create Group Request";
            case 0x02 -> "Create Group Reply";
            case 0x03 -> "Join Group Request";
            case 0x04 -> "Join Group Reply";
            case 0x05 -> "Leave Group Request";
            case 0x06 -> "Leave Group Reply";
            case 0x07 -> "Confirm Group Request";
            case 0x08 -> "Confirm Group Reply";
            case 0x11 -> "Membership Query";
            case 0x12, 0x16, 0x22 -> "Membership Report";
            case 0x13 -> "DVMRP Protocol";
            case 0x14 -> "PIM Routing Message";
            case 0x17 -> "Leave Group";
            case 0x1e -> "Traceroute Response";
            case 0x1f -> "Traceroute Query or Request";
            default -> null;
        };
    }

    /** Info's first words: the name, or "Unknown Type:0x.." (val_to_str). */
    static String command(int type) {
        String n = name(type);
        return n != null ? n : String.format("Unknown Type:0x%02x", type);
    }

    /** The name in the Type item's label: "Unknown" for a type the table lacks. */
    static String typeName(int type) {
        String n = name(type);
        return n != null ? n : "Unknown";
    }

    static String reply(int code) {
        return switch (code) {
            case 0 -> "Request Granted";
            case 1 -> "Request Denied, No Resources";
            case 2 -> "Request Denied, Invalid Code";
            case 3 -> "Request Denied, Invalid Group";
            case 4 -> "Request Denied, Invalid Key";
            default -> "Unknown";
        };
    }

    static String recordType(int type, String otherwise) {
        return switch (type) {
            case 1 -> "Mode Is Include";
            case 2 -> "Mode Is Exclude";
            case 3 -> "Change To Include Mode";
            case 4 -> "Change To Exclude Mode";
            case 5 -> "Allow New Sources";
            case 6 -> "Block Old Sources";
            default -> otherwise;
        };
    }

    /** What a group record appends to Info before its sources (which then follow, closed by "}"). */
    static String recordPhrase(int type, String group, int sources) {
        boolean many = sources > 1;
        if (sources == 0) {
            return switch (type) {
                case 1, 3 -> " / Leave group " + group;
                case 2, 4 -> " / Join group " + group + " for any sources";
                case 5 -> " / Group " + group + ", ALLOW_NEW_SOURCES but no source specified (?)";
                case 6 -> " / Group " + group + ", BLOCK_OLD_SOURCES but no source specified (?)";
                default -> " / Group " + group + ", unknown record type (?)";
            };
        }
        return switch (type) {
            case 1, 3 -> " / Join group " + group + " for source" + (many ? "s in" : "") + " {";
            case 2, 4 -> " / Join group " + group + ", for source" + (many ? "s not in" : " not") + " {";
            case 5 -> " / Group " + group + ", new source" + (many ? "s" : "") + " {";
            case 6 -> " / Group " + group + ", block source" + (many ? "s" : "") + " {";
            default -> " / Group " + group + ", unknown record type (?), sources {";
        };
    }

    static String routing(int proto) {
        return switch (proto) {
            case 1 -> "DVMRP";
            case 2 -> "MOSPF";
            case 3 -> "PIM";
            case 4 -> "CBT";
            case 5 -> "PIM using special routing table";
            case 6 -> "PIM using a static route";
            case 7 -> "DVMRP using a static route";
            case 8 -> "PIM using MBGP (aka BGP4+) route";
            case 9 -> "CBT using special routing table";
            case 10 -> "CBT using a static route";
            case 11 -> "PIM using state created by Assert processing";
            default -> "Unknown";
        };
    }

    static String forwarding(int code) {
        return switch (code) {
            case 0x00 -> "NO_ERROR";
            case 0x01 -> "WRONG_IF";
            case 0x02 -> "PRUNE_SENT";
            case 0x03 -> "PRUNE_RCVD";
            case 0x04 -> "SCOPED";
            case 0x05 -> "NO_ROUTE";
            case 0x06 -> "WRONG_LAST_HOP";
            case 0x07 -> "NOT_FORWARDING";
            case 0x08 -> "REACHED_RP";
            case 0x09 -> "RPF_IF";
            case 0x0a -> "NO_MULTICAST";
            case 0x0b -> "INFO_HIDDEN";
            case 0x81 -> "NO_SPACE";
            case 0x82 -> "OLD_ROUTER";
            case 0x83 -> "ADMIN_PROHIB";
            default -> "Unknown";
        };
    }
}

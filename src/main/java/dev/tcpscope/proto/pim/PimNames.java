package dev.tcpscope.proto.pim;

/** packet-pim.c's value strings (Wireshark 4.0). */
final class PimNames {
    private PimNames() { }

    /** pimtypevals, "Unknown (%u)" for the rest. */
    static String type(int type) {
        return switch (type) {
            case 0 -> "Hello";
            case 1 -> "Register";
            case 2 -> "Register-stop";
            case 3 -> "Join/Prune";
            case 4 -> "Bootstrap";
            case 5 -> "Assert";
            case 6 -> "Graft";
            case 7 -> "Graft-Ack";
            case 8 -> "Candidate-RP-Advertisement";
            case 9 -> "State-Refresh";
            case 10 -> "DF election";
            case 11 -> "ECMP redirect";
            case 12 -> "PFM source discovery";
            default -> "Unknown (" + type + ")";
        };
    }

    /** The type item's name: a value string's miss is plain "Unknown" there. */
    static String typeItem(int type) {
        return type <= 12 ? type(type) : "Unknown";
    }

    static String df(int subtype) {
        return switch (subtype) {
            case 1 -> "offer";
            case 2 -> "DF Winner";
            case 3 -> "DF Backoff";
            case 4 -> "DF Pass";
            default -> "Unknown";
        };
    }

    /** pim_opt_vals, "Unknown: %u" for the rest. */
    static String option(int opt) {
        return switch (opt) {
            case 1 -> "Hold Time";
            case 2 -> "LAN Prune Delay";
            case 17 -> "Label Parameters";
            case 18 -> "Deprecated";
            case 19 -> "DR Priority";
            case 20 -> "Generation ID";
            case 21 -> "State-Refresh";
            case 22 -> "Bidirectional Capable";
            case 23 -> "VCI Capability";
            case 24 -> "Address List";
            case 25 -> "Neighbor List TLV";
            case 26 -> "Join Attribute";
            case 27 -> "PIM-over-TCP-Capable";
            case 28 -> "PIM-over-SCTP-Capable";
            case 29 -> "Pop-Count";
            case 30 -> "PIM MT-ID";
            case 31 -> "Interface ID";
            case 32 -> "PIM ECMP Redirect Hello Option";
            case 33 -> "vPC Peer ID";
            case 34 -> "DR Load Balancing Capability";
            case 35 -> "DR Load Balancing List";
            case 36 -> "Hierarchical Join/Prune Attribute";
            case 65001 -> "Address list, old implementation";
            case 65004 -> "RPF Proxy Vector (Cisco proprietary)";
            default -> "Unknown: " + opt;
        };
    }

    static String ipVersion(int v) {
        return switch (v) {
            case 0 -> "Dummy Header";
            case 4 -> "IPv4";
            case 6 -> "IPv6";
            default -> "Unknown";
        };
    }

    /** afn_vals, for the two families dissect_pim_addr goes on with. */
    static String family(int af) {
        return af == Pim.AFNUM_INET ? "IPv4" : "IPv6";
    }

    static String encoding(int et) {
        return et == 0 ? "Native" : "Native with Join Attribute";
    }

    static String joinAttribute(int type) {
        return joinAttributeOr(type, "Unknown");
    }

    static String joinAttributeOr(int type, String unknown) {
        return switch (type) {
            case 0 -> "RPF Vector TLV";
            case 1 -> "MVPN Join Attribute";
            case 2 -> "MT-ID Join Attribute";
            case 3 -> "Pop-Count";
            case 4 -> "Explicit RPF Vector";
            case 5 -> "Transport Attribute";
            case 6 -> "Receiver RLOC Attribute";
            default -> unknown;
        };
    }

    /** pim_type1_vals (PIMv1 codes), "Unknown (%u)" for the rest. */
    static String v1Type(int code) {
        return switch (code) {
            case 0 -> "Query";
            case 1 -> "Register";
            case 2 -> "Register-stop";
            case 3 -> "Join/Prune";
            case 4 -> "RP-Reachable";
            case 5 -> "Assert";
            case 6 -> "Graft";
            case 7 -> "Graft-Ack";
            case 8 -> "Mode";
            default -> "Unknown (" + code + ")";
        };
    }

    static String v1Mode(int mode) {
        return switch (mode) {
            case 0 -> "Dense";
            case 1 -> "Sparse";
            case 2 -> "Sparse-Dense";
            default -> "Unknown";
        };
    }
}

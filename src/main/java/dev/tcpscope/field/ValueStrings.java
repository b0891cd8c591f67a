package dev.tcpscope.field;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names Wireshark gives to the values of some integer fields (its {@code value_string}s),
 * which a display filter may use instead of the number: {@code tcp.checksum.status == "Bad"}
 * is {@code tcp.checksum.status == 0}. Only the fields whose names appear in Wireshark 4.0's
 * default coloring rules, and the expert info's severity and group ({@code _ws.expert.severity
 * == warning}), have them here; a field without names keeps to numbers.
 */
public final class ValueStrings {
    /** {@code proto_checksum_vals} ({@code epan/proto.c}): every {@code *.checksum.status} field. */
    private static final Map<Long, String> CHECKSUM = names(0, "Bad", 1, "Good", 2, "Unverified", 3, "Not present",
            4, "Illegal");

    /** {@code expert_severity_vals} (epan/expert.c): {@code _ws.expert.severity}, PI_* of epan/proto.h. */
    private static final Map<Long, String> SEVERITY = names(0x00100000, "Comment", 0x00200000, "Chat", 0x00400000, "Note",
            0x00600000, "Warning", 0x00800000, "Error");
    /** {@code expert_group_vals} (epan/expert.c): {@code _ws.expert.group}. */
    private static final Map<Long, String> GROUP = names(0x01000000, "Checksum", 0x02000000, "Sequence",
            0x03000000, "Response", 0x04000000, "Request", 0x05000000, "Undecoded", 0x06000000, "Reassemble",
            0x07000000, "Malformed", 0x08000000, "Debug", 0x09000000, "Protocol", 0x0a000000, "Security",
            0x0b000000, "Comment", 0x0c000000, "Decryption", 0x0d000000, "Assumption", 0x0e000000, "Deprecated");

    /**
     * packet-sctp.c's {@code chunk_type_values}: {@code sctp.chunk_type}, which the default rule
     * "SCTP ABORT" names ({@code sctp.chunk_type eq ABORT}).
     */
    private static final Map<Long, String> SCTP_CHUNK_TYPE = names(0, "DATA", 1, "INIT", 2, "INIT_ACK", 3, "SACK",
            4, "HEARTBEAT", 5, "HEARTBEAT_ACK", 6, "ABORT", 7, "SHUTDOWN", 8, "SHUTDOWN_ACK", 9, "ERROR", 10, "COOKIE_ECHO",
            11, "COOKIE_ACK", 12, "ECNE", 13, "CWR", 14, "SHUTDOWN_COMPLETE", 15, "AUTH", 16, "NR_SACK", 64, "I_DATA",
            128, "ASCONF_ACK", 129, "PKTDROP", 130, "RE_CONFIG", 132, "PAD", 192, "FORWARD_TSN", 193, "ASCONF",
            194, "I_FORWARD_TSN", 255, "IETF_EXTENSION");

    private ValueStrings() { }

    /** The value names of {@code field}, in value order, or null when it has none. */
    public static Map<Long, String> of(Field field) {
        String n = field.name();
        return switch (n) {
            case "_ws.expert.severity" -> SEVERITY;
            case "_ws.expert.group" -> GROUP;
            case "sctp.chunk_type" -> SCTP_CHUNK_TYPE;
            default -> n.endsWith(".checksum.status") || n.endsWith(".fcs.status") ? CHECKSUM : null;
        };
    }

    /**
     * The value named {@code name} (compared without case, as {@code g_ascii_strcasecmp} in
     * semcheck's {@code mk_fvalue_from_val_string}), or null when no value has that name.
     */
    public static Long value(Map<Long, String> names, String name) {
        for (Map.Entry<Long, String> e : names.entrySet()) {
            if (asciiEqualsIgnoreCase(e.getValue(), name)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Case folds ASCII letters only, as glib's g_ascii_strcasecmp. */
    private static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (lower(a.charAt(i)) != lower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static Map<Long, String> names(Object... pairs) {
        Map<Long, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(((Integer) pairs[i]).longValue(), (String) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}

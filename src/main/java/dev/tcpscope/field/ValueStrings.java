package dev.tcpscope.field;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names Wireshark gives to the values of some integer fields (its {@code value_string}s),
 * which a display filter may use instead of the number: {@code tcp.checksum.status == "Bad"}
 * is {@code tcp.checksum.status == 0}. Only the fields whose names appear in Wireshark 4.0's
 * default coloring rules have them here; a field without names keeps to numbers.
 */
public final class ValueStrings {
    /** {@code proto_checksum_vals} ({@code epan/proto.c}): every {@code *.checksum.status} field. */
    private static final Map<Long, String> CHECKSUM = names(0, "Bad", 1, "Good", 2, "Unverified", 3, "Not present",
            4, "Illegal");

    private ValueStrings() { }

    /** The value names of {@code field}, in value order, or null when it has none. */
    public static Map<Long, String> of(Field field) {
        String n = field.name();
        return n.endsWith(".checksum.status") || n.endsWith(".fcs.status") ? CHECKSUM : null;
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

package dev.tcpscope.proto.ptp;

import dev.tcpscope.proto.Registry;

/**
 * packet-ptp.c's fields and value strings as tshark 4.0.17 reports them ({@link Registry}: the
 * resources fields.tsv and values.tsv beside this class, with unit strings "U"). Loaded once.
 */
final class PtpTables {
    private PtpTables() { }

    static final Registry REGISTRY = Registry.load(PtpTables.class, "ptp");

    /** The row of field {@code name}; an unknown name is a programming error. */
    static Registry.Row field(String name) {
        return REGISTRY.row(name);
    }

    /** The name of value {@code v} in field {@code field}'s value string, or null. */
    static String value(String field, long v) {
        return REGISTRY.value(field, v);
    }

    static boolean hasValues(String field) {
        return REGISTRY.hasValues(field);
    }

    /** A BASE_UNIT_STRING field's unit for {@code v} (singular for 1, as unit_name_string picks it), or "". */
    static String unit(String field, long v) {
        return REGISTRY.unit(field, v);
    }

    /** The true/false strings of a boolean field, or proto.c's default "True"/"False". */
    static String tfs(String field, boolean v) {
        return REGISTRY.tfs(field, v);
    }
}

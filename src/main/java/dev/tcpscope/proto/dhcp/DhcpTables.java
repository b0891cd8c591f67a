package dev.tcpscope.proto.dhcp;

import dev.tcpscope.proto.Registry;

/**
 * The data of packet-dhcp.c as tshark 4.0.17 reports it, kept as resources beside this class:
 * {@code fields.tsv} (its {@code tshark -G fields} rows: name, title, type, base),
 * {@code values.tsv} (its {@code tshark -G values} rows: value strings and true/false strings)
 * and {@code options.tsv} (each option code's name, how its value is shown and the field that
 * shows it, found by scripts/gen-dhcp-tables.py, which feeds tshark every code with 1, 2 and 4
 * bytes of value and reads back the tree). Loaded once.
 */
final class DhcpTables {
    private DhcpTables() { }

    /** How packet-dhcp.c shows an option's value (its enum field_type, and "special" handlers). */
    enum Kind { IPV4, IPV4_LIST, STRING, BOOL, U8, U16, U16_LIST, TIME_U, TIME_S, OPAQUE, SPECIAL, UNDONE }

    /** One option code: its name, how its value shows, the field and that field's title. */
    record Option(int code, Kind kind, String name, String field, String title) { }

    static final Option[] OPTIONS = new Option[256];
    /** fields.tsv and values.tsv. */
    static final Registry REGISTRY = Registry.load(DhcpTables.class, "dhcp");

    static {
        Registry.read(DhcpTables.class, "options.tsv", p -> {
            int code = Integer.parseInt(p[0]);
            Kind kind = switch (p[1]) {
                case "SPECIAL?" -> Kind.UNDONE;
                default -> Kind.valueOf(p[1]);
            };
            OPTIONS[code] = new Option(code, kind, p[2], p.length > 3 ? p[3] : "", p.length > 4 ? p[4] : "");
        });
        OPTIONS[0] = new Option(0, Kind.SPECIAL, "Padding", "dhcp.option.padding", "Padding");
        OPTIONS[255] = new Option(255, Kind.SPECIAL, "End", "dhcp.option.end", "Option End");
    }

    /** The name of value {@code v} of field {@code field}'s value string, or null. */
    static String value(String field, long v) {
        return REGISTRY.value(field, v);
    }

    /** Whether field {@code field} has a value string. */
    static boolean hasValues(String field) {
        return REGISTRY.hasValues(field);
    }

    /** The true/false strings of a boolean field, or tshark's default "True"/"False". */
    static String tfs(String field, boolean v) {
        return REGISTRY.tfs(field, v);
    }

    /** packet-dhcp.c dhcp_get_opt_text: an option code's name. */
    static String optionName(int code) {
        Option o = OPTIONS[code & 0xff];
        return o == null ? "unknown" : o.name();
    }
}

package dev.tcpscope.present;

import dev.tcpscope.field.NameTables;

/**
 * Names for numbers (EtherTypes, IP protocols) as tshark prints them. The tables are resources
 * generated from tshark's own value strings by {@code scripts/gen-value-names.sh}.
 */
public final class ValueNames {
    public static final ValueNames ETHERTYPE = load("ethertype.tsv", 0x10000);
    public static final ValueNames IP_PROTO = load("ipproto.tsv", 256);

    private final String[] names;

    private ValueNames(String[] names) {
        this.names = names;
    }

    /** The name of {@code value}, or null when tshark has none. */
    public String name(int value) {
        return value >= 0 && value < names.length ? names[value] : null;
    }

    private static ValueNames load(String resource, int size) {
        return new ValueNames(NameTables.load(resource, size));
    }
}

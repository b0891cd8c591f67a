package dev.tcpscope.proto.tunnel;

import dev.tcpscope.field.NameTables;

import java.util.function.IntFunction;

/** What the tunnel walks share: the EtherType names tshark gives a Geneve protocol type (etype_vals). */
final class Tunnels {
    private Tunnels() { }

    private static final String[] ETHERTYPES = NameTables.load("ethertype.tsv", 0x10000);

    /** The EtherType table's name of a value, or null. */
    static final IntFunction<String> ETHER_NAMES = v -> v >= 0 && v < ETHERTYPES.length ? ETHERTYPES[v] : null;
}

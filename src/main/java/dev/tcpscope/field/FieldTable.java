package dev.tcpscope.field;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of every field tcpscope dissects or computes, with Wireshark's names and types
 * (Wireshark's {@code hf_register_info} idea, without its registry). Each protocol's fields are
 * declared in one class ({@link FrameFields}, {@link TcpFields} ...) and listed here in order.
 */
public final class FieldTable {
    private static final FieldTable STANDARD = new FieldTable(List.of(
            FrameFields.all(),
            EthFields.all(),
            VlanFields.all(),
            SllFields.all(),
            IpFields.all(),
            IpOptionFields.all(),
            Ipv6Fields.all(),
            ArpFields.all(),
            TcpFields.all(),
            TcpReassemblyFields.all(),
            UdpFields.all(),
            IcmpFields.icmp(),
            IcmpFields.icmpv6(),
            DataFields.all()));

    private final List<Field> fields;
    private final Map<String, Field> byName;

    private FieldTable(List<List<Field>> groups) {
        List<Field> all = new ArrayList<>();
        Map<String, Field> names = new HashMap<>();
        for (List<Field> group : groups) {
            for (Field f : group) {
                if (names.putIfAbsent(f.name(), f) != null) {
                    throw new IllegalStateException("field declared twice: " + f.name());
                }
                all.add(f);
            }
        }
        this.fields = Collections.unmodifiableList(all);
        this.byName = names;
    }

    /** This table and the fields of {@code more} (the application protocols' groups). */
    public FieldTable with(List<List<Field>> more) {
        List<List<Field>> groups = new ArrayList<>();
        groups.add(fields);
        groups.addAll(more);
        return new FieldTable(groups);
    }

    /** The table of the transport stack's fields (the application protocols add theirs, {@code proto.Protocols}). */
    public static FieldTable standard() { return STANDARD; }

    /** The field named {@code name}, or null. */
    public Field get(String name) { return byName.get(name); }

    /** Every field, protocol by protocol, in declaration order. */
    public List<Field> all() { return fields; }
}

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
            GreFields.all(),
            MplsFields.all(),
            EspFields.all(),
            AhFields.all(),
            IpcompFields.all(),
            UdpencapFields.all(),
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

    /** The transport stack's fields whose values depend on what the protocols above TCP and UDP make of the payload. */
    private static final java.util.Set<String> PAYLOAD_BOUND;

    static {
        // udp.stream and its times: a conversation a protocol announced (TFTP's, open to any port
        // of the server) numbers the datagrams that match it as one stream
        java.util.Set<String> names = new java.util.HashSet<>(List.of("frame.protocols", "tcp.payload", "udp.payload",
                "udp.stream", "udp.time_relative", "udp.time_delta"));
        for (Field f : TcpReassemblyFields.all()) {
            names.add(f.name());
        }
        for (Field f : DataFields.all()) {
            names.add(f.name());
        }
        PAYLOAD_BOUND = java.util.Set.copyOf(names);
    }

    /**
     * Whether field {@code name} has the same values in every frame whether or not the protocols
     * above TCP and UDP are dissected: a field of the transport stack other than reassembly's, the
     * data protocol's, {@code frame.protocols} and the payload fields. A filter on such fields
     * alone can skip that dissection (checked over the repository's captures by
     * {@code TransportOnlyFieldsTest}).
     */
    public static boolean transportOnly(String name) {
        return STANDARD.byName.containsKey(name) && !PAYLOAD_BOUND.contains(name);
    }

    /** The field named {@code name}, or null. */
    public Field get(String name) { return byName.get(name); }

    /** Every field, protocol by protocol, in declaration order. */
    public List<Field> all() { return fields; }
}

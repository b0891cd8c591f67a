package dev.tcpscope.field;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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

    /**
     * One protocol's fields, made at the first name that needs them: a filter, -e or colouring
     * rule names a handful of protocols, and making all of them (reading each one's registry)
     * was a third of a short run's start-up. {@code components} are the first dotted components
     * of every name in the list ({@code http} for {@code http.host}); {@code ProtocolGroupsTest}
     * checks them against the list.
     */
    public static final class Group {
        private final Supplier<List<Field>> make;
        private final List<String> components;
        private volatile List<Field> fields;

        private Group(Supplier<List<Field>> make, List<String> components) {
            this.make = make;
            this.components = components;
        }

        /** The fields {@code make} returns, named under {@code components}. */
        public static Group of(Supplier<List<Field>> make, String... components) {
            return new Group(make, List.of(components));
        }

        public List<String> components() { return components; }

        /** The group's fields, made once (every table holding the group shares them). */
        public List<Field> fields() {
            List<Field> f = fields;
            if (f == null) {
                synchronized (this) {
                    f = fields;
                    if (f == null) {
                        f = List.copyOf(make.get());
                        fields = f;
                    }
                }
            }
            return f;
        }
    }

    private final List<Field> eager;
    private final List<Group> groups;
    private final Map<String, List<Group>> byComponent = new HashMap<>();
    private final Map<String, Field> byName = new ConcurrentHashMap<>();
    private final Set<Group> loaded = ConcurrentHashMap.newKeySet();
    private volatile List<Field> all;

    private FieldTable(List<List<Field>> eagerGroups) {
        this(flatten(eagerGroups), List.of());
    }

    private FieldTable(List<Field> eager, List<Group> groups) {
        this.eager = eager;
        this.groups = groups;
        for (Field f : eager) {
            if (byName.putIfAbsent(f.name(), f) != null) {
                throw new IllegalStateException("field declared twice: " + f.name());
            }
        }
        for (Group g : groups) {
            for (String c : g.components) {
                byComponent.computeIfAbsent(c, k -> new ArrayList<>()).add(g);
            }
        }
    }

    private static List<Field> flatten(List<List<Field>> groups) {
        List<Field> all = new ArrayList<>();
        for (List<Field> group : groups) {
            all.addAll(group);
        }
        return Collections.unmodifiableList(all);
    }

    /** This table and the fields of {@code more} (the application protocols' groups, made when first named). */
    public FieldTable with(List<Group> more) {
        List<Group> all = new ArrayList<>(groups);
        all.addAll(more);
        return new FieldTable(eager, List.copyOf(all));
    }

    /** The table of the transport stack's fields (the application protocols add theirs, {@code proto.Protocols}). */
    public static FieldTable standard() { return STANDARD; }

    /** The transport stack's fields whose values depend on what the protocols above TCP and UDP make of the payload. */
    private static final java.util.Set<String> PAYLOAD_BOUND;

    static {
        // udp.stream and its times: a conversation a protocol announced (TFTP's, open to any port
        // of the server) numbers the datagrams that match it as one stream
        // tcp.completeness: the SYN of a data connection an FTP PASV/EPSV answer announced does not
        // count (packet-ftp.c makes its conversation first)
        java.util.Set<String> names = new java.util.HashSet<>(List.of("frame.protocols", "tcp.payload", "udp.payload",
                "udp.stream", "udp.time_relative", "udp.time_delta", "tcp.completeness"));
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
        return STANDARD.byName.containsKey(name) && !PAYLOAD_BOUND.contains(name); // STANDARD has no groups
    }

    /** The application protocols' groups, in declaration order. */
    public List<Group> groups() { return groups; }

    /** The field named {@code name}, or null. */
    public Field get(String name) {
        Field f = byName.get(name);
        if (f != null) {
            return f;
        }
        int dot = name.indexOf('.');
        List<Group> owners = byComponent.get(dot < 0 ? name : name.substring(0, dot));
        if (owners == null) {
            return null;
        }
        for (Group g : owners) {
            if (!loaded.contains(g)) { // a name no group has (a tree item's, an ek key) takes no lock once made
                load(g);
            }
        }
        return byName.get(name);
    }

    private synchronized void load(Group g) {
        if (loaded.contains(g)) {
            return;
        }
        for (Field f : g.fields()) {
            if (byName.putIfAbsent(f.name(), f) != null) {
                throw new IllegalStateException("field declared twice: " + f.name());
            }
        }
        loaded.add(g);
    }

    /** Every field, protocol by protocol, in declaration order (every group made). */
    public List<Field> all() {
        List<Field> a = all;
        if (a == null) {
            List<Field> list = new ArrayList<>(eager);
            for (Group g : groups) {
                load(g);
                list.addAll(g.fields());
            }
            a = Collections.unmodifiableList(list);
            all = a;
        }
        return a;
    }
}

package dev.tcpscope.proto;

import dev.tcpscope.tcp.PduDissector;
import dev.tcpscope.tcp.PduTable;

import java.util.ArrayList;
import java.util.List;

/**
 * Wireshark's dissector tables for the protocols above TCP: {@code tcp.port} (a port's
 * dissector, from each protocol's default port list, then decode-as entries), and the "tcp"
 * heuristic list. Built by {@link Protocols#table}; one instance per read, since each
 * {@link PduDissector} keeps the per-frame results of its dissection.
 */
public final class DissectorTable implements PduTable {
    private final PduDissector[] tcpPort = new PduDissector[65536];
    private final List<PduDissector> heuristics = new ArrayList<>();
    private final List<PduDissector> all = new ArrayList<>();
    private PduDissector[] heuristicArray = new PduDissector[0];
    private final List<LayerTree> trees = new ArrayList<>();
    private boolean desegment = true;

    /** Registers {@code d} for each of {@code ports} in {@code tcp.port} and, if {@code heuristic}, in the "tcp" heuristics. */
    void register(PduDissector d, int[] ports, boolean heuristic) {
        all.add(d);
        if (d instanceof LayerTree t) {
            trees.add(t);
        }
        for (int p : ports) {
            tcpPort[p] = d;
        }
        if (heuristic) {
            heuristics.add(d);
            heuristicArray = heuristics.toArray(new PduDissector[0]);
        }
    }

    // ---- udp.port (packet-udp.c): a protocol over UDP is one more register line -------------

    private final PduDissector[] udpPort = new PduDissector[65536];
    private final java.util.BitSet udpChanged = new java.util.BitSet(65536);
    private PduDissector[] udpHeuristics = new PduDissector[0];
    private final List<PduDissector> udpCapable = new ArrayList<>();

    /** The registered dissector named {@code name} if it runs over UDP, else null. */
    PduDissector udpByName(String name) {
        PduDissector d = byName(name);
        return udpCapable.contains(d) ? d : null;
    }

    /** The filter names of the protocols that may decode {@code layer} ("tcp.port" or "udp.port"), comma-separated. */
    String names(String layer) {
        StringBuilder sb = new StringBuilder();
        for (PduDissector d : layer.equals("udp.port") ? udpCapable : all) {
            sb.append(sb.isEmpty() ? "" : ", ").append(d.name());
        }
        return sb.toString();
    }

    /**
     * Registers {@code d} for each of {@code ports} in {@code udp.port} and, if {@code heuristic},
     * in the "udp" heuristics (it may also be registered on TCP with {@link #register}).
     */
    void registerUdp(PduDissector d, int[] ports, boolean heuristic) {
        if (!all.contains(d)) {
            all.add(d);
            if (d instanceof LayerTree t) {
                trees.add(t);
            }
        }
        if (!udpCapable.contains(d)) {
            udpCapable.add(d);
        }
        for (int p : ports) {
            udpPort[p] = d;
        }
        if (heuristic) {
            udpHeuristics = java.util.Arrays.copyOf(udpHeuristics, udpHeuristics.length + 1);
            udpHeuristics[udpHeuristics.length - 1] = d;
        }
    }

    /** The UDP conversations a heuristic claimed for its dissector, newest kept ({@link #UDP_CONVERSATIONS} at most). */
    private final java.util.LinkedHashMap<Long, PduDissector> udpConversations = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Long, PduDissector> eldest) {
            return size() > UDP_CONVERSATIONS;
        }
    };
    /** The cap on {@link #udpConversations}. */
    public static final int UDP_CONVERSATIONS = 1 << 16;
    private final java.util.Set<PduDissector> claimingHeuristics = new java.util.HashSet<>();

    /**
     * {@code d}'s "udp" heuristic, when it takes a datagram, makes the datagram's conversation its
     * own ({@code conversation_set_dissector}, as packet-quic.c's does): later datagrams of the
     * conversation go to it before ports and heuristics.
     */
    void heuristicClaimsConversation(PduDissector d) {
        claimingHeuristics.add(d);
    }

    @Override
    public PduDissector forDatagram(int srcPort, int dstPort, long conversation, java.lang.foreign.MemorySegment s, long off, int len) {
        if (!udpConversations.isEmpty()) {
            PduDissector c = udpConversations.get(conversation);
            if (c != null) {
                return c;
            }
        }
        PduDissector d = byPortsOrHeuristics(srcPort, dstPort, conversation, s, off, len);
        if (d != null && claimingHeuristics.contains(d) && !claimedByPort(srcPort, dstPort)) {
            udpConversations.put(conversation, d);
        }
        return d;
    }

    /**
     * UDP conversations a protocol announced with the other side's port unknown (packet-tftp.c's
     * {@code conversation_new(..., NO_PORT2)} on a request: the server answers from a new port):
     * by {@link dev.tcpscope.tcp.UdpKeys#announced} of the known endpoint and the other host, newest kept
     * ({@link #UDP_CONVERSATIONS} at most).
     */
    private final java.util.LinkedHashMap<Long, PduDissector> udpExpected = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Long, PduDissector> eldest) {
            return size() > UDP_CONVERSATIONS;
        }
    };

    private long announced;

    /** From now on a datagram between {@code endpoint} and any port of {@code host} is {@code d}'s, before ports and heuristics. */
    public void expectUdp(long endpoint, long host, PduDissector d) {
        announced = dev.tcpscope.tcp.UdpKeys.announced(endpoint, host);
        udpExpected.put(announced, d);
    }

    private long wildcard;

    /** A conversation of its own between endpoints {@code a} and {@code b} is created now ({@link #takeWildcard}). */
    public void wildcardUdp(long a, long b) {
        wildcard = dev.tcpscope.tcp.UdpKeys.announced(a, b);
    }

    @Override
    public long takeWildcard() {
        long w = wildcard;
        wildcard = 0;
        return w;
    }

    @Override
    public long takeAnnounced() {
        long a = announced;
        announced = 0;
        return a;
    }

    @Override
    public PduDissector forDatagram(dev.tcpscope.tcp.PduContext c, java.lang.foreign.MemorySegment s, long off, int len) {
        if (!udpExpected.isEmpty()) {
            PduDissector d = udpExpected.get(dev.tcpscope.tcp.UdpKeys.announced(c.destination, c.sourceHost));
            if (d == null) {
                d = udpExpected.get(dev.tcpscope.tcp.UdpKeys.announced(c.source, c.destinationHost));
            }
            if (d != null) {
                return d;
            }
        }
        return forDatagram(c.srcPort, c.dstPort, c.conversation, s, off, len);
    }

    @Override
    public PduDissector afterDeclined(PduDissector declined, int srcPort, int dstPort) {
        int low = Math.min(srcPort, dstPort);
        int high = Math.max(srcPort, dstPort);
        if (low == 0 || low == high || udpChanged.get(low) || udpChanged.get(high) || udpPort[low] != declined) {
            return null;
        }
        PduDissector h = udpPort[high];
        return h == null || h == DATA || h == declined ? null : h;
    }

    /** The dissector of {@code udp.port == port} (registered or decoded-as), or null. */
    public PduDissector udpByPort(int port) {
        PduDissector d = udpPort[port];
        return d == DATA ? null : d;
    }

    @Override
    public boolean claimsUdpPort(int port) {
        return port != 0 && (udpChanged.get(port) || udpPort[port] != null);
    }

    /** Whether the ports or decode-as (not a heuristic) chose the dissector. */
    private boolean claimedByPort(int srcPort, int dstPort) {
        int low = Math.min(srcPort, dstPort);
        int high = Math.max(srcPort, dstPort);
        return claimsUdpPort(low) || claimsUdpPort(high);
    }

    /** Decode-as: {@code udp.port == port} goes to {@code d} ({@code null}: to the data dissector). */
    void decodeAsUdp(int port, PduDissector d) {
        udpPort[port] = d == null ? DATA : d;
        udpChanged.set(port);
    }

    /**
     * packet-udp.c decode_udp_ports, tshark's default (heuristics after ports): a decode-as port,
     * the lower port then the higher; else the registered lower then higher port; else the first
     * heuristic that claims the payload; else none (port 0 is never looked up).
     */
    @Override
    public PduDissector forDatagram(int srcPort, int dstPort, java.lang.foreign.MemorySegment s, long off, int len) {
        return byPortsOrHeuristics(srcPort, dstPort, 0, s, off, len);
    }

    /** As {@link #forDatagram(int, int, java.lang.foreign.MemorySegment, long, int)}, the heuristics seeing the datagram's conversation. */
    private PduDissector byPortsOrHeuristics(int srcPort, int dstPort, long conversation, java.lang.foreign.MemorySegment s, long off, int len) {
        int low = Math.min(srcPort, dstPort);
        int high = Math.max(srcPort, dstPort);
        if (low != 0 && udpChanged.get(low)) {
            return udpPort[low] == DATA ? null : udpPort[low];
        }
        if (high != 0 && udpChanged.get(high)) {
            return udpPort[high] == DATA ? null : udpPort[high];
        }
        if (low != 0 && udpPort[low] != null) {
            return udpPort[low];
        }
        if (high != 0 && udpPort[high] != null) {
            return udpPort[high];
        }
        for (PduDissector h : udpHeuristics) {
            if (h.heuristic(conversation, s, off, len)) {
                return h;
            }
        }
        return null;
    }

    /** Decode-as: {@code tcp.port == port} goes to {@code d} ({@code null}: to the data dissector). */
    void decodeAs(int port, PduDissector d) {
        tcpPort[port] = d == null ? DATA : d;
    }

    /** packet-data.c as a port's dissector: it takes the bytes, so no heuristic runs, and shows nothing. */
    private static final PduDissector DATA = new PduDissector() {
        @Override
        public String name() { return "data"; }

        @Override
        public Object newSession() { return null; }

        @Override
        public boolean heuristic(java.lang.foreign.MemorySegment s, long off, int len) { return false; }

        @Override
        public void dissect(java.lang.foreign.MemorySegment s, long off, int len, dev.tcpscope.tcp.PduContext ctx) { }
    };

    private long aboveFrame = -1;
    private final List<String> aboveNames = new ArrayList<>();
    private Collected aboveItems;

    /**
     * The protocols and data items of the trees that show something in {@code frame}, built once
     * per frame from the very code that builds {@code -V}'s trees ({@link LayerTree#tree}).
     */
    @Override
    public void above(long frame, java.util.function.Consumer<String> protocols, Bytes data) {
        if (frame != aboveFrame) {
            aboveNames.clear();
            aboveItems = null;
            for (LayerTree lt : trees) {
                if (lt.shows(frame)) {
                    if (aboveItems == null) {
                        aboveItems = new Collected();
                    }
                    lt.tree(frame, aboveItems, aboveNames::add);
                }
            }
            aboveFrame = frame;
        }
        aboveNames.forEach(protocols);
        if (aboveItems != null) {
            aboveItems.bytes("data.data", data);
        }
    }

    /** The registered protocols that show a detail tree, in registration order. */
    public List<LayerTree> trees() { return trees; }

    /** tshark -2, before the first pass: the protocols that show more in a second pass start recording. */
    public void recordForSecondPass() {
        for (PduDissector d : all) {
            if (d instanceof TwoPass t) {
                t.recordForSecondPass();
            }
        }
    }

    /** tshark -2, before the second pass: this table's protocols take what {@code first}'s recorded. */
    public void secondPassOf(DissectorTable first) {
        for (PduDissector d : all) {
            if (d instanceof TwoPass t && first.byName(d.name()) instanceof TwoPass f) {
                t.secondPassOf(f);
            }
        }
    }

    /** The registered dissector whose filter name is {@code name}, or null. */
    @Override
    public PduDissector byName(String name) {
        for (PduDissector d : all) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** {@code tcp.desegment_tcp_streams}: whether TCP reassembles PDUs for the dissectors (default true). */
    public DissectorTable desegment(boolean on) {
        desegment = on;
        return this;
    }

    @Override
    public boolean desegment() { return desegment; }

    private boolean tree;

    /** Says whether the frames are dissected with a tree ({@link #tree()}); returns this table. */
    public DissectorTable tree(boolean on) {
        tree = on;
        return this;
    }

    @Override
    public boolean tree() { return tree; }

    private boolean columns = true;

    /**
     * Says whether tshark fills the columns while it builds the frames' trees: for a packet list
     * and for -T fields naming a column, not for -V, -T json, pdml or ek (tshark.c passes no
     * cinfo then). A dissector that reads bytes only for its Info column (packet-nbt.c's answer
     * address) stops at a cut message only when they are filled. Returns this table.
     */
    public DissectorTable columns(boolean on) {
        columns = on;
        return this;
    }

    /** Whether the columns are filled while the trees are built ({@link #columns(boolean)}). */
    public boolean columns() { return columns; }

    /**
     * Conversations a protocol announced (packet-ftp.c: conversation_new + conversation_set_dissector
     * for a data connection), by port: a connection with that port goes to the dissector, ahead of
     * the tcp.port table, as Wireshark tries a conversation's dissector first. At most one entry
     * per port (a newer announcement replaces an older one). Wireshark also matches the
     * announced addresses; TCP hands the table ports only, so here the port alone decides.
     */
    private final java.util.Map<Integer, PduDissector> conversations = new java.util.HashMap<>();
    private final java.util.Map<Integer, Object> conversationData = new java.util.HashMap<>();

    /** From now on a TCP connection with port {@code port} is {@code d}'s, with {@code data} for it. */
    public void expect(int port, PduDissector d, Object data) {
        conversations.put(port, d);
        conversationData.put(port, data);
        precreatedPorts.remove(port);
    }

    /** The announcements that made their conversation ahead of the connection, by port (see {@link #precreated}). */
    private final java.util.Set<Integer> precreatedPorts = new java.util.HashSet<>();

    /**
     * As {@link #expect}, for an announcement whose dissector makes the connection's conversation
     * at once (packet-ftp.c for a PASV or EPSV answer; a PORT's conversation is not the one TCP finds).
     */
    public void expectConversation(int port, PduDissector d, Object data) {
        expect(port, d, data);
        precreatedPorts.add(port);
    }

    @Override
    public boolean precreated(int srcPort, int dstPort) {
        return !precreatedPorts.isEmpty() && precreatedPorts.remove(dstPort); // its connection's first segment: once
    }

    /** What the announcement of a connection between these ports carried, or null. */
    public Object announced(int srcPort, int dstPort) {
        Object o = conversationData.get(srcPort);
        return o != null ? o : conversationData.get(dstPort);
    }

    @Override
    public PduDissector byPort(int port) {
        if (!conversations.isEmpty()) {
            PduDissector c = conversations.get(port);
            if (c != null) {
                return c;
            }
        }
        return tcpPort[port];
    }

    @Override
    public PduDissector[] heuristics() { return heuristicArray; }
}

package dev.tcpscope.present;

import dev.tcpscope.field.ZoneAbbreviations;
import dev.tcpscope.capture.CaptureInterface;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;
import dev.tcpscope.present.color.Colorizer;
import dev.tcpscope.proto.DissectorTable;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.igmp.Igmp;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.pim.Pim;
import dev.tcpscope.proto.pim.PimV1;
import dev.tcpscope.proto.ospf.Ospf;
import dev.tcpscope.proto.vrrp.Vrrp;
import dev.tcpscope.present.color.ColoringRule;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.Desegmenter;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Dissector;
import dev.tcpscope.wire.EtherTrailer;
import dev.tcpscope.wire.IgmpType;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Builds the detail tree of each decoded frame, as tshark 4.0 builds it for {@code -V} and
 * {@code -T json}: the frame item, then one protocol item per layer of the {@link Dissection},
 * each with its fields in the order Wireshark's dissector adds them, then undissected bytes as
 * {@code data}. Where Wireshark's dissector would stop on a bounds exception, the tree stops
 * too and ends with {@code [Packet size limited during capture: X truncated]} or
 * {@code [Malformed Packet: X]}, like the packet list's Info column.
 *
 * <p>Frames must come in capture order from one {@link Decoder}; the TCP items read its
 * analysis. Each tree is new and independent of the next; the only state kept across frames is
 * what the analysis itself needs (per TCP stream), so memory does not grow with the file.
 */
public final class Details {
    private static final DateTimeFormatter ARRIVAL =
            new java.time.format.DateTimeFormatterBuilder().appendPattern("MMM ppd, ")
                    .appendValue(java.time.temporal.ChronoField.YEAR_OF_ERA, 4, 10, java.time.format.SignStyle.NORMAL)
                    .appendPattern(" HH:mm:ss").toFormatter(java.util.Locale.ROOT); // no  before a year past 9999, as tshark

    private final ZoneId zone;
    private final Supplier<MacNames> macSource;
    private MacNames macs;
    private OuiNames ouis;
    final LinkDetails link = new LinkDetails(this);
    final IpDetails ip = new IpDetails(this);
    final TunnelDetails tunnel = new TunnelDetails(this);
    private final IpsecDetails ipsec = new IpsecDetails(this);
    final TcpDetails tcp = new TcpDetails(this);
    final TransportDetails transport = new TransportDetails(this);
    final IcmpDetails icmp = new IcmpDetails(this);
    final Icmpv6Details icmpv6 = new Icmpv6Details(this);

    // The frame being built; valid during build().
    Decoder decoder;
    Dissection d;
    DetailNode root;
    /** The last IPv6 header's item: packet-ipv6.c shows an Authentication Header inside it. */
    DetailNode ipv6Item;
    private final StringBuilder protocols = new StringBuilder(64);
    /** Name of the protocol whose bytes ran out ({@code pinfo->current_proto}), or null. */
    private String stoppedIn;
    private boolean stoppedMalformed;
    /** The stop was a read past an unreassembled fragment (epan's FragmentBoundsError). */
    private boolean stoppedUnreassembled;
    /** The failed assertion when dissection stopped on a Wireshark dissector bug, or null. */
    private String stoppedBug;

    /**
     * @param zone the zone arrival times are shown in (tshark's local time)
     * @param macs the MAC name table, loaded on first use
     */
    public Details(ZoneId zone, Supplier<MacNames> macs) {
        this.zone = zone;
        this.macSource = macs;
    }

    /** Whether the trees keep their hidden items (JSON, PDML and the taps read them; -V does not). */
    private boolean hiddenItems = true;

    /** Says whether the trees built keep their hidden items; they do unless told otherwise. */
    public void hiddenItems(boolean keep) {
        hiddenItems = keep;
    }

    /** The protocols whose items the trees keep ({@code -O}), or null for all. */
    private java.util.Set<String> expanded;

    /** Says which protocols keep their items ({@code -O}: the others keep their line only); null, all. */
    public void expanded(java.util.Set<String> protocols) {
        expanded = protocols;
    }

    /** The coloring rules whose match each frame names, or null (tshark without --color). */
    private Colorizer colorizer;

    public void coloring(Colorizer colorizer) {
        this.colorizer = colorizer;
    }

    MacNames macs() {
        if (macs == null) {
            macs = macSource.get();
        }
        return macs;
    }

    OuiNames ouis() {
        if (ouis == null) {
            ouis = macs().ouiNames();
        }
        return ouis;
    }

    /**
     * The detail tree of the frame {@code decoder} has just decoded.
     *
     * @param iface   the interface it was captured on, or null when the format has none (pcap)
     * @param section its pcapng section (0-based), or -1 for formats without sections
     */
    public DetailNode build(Decoder decoder, CaptureInterface iface, int section) {
        this.decoder = decoder;
        this.d = decoder.dissection();
        this.root = DetailNode.root(hiddenItems, expanded);
        protocols.setLength(0);
        stoppedIn = null;
        stoppedMalformed = false;
        stoppedUnreassembled = false;
        stoppedBug = null;
        stoppedTree = null;
        consumedLayer = -1;
        link.reset();
        trailerOutcome = EtherTrailer.Outcome.NONE;
        Frame f = decoder.frame();
        comments(f);
        DetailNode frame = frame(f, iface, section);
        if (f.kind() == Frame.Kind.PACKET) {
            layers(f);
        } else if (f.kind() == Frame.Kind.PCAPNG_CUSTOM_BLOCK) {
            customBlock(frame, f);
        }
        frame.field("frame.protocols", Labels.truncated("Protocols in frame", protocols.toString()),
                protocols.toString()).generated();
        ColoringRule rule = colorizer == null ? null : colorizer.match(decoder);
        if (rule != null) {
            frame.field("frame.coloring_rule.name", "Coloring Rule Name: " + rule.name(), rule.name()).generated();
            frame.field("frame.coloring_rule.string", "Coloring Rule String: " + rule.filter(), rule.filter()).generated();
        }
        if (stoppedBug != null) {
            DetailNode m = root.protocol("_ws.malformed", "[Dissector bug, protocol " + stoppedIn + ": " + stoppedBug + "]");
            Expert.add(m, "_ws.malformed.dissector_bug", Expert.Severity.ERROR, Expert.Group.MALFORMED, stoppedBug);
        } else if (stoppedIn != null && stoppedUnreassembled) {
            DetailNode m = root.protocol("_ws.unreassembled", "[BoundError Unreassembled Packet: " + stoppedIn + "]");
            Expert.add(m, "_ws.unreassembled.expert", Expert.Severity.NOTE, Expert.Group.REASSEMBLE,
                    "Unreassembled fragment (change preferences to enable reassembly)");
        } else if (stoppedIn != null) {
            if (stoppedMalformed) {
                DetailNode m = root.protocol("_ws.malformed", "[Malformed Packet: " + stoppedIn + "]");
                Expert.add(m, "_ws.malformed.expert", Expert.Severity.ERROR, Expert.Group.MALFORMED,
                        "Malformed Packet (Exception occurred)");
                placeMarker(m);
                if (stoppedTree != null) {
                    stoppedTree.markerAt(f.number(), m);
                }
            } else {
                // a capture cut short is a BoundsError, which packet-ethertype.c lets through to the frame
                root.protocol("_ws.short", "[Packet size limited during capture: " + stoppedIn + " truncated]");
            }
        }
        // the trailer is read outside the EtherType dissector's exception handler: a second marker
        // (packet-eth.c reads an IEEE 802.3 frame's trailer itself: the marker names Ethernet then)
        String trailerIn = d.ieee8023 ? "Ethernet" : "Ethertype";
        switch (trailerOutcome) {
            case TRUNCATED -> root.protocol("_ws.short", "[Packet size limited during capture: " + trailerIn + " truncated]");
            case MALFORMED -> {
                DetailNode m = root.protocol("_ws.malformed", "[Malformed Packet: " + trailerIn + "]");
                Expert.add(m, "_ws.malformed.expert", Expert.Severity.ERROR, Expert.Group.MALFORMED,
                        "Malformed Packet (Exception occurred)");
            }
            case NONE, OK -> { }
        }
        return root;
    }

    /**
     * Places a malformed-packet marker where Wireshark shows it: packet-ethertype.c catches what
     * its payload's dissectors throw (but a capture cut short) and shows it at the payload's
     * start; without an EtherType the frame dissector shows it at the frame's start (no place:
     * position 0).
     */
    private void placeMarker(DetailNode marker) {
        for (int k = d.count() - 1; k >= 0; k--) {
            Proto p = d.proto(k);
            if (p == Proto.ETH || p == Proto.VLAN || p == Proto.SLL || p == Proto.SLL2) {
                if (k + 1 < d.count()) {
                    marker.at(d.segment(k + 1), d.offset(k + 1), 0);
                }
                return;
            }
        }
    }

    /** Adds {@code name} to {@code frame.protocols}. */
    void protocol(String name) {
        if (!protocols.isEmpty()) {
            protocols.append(':');
        }
        protocols.append(name);
    }

    /**
     * Whether layer {@code i}'s first {@code need} bytes exist; when they do not, records the
     * exception Wireshark's {@code protocol} dissector would have thrown there (bytes cut by the
     * snap length, or past the reported length: malformed). Dissection stops after a false.
     */
    boolean bounds(int i, int need, String protocol) {
        if (d.captured(i) >= need) {
            return true;
        }
        stop(protocol, d.reported(i) < need);
        return false;
    }

    /** Whether layer {@code i} is quoted inside an ICMP error message (Wireshark's {@code in_error_pkt}). */
    boolean inErrorPacket(int i) {
        if (quoting) {
            return true;
        }
        for (int k = 0; k < i; k++) {
            if (d.proto(k) == Proto.ICMP || d.proto(k) == Proto.ICMPV6) {
                return true;
            }
        }
        return false;
    }

    /** The frame's tree while a quote is built under an ICMP item. */
    private DetailNode packetRoot;

    /** The top of the packet's tree, also while a quoted datagram is built below its ICMP item. */
    DetailNode packetRoot() {
        return quoting ? packetRoot : embedding ? packetTop : root;
    }

    /** The frame's tree while an embedded frame is built under a protocol above TCP. */
    private DetailNode packetTop;

    /** Whether a quoted datagram is being built (layers then belong to {@link #quotedLayers}). */
    private boolean quoting;
    private final Dissector quoteDissector = new Dissector();
    private final Dissection quotedLayers = new Dissection();

    /**
     * Builds, under {@code parent}, the IP datagram an ICMP error message quotes (packet-icmp.c
     * hands it to the IP dissector with {@code in_error_pkt} set): its layers get their own
     * dissection, built with the same layer builders; the frame's state is restored after.
     * A quote inside a quote is shown as data, as nothing in practice nests deeper. Bytes
     * past the quote's reported end end the quote without a marker, as tshark swallows those
     * bounds errors of error-packet payloads (the ICMP message goes on); bytes cut by the snap
     * length are rethrown (packet.c's call_dissector_work_error()) in the name of the quoted
     * IP protocol and end the frame.
     *
     * @return false when the quote was cut by the snap length
     */
    boolean quoted(DetailNode parent, MemorySegment s, long off, int cap, int rep, boolean v6) {
        if (quoting) {
            data(parent, s, off, cap);
            return true;
        }
        Dissection outer = d;
        DetailNode outerRoot = root;
        packetRoot = root;
        int outerConsumedLayer = consumedLayer;
        int outerConsumedBytes = consumedBytes;
        quoteDissector.quoted(decoder.frame(), quotedLayers, s, off, cap, rep, v6);
        d = quotedLayers;
        // items under a protocol -O leaves collapsed are dropped: the quote is built in a tree of
        // its own then, as what follows counts the items it added
        root = parent.keepsItems() ? parent : DetailNode.root();
        quoting = true;
        consumedLayer = -1;
        try {
            int n = d.count();
            int ip = -1;
            for (int i = 0; i < n; i++) {
                boolean last = i == n - 1;
                int named = protocols.length();
                int items = root.childCount();
                boolean ok = switch (d.proto(i)) {
                    case IPV4 -> this.ip.ipv4(i, last);
                    case IPV6 -> this.ip.ipv6(i, last);
                    case TCP -> tcp.tcp(i, ip);
                    case UDP -> transport.udp(i, ip);
                    case ICMP -> icmp.icmp(i, ip);
                    case ICMPV6 -> icmpv6.icmpv6(i, ip);
                    case ESP -> ipsec.esp(i);
                    case AH -> ipsec.ah(i);
                    case IGMP -> igmp(i);
                    case VRRP -> vrrp(i);
                    case EIGRP -> eigrp(i);
                    case SCTP -> sctp(i);
                    case PIM -> pim(i);
                    case OSPF -> ospf(i);
                    case PTP -> ptp(i);
                    default -> false;
                };
                if (d.proto(i) == Proto.IPV4 || d.proto(i) == Proto.IPV6) {
                    ip = i;
                }
                if (!ok) {
                    if (stoppedIn != null && !stoppedMalformed) {
                        stoppedIn = v6 ? "IPv6" : "IPv4";
                        return false;
                    }
                    // past the reported end: the exception ends the quote only, without a marker;
                    // a layer that stopped before its protocol item then leaves no name in
                    // frame.protocols either (a quoted UDP header of 2 bytes: ip, no udp)
                    if (root.childCount() == items) {
                        protocols.setLength(named);
                    }
                    stoppedIn = null;
                    stoppedMalformed = false;
                    return true;
                }
            }
            if (n > 0) {
                end(n - 1);
            }
            return true;
        } finally {
            d = outer;
            root = outerRoot;
            quoting = false;
            consumedLayer = outerConsumedLayer;
            consumedBytes = outerConsumedBytes;
        }
    }

    private boolean embedding;
    private final Dissector embedDissector = new Dissector();
    private final Dissection embeddedLayers = new Dissection();
    private final dev.tcpscope.wire.EtherTrailer embeddedTrailer = new dev.tcpscope.wire.EtherTrailer();
    private final dev.tcpscope.proto.EmbeddedFrames embedded = (parent, s, off, cap, rep, names) -> {
        if (parent instanceof DetailNode p) {
            embeddedEthernet(p, s, off, cap, rep);
        }
    };

    /**
     * Builds, under {@code parent}, the Ethernet frame (without FCS) a protocol above TCP carries
     * (packet-openflow's PACKET_IN/PACKET_OUT data to eth_withoutfcs): its layers get their own
     * dissection, built with the same layer builders; the frame's state is restored after. What a
     * layer throws is shown under {@code parent} ("[Malformed Packet: IPv4]"), as packet-ethertype.c
     * catches it there; the UDP payload goes to the packet's top, as packet-udp.c hands it there.
     * Protocols above TCP or UDP are not called again from inside it.
     */
    private void embeddedEthernet(DetailNode parent, MemorySegment s, long off, int cap, int rep) {
        if (embedding || quoting) {
            data(parent, s, off, cap);
            return;
        }
        Dissection outer = d;
        DetailNode outerRoot = root;
        int outerConsumedLayer = consumedLayer;
        int outerConsumedBytes = consumedBytes;
        String outerStoppedIn = stoppedIn;
        boolean outerMalformed = stoppedMalformed;
        boolean outerUnreassembled = stoppedUnreassembled;
        Object[] outerLink = link.save();
        packetTop = root;
        embedDissector.embedded(decoder.frame(), embeddedLayers, s, off, cap, rep);
        d = embeddedLayers;
        root = parent;
        embedding = true;
        consumedLayer = -1;
        stoppedIn = null;
        stoppedMalformed = false;
        stoppedUnreassembled = false;
        try {
            int n = d.count();
            int ip = -1;
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                boolean last = i == n - 1;
                ok = switch (d.proto(i)) {
                    case ETH -> link.ethernet(i);
                    case VLAN -> link.vlan(i);
                    case IPV4 -> this.ip.ipv4(i, last);
                    case IPV6 -> this.ip.ipv6(i, last);
                    case ARP -> transport.arp(i);
                    case UDP -> transport.udp(i, ip);
                    case ICMP -> icmp.icmp(i, ip);
                    case ICMPV6 -> icmpv6.icmpv6(i, ip);
                    case LLC -> llc(i);
                    case STP -> stp(i);
                    case LLDP -> lldp(i);
                    case ISIS -> isis(i);
                    default -> {
                        data(root, d.segment(i), d.offset(i), d.captured(i));
                        yield false;
                    }
                };
                if (d.proto(i) == Proto.IPV4 || d.proto(i) == Proto.IPV6) {
                    ip = i;
                }
            }
            if (ok && n > 0) {
                end(n - 1);
            }
            if (stoppedIn != null && stoppedMalformed) {
                DetailNode m = parent.protocol("_ws.malformed", "[Malformed Packet: " + stoppedIn + "]");
                placeMarker(m); // at the EtherType payload, where packet-ethertype.c shows it
                Expert.add(m, "_ws.malformed.expert", Expert.Severity.ERROR, Expert.Group.MALFORMED,
                        "Malformed Packet (Exception occurred)");
            } else if (ok) {
                embeddedTrailer.computeEmbedded(d, rep, cap, decoder.frame().originalLength());
                link.trailer(embeddedTrailer, s);
            }
        } finally {
            d = outer;
            root = outerRoot;
            embedding = false;
            consumedLayer = outerConsumedLayer;
            consumedBytes = outerConsumedBytes;
            stoppedIn = outerStoppedIn;
            stoppedMalformed = outerMalformed;
            stoppedUnreassembled = outerUnreassembled;
            link.restore(outerLink);
        }
    }

    /** UDP conversations seen inside embedded frames: either direction's key to {stream, first time, previous time}. */
    private final java.util.Map<String, long[]> embeddedUdp = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, long[]> e) {
            return size() > 4096;
        }
    };
    private long embeddedUdpStreams;

    /**
     * udp.stream and its times for the UDP datagram of an embedded frame's layer {@code i} (over IP
     * layer {@code ip}), or null outside one: the decode pass files the frame's own layers only, so
     * the conversations inside embedded frames are filed here as the frames are built, numbered
     * after one another (the captures with them hold no other UDP; docs/OPENFLOW.md).
     */
    long[] embeddedUdpConversation(int ip, int i) {
        if (!embedding || ip < 0 || d.captured(i) < 4) {
            return null;
        }
        MemorySegment s = d.segment(ip);
        long off = d.offset(ip);
        boolean v4 = d.proto(ip) == Proto.IPV4;
        if (!v4 || d.captured(ip) < 20) {
            return null;
        }
        String a = Labels.hexColons(s, off + 12, 4) + "/" + dev.tcpscope.wire.Bytes.u16(d.segment(i), d.offset(i));
        String b = Labels.hexColons(s, off + 16, 4) + "/" + dev.tcpscope.wire.Bytes.u16(d.segment(i), d.offset(i) + 2);
        String key = a.compareTo(b) <= 0 ? a + "-" + b : b + "-" + a;
        long now = decoder.time();
        long[] c = embeddedUdp.get(key);
        if (c == null) {
            c = new long[] {embeddedUdpStreams++, now, now};
            embeddedUdp.put(key, c);
        }
        long[] result = c.clone();
        c[2] = now;
        return result;
    }

    /** Records that dissection stopped in {@code protocol} on a failed assertion of Wireshark's. */
    void stopOnBug(String protocol, String assertion) {
        stoppedIn = protocol;
        stoppedBug = assertion;
    }

    /** The protocol above TCP whose dissection of the frame stopped on an exception, if any. */
    private LayerTree stoppedTree;

    /** Records that dissection stopped in {@code protocol}. */
    void stop(String protocol, boolean malformed) {
        stoppedIn = protocol;
        stoppedMalformed = malformed;
    }

    // ---- frame ------------------------------------------------------------------------------

    /**
     * packet-frame.c's "Packet comments" item, ahead of the frame's: each comment of the record as
     * an item labelled with its text and a Comment expert item.
     */
    private void comments(Frame f) {
        String[] comments = f.comments();
        if (comments.length == 0) {
            return;
        }
        DetailNode c = root.protocol("pkt_comment", "Packet comments");
        for (String text : comments) {
            DetailNode item = c.field("frame.comment", Labels.represented(text), text);
            Expert.add(item, "frame.comment.expert", Expert.Severity.COMMENT, Expert.Group.COMMENTS_GROUP, text);
        }
    }

    /**
     * A pcapng Custom Block (pcapng §4.8) of an enterprise packet-frame.c knows no dissector
     * for: its Private Enterprise Number and copy rule, then its data as {@code data}.
     */
    private void customBlock(DetailNode frame, Frame f) {
        long pen = f.customBlockPen();
        frame.field("frame.cb_pen", "Private Enterprise Number: " + EnterpriseNames.system().name(pen) + " (" + pen + ")",
                Long.toString(pen));
        frame.field("frame.cb_copy", "Copying: " + (f.customBlockCopyable() ? "Allowed" : "Not Allowed"),
                f.customBlockCopyable() ? "1" : "0");
        data(f.segment(), f.offset(), f.capturedLength());
    }

    private DetailNode frame(Frame f, CaptureInterface iface, int section) {
        int len = f.originalLength();
        int cap = f.capturedLength();
        StringBuilder title = new StringBuilder(96);
        if (f.kind() == Frame.Kind.PCAPNG_CUSTOM_BLOCK) {
            title.append("PCAPNG Custom Block ").append(f.number()).append(": ").append(len).append(bytes(len))
                    .append(" (").append(len * 8L).append(" bits) of custom data and options, PEN ")
                    .append(EnterpriseNames.system().name(f.customBlockPen())).append(" (").append(f.customBlockPen())
                    .append("), copying").append(f.customBlockCopyable() ? "" : " not").append(" allowed");
        } else {
            title.append("Frame ").append(f.number()).append(": ")
                    .append(len).append(bytes(len)).append(" on wire (").append(bits(len)).append(" bits), ")
                    .append(cap).append(bytes(cap)).append(" captured (").append(bits(cap)).append(" bits)");
        }
        boolean hasInterface = section >= 0 && f.interfaceId() != Frame.NO_INTERFACE;
        String ifName = iface == null || iface.name() == null ? "unknown" : iface.name();
        if (hasInterface) {
            title.append(" on interface ").append(ifName).append(", id ").append(f.interfaceId());
        }
        DetailNode frame = root.protocol("frame", title.toString()).at(f.segment(), f.offset(), cap);
        if (!frame.keepsItems()) {
            return frame; // -O without frame: its items would not be printed
        }
        if (section >= 0) {
            frame.field("frame.section_number", "Section number: " + (section + 1), section + 1);
        }
        if (hasInterface) {
            DetailNode id = frame.field("frame.interface_id", "Interface id: " + f.interfaceId() + " (" + ifName + ")",
                    Integer.toString(f.interfaceId()));
            id.field("frame.interface_name", "Interface name: " + ifName, ifName);
            if (iface != null && iface.description() != null) {
                id.field("frame.interface_description", "Interface description: " + iface.description(),
                        iface.description());
            }
        }
        if (f.kind() == Frame.Kind.PACKET) {
            Encapsulation e = Encapsulation.of(f.linkType());
            frame.field("frame.encap_type", "Encapsulation type: " + e.name + " (" + e.number + ")",
                    Integer.toString(e.number));
        }
        if (f.hasTimestamp()) {
            times(frame, f);
        }
        frame.field("frame.number", "Frame Number: " + f.number(), f.number());
        DetailNode lenItem = frame.field("frame.len", "Frame Length: " + len + bytes(len) + " (" + bits(len) + " bits)", len);
        if (len < cap) {
            // packet-frame.c: a record whose original length is below its captured length
            Expert.add(lenItem, "frame.len_lt_caplen", Expert.Severity.ERROR, Expert.Group.MALFORMED,
                    "Frame length is less than captured length");
        }
        frame.field("frame.cap_len", "Capture Length: " + cap + bytes(cap) + " (" + bits(cap) + " bits)", cap);
        frame.field("frame.marked", "Frame is marked: False", "0").generated();
        frame.field("frame.ignored", "Frame is ignored: False", "0").generated();
        return frame;
    }

    /** The frame's times (cut from frame, which took 8.8 MB to compile with C1, near the launcher's 10 MB cap). */
    private void times(DetailNode frame, Frame f) {
        String arrival = arrival(f);
        frame.field("frame.time", "Arrival Time: " + arrival, arrival).time(f.seconds(), f.nanos());
        frame.field("frame.offset_shift", "Time shift for this packet: 0.000000000 seconds", "0.000000000").generated();
        long time = decoder.time();
        // a saturated time (Decoder.epochNanos) is shown from the frame's own seconds, as tshark
        String epoch = Decoder.epochNanos(f.seconds(), f.nanos()) != time
                ? f.seconds() + "." + String.format(Locale.ROOT, "%09d", f.nanos()) : seconds(time);
        frame.field("frame.time_epoch", "Epoch Time: " + epoch + " seconds", epoch);
        String delta = or(decoder.timeDeltaBeyond(), seconds(decoder.timeDelta()));
        frame.field("frame.time_delta", "Time delta from previous captured frame: " + delta + " seconds", delta).generated();
        String shown = or(decoder.timeDeltaDisplayedBeyond(), seconds(decoder.timeDeltaDisplayed()));
        frame.field("frame.time_delta_displayed", "Time delta from previous displayed frame: " + shown + " seconds", shown)
                .generated();
        String rel = or(decoder.timeRelativeBeyond(), seconds(decoder.timeRelative()));
        frame.field("frame.time_relative", "Time since reference or first frame: " + rel + " seconds", rel).generated();
    }

    /** packet-frame.c's bit count, a guint32 product: it wraps past 4 GiB of bits. */
    private static long bits(long bytes) {
        return (bytes * 8L) & 0xffffffffL;
    }

    /** " byte" or " bytes", as tshark's plurality(). */
    static String bytes(long n) {
        return n == 1 ? " byte" : " bytes";
    }

    private String arrival(Frame f) {
        return absolute(f.seconds(), f.nanos());
    }

    /** An absolute time as tshark shows {@code FT_ABSOLUTE_TIME} fields ("May  2, 2012 11:31:53.152461000 UTC"). */
    String absolute(long seconds, int nanos) {
        if (seconds != cachedSecond || cachedDate == null) {
            ZonedDateTime t;
            try {
                t = Instant.ofEpochSecond(seconds, nanos).atZone(zone);
            } catch (java.time.DateTimeException e) {
                return "Not representable"; // tshark's words for a time beyond the calendar
            }
            // frames come many to a second: the calendar part is formatted once per second
            cachedDate = ARRIVAL.format(t);
            cachedZone = ZoneAbbreviations.at(t.getZone(), seconds);
            cachedSecond = seconds;
        }
        StringBuilder sb = new StringBuilder(40).append(cachedDate).append('.');
        nine(sb, nanos);
        return sb.append(' ').append(cachedZone).toString();
    }

    private long cachedSecond;
    private String cachedDate, cachedZone;

    private static String or(String beyond, String usual) {
        return beyond != null ? beyond : usual;
    }

    /** Nanoseconds as seconds with nine decimals ({@link dev.tcpscope.proto.Text#seconds}). */
    static String seconds(long ns) {
        return dev.tcpscope.proto.Text.seconds(ns);
    }

    private static void nine(StringBuilder sb, long frac) {
        int f = (int) frac;
        for (int p = 100_000_000; p > 0; p /= 10) {
            sb.append((char) ('0' + f / p % 10));
        }
    }

    /** Wireshark's encapsulation (WTAP_ENCAP_*) for each link type we read. */
    private record Encapsulation(String name, int number) {
        static Encapsulation of(int linkType) {
            return switch (linkType) {
                case LinkType.ETHERNET -> new Encapsulation("Ethernet", 1);
                case LinkType.PPP, LinkType.PPP_HDLC -> new Encapsulation("PPP", 4);
                case LinkType.RAW, LinkType.RAW_DLT12, LinkType.RAW_DLT14 -> new Encapsulation("Raw IP", 7);
                case LinkType.IPV4 -> new Encapsulation("Raw IPv4", 129);
                case LinkType.IPV6 -> new Encapsulation("Raw IPv6", 130);
                case LinkType.NULL -> new Encapsulation("NULL/Loopback", 15);
                case LinkType.LOOP -> new Encapsulation("OpenBSD loopback", 174);
                case LinkType.LINUX_SLL -> new Encapsulation("Linux cooked-mode capture v1", 25);
                case LinkType.LINUX_SLL2 -> new Encapsulation("Linux cooked-mode capture v2", 210);
                default -> new Encapsulation("Unknown", -1);
            };
        }
    }

    // ---- layers -----------------------------------------------------------------------------

    private void layers(Frame f) {
        int n = d.count();
        if (LinkDetails.hasRawLayer(f.linkType()) && n > 0 && d.proto(0) != Proto.RAW) {
            protocol("raw");
            root.protocol("raw", "Raw packet data").at(f.segment(), f.offset(), f.capturedLength());
        }
        int ip = -1;
        long payloadEnd = -1;
        for (int i = 0; i < n; i++) {
            boolean last = i == n - 1;
            boolean ok = switch (d.proto(i)) {
                case ETH -> link.ethernet(i);
                case VLAN -> link.vlan(i);
                case SLL -> link.sll(i, false);
                case SLL2 -> link.sll(i, true);
                case NULL -> link.nullLink(i);
                case RAW -> link.raw(i);
                case IPV4 -> this.ip.ipv4(i, last);
                case IPV6 -> this.ip.ipv6(i, last);
                case ARP -> transport.arp(i);
                case TCP -> tcp.tcp(i, ip) && above();
                case UDP -> transport.udp(i, ip);
                case ICMP -> icmp.icmp(i, ip);
                case ICMPV6 -> icmpv6.icmpv6(i, ip);
                case GRE -> tunnel.gre(i);
                case ERSPAN -> tunnel.erspan(i);
                case CMD -> tunnel.ciscoMetaData(i);
                case MPLS -> tunnel.mpls(i);
                case PW_ETH_CW -> tunnel.pwEthernet(i);
                case PW_ACH -> tunnel.pwAch(i);
                case ESP -> ipsec.esp(i);
                case AH -> ipsec.ah(i);
                case IPCOMP -> ipsec.ipcomp(i);
                case IGMP -> igmp(i);
                case VRRP -> vrrp(i);
                case EIGRP -> eigrp(i);
                case SCTP -> sctp(i);
                case PIM -> pim(i);
                case OSPF -> ospf(i);
                case PTP -> ptp(i);
                case VXLAN, VXLAN_GPE, GENEVE, GTP, TEREDO -> udpTunnel(i);
                case UDPENCAP -> ipsec.udpencap(i);
                case LLC -> llc(i);
                case STP -> stp(i);
                case LLDP -> lldp(i);
                case ISIS -> isis(i);
                case PPPOES -> pppoes(i);
                case PPPOED -> pppoed(i);
                case PPP -> ppp(i);
            };
            if (d.proto(i) == Proto.IPV4 || d.proto(i) == Proto.IPV6) {
                ip = i;
            }
            if (!ok) {
                trailerOutcome = link.trailer();
                return;
            }
        }
        trailerOutcome = link.trailer();
        if (n > 0) {
            end(n - 1);
        }
    }

    /** How reading the Ethernet padding and trailer after the EtherType payload ended. */
    private EtherTrailer.Outcome trailerOutcome = EtherTrailer.Outcome.NONE;

    /**
     * The protocols above TCP that dissected something in this frame add their trees after TCP's
     * items ({@link LayerTree}, registered in {@code proto.Protocols}); nothing here names them.
     */
    private boolean above() {
        aboveTrees();
        return true;
    }

    /** Adds the trees of the protocols above TCP or UDP that dissected this frame; whether there were any. */
    boolean aboveTrees() {
        Desegmenter g = decoder.desegmenter();
        if (embedding) {
            return false; // a frame carried above TCP hands nothing to the protocols above TCP again
        }
        dev.tcpscope.proto.EmbeddedFrames before = dev.tcpscope.proto.EmbeddedFrames.CURRENT.get();
        dev.tcpscope.proto.EmbeddedFrames.CURRENT.set(embedded);
        try {
            return aboveTrees(g);
        } finally {
            dev.tcpscope.proto.EmbeddedFrames.CURRENT.set(before);
        }
    }

    private boolean aboveTrees(Desegmenter g) {
        boolean shown = false;
        if (g != null && g.table() instanceof DissectorTable t) {
            long frame = decoder.frame().number();
            for (LayerTree lt : t.trees()) {
                if (lt.shows(frame)) {
                    shown = true;
                    LayerTree.End end = lt.tree(frame, root, this::protocol);
                    if (end == LayerTree.End.UNREASSEMBLED) {
                        stop(lt.protocolName(), false);
                        stoppedUnreassembled = true;
                    } else if (end != LayerTree.End.OK) {
                        stop(lt.protocolName(), end == LayerTree.End.MALFORMED);
                        stoppedTree = lt;
                    }
                }
            }
            if (g == decoder.desegmented()) {
                for (Desegmenter.Declined x : g.declined()) {
                    data(root, x.s(), x.off(), x.len()); // decode_tcp_ports' last resort
                }
            }
        }
        return shown;
    }

    /** The items the protocols above TCP add after TCP's segment-data items ({@link LayerTree#underTcpAfterData}). */
    void underTcpAfterData(DetailNode tcp) {
        Desegmenter g = decoder.desegmenter();
        if (g != null && !quoting && g.table() instanceof DissectorTable t) {
            long frame = decoder.frame().number();
            for (LayerTree lt : t.trees()) {
                if (lt.shows(frame)) {
                    lt.underTcpAfterData(frame, tcp);
                }
            }
        }
    }

    /** The items the protocols above TCP add to the frame's TCP item ({@link LayerTree#underTcp}). */
    void underTcp(DetailNode tcp) {
        Desegmenter g = decoder.desegmenter();
        if (g != null && !quoting && g.table() instanceof DissectorTable t) {
            long frame = decoder.frame().number();
            for (LayerTree lt : t.trees()) {
                if (lt.shows(frame)) {
                    lt.underTcp(frame, tcp);
                }
            }
        }
    }

    /** The data sources the protocols above TCP added in the frame just built (for {@code -x}). */
    static java.util.List<java.util.Map.Entry<String, byte[]>> aboveSources(Decoder decoder) {
        java.util.List<java.util.Map.Entry<String, byte[]>> out = new java.util.ArrayList<>(2);
        Desegmenter g = decoder.desegmenter();
        if (g != null && g.table() instanceof DissectorTable t) {
            long frame = decoder.frame().number();
            for (LayerTree lt : t.trees()) {
                if (lt.shows(frame)) {
                    lt.sources(frame, (name, bytes) -> out.add(java.util.Map.entry(name, bytes)));
                }
            }
        }
        return out;
    }

    /** The bytes the protocols above TCP and UDP made in the frame just built that are no data source. */
    static java.util.List<byte[]> aboveUnlisted(Decoder decoder) {
        java.util.List<byte[]> out = new java.util.ArrayList<>(0);
        Desegmenter g = decoder.desegmenter();
        if (g != null && g.table() instanceof DissectorTable t) {
            long frame = decoder.frame().number();
            for (LayerTree lt : t.trees()) {
                if (lt.shows(frame)) {
                    lt.unlistedSources(frame, out::add);
                }
            }
        }
        return out;
    }

    /** Whether a protocol above TCP dissected this frame's payload (TCP then shows no data for it). */
    boolean aboveShows() {
        return !quoting && aboveShows(decoder);
    }

    /** Whether a protocol above TCP or UDP shows items for the frame {@code decoder} has just decoded. */
    static boolean aboveShows(Decoder decoder) {
        Desegmenter g = decoder.desegmenter();
        if (g != null && g.table() instanceof DissectorTable t) {
            long frame = decoder.frame().number();
            for (LayerTree lt : t.trees()) {
                if (lt.shows(frame)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** packet-igmp.c's tree ({@code proto.igmp.Igmp}); an exception ends the frame's dissection in IGMP. */
    private boolean igmp(int i) {
        protocol("igmp");
        if (IgmpType.dispatched(d, i)) {
            protocol("igmp"); // its "igmp.type" table names it again
        }
        boolean pim = d.captured(i) >= 1 && Text.u8(d.segment(i), d.offset(i)) == PimV1.IGMP_TYPE;
        if (pim) {
            protocol("pim"); // its "igmp.type" table hands type 0x14 to pim
        }
        boolean carries = pim && i + 1 < d.count() && PimV1.carried(d.segment(i), d.offset(i), d.captured(i), d.reported(i)) != 0;
        consumed(i, carries ? 8 : d.captured(i));
        return walked(Igmp.walk(tvb(i), d.fragmented, root, new StringBuilder(), new StringBuilder()), pim ? "PIM" : "IGMP");
    }

    /** packet-pim.c's tree ({@code proto.pim.Pim}); a Register's datagram is the next layers'. */
    private boolean pim(int i) {
        protocol("pim");
        boolean carries = i + 1 < d.count() && Pim.carried(d.segment(i), d.offset(i), d.captured(i), d.reported(i)) != 0;
        consumed(i, carries ? 8 : d.captured(i));
        return walked(Pim.walk(tvb(i), Vrrp.Ip.below(d, i), d.fragmented, root, new StringBuilder(), new StringBuilder()), "PIM");
    }

    /** packet-ptp.c's tree of PTPv2 over Ethernet ({@code proto.ptp.PtpWalk}). */
    private boolean ptp(int i) {
        protocol("ptp");
        consumed(i, d.captured(i));
        // without a tree (tshark -z expert alone) packet-ptp.c reads no more than the message length
        boolean withTree = decoder == null || decoder.desegmenter() == null || decoder.desegmenter().table().tree();
        return walked(dev.tcpscope.proto.ptp.PtpWalk.walk(tvb(i), true, withTree, root, new StringBuilder(), new StringBuilder()),
                "PTP");
    }

    /**
     * A UDP tunnel's tree ({@code proto.tunnel}): VXLAN, Geneve, GTP or Teredo; what it carries is the
     * next layers'. A Geneve protocol type nothing dissects leaves its payload to data.
     */
    private boolean udpTunnel(int i) {
        StringBuilder p = new StringBuilder();
        StringBuilder n = new StringBuilder();
        Tvb t = tvb(i);
        return switch (d.proto(i)) {
            case VXLAN -> {
                protocol("vxlan");
                consumed(i, Math.min(d.captured(i), dev.tcpscope.wire.UdpTunnel.VXLAN_LENGTH));
                yield walked(dev.tcpscope.proto.tunnel.Vxlan.walk(t, root, p, n), "VXLAN");
            }
            case VXLAN_GPE -> {
                consumed(i, Math.min(d.captured(i), dev.tcpscope.wire.UdpTunnel.VXLAN_LENGTH));
                // the GPE handle's protocol is not a layer of the frame: an exception is UDP's
                boolean ok = walked(dev.tcpscope.proto.tunnel.Vxlan.walkGpe(t, root, p, n), "UDP");
                if (ok && i == d.count() - 1) {
                    data(d.segment(i), d.offset(i) + 8, d.captured(i) - 8);
                }
                yield ok;
            }
            case GENEVE -> {
                protocol("geneve");
                consumed(i, d.captured(i));
                boolean ok = walked(dev.tcpscope.proto.tunnel.Geneve.walk(t, root, p, n), "Geneve");
                if (ok && i == d.count() - 1) {
                    int h = dev.tcpscope.wire.UdpTunnel.dataStart(d, i);
                    data(d.segment(i), d.offset(i) + h, d.captured(i) - h);
                }
                yield ok;
            }
            case TEREDO -> {
                protocol("teredo");
                consumed(i, d.captured(i) >= 2 ? Math.max(0, dev.tcpscope.wire.UdpTunnel.teredoLength(d.segment(i), d.offset(i), d.captured(i)))
                        : d.captured(i));
                yield walked(dev.tcpscope.proto.tunnel.Teredo.walk(t, root, p, n), "Teredo");
            }
            default -> {
                boolean prime = d.captured(i) >= 1 && (dev.tcpscope.wire.Bytes.u8(d.segment(i), d.offset(i)) & 0x10) == 0;
                protocol(dev.tcpscope.wire.UdpTunnel.gtpLayerName(d, i));
                consumed(i, d.captured(i));
                yield walked(dev.tcpscope.proto.tunnel.Gtp.walk(t, root, p, n), prime ? "GTP (Prime)" : "GTP");
            }
        };
    }

    /** packet-llc.c's tree ({@code proto.llc.Llc}); what it hands to no dissector of ours is data. */
    private boolean llc(int i) {
        protocol("llc");
        boolean ok = walked(dev.tcpscope.proto.llc.Llc.walk(tvb(i), root, new StringBuilder(), new StringBuilder()), "LLC");
        int h = dev.tcpscope.proto.llc.Llc.headerLength(d.segment(i), d.offset(i), d.captured(i));
        if (ok && i == d.count() - 1 && h >= 0 && h < d.captured(i)
                && !dev.tcpscope.proto.llc.Llc.basicXid(d.segment(i), d.offset(i), d.captured(i), d.reported(i))) {
            data(d.segment(i), d.offset(i) + h, d.captured(i) - h);
        }
        return ok;
    }

    /** packet-stp.c's tree ({@code proto.llc.Stp}). */
    private boolean stp(int i) {
        protocol("stp");
        return walked(dev.tcpscope.proto.stp.Stp.walk(tvb(i), dev.tcpscope.proto.llc.LlcFields.pvst(d, i), root, new StringBuilder(), new StringBuilder()), "STP");
    }

    /** packet-lldp.c's tree ({@code proto.lldp.LldpWalk}). */
    private boolean lldp(int i) {
        protocol("lldp");
        int[] result = new int[2];
        Tvb.Stop stop = dev.tcpscope.proto.lldp.LldpWalk.walk(dev.tcpscope.proto.lldp.LldpWalk.tvb(d, i), root, new StringBuilder(),
                new StringBuilder(), result);
        return walked(stop, result[1] != 0 ? "LLDP: " + dev.tcpscope.proto.lldp.LldpWalk.CONTAINED : "LLDP");
    }

    /** packet-isis*.c's trees ({@code proto.isis.Isis}). */
    private boolean isis(int i) {
        protocol("osi");
        protocol("isis");
        String sub = dev.tcpscope.proto.isis.Isis.subProtocolAt(d.segment(i), d.offset(i), d.captured(i));
        if (sub != null) {
            protocol(sub);
        }
        return walked(dev.tcpscope.proto.isis.Isis.walk(tvb(i), root, new StringBuilder(), new StringBuilder()), "ISIS");
    }

    /** packet-pppoe.c's Session header ({@code proto.ppp.Pppoe}). */
    private boolean pppoes(int i) {
        protocol("pppoes");
        consumed(i, d.captured(i));
        return walked(dev.tcpscope.proto.ppp.Pppoe.session(tvb(i), root, new StringBuilder(), new StringBuilder()), "PPPoES");
    }

    /** packet-pppoe.c's Discovery header and tags. */
    private boolean pppoed(int i) {
        protocol("pppoed");
        consumed(i, d.captured(i));
        return walked(dev.tcpscope.proto.ppp.Pppoe.discovery(tvb(i), root, new StringBuilder(), new StringBuilder()), "PPPoED");
    }

    /** packet-ppp.c's protocol field ({@code proto.ppp.PppFrame}); a protocol no layer follows leaves the rest to data. */
    private boolean ppp(int i) {
        protocol("ppp");
        boolean last = i == d.count() - 1;
        consumed(i, d.captured(i));
        int w = dev.tcpscope.wire.Ppp.headerLength(d, i);
        boolean control = dev.tcpscope.proto.ppp.PppCp.carried(d, i) >= 0;
        dev.tcpscope.proto.ppp.PppCp.names(d, i, this::protocol);
        StringBuilder shortName = new StringBuilder();
        Tvb.Stop stop = dev.tcpscope.proto.ppp.PppFrame.walk(tvb(i), dev.tcpscope.wire.Ppp.hdlc(d, i), !last, root, shortName, new StringBuilder());
        // a control protocol's exception is named by its own short name ("PPP LCP")
        boolean ok = walked(stop, control ? shortName.toString() : "PPP");
        if (ok && last && !control) {
            data(d.segment(i), d.offset(i) + w, d.captured(i) - w);
        }
        return ok;
    }

    /** packet-sctp.c's tree ({@code proto.sctp.Sctp}); relative TSNs only outside an ICMP quote. */
    private boolean sctp(int i) {
        protocol("sctp");
        consumed(i, d.captured(i));
        long[] b = d == decoder.dissection() ? decoder.sctpBases() : new long[] {-1, -1};
        return walked(dev.tcpscope.proto.sctp.Sctp.walk(tvb(i), dev.tcpscope.proto.sctp.Sctp.Tsns.of(b), d.fragmented,
                root, new StringBuilder(), new StringBuilder(), this::protocol), "SCTP");
    }

    /** packet-ospf.c's tree ({@code proto.ospf.Ospf}). */
    private boolean ospf(int i) {
        protocol("ospf");
        consumed(i, d.captured(i));
        boolean ok = walked(Ospf.walk(tvb(i), Ospf.addresses(d, i), d.fragmented, root, new StringBuilder(), new StringBuilder()), "OSPF");
        int data = Ospf.dataStart(d.segment(i), d.offset(i), d.captured(i));
        if (ok && data >= 0) {
            data(d.segment(i), d.offset(i) + data, d.captured(i) - data); // an unknown message type's rest is the data dissector's
        }
        return ok;
    }

    /** packet-vrrp.c's tree ({@code proto.vrrp.Vrrp}). */
    private boolean vrrp(int i) {
        protocol("vrrp");
        consumed(i, d.captured(i));
        return walked(Vrrp.walk(tvb(i), Vrrp.Ip.below(d, i), d.fragmented, root, new StringBuilder(), new StringBuilder()), "VRRP");
    }

    /** packet-eigrp.c's tree ({@code proto.eigrp.Eigrp}). */
    private boolean eigrp(int i) {
        protocol("eigrp");
        consumed(i, d.captured(i));
        return walked(dev.tcpscope.proto.eigrp.Eigrp.walk(tvb(i), d.fragmented, root, new StringBuilder(), new StringBuilder()), "EIGRP");
    }

    private Tvb tvb(int i) {
        return new Tvb(d.segment(i), d.offset(i), d.captured(i), d.reported(i));
    }

    /** Whether a walk of an IP protocol ended; if not, records where and how dissection stopped. */
    private boolean walked(Tvb.Stop stop, String protocol) {
        if (stop == null) {
            return true;
        }
        stop(protocol, stop.end() == LayerTree.End.MALFORMED);
        stoppedUnreassembled = stop.end() == LayerTree.End.UNREASSEMBLED;
        return false;
    }

    /** What follows the last layer: undissected payload as {@code data}, or nothing. */
    private void end(int last) {
        switch (d.end) {
            case CAPTURE_SHORT, REPORTED_SHORT, BOGUS, UNSUPPORTED_LINK -> { }
            // A complete last layer (TCP, UDP, ICMP...) has shown its own payload.
            case COMPLETE -> { }
            case UNKNOWN_ETHERTYPE, UNKNOWN_IP_PROTO, IP_FRAGMENT, UNKNOWN_FAMILY -> {
                int consumed = consumed(last);
                if (d.nestedIpv6Version >= 0) {
                    ip.bogusNestedIpv6(d.segment(last), d.offset(last) + consumed, d.captured(last) - consumed);
                }
                data(d.segment(last), d.offset(last) + consumed, d.captured(last) - consumed);
            }
        }
    }

    /** Header bytes of layer {@code i} that its builder consumed (set by the layer builders). */
    private int consumed(int i) {
        return i == consumedLayer ? consumedBytes : 0;
    }

    private int consumedLayer = -1;
    private int consumedBytes;

    /** Records that the builder of layer {@code i} consumed its first {@code bytes} bytes. */
    void consumed(int i, int bytes) {
        consumedLayer = i;
        consumedBytes = bytes;
    }

    /** Adds undissected bytes as Wireshark's {@code data} protocol, when there are any. */
    void data(MemorySegment s, long off, int len) {
        data(root, s, off, len);
    }

    /** Adds undissected bytes as a {@code data} protocol under {@code parent} (as ICMP nests its payload). */
    void data(DetailNode parent, MemorySegment s, long off, int len) {
        if (len <= 0) {
            return;
        }
        protocol("data");
        DetailNode data = parent.protocol("data", "Data (" + len + bytes(len) + ")").bytes(s, off, len).at(s, off, len);
        data.hexField("data.data", Labels.truncated("Data", Labels.hexShort(s, off, len)), s, off, len)
                .at(s, off, len);
        data.field("data.len", "Length: " + len, len).generated();
    }
}

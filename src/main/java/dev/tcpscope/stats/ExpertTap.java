package dev.tcpscope.stats;

import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.present.DetailNode;
import dev.tcpscope.present.Details;
import dev.tcpscope.present.ExpertFree;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.tcp.Decoder;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code -z expert[,error|warn|note|chat|comment][,FILTER]}: the expert items of the frames the
 * filter passes, counted per severity, protocol and summary, as ui/cli/tap-expert.c prints them
 * (Errors, Warns, Notes, Chats, Comments; each group in order of first appearance). The items are
 * those of the details tree {@code -V} prints ({@link Details}): whatever {@code -V} shows as
 * {@code [Expert Info (...)]} is counted here, in tree order.
 */
final class ExpertTap implements Tap {
    /** Severity levels from the lowest, with tap-expert.c's titles. */
    private static final String[] TITLES = {"Comments", "Chats", "Notes", "Warns", "Errors"};
    /** _ws.expert.severity values (epan/proto.h PI_COMMENT ... PI_ERROR) in level order. */
    private static final int[] SEVERITIES = {0x00100000, 0x00200000, 0x00400000, 0x00600000, 0x00800000};
    private static final String[] GROUPS = {"", "Checksum", "Sequence", "Response", "Request", "Undecoded",
        "Reassemble", "Malformed", "Debug", "Protocol", "Security", "Comment", "Decryption", "Assumption", "Deprecated"};

    private int lowest;
    private final int named;
    private final String filterText;
    private final DisplayFilter filter;
    private final Details details;
    /** Per level: the entries in order of first sight, and an index by protocol and summary. */
    private final List<List<Entry>> entries = new ArrayList<>();
    private final List<Map<String, Entry>> index = new ArrayList<>();

    private static final class Entry {
        final int group;
        final String protocol;
        final String summary;
        long frequency;

        Entry(int group, String protocol, String summary) {
            this.group = group;
            this.protocol = protocol;
            this.summary = summary;
        }
    }

    private ExpertTap(int named, String filterText, DisplayFilter filter, ZoneId zone, Supplier<MacNames> macs) {
        this.named = named;
        this.lowest = Math.max(named, 0);
        this.filterText = filterText;
        this.filter = filter;
        this.details = new Details(zone, macs);
        for (int i = 0; i < TITLES.length; i++) {
            entries.add(new ArrayList<>());
            index.add(new HashMap<>());
        }
    }

    /** Parses the -z text as tap-expert.c's expert_stat_init does. */
    static ExpertTap parse(String arg, dev.tcpscope.field.FieldTable table, ZoneId zone, Supplier<MacNames> macs) {
        String args = arg.substring("expert".length());
        int lowest = -1;
        String[] levels = {",comment", ",chat", ",note", ",warn", ",error"};
        for (int l = levels.length - 1; l >= 0; l--) {
            if (args.regionMatches(true, 0, levels[l], 0, levels[l].length())) {
                lowest = l;
                args = args.substring(levels[l].length());
                break;
            }
        }
        String text = args.startsWith(",") ? args.substring(1) : null;
        DisplayFilter filter = Taps.filter(text, table, "Expert tap error (", ")!", 1);
        return new ExpertTap(lowest, text, filter, zone, macs);
    }

    @Override
    public List<String> filters() { return filterText == null ? List.of() : List.of(filterText); }

    @Override
    public void packet(Decoder d) {
        if (filter != null && !filter.test(d)) {
            return;
        }
        if (ExpertFree.certain(d)) {
            return; // a plain segment: nothing to count, and most frames are
        }
        trailerProtocol = d.dissection().ieee8023 ? "Ethernet" : "Ethertype";
        walk(details.build(d, null, -1), "Frame");
    }

    /** Whose the Ethernet trailer's items are: packet-eth.c reads an IEEE 802.3 frame's trailer itself. */
    private String trailerProtocol = "Ethertype";

    private void walk(DetailNode node, String protocol) {
        for (DetailNode child : node.children()) {
            String key = child.key();
            if (PhsTap.depthBug(child)) {
                continue; // not met by a tree that is not visible
            }
            if (child.kind() == DetailNode.Kind.PROTOCOL && "_ws.expert".equals(key)) {
                // the Ethernet trailer is read by packet-ethertype.c after its payload, so its
                // items count for the Ethertype protocol (pinfo->current_proto) though they sit under eth
                item(child, "eth.trailer".equals(node.key()) ? trailerProtocol : outside(child, protocol));
                continue;
            }
            String p = protocol;
            String shortName = child.kind() == DetailNode.Kind.PROTOCOL && key != null
                    && !key.equals("pkt_comment") // a packet comment's items count for Frame
                    ? dev.tcpscope.field.ProtocolNames.shortName(key) : null;
            if (shortName != null) {
                p = shortName;
            } else if (("_ws.malformed".equals(key) || "_ws.unreassembled".equals(key)) && child.label() != null) {
                p = malformedIn(child.label(), p); // the protocol whose dissection threw, as pinfo->current_proto
            }
            if (child.hasChildren() && !quotedDatagram(node, child)) {
                walk(child, p);
            }
        }
    }

    /**
     * Whether {@code child} is a layer of the IP datagram an ICMP error quotes (the quote's
     * layers sit side by side under the ICMP item): tap.c marks what is queued while dissecting
     * it as from an error packet, and the expert tap does not take those.
     */
    private static boolean quotedDatagram(DetailNode node, DetailNode child) {
        if ("openflow_v4.error.data.body".equals(child.key())) {
            return true; // packet-openflow_v4.c dissects the failed message of an error as an error packet
        }
        return child.kind() == DetailNode.Kind.PROTOCOL && QUOTED_LAYERS.contains(child.key())
                && ("icmp".equals(node.key()) || "icmpv6".equals(node.key()));
    }

    private static final java.util.Set<String> QUOTED_LAYERS = java.util.Set.of("ip", "ipv6", "tcp", "udp", "icmp", "icmpv6",
            "esp", "gre", "igmp", "vrrp", "eigrp", "pim", "sctp", "ospf");

    /**
     * The protocol of an expert item outside every protocol's item (proto_tree_add_expert at the
     * top, as WebSocket's "Decompression failed"): the one its expert field was registered by,
     * the dissector then running (pinfo->current_proto); else {@code protocol}.
     */
    private static String outside(DetailNode expert, String protocol) {
        if (!protocol.equals("Frame") || !expert.hasChildren()) {
            return protocol;
        }
        String key = expert.children().iterator().next().key();
        int dot = key == null ? -1 : key.indexOf('.');
        String name = dot > 0 ? dev.tcpscope.field.ProtocolNames.shortName(key.substring(0, dot)) : null;
        return name != null && !name.equals("Frame") ? name : protocol;
    }

    /** "X" of "[Malformed Packet: X]", "[Dissector bug, protocol X: ...]" or "[Reassembly error, protocol X: ...]"; else {@code otherwise}. */
    private static String malformedIn(String label, String otherwise) {
        String m = "[Malformed Packet: ";
        String b = "[Dissector bug, protocol ";
        String u = "[BoundError Unreassembled Packet: ";
        String r = "[Reassembly error, protocol ";
        if (label.startsWith(r) && label.indexOf(':', r.length()) > 0) {
            return label.substring(r.length(), label.indexOf(':', r.length()));
        }
        if (label.startsWith(m) && label.endsWith("]")) {
            // "[Malformed Packet: CIP: length of contained item exceeds ...]" (ContainedBoundsError): the protocol before the reason
            String in = label.substring(m.length(), label.length() - 1);
            int colon = in.indexOf(": ");
            return colon > 0 ? in.substring(0, colon) : in;
        }
        if (label.startsWith(u) && label.endsWith("]")) {
            return label.substring(u.length(), label.length() - 1);
        }
        if (label.startsWith(b) && label.indexOf(':', b.length()) > 0) {
            return label.substring(b.length(), label.indexOf(':', b.length()));
        }
        return otherwise;
    }

    /** tap-expert.c keeps the lowest level in one static variable: the last -z expert that names one sets it for all. */
    void lowest(int level) {
        lowest = level;
    }

    /** The level this argument named, or -1. */
    int named() { return named; }

    private void item(DetailNode expert, String protocol) {
        int severity = -1;
        int group = 0;
        String summary = null;
        for (DetailNode c : expert.children()) {
            switch (c.key() == null ? "" : c.key()) {
                case "_ws.expert.severity" -> severity = Integer.parseInt(c.value());
                case "_ws.expert.group" -> group = Integer.parseInt(c.value());
                case "_ws.expert.message" -> summary = c.value();
                // proto.c adds this one with expert_add_info(NULL, ...) when a string field has
                // bytes after its NUL: it shows in the tree, and tshark's expert tap never counts it
                case "_ws.string.trailing_stray_characters" -> {
                    return;
                }
                default -> { }
            }
        }
        int level = -1;
        for (int i = 0; i < SEVERITIES.length; i++) {
            if (SEVERITIES[i] == severity) {
                level = i;
            }
        }
        if (level < lowest || summary == null) {
            return;
        }
        String k = protocol + '\0' + summary;
        Entry e = index.get(level).get(k);
        if (e == null) {
            e = new Entry(group, protocol, summary);
            index.get(level).put(k, e);
            entries.get(level).add(e);
        }
        e.frequency++;
    }

    @Override
    public void draw(Appendable out) throws IOException {
        for (int level = TITLES.length - 1; level >= 0; level--) {
            List<Entry> items = entries.get(level);
            if (items.isEmpty()) {
                continue;
            }
            long total = 0;
            for (Entry e : items) {
                total += e.frequency;
            }
            out.append('\n').append(TITLES[level]).append(" (").append(Long.toString((int) total)).append(")\n")
                    .append("=============\n")
                    .append("   Frequency      Group           Protocol  Summary\n");
            for (Entry e : items) {
                int g = e.group >>> 24;
                String group = g > 0 && g < GROUPS.length ? GROUPS[g] : "Unknown (" + e.group + ")";
                out.append(String.format(Locale.ROOT, "%12d %10s %18s  %s%n", (int) e.frequency, group, e.protocol, e.summary)
                        .replace(System.lineSeparator(), "\n"));
            }
        }
    }
}

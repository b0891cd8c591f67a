package dev.tcpscope.stats;

import dev.tcpscope.field.FieldTable;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.present.DetailNode;
import dev.tcpscope.present.Details;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.tcp.Decoder;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code -z io,phs[,FILTER]}: Protocol Hierarchy Statistics as ui/cli/tap-protohierstat.c prints
 * them. Each frame the filter passes walks the top-level items of its detail tree, after the frame
 * item, one level deeper per item: a protocol met for the first time at a level becomes that
 * level's next sibling, and every item on the path counts the frame and its length. So two TCP
 * PDUs in one frame ({@code http}, {@code http}) nest, as in tshark.
 *
 * <p>The order is the order in which Wireshark adds the items, which is the tree's order but for
 * one item: packet-tcp.c adds the "[N Reassembled TCP Segments]" item ({@code tcp.segments}) after
 * the protocols that dissected the reassembled PDU, and only a visible tree moves it behind TCP, as
 * {@code -V} shows it; this tap's tree is not visible, so it is put back behind that PDU's items
 * (except for a PDU that ran until a FIN: dissect_tcp adds its segments first).
 */
final class PhsTap implements Tap {
    /** One protocol at one level of the hierarchy. */
    private static final class Node {
        final String name;
        long frames;
        long bytes;
        final List<Node> children = new ArrayList<>(2);

        Node(String name) {
            this.name = name;
        }

        Node child(String key) {
            for (Node c : children) {
                if (c.name.equals(key)) {
                    return c;
                }
            }
            Node c = new Node(key);
            children.add(c);
            return c;
        }
    }

    private final Node root = new Node("");
    private final String filterText;
    private final DisplayFilter filter;
    private final Details details;
    private final List<String> path = new ArrayList<>();

    private PhsTap(String filterText, DisplayFilter filter, ZoneId zone, Supplier<MacNames> macs) {
        this.filterText = filterText;
        this.filter = filter;
        this.details = new Details(zone, macs);
    }

    /** Parses {@code io,phs} or {@code io,phs,FILTER} as protohierstat_init does. */
    static PhsTap parse(String arg, FieldTable table, ZoneId zone, Supplier<MacNames> macs) {
        String text = null;
        if (!arg.equals("io,phs")) {
            if (!arg.startsWith("io,phs,")) {
                // sscanf("io,phs,%n") matched nothing past "io,phs": no filter
                return new PhsTap(null, null, zone, macs);
            }
            text = arg.substring("io,phs,".length());
        }
        DisplayFilter filter = Taps.filter(text, table, "tcpscope: Couldn't register io,phs tap: ", "", 1);
        return new PhsTap(text, filter, zone, macs);
    }

    @Override
    public List<String> filters() { return filterText == null ? List.of() : List.of(filterText); }

    /**
     * proto.c's "Maximum tree depth" bug (XML nested past 500 levels): it counts the items a tree
     * really has, and in this tap's tree, which is not visible, the items of fields nobody asked
     * for are faked and add no level, so tshark's tap never meets it (nor does the expert tap's).
     */
    static boolean depthBug(DetailNode top) {
        return "_ws.malformed".equals(top.key()) && top.label() != null
                && top.label().startsWith("[Dissector bug, protocol XML: Maximum tree depth");
    }

    @Override
    public void packet(Decoder d) {
        if (filter != null && !filter.test(d)) {
            return;
        }
        DetailNode tree = details.build(d, null, -1);
        path.clear();
        int segments = -1;
        for (DetailNode top : tree.children()) {
            // a text item at the top (proto_tree_add_expert's, as WebSocket's "Decompression failed")
            // counts under hf_text_only's name
            String key = top.kind() == DetailNode.Kind.TEXT ? "text" : top.key();
            if (key == null || key.equals("frame") || depthBug(top)) {
                continue;
            }
            if (key.equals("tcp.segments") && segments < 0) {
                segments = path.size();
            }
            path.add(key);
        }
        var g = d.desegmented();
        if (segments >= 0 && (g == null || !g.finCompleted())) {
            unmove(segments); // a PDU that ran until a FIN shows its segments before its dissector runs
        }
        long length = d.frame().originalLength();
        Node at = root;
        for (String key : path) {
            at = at.child(key);
            at.frames++;
            at.bytes += length;
        }
    }

    /**
     * Puts {@code tcp.segments} (at {@code i}, behind TCP) back where packet-tcp.c added it: after
     * the items of the reassembled PDU, the first protocol that follows and the protocols it
     * handed on to, up to the next PDU (the same protocol again) or an exception's item.
     */
    private void unmove(int i) {
        path.remove(i);
        if (i >= path.size()) {
            path.add(i, "tcp.segments");
            return;
        }
        String pdu = path.get(i);
        int end = i + 1;
        while (end < path.size() && !path.get(end).equals(pdu) && !path.get(end).startsWith("_ws.")) {
            end++;
        }
        path.add(end, "tcp.segments");
    }

    @Override
    public void draw(Appendable out) throws IOException {
        out.append("\n===================================================================\n")
                .append("Protocol Hierarchy Statistics\n")
                .append("Filter: ").append(filterText == null ? "" : filterText).append("\n\n");
        draw(out, root.children, 0);
        out.append("===================================================================\n");
    }

    private static void draw(Appendable out, List<Node> level, int indentation) throws IOException {
        for (Node n : level) {
            StringBuilder str = new StringBuilder();
            for (int i = 0; i < indentation; i++) {
                if (i > 15) {
                    str.append("...");
                    break;
                }
                str.append("  ");
            }
            str.append(n.name);
            if (str.length() > 79) {
                str.setLength(79); // the 80-byte line buffer of phs_draw
            }
            out.append(String.format(Locale.ROOT, "%-40s frames:%d bytes:%d", str, n.frames & 0xffffffffL, n.bytes)).append('\n');
            draw(out, n.children, indentation + 1);
        }
    }
}

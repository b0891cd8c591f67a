package dev.tcpscope.present;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.Decoder;

import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * The expert infos and malformed-packet items of each frame's whole detail tree, for the fields
 * of {@link dev.tcpscope.proto.ExpertFields} ({@code -Y '_ws.expert.severity >= warning'},
 * {@code -e _ws.expert.message}): builds the tree of every frame it is given, in capture order
 * (the trees keep per-connection state, as {@code -z expert}'s do), and leaves the items in
 * {@link Decoder#treeItems()}. A frame that certainly has none ({@link ExpertFree}) gets no tree.
 */
public final class ExpertItems {
    private final Details details;
    private static final Collected NONE = new Collected();

    public ExpertItems(ZoneId zone, Supplier<MacNames> macs) {
        this.details = new Details(zone, macs);
    }

    /** Collects the items of the frame {@code d} has just decoded. */
    public void fill(Decoder d) {
        if (ExpertFree.certain(d)) {
            d.treeItems(NONE);
            return;
        }
        Collected c = new Collected();
        walk(details.build(d, null, -1), c, false);
        d.treeItems(c);
    }

    /** Copies the {@code _ws.expert} and {@code _ws.malformed} items, with what is under them, in tree order. */
    private static void walk(DetailNode node, Tree out, boolean copying) {
        for (DetailNode n : node.children()) {
            String key = n.key();
            boolean expert = key != null && (key.equals("_ws.expert") || key.equals("_ws.malformed"));
            Tree copy = null;
            if (copying || expert) {
                copy = switch (n.kind()) {
                    case PROTOCOL -> out.protocol(key, n.label());
                    case TEXT -> out.text(n.label());
                    default -> key == null ? out.text(n.label()) : n.value() == null ? out.none(key, n.label())
                            : out.field(key, n.label(), n.value());
                };
            }
            if (n.hasChildren()) {
                walk(n, copy != null ? copy : out, copying || expert);
            }
        }
    }
}

package dev.tcpscope.proto.openflow;

import dev.tcpscope.proto.EtherNames;
import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * proto_tree_add_item for the OpenFlow dissectors' fields, over one message's bytes: the value
 * read big-endian as the field's registered type says, masked and shifted by its bitmask and
 * labelled as proto.c labels it (bit picture, value-string name with the number in the field's
 * base, a boolean's True/False, an FT_ETHER's resolved name). Every title, type, base, mask and
 * name comes from tshark's own registry ({@link Registry}).
 *
 * <p>When the frame is dissected without a tree ({@code tree == false}: a plain packet list)
 * Wireshark adds no item and so reads nothing: an item past the bytes throws only with a tree,
 * where a value the dissector fetches itself ({@link #u8}, {@link #u16}, {@link #u32}) always
 * throws. The walks rely on that to mark the same frames malformed as tshark does.
 */
final class OfItems {
    final Tvb t;
    final Registry reg;
    final boolean tree;

    OfItems(Tvb t, Registry reg, boolean tree) {
        this.t = t;
        this.reg = reg;
        this.tree = tree;
    }

    int u8(int off) { return t.u8(off); }

    int u16(int off) { return t.u16(off); }

    long u32(int off) { return t.u32(off); }

    /** proto_tree_add_item of {@code name} over {@code len} bytes at {@code off}. */
    Tree add(Tree parent, String name, int off, int len) {
        if (!tree) {
            return Tree.NOTHING;
        }
        // packet-openflow_v1.c's openflow.version is registered first by packet-openflow.c
        Registry r = name.equals("openflow.version") ? Openflow.REG : reg;
        return add(parent, r.row(name), off, len, v -> r.name(name, v));
    }

    /**
     * proto_tree_add_item of another registration of a name than the one tshark -G lists (its
     * "reserved" twin with a base and value string of its own, an OXM value typed by its field):
     * {@code f} is that registration, {@code names} its value string (null: none).
     */
    Tree add(Tree parent, Registry.Row f, int off, int len, java.util.function.LongFunction<String> names) {
        if (!tree) {
            return Tree.NOTHING;
        }
        return addItem(parent, f, off, len, names);
    }

    /** The registration of {@code name} tshark lists, with base {@code base} instead ("BASE_HEX" for a reserved twin). */
    Registry.Row as(String name, String type, String base, long mask, String title) {
        Registry.Row r = reg.row(name);
        return new Registry.Row(name, title == null ? r.title() : title, type == null ? r.type() : type, base == null ? r.base() : base,
                mask);
    }

    /** proto_tree_add_subtree / a text item over {@code len} bytes (no bounds check, as it fetches nothing). */
    Tree text(Tree parent, String label, int off, int len) {
        if (!tree) {
            return Tree.NOTHING;
        }
        return at(parent.text(label), off, len);
    }

    /** Records where an item lies, clipped to the captured bytes as proto.c clips a subtree. */
    Tree at(Tree item, int off, int len) {
        int from = Math.max(0, Math.min(off, t.cap));
        int n = Math.max(0, Math.min(len, t.cap - from));
        return t.at(item, from, n);
    }

    private Tree addItem(Tree parent, Registry.Row f, int off, int len, java.util.function.LongFunction<String> names) {
        String name = f.name();
        switch (f.type()) {
            case "FT_BYTES" -> {
                if (len < 0) {
                    len = len == -1 ? Math.max(0, t.rep - off) : -1;
                    if (len < 0) {
                        throw Tvb.Stop.MALFORMED;
                    }
                }
                t.need(off, len);
                Tree item = parent.bytes(name, f.title(), t.s, t.base + off, len);
                if (len == 0) {
                    item.relabel(f.title() + ": <MISSING>");
                }
                return t.at(item, off, len);
            }
            case "FT_STRING", "FT_STRINGZ" -> {
                return t.string(parent, name, f.title(), off, len);
            }
            case "FT_NONE" -> {
                t.need(off, Math.max(len, 0));
                return t.at(parent.none(name, f.title()), off, Math.max(len, 0));
            }
            case "FT_ETHER" -> {
                t.need(off, 6);
                long mac = (long) t.u16(off) << 32 | t.u32(off + 2);
                String plain = EtherNames.plain(mac);
                return t.at(parent.field(name, f.title() + ": " + EtherNames.name(mac) + " (" + plain + ")", plain), off, 6);
            }
            case "FT_IPv4" -> {
                t.need(off, 4);
                String a = t.u8(off) + "." + t.u8(off + 1) + "." + t.u8(off + 2) + "." + t.u8(off + 3);
                return t.at(parent.field(name, f.title() + ": " + a, a), off, 4);
            }
            case "FT_IPv6" -> {
                String a = Text.ipv6(t.copy(off, 16));
                return t.at(parent.field(name, f.title() + ": " + a, a), off, 16);
            }
            default -> { }
        }
        return reg.integerItem(t, parent, f, off, len, (v, number) -> {
            String n = names == null ? null : names.apply(v);
            return n != null ? n + " (" + number + ")" : number;
        });
    }

    /** The value-string name of {@code v} in field {@code name}, or {@code fallback} (val_to_str_const). */
    String name(String name, long v, String fallback) {
        String n = reg.value(name, v);
        return n == null ? fallback : n;
    }
}

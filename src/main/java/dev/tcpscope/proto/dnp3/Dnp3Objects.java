package dev.tcpscope.proto.dnp3;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * The data objects of an application message as packet-dnp.c's dnp3_al_process_object
 * (Wireshark 4.0.17) walks them: the object's group and variation, the qualifier's prefix and
 * range codes, the range (start/stop, address or quantity) and the number of items it makes, then
 * for each point its prefix (index or object size) and, unless only headers are expected (a Read's
 * objects without size prefixes), its value: packed bits and double bits, flags with the
 * quality tree, counters, analog values, control blocks, times, file control objects, octet
 * strings, device attributes. An object this walk does not know ends the message's objects
 * ("Unknown Data Chunk").
 */
final class Dnp3Objects {
    private static final Registry REGISTRY = Dnp3App.REGISTRY;
    /** Points walked without moving forward at most (a zero-length octet string repeated 2^32 times). */
    private static final int MAX_STILL = 4096;
    private final Dnp3App app;
    private final Tvb t;

    Dnp3Objects(Dnp3App app) {
        this.app = app;
        this.t = app.t;
    }

    private int le16(int off) { return t.u8(off) | t.u8(off + 1) << 8; }

    private long le32(int off) { return (long) le16(off) | (long) le16(off + 2) << 16; }

    /** dnp3_al_process_iin. */
    void iin(Tree al, int off) {
        int v = t.u16(off);
        String[] bits = {"dnp3.al.iin.rst", "dnp3.al.iin.dt", "dnp3.al.iin.dol", "dnp3.al.iin.tsr", "dnp3.al.iin.cls3d",
            "dnp3.al.iin.cls2d", "dnp3.al.iin.cls1d", "dnp3.al.iin.bmsg", "dnp3.al.iin.cc", "dnp3.al.iin.oae",
            "dnp3.al.iin.ebo", "dnp3.al.iin.pioor", "dnp3.al.iin.obju", "dnp3.al.iin.fcni"};
        StringBuilder label = new StringBuilder("Internal Indications: ").append(String.format("0x%04x", v));
        for (String b : bits) {
            if ((v & REGISTRY.row(b).mask()) != 0) {
                label.append(", ").append(REGISTRY.row(b).title());
            }
        }
        Tree item = t.at(al.field("dnp3.al.iin", label.toString(), String.format("0x%04x", v)), off, 2);
        for (String b : bits) {
            flag(item, b, off, v, 16);
        }
        if ((v & 0x4000) != 0 || (v & 0x3f) != 0) {
            item.expert("dnp3.iin_abnormal", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "IIN Abnormality");
        }
    }

    private static String objName(int obj, String unknown) {
        String n = REGISTRY.value("dnp3.al.obj", obj);
        return n != null ? n : unknown;
    }

    static boolean emptyObject(int obj) {
        return switch (obj) {
            case 0x0100, 0x0200, 0x0b00, 0x0300, 0x0400, 0x1400, 0x1600, 0x1e00, 0x2000, 0x2200, 0x2a00,
                 0x3c01, 0x3c02, 0x3c03, 0x3c04 -> true;
            default -> false;
        };
    }

    /** One object; returns the offset after it and its group/variation in {@code type[0]}. */
    int object(Tree robj, int offset, boolean headerOnly, int[] type) {
        int orig = offset;
        int obj = t.u16(offset);
        type[0] = obj;
        int octLen = 0;
        int group = obj >> 8;
        if (group == 110 || group == 111) {
            octLen = obj & 0xff;
            obj &= 0xff00;
        }
        String base;
        Tree item;
        String hex = String.format("0x%04x", obj);
        if (group == 0) {
            String n = REGISTRY.value("dnp3.al.obj", obj);
            base = "Object(s): " + (n != null ? n : "Unknown group 0 Variation") + " (" + hex + ")";
            item = t.at(robj.field("dnp3.al.obj", base, hex), offset, 2);
            if (n == null) {
                item.expert("dnp3.unknown_group0_variation", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Unknown Group 0 Variation");
            }
        } else if (group == 110 || group == 111) {
            base = "Object(s): " + objName(obj, "Unknown Object\\Variation") + " (" + hex + "), Length: " + octLen;
            item = t.at(robj.field("dnp3.al.obj", base, hex), offset, 2);
        } else {
            String n = REGISTRY.value("dnp3.al.obj", obj);
            base = "Object(s): " + (n != null ? n : "Unknown Object\\Variation") + " (" + hex + ")";
            item = t.at(robj.field("dnp3.al.obj", base, hex), offset, 2);
            if (n == null) {
                item.expert("dnp3.unknown_object", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Unknown Object\\Variation");
            }
        }
        offset += 2;
        int q = t.u8(offset);
        int prefix = (q & 0x70) >> 4;
        int range = q & 0x0f;
        Tree qt = t.at(item.text("Qualifier Field, Prefix: " + named("dnp3.al.objq.prefix", prefix, "Unknown Prefix Type")
                + ", Range: " + named("dnp3.al.objq.range", range, "Unknown Range Type")), offset, 1);
        masked(qt, "dnp3.al.objq.prefix", offset, q, 8);
        masked(qt, "dnp3.al.objq.range", offset, q, 8);
        offset += 1;
        long numItems = 0;
        long ptaddr = 0;
        int rangeBytes = 0;
        Tree rt = t.at(item.text("Number of Items: "), offset, 0);
        if (range >= 3 && range <= 5) {
            rt.generated(); // before the address is read: one past the bytes leaves "[Number of Items: ]"
        }
        switch (range) {
            case 0 -> {
                numItems = t.u8(offset + 1) - t.u8(offset) + 1;
                rt.generated(); // after the count is read
                ptaddr = t.u8(offset);
                uint(rt, "dnp3.al.range.start", "Start (8 bit)", offset, 1, t.u8(offset));
                uint(rt, "dnp3.al.range.stop", "Stop (8 bit)", offset + 1, 1, t.u8(offset + 1));
                rangeBytes = 2;
            }
            case 1 -> {
                numItems = le16(offset + 2) - le16(offset) + 1;
                rt.generated(); // after the count is read
                ptaddr = le16(offset);
                uint(rt, "dnp3.al.range.start", "Start (16 bit)", offset, 2, le16(offset));
                uint(rt, "dnp3.al.range.stop", "Stop (16 bit)", offset + 2, 2, le16(offset + 2));
                rangeBytes = 4;
            }
            case 2 -> {
                numItems = (int) (le32(offset + 4) - le32(offset) + 1);
                rt.generated(); // after the count is read
                ptaddr = le32(offset);
                uint(rt, "dnp3.al.range.start", "Start (32 bit)", offset, 4, le32(offset));
                uint(rt, "dnp3.al.range.stop", "Stop (32 bit)", offset + 4, 4, le32(offset + 4));
                rangeBytes = 8;
            }
            case 3 -> {
                numItems = 1;
                ptaddr = t.u8(offset);
                uint(rt, "dnp3.al.range.abs", "Address (8 bit)", offset, 1, ptaddr);
                rangeBytes = 1;
            }
            case 4 -> {
                numItems = 1;
                ptaddr = le16(offset);
                uint(rt, "dnp3.al.range.abs", "Address (16 bit)", offset, 2, ptaddr);
                rangeBytes = 2;
            }
            case 5 -> {
                numItems = 1;
                ptaddr = le32(offset);
                uint(rt, "dnp3.al.range.abs", "Address (32 bit)", offset, 4, ptaddr);
                rangeBytes = 4;
            }
            case 7, 11 -> {
                numItems = t.u8(offset);
                uint(rt, "dnp3.al.range.quantity", "Quantity (8 bit)", offset, 1, numItems);
                rangeBytes = 1;
                rt.length(1);
            }
            case 8 -> {
                numItems = le16(offset);
                uint(rt, "dnp3.al.range.quantity", "Quantity (16 bit)", offset, 2, numItems);
                rangeBytes = 2;
                rt.length(2);
            }
            case 9 -> {
                numItems = (int) le32(offset);
                uint(rt, "dnp3.al.range.quantity", "Quantity (32 bit)", offset, 4, le32(offset));
                rangeBytes = 4;
                rt.length(4);
            }
            default -> { }
        }
        Label objItem = new Label(item, base);
        if (numItems > 0) {
            objItem.append(", " + numItems + (numItems == 1 ? " point" : " points"));
        }
        Label rangeItem = new Label(rt, "Number of Items: ");
        rangeItem.append(Long.toString(numItems));
        if (numItems < 0) {
            rangeItem.append(" (bogus)");
            rt.expert("dnp3.num_items_neg", Tree.Severity.ERROR, Tree.Group.MALFORMED, "Negative number of items");
            return t.cap;
        }
        offset += rangeBytes;
        if (!headerOnly || prefix > 0) {
            offset = new Dnp3Points(this, app, obj, prefix, octLen, objItem, rangeItem).walk(offset, numItems, headerOnly, ptaddr);
        }
        item.length(offset - orig);
        return offset;
    }

    /** An item whose label grows as the walk learns more (proto_item_append_text). */
    static final class Label {
        final Tree item;
        private final StringBuilder text;

        Label(Tree item, String text) {
            this.item = item;
            this.text = new StringBuilder(text);
        }

        void append(String more) {
            text.append(more);
            item.relabel(text.toString());
        }
    }

    private static String named(String field, int v, String unknown) {
        String n = REGISTRY.value(field, v);
        return n != null ? n : unknown;
    }

    void uint(Tree parent, String name, String title, int off, int len, long v) {
        Tree item = t.at(parent.field(name, title + ": " + v, Long.toString(v)), off, len);
        Registry.Row r = REGISTRY.row(name);
        if (r.bits() != len * 8 && len > 0 && len <= 4) {
            // a name registered again with another width (Start (16 bit)): -T json -x shows that one's type
            item.ftype((r.signed() ? 11 : 3) + (len == 4 ? 4 : len));
        }
    }

    /** A boolean bit of {@code v} ({@code width} bits wide), labelled with its true/false string. */
    void flag(Tree parent, String name, int off, int v, int width) {
        Registry.Row r = REGISTRY.row(name);
        boolean set = (v & r.mask()) != 0;
        t.at(parent.field(name, Text.bits(v, (int) r.mask(), width) + " = " + r.title() + ": " + REGISTRY.tfs(name, set),
                set ? "1" : "0"), off, width / 8).bitmask(r.mask());
    }

    /** An integer bitfield of {@code v}: "..00 0111 = Sequence: 7" or with its value's name. */
    void masked(Tree parent, String name, int off, int v, int width) {
        Registry.Row r = REGISTRY.row(name);
        int mask = (int) r.mask();
        int value = (v & mask) >>> Integer.numberOfTrailingZeros(mask);
        String n = REGISTRY.name(name, value);
        t.at(parent.field(name, Text.bits(v, mask, width) + " = " + r.title() + ": " + (n == null ? Integer.toString(value) : n + " (" + value + ")"),
                Integer.toString(value)), off, width / 8).bitmask(mask);
    }
}

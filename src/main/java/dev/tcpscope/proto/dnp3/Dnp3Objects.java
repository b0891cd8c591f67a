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
        Tree rt = t.at(item.text("Number of Items: "), offset, 0);
        if (range >= 3 && range <= 5) {
            rt.generated(); // before the address is read: one past the bytes leaves "[Number of Items: ]"
        }
        Range r = range(rt, range, offset);
        long numItems = r.numItems();
        long ptaddr = r.ptaddr();
        int rangeBytes = r.bytes();
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

    /*
     * object is cut in two (range): each label's string concatenation is a call site that C1
     * inlines whole, and the method in one piece took 22 MB to compile with C1, past the
     * launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The range field's count, first point address and size. */
    private record Range(long numItems, long ptaddr, int bytes) { }

    /** The range field at {@code offset}, its items under {@code rt}. */
    private Range range(Tree rt, int range, int offset) {
        return switch (range) {
            case 0 -> startStop(rt, offset, 1);
            case 1 -> startStop(rt, offset, 2);
            case 2 -> startStop(rt, offset, 4);
            case 3 -> address(rt, offset, 1);
            case 4 -> address(rt, offset, 2);
            case 5 -> address(rt, offset, 4);
            case 7, 11 -> quantity(rt, offset, 1);
            case 8 -> quantity(rt, offset, 2);
            case 9 -> quantity(rt, offset, 4);
            default -> new Range(0, 0, 0);
        };
    }

    /*
     * One item call site for the three widths: C1 inlines each uint call's string concatenation
     * whole, and nine of them in range took 15 MB to compile.
     */

    /** An unsigned little-endian value of {@code width} bytes (1, 2 or 4). */
    private long read(int off, int width) {
        return width == 1 ? t.u8(off) : width == 2 ? le16(off) : le32(off);
    }

    /** Ranges 0-2: start and stop indexes; the stop is read first, as the count is. */
    private Range startStop(Tree rt, int offset, int width) {
        long stop = read(offset + width, width);
        long start = read(offset, width);
        long numItems = width == 4 ? (int) (stop - start + 1) : stop - start + 1;
        rt.generated(); // after the count is read
        String bits = " (" + width * 8 + " bit)";
        uint(rt, "dnp3.al.range.start", "Start" + bits, offset, width, start);
        uint(rt, "dnp3.al.range.stop", "Stop" + bits, offset + width, width, stop);
        return new Range(numItems, start, 2 * width);
    }

    /** Ranges 3-5: one point's address. */
    private Range address(Tree rt, int offset, int width) {
        long ptaddr = read(offset, width);
        uint(rt, "dnp3.al.range.abs", "Address (" + width * 8 + " bit)", offset, width, ptaddr);
        return new Range(1, ptaddr, width);
    }

    /** Ranges 7-9 and 11: a quantity of points. */
    private Range quantity(Tree rt, int offset, int width) {
        long n = read(offset, width);
        uint(rt, "dnp3.al.range.quantity", "Quantity (" + width * 8 + " bit)", offset, width, n);
        rt.length(width);
        return new Range(width == 4 ? (int) n : n, 0, width);
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

package dev.tcpscope.proto.ptp;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * proto_tree_add_item for packet-ptp.c's fields: the value read big-endian as the field's type
 * says, masked and shifted by its bitmask, and labelled as proto.c labels it (the bit picture of
 * a masked field, the value string's name with the number in the field's base, "Unknown" for a
 * number without a name, a boolean's true/false string). The bytes are checked first, so an item
 * past the message ends the walk where Wireshark's item throws.
 */
final class Items {
    private Items() { }

    /** Adds field {@code name} over {@code len} bytes at {@code off} of {@code t} under {@code parent}. */
    static Tree add(Tvb t, Tree parent, String name, int off, int len) {
        dev.tcpscope.proto.Registry.Row f = PtpTables.field(name);
        switch (f.type()) {
            case "FT_BYTES" -> {
                if (len == -1) {
                    len = Math.max(0, t.rep - off);
                } else if (len < -1) {
                    throw Tvb.Stop.MALFORMED;
                }
                t.need(off, len);
                Tree item = parent.bytes(name, f.title(), t.s, t.base + off, len);
                if (len == 0) {
                    item.relabel(f.title() + ": <MISSING>"); // proto.c: an empty FT_BYTES without BASE_ALLOW_ZERO
                }
                return t.at(item, off, len);
            }
            case "FT_STRING" -> {
                return t.string(parent, name, f.title(), off, len);
            }
            default -> { }
        }
        t.need(off, len);
        long raw = 0;
        for (int k = 0; k < len; k++) {
            raw = raw << 8 | t.u8(off + k);
        }
        int bits = f.bits();
        long mask = f.mask();
        long v = raw;
        int shift = 0;
        if (mask != 0) {
            v = raw & mask;
            shift = Long.numberOfTrailingZeros(mask);
            v >>>= shift;
        }
        String prefix = mask != 0 ? PtpWalk.bits(raw, mask, bits) + " = " : "";
        if (f.type().equals("FT_BOOLEAN")) {
            boolean on = v != 0;
            Tree item = parent.field(name, prefix + f.title() + ": " + PtpTables.tfs(name, on), on ? "1" : "0");
            if (mask != 0) {
                item.bitmask(mask);
            }
            return t.at(item, off, len);
        }
        if (f.signed() && mask == 0) {
            int width = len * 8;
            v = v << (64 - width) >> (64 - width);
        }
        String number;
        String value;
        if (f.hex()) {
            int digits = mask != 0 ? Math.max(1, (64 - Long.numberOfLeadingZeros(mask >>> shift) + 3) / 4) : bits / 4;
            number = "0x" + hex(v, digits);
            value = "0x" + hex(v, bits / 4);
        } else {
            number = f.signed() ? Long.toString(v) : Long.toUnsignedString(v);
            value = number;
        }
        String shown = number + PtpTables.unit(name, v);
        if (f.base().equals("BASE_OUI")) {
            String org = dev.tcpscope.proto.EtherNames.oui((int) v);
            String colons = hex(v >> 16 & 0xff, 2) + ":" + hex(v >> 8 & 0xff, 2) + ":" + hex(v & 0xff, 2);
            shown = org == null ? colons : colons + " (" + org + ")";
        } else if (PtpTables.hasValues(name)) {
            String n = PtpTables.value(name, v);
            shown = (n == null ? "Unknown" : n) + " (" + number + ")";
        }
        Tree item = parent.field(name, prefix + f.title() + ": " + shown, value);
        if (mask != 0) {
            item.bitmask(mask);
        }
        return t.at(item, off, len);
    }

    private static String hex(long v, int digits) {
        String h = Long.toHexString(v);
        return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
    }
}

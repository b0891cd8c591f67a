package dev.tcpscope.proto.ptp;

import dev.tcpscope.proto.Registry;
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
        return PtpTables.REGISTRY.integerItem(t, parent, f, off, len, (v, number) -> {
            if (f.base().equals("BASE_OUI")) {
                String org = dev.tcpscope.proto.EtherNames.oui((int) v);
                String colons = Registry.hex(v >> 16 & 0xff, 2) + ":" + Registry.hex(v >> 8 & 0xff, 2) + ":" + Registry.hex(v & 0xff, 2);
                return org == null ? colons : colons + " (" + org + ")";
            }
            if (PtpTables.hasValues(name)) {
                String n = PtpTables.value(name, v);
                return (n == null ? "Unknown" : n) + " (" + number + ")";
            }
            return number + PtpTables.unit(name, v);
        });
    }
}

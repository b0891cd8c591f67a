package dev.tcpscope.proto.dhcp;

import dev.tcpscope.proto.EtherNames;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.dhcp.DhcpTables.Kind;
import dev.tcpscope.proto.dhcp.DhcpTables.Option;

/**
 * One DHCP/BOOTP message walked as packet-dhcp.c's {@code dissect_dhcp} walks it: the columns,
 * then the fixed header (RFC 951 / RFC 2131 §2), the magic cookie and the options (RFC 2132),
 * each option under an "Option: (N) name" item with its Length and the items of its value. The
 * same walk serves the columns (with {@link Tree#NOTHING}) and every tree, so they agree on where
 * a malformed message stops.
 *
 * <p>Bounded: every read goes through {@link Tvb}; each option consumes at least one byte, and
 * the option overload (52) walks sname and file once, without looking at an overload option
 * found there. Nothing is kept past the walk.
 */
final class DhcpWalk {
    static final long MAGIC = 0x63825363L;
    static final int SNAME = 44;
    static final int SNAME_LEN = 64;
    static final int FILE = 108;
    static final int FILE_LEN = 128;
    static final int VENDOR = 236;

    private final Tvb b;
    /**
     * Whether items are being added to a tree that tshark builds in full (-V, JSON, PDML): then, as
     * proto.c's test_length, adding an item that runs past the bytes throws; a tree of fields only
     * or no tree at all never checks.
     */
    private final boolean strict;
    private final boolean proxy;

    /** How many of dhcp's heuristic sub-dissectors took a value (each shows "dhcp" again in frame.protocols). */
    int heuristics;

    /** The columns the walk set. */
    String protocol = "BOOTP";
    final StringBuilder info = new StringBuilder(64);

    /** The first pass's findings ({@code dhcp_type}, {@code vendor_class_id}, {@code overload}). */
    private String dhcpType;
    private String vendorClass;
    private int overload;

    private Tree proto;
    private Label protoLabel;

    DhcpWalk(Tvb b, boolean strict, boolean proxy) {
        this.b = b;
        this.strict = strict;
        this.proxy = proxy;
    }

    private void need(int off, int len) {
        if (strict) {
            b.need(off, len);
        }
    }

    private boolean exists(int off, int len) {
        return off >= 0 && len >= 0 && (long) off + len <= b.cap;
    }

    /** Walks the message under {@code root}; throws {@link Tvb.Stop} where tshark's dissection stops. */
    void walk(Tree root) {
        info.setLength(0);
        int op = b.u8(0);
        int htype = b.u8(1);
        int hlen = b.u8(2);
        switch (op) {
            case 1 -> {
                if ((htype == 1 || htype == 6) && hlen == 6) {
                    long mac = mac(28);
                    info.append("Boot Request from ").append(EtherNames.plain(mac)).append(" (").append(EtherNames.name(mac)).append(')');
                } else {
                    info.append("Boot Request from ").append(hwAddr(28, hlen, htype));
                }
            }
            case 2 -> info.append("Boot Reply");
            default -> info.append("Unknown BOOTP message type (").append(op).append(')');
        }
        int voff = VENDOR;
        voff += exists(voff, 4) && b.u32(voff) == MAGIC ? 4 : 64;
        int eoff = b.rep;

        proto = b.at(root.protocol("dhcp", fixedLabel != null ? fixedLabel : "Dynamic Host Configuration Protocol"), 0, b.cap);
        protoLabel = new Label(proto, "Dynamic Host Configuration Protocol");

        boolean[] atEnd = {false};
        for (int o = voff; o < eoff && !atEnd[0]; ) {
            o += firstPass(o, eoff, atEnd);
        }
        if (dhcpType != null) {
            protocol = "DHCP";
            info.setLength(0);
            info.append(proxy ? "proxy" : "").append("DHCP ").append(pad8(dhcpType)).append(" - Transaction ID 0x")
                    .append(Long.toHexString(b.u32(4)));
        }
        header(proto, op, htype, hlen);

        voff = VENDOR;
        if (dhcpType == null) {
            b.at(proto.hidden("dhcp.bootp", "1"), 0, 0);
        }
        if (exists(voff, 4) && b.u32(voff) == MAGIC) {
            b.at(proto.field("dhcp.cookie", "Magic cookie: DHCP", "99.130.83.99"), voff, 4);
            voff += 4;
        } else {
            b.need(voff, 64);
            b.at(proto.bytes("dhcp.vendor_specific_options", "Bootp vendor specific options", b.s, b.base + voff, 64), voff, 64);
            voff += 64;
        }
        atEnd[0] = false;
        int[] ov = {overload};
        while (voff < eoff && !atEnd[0]) {
            voff += option(proto, protoLabel, voff, eoff, atEnd, ov);
        }
        if (dhcpType != null && !atEnd[0]) {
            proto.expert("dhcp.end_option_missing", Tree.Severity.ERROR, Tree.Group.PROTOCOL, "End option missing");
        }
        if (voff < eoff) {
            bytesItem(proto, "dhcp.option.padding", "Padding", voff, eoff - voff);
        }
    }

    /** "%-8s". */
    private static String pad8(String s) {
        return s.length() >= 8 ? s : s + " ".repeat(8 - s.length());
    }

    private long mac(int off) {
        b.need(off, 6);
        return (long) b.u16(off) << 32 | b.u32(off + 2);
    }

    /** tvb_arphrdaddr_to_str: an Ethernet-like type's 6 bytes as a MAC, else plain hex, "<No address>" for none. */
    String hwAddr(int off, int len, int type) {
        return hwAddr(b, off, len, type);
    }

    /** tvb_arphrdaddr_to_str over {@code t}. */
    static String hwAddr(Tvb t, int off, int len, int type) {
        if (len == 0) {
            return "<No address>";
        }
        if ((type == 1 || type == 6) && len == 6) {
            t.need(off, 6);
            return EtherNames.plain((long) t.u16(off) << 32 | t.u32(off + 2));
        }
        t.need(off, len);
        StringBuilder sb = new StringBuilder(len * 2);
        int n = Math.min(len, 36);
        for (int i = 0; i < n; i++) {
            int v = t.u8(off + i);
            sb.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
        }
        if (len > 36) {
            sb.append('\u2026');
        }
        return sb.toString();
    }

    /** dhcp_option's first pass: the options the second pass and the columns need (52, 53, 60). */
    private int firstPass(int voff, int eoff, boolean[] atEnd) {
        int code = b.u8(voff);
        if (code == 0) {
            int i = voff + 1;
            while (i < eoff && b.u8(i) == 0) {
                i++;
            }
            return i - voff;
        }
        if (code == 255) {
            atEnd[0] = true;
            return 1;
        }
        if (!exists(voff + 1, 1)) {
            return 1;
        }
        int optlen = b.u8(voff + 1);
        if (exists(voff + 2, optlen)) {
            switch (code) {
                case 52 -> overload = b.u8(voff + 2);
                case 53 -> dhcpType = messageType(b.u8(voff + 2));
                case 60 -> vendorClass = b.latin1(voff + 2, optlen);
                default -> { }
            }
        }
        return optlen + 2;
    }

    static String messageType(int t) {
        String n = DhcpTables.value("dhcp.option.dhcp", t);
        return n != null ? n : String.format("Unknown Message Type (0x%02x)", t);
    }

    // ---- the fixed header -----------------------------------------------------------------------

    private void header(Tree t, int op, int htype, int hlen) {
        String opName = op == 1 ? "Boot Request" : op == 2 ? "Boot Reply" : "Unknown";
        b.at(t.field("dhcp.type", "Message type: " + opName + " (" + op + ")", Integer.toString(op)), 0, 1);
        String hw = DhcpTables.value("dhcp.hw.type", htype);
        b.at(t.field("dhcp.hw.type", "Hardware type: " + (hw != null ? hw : "Unknown") + " (0x" + hex2(htype) + ")",
                "0x" + hex2(htype)), 1, 1);
        b.at(t.field("dhcp.hw.len", "Hardware address length: " + hlen, Integer.toString(hlen)), 2, 1);
        int hops = b.u8(3);
        b.at(t.field("dhcp.hops", "Hops: " + hops, Integer.toString(hops)), 3, 1);
        String id = String.format("0x%08x", b.u32(4));
        b.at(t.field("dhcp.id", "Transaction ID: " + id, id), 4, 4);
        b.need(8, 2);
        int le = b.u8(8) | b.u8(9) << 8;
        if (le > 0 && le <= 0xff) {
            b.at(t.field("dhcp.secs", "Seconds elapsed: " + le, Integer.toString(le)), 8, 2)
                    .expert("dhcp.secs_le", Tree.Severity.NOTE, Tree.Group.PROTOCOL, "Seconds elapsed appears to be encoded as little-endian");
        } else {
            int secs = b.u16(8);
            b.at(t.field("dhcp.secs", "Seconds elapsed: " + secs, Integer.toString(secs)), 8, 2);
        }
        flags(t);
        addresses(t, htype, hlen);
    }

    /*
     * header is cut in three (flags, addresses): each label's string concatenation is a call site
     * that C1 inlines whole, and the method in one piece took 12 MB to compile with C1, past the
     * launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The Bootp flags at 10. */
    private void flags(Tree t) {
        int flags = b.u16(10);
        boolean bc = (flags & 0x8000) != 0;
        String fh = String.format("0x%04x", flags);
        Tree f = b.at(t.field("dhcp.flags", "Bootp flags: " + fh + (bc ? ", Broadcast flag" : "") + " (" + (bc ? "Broadcast" : "Unicast") + ")", fh), 10, 2);
        b.at(f.field("dhcp.flags.bc", Text.bits(flags, 0x8000, 16) + " = Broadcast flag: " + (bc ? "Broadcast" : "Unicast"), bc ? "1" : "0"), 10, 2).bitmask(0x8000);
        String rs = String.format("0x%04x", flags & 0x7fff);
        b.at(f.field("dhcp.flags.reserved", Text.bits(flags, 0x7fff, 16) + " = Reserved flags: " + rs, rs), 10, 2).bitmask(0x7fff);
    }

    /** The IP addresses, the client's hardware address, the server name and the boot file. */
    private void addresses(Tree t, int htype, int hlen) {
        ipv4(t, "dhcp.ip.client", "Client IP address", 12);
        ipv4(t, "dhcp.ip.your", "Your (client) IP address", 16);
        ipv4(t, "dhcp.ip.server", "Next server IP address", 20);
        ipv4(t, "dhcp.ip.relay", "Relay agent IP address", 24);
        if (hlen > 0 && hlen <= 16) {
            if ((htype == 1 || htype == 6) && hlen == 6) {
                ether(t, "dhcp.hw.mac_addr", "Client MAC address", 28);
            } else {
                b.need(28, 16);
                String a = hwAddr(28, hlen, htype);
                b.at(t.field("dhcp.hw.addr", "Client hardware address: " + a, Text.hexColons(b.s, b.base + 28, 16)), 28, 16);
            }
            if (16 - hlen > 0) {
                bytesItem(t, "dhcp.hw.addr_padding", "Client hardware address padding", 28 + hlen, 16 - hlen);
            }
        } else {
            expertItem(t, "dhcp.client_address_not_given", Tree.Severity.NOTE, "Client address not given", 28, 16);
        }
        if ((overload & 2) != 0) {
            expertItem(t, "dhcp.server_name_overloaded_by_dhcp", Tree.Severity.NOTE, "Server name option overloaded by DHCP", SNAME, SNAME_LEN);
        } else if (b.u8(SNAME) != 0) {
            b.string(t, "dhcp.server", "Server host name", SNAME, SNAME_LEN);
        } else {
            need(SNAME, SNAME_LEN);
            b.at(t.field("dhcp.server", "Server host name not given", ""), SNAME, SNAME_LEN);
        }
        if ((overload & 1) != 0) {
            expertItem(t, "dhcp.boot_filename_overloaded_by_dhcp", Tree.Severity.NOTE, "Boot file name option overloaded by DHCP", FILE, FILE_LEN);
        } else if (b.u8(FILE) != 0) {
            b.string(t, "dhcp.file", "Boot file name", FILE, FILE_LEN);
        } else {
            need(FILE, FILE_LEN);
            b.at(t.field("dhcp.file", "Boot file name not given", ""), FILE, FILE_LEN);
        }
    }

    /** proto_tree_add_expert: a text item over the bytes with the expert item under it. */
    private void expertItem(Tree t, String key, Tree.Severity sev, String msg, int off, int len) {
        need(off, len);
        b.at(t.text(msg), off, len).expert(key, sev, Tree.Group.PROTOCOL, msg);
    }

    static String hex2(int v) {
        return String.format("%02x", v & 0xff);
    }

    private String ip(int off) {
        b.need(off, 4);
        return b.u8(off) + "." + b.u8(off + 1) + "." + b.u8(off + 2) + "." + b.u8(off + 3);
    }

    private Tree ipv4(Tree t, String key, String title, int off) {
        String a = ip(off);
        return b.at(t.field(key, title + ": " + a, a), off, 4);
    }

    private Tree ether(Tree t, String key, String title, int off) {
        long m = mac(off);
        String plain = EtherNames.plain(m);
        return b.at(t.field(key, title + ": " + EtherNames.name(m) + " (" + plain + ")", plain), off, 6);
    }

    /** An FT_BYTES item (proto_tree_add_item: past the bytes it throws); an empty one shows "&lt;MISSING&gt;". */
    private Tree bytesItem(Tree t, String key, String title, int off, int len) {
        if (len == 0) {
            need(off, 0);
            return b.at(empty(t, key, title, b, off), off, 0);
        }
        // proto_tree_add_item checks the length with or without a tree
        b.need(off, len);
        return b.at(t.bytes(key, title, b.s, b.base + off, len), off, len);
    }

    /** An empty FT_BYTES item: "Title: &lt;MISSING&gt;", and no bytes for -T fields (which then writes &lt;MISSING&gt;). */
    static Tree empty(Tree t, String key, String title, Tvb b, int off) {
        if (t instanceof dev.tcpscope.proto.Collected) {
            return t.bytes(key, title, b.s, b.base + Math.min(off, b.cap), 0);
        }
        return t.field(key, title + ": <MISSING>", "");
    }

    private Tree uint(Tree t, String key, String title, int off, int len, long v, String shown) {
        return b.at(t.field(key, title + ": " + shown, Long.toString(v)), off, len);
    }

    // ---- options --------------------------------------------------------------------------------

    /**
     * dhcp_option's second pass: one option at {@code voff} under {@code t}; returns the bytes it
     * takes. {@code ov} holds the overload value (an End shows as the overload's end while set).
     */
    private int option(Tree t, Label parent, int voff, int eoff, boolean[] atEnd, int[] ov) {
        int code = b.u8(voff);
        if (code == 0) {
            int i = voff + 1;
            while (i < eoff && b.u8(i) == 0) {
                i++;
            }
            i -= voff;
            need(voff, 1);
            Tree v = b.at(t.field("dhcp.option.type", "Option: (0) Padding", "0"), voff, 1);
            bytesItem(v, "dhcp.option.padding", "Padding", voff, i);
            return i;
        }
        if (code == 255) {
            Tree v = b.at(t.field("dhcp.option.type", "Option: (255) End", "0"), voff, 1);
            if (ov[0] != 0) {
                b.at(v.field("dhcp.option.end_overload", "Option End (Overload): 255", "255"), voff, 1);
            } else {
                b.at(v.field("dhcp.option.end", "Option End: 255", "255"), voff, 1);
            }
            atEnd[0] = true;
            return 1;
        }
        int optlen = b.u8(voff + 1);
        int consumed = optlen + 2;
        Option opt = DhcpTables.OPTIONS[code];
        // the option item is added whole even where it runs past the bytes; the value's subset throws
        Tree v = b.at(t.field("dhcp.option.type", "Option: (" + code + ") " + opt.name(), Integer.toString(code)), voff, consumed);
        Label label = new Label(v, "Option: (" + code + ") " + opt.name());
        b.at(v.field("dhcp.option.length", "Length: " + optlen, Integer.toString(optlen)), voff + 1, 1);
        int at = voff + 2;
        // the option's bytes as a subset tvb: past the reported length it is malformed at once
        if ((long) at + optlen > b.rep) {
            throw Tvb.Stop.MALFORMED;
        }
        int captured = (int) Math.max(0, Math.min(optlen, (long) b.cap - at));
        Tree value = bytesItem(v, "dhcp.option.value", "Value", at, optlen);
        // dissector_try_uint_new: the value item stays hidden when the option's dissector took it
        if (DhcpOptions.handled(opt, optlen, captured)) {
            value.hide();
        }
        new DhcpOptions(this, b, strict).value(opt, v, label, parent, at, optlen, ov);
        return consumed;
    }

    /** An option item whose label the value's dissector appends to. */
    static final class Label {
        final Tree item;
        String text;

        Label(Tree item, String text) {
            this.item = item;
            this.text = text;
        }

        void append(String s) {
            text += s;
            item.relabel(text);
        }
    }

    private String fixedLabel;

    /** Adds the protocol item with this label from the start (a tree that cannot relabel). */
    void protocolLabel(String label) {
        fixedLabel = label;
    }

    /** The protocol item's label as the walk left it. */
    String protocolLabel() {
        return protoLabel == null ? "Dynamic Host Configuration Protocol" : protoLabel.text;
    }

    String vendorClass() {
        return vendorClass;
    }

    String dhcpType() {
        return dhcpType;
    }

    /** The option overload's walk of sname or file (dissect_dhcpopt_option_overload). */
    void overloaded(Tree t, int from, int len, String title, String endMissingKey, String endMissing) {
        need(from, len);
        Tree sub = b.at(t.text(title), from, len);
        boolean[] atEnd = {false};
        int[] ignore = {0};
        int o = from;
        while (o < from + len && !atEnd[0]) {
            o += option(sub, new Label(sub, title), o, from + len, atEnd, ignore);
        }
        if (!atEnd[0]) {
            sub.expert(endMissingKey, Tree.Severity.ERROR, Tree.Group.PROTOCOL, endMissing);
        }
    }

    String ipAt(int off) {
        return ip(off);
    }

    Tree etherItem(Tree t, String key, String title, int off) {
        return ether(t, key, title, off);
    }

    Tree bytes(Tree t, String key, String title, int off, int len) {
        return bytesItem(t, key, title, off, len);
    }

    Tree uintItem(Tree t, String key, String title, int off, int len, long v, String shown) {
        return uint(t, key, title, off, len, v, shown);
    }
}

package dev.tcpscope.proto.bfd;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * One walk over a BFD packet as packet-bfd.c (Wireshark 4.0.17) reads it. A control packet's 24
 * fixed bytes (RFC 5880 §4.1) are all read before the Info column is written, so a shorter one
 * shows only the exception marker; the tree follows with the version, diagnostic, state, the
 * flags (version 0's H/D/P/F or version 1's P/F/C/A/D/M), detect multiplier, length,
 * discriminators and intervals, then the authentication section (§4.2-4.4) when version 1's A bit
 * is set and the Length byte says at least 28. Items whose length comes from the packet (the
 * protocol item, the authentication subtree, expert items) are cut at the captured end, as
 * proto.c cuts interior nodes; no loop here depends on the bytes.
 */
final class BfdWalk {
    /** packet-bfd.c's fields and value strings (scripts/gen-registry-tables.sh bfd bfd_echo@bfd). */
    static final Registry REGISTRY = Registry.load(BfdWalk.class, "bfd");
    static final Registry ECHO = Registry.loadNamed(BfdWalk.class, "bfd_echo");

    static final int AUTH_SIMPLE = 1;
    static final int AUTH_MD5 = 2;
    static final int AUTH_MET_MD5 = 3;
    static final int AUTH_SHA1 = 4;
    static final int AUTH_MET_SHA1 = 5;

    /**
     * Version 1's flags as packet-bfd.c registers them: six bits under the two state bits. P, F
     * and D share their names with version 0's eight-bit fields, which {@code tshark -G fields}
     * lists alone, so their rows are written here.
     */
    private static final Registry.Row[] V1_FLAGS = {
        new Registry.Row("bfd.flags.p", "Poll", "FT_BOOLEAN", "6", 0x20),
        new Registry.Row("bfd.flags.f", "Final", "FT_BOOLEAN", "6", 0x10),
        new Registry.Row("bfd.flags.c", "Control Plane Independent", "FT_BOOLEAN", "6", 0x08),
        new Registry.Row("bfd.flags.a", "Authentication Present", "FT_BOOLEAN", "6", 0x04),
        new Registry.Row("bfd.flags.d", "Demand", "FT_BOOLEAN", "6", 0x02),
        new Registry.Row("bfd.flags.m", "Multipoint", "FT_BOOLEAN", "6", 0x01)};
    private static final Registry.Row[] V0_FLAGS = {
        new Registry.Row("bfd.flags.h", "I hear you", "FT_BOOLEAN", "8", 0x80),
        new Registry.Row("bfd.flags.d", "Demand", "FT_BOOLEAN", "8", 0x40),
        new Registry.Row("bfd.flags.p", "Poll", "FT_BOOLEAN", "8", 0x20),
        new Registry.Row("bfd.flags.f", "Final", "FT_BOOLEAN", "8", 0x10)};

    private final Tvb t;
    private final boolean tree;
    /** The Info column once the fixed part is read; null before. */
    String info;

    BfdWalk(Tvb t, boolean tree) {
        this.t = t;
        this.tree = tree;
    }

    /** dissect_bfd_echo: the whole datagram as one bytes item. */
    void echo(Tree root) {
        int n = Math.max(t.rep, 0);
        Tree p = t.at(root.protocol("bfd_echo", "BFD Echo message"), 0, Math.min(n, t.cap));
        t.need(0, n);
        t.at(p.bytes("bfd_echo.packet", ECHO.row("bfd_echo.packet").title(), t.s, t.base, n), 0, n);
    }

    /** dissect_bfd_control. */
    void control(Tree root) {
        int b0 = t.u8(0);
        int version = b0 >> 5;
        int diag = b0 & 0x1f;
        int flags = t.u8(1);
        int sta = version == 0 ? 0 : flags & 0xc0;
        int shownFlags = version == 0 ? flags : flags & 0x3e;
        boolean auth = version != 0 && (flags & 0x04) != 0;
        int mult = t.u8(2);
        int length = t.u8(3);
        t.u32(4);
        t.u32(8);
        long tx = t.u32(12);
        t.u32(16);
        t.u32(20);
        String d = REGISTRY.value("bfd.diag", diag);
        if (version == 0) {
            d = diag <= 7 ? d : null;
            info = "Diag: " + (d == null ? "Unknown" : d) + ", Flags: 0x" + Registry.hex(shownFlags, 2);
        } else {
            String st = REGISTRY.value("bfd.sta", sta >> 6);
            info = "Diag: " + (d == null ? "Unknown" : d) + ", State: " + st + ", Flags: 0x" + Registry.hex(shownFlags, 2);
        }
        Tree bfd = Tree.NOTHING;
        if (tree) {
            bfd = t.at(root.protocol("bfd", "BFD Control message"), 0, interior(0, length));
            integer(bfd, "bfd.version", 0, 1, (s, n) -> n);
            integer(bfd, "bfd.diag", 0, 1, (v, n) -> named("bfd.diag", v, n));
            if (version != 0) {
                integer(bfd, "bfd.sta", 1, 1, (v, n) -> named("bfd.sta", v, n));
            }
            flags(bfd, flags, version == 0 ? V0_FLAGS : V1_FLAGS);
            Registry.Row r = REGISTRY.row("bfd.detect_time_multiplier");
            long detect = mult * (tx / 1000);
            t.at(bfd.field(r.name(), r.title() + ": " + mult + " (= " + detect + " ms Detection time)", Integer.toString(mult)), 2, 1);
            integer(bfd, "bfd.message_length", 3, 1, (v, n) -> n + REGISTRY.unit("bfd.message_length", v));
            integer(bfd, "bfd.my_discriminator", 4, 4, (v, n) -> n);
            integer(bfd, "bfd.your_discriminator", 8, 4, (v, n) -> n);
            interval(bfd, "bfd.desired_min_tx_interval", 12);
            interval(bfd, "bfd.required_min_rx_interval", 16);
            interval(bfd, "bfd.required_min_echo_interval", 20);
        }
        if (auth) {
            if (length >= 28) {
                authentication(bfd);
            } else {
                expert(bfd, "bfd.auth.no_data", "Authentication: Length of the BFD frame is invalid (" + length + ")", 24, length - 24);
            }
        }
    }

    /** dissect_bfd_authentication: the section after the 24 fixed bytes (RFC 5880 §4.2-4.4). */
    private void authentication(Tree bfd) {
        int type = t.u8(24);
        int len = t.u8(25);
        String typeName = REGISTRY.value("bfd.auth.type", type);
        String shown = typeName == null ? "Unknown Authentication Type (" + type + ")" : typeName;
        Tree auth = Tree.NOTHING;
        if (tree) {
            t.need(24, len); // a text item's bytes must exist (only the protocol item is cut short)
            auth = t.at(bfd.text("Authentication: " + shown), 24, len);
            integer(auth, "bfd.auth.type", 24, 1, (v, n) -> named("bfd.auth.type", v, n));
            integer(auth, "bfd.auth.len", 25, 1, (v, n) -> n + REGISTRY.unit("bfd.auth.len", v));
            integer(auth, "bfd.auth.key", 26, 1, (v, n) -> n);
        }
        switch (type) {
            case AUTH_SIMPLE -> {
                int n = len - 3;
                if (n == -1) {
                    n = Math.max(t.cap - 27, 0);
                    t.need(27, 0);
                }
                t.need(27, n); // the string is read with or without a tree
                if (tree) {
                    t.string(auth, "bfd.auth.password", REGISTRY.row("bfd.auth.password").title(), 27, n);
                }
            }
            case AUTH_MD5, AUTH_MET_MD5, AUTH_SHA1, AUTH_MET_SHA1 -> {
                boolean md5 = type == AUTH_MD5 || type == AUTH_MET_MD5;
                if (len != (md5 ? 24 : 28)) {
                    expert(auth, "bfd.auth.len.invalid",
                            "Length of authentication section (" + len + ") is invalid for Authentication Type: " + shown, 24, len);
                }
                if (tree) {
                    integer(auth, "bfd.auth.seq_num", 28, 4, (v, n) -> n);
                    int n = md5 ? 16 : 20;
                    t.need(32, n);
                    t.at(auth.bytes("bfd.checksum", REGISTRY.row("bfd.checksum").title(), t.s, t.base + 32, n), 32, n);
                }
            }
            default -> { }
        }
    }

    /**
     * proto_tree_add_bitmask_with_flags(BMT_NO_FALSE) on the flags byte: "Message Flags: 0x..",
     * then ", Name: Set" for each flag set, and one item per flag under it.
     */
    private void flags(Tree bfd, int flags, Registry.Row[] bits) {
        Registry.Row r = REGISTRY.row("bfd.flags");
        StringBuilder label = new StringBuilder(r.title()).append(": 0x").append(Registry.hex(flags, 2));
        for (Registry.Row b : bits) {
            if ((flags & b.mask()) != 0) {
                label.append(", ").append(b.title()).append(": ").append(REGISTRY.tfs(b.name(), true));
            }
        }
        Tree item = t.at(bfd.field(r.name(), label.toString(), "0x" + Registry.hex(flags, 2)), 1, 1);
        for (Registry.Row b : bits) {
            boolean on = (flags & b.mask()) != 0;
            String line = picture(flags, (int) b.mask(), b.bits()) + " = " + b.title() + ": " + REGISTRY.tfs(b.name(), on);
            t.at(item.field(b.name(), line, on ? "1" : "0").bitmask(b.mask()), 1, 1);
        }
    }

    /**
     * A boolean's bit picture over its {@code width} display bits as proto.c draws it: the bits
     * from the top, a space after every four counted from the left ("0... .." for six bits).
     */
    static String picture(int value, int mask, int width) {
        StringBuilder sb = new StringBuilder(width + width / 4);
        for (int k = 0; k < width; k++) {
            int i = width - 1 - k;
            if (k > 0 && k % 4 == 0) {
                sb.append(' ');
            }
            sb.append((mask >> i & 1) == 0 ? '.' : (value >> i & 1) == 0 ? '0' : '1');
        }
        return sb.toString();
    }

    /** proto_tree_add_uint_format_value(..., "%4u ms (%u us)"). */
    private void interval(Tree bfd, String name, int off) {
        long us = t.u32(off);
        String ms = Long.toString(us / 1000);
        Registry.Row r = REGISTRY.row(name);
        t.at(bfd.field(name, r.title() + ": " + " ".repeat(Math.max(4 - ms.length(), 0)) + ms + " ms (" + us + " us)",
                Long.toString(us)), off, 4);
    }

    private void integer(Tree parent, String name, int off, int len, Registry.Shown shown) {
        REGISTRY.integerItem(t, parent, REGISTRY.row(name), off, len, shown);
    }

    /** A value string's name and the number, "Unknown (n)" for a value it lacks. */
    private static String named(String field, long v, String number) {
        String n = REGISTRY.value(field, v);
        return (n == null ? "Unknown" : n) + " (" + number + ")";
    }

    /** proto_tree_add_expert_format: a text item with the message over the bytes, its expert info under it; the bytes are checked first. */
    private void expert(Tree parent, String key, String msg, int off, int len) {
        // the bytes must exist, with or without a tree: a negative length other than -1 ("to the
        // end") is past even the reported end, as tvb_ensure_bytes_exist takes it
        if (len == -1) {
            t.need(off, 0);
            len = t.cap - off; // -1: to the end of the captured bytes
        } else if (len < 0) {
            throw Tvb.Stop.MALFORMED;
        }
        t.need(off, len);
        t.at(parent.text(msg), off, len).expert(key, Tree.Severity.WARNING, Tree.Group.MALFORMED, msg);
    }

    /**
     * The length proto.c gives an interior item (FT_PROTOCOL, FT_NONE) of {@code len} bytes at
     * {@code off}: cut to what is captured after {@code off}, never an exception.
     */
    private int interior(int off, int len) {
        int left = Math.max(t.cap - off, 0);
        return len < 0 || len > left ? left : len;
    }
}

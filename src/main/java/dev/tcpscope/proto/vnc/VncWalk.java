package dev.tcpscope.proto.vnc;

import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * One call of packet-vnc.c's dissect_vnc (Wireshark 4.0.17) over a segment's bytes (or a
 * reassembled message): the "VNC" Protocol column and a cleared Info, the protocol item, then
 * either the handshake message the conversation's state expects (vnc_startup_messages: the
 * version greetings, security types, VNC / ARD / TightVNC / VeNCrypt authentication, the result,
 * ClientInit and ServerInit) or, once the handshake is over, one client message (the segment
 * went to the server's port) or the server messages that fill the bytes (RFC 6143 §7.5, §7.6).
 * The same walk writes the columns on the first pass ({@link Tree#NOTHING}) and builds the tree
 * afterwards from a copy of the state the first pass started from.
 *
 * <p>Every item checks its bytes as proto_tree_add_item does, with or without a tree; the parts
 * packet-vnc.c guards with {@code if (tree)} (the offered security types, the TightVNC vendor
 * names) are read only when the frames are dissected with a tree ({@link #withTree}).
 */
final class VncWalk {
    static final Registry REG = Registry.load(VncWalk.class, "vnc");
    /** VNC_PORT_RANGE, the "vnc.tcp.port" preference: a segment to one of these is the client's. */
    static boolean serverPortRange(int port) {
        return port == 5500 || port == 5501 || port == 5900 || port == 5901;
    }

    /** The columns the walk writes. */
    interface Cols {
        void protocol(String p);

        void set(String text);

        void appendSep(String sep, String text);

        Cols NONE = new Cols() {
            @Override public void protocol(String p) { }
            @Override public void set(String text) { }
            @Override public void appendSep(String sep, String text) { }
        };
    }

    /** 4.0's globals vnc_bytes_per_pixel and vnc_depth: the last ServerInit's or SetPixelFormat's, whatever the conversation. */
    static final class Pixel {
        int bpp, depth;

        Pixel copy() {
            Pixel p = new Pixel();
            p.bpp = bpp;
            p.depth = depth;
            return p;
        }
    }

    final Tvb t;
    final Conv c;
    final Pixel px;
    final Cols cols;
    final boolean withTree;
    final long frame;
    final int srcPort, dstPort;
    final boolean canDesegment;
    /** The answer: where more bytes are asked for (-1: none) and how many. */
    int desegOffset = -1, desegLength;
    /** The ZRLE data this call inflated, in order, null where it did not (tshark's "Uncompressed ZRLE data" sources). */
    final java.util.List<byte[]> inflated = new java.util.ArrayList<>(1);
    /**
     * When the tree is built again: the arrays the first pass inflated, taken in the same order,
     * so that the items lie in the very bytes listed as the frame's data sources.
     */
    java.util.Iterator<byte[]> again;
    /** How many bytes this call inflated so far ({@link VncRects#MAX_INFLATED_CALL}). */
    long inflatedBytes;

    VncWalk(Tvb t, Conv c, Pixel px, Cols cols, boolean withTree, long frame, int srcPort, int dstPort, boolean canDesegment) {
        this.t = t;
        this.c = c;
        this.px = px;
        this.cols = cols;
        this.withTree = withTree;
        this.frame = frame;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.canDesegment = canDesegment;
    }

    /** dissect_vnc: the items under {@code root}; how the walk ended. */
    LayerTree.End walk(Tree root) {
        cols.protocol("VNC");
        cols.set("");
        Tree vnc = t.at(root.protocol("vnc", "Virtual Network Computing"), 0, Math.max(0, t.cap));
        try {
            boolean startup = startup(vnc);
            // dissect_vnc stores the globals in the frame's data after the handshake message
            c.bpp = px.bpp;
            c.depth = px.depth;
            if (startup) {
                return LayerTree.End.OK;
            }
            if (c.securityType == 19) {
                // VeNCrypt: packet-vnc.c hands the bytes to TLS, not built here (docs/VNC.md)
                return LayerTree.End.OK;
            }
            if (serverPortRange(dstPort) || c.serverPort == dstPort) {
                new VncClient(this).message(vnc);
            } else {
                new VncServer(this).messages(vnc);
            }
            return LayerTree.End.OK;
        } catch (Tvb.Stop stop) {
            return stop.end();
        }
    }

    // ---- items ----------------------------------------------------------------------------

    /** What an integer item shows after its title: a value string's name and the number, or the number. */
    static String shown(String name, long v, String number) {
        String n = REG.name(name, v);
        if (v < 0 && "Unknown".equals(n)) {
            // tshark -G values lists a negative encoding as its 32-bit unsigned twin
            n = REG.name(name, v & 0xffffffffL);
        }
        return n == null ? number : n + " (" + number + ")";
    }

    /** proto_tree_add_item of integer or boolean field {@code name} over {@code len} bytes at {@code off}. */
    Tree uint(Tree parent, String name, int off, int len) {
        return uint(parent, name, off, len, "");
    }

    /** The same with {@code suffix} appended to the label (proto_item_append_text). */
    Tree uint(Tree parent, String name, int off, int len, String suffix) {
        if (parent == Tree.NOTHING) {
            t.need(off, len); // the first pass: the bounds check alone, no label
            return parent;
        }
        Registry.Row row = REG.row(name);
        if (row.hex() && row.mask() == 0 && len * 8 > row.bits()) {
            // an item wider than its field (MirrorLink's 4-byte FT_UINT16 pixel format): the label
            // shows every byte, the value only the field's width
            t.need(off, len);
            long v = 0;
            for (int k = 0; k < len; k++) {
                v = v << 8 | t.u8(off + k);
            }
            int digits = row.bits() / 4;
            String value = "0x" + Registry.hex(v & ((1L << row.bits()) - 1), digits);
            return t.at(parent.field(name, row.title() + ": " + shown(name, v, "0x" + Registry.hex(v, digits)) + suffix, value), off, len);
        }
        return REG.integerItem(t, parent, row, off, len, (v, num) -> shown(name, v, num) + suffix);
    }

    /** An FT_BYTES item; a length that does not fit a gint is a reported bounds error. */
    Tree bytes(Tree parent, String name, int off, long len) {
        int n = gint(len, off);
        t.need(off, n);
        if (parent == Tree.NOTHING) {
            return parent;
        }
        String title = REG.row(name).title();
        if (n == 0) {
            // an empty FT_BYTES item: "<MISSING>" in its label, no bytes for -T fields
            Tree e = parent instanceof dev.tcpscope.proto.Collected ? parent.bytes(name, title, t.s, t.base + Math.min(off, t.cap), 0)
                    : parent.field(name, title + ": <MISSING>", "");
            return t.at(e, off, 0);
        }
        return t.at(parent.bytes(name, REG.row(name).title(), t.s, t.base + off, n), off, n);
    }

    /** An FT_STRING item of ASCII bytes. */
    Tree string(Tree parent, String name, int off, long len) {
        int n = gint(len, off);
        if (parent == Tree.NOTHING) {
            t.need(off, n);
            return parent;
        }
        return t.string(parent, name, REG.row(name).title(), off, n);
    }

    /** An FT_NONE item (Padding). */
    Tree none(Tree parent, String name, int off, int len) {
        t.need(off, len);
        return t.at(parent.none(name, REG.row(name).title()), off, len);
    }

    /**
     * A subtree's text item over {@code len} bytes (proto_tree_add_subtree_format): with a tree,
     * bytes it covers past the end throw (SLRLE's scan line whose run count runs past them); without
     * one, nothing is added and nothing checked.
     */
    Tree text(Tree parent, String label, int off, int len) {
        if (withTree) {
            t.need(off, len);
        }
        return t.at(parent.text(label), off, Math.max(0, Math.min(len, t.cap - off)));
    }

    /** proto_tree_add_expert: a text item with the message, its expert info under it. */
    void expertItem(Tree parent, String key, Tree.Severity sev, Tree.Group group, String msg, int off, int len) {
        text(parent, msg, off, len).expert(key, sev, group, msg);
    }

    /** A length as proto.c takes it (a gint): -1 is "to the end", other negatives are past the bytes. */
    private int gint(long len, int off) {
        int n = (int) len;
        if (n == -1) {
            return Math.max(0, t.cap - off);
        }
        if (n < 0) {
            throw Tvb.Stop.MALFORMED;
        }
        return n;
    }

    /** tvb_reported_length_remaining at {@code off}. */
    int remaining(int off) {
        return Math.max(0, t.rep - off);
    }

    // ---- the handshake --------------------------------------------------------------------

    /** vnc_is_client_or_server_version_message: 12 bytes "RFB xxx.yyy\n" (or a NUL for the newline). */
    static boolean isVersion(Tvb t) {
        if (t.cap != 12) {
            return false;
        }
        String rfb = t.latin1(0, 4);
        if (!rfb.equalsIgnoreCase("RFB ") || t.u8(7) != '.') {
            return false;
        }
        return t.u8(11) == '\n' || t.u8(11) == 0;
    }

    private boolean version(Tree vnc) {
        if (!isVersion(t)) {
            return false;
        }
        if (t.u8(11) == 0 && withTree) {
            expertItem(vnc, "vnc.possible_gtk_vnc_bug", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                    "NULL found in greeting. client -> server greeting must be 12 bytes (possible gtk-vnc bug)", 12, 0);
        }
        return true;
    }

    /** tvb_format_text of the 7 version characters. */
    private String versionText() {
        t.need(4, 7);
        return dev.tcpscope.proto.Text.format(t.s, t.base + 4, 7);
    }

    /** g_ascii_strtod of the 7 version characters: the number they start with (0 when none). */
    private double versionNumber() {
        String s = t.latin1(4, 7);
        int end = 0;
        boolean dot = false;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || (s.charAt(end) == '.' && !dot))) {
            dot |= s.charAt(end) == '.';
            end++;
        }
        try {
            return end == 0 ? 0 : Double.parseDouble(s.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** vnc_startup_messages: true while the handshake goes on (nothing more is read from the bytes). */
    private boolean startup(Tree vnc) {
        if (c.frame != frame) {
            c.frame = frame;
            c.state = c.next;
        }
        switch (c.state) {
            case SERVER_VERSION -> {
                if (!version(vnc)) {
                    return true;
                }
                string(vnc, "vnc.server_proto_ver", 4, 7);
                c.serverVersion = versionNumber();
                c.serverPort = srcPort;
                cols.set("Server protocol version: " + versionText());
                c.next = Conv.State.CLIENT_VERSION;
            }
            case CLIENT_VERSION -> {
                if (!version(vnc)) {
                    return true;
                }
                string(vnc, "vnc.client_proto_ver", 4, 7);
                c.clientVersion = versionNumber();
                cols.set("Client protocol version: " + versionText());
                c.next = Conv.State.SECURITY;
            }
            case SECURITY -> security(vnc);
            case SECURITY_TYPES -> {
                uint(vnc, "vnc.client_security_type", 0, 1);
                c.securityType = t.u8(0);
                String name = REG.name("vnc.client_security_type", c.securityType);
                cols.set("Security type " + name + " (" + c.securityType + ") selected by client");
                switch (c.securityType) {
                    case 1 -> c.next = c.clientVersion >= 3.008 ? Conv.State.SECURITY_RESULT : Conv.State.CLIENT_INIT;
                    case 2 -> c.next = Conv.State.VNC_AUTHENTICATION_CHALLENGE;
                    case 16 -> {
                        c.next = Conv.State.TIGHT_TUNNELING_CAPABILITIES;
                        c.tight = true;
                    }
                    case 30 -> c.next = Conv.State.ARD_AUTHENTICATION_CHALLENGE;
                    case 19 -> c.next = Conv.State.VENCRYPT_SERVER_VERSION;
                    default -> { }
                }
            }
            case TIGHT_TUNNELING_CAPABILITIES -> {
                cols.set("TightVNC tunneling capabilities supported");
                uint(vnc, "vnc.num_tunnel_types", 0, 4);
                long n = t.u32(0);
                int off = 4;
                // each capability takes 16 bytes: the loop ends at the end of the bytes
                for (long i = 0; i < (int) n; i++) {
                    uint(vnc, "vnc.tunnel_type_code", off, 4);
                    string(vnc, "vnc.tunnel_type_vendor", off + 4, 4);
                    string(vnc, "vnc.tunnel_type_signature", off + 8, 8);
                    off += 16;
                }
                c.next = n == 0 ? Conv.State.TIGHT_AUTH_CAPABILITIES : Conv.State.TIGHT_TUNNEL_TYPE_REPLY;
            }
            case TIGHT_TUNNEL_TYPE_REPLY -> { }
            case TIGHT_AUTH_CAPABILITIES -> tightAuthCapabilities(vnc);
            case TIGHT_AUTH_TYPE_REPLY -> {
                cols.set("TightVNC authentication type selected by client");
                long code = t.u32(0);
                Tree item = uint(vnc, "vnc.tight_auth_code", 0, 4);
                if (code == 1 || code == 2) {
                    c.securityType = (int) code;
                    c.next = code == 1 ? Conv.State.CLIENT_INIT : Conv.State.VNC_AUTHENTICATION_CHALLENGE;
                } else if (code == 20 || code == 119 || code == 130) {
                    c.securityType = (int) code & 0xff;
                    c.next = Conv.State.TIGHT_UNKNOWN_PACKET3;
                } else {
                    item.expert("vnc.unknown_tight_vnc_auth", Tree.Severity.ERROR, Tree.Group.PROTOCOL, "Unknown TIGHT VNC authentication");
                    c.next = Conv.State.TIGHT_UNKNOWN_PACKET3;
                }
            }
            case TIGHT_UNKNOWN_PACKET3 -> {
                cols.set("Unknown packet (TightVNC)");
                expertItem(vnc, "vnc.unknown_tight_packet", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                        "Unknown packet (TightVNC)", 0, remaining(0));
                c.next = Conv.State.VNC_AUTHENTICATION_CHALLENGE;
            }
            case VNC_AUTHENTICATION_CHALLENGE -> {
                cols.set("Authentication challenge from server");
                bytes(vnc, "vnc.auth_challenge", 0, 16);
                c.next = Conv.State.VNC_AUTHENTICATION_RESPONSE;
            }
            case VNC_AUTHENTICATION_RESPONSE -> {
                cols.set("Authentication response from client");
                bytes(vnc, "vnc.auth_response", 0, 16);
                c.next = Conv.State.SECURITY_RESULT;
            }
            case ARD_AUTHENTICATION_CHALLENGE -> {
                cols.set("ARD authentication challenge");
                uint(vnc, "vnc.ard_auth_generator", 0, 2);
                uint(vnc, "vnc.ard_auth_key_len", 2, 2);
                int keyLen = t.u16(2);
                bytes(vnc, "vnc.ard_auth_modulus", 4, keyLen);
                bytes(vnc, "vnc.ard_auth_server_key", 4 + keyLen, keyLen);
                c.ardKeyLength = keyLen;
                c.next = Conv.State.ARD_AUTHENTICATION_RESPONSE;
            }
            case ARD_AUTHENTICATION_RESPONSE -> {
                cols.set("ARD authentication response");
                bytes(vnc, "vnc.ard_auth_credentials", 0, 128);
                bytes(vnc, "vnc.ard_auth_client_key", 128, c.ardKeyLength);
                c.next = Conv.State.SECURITY_RESULT;
            }
            case SECURITY_RESULT -> {
                cols.set("Authentication result");
                uint(vnc, "vnc.auth_result", 0, 4);
                long result = t.u32(0);
                if (result == 0) {
                    c.next = Conv.State.CLIENT_INIT;
                } else if (result == 1) {
                    if (c.clientVersion >= 3.008) {
                        long len = t.u32(4);
                        uint(vnc, "vnc.auth_error_len", 4, 4);
                        string(vnc, "vnc.auth_error", 8, len);
                    }
                    return true; // the connection closes: the state stays
                }
            }
            case VENCRYPT_SERVER_VERSION, VENCRYPT_CLIENT_VERSION -> {
                boolean server = c.state == Conv.State.VENCRYPT_SERVER_VERSION;
                String side = server ? "server" : "client";
                uint(vnc, "vnc.vencrypt_" + side + "_major_ver", 0, 1);
                int major = t.u8(0);
                uint(vnc, "vnc.vencrypt_" + side + "_minor_ver", 1, 1);
                int minor = t.u8(1);
                cols.set("VeNCrypt " + side + " version " + major + "." + minor);
                c.next = server ? Conv.State.VENCRYPT_CLIENT_VERSION : Conv.State.VENCRYPT_AUTH_CAPABILITIES;
            }
            case VENCRYPT_AUTH_CAPABILITIES -> {
                cols.set("VeNCrypt authentication types supported");
                uint(vnc, "vnc.vencrypt_version_ack", 0, 1);
                uint(vnc, "vnc.vencrypt_num_auth_types", 1, 1);
                int n = t.u8(1);
                for (int i = 0; i < n; i++) {
                    uint(vnc, "vnc.vencrypt_auth_type", 2 + 4 * i, 4);
                }
                c.next = Conv.State.VENCRYPT_AUTH_TYPE_REPLY;
            }
            case VENCRYPT_AUTH_TYPE_REPLY -> {
                long type = t.u32(0);
                String name = REG.name("vnc.vencrypt_auth_type", type);
                cols.set("VeNCrypt authentication type " + name + " (" + (int) type + ") selected by client");
                uint(vnc, "vnc.vencrypt_auth_type", 0, 4);
                if (type == 1) {
                    c.next = Conv.State.CLIENT_INIT;
                    c.securityType = 1;
                } else if (type == 2) {
                    c.next = Conv.State.VNC_AUTHENTICATION_CHALLENGE;
                    c.securityType = 2;
                } else {
                    c.next = Conv.State.VENCRYPT_AUTH_ACK;
                }
            }
            case VENCRYPT_AUTH_ACK -> {
                cols.set("VeNCrypt server ack");
                uint(vnc, "vnc.vencrypt_auth_type_ack", 0, 1);
                c.next = Conv.State.NORMAL_TRAFFIC;
            }
            case CLIENT_INIT -> {
                cols.set("Share desktop flag");
                uint(vnc, "vnc.share_desktop_flag", 0, 1);
                c.next = Conv.State.SERVER_INIT;
            }
            case SERVER_INIT -> serverInit(vnc);
            case TIGHT_INTERACTION_CAPS -> tightInteractionCaps(vnc);
            case NORMAL_TRAFFIC -> {
                return false;
            }
        }
        return true;
    }

    private void security(Tree vnc) {
        cols.set("Security types supported");
        if (c.clientVersion >= 3.007) {
            int n = t.u8(0);
            if (withTree) {
                uint(vnc, "vnc.num_security_types", 0, 1);
                for (int off = 1; off <= n; off++) {
                    uint(vnc, "vnc.security_type", off, 1);
                }
            }
            c.next = Conv.State.SECURITY_TYPES;
        } else {
            uint(vnc, "vnc.server_security_type", 0, 4);
            c.securityType = (int) (t.u32(0) & 0xff);
            switch (c.securityType) {
                case 0 -> c.next = Conv.State.SECURITY_TYPES;
                case 1 -> c.next = Conv.State.CLIENT_INIT;
                case 2 -> c.next = Conv.State.VNC_AUTHENTICATION_CHALLENGE;
                case 30 -> c.next = Conv.State.ARD_AUTHENTICATION_CHALLENGE;
                default -> { }
            }
        }
    }

    /** process_vendor: the 4-byte vendor with its known names (only with a tree). */
    private void vendor(Tree parent, String name, int off) {
        if (!withTree) {
            return;
        }
        Tree item = string(parent, name, off, 4);
        String v = t.latin1(off, 4);
        String known = v.equalsIgnoreCase("STDV") ? " (Standard VNC vendor)" : v.equalsIgnoreCase("TRDV") ? " (Tridia VNC vendor)"
                : v.equalsIgnoreCase("TGHT") ? " (Tight VNC vendor)" : null;
        if (known != null) {
            item.relabel(REG.row(name).title() + ": " + dev.tcpscope.proto.Text.ascii(t.s, t.base + off, 4) + known);
        }
    }

    private void tightAuthCapabilities(Tree vnc) {
        cols.set("TightVNC authentication capabilities supported");
        uint(vnc, "vnc.num_auth_types", 0, 4);
        long n = t.u32(0);
        long code = t.u32(4);
        Tree item = uint(vnc, "vnc.tight_auth_code", 4, 4);
        String vendor = t.latin1(8, 4);
        vendor(vnc, "vnc.server_vendor", 8);
        string(vnc, "vnc.signature", 12, 8);
        String sig = t.latin1(12, 8);
        String[] want = code == 1 ? new String[] {"STDV", "NOAUTH__"} : code == 2 ? new String[] {"STDV", "VNCAUTH_"}
                : code == 19 ? new String[] {"VENC", "VENCRYPT"} : code == 20 ? new String[] {"GTKV", "SASL____"}
                : code == 119 ? new String[] {"TGHT", "ULGNAUTH"} : code == 130 ? new String[] {"TGHT", "XTRNAUTH"} : null;
        if (want == null) {
            item.expert("vnc.unknown_tight_vnc_auth", Tree.Severity.ERROR, Tree.Group.PROTOCOL, "Unknown TIGHT VNC authentication");
        } else if (!cut(vendor).equalsIgnoreCase(want[0]) || !cut(sig).equalsIgnoreCase(want[1])) {
            item.expert("vnc.auth_code_mismatch", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                    "Authentication code does not match vendor or signature");
        }
        c.next = n == 0 ? Conv.State.CLIENT_INIT : Conv.State.TIGHT_AUTH_TYPE_REPLY;
    }

    /** A C string: up to its first NUL. */
    private static String cut(String s) {
        int z = s.indexOf('\0');
        return z < 0 ? s : s.substring(0, z);
    }

    private void serverInit(Tree vnc) {
        cols.set("Server framebuffer parameters");
        uint(vnc, "vnc.width", 0, 2);
        uint(vnc, "vnc.height", 2, 2);
        uint(vnc, "vnc.server_bits_per_pixel", 4, 1);
        px.bpp = t.u8(4) / 8;
        c.bpp = px.bpp;
        uint(vnc, "vnc.server_depth", 5, 1);
        uint(vnc, "vnc.server_big_endian_flag", 6, 1);
        uint(vnc, "vnc.server_true_color_flag", 7, 1);
        uint(vnc, "vnc.server_red_max", 8, 2);
        uint(vnc, "vnc.server_green_max", 10, 2);
        uint(vnc, "vnc.server_blue_max", 12, 2);
        uint(vnc, "vnc.server_red_shift", 14, 1);
        uint(vnc, "vnc.server_green_shift", 15, 1);
        uint(vnc, "vnc.server_blue_shift", 16, 1);
        none(vnc, "vnc.padding", 17, 3);
        if (remaining(20) > 4) {
            uint(vnc, "vnc.desktop_name_len", 20, 4);
            long len = t.u32(20);
            string(vnc, "vnc.desktop_name", 24, len);
        }
        c.next = c.tight ? Conv.State.TIGHT_INTERACTION_CAPS : Conv.State.NORMAL_TRAFFIC;
    }

    private void tightInteractionCaps(Tree vnc) {
        cols.set("TightVNC Interaction Capabilities");
        uint(vnc, "vnc.num_server_message_types", 0, 2);
        c.serverMessageTypes = t.u16(0);
        uint(vnc, "vnc.num_client_message_types", 2, 2);
        c.clientMessageTypes = t.u16(2);
        uint(vnc, "vnc.num_encoding_types", 4, 2);
        c.encodingTypes = t.u16(4);
        none(vnc, "vnc.padding", 6, 2);
        int off = capabilities(vnc, "vnc.tight_server_message_type", "vnc.server_vendor", "vnc.server_name", 8, c.serverMessageTypes);
        off = capabilities(vnc, "vnc.tight_client_message_type", "vnc.client_vendor", "vnc.client_name", off, c.clientMessageTypes);
        capabilities(vnc, "vnc.encoding_type", "vnc.encoding_vendor", "vnc.encoding_name", off, c.encodingTypes);
        c.next = Conv.State.NORMAL_TRAFFIC;
    }

    /** process_tight_capabilities: {@code n} (at most 65535) 16-byte records; the bytes end the loop first. */
    private int capabilities(Tree vnc, String type, String vendor, String name, int off, int n) {
        for (int i = 0; i < n; i++) {
            uint(vnc, type, off, 4);
            vendor(vnc, vendor, off + 4);
            string(vnc, name, off + 8, 8);
            off += 16;
        }
        return off;
    }
}

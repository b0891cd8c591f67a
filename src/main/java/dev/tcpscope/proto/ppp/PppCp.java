package dev.tcpscope.proto.ppp;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.util.HexFormat;

/**
 * PPP's control and authentication protocols as packet-ppp.c shows them in Wireshark 4.0.17:
 * LCP (RFC 1661), IPCP (RFC 1332, 1877), IPV6CP (RFC 5072) through its dissect_cp (code,
 * identifier, length, then per code the options, the magic number and data, the rejected code or
 * protocol), and PAP (RFC 1334). Each configuration option is a protocol of its own in 4.0
 * ("registered in name only", an FT_BYTES item over the option's bytes with Type and Length under
 * it); an option of a type the table here lacks is an "Unknown (0xNN) (N bytes)" text item.
 * One walk makes the columns, the tree and the fields.
 */
public final class PppCp {
    private PppCp() { }

    public static final int LCP = 0xc021;
    public static final int IPCP = 0x8021;
    public static final int IPV6CP = 0x8057;
    public static final int PAP = 0xc023;
    public static final int CHAP = 0xc223;

    static final Registry LCP_R = Registry.loadNamed(PppCp.class, "lcp");
    static final Registry IPCP_R = Registry.loadNamed(PppCp.class, "ipcp");
    static final Registry IPV6CP_R = Registry.loadNamed(PppCp.class, "ipv6cp");
    static final Registry PAP_R = Registry.loadNamed(PppCp.class, "pap");
    static final Registry CHAP_R = Registry.loadNamed(PppCp.class, "chap");

    private static final String[] LCP_CODES = {null, "Configuration Request", "Configuration Ack",
        "Configuration Nak", "Configuration Reject", "Termination Request", "Termination Ack", "Code Reject",
        "Protocol Reject", "Echo Request", "Echo Reply", "Discard Request", "Identification", "Time Remaining"};

    /** Whether a walk here takes PPP protocol {@code proto}. */
    public static boolean takes(int proto) {
        return proto == LCP || proto == IPCP || proto == IPV6CP || proto == PAP || proto == CHAP;
    }

    /** The filter name of protocol {@code proto} (one {@link #takes} takes). */
    public static String key(int proto) {
        return switch (proto) {
            case LCP -> "lcp";
            case IPCP -> "ipcp";
            case IPV6CP -> "ipv6cp";
            case CHAP -> "chap";
            default -> "pap";
        };
    }

    /**
     * Whether the walk of {@code t} (after the protocol field) ends in a data item: a control
     * protocol's Protocol-Reject carrying the rejected packet, which no dissector here takes.
     */
    public static boolean endsInData(Tvb t, int proto) {
        return proto != PAP && proto != CHAP && t.cap >= 4 && t.u8(0) == 8 && t.u16(2) - 4 > 2;
    }

    /**
     * The control protocol PPP layer {@code i} of {@code x} carries, when it is the last layer and
     * a walk here takes it, else -1.
     */
    public static int carried(dev.tcpscope.wire.Dissection x, int i) {
        int w = dev.tcpscope.wire.Ppp.headerLength(x, i);
        if (i != x.count() - 1 || w < 0) {
            return -1;
        }
        int proto = dev.tcpscope.wire.Ppp.protocol(x.segment(i), x.offset(i)
                + dev.tcpscope.wire.Ppp.addressControl(x.segment(i), x.offset(i), dev.tcpscope.wire.Ppp.hdlc(x, i)));
        return takes(proto) ? proto : -1;
    }

    /** The names frame.protocols gains after "ppp" for layer {@code i}: the control protocol's, then "data" when it ends in data. */
    public static void names(dev.tcpscope.wire.Dissection x, int i, java.util.function.Consumer<String> add) {
        int proto = carried(x, i);
        if (proto < 0) {
            return;
        }
        add.accept(key(proto));
        int w = dev.tcpscope.wire.Ppp.headerLength(x, i);
        if (endsInData(new Tvb(x.segment(i), x.offset(i) + w, x.captured(i) - w, x.reported(i) - w), proto)) {
            add.accept("data");
        }
    }

    /** The bytes after the PPP protocol field, {@code t}, as protocol {@code proto}'s packet. */
    static void walk(Tvb t, int proto, Tree root, StringBuilder protocol, StringBuilder info) {
        switch (proto) {
            case LCP -> cp(t, Kind.LCP, root, protocol, info);
            case IPCP -> cp(t, Kind.IPCP, root, protocol, info);
            case IPV6CP -> cp(t, Kind.IPV6CP, root, protocol, info);
            case CHAP -> chap(t, root, protocol, info);
            default -> pap(t, root, protocol, info);
        }
    }

    private enum Kind {
        LCP("lcp", "PPP LCP", "PPP Link Control Protocol", 13),
        IPCP("ipcp", "PPP IPCP", "PPP IP Control Protocol", 7),
        IPV6CP("ipv6cp", "PPP IPV6CP", "PPP IPv6 Control Protocol", 7),
        /** IPCP's IPHC suboptions (RFC 2509, 3544) and ROHC suboptions (RFC 3241), options only. */
        IPHC("ipcp.opt.iphc", "", "", 0),
        ROHC("ipcp.opt.rohc", "", "", 0);

        final String key;
        final String shortName;
        final String title;
        final int lastCode;

        Kind(String key, String shortName, String title, int lastCode) {
            this.key = key;
            this.shortName = shortName;
            this.title = title;
            this.lastCode = lastCode;
        }

        String code(int c) {
            return c >= 1 && c <= lastCode ? LCP_CODES[c] : "Unknown";
        }
    }

    /** packet-ppp.c's dissect_cp. */
    private static void cp(Tvb t, Kind k, Tree root, StringBuilder protocol, StringBuilder info) {
        int code = t.u8(0);
        int length = t.u16(2);
        protocol.setLength(0);
        protocol.append(k.shortName);
        info.setLength(0);
        info.append(k.code(code));
        Tree p = t.at(root.protocol(k.key, k.title), 0, Math.min(length, t.cap));
        t.at(p.field("ppp.code", "Code: " + k.code(code) + " (" + code + ")", Integer.toString(code)), 0, 1);
        int id = t.u8(1);
        t.at(p.field("ppp.identifier", "Identifier: " + id + " (0x" + Registry.hex(id, 2) + ")", Integer.toString(id)), 1, 1);
        t.at(p.field("ppp.length", "Length: " + length, Integer.toString(length)), 2, 2);
        int off = 4;
        int len = length - 4;
        switch (code) {
            case 1, 2, 3, 4 -> {
                if (len > 0) {
                    t.need(off, len);
                    Tree opts = t.at(p.text("Options: (" + len + " byte" + (len == 1 ? "" : "s") + ")"), off, len);
                    options(t, k, off, len, opts, "Options");
                }
            }
            case 7 -> {
                if (len > 0) {
                    t.need(off, len);
                    String hex = HexFormat.of().formatHex(t.copy(off, len));
                    t.at(p.bytes("ppp.data", "Data", t.s, t.base + off, len), off, len)
                            .relabel("Rejected Packet (" + len + " byte" + (len == 1 ? "" : "s") + "): " + hex);
                }
            }
            case 8, 9, 10, 11, 12, 13 -> {
                // dissect_cp reads these codes alike for every protocol (IPCP's Info calls them "Unknown")
                if (code == 8) {
                    int rej = t.u16(off);
                    t.at(p.field("lcp.rej_proto", "Rejected Protocol: " + LCP_R.name("lcp.rej_proto", rej) + " (0x"
                            + Registry.hex(rej, 4) + ")", "0x" + Registry.hex(rej, 4)), off, 2);
                    if (len > 2) {
                        // the rejected packet goes to its protocol's dissector; the ones built here
                        // are not called again (docs/PPP.md), the others are disabled: data
                        if (off + len > t.rep) {
                            throw Tvb.Stop.MALFORMED;
                        }
                        dev.tcpscope.proto.Items.data(p, t.s, t.base + off + 2, Math.max(0, Math.min(len - 2, t.cap - off - 2)), x -> { });
                    }
                } else {
                    long magic = t.u32(off);
                    t.at(p.field("lcp.magic_number", "Magic Number: 0x" + Registry.hex(magic, 8), "0x" + Registry.hex(magic, 8)), off, 4);
                    if (code == 13) {
                        long secs = t.u32(off + 4);
                        t.at(p.field("lcp.secs_remaining", "Seconds Remaining: " + secs + " "
                                + (secs == 0xffffffffL ? "(forever)" : "seconds"), Long.toString(secs)), off + 4, 4);
                        if (len > 8) {
                            t.string(p, "lcp.message", "Message", off + 8, len - 8);
                        }
                    } else if (len > 4) {
                        if (code == 12) {
                            t.string(p, "lcp.message", "Message", off + 4, len - 4);
                        } else {
                            t.need(off + 4, len - 4);
                            t.at(p.bytes("lcp.data", "Data", t.s, t.base + off + 4, len - 4), off + 4, len - 4);
                        }
                    }
                }
            }
            default -> data(t, p, off, len);
        }
    }

    private static void data(Tvb t, Tree p, int off, int len) {
        if (len > 0) {
            t.need(off, len);
            t.at(p.bytes("ppp.data", "Data", t.s, t.base + off, len), off, len);
        }
    }

    /** packet-ppp.c's ppp_dissect_options over {@code len} bytes at {@code off}; every loop step moves on at least 2 bytes. */
    private static void options(Tvb t, Kind k, int off, int len, Tree opts, String title) {
        StringBuilder names = new StringBuilder();
        int left = len;
        try {
            while (left > 0) {
                int type = t.u8(off);
                String name = optionName(k, type);
                String shown = name != null ? name : "Unknown (0x" + Registry.hex(type, 2) + ")";
                left--;
                if (left == 0) {
                    invalid(t, opts, off, 1, shown + " (length byte past end of options)");
                    return;
                }
                int optlen = t.u8(off + 1);
                left--;
                if (optlen < 2) {
                    invalid(t, opts, off, 2, shown + " (with too-short option length = " + optlen + " byte" + (optlen == 1 ? "" : "s") + ")");
                    return;
                } else if (optlen - 2 > left) {
                    invalid(t, opts, off, left, shown + " (option length = " + optlen + " bytes says option goes past end of options)");
                    return;
                }
                if (name == null) {
                    t.at(opts.text(shown + " (" + optlen + " byte" + (optlen == 1 ? "" : "s") + ")"), off, optlen);
                } else {
                    option(new Tvb(t.s, t.base + off, Math.max(0, Math.min(optlen, t.cap - off)), optlen), k, type, name, opts);
                    names.append(", ").append(name);
                }
                off += optlen;
                left -= optlen - 2;
            }
        } finally {
            // proto_item_append_text stops at the label's 240-byte buffer (239 characters and the NUL)
            String label = title + ": (" + len + " byte" + (len == 1 ? "" : "s") + ")" + names;
            opts.relabel(label.length() > 239 ? label.substring(0, 239) : label);
        }
    }

    private static void invalid(Tvb t, Tree parent, int off, int len, String message) {
        t.at(parent.text(message), off, len).expert("ppp.opt.len.invalid", Tree.Severity.WARNING, Tree.Group.PROTOCOL, message);
    }

    /** The option dissectors built here: their protocols' names, else null. */
    private static String optionName(Kind k, int type) {
        return switch (k) {
            case LCP -> switch (type) {
                case 1 -> "Maximum Receive Unit";
                case 2 -> "Async Control Character Map";
                case 3 -> "Authentication Protocol";
                case 4 -> "Quality Protocol";
                case 5 -> "Magic Number";
                case 6 -> "Link Quality Monitoring";
                case 7 -> "Protocol Field Compression";
                case 8 -> "Address and Control Field Compression";
                case 9 -> "FCS Alternatives";
                case 10 -> "Self Describing Pad";
                case 11 -> "Numbered Mode";
                case 13 -> "Callback";
                case 15 -> "Compound Frames (Deprecated)";
                case 16 -> "Nominal Data Encapsulation (Deprecated)";
                case 17 -> "Multilink MRRU";
                case 18 -> "Multilink Short Sequence Number Header";
                case 19 -> "Multilink Endpoint Discriminator";
                case 21 -> "DCE Identifier";
                case 22 -> "Multi Link Plus Procedure";
                case 23 -> "Link Discriminator for BACP";
                case 29 -> "Simple Data Link on SONET/SDH";
                default -> null;
            };
            case IPCP -> switch (type) {
                case 2 -> "IP Compression Protocol";
                case 3 -> "IP Address";
                case 4 -> "Mobile Node's Home IP Address";
                case 129 -> "Primary DNS Server IP Address";
                case 130 -> "Primary NBNS Server IP Address";
                case 131 -> "Secondary DNS Server IP Address";
                case 132 -> "Secondary NBNS Server IP Address";
                default -> null;
            };
            case IPV6CP -> type == 1 ? "Interface Identifier" : null;
            case IPHC -> switch (type) {
                case 1 -> "RTP compression (RFC2508)";
                case 2 -> "Enhanced RTP compression (RFC3545)";
                case 3 -> "Negotiating header compression (RFC3545)";
                default -> null;
            };
            case ROHC -> type == 1 ? "Profiles (RFC3241)" : null;
        };
    }

    /** The option's protocol name (its filter name, what JSON calls its item). */
    private static String optionKey(Kind k, int type) {
        return switch (k) {
            case LCP -> switch (type) {
                case 1 -> "lcp.opt.mtu_bytes";
                case 2 -> "lcp.opt.asyncmap_bytes";
                case 6 -> "lcp.opt.linkqualmon";
                case 3 -> "lcp.opt.auth_protocol_bytes";
                case 4 -> "lcp.opt.quality_protocol_bytes";
                case 5 -> "lcp.opt.magic_number_bytes";
                case 7 -> "lcp.opt.field_compress";
                case 9 -> "lcp.opt.fcs_alternatives_bytes";
                case 10 -> "lcp.opt.self_desc_pad";
                case 11 -> "lcp.opt.numbered_mode";
                case 13 -> "lcp.opt.callback";
                case 15 -> "lcp.opt.compound_frames";
                case 16 -> "lcp.opt.nomdataencap";
                case 17 -> "lcp.opt.multilink_mrru";
                case 18 -> "lcp.opt.multilink_ssnh";
                case 19 -> "lcp.opt.multilink_ep_disc";
                case 21 -> "lcp.opt.dce_identifier";
                case 22 -> "lcp.opt.multilink_pp";
                case 23 -> "lcp.opt.link_discrim_bytes";
                case 29 -> "lcp.opt.sonet_sdh";
                default -> "lcp.opt.addr_field_compress";
            };
            case IPCP -> switch (type) {
                case 2 -> "ipcp.opt.compress";
                case 3 -> "ipcp.opt.addr";
                case 4 -> "ipcp.opt.mobileipv4";
                case 129 -> "ipcp.opt.pri_dns";
                case 130 -> "ipcp.opt.pri_nbns";
                case 131 -> "ipcp.opt.sec_dns";
                default -> "ipcp.opt.sec_nbns";
            };
            case IPV6CP -> "ipv6cp.opt.interface_identifier";
            case IPHC -> switch (type) {
                case 1 -> "ipcp.opt.iphc.rtp_compress";
                case 2 -> "ipcp.opt.iphc.enhanced_rtp_compress";
                default -> "ipcp.opt.iphc.neghdrcomp";
            };
            case ROHC -> "ipcp.opt.rohc.profile_bytes";
        };
    }

    /** One option in {@code o} (its own bytes, type and length first). */
    private static void option(Tvb o, Kind k, int type, String name, Tree opts) {
        int len = o.rep;
        String key = optionKey(k, type);
        String pre = k == Kind.IPHC || k == Kind.ROHC ? k.key + "." : k.key + ".opt.";
        int fixed = switch (k) {
            case LCP -> switch (type) { // negative: at least
                case 1, 17, 22, 23 -> 4;
                case 2, 5, 6 -> 6;
                case 7, 8, 15, 16, 18, 29 -> 2;
                case 9, 10, 21 -> 3;
                case 11, 13, 19 -> -3;
                default -> -4;
            };
            case IPCP -> type == 2 ? -2 : 6;
            case IPV6CP -> 10;
            case IPHC -> type == 3 ? 3 : 2;
            case ROHC -> -2;
        };
        if (fixed > 0 ? len != fixed : len < -fixed) {
            String msg = name + " (with option length = " + len + " byte" + (len == 1 ? "" : "s") + "; should be "
                    + (fixed > 0 ? "" : "at least ") + Math.abs(fixed) + ")";
            if (fixed < 0 && k == Kind.LCP) { // dissect_lcp_var_opt names the vendor option whatever the option
                msg = "Vendor Specific (with option length = " + len + " byte" + (len == 1 ? "" : "s") + "; should be at least 6)";
            }
            o.at(opts.text(msg), 0, len).expert("ppp.opt.len.invalid", Tree.Severity.WARNING, Tree.Group.PROTOCOL, msg);
            return;
        }
        int span = fixed > 0 ? fixed : len;
        o.need(0, span);
        Tree item = o.at(opts.bytes(key, name, o.s, o.base, span), 0, span).relabel(name);
        o.at(item.field(pre + "type", "Type: " + name + " (" + type + ")", Integer.toString(type)), 0, 1);
        int ol = o.u8(1);
        o.at(item.field(pre + "length", "Length: " + ol, Integer.toString(ol)), 1, 1);
        switch (k) {
            case LCP -> {
                switch (type) {
                    case 1 -> {
                        int mru = o.u16(2);
                        o.at(item.field("lcp.opt.mru", "Maximum Receive Unit: " + mru, Integer.toString(mru)), 2, 2);
                        item.relabel(name + ": " + mru);
                    }
                    case 3, 4 -> {
                        String field = type == 3 ? "lcp.opt.auth_protocol" : "lcp.opt.quality_protocol";
                        int p = o.u16(2);
                        String pn = LCP_R.name(field, p);
                        o.at(item.field(field, name + ": " + pn + " (0x" + Registry.hex(p, 4) + ")", "0x" + Registry.hex(p, 4)), 2, 2);
                        item.relabel(name + ": " + pn + " (0x" + Registry.hex(p, 2) + ")");
                        if (len > 4) {
                            if (type == 4) {
                                // packet-ppp.c 4.0 asks for length + 4 bytes of data here, past the option's end
                                o.need(4, len + 4);
                            } else if (p == 0xc223) {
                                int alg = o.u8(4);
                                o.at(item.field("lcp.opt.algorithm", "Algorithm: " + LCP_R.name("lcp.opt.algorithm", alg)
                                        + " (" + alg + ")", Integer.toString(alg)), 4, 1);
                                if (len > 5) {
                                    o.at(item.bytes("lcp.opt.data", "Data", o.s, o.base + 5, len - 5), 5, len - 5);
                                }
                            } else {
                                o.need(4, len - 4);
                                o.at(item.bytes("lcp.opt.data", "Data", o.s, o.base + 4, len - 4), 4, len - 4);
                            }
                        }
                    }
                    case 2 -> asyncMap(o, item, name);
                    case 9 -> {
                        int v = o.u8(2);
                        String h = "0x" + Registry.hex(v, 2);
                        StringBuilder header = new StringBuilder("FCS Alternatives: ").append(h);
                        String[] keys = {"lcp.opt.fcs_alternatives.ccitt32", "lcp.opt.fcs_alternatives.ccitt16", "lcp.opt.fcs_alternatives.null"};
                        for (String fk : keys) {
                            if ((v & LCP_R.row(fk).mask()) != 0) {
                                header.append(", ").append(LCP_R.row(fk).title());
                            }
                        }
                        Tree m = o.at(item.field("lcp.opt.fcs_alternatives", header.toString(), h), 2, 1);
                        for (String fk : keys) {
                            LCP_R.integerItem(o, m, LCP_R.row(fk), 2, 1, (x, n) -> n);
                        }
                        item.relabel(name + ": " + h);
                    }
                    case 10, 11 -> {
                        int v = o.u8(2);
                        boolean pad = type == 10;
                        String unit = pad ? " octet" : " frame";
                        boolean invalid = v == 0 || !pad && v > 127;
                        String text = v + unit + (v == 1 ? "" : "s") + (invalid ? " [invalid]" : "");
                        o.at(item.field(pad ? "lcp.opt.maximum" : "lcp.opt.window", (pad ? "Maximum: " : "Window: ") + text,
                                Integer.toString(v)), 2, 1);
                        item.relabel(name + ": " + text);
                        if (!pad && len > 3) {
                            o.need(3, len - 3);
                            o.at(item.bytes("lcp.opt.hdlc_address", "Address", o.s, o.base + 3, len - 3), 3, len - 3);
                        }
                    }
                    case 21 -> {
                        int mode = o.u8(2);
                        String mn = LCP_R.name("lcp.opt.mode", mode);
                        o.at(item.field("lcp.opt.mode", "Mode: " + mn + " (" + mode + ")", Integer.toString(mode)), 2, 1);
                        item.relabel(name + ": " + mn);
                    }
                    case 22 -> o.at(item.bytes("lcp.opt.unused", "Unused", o.s, o.base + 2, 2), 2, 2);
                    case 23 -> {
                        int d = o.u16(2);
                        String text = d + " (0x" + Registry.hex(d, 4) + ")";
                        o.at(item.field("lcp.opt.link_discrim", "Link Discriminator: " + text, Integer.toString(d)), 2, 2);
                        item.relabel(name + ": " + text);
                    }
                    case 6 -> {
                        long p = o.u32(2);
                        String text = p + " microsecond" + (p == 1 ? "" : "s") + (p == 0 ? " [illegal]" : "");
                        o.at(item.field("lcp.opt.reporting_period", "Reporting Period: " + text, Long.toString(p)), 2, 4);
                        item.relabel(name + ": " + text);
                    }
                    case 13 -> {
                        int op = o.u8(2);
                        String on = LCP_R.name("lcp.opt.operation", op);
                        o.at(item.field("lcp.opt.operation", "Operation: " + on + " (" + op + ")", Integer.toString(op)), 2, 1);
                        item.relabel(name + ": " + on);
                        if (len > 3) {
                            o.need(3, len - 3);
                            o.at(item.bytes("lcp.opt.message", "Message", o.s, o.base + 3, len - 3), 3, len - 3);
                        }
                    }
                    case 17 -> {
                        int mrru = o.u16(2);
                        o.at(item.field("lcp.opt.mrru", "MRRU: " + mrru, Integer.toString(mrru)), 2, 2);
                        item.relabel(name + ": " + mrru);
                    }
                    case 19 -> {
                        int c = o.u8(2);
                        String cn = LCP_R.name("lcp.opt.ep_disc_class", c);
                        o.at(item.field("lcp.opt.ep_disc_class", "Class: " + cn + " (" + c + ")", Integer.toString(c)), 2, 1);
                        item.relabel(name + ": Class: " + cn);
                        int n = len - 3;
                        if (n > 0) {
                            switch (c) {
                                case 0 -> { }
                                case 1 -> {
                                    o.need(3, Math.min(n, 20));
                                    o.at(item.bytes("lcp.opt.data", "Data", o.s, o.base + 3, Math.min(n, 20)), 3, Math.min(n, 20));
                                }
                                case 2 -> {
                                    if (n < 4) {
                                        throw Tvb.Stop.MALFORMED; // not built (docs/PPP.md)
                                    }
                                    String a = o.u8(3) + "." + o.u8(4) + "." + o.u8(5) + "." + o.u8(6);
                                    o.at(item.field("lcp.opt.ip_address", "IP Address: " + a, a), 3, 4);
                                }
                                case 5 -> {
                                    o.need(3, Math.min(n, 15));
                                    o.at(item.bytes("lcp.opt.psndn", LCP_R.row("lcp.opt.psndn").title(), o.s, o.base + 3,
                                            Math.min(n, 15)), 3, Math.min(n, 15));
                                }
                                case 3, 4 -> throw Tvb.Stop.MALFORMED; // the 802.1 address and magic block: not built (docs/PPP.md)
                                default -> {
                                    o.need(3, n);
                                    o.at(item.bytes("lcp.opt.data", "Data", o.s, o.base + 3, n), 3, n);
                                }
                            }
                        }
                    }
                    case 5 -> {
                        long m = o.u32(2);
                        String h = "0x" + Registry.hex(m, 8);
                        o.at(item.field("lcp.opt.magic_number", "Magic Number: " + h, h), 2, 4);
                        item.relabel(name + ": " + h);
                    }
                    default -> { }
                }
            }
            case IPCP -> {
                if (type == 2) {
                    compress(o, len, item);
                    return;
                }
                String field = switch (type) {
                    case 3 -> "ipcp.opt.ip_address";
                    case 4 -> "ipcp.opt.mobilenodehomeaddress";
                    case 129 -> "ipcp.opt.pri_dns_address";
                    case 130 -> "ipcp.opt.pri_nbns_address";
                    case 131 -> "ipcp.opt.sec_dns_address";
                    default -> "ipcp.opt.sec_nbns_address";
                };
                String a = o.u8(2) + "." + o.u8(3) + "." + o.u8(4) + "." + o.u8(5);
                o.at(item.field(field, IPCP_R.row(field).title() + ": " + a, a), 2, 4);
            }
            case IPV6CP -> {
                o.need(2, 8);
                String id = HexFormat.ofDelimiter(":").formatHex(o.copy(2, 8));
                // registered with SEP_COLON: -T fields writes it as -V shows it
                o.at(item.field("ipv6cp.interface_identifier", "Interface Identifier: " + id, id), 2, 8);
            }
            case IPHC -> {
                if (type == 3) {
                    uint(o, item, "ipcp.opt.iphc.param", "Parameter", 2, 1);
                }
            }
            case ROHC -> {
                for (int at = 2; at + 2 <= len; at += 2) {
                    int prof = o.u16(at);
                    o.at(item.field("ipcp.opt.rohc.profile", "Profile: " + IPCP_R.name("ipcp.opt.rohc.profile", prof)
                            + " (0x" + Registry.hex(prof, 4) + ")", "0x" + Registry.hex(prof, 4)), at, 2);
                }
            }
        }
    }

    /** The control characters of an Async Control Character Map, bit 0 first (RFC 1662 §7.1). */
    private static final String[] CONTROL = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF",
        "VT", "FF", "CR", "SO", "SI", "DLE", "DC1 (XON)", "DC2", "DC3 (XOFF)", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
        "SUB", "ESC", "FS", "GS", "RS", "US"};

    /**
     * LCP's Async Control Character Map: the item's label as packet-ppp.c appends to it (the
     * characters after the number with no separator, and a closing parenthesis, as 4.0 writes
     * them), the bitmask item naming the characters set and its 32 flags, US first.
     */
    private static void asyncMap(Tvb o, Tree item, String name) {
        long map = o.u32(2);
        String h = "0x" + Registry.hex(map, 8);
        StringBuilder label = new StringBuilder(name).append(": ").append(h);
        StringBuilder header = new StringBuilder("Async Control Character Map: ").append(h);
        for (int b = 31; b >= 0; b--) {
            if ((map >> b & 1) != 0) {
                header.append(", ").append(CONTROL[b]);
            }
        }
        if (map == 0) {
            label.append(" (None)");
            header.append(" (None)");
        } else if (map == 0xffffffffL) {
            label.append(" (All)");
            header.append(" (All)");
        } else {
            boolean first = true;
            for (int b = 31; b >= 0; b--) {
                if ((map >> b & 1) != 0) {
                    label.append(first ? "" : ", ").append(CONTROL[b]);
                    first = false;
                }
            }
            label.append(')');
        }
        item.relabel(label.toString());
        Tree m = o.at(item.field("lcp.opt.asyncmap", header.toString(), h), 2, 4);
        for (int b = 31; b >= 0; b--) {
            String key = "lcp.opt.asyncmap." + CONTROL[b].split(" ")[0].toLowerCase(java.util.Locale.ROOT);
            LCP_R.integerItem(o, m, LCP_R.row(key), 2, 4, (v, n) -> n);
        }
    }

    private static void uint(Tvb o, Tree parent, String key, String title, int off, int n) {
        long v = n == 1 ? o.u8(off) : o.u16(off);
        o.at(parent.field(key, title + ": " + v, Long.toString(v)), off, n);
    }

    /** packet-ppp.c's IP Compression Protocol option (RFC 1332 Van Jacobson, RFC 2509 IPHC, RFC 3241 ROHC). */
    private static void compress(Tvb o, int len, Tree item) {
        int p = o.u16(2);
        String h = Registry.hex(p, 4);
        o.at(item.field("ipcp.opt.compress_proto", "IP Compression Protocol: " + IPCP_R.name("ipcp.opt.compress_proto", p)
                + " (0x" + h + ")", "0x" + h), 2, 2);
        switch (p) {
            case 0x0003 -> {
                uint(o, item, "ipcp.opt.max_cid", "Max CID", 4, 2);
                uint(o, item, "ipcp.opt.mrru", "MRRU", 6, 2);
                uint(o, item, "ipcp.opt.max_header", "Max Header", 8, 2);
                suboptions(o, Kind.ROHC, 10, len - 10, item);
            }
            case 0x002d -> {
                uint(o, item, "ipcp.opt.max_slot_id", "Max Slot ID", 4, 1);
                IPCP_R.integerItem(o, item, IPCP_R.row("ipcp.opt.comp_slot_id"), 5, 1, (v, n) -> n);
            }
            case 0x0061 -> {
                uint(o, item, "ipcp.opt.tcp_space", "TCP Space", 4, 2);
                uint(o, item, "ipcp.opt.non_tcp_space", "Non TCP Space", 6, 2);
                for (int at = 8; at <= 10; at += 2) {
                    int v = o.u16(at);
                    o.at(item.field(at == 8 ? "ipcp.opt.f_max_period" : "ipcp.opt.f_max_time",
                            (at == 8 ? "F Max Period: " : "F Max Time: ") + v + (v == 0 ? " (infinity)" : ""), Integer.toString(v)), at, 2);
                }
                uint(o, item, "ipcp.opt.max_header", "Max Header", 12, 2);
                suboptions(o, Kind.IPHC, 14, len - 14, item);
            }
            default -> {
                if (len > 4) {
                    o.need(4, len - 4);
                    o.at(item.bytes("ipcp.data", "Data", o.s, o.base + 4, len - 4), 4, len - 4);
                }
            }
        }
    }

    private static void suboptions(Tvb o, Kind k, int off, int len, Tree item) {
        if (len > 0) {
            o.need(off, len);
            Tree sub = o.at(item.text("Suboptions: (" + len + " byte" + (len == 1 ? "" : "s") + ")"), off, len);
            options(o, k, off, len, sub, "Suboptions");
        }
    }

    /** packet-ppp.c's dissect_pap. */
    private static void pap(Tvb t, Tree root, StringBuilder protocol, StringBuilder info) {
        int code = t.u8(0);
        protocol.setLength(0);
        protocol.append("PPP PAP");
        info.setLength(0);
        String cn = switch (code) {
            case 1 -> "Authenticate-Request";
            case 2 -> "Authenticate-Ack";
            case 3 -> "Authenticate-Nak";
            default -> "Unknown";
        };
        info.append(cn);
        Tree p = t.at(root.protocol("pap", "PPP Password Authentication Protocol"), 0, t.cap);
        t.at(p.field("pap.code", "Code: " + cn + " (" + code + ")", Integer.toString(code)), 0, 1);
        int id = t.u8(1);
        t.at(p.field("pap.identifier", "Identifier: " + id, Integer.toString(id)), 1, 1);
        int length = t.u16(2);
        t.at(p.field("pap.length", "Length: " + length, Integer.toString(length)), 2, 2);
        Tree d = t.at(p.none("pap.data", "Data"), 4, Math.max(0, t.cap - 4));
        int off = 4;
        switch (code) {
            case 1 -> {
                int pl = t.u8(off);
                t.at(d.field("pap.peer_id.length", "Peer-ID-Length: " + pl, Integer.toString(pl)), off, 1);
                off++;
                t.string(d, "pap.peer_id", "Peer-ID", off, pl);
                String peer = Text.format(t.s, t.base + off, pl);
                off += pl;
                int wl = t.u8(off);
                t.at(d.field("pap.password.length", "Password-Length: " + wl, Integer.toString(wl)), off, 1);
                off++;
                t.string(d, "pap.password", "Password", off, wl);
                info.append(" (Peer-ID='").append(peer).append("', Password='")
                        .append(Text.format(t.s, t.base + off, wl)).append("')");
            }
            case 2, 3 -> {
                int ml = t.u8(off);
                t.at(d.field("pap.message.length", "Message-Length: " + ml, Integer.toString(ml)), off, 1);
                off++;
                t.string(d, "pap.message", "Message", off, ml);
                info.append(" (Message='").append(Text.format(t.s, t.base + off, ml)).append("')");
            }
            default -> {
                if (t.rep > off) {
                    int n = t.rep - off;
                    t.need(off, n);
                    t.at(d.bytes("pap.stuff", PAP_R.row("pap.stuff").title(), t.s, t.base + off, n), off, n);
                }
            }
        }
    }

    /** packet-ppp.c's dissect_chap (RFC 1994). */
    private static void chap(Tvb t, Tree root, StringBuilder protocol, StringBuilder info) {
        int code = t.u8(0);
        protocol.setLength(0);
        protocol.append("PPP CHAP");
        info.setLength(0);
        String cn = CHAP_R.name("chap.code", code);
        info.append(cn);
        Tree p = t.at(root.protocol("chap", "PPP Challenge Handshake Authentication Protocol"), 0, t.cap);
        t.at(p.field("chap.code", "Code: " + cn + " (" + code + ")", Integer.toString(code)), 0, 1);
        int id = t.u8(1);
        t.at(p.field("chap.identifier", "Identifier: " + id, Integer.toString(id)), 1, 1);
        int length = t.u16(2);
        if (length < 4) {
            t.at(p.field("chap.length", "Length: " + length + " (invalid, must be >= 4)", Integer.toString(length)), 2, 2);
            return;
        }
        t.at(p, 0, length);
        t.at(p.field("chap.length", "Length: " + length, Integer.toString(length)), 2, 2);
        int off = 4;
        int len = length - 4;
        switch (code) {
            case 1, 2 -> {
                if (len > 0) {
                    Tree d = t.at(p.none("chap.data", "Data"), off, len);
                    len--;
                    int vs = t.u8(off);
                    if (vs > len) {
                        t.at(d.field("chap.value_size", "Value Size: " + vs + " byte" + (vs == 1 ? "" : "s")
                                + " (invalid, must be <= " + len + ")", Integer.toString(vs)), off, 1);
                        return;
                    }
                    t.at(d.field("chap.value_size", "Value Size: " + vs, Integer.toString(vs)), off, 1);
                    off++;
                    if (len > 0) {
                        int valueAt = off;
                        t.need(off, vs);
                        t.at(d.bytes("chap.value", "Value", t.s, t.base + off, vs), off, vs);
                        off += vs;
                        len -= vs;
                        int nameAt = 0;
                        int nameSize = 0;
                        if (len > 0) {
                            t.string(d, "chap.name", "Name", off, len);
                            nameAt = off;
                            nameSize = len;
                        }
                        String hex = HexFormat.of().formatHex(t.copy(valueAt, Math.min(vs, 36))) + (vs > 36 ? "\u2026" : "");
                        info.append(" (NAME='").append(Text.format(t.s, t.base + nameAt, Math.min(nameSize, 20)))
                                .append(nameSize > 20 ? "..." : "").append("', VALUE=0x").append(hex).append(')');
                    }
                }
            }
            case 3, 4 -> {
                if (len > 0) {
                    t.string(p, "chap.message", "Message", off, len);
                }
                t.need(off, Math.max(0, len));
                info.append(" (MESSAGE='").append(Text.format(t.s, t.base + off, Math.max(0, len))).append("')");
            }
            default -> {
                if (len > 0) {
                    t.need(off, len);
                    t.at(p.bytes("chap.stuff", CHAP_R.row("chap.stuff").title(), t.s, t.base + off, len), off, len);
                }
            }
        }
    }
}

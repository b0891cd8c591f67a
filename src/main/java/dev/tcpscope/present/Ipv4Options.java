package dev.tcpscope.present;

import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;

/**
 * The IPv4 options subtree, as Wireshark 4.0's {@code dissect_ip_options()} builds it (RFC 791
 * §3.1): EOL and NOP without a length, every other option checked against the header before
 * its own dissector runs, the short name of each option dissected appended to the
 * {@code Options:} line. Each option Wireshark decodes has its contents here: Security (RFC 791
 * and RFC 1108), Extended Security, Commercial Security (CIPSO), the route options, Stream ID,
 * MTU Probe and Reply (RFC 1063), Traceroute (RFC 1393), Time Stamp, Router Alert (RFC 2113),
 * Selective Directed Broadcast (RFC 1770) and Quick-Start (RFC 4782); the route and security
 * options live in {@link Ipv4RouteOptions} and {@link Ipv4SecurityOptions}.
 *
 * <p>An option's dissector sees the option's bytes only; a read past them throws, as in
 * Wireshark, and the frame ends {@code [Malformed Packet: IPv4]}.
 */
final class Ipv4Options {
    static final String LEN_INVALID = "ip.opt.len.invalid";

    /** A read past the current option: Wireshark's ReportedBoundsError. */
    static final class PastOption extends RuntimeException {
        private static final PastOption INSTANCE = new PastOption();

        private PastOption() {
            super(null, null, false, false);
        }
    }

    private final MemorySegment s;
    /** Where the current option starts. */
    private long o;
    /** The current option's length byte. */
    private int optlen;
    private final int ttl;

    private Ipv4Options(MemorySegment s, int ttl) {
        this.s = s;
        this.ttl = ttl;
    }

    /**
     * Adds the {@code len} bytes of options at {@code off} under a new "Options" item of
     * {@code ip}. False when an option's dissector read past the option: the frame is then
     * malformed and dissection stops.
     *
     * @param ttl the header's time to live (Quick-Start shows its difference to the option's)
     */
    static boolean add(Details x, DetailNode ip, MemorySegment s, long off, int len, int ttl) {
        DetailNode opts = ip.text("Options: (" + len + " bytes)").at(s, off, len);
        StringBuilder title = new StringBuilder(opts.label());
        Ipv4Options w = new Ipv4Options(s, ttl);
        try {
            w.walk(opts, title, off, len);
            return true;
        } catch (PastOption e) {
            x.stop("IPv4", true);
            return false;
        } finally {
            opts.relabel(Labels.clip(title.toString()));
        }
    }

    private void walk(DetailNode opts, StringBuilder title, long off, int len) {
        int pos = 0;
        int length = len;
        int nops = 0;
        while (length > 0) {
            int opt = Bytes.u8(s, off + pos);
            length--;
            if (opt == 0 || opt == 1) {
                if (opt == 1) {
                    // four NOPs in one 32-bit word: padding some router left after removing options
                    if (nops == 0 || pos % 4 != 0) {
                        nops++;
                        if (nops == 4) {
                            Expert.add(opts, "ip.nop", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                                    "4 NOP in a row - a router may have removed some options");
                        }
                    } else {
                        nops = 0;
                    }
                }
                DetailNode f = opts.field(opt == 0 ? "ip.options.eol" : "ip.options.nop",
                        opt == 0 ? "IP Option - End of Options List (EOL)" : "IP Option - No-Operation (NOP)",
                        Labels.hexColons(s, off + pos, 1)).at(s, off + pos, 1);
                type(f, s, off + pos, opt);
                pos++;
                if (opt == 0) {
                    break;
                }
                continue;
            }
            String name = shortName(opt);
            String shown = name != null ? name : "Unknown (" + Labels.hex(opt, 2) + ")";
            if (length == 0) {
                textExpert(opts, shown + " (length byte past end of options)");
                return;
            }
            int ol = Bytes.u8(s, off + pos + 1);
            length--;
            if (ol < 2) {
                textExpert(opts, shown + " (with too-short option length = " + ol + Details.bytes(ol) + ")");
                return;
            }
            if (ol - 2 > length) {
                String message = shown + " (option length = " + ol + Details.bytes(ol) + " says option goes past end of options)";
                // at the option's start, with no length (PDML's pos)
                Expert.add(opts.text(message).at(s, off + pos, 0), LEN_INVALID, Expert.Severity.WARNING,
                        Expert.Group.PROTOCOL, message);
                return;
            }
            if (name == null) {
                opts.text(shown + " (" + ol + Details.bytes(ol) + ")");
            } else {
                o = off + pos;
                optlen = ol;
                option(opts, opt, name);
                title.append(", ").append(name);
            }
            pos += ol;
            length -= ol - 2;
        }
    }

    /** The short names of the options packet-ip.c registers a dissector for. */
    private static String shortName(int type) {
        return switch (type) {
            case 130 -> "Security";
            case 131 -> "Loose Source Route";
            case 68 -> "Time Stamp";
            case 133 -> "Extended Security";
            case 134 -> "Commercial Security";
            case 7 -> "Record Route";
            case 136 -> "Stream ID";
            case 137 -> "Strict Source Route";
            case 11 -> "MTU Probe";
            case 12 -> "MTU Reply";
            case 82 -> "Traceroute";
            case 148 -> "Router Alert";
            case 149 -> "Selective Directed Broadcast";
            case 25 -> "Quick-Start";
            default -> null;
        };
    }

    private static String key(int type) {
        return switch (type) {
            case 130 -> "ip.options.security";
            case 131 -> "ip.options.route";
            case 68 -> "ip.options.timestamp";
            case 133 -> "ip.options.ext_security";
            case 134 -> "ip.options.cipso";
            case 7 -> "ip.options.record_route";
            case 136 -> "ip.options.sid";
            case 137 -> "ip.options.source_route";
            case 11 -> "ip.options.mtu_probe";
            case 12 -> "ip.options.mtu_reply";
            case 82 -> "ip.options.traceroute";
            case 148 -> "ip.options.routeralert";
            case 149 -> "ip.options.sdb";
            default -> "ip.options.qs";
        };
    }

    private void option(DetailNode opts, int type, String name) {
        switch (type) {
            case 130 -> Ipv4SecurityOptions.security(this, header(opts, type, name));
            case 133 -> Ipv4SecurityOptions.extended(this, header(opts, type, name));
            case 134 -> Ipv4SecurityOptions.cipso(this, header(opts, type, name));
            case 131, 137 -> Ipv4RouteOptions.sourceRoute(this, header(opts, type, name));
            case 7 -> Ipv4RouteOptions.recordRoute(this, header(opts, type, name));
            case 68 -> timestamp(header(opts, type, name));
            case 136 -> {
                DetailNode t = fixed(opts, type, name, 4);
                t.field("ip.opt.sid", "Stream Identifier: " + u16(2), u16(2)).at(s, o + 2, 2);
            }
            case 11, 12 -> {
                DetailNode t = fixed(opts, type, name, 4);
                t.field("ip.opt.mtu", "MTU: " + u16(2), u16(2)).at(s, o + 2, 2);
            }
            case 82 -> traceroute(fixed(opts, type, name, 12));
            case 148 -> routerAlert(fixed(opts, type, name, 4));
            case 149 -> directedBroadcast(header(opts, type, name));
            default -> quickStart(opts, type, name);
        }
    }

    // ---- reads within the current option ------------------------------------------------------

    /** Places {@code n} as covering {@code len} bytes at {@code at} of the current option. */
    DetailNode at(DetailNode n, int at, int len) {
        return n.at(s, o + at, len);
    }

    int optlen() { return optlen; }

    private void need(int end) {
        if (end > optlen) {
            throw PastOption.INSTANCE;
        }
    }

    int u8(int at) {
        need(at + 1);
        return Bytes.u8(s, o + at);
    }

    int u16(int at) {
        need(at + 2);
        return Bytes.u16(s, o + at);
    }

    long u32(int at) {
        need(at + 4);
        return Bytes.u32(s, o + at);
    }

    String ipv4(int at) {
        need(at + 4);
        return Labels.ipv4(s, o + at);
    }

    /** {@code n} bytes as JSON shows them (colon-separated hex). */
    String hex(int at, int n) {
        need(at + n);
        return Labels.hexColons(s, o + at, n);
    }

    /** {@code n} bytes as a label shows them (hex, at most 36 bytes, then "…"). */
    String hexLabel(int at, int n) {
        need(at + n);
        return Labels.hexShort(s, o + at, n);
    }

    /** {@code n} bytes read as an ENC_ASCII string (bytes from 0x80 become U+FFFD). */
    String ascii(int at, int n) {
        need(at + n);
        return Labels.asciiString(s, o + at, n);
    }

    /** Whether the string of {@link #ascii} has stray characters after its NUL. */
    boolean trailingStray(int at, int n) {
        return dev.tcpscope.proto.Text.trailingStray(s, o + at, n);
    }

    // ---- option headers ------------------------------------------------------------------------

    /** ip_var_option_header(): the option item, its type and its length (at most 40). */
    DetailNode header(DetailNode opts, int type, String name) {
        DetailNode t = opts.field(key(type), "IP Option - " + name + " (" + optlen + " bytes)", Labels.hexColons(s, o, optlen))
                .at(s, o, optlen);
        type(t, s, o, type);
        DetailNode len = t.field("ip.opt.len", "Length: " + optlen, optlen).at(s, o + 1, 1);
        if (optlen > 40) {
            Expert.add(len, LEN_INVALID, Expert.Severity.WARNING, Expert.Group.PROTOCOL, "Invalid length for option");
        }
        return t;
    }

    /** ip_fixed_option_header(): as {@link #header}, naming the length the option should have. */
    private DetailNode fixed(DetailNode opts, int type, String name, int expected) {
        DetailNode t = opts.field(key(type), "IP Option - " + name + " (" + expected + " bytes)", Labels.hexColons(s, o, optlen))
                .at(s, o, optlen);
        type(t, s, o, type);
        DetailNode len = t.field("ip.opt.len", "Length: " + optlen, optlen).at(s, o + 1, 1);
        if (optlen != expected) {
            String m = name + " (with option length = " + optlen + Details.bytes(optlen) + "; should be " + expected + ")";
            Expert.add(len, LEN_INVALID, Expert.Severity.WARNING, Expert.Group.PROTOCOL, m);
        }
        return t;
    }

    /** The option's type byte at {@code at} of {@code s} and its three parts. */
    private static void type(DetailNode o, MemorySegment s, long at, int type) {
        DetailNode t = o.field("ip.opt.type", "Type: " + type, type).at(s, at, 1);
        t.field("ip.opt.type.copy", Bits.pattern(type, 0x80, 8) + "Copy on fragmentation: " + ((type & 0x80) != 0 ? "Yes" : "No"),
                (type & 0x80) != 0 ? "1" : "0").at(s, at, 1);
        int cls = (type >>> 5) & 3;
        t.field("ip.opt.type.class", Bits.pattern(type, 0x60, 8) + "Class: " + className(cls) + " (" + cls + ")",
                Integer.toString(cls)).at(s, at, 1);
        int n = type & 0x1f;
        t.field("ip.opt.type.number", Bits.pattern(type, 0x1f, 8) + "Number: " + numberName(n) + " (" + n + ")",
                Integer.toString(n)).at(s, at, 1);
    }

    private static String className(int c) {
        return switch (c) {
            case 0 -> "Control";
            case 2 -> "Debugging and measurement";
            default -> "Reserved for future use";
        };
    }

    /** packet-ip.c's ipopt_type_number_vals. */
    private static String numberName(int n) {
        return switch (n) {
            case 0 -> "End of Option List (EOL)";
            case 1 -> "No-Operation (NOP)";
            case 2 -> "Security";
            case 3 -> "Loose source route";
            case 4 -> "Time stamp";
            case 5 -> "Extended security";
            case 6 -> "Commercial IP security option";
            case 7 -> "Record route";
            case 8 -> "Stream identifier";
            case 9 -> "Strict source route";
            case 10 -> "Experimental Measurement";
            case 11 -> "MTU probe";
            case 12 -> "MTU Reply";
            case 13 -> "Experimental Flow Control";
            case 14 -> "Experimental Access Control";
            case 15 -> "Ask Estrin";
            case 16 -> "IMI Traffic Descriptor";
            case 17 -> "Extended Internet Protocol";
            case 18 -> "Traceroute";
            case 19 -> "Address Extension";
            case 20 -> "Router Alert";
            case 21 -> "Selective Directed Broadcast";
            case 22 -> "Unassigned";
            case 23 -> "Dynamic Packet State";
            case 24 -> "Upstream Multicast Packet";
            case 25 -> "Quick-Start";
            case 30 -> "RFC 3692-style experiment";
            default -> "Unknown";
        };
    }

    /** An item whose label is an expert message, with that expert under it (proto_tree_add_expert). */
    static void textExpert(DetailNode parent, String message) {
        Expert.add(parent.text(message), LEN_INVALID, Expert.Severity.WARNING, Expert.Group.PROTOCOL, message);
    }

    /** "Suboption would go past end of option", on {@code item}. */
    static void subOptionTooLong(DetailNode item) {
        Expert.add(item, "ip.subopt_too_long", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                "Suboption would go past end of option");
    }

    // ---- the other options ----------------------------------------------------------------------

    /** Time Stamp (RFC 791): a pointer, overflow and flag, then time stamps with or without addresses. */
    private void timestamp(DetailNode t) {
        int ptr = u8(2);
        String why = ptr == 1 ? " (header is full)" : ptr < 5 ? " (points before first address)"
                : ((ptr - 1) & 3) != 0 ? " (points to middle of field)" : "";
        t.field("ip.opt.ptr", "Pointer: " + ptr + why, ptr).at(s, o + 2, 1);
        int b = u8(3);
        t.field("ip.opt.overflow", Bits.pattern(b, 0xf0, 8) + "Overflow: " + (b >>> 4), b >>> 4)
                .at(s, o + 3, 1);
        int flag = b & 0x0f;
        String flagName = switch (flag) {
            case 0 -> "Time stamps only";
            case 1 -> "Time stamp and address";
            case 3 -> "Time stamps for prespecified addresses";
            default -> "Unknown";
        };
        t.field("ip.opt.flag", Bits.pattern(b, 0x0f, 8) + "Flag: " + flagName + " (" + Labels.hex(flag, 1) + ")",
                Labels.hex(flag, 2)).at(s, o + 3, 1);
        int at = 4;
        int left = optlen - 4;
        boolean withAddress = flag == 1 || flag == 3;
        while (left > 0) {
            if (left < (withAddress ? 8 : 4)) {
                subOptionTooLong(t.text("Suboption would go past end of option").at(s, o + at, left)); // over what is left
                break;
            }
            if (withAddress) {
                long addr = u32(at);
                String a = ipv4(at);
                t.field("ip.opt.time_stamp_addr", "Address: " + (addr == 0 ? "-" : a), a).at(s, o + at, 4);
                at += 4;
                left -= 4;
            }
            long ts = u32(at);
            t.field("ip.opt.time_stamp", "Time stamp: " + ts, ts).at(s, o + at, 4);
            at += 4;
            left -= 4;
        }
    }

    /** Router Alert (RFC 2113): 0 asks routers to examine the packet. */
    private void routerAlert(DetailNode t) {
        int v = u16(2);
        String name = (v == 0 ? "Router shall examine packet" : "Reserved") + " (" + v + ")";
        t.field("ip.opt.ra", "Router Alert: " + name, v).at(s, o + 2, 2);
        t.relabel(t.label() + ": " + name);
    }

    /** Traceroute (RFC 1393). */
    private void traceroute(DetailNode t) {
        t.field("ip.opt.id_number", "ID Number: " + u16(2), u16(2)).at(s, o + 2, 2);
        t.field("ip.opt.ohc", "Outbound Hop Count: " + u16(4), u16(4)).at(s, o + 4, 2);
        t.field("ip.opt.rhc", "Return Hop Count: " + u16(6), u16(6)).at(s, o + 6, 2);
        String a = ipv4(8);
        t.field("ip.opt.originator", "Originator IP Address: " + a, a).at(s, o + 8, 4);
    }

    /** Selective Directed Broadcast (RFC 1770): addresses, then whatever is left as padding. */
    private void directedBroadcast(DetailNode t) {
        int at = 2;
        int left = optlen - 2;
        for (; left >= 4; at += 4, left -= 4) {
            String a = ipv4(at);
            t.field("ip.opt.addr", "IP Address: " + a, a).at(s, o + at, 4);
        }
        if (left > 0) {
            t.field("ip.opt.padding", "Padding: " + hexLabel(at, left), hex(at, left)).at(s, o + at, left);
        }
    }

    private static final String[] QS_RATES = {
        "0 bit/s", "80 Kbit/s", "160 Kbit/s", "320 Kbit/s", "640 Kbit/s", "1.28 Mbit/s", "2.56 Mbit/s",
        "5.12 Mbit/s", "10.24 Mbit/s", "20.48 Mbit/s", "40.96 Mbit/s", "81.92 Mbit/s", "163.84 Mbit/s",
        "327.68 Mbit/s", "655.36 Mbit/s", "1.31072 Gbit/s"
    };

    /** The Quick-Start rates of RFC 4782 §4.1 (qs_rate_vals). */
    static String qsRate(int rate) {
        return QS_RATES[rate & 0x0f];
    }

    /** Quick-Start (RFC 4782): a rate request or report; packet-ip.c reads its first byte before the header. */
    private void quickStart(DetailNode opts, int type, String name) {
        int command = u8(2);
        int function = command >>> 4;
        int rate = command & 0x0f;
        DetailNode t = fixed(opts, type, name, 8);
        String functionName = function == 0 ? "Rate request" : function == 8 ? "Rate report" : "Unknown (" + function + ")";
        t.relabel(t.label() + ": " + functionName + " (" + function + ")");
        t.field("ip.opt.qs_func", Bits.pattern(command, 0xf0, 8) + "Function: "
                + (function == 0 || function == 8 ? functionName : "Unknown") + " (" + function + ")",
                Integer.toString(function)).at(s, o + 2, 1);
        if (function != 0 && function != 8) {
            return;
        }
        t.field("ip.opt.qs_rate", Bits.pattern(command, 0x0f, 8) + "Rate: " + qsRate(rate) + " (" + rate + ")",
                Integer.toString(rate)).at(s, o + 2, 1);
        if (function == 0) {
            int qsTtl = u8(3);
            int diff = (ttl - qsTtl) & 0xff;
            t.field("ip.opt.qs_ttl", "QS TTL: " + qsTtl, qsTtl).at(s, o + 3, 1);
            t.field("ip.opt.qs_ttl_diff", "TTL Diff: " + diff, diff).generated().at(s, o + 3, 1);
            t.relabel(t.label() + ", " + qsRate(rate) + ", QS TTL " + qsTtl + ", QS TTL diff " + diff);
        } else {
            t.relabel(t.label() + ", " + qsRate(rate));
            int unused = u8(3);
            t.field("ip.opt.qs_unused", "Not Used: " + unused, unused).at(s, o + 3, 1);
        }
        long w = u32(4);
        t.field("ip.opt.qs_nonce", Bits.pattern(w, 0xfffffffcL, 32) + "QS Nonce: " + Labels.hex(w >>> 2, 8),
                Labels.hex(w >>> 2, 8)).at(s, o + 4, 4);
        t.field("ip.opt.qs_reserved", Bits.pattern(w, 0x3, 32) + "Reserved: " + Labels.hex(w & 3, 1), Labels.hex(w & 3, 8))
                .at(s, o + 4, 4);
    }
}

package dev.tcpscope.present;

import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;

/**
 * The bodies of IPv6 Hop-by-Hop and Destination options (IANA "Destination Options and
 * Hop-by-Hop Options"), in the items and order of packet-ipv6.c's {@code dissect_opt_*}
 * functions. IOAM options, which have no body of their own here, show their data as an
 * unknown payload.
 */
final class Ipv6Options {
    static final int PAD1 = 0x00;
    static final int PADN = 0x01;
    private static final int TEL = 0x04;
    private static final int CALIPSO = 0x07;
    private static final int SMF_DPD = 0x08;
    private static final int QUICK_START = 0x26;
    private static final int MPL = 0x6d;
    private static final int LIO = 0x8c;
    private static final int ROUTER_ALERT = 0x05;
    private static final int PDM = 0x0f;
    private static final int PMTU = 0x30;
    private static final int TPF = 0x41;
    private static final int RPL = 0x63;
    private static final int ENDI = 0x8a;
    private static final int ILNP_NONCE = 0x8b;
    private static final int JUMBO = 0xc2;
    private static final int HOME_ADDRESS = 0xc9;
    private static final int DFF = 0xee;

    /** Where an option may appear (packet-ipv6.c's _ipv6_opt_type_hdr). */
    static final int ANY = 0;
    static final int HBH_ONLY = 1;
    static final int DST_ONLY = 2;

    static final String[] ACTIONS = {
        "Skip and continue", "Discard", "Discard and send ICMP Parameter Problem", "Discard and send ICMP if not multicast"
    };

    private static final String[] NAMES = new String[256];
    private static final int[] HEADER = new int[256];

    static {
        name(PAD1, "Pad1");
        name(PADN, "PadN");
        name(TEL, "Tunnel Encapsulation Limit");
        name(ROUTER_ALERT, "Router Alert");
        name(CALIPSO, "CALIPSO");
        name(SMF_DPD, "SMF_DPD");
        name(PDM, "Performance and Diagnostic Metrics");
        name(0x1e, "Experimental (0x1E)");
        name(QUICK_START, "Quick-Start");
        name(PMTU, "Path MTU Option");
        name(0x31, "IOAM Option");
        name(0x3e, "Experimental (0x3E)");
        name(TPF, "Tunnel Payload Forwarding (TPF) Information");
        name(0x5e, "Experimental (0x5E)");
        name(RPL, "RPL Option");
        name(MPL, "MPL Option");
        name(0x7e, "Experimental (0x7E)");
        name(ENDI, "Endpoint Identification");
        name(ILNP_NONCE, "ILNP Nonce");
        name(LIO, "Line-Identification Option");
        name(0x9e, "Experimental (0x9E)");
        name(0xbe, "Experimental (0xBE)");
        name(JUMBO, "Jumbo Payload");
        name(HOME_ADDRESS, "Home Address");
        name(0xde, "Experimental (0xDE)");
        name(DFF, "IP_DFF");
        name(0xfe, "Experimental (0xFE)");
        for (int t : new int[] {TEL, PDM, TPF, ILNP_NONCE, 0x8c, HOME_ADDRESS}) {
            HEADER[t] = DST_ONLY;
        }
        for (int t : new int[] {ROUTER_ALERT, PMTU, 0x07, 0x08, 0x26, 0x31, RPL, 0x6d, JUMBO, DFF}) {
            HEADER[t] = HBH_ONLY;
        }
    }

    private static void name(int type, String name) {
        NAMES[type] = name;
    }

    private Ipv6Options() { }

    /** The option's name, or null for one Wireshark does not know. */
    static String name(int type) {
        return NAMES[type];
    }

    /** Which options header the option belongs in: {@link #ANY}, {@link #HBH_ONLY} or {@link #DST_ONLY}. */
    static int header(int type) {
        return HEADER[type];
    }

    private static boolean experimental(int type) {
        return (type & 0x1f) == 0x1e;
    }

    /**
     * What an option body's items need: the bounds check, the option item and its type and
     * length items, and where its {@code len} data bytes start ({@code data}, relative to the
     * layer at {@code off}).
     */
    record Body(Details x, Ipv6Extensions.Bounds b, DetailNode opt, DetailNode lenItem, DetailNode typeItem,
                MemorySegment s, long off, int data, int len, String proto) {
        boolean has(long upTo) {
            return b.has(upTo, proto);
        }

        int u8(int at) {
            return Bytes.u8(s, off + at);
        }

        int u16(int at) {
            return Bytes.u16(s, off + at);
        }

        long u32(int at) {
            return Bytes.u32(s, off + at);
        }

        void invalidLength(String what) {
            Expert.add(lenItem, "ipv6.opt.invalid_len", Expert.Severity.ERROR, Expert.Group.MALFORMED,
                    what + " (" + len + " bytes)");
        }

        /** An unsigned item of {@code size} bytes at {@code at}: "name: value"; null when cut. */
        DetailNode uint(String key, String name, int at, int size) {
            if (!has(at + size)) {
                return null;
            }
            long v = size == 1 ? u8(at) : size == 2 ? u16(at) : u32(at);
            return opt.field(key, name + ": " + v, Long.toString(v)).at(s, off + at, size);
        }

        /** Places {@code n} as covering {@code size} bytes at {@code at} (relative to the layer). */
        DetailNode at(DetailNode n, int at, int size) {
            return n.at(s, off + at, size);
        }

        /** An FT_BYTES item; null when cut. */
        DetailNode bytes(String key, String name, int at, int size) {
            if (!has(at + size)) {
                return null;
            }
            return opt.field(key, name + ": " + Ipv6Extensions.bytesText(s, off + at, size, false),
                    Labels.hexColons(s, off + at, size)).at(s, off + at, size);
        }
    }

    /**
     * Adds the body of an option of {@code type} (not Pad1 or PadN); returns the offset after
     * what it read (which may fall short of or beyond the option's length), or -1 when cut.
     *
     * @param plen the IPv6 header's payload length
     */
    static int body(Body b, int type, int plen) {
        int at = b.data();
        int len = b.len();
        switch (type) {
            case JUMBO -> {
                if (len != 4) {
                    b.invalidLength("Jumbo Payload: Invalid length");
                }
                DetailNode j = b.uint("ipv6.opt.jumbo", "Payload Length", at, 4);
                if (j == null) {
                    return -1;
                }
                if (plen != 0) {
                    Expert.add(b.opt(), "ipv6.opt.jumbo.prohibited", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                            "When IPv6 payload length does not equal 0 a Jumbo Payload option must not be present");
                }
                if (b.u32(at) < 65536) {
                    Expert.add(j, "ipv6.opt.jumbo.truncated", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                            "Jumbo Payload option present and jumbo length < 65536");
                }
                return at + 4;
            }
            case RPL -> {
                if (len < 4) {
                    b.invalidLength("RPL Option: Invalid length");
                }
                if (!b.has(at + 1)) {
                    return -1;
                }
                int f = b.u8(at);
                StringBuilder label = new StringBuilder("Flag: ").append(Labels.hex(f, 2));
                appendSet(label, f, 0x80, "Down");
                appendSet(label, f, 0x40, "Rank Error");
                appendSet(label, f, 0x20, "Forwarding Error");
                DetailNode flags = b.at(b.opt().field("ipv6.opt.rpl.flag", label.toString(), Labels.hex(f, 2)), at, 1);
                b.at(bool(flags, "ipv6.opt.rpl.flag.o", "Down", f, 0x80), at, 1);
                b.at(bool(flags, "ipv6.opt.rpl.flag.r", "Rank Error", f, 0x40), at, 1);
                b.at(bool(flags, "ipv6.opt.rpl.flag.f", "Forwarding Error", f, 0x20), at, 1);
                b.at(flags.field("ipv6.opt.rpl.flag.rsv", Bits.pattern(f, 0x1f, 8) + "Reserved: " + Labels.hex(f & 0x1f, 2),
                        Labels.hex(f & 0x1f, 2)), at, 1);
                if (!b.has(at + 2)) {
                    return -1;
                }
                int id = b.u8(at + 1);
                b.at(b.opt().field("ipv6.opt.rpl.instance_id", "RPLInstanceID: " + Labels.hex(id, 2), Labels.hex(id, 2)),
                        at + 1, 1);
                if (!b.has(at + 4)) {
                    return -1;
                }
                int rank = b.u16(at + 2);
                b.at(b.opt().field("ipv6.opt.rpl.sender_rank", "Sender Rank: " + Labels.hex(rank, 4), Labels.hex(rank, 4)),
                        at + 2, 2);
                return at + 4;
            }
            case TEL -> {
                if (len != 1) {
                    b.invalidLength("Tunnel Encapsulation Limit: Invalid length");
                }
                return b.uint("ipv6.opt.tel", "Tunnel Encapsulation Limit", at, 1) == null ? -1 : at + 1;
            }
            case ROUTER_ALERT -> {
                if (len != 2) {
                    b.invalidLength("Router alert: Invalid Length");
                }
                if (!b.has(at + 2)) {
                    return -1;
                }
                int v = b.u16(at);
                String name = switch (v) {
                    case 0 -> "MLD";
                    case 1 -> "RSVP";
                    case 2 -> "Active Network";
                    default -> "Unknown";
                };
                b.at(b.opt().field("ipv6.opt.router_alert", "Router Alert: " + name + " (" + v + ")", v),
                        at, 2);
                return at + 2;
            }
            case PMTU -> {
                if (len != 4) {
                    b.invalidLength("PMTU Option: Invalid Length");
                }
                if (b.uint("ipv6.opt.pmtu.min", "Minimum Reported PMTU", at, 2) == null || !b.has(at + 4)) {
                    return -1;
                }
                int v = b.u16(at + 2);
                b.at(b.opt().field("ipv6.opt.pmtu.rtn", "Return Minimum PMTU: " + (v & 0xfffe), v & 0xfffe),
                        at + 2, 2);
                boolean r = (v & 1) != 0;
                b.at(b.opt().field("ipv6.opt.pmtu.r_flag", "Return Flag: " + (r ? "True" : "False"), r ? "1" : "0"), at + 3, 1);
                return at + 4;
            }
            case TPF -> {
                if (len != 4) {
                    b.invalidLength("TPF: Invalid Length");
                }
                if (!b.has(at + 4)) {
                    return -1;
                }
                long v = b.u32(at);
                b.at(b.opt().field("ipv6.opt.tpf_information", "TPF Information: " + Labels.hex(v, 8), Labels.hex(v, 8)), at, 4);
                return at + 4;
            }
            case PDM -> {
                if (len != 10) {
                    b.invalidLength("PDM: Invalid length");
                }
                if (b.uint("ipv6.opt.pdm.scale_dtlr", "Scale DTLR", at, 1) == null
                        || b.uint("ipv6.opt.pdm.scale_dtls", "Scale DTLS", at + 1, 1) == null
                        || b.uint("ipv6.opt.pdm.psn_this_pkt", "PSN This Packet", at + 2, 2) == null
                        || b.uint("ipv6.opt.pdm.psn_last_recv", "PSN Last Received", at + 4, 2) == null
                        || b.uint("ipv6.opt.pdm.delta_last_recv", "Delta Time Last Received", at + 6, 2) == null
                        || b.uint("ipv6.opt.pdm.delta_last_sent", "Delta Time Last Sent", at + 8, 2) == null) {
                    return -1;
                }
                return at + 10;
            }
            case HOME_ADDRESS -> {
                if (len != 16) {
                    b.invalidLength("Home Address: Invalid length");
                }
                if (!b.has(at + 16)) {
                    return -1;
                }
                String a = IpDetails.ipv6(b.s(), b.off() + at);
                b.at(b.opt().field("ipv6.opt.mipv6.home_address", "MIPv6 Home Address: " + a, a), at, 16);
                return at + 16;
            }
            case ILNP_NONCE -> {
                return b.bytes("ipv6.opt.ilnp_nonce", "ILNP Nonce", at, len) == null ? -1 : at + len;
            }
            case DFF -> {
                if (len != 3) {
                    b.invalidLength("IPv6 DFF: Invalid length");
                }
                if (!b.has(at + 1)) {
                    return -1;
                }
                int f = b.u8(at);
                StringBuilder label = new StringBuilder("Flags: ").append(Labels.hex(f, 2));
                appendSet(label, f, 0x20, "Duplicate (DUP)");
                appendSet(label, f, 0x10, "Return (RET)");
                DetailNode flags = b.at(b.opt().field("ipv6.opt.dff.flags", label.toString(), Labels.hex(f, 2)), at, 1);
                b.at(flags.field("ipv6.opt.dff.flag.ver", Bits.pattern(f, 0xc0, 8) + "Version (VER): " + (f >>> 6),
                        Integer.toString(f >>> 6)), at, 1);
                b.at(bool(flags, "ipv6.opt.dff.flag.dup", "Duplicate (DUP)", f, 0x20), at, 1);
                b.at(bool(flags, "ipv6.opt.dff.flag.ret", "Return (RET)", f, 0x10), at, 1);
                b.at(flags.field("ipv6.opt.dff.flag.rsv", Bits.pattern(f, 0x0f, 8) + "Reserved: " + Labels.hex(f & 0x0f, 1),
                        Labels.hex(f & 0x0f, 2)), at, 1);
                if (!b.has(at + 3)) {
                    return -1;
                }
                int seq = b.u16(at + 1);
                b.at(b.opt().field("ipv6.opt.dff.sequence_number", "Sequence Number: " + seq + " (" + Labels.hex(seq, 4) + ")",
                        Integer.toString(seq)), at + 1, 2);
                return at + 3;
            }
            case QUICK_START -> {
                return quickStart(b);
            }
            case MPL -> {
                return mpl(b);
            }
            case LIO -> {
                if (b.uint("ipv6.opt.lio.length", "LineIDLen", at, 1) == null) {
                    return -1;
                }
                int idLen = b.u8(at);
                if (idLen + 1 > len) {
                    idLen = len - 1;
                }
                idLen = Math.max(0, idLen);
                if (!b.has(at + 1 + idLen)) {
                    return -1;
                }
                String id = ascii(b.s(), b.off() + at + 1, idLen);
                b.at(b.opt().field("ipv6.opt.lio.line_id", "Line ID: " + id, id), at + 1, idLen);
                return at + 1 + idLen;
            }
            case SMF_DPD -> {
                return smfDpd(b);
            }
            case CALIPSO -> {
                if (len < 8) {
                    b.invalidLength("CALIPSO: Invalid Length");
                }
                if (b.uint("ipv6.opt.calipso.doi", "CALIPSO Domain of Interpretation", at, 4) == null
                        || b.uint("ipv6.opt.calipso.cmpt.length", "Compartment Length", at + 4, 1) == null
                        || b.uint("ipv6.opt.calipso.sens_level", "Sensitivity Level", at + 5, 1) == null
                        || !b.has(at + 8)) {
                    return -1;
                }
                int sum = b.u16(at + 6);
                b.at(b.opt().field("ipv6.opt.calipso.checksum", "Checksum: " + Labels.hex(sum, 4) + " [unverified]",
                        Labels.hex(sum, 4)), at + 6, 2);
                int bitmap = b.u8(at + 4) * 4;
                return b.bytes("ipv6.opt.calipso.cmpt_bitmap", "Compartment Bitmap", at + 8, bitmap) == null
                        ? -1 : at + 8 + bitmap;
            }
            case ENDI -> {
                int end = unknown(b);
                if (end >= 0) {
                    Expert.add(b.typeItem(), "ipv6.opt.deprecated", Expert.Severity.NOTE, Expert.Group.DEPRECATED,
                            "Option type is deprecated");
                }
                return end;
            }
            default -> {
                if (experimental(type)) {
                    return b.bytes("ipv6.opt.experimental", "Experimental Option", at, len) == null ? -1 : at + len;
                }
                return unknown(b);
            }
        }
    }

    private static final String[] QS_RATES = {
        "0 bit/s", "80 Kbit/s", "160 Kbit/s", "320 Kbit/s", "640 Kbit/s", "1.28 Mbit/s", "2.56 Mbit/s", "5.12 Mbit/s",
        "10.24 Mbit/s", "20.48 Mbit/s", "40.96 Mbit/s", "81.92 Mbit/s", "163.84 Mbit/s", "327.68 Mbit/s",
        "655.36 Mbit/s", "1.31072 Gbit/s"
    };

    /** RFC 4782 Quick-Start: a rate request (with a TTL) or a rate report, then the nonce. */
    private static int quickStart(Body b) {
        int at = b.data();
        if (b.len() != 6) {
            b.invalidLength("Quick-Start: Invalid Length");
        }
        if (!b.has(at + 1)) {
            return -1;
        }
        int command = b.u8(at);
        int function = command >>> 4;
        int rate = command & 0x0f;
        String functionName = function == 0 ? "Rate request" : function == 8 ? "Rate report" : "Unknown";
        b.at(b.opt().field("ipv6.opt.qs_func", Bits.pattern(command, 0xf0, 8) + "Function: " + functionName + " (" + function
                + ")", function), at, 1);
        if (function != 0 && function != 8) {
            return at;
        }
        b.at(b.opt().field("ipv6.opt.qs_rate", Bits.pattern(command, 0x0f, 8) + "Rate: " + QS_RATES[rate] + " (" + rate + ")",
                Integer.toString(rate)), at, 1);
        DetailNode opt = b.opt();
        if (function == 0) {
            if (!b.has(at + 2)) {
                return -1;
            }
            int ttl = b.u8(at + 1);
            b.at(opt.field("ipv6.opt.qs_ttl", "QS TTL: " + ttl, ttl), at + 1, 1);
            int diff = (b.u8(7) - ttl) & 0xff; // the IPv6 header's hop limit
            opt.relabel(opt.label() + ", " + QS_RATES[rate] + ", QS TTL " + ttl);
            b.at(opt.field("ipv6.opt.qs_ttl_diff", "TTL Diff: " + diff, diff).generated(), at + 1, 1);
            opt.relabel(opt.label() + ", QS TTL diff " + diff);
        } else {
            opt.relabel(opt.label() + ", " + QS_RATES[rate]);
            if (b.uint("ipv6.opt.qs_unused", "Not Used", at + 1, 1) == null) {
                return -1;
            }
        }
        if (!b.has(at + 6)) {
            return -1;
        }
        long w = b.u32(at + 2);
        b.at(b.opt().field("ipv6.opt.qs_nonce", Bits.pattern(w, 0xfffffffcL, 32) + "QS Nonce: " + Labels.hex(w >>> 2, 8),
                Labels.hex(w >>> 2, 8)), at + 2, 4);
        b.at(b.opt().field("ipv6.opt.qs_reserved", Bits.pattern(w, 0x3, 32) + "Reserved: " + Labels.hex(w & 3, 1),
                Labels.hex(w & 3, 8)), at + 2, 4);
        return at + 6;
    }

    private static final String[] SEED_ID_LENGTHS = {"0", "16-bit unsigned integer", "64-bit unsigned integer",
        "128-bit unsigned integer"};

    /** RFC 7731 MPL option: flags, sequence, and a seed ID of the length the flags give. */
    private static int mpl(Body b) {
        int at = b.data();
        if (!b.has(at + 1)) {
            return -1;
        }
        int f = b.u8(at);
        int s = f >>> 6;
        StringBuilder label = new StringBuilder("Flag: ").append(Labels.hex(f, 2)).append(", Seed ID Length: ")
                .append(SEED_ID_LENGTHS[s]);
        appendSet(label, f, 0x20, "Largest Sequence");
        appendSet(label, f, 0x10, "Version");
        DetailNode flags = b.at(b.opt().field("ipv6.opt.mpl.flag", label.toString(), Labels.hex(f, 2)), at, 1);
        b.at(flags.field("ipv6.opt.mpl.flag.s", Bits.pattern(f, 0xc0, 8) + "Seed ID Length: " + SEED_ID_LENGTHS[s] + " (" + s
                + ")", s), at, 1);
        b.at(bool(flags, "ipv6.opt.mpl.flag.m", "Largest Sequence", f, 0x20), at, 1);
        b.at(bool(flags, "ipv6.opt.mpl.flag.v", "Version", f, 0x10), at, 1);
        b.at(flags.field("ipv6.opt.mpl.flag.rsv", Bits.pattern(f, 0x0f, 8) + "Reserved: " + Labels.hex(f & 0x0f, 1),
                Labels.hex(f & 0x0f, 2)), at, 1);
        if (!b.has(at + 2)) {
            return -1;
        }
        int seq = b.u8(at + 1);
        b.at(b.opt().field("ipv6.opt.mpl.sequence", "Sequence: " + Labels.hex(seq, 2), Labels.hex(seq, 2)), at + 1, 1);
        int seed = new int[] {0, 2, 8, 16}[s];
        if (seed == 0) {
            Expert.add(b.typeItem(), "ipv6.opt.mpl.ipv6_src_seed_id", Expert.Severity.COMMENT, Expert.Group.PROTOCOL,
                    "Seed ID is the IPv6 Source Address");
            return at + 2;
        }
        return b.bytes("ipv6.opt.mpl.seed_id", "Seed ID", at + 2, seed) == null ? -1 : at + 2 + seed;
    }

    private static final String[] TAGGER_ID_TYPES = {"NULL", "DEFAULT", "IPv4", "IPv6"};

    /** RFC 6621 SMF duplicate packet detection: a hash assist value, or a tagger ID and an identifier. */
    private static int smfDpd(Body b) {
        int at = b.data();
        int len = b.len();
        if (!b.has(at + 1)) {
            return -1;
        }
        int v = b.u8(at);
        b.at(bool(b.opt(), "ipv6.opt.smf_dpd.hash_bit", "H-bit", v, 0x80), at, 1);
        if ((v & 0x80) != 0) {
            return b.bytes("ipv6.opt.smf_dpd.hav", "Hash Assist Value", at, len) == null ? -1 : at + len;
        }
        int type = (v >>> 4) & 7;
        b.at(b.opt().field("ipv6.opt.smf_dpd.tid_type", Bits.pattern(v, 0x70, 8) + "TaggerID Type: "
                + (type < 4 ? TAGGER_ID_TYPES[type] : "Unknown") + " (" + type + ")", type), at, 1);
        b.at(b.opt().field("ipv6.opt.smf_dpd.tid_len", Bits.pattern(v, 0x0f, 8) + "TaggerID Length: " + (v & 0x0f),
                Integer.toString(v & 0x0f)), at, 1);
        int o = at + 1;
        int identLen = len - 1;
        if ((v & 0x70) != 0) {
            int tid = (v & 0x0f) + 1;
            if (b.bytes("ipv6.opt.smf_dpd.tagger_id", "TaggerID", o, tid) == null) {
                return -1;
            }
            o += tid;
            identLen -= tid;
        }
        if (identLen > 0) {
            if (b.bytes("ipv6.opt.smf_dpd.ident", "Identifier", o, identLen) == null) {
                return -1;
            }
            o += identLen;
        }
        return o;
    }

    /** ENC_ASCII text as Wireshark 4.0 decodes it: bytes above 0x7f become U+FFFD. */
    private static String ascii(MemorySegment s, long at, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int k = 0; k < len; k++) {
            int c = Bytes.u8(s, at + k);
            if (c >= 0x80) {
                sb.append('\ufffd');
            } else {
                sb.append(Labels.ascii(s, at + k, 1));
            }
        }
        return sb.toString();
    }

    /** An option Wireshark has no body for: its data as an unknown payload. */
    private static int unknown(Body b) {
        DetailNode u = b.bytes("ipv6.opt.unknown", "Unknown Option Payload", b.data(), b.len());
        if (u == null) {
            return -1;
        }
        Expert.add(u, "ipv6.opt.unknown_data.expert", Expert.Severity.NOTE, Expert.Group.UNDECODED,
                "Unknown Data (not interpreted)");
        return b.data() + b.len();
    }

    private static void appendSet(StringBuilder label, int v, int mask, String name) {
        if ((v & mask) != 0) {
            label.append(", ").append(name);
        }
    }

    /** An 8-bit FT_BOOLEAN bit without value strings: "True" / "False". */
    private static DetailNode bool(DetailNode parent, String key, String name, int v, int mask) {
        boolean set = (v & mask) != 0;
        return parent.field(key, Bits.pattern(v, mask, 8) + name + ": " + (set ? "True" : "False"), set ? "1" : "0");
    }
}

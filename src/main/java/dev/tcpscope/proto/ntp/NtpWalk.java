package dev.tcpscope.proto.ntp;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * One walk over an NTP message as packet-ntp.c (Wireshark 4.0.17) reads it: the standard
 * time-exchange modes 0-5 with their extension fields and MAC, mode 6 control messages and mode
 * 7 private (ntpdc) messages. The same walk makes the Info column (with {@link Tree#NOTHING}) and
 * the detail tree; every label comes from tshark's field registry ({@link #REGISTRY}).
 *
 * <p>Not built: the "var=value" data of control messages (tshark shows them through its generic
 * tvbparse element tree), and the items of the private request codes no capture at hand carries
 * (their "... Item" lines are shown, empty).
 */
final class NtpWalk {
    /** packet-ntp.c's fields and value strings (resources written by scripts/gen-registry-tables.sh). */
    static final Registry REGISTRY = Registry.load(NtpWalk.class, "ntp");

    static final int MODE_CLIENT = 3;
    static final int MODE_SERVER = 4;
    static final int MODE_CTRL = 6;
    static final int MODE_PRIV = 7;

    /** Seconds from the NTP epoch (1900) to 1970, and from 1970 to the start of era 1 (2036). */
    private static final long DIFF_1900_1970 = 2_208_988_800L;
    private static final long DIFF_1970_2036 = 2_085_978_496L;
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    /** The pairing tshark's second pass shows ({@code -2}); all zero in one pass. */
    record Pairing(int requestIn, long deltaNs, int responseIn) {
        static final Pairing NONE = new Pairing(0, 0, 0);
    }

    private final Tvb t;
    private final Pairing pairing;
    final StringBuilder info = new StringBuilder(48);

    NtpWalk(Tvb t, Pairing pairing) {
        this.t = t;
        this.pairing = pairing;
    }

    /** The first byte's mode, or -1 when the message is empty. */
    static int mode(Tvb t) {
        return t.cap < 1 ? -1 : t.u8(0) & 7;
    }

    /** dissect_ntp: the protocol item, the Info text, then the mode's walk. */
    void walk(Tree root) {
        int flags = t.u8(0);
        String version = REGISTRY.name("ntp.flags.vn", (flags >> 3) & 7);
        String mode = INFO_MODES[flags & 7];
        info.setLength(0);
        info.append(version).append(", ").append(mode);
        Tree ntp = t.at(root.protocol("ntp", "Network Time Protocol (" + version + ", " + mode + ")"), 0, t.cap);
        switch (flags & 7) {
            case MODE_CTRL -> control(ntp);
            case MODE_PRIV -> priv(ntp);
            default -> standard(ntp);
        }
    }

    /** packet-ntp.c info_mode_types. */
    private static final String[] INFO_MODES = {"reserved", "symmetric active", "symmetric passive", "client", "server",
        "broadcast", "control", "private"};

    // ---- modes 0-5 ------------------------------------------------------------------------------

    private void standard(Tree ntp) {
        int flags = bitmask(ntp, "ntp.flags", 0, 1, "ntp.flags.li", "ntp.flags.vn", "ntp.flags.mode");
        if ((flags & 7) == MODE_CLIENT && pairing.responseIn > 0) {
            responseIn(ntp);
        } else if ((flags & 7) == MODE_SERVER && pairing.requestIn > 0) {
            requestIn(ntp);
        }
        int stratum = t.u8(1);
        item(ntp, "ntp.stratum", 1, 1);
        int ppoll = t.u8(2);
        value(ntp, "ntp.ppoll", 2, 1, ppoll >= 4 && ppoll <= 17 ? ppoll + " (" + (1 << ppoll) + " seconds)" : "invalid (" + ppoll + ")",
                Integer.toString(ppoll));
        int precision = t.u8(3);
        value(ntp, "ntp.precision", 3, 1, fixed(new BigDecimal(Math.pow(2, (byte) precision))) + " seconds",
                Integer.toString(precision));
        long delay = t.u32(4);
        value(ntp, "ntp.rootdelay", 4, 4, fixed(fixed16(delay)) + " seconds", Long.toString(delay));
        long dispersion = t.u32(8);
        value(ntp, "ntp.rootdispersion", 8, 4, fixed(fixed16(dispersion)) + " seconds", Long.toString(dispersion));
        refid(ntp, stratum);
        time(ntp, "ntp.reftime", 16);
        time(ntp, "ntp.org", 24);
        time(ntp, "ntp.rec", 32);
        time(ntp, "ntp.xmt", 40);
        // the extension fields end where one looks wrong; a too-short rest is a MAC, not the last field
        int end = 48;
        int last = 0;
        while (remaining(end) >= 16) {
            int len = t.u16(end + 2);
            if (len < 16 || remaining(end) < len) {
                break;
            }
            end += len;
            last = len;
        }
        int macLen = remaining(end);
        if (macLen > 0 && !(macLen == 4 && t.u32(end) == 0) && macLen < 20) {
            end -= last;
        }
        int off = 48;
        while (off < end) {
            off = extension(ntp, off);
        }
        if (remaining(off) >= 4) {
            item(ntp, "ntp.keyid", off, 4);
        }
        off += 4;
        if (remaining(off) > 0) {
            item(ntp, "ntp.mac", off, remaining(off));
        }
    }

    /** dissect_ntp_ext: one extension field; returns the offset after it (the end when its length is bad). */
    private int extension(Tree ntp, int off) {
        int len = t.u16(off + 2);
        // an FT_NONE item is cut to what was captured; the value under it is not
        Tree ext = t.at(ntp.none("ntp.ext", "Extension"), off, Math.max(Math.min(len, t.cap - off), 0));
        item(ext, "ntp.ext.type", off, 2);
        Tree length = item(ext, "ntp.ext.length", off + 2, 2);
        if (len < 8) {
            length.expert("ntp.ext.invalid_length", Tree.Severity.WARNING, Tree.Group.MALFORMED, "Extension length " + len + " < 8");
            return t.rep;
        }
        if (len % 4 != 0) {
            length.expert("ntp.ext.invalid_length", Tree.Severity.WARNING, Tree.Group.MALFORMED,
                    "Extension length " + len + " isn't a multiple of 4");
            return t.rep;
        }
        item(ext, "ntp.ext.value", off + 4, len - 4);
        return off + len;
    }

    /** The reference ID: a primary source's name for stratum 0 and 1, else an IPv4 address. */
    private void refid(Tree ntp, int stratum) {
        byte[] b = t.copy(12, 4);
        String shown;
        if (stratum <= 1) {
            shown = null;
            for (String[] p : PRIMARY_SOURCES) {
                if (p[0].equals(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1))) {
                    shown = p[1];
                    break;
                }
            }
            if (shown == null) {
                StringBuilder s = new StringBuilder();
                for (byte x : b) {
                    if (x == 0) {
                        break;
                    }
                    s.append(x > 0 ? (char) x : '\uFFFD');
                }
                shown = "Unidentified reference source '" + s + "'";
            }
        } else {
            shown = (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        // proto_tree_add_bytes_format_value: the bytes' value, a label of its own
        t.at(ntp.bytes("ntp.refid", "Reference ID", t.s, t.base + 12, 4).relabel("Reference ID: " + shown), 12, 4);
    }

    /** packet-ntp.c primary_sources: reference IDs of stratum 0 and 1 servers. */
    private static final String[][] PRIMARY_SOURCES = {
        {"GOES", "Geostationary Orbit Environment Satellite"}, {"GPS\0", "Global Position System"},
        {"GAL\0", "Galileo Positioning System"}, {"PPS\0", "Generic pulse-per-second"},
        {"IRIG", "Inter-Range Instrumentation Group"}, {"WWVB", "LF Radio WWVB Ft. Collins, CO 60 kHz"},
        {"DCF\0", "LF Radio DCF77 Mainflingen, DE 77.5 kHz"}, {"HBG\0", "LF Radio HBG Prangins, HB 75 kHz"},
        {"MSF\0", "LF Radio MSF Anthorn, UK 60 kHz"}, {"JJY\0", "LF Radio JJY Fukushima, JP 40 kHz, Saga, JP 60 kHz"},
        {"LORC", "MF Radio LORAN C station, 100 kHz"}, {"TDF\0", "MF Radio Allouis, FR 162 kHz"},
        {"CHU\0", "HF Radio CHU Ottawa, Ontario"}, {"WWV\0", "HF Radio WWV Ft. Collins, CO"},
        {"WWVH", "HF Radio WWVH Kauai, HI"}, {"NIST", "NIST telephone modem"}, {"ACTS", "NIST telephone modem"},
        {"USNO", "USNO telephone modem"}, {"PTB\0", "European telephone modem"},
        {"LOCL", "uncalibrated local clock"}, {"CESM", "calibrated Cesium clock"}, {"RBDM", "calibrated Rubidium clock"},
        {"OMEG", "OMEGA radionavigation system"}, {"DCN\0", "DCN routing protocol"}, {"TSP\0", "TSP time protocol"},
        {"DTS\0", "Digital Time Service"}, {"ATOM", "Atomic clock (calibrated)"}, {"VLF\0", "VLF radio (OMEGA,, etc.)"},
        {"1PPS", "External 1 PPS input"}, {"FREE", "(Internal clock)"}, {"INIT", "(Initialization)"},
        {"\0\0\0\0", "NULL"},
    };

    // ---- mode 6 ---------------------------------------------------------------------------------

    private void control(Tree ntp) {
        bitmask(ntp, "ntp.flags", 0, 1, "ntp.flags.li", "ntp.flags.vn", "ntp.flags.mode");
        int flags2 = bitmask(ntp, "ntp.ctrl.flags2", 1, 1, "ntp.ctrl.flags2.r", "ntp.ctrl.flags2.error",
                "ntp.ctrl.flags2.more", "ntp.ctrl.flags2.opcode");
        item(ntp, "ntp.ctrl.sequence", 2, 2);
        int associd = t.u16(6);
        int opcode = flags2 & 0x1f;
        if ((flags2 & 0x80) != 0) {
            if (pairing.requestIn > 0) {
                requestIn(ntp);
            }
            if ((flags2 & 0x40) != 0) {
                bitmask(ntp, "ntp.ctrl.status", 4, 2, "ntp.ctrl.err_status");
            } else {
                switch (opcode) {
                    case 1, 2, 3, 7 -> {
                        if (associd != 0) {
                            bitmask(ntp, "ntp.ctrl.status", 4, 2, PEER_STATUS);
                        } else {
                            bitmask(ntp, "ntp.ctrl.status", 4, 2, "ntp.ctrl.sys_status.li", "ntp.ctrl.sys_status.clksrc",
                                    "ntp.ctrl.sys_status.count", "ntp.ctrl.sys_status.code");
                        }
                    }
                    case 4, 5 -> bitmask(ntp, "ntp.ctrl.status", 4, 2, "ntp.ctrl.clock_status.status", "ntp.ctrl.clock_status.code");
                    default -> item(ntp, "ntp.ctrl.status", 4, 2);
                }
            }
        } else {
            if (pairing.responseIn > 0) {
                responseIn(ntp);
            }
            item(ntp, "ntp.ctrl.status", 4, 2);
        }
        item(ntp, "ntp.ctrl.associd", 6, 2);
        item(ntp, "ntp.ctrl.offset", 8, 2);
        int count = t.u16(10);
        item(ntp, "ntp.ctrl.count", 10, 2);
        boolean authenticated = false;
        if (count > 0) {
            // an FT_NONE item is cut to what was captured; what is read under it is not
            Tree data = t.at(ntp.none("ntp.ctrl.data", "Data"), 12, Math.max(Math.min(count, t.cap - 12), 0));
            int off = 12;
            switch (opcode) {
                case 1 -> {
                    if (associd == 0) {
                        // <association ID><status> pairs; the status words go under the NTP item
                        for (int left = count; left != 0; left = (left - 4) & 0xffff) {
                            t.need(off, 4);
                            Tree it = t.at(data.none("ntp.ctrl.item", "Item"), off, 4);
                            item(it, "ntp.ctrl.associd", off, 2);
                            bitmask(ntp, "ntp.ctrl.status", off + 2, 2, PEER_STATUS);
                            off += 4;
                        }
                    } else {
                        t.need(off, count); // the "var=value" list (not shown: see the class comment)
                    }
                }
                case 2, 3, 4, 5 -> t.need(off, count);
                case 7 -> item(data, "ntp.ctrl.trapmsg", off, count);
                case 8, 9 -> {
                    item(data, "ntp.ctrl.configuration", off, count);
                    authenticated = true;
                }
                case 10 -> {
                    item(data, "ntp.ctrl.mru", off, count);
                    authenticated = true;
                }
                case 11 -> {
                    item(data, "ntp.ctrl.ordlist", off, count);
                    authenticated = true;
                }
                case 12 -> {
                    item(data, "ntp.ctrl.nonce", off, count);
                    authenticated = true;
                }
                default -> { }
            }
        }
        if ((flags2 & 0x80) == 0 || authenticated) {
            int off = 12 + count;
            int left = remaining(off);
            int padding = (off & 7) != 0 ? 8 - (off & 7) : 0;
            if (left > padding) {
                if (padding > 0) {
                    item(ntp, "ntp.padding", off, padding);
                    off += padding;
                    left -= padding;
                }
                Tree auth = t.at(ntp.text("Authenticator"), off, Math.max(t.cap - off, 0));
                if (left == 20 || left == 24) {
                    String algorithm = left == 20 ? "MD5" : "SHA";
                    String code = left == 20 ? "0" : "1";
                    t.at(auth.field("ntp.key_type", "Key type: " + algorithm + " (" + code + ")", code).generated(), off, 0);
                    item(auth, "ntp.key_index", off, 4);
                    item(auth, "ntp.key_signature", off + 4, left - 4);
                }
            }
        }
    }

    private static final String[] PEER_STATUS = {"ntp.ctrl.peer_status.config", "ntp.ctrl.peer_status.authenable",
        "ntp.ctrl.peer_status.authentic", "ntp.ctrl.peer_status.reach", "ntp.ctrl.peer_status.bcast",
        "ntp.ctrl.peer_status.selection", "ntp.ctrl.peer_status.count", "ntp.ctrl.peer_status.code"};

    // ---- mode 7 ---------------------------------------------------------------------------------

    private void priv(Tree ntp) {
        int flags = bitmask(ntp, "ntp.flags", 0, 1, "ntp.priv.flags.r", "ntp.priv.flags.more", "ntp.flags.vn", "ntp.flags.mode");
        int authSeq = bitmask(ntp, "ntp.priv.auth_seq", 1, 1, "ntp.priv.auth", "ntp.priv.seq");
        int impl = t.u8(2);
        item(ntp, "ntp.priv.impl", 2, 1);
        int reqcode = t.u8(3);
        item(ntp, "ntp.priv.reqcode", 3, 1);
        boolean response = (flags & 0x80) != 0;
        info.append(", ").append(response ? "Response" : "Request").append(", ").append(REGISTRY.name("ntp.priv.reqcode", reqcode));
        if (response && pairing.requestIn > 0) {
            requestIn(ntp);
        } else if (!response && pairing.responseIn > 0) {
            responseIn(ntp);
        }
        if (impl == 3) {
            // each bit item reads its own bytes, in this order
            bits(ntp, "ntp.priv.err", 4, 1, 32, 4, t.u8(4) >> 4);
            int items = t.u16(4) & 0xfff;
            bits(ntp, "ntp.priv.numitems", 4, 2, 36, 12, items);
            bits(ntp, "ntp.priv.reserved", 6, 1, 48, 4, t.u8(6) >> 4);
            int size = t.u16(6) & 0xfff;
            bits(ntp, "ntp.priv.itemsize", 6, 2, 52, 12, size);
            String[] spec = ITEMS.get(reqcode);
            for (int i = 0; i < items; i++) {
                int off = (8 + size * i) & 0xffff;
                if (reqcode == 20 || reqcode == 42) {
                    monlist(ntp, off, size, reqcode == 42);
                    continue;
                }
                t.need(off, size);
                Tree it = t.at(ntp.field("ntp.priv.mode7.item", REGISTRY.name("ntp.priv.reqcode", reqcode) + " Item", ""), off, size);
                if (spec != null) {
                    fields(it, off, spec);
                }
            }
        }
        if (!response && (authSeq & 0x80) != 0) {
            time(ntp, "ntp.priv.tstamp", 184);
            item(ntp, "ntp.keyid", 192, 4);
            int len = remaining(196);
            if (len != 0) {
                item(ntp, "ntp.mac", 196, len);
            }
        }
    }

    /** A monitor list entry (MON_GETLIST, and MON_GETLIST_1 with local address and flags). */
    private void monlist(Tree ntp, int off, int size, boolean one) {
        String address = t.u8(off + 16) + "." + t.u8(off + 17) + "." + t.u8(off + 18) + "." + t.u8(off + 19);
        int port = t.u16(off + (one ? 28 : 20));
        t.need(off, size);
        Tree it = t.at(ntp.field("ntp.priv.mode7.item", "Monlist item: address: " + address + ":" + port, "Monlist Item"), off, size);
        int o = fields(it, off, new String[] {"ntp.priv.monlist.avgint:4", "ntp.priv.monlist.lsint:4", "ntp.priv.monlist.restr:4",
            "ntp.priv.monlist.count:4", "ntp.priv.monlist.remote_address:4"});
        if (one) {
            o = fields(it, o, new String[] {"ntp.priv.monlist.local_address:4", "ntp.priv.monlist.flags:4"});
        }
        o = fields(it, o, new String[] {"ntp.priv.monlist.port:2", "ntp.priv.monlist.mode:1", "ntp.priv.monlist.version:1"});
        long v6 = t.u32(o);
        o = fields(it, o, new String[] {"ntp.priv.monlist.ipv6:4", "ntp.priv.monlist.unused:4"});
        if (v6 != 0) {
            item(it, "ntp.priv.monlist.addr6", o, 16);
            if (one) {
                item(it, "ntp.priv.monlist.daddr6", o + 16, 16);
            }
        }
    }

    /** The items of each request code's data, as "field:length" ("@peer" the peer flags). */
    private static final java.util.Map<Integer, String[]> ITEMS = java.util.Map.of(
            0, new String[] {"ntp.priv.mode7.address:4", "ntp.priv.mode7.port:2", "ntp.priv.mode7.hmode:1", "@peer:1",
                "ntp.priv.mode7.ipv6_flag:4", "ntp.priv.mode7.unused:4", "ntp.priv.mode7.address6:16"},
            1, new String[] {"ntp.priv.mode7.dstaddress:4", "ntp.priv.mode7.srcaddress:4", "ntp.priv.mode7.srcport:2",
                "ntp.stratum:1", "ntp.priv.mode7.hpoll:1", "ntp.ppoll:1", "ntp.priv.mode7.reach:1", "@peer:1",
                "ntp.priv.mode7.hmode:1", "ntp.priv.mode7.delay:4", "ntp.priv.mode7.offset:8", "ntp.priv.mode7.dispersion:4",
                "ntp.priv.mode7.ipv6_flag:4", "ntp.priv.mode7.unused:4", "ntp.priv.mode7.dstaddress6:16",
                "ntp.priv.mode7.srcaddress6:16"},
            8, new String[] {"ntp.priv.mode7.last_offset:8", "ntp.priv.mode7.drift_comp:8", "ntp.priv.mode7.compliance:4",
                "ntp.priv.mode7.watchdog_timer:4"},
            28, new String[] {"ntp.priv.mode7.timereset:4", "ntp.priv.mode7.numkeys:4", "ntp.priv.mode7.numfreekeys:4",
                "ntp.priv.mode7.keylookups:4", "ntp.priv.mode7.keynotfound:4", "ntp.priv.mode7.encryptions:4",
                "ntp.priv.mode7.decryptions:4", "ntp.priv.mode7.expired:4", "ntp.priv.mode7.keyuncached:4"},
            38, new String[] {"ntp.priv.mode7.kernel_offset:4", "ntp.priv.mode7.freq:4", "ntp.priv.mode7.maxerror:4",
                "ntp.priv.mode7.esterror:4", "ntp.priv.mode7.status:2", "ntp.priv.mode7.shift:2", "ntp.priv.mode7.constant:4",
                "ntp.priv.mode7.precision:4", "ntp.priv.mode7.tolerance:4", "ntp.priv.mode7.ppsfreq:4", "ntp.priv.mode7.jitter:4",
                "ntp.priv.mode7.stabil:4", "ntp.priv.mode7.jitcnt:4", "ntp.priv.mode7.calcnt:4", "ntp.priv.mode7.errcnt:4",
                "ntp.priv.mode7.stbcnt:4"});

    private static final String[] PEER_FLAGS = {"ntp.priv.mode7.peer.flags.config", "ntp.priv.mode7.peer.flags.syspeer",
        "ntp.priv.mode7.peer.flags.burst", "ntp.priv.mode7.peer.flags.refclock", "ntp.priv.mode7.peer.flags.prefer",
        "ntp.priv.mode7.peer.flags.authenable", "ntp.priv.mode7.peer.flags.sel_candidate", "ntp.priv.mode7.peer.flags.shortlist"};

    /** Adds the items of {@code spec} one after another from {@code off}; returns the offset after them. */
    private int fields(Tree parent, int off, String[] spec) {
        for (String s : spec) {
            int colon = s.indexOf(':');
            String name = s.substring(0, colon);
            int len = Integer.parseInt(s.substring(colon + 1));
            if (name.equals("@peer")) {
                bitmask(parent, "ntp.priv.mode7.peer.flags", off, 1, PEER_FLAGS);
            } else {
                item(parent, name, off, len);
            }
            off += len;
        }
        return off;
    }

    // ---- the request/response pairing of tshark's second pass ----------------------------------

    private void responseIn(Tree ntp) {
        t.at(ntp.field("ntp.response_in", "Response In: " + pairing.responseIn, Integer.toString(pairing.responseIn)).generated(), 0, 0);
    }

    private void requestIn(Tree ntp) {
        t.at(ntp.field("ntp.request_in", "Request In: " + pairing.requestIn, Integer.toString(pairing.requestIn)).generated(), 0, 0);
        String d = Text.seconds(pairing.deltaNs);
        t.at(ntp.field("ntp.delta_time", "Delta Time: " + d + " seconds", d).generated(), 0, 0);
    }

    // ---- items as proto.c labels them ----------------------------------------------------------

    /** proto_tree_add_item of field {@code name} over {@code len} bytes at {@code off}. */
    Tree item(Tree parent, String name, int off, int len) {
        Registry.Row r = REGISTRY.row(name);
        switch (r.type()) {
            case "FT_BYTES" -> {
                t.need(off, len);
                return t.at(parent.bytes(name, r.title(), t.s, t.base + off, len), off, len);
            }
            case "FT_STRING", "FT_STRINGZ" -> {
                return t.string(parent, name, r.title(), off, len);
            }
            case "FT_IPv4" -> {
                byte[] b = t.copy(off, 4);
                String a = (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
                return t.at(parent.field(name, r.title() + ": " + a, a), off, 4);
            }
            case "FT_IPv6" -> {
                String a = Text.ipv6(t.copy(off, 16));
                return t.at(parent.field(name, r.title() + ": " + a, a), off, 16);
            }
            case "FT_ABSOLUTE_TIME" -> {
                return time(parent, name, off);
            }
            default -> {
                long v = read(off, len, r.signed());
                String shown = integer(r, v);
                return t.at(parent.field(name, r.title() + ": " + shown, raw(r, v)), off, len);
            }
        }
    }

    /** An item whose value is {@code raw} and whose label shows {@code shown} (proto_tree_add_*_format_value). */
    private Tree value(Tree parent, String name, int off, int len, String shown, String raw) {
        t.need(off, len);
        return t.at(parent.field(name, REGISTRY.row(name).title() + ": " + shown, raw), off, len);
    }

    /** proto_tree_add_bitmask (flags BMT_NO_INT | BMT_NO_TFS); returns the value. */
    private int bitmask(Tree parent, String name, int off, int len, String... children) {
        int v = (int) read(off, len, false);
        Registry.Row r = REGISTRY.row(name);
        StringBuilder label = new StringBuilder();
        if (r.mask() != 0) {
            label.append(Text.bits(v, (int) r.mask(), r.bits())).append(" = ");
        }
        label.append(r.title()).append(": ").append(raw(r, v));
        for (String c : children) {
            Registry.Row cr = REGISTRY.row(c);
            long cv = (v & cr.mask()) >>> Long.numberOfTrailingZeros(cr.mask());
            String part = null;
            if (cr.type().equals("FT_BOOLEAN")) {
                if (cv != 0) {
                    part = cr.title();
                }
            } else {
                String n = REGISTRY.name(c, cv);
                if (n != null) {
                    part = cr.title() + ": " + n;
                }
            }
            if (part != null) {
                label.append(", ").append(part);
            }
        }
        Tree item = t.at(parent.field(name, label.toString(), raw(r, v)), off, len);
        for (String c : children) {
            Registry.Row cr = REGISTRY.row(c);
            long cv = (v & cr.mask()) >>> Long.numberOfTrailingZeros(cr.mask());
            String bits = Text.bits(v, (int) cr.mask(), cr.bits());
            if (cr.type().equals("FT_BOOLEAN")) {
                t.at(item.field(c, bits + " = " + cr.title() + ": " + REGISTRY.tfs(c, cv != 0), cv != 0 ? "1" : "0")
                        .bitmask(cr.mask()), off, len);
            } else {
                t.at(item.field(c, bits + " = " + cr.title() + ": " + integer(cr, cv), raw(cr, cv)).bitmask(cr.mask()), off, len);
            }
        }
        return v;
    }

    /** proto_tree_add_bits_item: {@code width} bits from bit {@code bit} of the message, within {@code len} bytes at {@code off}. */
    private void bits(Tree parent, String name, int off, int len, int bit, int width, int value) {
        Registry.Row r = REGISTRY.row(name);
        StringBuilder pattern = new StringBuilder();
        int from = bit - off * 8;
        for (int i = 0; i < len * 8; i++) {
            if (i > 0 && i % 4 == 0) {
                pattern.append(' ');
            }
            if (i > 0 && i % 8 == 0) {
                pattern.append(' ');
            }
            pattern.append(i < from || i >= from + width ? '.' : (value >> (from + width - 1 - i) & 1) == 0 ? '0' : '1');
        }
        t.at(parent.field(name, pattern + " = " + r.title() + ": " + integer(r, value), raw(r, value)), off, len);
    }

    /**
     * An FT_ABSOLUTE_TIME item of 8 bytes in NTP encoding (ENC_TIME_NTP, shown as
     * ABSOLUTE_TIME_NTP_UTC): seconds with the top bit set count from 1900, the others from 2036
     * (era 1); "NULL" when the seconds are zero and the fraction is under a nanosecond.
     */
    private Tree time(Tree parent, String name, int off) {
        long secs = t.u32(off);
        long frac = t.u32(off + 4);
        String title = REGISTRY.row(name).title();
        long epoch = (secs & 0x80000000L) != 0 ? secs - DIFF_1900_1970 : secs + DIFF_1970_2036;
        int nanos = (int) (1000000000 * (frac / 4294967296.0));
        if (secs == 0 && nanos == 0) {
            return t.at(parent.field(name, title + ": NULL", "NULL").time(0, 0), off, 8);
        }
        LocalDateTime d = LocalDateTime.ofEpochSecond(epoch, 0, ZoneOffset.UTC);
        String shown = String.format("%s %2d, %d %02d:%02d:%02d.%09d UTC", MONTHS[d.getMonthValue() - 1], d.getDayOfMonth(),
                d.getYear(), d.getHour(), d.getMinute(), d.getSecond(), nanos);
        return t.at(parent.field(name, title + ": " + shown, shown).time(epoch, nanos), off, 8);
    }

    /**
     * tvb_reported_length_remaining: the reported bytes from {@code off}, and 0 when {@code off}
     * is past the captured ones (the offset itself is out of bounds there).
     */
    private int remaining(int off) {
        return off < 0 || off > t.cap ? 0 : Math.max(t.rep - off, 0);
    }

    private long read(int off, int len, boolean signed) {
        t.need(off, len);
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = v << 8 | t.u8(off + i);
        }
        if (signed && len < 8) {
            v = v << (64 - 8 * len) >> (64 - 8 * len);
        }
        return v;
    }

    /** An integer as its field shows it: a value string's name with the number, or the number in the field's base. */
    private static String integer(Registry.Row r, long v) {
        String n = REGISTRY.name(r.name(), v);
        String number = r.hex() ? hex(v, r.bits()) : r.type().equals("FT_UINT64") ? Long.toUnsignedString(v) : Long.toString(v);
        return n == null ? number : n + " (" + number + ")";
    }

    /** An integer as -T json writes it. */
    private static String raw(Registry.Row r, long v) {
        return r.hex() ? hex(v, r.bits()) : r.type().equals("FT_UINT64") ? Long.toUnsignedString(v) : Long.toString(v);
    }

    private static String hex(long v, int bits) {
        String h = Long.toHexString(v);
        int digits = Math.max(bits / 4, 1);
        return "0x" + "0".repeat(Math.max(digits - h.length(), 0)) + h;
    }

    /** A 16.16 fixed-point number (root delay and dispersion). */
    private static BigDecimal fixed16(long v) {
        return new BigDecimal(v >>> 16).add(new BigDecimal((v & 0xffff) / 65536.0));
    }

    /** printf's "%8.6f" (round half to even on the exact binary value, as glibc does). */
    private static String fixed(BigDecimal d) {
        String s = d.setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        return s.length() >= 8 ? s : " ".repeat(8 - s.length()) + s;
    }
}

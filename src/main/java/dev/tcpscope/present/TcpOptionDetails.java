package dev.tcpscope.present;

import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Tcp;

import java.lang.foreign.MemorySegment;

/**
 * The TCP options subtree, walked as Wireshark 4.0's {@code tcp_dissect_options()} walks it:
 * EOL and NOP without a length, every other option checked against the header before its own
 * dissector runs, each option's short name appended to the {@code Options:} line once it has
 * been dissected. The option dissectors follow packet-tcp.c's {@code dissect_tcpopt_*}.
 */
final class TcpOptionDetails {
    private static final int TFO_EXPERIMENT_ID = 0xf989;
    private final Details x;
    private DetailNode opts;
    private StringBuilder title;
    private MemorySegment s;
    private long base;
    private int layer;
    private TcpRecord r;
    private final MptcpDetails mptcp;
    /** Whether the frame's options held an MPTCP option (Wireshark's {@code th_mptcp}). */
    private boolean sawMptcp;

    TcpOptionDetails(Details x) {
        this.x = x;
        this.mptcp = new MptcpDetails(x);
    }

    /** Whether the options last added held an MPTCP option: {@code [MPTCP analysis]} follows then. */
    boolean sawMptcp() {
        return sawMptcp;
    }

    /** Kind names of packet-tcp.c's {@code tcp_option_kind_vs}. */
    static String kindName(int kind) {
        return switch (kind) {
            case 0 -> "End of Option List";
            case 1 -> "No-Operation";
            case 2 -> "Maximum Segment Size";
            case 3 -> "Window Scale";
            case 4 -> "SACK Permitted";
            case 5 -> "SACK";
            case 6 -> "Echo";
            case 7 -> "Echo Reply";
            case 8 -> "Time Stamp Option";
            case 9 -> "Partial Order Connection Permitted";
            case 10 -> "Partial Order Service Profile";
            case 11 -> "CC";
            case 12 -> "CC.NEW";
            case 13 -> "CC.ECHO";
            case 14 -> "TCP Alternate Checksum Request";
            case 15 -> "TCP Alternate Checksum Data";
            case 16 -> "Skeeter";
            case 17 -> "Bubba";
            case 18 -> "Trailer Checksum Option";
            case 19 -> "MD5 Signature Option";
            case 20 -> "SCPS Capabilities";
            case 21 -> "Selective Negative Acknowledgements";
            case 22 -> "Record Boundaries";
            case 23 -> "Corruption experienced";
            case 24 -> "SNAP";
            case 25 -> "Unassigned";
            case 26 -> "TCP Compression Filter";
            case 27 -> "Quick-Start Response";
            case 28 -> "User Timeout Option";
            case 29 -> "The TCP Authentication Option";
            case 30 -> "Multipath TCP";
            case 34 -> "TCP Fast Open Cookie";
            case 76 -> "Riverbed Probe";
            case 78 -> "Riverbed Transparency";
            case 172 -> "Accurate ECN Order 0";
            case 174 -> "Accurate ECN Order 1";
            case 253 -> "RFC3692-style Experiment 1";
            case 254 -> "RFC3692-style Experiment 2";
            default -> "Unknown";
        };
    }

    /** The short protocol name packet-tcp.c registers for an option kind, or null for none. */
    private static String shortName(int kind) {
        return switch (kind) {
            case 2 -> "Maximum segment size";
            case 3 -> "Window scale";
            case 4 -> "SACK permitted";
            case 5 -> "SACK";
            case 6 -> "Echo";
            case 7 -> "Echo reply";
            case 8 -> "Timestamps";
            case 11 -> "CC";
            case 12 -> "CC.NEW";
            case 13 -> "CC.ECHO";
            case 19 -> "TCP MD5 signature";
            case 27 -> "Quick-Start";
            case 28 -> "User Timeout";
            case 29 -> "TCP AO";
            case 34 -> "TCP Fast Open";
            case 253, 254 -> "Experimental";
            default -> null;
        };
    }

    /**
     * The short name of the dissector packet-tcp.c registers for {@code kind}, which the
     * {@code Options:} line and the length checks name: the options decoded here and those it
     * decodes that tcpscope shows as unknown (SCPS, Riverbed, Accurate ECN), else "Unknown (0xNN)".
     */
    private static String registeredName(int kind) {
        String name = shortName(kind);
        if (name != null) {
            return name;
        }
        return switch (kind) {
            case Tcp.OPT_MPTCP -> "MPTCP";
            case 20 -> "SCPS capabilities";
            case 21 -> "Selective Negative Acknowledgment";
            case 22 -> "SCPS record boundary";
            case 23 -> "SCPS corruption experienced";
            case 76 -> "Riverbed Probe";
            case 78 -> "Riverbed Transparency";
            case 172, 174 -> "Accurate ECN";
            default -> "Unknown (" + Labels.hex(kind, 2) + ")";
        };
    }

    /** Adds the options of layer {@code i} under {@code options}; false when their bytes ran out. */
    boolean add(DetailNode options, int i, TcpRecord rec) {
        opts = options;
        title = new StringBuilder(options.label());
        s = x.d.segment(i);
        base = x.d.offset(i);
        layer = i;
        r = rec;
        sawMptcp = false;
        try {
            return walk();
        } finally {
            opts.relabel(Labels.clip(title.toString()));
        }
    }

    private boolean need(int bytes) {
        return x.bounds(layer, bytes, "TCP");
    }

    private boolean walk() {
        int end = r.headerLength;
        int pos = Tcp.MIN_HEADER_LENGTH;
        int nops = 0;
        boolean eol = false;
        boolean mss = false;
        while (pos < end) {
            if (!need(pos + 1)) {
                return false;
            }
            int kind = Bytes.u8(s, base + pos);
            if (eol && kind != Tcp.OPT_EOL) {
                textExpert(opts, "tcp.non_zero_bytes_after_eol", Expert.Severity.ERROR, Expert.Group.PROTOCOL,
                        "Non-zero header padding");
                return true; // tcp_dissect_options() returns: no check for a missing MSS
            }
            if (kind == Tcp.OPT_EOL || kind == Tcp.OPT_NOP) {
                boolean nop = kind == Tcp.OPT_NOP;
                if (nop) {
                    if (nops == 0 || pos % 4 != 0) {
                        nops++;
                        if (nops == 4) {
                            Expert.add(opts, "tcp.nop", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                                    "4 NOP in a row - a router may have removed some options");
                        }
                    } else {
                        nops = 0;
                    }
                }
                String name = nop ? "No-Operation (NOP)" : "End of Option List (EOL)";
                DetailNode o = opts.field(nop ? "tcp.options.nop" : "tcp.options.eol", "TCP Option - " + name,
                        Labels.hexColons(s, base + pos, 1)).at(s, base + pos, 1);
                kind(o, kind);
                title.append(", ").append(name);
                pos++;
                eol |= !nop;
                continue;
            }
            String name = registeredName(kind);
            if (pos + 1 >= end) {
                textExpert(opts, "tcp.option.len.invalid", Expert.Severity.NOTE, Expert.Group.SEQUENCE,
                        name + " (length byte past end of options)");
                return true; // tcp_dissect_options() returns: no check for a missing MSS
            }
            if (!need(pos + 2)) {
                return false;
            }
            int len = Bytes.u8(s, base + pos + 1);
            if (len < 2) {
                textExpert(opts, "tcp.option.len.invalid", Expert.Severity.NOTE, Expert.Group.SEQUENCE,
                        name + " (with too-short option length = " + len + Details.bytes(len) + ")");
                return true; // tcp_dissect_options() returns: no check for a missing MSS
            }
            if (pos + len > end) {
                textExpert(opts, "tcp.option.len.invalid", Expert.Severity.NOTE, Expert.Group.SEQUENCE,
                        name + " (option length = " + len + Details.bytes(len) + " says option goes past end of options)");
                return true; // tcp_dissect_options() returns: no check for a missing MSS
            }
            mss |= kind == Tcp.OPT_MSS;
            if (!option(kind, pos, len)) {
                return false;
            }
            title.append(", ").append(name);
            pos += len;
        }
        if ((r.flags & Tcp.SYN) != 0 && !mss) {
            Expert.add(opts, "tcp.options.mss.absent", Expert.Severity.NOTE, Expert.Group.PROTOCOL,
                    "The SYN packet does not contain a MSS option");
        }
        return true;
    }

    /** An item whose label is an expert message, with that expert under it (proto_tree_add_expert). */
    private static void textExpert(DetailNode parent, String key, Expert.Severity sev, Expert.Group group, String message) {
        Expert.add(parent.text(message), key, sev, group, message);
    }

    /** The option's kind byte, under {@code o} (whose position is the option's). */
    private DetailNode kind(DetailNode o, int kind) {
        return o.field("tcp.option_kind", "Kind: " + kindName(kind) + " (" + kind + ")", kind)
                .at(s, o.atOffset(), 1);
    }

    private DetailNode length(DetailNode o, int len) {
        return o.field("tcp.option_len", "Length: " + len, len).at(s, o.atOffset() + 1, 1);
    }

    /** Adds the option item; its value is whatever of the option was captured. */
    private DetailNode item(String key, String label, int pos, int len) {
        int have = Math.max(0, Math.min(len, x.d.captured(layer) - pos));
        return opts.field(key, label, Labels.hexColons(s, base + pos, have)).at(s, base + pos, len);
    }

    /** Checks the option's fixed length, as tcp_option_len_check(); false leaves the option there. */
    private static boolean lengthIs(DetailNode lengthItem, int len, int expected) {
        if (len != expected) {
            Expert.add(lengthItem, "tcp.option.len.invalid", Expert.Severity.NOTE, Expert.Group.SEQUENCE,
                    "option length should be " + expected);
            return false;
        }
        return true;
    }

    /*
     * option is cut into one method per option: each label's string concatenation is a call site
     * that C1 inlines whole, and the switch in one piece took 20 MB to compile with C1, past the
     * launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */
    private boolean option(int kind, int pos, int len) {
        return switch (kind) {
            case Tcp.OPT_MSS -> mss(pos, len);
            case Tcp.OPT_WS -> windowScale(pos, len);
            case Tcp.OPT_SACK_PERM -> {
                DetailNode it = item("tcp.options.sack_perm", "TCP Option - SACK permitted", pos, len);
                kind(it, kind);
                lengthIs(length(it, len), len, 2);
                yield true;
            }
            case Tcp.OPT_SACK -> sack(pos, len);
            case Tcp.OPT_TIMESTAMP -> timestamps(pos, len);
            case Tcp.OPT_TFO -> {
                DetailNode it = item("tcp.options.tfo", "TCP Option - TCP Fast Open", pos, len);
                kind(it, kind);
                length(it, len);
                yield tfoPayload(it, pos, len, 2);
            }
            case Tcp.OPT_EXP1, Tcp.OPT_EXP2 -> experimental(kind, pos, len);
            case Tcp.OPT_MPTCP -> {
                sawMptcp = true;
                yield mptcp.add(opts, s, base + pos, pos, len, x.d.captured(layer) - pos, r);
            }
            case Tcp.OPT_QUICK_START -> quickStart(pos, len);
            case Tcp.OPT_USER_TIMEOUT -> userTimeout(pos, len);
            case Tcp.OPT_MD5 -> md5(pos, len);
            default -> other(kind, pos, len);
        };
    }

    private boolean mss(int pos, int len) {
        long o = base + pos;
        DetailNode it = item("tcp.options.mss", "TCP Option - Maximum segment size", pos, len);
        if ((r.flags & Tcp.SYN) == 0) {
            Expert.add(it, "tcp.options.mss.present", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                    "The non-SYN packet does contain a MSS option");
        }
        kind(it, Tcp.OPT_MSS);
        if (!lengthIs(length(it, len), len, 4)) {
            return true;
        }
        if (!need(pos + 4)) {
            return false;
        }
        int mss = Bytes.u16(s, o + 2);
        it.field("tcp.options.mss_val", "MSS Value: " + mss, mss).at(s, o + 2, 2);
        it.relabel(it.label() + ": " + mss + " bytes");
        return true;
    }

    private boolean windowScale(int pos, int len) {
        long o = base + pos;
        DetailNode it = item("tcp.options.wscale", "TCP Option - Window scale", pos, len);
        kind(it, Tcp.OPT_WS);
        if (!lengthIs(length(it, len), len, 3)) {
            return true;
        }
        if (!need(pos + 3)) {
            return false;
        }
        int shift = Bytes.u8(s, o + 2);
        DetailNode sh = it.field("tcp.options.wscale.shift", "Shift count: " + shift, shift)
                .at(s, o + 2, 1);
        int used = shift;
        if (shift > 14) {
            used = 14;
            Expert.add(sh, "tcp.options.wscale.shift.invalid", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                    "Window scale shift exceeds 14");
        }
        it.field("tcp.options.wscale.multiplier", "Multiplier: " + (1 << used), 1 << used)
                .generated().at(s, o + 2, 1);
        it.relabel(it.label() + ": " + shift + " (multiply by " + (1 << used) + ")");
        return true;
    }

    private boolean timestamps(int pos, int len) {
        long o = base + pos;
        DetailNode it = item("tcp.options.timestamp", "TCP Option - Timestamps", pos, len);
        kind(it, Tcp.OPT_TIMESTAMP);
        if (!lengthIs(length(it, len), len, 10)) {
            return true;
        }
        if (!need(pos + 10)) {
            return false;
        }
        long val = Bytes.u32(s, o + 2);
        long ecr = Bytes.u32(s, o + 6);
        it.field("tcp.options.timestamp.tsval", "Timestamp value: " + val, val).at(s, o + 2, 4);
        it.field("tcp.options.timestamp.tsecr", "Timestamp echo reply: " + ecr, ecr).at(s, o + 6, 4);
        it.relabel(it.label() + ": TSval " + val + ", TSecr " + ecr);
        return true;
    }

    private boolean quickStart(int pos, int len) {
        // RFC 4782 §4.2: the response names the approved rate; packet-tcp.c calls the
        // field after it "QS Rate" too, though it holds the TTL difference
        long o = base + pos;
        DetailNode it = item("tcp.options.qs", "TCP Option - Quick-Start", pos, len);
        kind(it, Tcp.OPT_QUICK_START);
        if (!lengthIs(length(it, len), len, 8)) {
            return true;
        }
        if (!need(pos + 3)) {
            return false;
        }
        int b = Bytes.u8(s, o + 2);
        it.field("tcp.options.qs.rate", Bits.pattern(b, 0x0f, 8) + "QS Rate: " + Ipv4Options.qsRate(b)
                + " (" + (b & 0x0f) + ")", b & 0x0f).at(s, o + 2, 1);
        if (!need(pos + 4)) {
            return false;
        }
        int diff = Bytes.u8(s, o + 3);
        it.field("tcp.options.qs.ttl_diff", "QS Rate: " + diff, diff).at(s, o + 3, 1);
        return true;
    }

    private boolean userTimeout(int pos, int len) {
        long o = base + pos;
        DetailNode it = item("tcp.options.user_to", "TCP Option - User Timeout", pos, len);
        kind(it, Tcp.OPT_USER_TIMEOUT);
        if (!lengthIs(length(it, len), len, 4)) {
            return true;
        }
        if (!need(pos + 4)) {
            return false;
        }
        int v = Bytes.u16(s, o + 2);
        boolean minutes = (v & 0x8000) != 0;
        it.field("tcp.options.user_to_granularity", Bits.pattern(v, 0x8000, 16) + "Granularity: "
                + (minutes ? "Minutes" : "Seconds"), minutes ? "1" : "0").at(s, o + 2, 2);
        it.field("tcp.options.user_to_val", Bits.pattern(v, 0x7fff, 16) + "User Timeout: " + (v & 0x7fff),
                Integer.toString(v & 0x7fff)).at(s, o + 2, 2);
        return true;
    }

    private boolean md5(int pos, int len) {
        // RFC 2385: packet-tcp.c's dissect_tcpopt_md5 shows the 16-byte digest (BGP sessions carry it)
        long o = base + pos;
        DetailNode it = item("tcp.options.md5", "TCP Option - TCP MD5 signature", pos, len);
        kind(it, Tcp.OPT_MD5);
        if (!lengthIs(length(it, len), len, 18)) {
            return true;
        }
        if (!need(pos + 18)) {
            return false;
        }
        it.field("tcp.options.md5.digest", "MD5 digest: " + Labels.hexShort(s, o + 2, 16),
                Labels.hexColons(s, o + 2, 16)).at(s, o + 2, 16);
        return true;
    }

    /** Any other option: its kind and length, and an unknown one's payload. */
    private boolean other(int kind, int pos, int len) {
        long o = base + pos;
        String shortName = shortName(kind);
        DetailNode it = item(shortName != null ? "tcp.options." + keyOf(kind) : "tcp.options.unknown",
                "TCP Option - " + (shortName != null ? shortName : "Unknown"), pos, len);
        kind(it, kind);
        length(it, len);
        if (shortName == null && len > 2) {
            if (!need(pos + len)) {
                return false;
            }
            it.field("tcp.options.unknown.payload", "Payload: " + Labels.hexShort(s, o + 2, len - 2),
                    Labels.hexColons(s, o + 2, len - 2)).at(s, o + 2, len - 2);
        }
        return true;
    }

    private static String keyOf(int kind) {
        return switch (kind) {
            case 6 -> "echo";
            case 7 -> "echoreply";
            case 11 -> "cc";
            case 12 -> "ccnew";
            case 13 -> "ccecho";
            case 19 -> "md5";
            case 27 -> "qs";
            case 28 -> "user_to";
            case 29 -> "ao";
            default -> "unknown";
        };
    }

    private boolean sack(int pos, int len) {
        DetailNode it = item("tcp.options.sack", "TCP Option - SACK", pos, len);
        kind(it, Tcp.OPT_SACK);
        length(it, len);
        long o = base + pos;
        int left = len - 2;
        int at = 2;
        int ranges = 0;
        long firstLe = 0, firstRe = 0, secondLe = 0, secondRe = 0;
        StringBuilder label = new StringBuilder(it.label());
        try {
            while (left > 0) {
                if (left < 4) {
                    textExpert(it, "tcp.suboption_malformed", Expert.Severity.ERROR, Expert.Group.MALFORMED,
                            "suboption would go past end of option");
                    break;
                }
                if (!need(pos + at + 4)) {
                    return false;
                }
                long le = (Bytes.u32(s, o + at) - r.sackBase) & 0xffffffffL;
                it.field("tcp.options.sack_le", "left edge = " + le + " (relative)", le).at(s, o + at, 4);
                left -= 4;
                if (left < 4) {
                    textExpert(it, "tcp.suboption_malformed", Expert.Severity.ERROR, Expert.Group.MALFORMED,
                            "suboption would go past end of option");
                    break;
                }
                if (!need(pos + at + 8)) {
                    return false;
                }
                long re = (Bytes.u32(s, o + at + 4) - r.sackBase) & 0xffffffffL;
                left -= 4;
                it.field("tcp.options.sack_re", "right edge = " + re + " (relative)", re).at(s, o + at + 4, 4);
                if (ranges == 0) {
                    firstLe = le;
                    firstRe = re;
                } else if (ranges == 1) {
                    secondLe = le;
                    secondRe = re;
                }
                ranges++;
                label.append(' ').append(le).append('-').append(re);
                at += 8;
            }
        } finally {
            it.relabel(label.toString());
        }
        it.field("tcp.options.sack.count", "TCP SACK Count: " + ranges, ranges).generated();
        // RFC 2883 §4: a first block at or below the cumulative ACK, or inside the second block.
        long ack = r.ack;
        boolean dsack = ranges > 0 && (le(firstRe, ack)
                || ranges > 1 && lt(secondLe, firstRe) && le(firstRe, secondRe));
        if (ranges == 0) {
            dsack = le(0, ack); // Wireshark compares its zeroed first edge with the ACK
        }
        if (dsack && need(pos + 10)) {
            long le = (Bytes.u32(s, o + 2) - r.sackBase) & 0xffffffffL;
            long re = (Bytes.u32(s, o + 6) - r.sackBase) & 0xffffffffL;
            it.field("tcp.options.sack.dsack_le", "D-SACK Left Edge = " + le + " (relative)", le).generated()
                    .at(s, o + 2, 4);
            it.field("tcp.options.sack.dsack_re", "D-SACK Right Edge = " + re + " (relative)", re).generated()
                    .at(s, o + 6, 4);
            Expert.add(it.text("D-SACK Sequence").at(s, o + 2, 8), "tcp.options.sack.dsack", Expert.Severity.WARNING,
                    Expert.Group.SEQUENCE, "D-SACK Sequence"); // proto_tree_add_expert over the first block
        } else if (dsack) {
            return false;
        }
        return true;
    }

    /** Sequence-space comparisons mod 2^32, as Wireshark's LE_SEQ / LT_SEQ. */
    private static boolean le(long a, long b) {
        return (int) (a - b) <= 0;
    }

    private static boolean lt(long a, long b) {
        return (int) (a - b) < 0;
    }

    private boolean tfoPayload(DetailNode it, int pos, int len, int at) {
        int optlen = len - at + 2;
        if (optlen == 2) {
            it.none("tcp.options.tfo.request", "Fast Open Cookie Request").at(s, base + pos + at - 2, 2);
        } else if (optlen > 2) {
            if (!need(pos + len)) {
                return false;
            }
            DetailNode c = it.field("tcp.options.tfo.cookie", "Fast Open Cookie: " + Labels.hexShort(s, base + pos + at, len - at),
                    Labels.hexColons(s, base + pos + at, len - at)).at(s, base + pos + at, len - at);
            if ((r.flags & (Tcp.SYN | Tcp.ACK_FLAG)) == Tcp.SYN) {
                Expert.add(c, "tcp.analysis.tfo_syn", Expert.Severity.NOTE, Expert.Group.SEQUENCE, "TCP SYN with TFO Cookie");
            }
        }
        return true;
    }

    private boolean experimental(int kind, int pos, int len) {
        DetailNode it = item("tcp.options.experimental", "TCP Option - Experimental", pos, len);
        kind(it, kind);
        length(it, len);
        if (len < 4) {
            return true;
        }
        if (!need(pos + 4)) {
            return false;
        }
        int exid = Bytes.u16(s, base + pos + 2);
        if (exid == TFO_EXPERIMENT_ID) {
            it.field("tcp.options.experimental.exid", "Experiment Identifier: Fast Open (" + Labels.hex(exid, 4) + ")",
                    Labels.hex(exid, 4)).at(s, base + pos + 2, 2);
            it.relabel(it.label() + ": Fast Open");
            return tfoPayload(it, pos, len, 4);
        }
        it.field("tcp.options.experimental.exid", "Experiment Identifier: Unknown (" + Labels.hex(exid, 4) + ")",
                Labels.hex(exid, 4)).at(s, base + pos + 2, 2);
        if (len > 4) {
            if (!need(pos + len)) {
                return false;
            }
            it.field("tcp.options.experimental.data", "Data: " + Labels.hexShort(s, base + pos + 4, len - 4),
                    Labels.hexColons(s, base + pos + 4, len - 4)).at(s, base + pos + 4, len - 4);
        }
        return true;
    }
}

package dev.tcpscope.proto.cotp;

import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.AppColumns;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * ISO 8073 / X.224 COTP as Wireshark 4.0.17's packet-ositp.c dissects it over TPKT
 * ({@code dissect_ositp_internal}): the TPDUs of one TPKT payload in a row, each appending its
 * Info ("DT TPDU (0) EOT", "CR TPDU src-ref: 0x0000 dst-ref: 0x0000"), ", " between them.
 *
 * <p>Data TPDUs are reassembled as the dissector does ({@code fragment_add_seq_next}, keyed by
 * direction and destination reference): a DT without its EOT bit waits, the next one with it
 * completes the unit, and a unit of several shows its segments and a "Reassembled COTP" source.
 * Classes 0 and 1 carry no destination reference in a DT; packet-ositp.c makes one from a
 * counter shared by every connection of the capture ({@code cotp_dst_ref}, moved by a frame
 * whose last DT has no EOT after one that had it) plus the conversation's index shifted left 16
 * bits; the index here is the TCP stream's (Wireshark's counts every conversation of any
 * protocol, so a capture with UDP conversations before its COTP one numbers them differently).
 *
 * <p>Built: DT in its four non-ATN formats with the checksum parameter checked, CR, CC and DR
 * with their variable part, ER, DC, AK, EA, RJ and ED; what RDP's and S7's heuristics read is not
 * built (docs/COTP.md).
 */
final class Cotp {
    static final int ED = 0x1, EA = 0x2, UD = 0x4, RJ = 0x5, AK = 0x6, ER = 0x7, DR = 0x8, DC = 0xc, CC = 0xd, CR = 0xe, DT = 0xf;
    private static final int VP_CHECKSUM = 0xc3;
    /** Bytes of a unit waiting for its EOT, and units waiting at once, before the oldest is given up. */
    static final int MAX_UNIT = 1 << 20, MAX_WAITING = 4096;

    /** Thrown where packet-ositp.c reads past the bytes (a bounds exception). */
    static final class Past extends RuntimeException {
        Past() {
            super(null, null, false, false);
        }
    }

    private static final Past PAST = new Past();

    /** A unit waiting for its EOT: its fragments' frames and bytes. */
    private static final class Unit {
        final List<Integer> frames = new ArrayList<>(4);
        final List<byte[]> parts = new ArrayList<>(4);
        int bytes;
    }

    private final Map<Long, Unit> waiting = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Unit> e) {
            return size() > MAX_WAITING;
        }
    };

    /** cotp_dst_ref (a guint16), cotp_last_fragment, and the frame-end routines registered in the frame being read. */
    private int dstRefCounter;
    private boolean lastFragment;
    private int endRoutines;
    private long routinesFrame = -1;

    /** Runs the frame-end routines of an earlier frame before anything of {@code frame} is read. */
    void frame(long frame) {
        if (routinesFrame != frame) {
            for (; endRoutines > 0; endRoutines--) {
                if (!lastFragment) {
                    dstRefCounter = (dstRefCounter - 1) & 0xffff;
                }
            }
            routinesFrame = frame;
        }
    }

    static int u8(MemorySegment s, long off, long end) {
        if (off >= end) {
            throw PAST;
        }
        return Text.u8(s, off);
    }

    static int u16(MemorySegment s, long off, long end) {
        return u8(s, off, end) << 8 | u8(s, off + 1, end);
    }

    static long u32(MemorySegment s, long off, long end) {
        return (long) u16(s, off, end) << 16 | u16(s, off + 2, end);
    }

    /**
     * dissect_ositp_internal over {@code [off, end)}: adds its TPDUs to {@code out} and writes
     * the Info; returns false where it found no valid TPDU (the Protocol column stays). Throws
     * {@link Past} where a read runs past {@code end}.
     */
    boolean dissect(MemorySegment s, long off, long end, int frame, int stream, boolean forward,
                    AppColumns columns, List<Tpdu> out) {
        columns.setInfo("");
        boolean first = true;
        boolean found = false;
        long p = off;
        while (p < end) {
            if (!first) {
                columns.appendInfo(", ");
            }
            int li = u8(s, p, end);
            if (li == 0) {
                columns.appendInfo("Length indicator is zero");
                if (!first) {
                    out.add(dataAfter(s, p, end));
                }
                return found;
            }
            int type = u8(s, p + 1, end) >> 4;
            Tpdu t = new Tpdu(s, p, end, li, type);
            t.firstInMessage = first;
            out.add(t); // kept if a read past the bytes ends the dissection: its tree shows what was read
            boolean ok = switch (type) {
                case DT -> dt(t, frame, stream, forward, columns);
                case CR, CC -> crCc(t, columns);
                case DR -> dr(t, columns);
                case ER -> er(t, columns);
                case DC -> dc(t, columns);
                case AK -> ak(t, columns);
                case EA -> ea(t, columns);
                case RJ -> rj(t, columns);
                case ED -> ed(t, columns);
                default -> {
                    if (first) {
                        columns.appendInfo("Unknown TPDU type (0x" + Integer.toHexString(type) + ")");
                    }
                    yield false;
                }
            };
            if (!ok) {
                out.remove(out.size() - 1);
                if (!first) {
                    out.add(dataAfter(s, p, end));
                }
                break;
            }
            if (first) {
                columns.setProtocol("COTP");
                found = true;
            }
            p = t.type == DT || t.type == DR || t.type == ED || t.type == CR || t.type == CC ? end : p + li + 1;
            first = false;
        }
        return found;
    }

    /** The rest of a payload after a TPDU that was not valid: the data dissector's. */
    private static Tpdu dataAfter(MemorySegment s, long p, long end) {
        Tpdu d = new Tpdu(s, p, end, -1, -1);
        d.dataOff = p;
        d.dataLen = (int) (end - p);
        return d;
    }

    private boolean dt(Tpdu t, int frame, int stream, boolean forward, AppColumns columns) {
        MemorySegment s = t.s;
        long o = t.off;
        t.class234 = t.li > 2;
        switch (t.li) {
            case 4, 8, 7, 11 -> {
                if (!numbered(t, false, true)) {
                    return false;
                }
            }
            case 2 -> {
                int nr = u8(s, o + 2, t.end);
                t.fragment = (nr & 0x80) == 0;
                t.tpduNr = nr & 0x7f;
                lastFragment = t.fragment;
                t.dstRef = dstRefCounter + (stream << 16);
                if (!t.fragment) {
                    dstRefCounter = (dstRefCounter + 1) & 0xffff;
                    endRoutines++;
                }
            }
            default -> {
                return false;
            }
        }
        columns.appendInfo(t.class234
                ? "DT TPDU (" + t.tpduNr + ") dst-ref: " + hex4(t.dstRef)
                : "DT TPDU (" + t.tpduNr + ")");
        t.dataOff = o + t.li + 1;
        if (t.dataOff > t.end) {
            throw PAST; // the variable part runs past the bytes
        }
        t.dataLen = (int) (t.end - t.dataOff);
        columns.appendInfo(t.fragment ? " [COTP fragment, " + t.dataLen + (t.dataLen == 1 ? " byte]" : " bytes]") : " EOT");
        reassemble(t, frame, stream, forward);
        return true;
    }

    /** fragment_add_seq_next: a unit of several DTs completes at its EOT. */
    private void reassemble(Tpdu t, int frame, int stream, boolean forward) {
        long key = ((long) stream << 33) | (forward ? 1L << 32 : 0) | (t.dstRef & 0xffffffffL);
        Unit u = waiting.get(key);
        if (t.fragment) {
            if (u == null) {
                u = new Unit();
                waiting.put(key, u);
            }
            if (u.bytes + t.dataLen > MAX_UNIT) {
                waiting.remove(key); // given up: its EOT shows its own bytes only
                return;
            }
            byte[] b = new byte[t.dataLen];
            MemorySegment.copy(t.s, java.lang.foreign.ValueLayout.JAVA_BYTE, t.dataOff, b, 0, t.dataLen);
            u.frames.add(frame);
            u.parts.add(b);
            u.bytes += t.dataLen;
            return;
        }
        if (u == null) {
            return;
        }
        waiting.remove(key);
        int n = u.parts.size() + 1;
        byte[] all = new byte[u.bytes + t.dataLen];
        t.segmentFrames = new int[n];
        t.segmentLengths = new int[n];
        int at = 0;
        for (int i = 0; i < n - 1; i++) {
            byte[] b = u.parts.get(i);
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
            t.segmentFrames[i] = u.frames.get(i);
            t.segmentLengths[i] = b.length;
        }
        MemorySegment.copy(t.s, java.lang.foreign.ValueLayout.JAVA_BYTE, t.dataOff, all, at, t.dataLen);
        t.segmentFrames[n - 1] = frame;
        t.segmentLengths[n - 1] = t.dataLen;
        t.reassembled = all;
    }

    private static boolean crCc(Tpdu t, AppColumns columns) {
        if (t.li < 6) {
            return false; // LI_MIN_CR_CC... a fixed part of six octets
        }
        t.dstRef = u16(t.s, t.off + 2, t.end);
        t.srcRef = u16(t.s, t.off + 4, t.end);
        t.classOption = u8(t.s, t.off + 6, t.end);
        if ((t.classOption >> 4) > 4) {
            return false;
        }
        columns.appendInfo((t.type == CR ? "CR" : "CC") + " TPDU src-ref: " + hex4(t.srcRef) + " dst-ref: " + hex4(t.dstRef));
        varPart(t, Tree.NOTHING, t.off + 7, t.li - 6, t.classOption >> 4); // throws where tshark's does
        t.dataOff = Math.min(t.end, t.off + t.li + 1);
        t.dataLen = (int) (t.end - t.dataOff);
        return true;
    }

    private static final String[] CAUSES = new String[256];

    static {
        String[] low = {"Reason not specified", "Congestion at TSAP", "Session entity not attached to TSAP", "Address unknown"};
        System.arraycopy(low, 0, CAUSES, 0, low.length);
        CAUSES[128] = "Normal Disconnect";
        CAUSES[129] = "Remote transport entity congestion";
        CAUSES[130] = "Connection negotiation failed";
        CAUSES[131] = "Duplicate source reference";
        CAUSES[132] = "Mismatched references";
        CAUSES[133] = "Protocol error";
        CAUSES[135] = "Reference overflow";
        CAUSES[136] = "Connection request refused";
        CAUSES[138] = "Header or parameter length invalid";
    }

    static String cause(int c) {
        return CAUSES[c];
    }

    private static final String[] REJECTS = {"Reason not specified", "Invalid parameter code", "Invalid TPDU type", "Invalid parameter value"};

    static String reject(int c) {
        return c < REJECTS.length ? REJECTS[c] : null;
    }

    private static boolean dr(Tpdu t, AppColumns columns) {
        if (t.li < 6) {
            return false;
        }
        t.dstRef = u16(t.s, t.off + 2, t.end);
        t.srcRef = u16(t.s, t.off + 4, t.end);
        t.cause = u8(t.s, t.off + 6, t.end);
        if (CAUSES[t.cause] == null) {
            return false;
        }
        columns.appendInfo("DR TPDU src-ref: " + hex4(t.srcRef) + " dst-ref: " + hex4(t.dstRef));
        t.dataOff = Math.min(t.end, t.off + t.li + 1);
        t.dataLen = (int) (t.end - t.dataOff);
        return true;
    }

    private static boolean er(Tpdu t, AppColumns columns) {
        if (t.li > 8) {
            return false;
        }
        t.cause = u8(t.s, t.off + 4, t.end);
        if (reject(t.cause) == null) {
            return false;
        }
        t.dstRef = u16(t.s, t.off + 2, t.end);
        columns.appendInfo("ER TPDU dst-ref: " + hex4(t.dstRef));
        return true;
    }

    private static boolean dc(Tpdu t, AppColumns columns) {
        if (t.li > 9) {
            return false;
        }
        t.dstRef = u16(t.s, t.off + 2, t.end);
        t.srcRef = u16(t.s, t.off + 4, t.end);
        columns.appendInfo("DC TPDU src-ref: " + hex4(t.srcRef) + " dst-ref: " + hex4(t.dstRef));
        return true;
    }

    private static boolean ak(Tpdu t, AppColumns columns) {
        if (t.li > 27) {
            return false;
        }
        t.dstRef = u16(t.s, t.off + 2, t.end);
        if ((t.li & 1) == 0) {
            t.tpduNr = u8(t.s, t.off + 4, t.end);
            columns.appendInfo("AK TPDU (" + t.tpduNr + ") dst-ref: " + hex4(t.dstRef));
        } else {
            t.extended = true;
            t.tpduNr = u32(t.s, t.off + 4, t.end);
            columns.appendInfo("AK TPDU (" + t.tpduNr + ") dst-ref: " + hex4(t.dstRef) + " Credit: " + u16(t.s, t.off + 8, t.end));
        }
        return true;
    }

    private static boolean ea(Tpdu t, AppColumns columns) {
        if (!numbered(t, true, false)) {
            return false;
        }
        columns.appendInfo("EA TPDU (" + t.tpduNr + ") dst-ref: " + hex4(t.dstRef));
        return true;
    }

    private static boolean rj(Tpdu t, AppColumns columns) {
        if (t.li == 4) {
            t.tpduNr = u8(t.s, t.off + 4, t.end);
        } else if (t.li == 9) {
            t.tpduNr = u32(t.s, t.off + 4, t.end);
            t.extended = true;
        } else {
            return false;
        }
        t.dstRef = u16(t.s, t.off + 2, t.end);
        columns.appendInfo("RJ TPDU (" + t.tpduNr + ") dst-ref: " + hex4(t.dstRef));
        return true;
    }

    private static boolean ed(Tpdu t, AppColumns columns) {
        if (!numbered(t, false, true)) {
            return false;
        }
        columns.appendInfo("ED TPDU (" + t.tpduNr + ") dst-ref: " + hex4(t.dstRef));
        t.dataOff = Math.min(t.end, t.off + t.li + 1);
        t.dataLen = (int) (t.end - t.dataOff);
        return true;
    }

    /**
     * The numbered formats DT, ED and EA share: length indicator 4 or 8 (a one-byte number, 8 with
     * the checksum parameter) and 7 or 11 (extended, a four-byte number): false for another length
     * or a parameter that is not the checksum ({@code checksumLength}: EA also checks its length
     * byte is 2). Sets the destination reference and the number, its top bit (EOT) taken off when
     * {@code masked}, as packet-ositp.c reads them.
     */
    private static boolean numbered(Tpdu t, boolean checksumLength, boolean masked) {
        boolean extended = t.li == 7 || t.li == 11;
        if (!extended && t.li != 4 && t.li != 8) {
            return false;
        }
        if (t.li == 8 || t.li == 11) {
            long vp = t.off + (extended ? 8 : 5);
            if (u8(t.s, vp, t.end) != VP_CHECKSUM || checksumLength && u8(t.s, vp + 1, t.end) != 2) {
                return false;
            }
        }
        long raw = extended ? u32(t.s, t.off + 4, t.end) : u8(t.s, t.off + 4, t.end);
        long eot = extended ? 0x80000000L : 0x80;
        t.extended = extended;
        t.fragment = (raw & eot) == 0;
        t.tpduNr = masked ? raw & (eot - 1) : raw;
        t.dstRef = u16(t.s, t.off + 2, t.end);
        return true;
    }

    static String hex4(long v) {
        String h = Long.toHexString(v);
        return h.length() >= 4 ? "0x" + h : "0x" + "0000".substring(h.length()) + h;
    }

    static String hex8(long v) {
        return "0x" + String.format("%08x", v);
    }

    static String hex2(long v) {
        String h = Long.toHexString(v);
        return h.length() >= 2 ? "0x" + h : "0x0" + h;
    }

    private static final String[] TYPES = new String[16];

    static {
        TYPES[ED] = "ED Expedited Data";
        TYPES[EA] = "EA Expedited Data Acknowledgement";
        TYPES[RJ] = "RJ Reject";
        TYPES[AK] = "AK Data Acknowledgement";
        TYPES[ER] = "ER TPDU Error";
        TYPES[DR] = "DR Disconnect Request";
        TYPES[DC] = "DC Disconnect Confirm";
        TYPES[CC] = "CC Connect Confirm";
        TYPES[CR] = "CR Connect Request";
        TYPES[DT] = "DT Data";
    }

    /**
     * The tree of {@code t} under {@code root}: the COTP item, then for a DT its reassembly and
     * its user data (the data dissector's; S7 and the other heuristics of the COTP table are not
     * built).
     */
    static void tree(Tpdu t, Tree root, Consumer<String> protocols) {
        if (t.type < 0) {
            Items.data(root, t.s, t.dataOff, t.dataLen, protocols);
            return;
        }
        if (t.firstInMessage) {
            protocols.accept("cotp"); // one call of the COTP dissector for all the TPDUs of a message
        }
        MemorySegment s = t.s;
        long o = t.off;
        int headerLen = (int) Math.min(t.li + 1, t.end - o);
        Tree c = root.protocol("cotp", "ISO 8073/X.224 COTP Connection-Oriented Transport Protocol").at(s, o, headerLen);
        c.field("cotp.li", "Length: " + t.li, Integer.toString(t.li)).at(s, o, 1);
        String typeName = TYPES[t.type];
        Tree typeItem = c.field("cotp.type", "PDU Type: " + typeName + " (" + hex2(t.type) + ")", hex2(t.type))
                .at(s, o + 1, 1);
        switch (t.type) {
            case DT -> dtTree(t, c, root, protocols);
            case CR, CC -> connectTree(t, c, root, protocols);
            case DR -> {
                ref(c, "cotp.destref", "Destination reference", t.dstRef, s, o + 2);
                ref(c, "cotp.srcref", "Source reference", t.srcRef, s, o + 4);
                c.field("cotp.cause", "Cause: " + cause(t.cause) + " (" + t.cause + ")", Integer.toString(t.cause)).at(s, o + 6, 1);
                varPart(t, c, o + 7, t.li - 6, 4);
                c.expert("cotp.disconnect_request", Tree.Severity.CHAT, Tree.Group.SEQUENCE,
                        "Disconnect Request(DR): 0x" + Integer.toHexString(t.srcRef) + " -> 0x" + Integer.toHexString(t.dstRef));
                Items.data(root, s, t.dataOff, t.dataLen, protocols);
            }
            case AK, RJ -> ackTree(t, c, typeItem);
            case DC -> {
                typeItem.expert("cotp.disconnect_confirm", Tree.Severity.CHAT, Tree.Group.SEQUENCE,
                        "Disconnect Confirm(DC): 0x" + Integer.toHexString(t.srcRef) + " -> 0x" + Integer.toHexString(t.dstRef));
                ref(c, "cotp.destref", "Destination reference", t.dstRef, s, o + 2);
                ref(c, "cotp.srcref", "Source reference", t.srcRef, s, o + 4);
            }
            case EA -> {
                ref(c, "cotp.destref", "Destination reference", t.dstRef, s, o + 2);
                String nr = t.extended ? hex8(t.tpduNr) : hex2(t.tpduNr);
                c.field("cotp.next-tpdu-number", "Your TPDU number: " + nr, nr).ftype(t.extended ? 7 : 4).at(s, o + 4, t.extended ? 4 : 1);
            }
            case ED -> {
                ref(c, "cotp.destref", "Destination reference", t.dstRef, s, o + 2);
                if (t.extended) {
                    String nr = hex8(t.tpduNr);
                    c.field("cotp.tpdu-number", "TPDU number: " + nr, nr).ftype(7).bitmask(0).at(s, o + 4, 4);
                } else {
                    int raw = Text.u8(s, o + 4);
                    c.field("cotp.tpdu-number", Text.bits(raw, 0x7f, 8) + " = TPDU number: " + hex2(t.tpduNr), hex2(t.tpduNr))
                            .bitmask(0x7f).at(s, o + 4, 1);
                }
                if (t.dataLen > 0) {
                    Items.data(root, s, t.dataOff, t.dataLen, protocols);
                }
            }
            default -> {
                ref(c, "cotp.destref", "Destination reference", t.dstRef, s, o + 2);
                if (t.type == ER) {
                    c.field("cotp.reject_cause", "Reject cause: " + reject(t.cause) + " (" + t.cause + ")", Integer.toString(t.cause)).at(s, o + 4, 1);
                }
            }
        }
    }

    /*
     * tree hands CR/CC and AK/RJ to their own methods: each label's string concatenation is a call
     * site that C1 inlines whole, and tree with them took 10.1 MB to compile with C1, past the
     * launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** An AK or RJ TPDU's fields. */
    private static void ackTree(Tpdu t, Tree c, Tree typeItem) {
        MemorySegment s = t.s;
        long o = t.off;
        if (t.type == RJ) {
            typeItem.expert("cotp.reject", Tree.Severity.NOTE, Tree.Group.SEQUENCE, "Reject(RJ): -> 0x" + Integer.toHexString(t.dstRef));
        }
        int cdt = Text.u8(s, o + 1) & 0x0f;
        if (!t.extended) {
            c.field("cotp.credit", "Credit: " + cdt, Integer.toString(cdt)).ftype(4).at(s, o + 1, 1); // hf_cotp_credit_cdt, an FT_UINT8
        }
        ref(c, "cotp.destref", "Destination reference", t.dstRef, s, o + 2);
        if (t.extended) {
            String nr = hex8(t.tpduNr);
            c.field("cotp.next-tpdu-number", "Your TPDU number: " + nr, nr).ftype(7).at(s, o + 4, 4);
            int credit = u16(s, o + 8, t.end);
            c.field("cotp.credit", "Credit: " + hex4(credit), hex4(credit)).at(s, o + 8, 2);
        } else {
            c.field("cotp.next-tpdu-number", "Your TPDU number: " + hex2(t.tpduNr), hex2(t.tpduNr)).at(s, o + 4, 1);
        }
    }

    /** A CR or CC TPDU's fields. */
    private static void connectTree(Tpdu t, Tree c, Tree root, Consumer<String> protocols) {
        MemorySegment s = t.s;
        long o = t.off;
        ref(c, "cotp.destref", "Destination reference", t.dstRef, s, o + 2);
        ref(c, "cotp.srcref", "Source reference", t.srcRef, s, o + 4);
        int cls = t.classOption >> 4;
        c.field("cotp.class", Text.bits(t.classOption, 0xf0, 8) + " = Class: " + cls, Integer.toString(cls)).bitmask(0xf0).at(s, o + 6, 1);
        boolean ext = (t.classOption & 2) != 0;
        c.field("cotp.opts.extended_formats", Text.bits(t.classOption, 0x02, 8) + " = Extended formats: " + (ext ? "True" : "False"),
                ext ? "1" : "0").bitmask(0x02).at(s, o + 6, 1);
        boolean noFlow = (t.classOption & 1) != 0;
        c.field("cotp.opts.no_explicit_flow_control", Text.bits(t.classOption, 0x01, 8) + " = No explicit flow control: "
                + (noFlow ? "True" : "False"), noFlow ? "1" : "0").bitmask(0x01).at(s, o + 6, 1);
        varPart(t, c, o + 7, t.li - 6, t.classOption >> 4);
        Items.data(root, s, t.dataOff, t.dataLen, protocols);
    }

    private static final java.util.Map<Integer, String> PARAMETERS = java.util.Map.ofEntries(
            java.util.Map.entry(0x09, "ATN extended checksum - 16 bit"), java.util.Map.entry(0x08, "ATN extended checksum - 32 bit"),
            java.util.Map.entry(0x85, "ack time"), java.util.Map.entry(0x86, "res error"), java.util.Map.entry(0x87, "priority"),
            java.util.Map.entry(0x88, "transit delay"), java.util.Map.entry(0x89, "throughput"), java.util.Map.entry(0x8a, "seq number"),
            java.util.Map.entry(0x8b, "reassignment"), java.util.Map.entry(0x8c, "flow control"), java.util.Map.entry(0xc0, "tpdu-size"),
            java.util.Map.entry(0xc1, "src-tsap"), java.util.Map.entry(0xc2, "dst-tsap"), java.util.Map.entry(0xc3, "checksum"),
            java.util.Map.entry(0xc4, "version"), java.util.Map.entry(0xc5, "protection"), java.util.Map.entry(0xc6, "options"),
            java.util.Map.entry(0xc7, "proto class"), java.util.Map.entry(0xe0, "additional connection clearing info"),
            java.util.Map.entry(0xf0, "preferred max TPDU size"), java.util.Map.entry(0xf2, "inactivity timer"));

    /**
     * ositp_decode_var_part for the parameters a CR, CC or DR carries: each one's code and length,
     * then its value as its code says (TPDU size, TSAPs, version, options, preferred maximum TPDU
     * size, inactivity timer; the others "&lt;not shown&gt;"). Throws {@link Past} where a value
     * runs past the bytes, as tshark's dissection does (RDP's cookie read as parameters).
     */
    static void varPart(Tpdu t, Tree c, long p, int vpLength, int classOption) {
        MemorySegment s = t.s;
        long end = t.end;
        while (vpLength != 0) { // below zero after a value longer than the part: reads on until they run out
            int code = u8(s, p, end);
            String name = PARAMETERS.getOrDefault(code, "Unknown");
            c.field("cotp.parameter_code", "Parameter code: " + name + " (" + hex2(code) + ")", hex2(code)).at(s, p, 1);
            p++;
            vpLength--;
            if (vpLength == 0) {
                break;
            }
            int length = u8(s, p, end);
            c.field("cotp.parameter_length", "Parameter length: " + length, Integer.toString(length)).at(s, p, 1);
            p++;
            vpLength--;
            switch (code) {
                case 0xc0 -> {
                    int size = 1 << (u8(s, p, end) & 0x0f);
                    c.field("cotp.tpdu_size", "TPDU size: " + size, Integer.toString(size)).at(s, p, 1);
                }
                case 0xc1, 0xc2 -> tsap(c, s, p, length, end, code == 0xc1);
                case 0xc4 -> {
                    int v = u8(s, p, end);
                    c.field("cotp.vp_version_nr", "Version: " + v, Integer.toString(v)).at(s, p, 1);
                }
                case 0xc6 -> {
                    int v = u8(s, p, end);
                    if (classOption == 1) {
                        flag(c, s, p, v, 0x08, "cotp.network_expedited_data", "Use of network expedited data", "True", "False");
                        flag(c, s, p, v, 0x04, "cotp.vp_opt_sel_class1_use", "Use", "Receipt confirmation", "explicit AK variant");
                    } else if (classOption == 4) {
                        flag(c, s, p, v, 0x02, "cotp.use_16_bit_checksum", "16 bit checksum", "True", "False");
                    }
                    flag(c, s, p, v, 0x01, "cotp.transport_expedited_data_transfer", "Transport expedited data transfer", "Used", "Not used");
                }
                case 0xf0 -> {
                    if (length < 1 || length > 4) {
                        c.expert("cotp.preferred_maximum_tpdu_size.invalid", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                                "Preferred maximum TPDU size: bogus length " + length + " (not 1, 2, 3, or 4)");
                        return;
                    }
                    long v = 0;
                    for (int i = 0; i < length; i++) {
                        v = v << 8 | u8(s, p + i, end);
                    }
                    c.field("cotp.preferred_maximum_tpdu_size", "Preferred maximum TPDU size: " + v * 128, Long.toString(v * 128)).at(s, p, length);
                }
                case 0xf2 -> {
                    long v = 0;
                    for (int i = 0; i < length; i++) {
                        v = v << 8 | u8(s, p + i, end);
                    }
                    c.field("cotp.inactivity_timer", "Inactivity timer (ms): " + v, Long.toString(v)).at(s, p, length);
                }
                default -> {
                    if (p + length > end) {
                        throw PAST;
                    }
                    c.field("cotp.parameter_value", "Parameter value: <not shown>", Text.hexColons(s, p, length)).at(s, p, length);
                }
            }
            p += length;
            vpLength -= length;
        }
    }

    private static void flag(Tree c, MemorySegment s, long p, int v, int mask, String key, String title, String yes, String no) {
        boolean on = (v & mask) != 0;
        c.field(key, Text.bits(v, mask, 8) + " = " + title + ": " + (on ? yes : no), on ? "1" : "0").bitmask(mask).at(s, p, 1);
    }

    /** A TSAP as print_tsap shows it: its characters when all are printable, else 0x and hex (tsap_display "auto"). */
    private static void tsap(Tree c, MemorySegment s, long p, int length, long end, boolean source) {
        if (p + length > end) {
            throw PAST;
        }
        boolean printable = true;
        for (int i = 0; i < length; i++) {
            int b = Text.u8(s, p + i);
            printable &= b >= 0x20 && b < 0x7f;
        }
        String text;
        if (length <= 0 || length > 32) {
            text = "<unsupported TSAP length>";
        } else if (printable) {
            text = Text.latin1(s, p, length);
        } else {
            StringBuilder sb = new StringBuilder("0x");
            for (int i = 0; i < length; i++) {
                sb.append(String.format("%02x", Text.u8(s, p + i)));
            }
            text = sb.toString();
        }
        String key = source ? "cotp.src-tsap" : "cotp.dst-tsap";
        String title = source ? "Source TSAP" : "Destination TSAP";
        if (printable) {
            c.string(key, title, text).at(s, p, length);
            c.bytes(key + "-bytes", title, s, p, length).hide().at(s, p, length);
        } else {
            c.string(key, title, text).hide().at(s, p, length);
            c.bytes(key + "-bytes", title, s, p, length).at(s, p, length);
        }
    }

    /** A two-byte reference item (cotp.destref, cotp.srcref) at {@code at}. */
    private static void ref(Tree c, String key, String title, int v, MemorySegment s, long at) {
        c.field(key, title + ": " + hex4(v), hex4(v)).at(s, at, 2);
    }

    private static void dtTree(Tpdu t, Tree c, Tree root, Consumer<String> protocols) {
        MemorySegment s = t.s;
        long o = t.off + 2;
        if (t.class234) {
            ref(c, "cotp.destref", "Destination reference", t.dstRef, s, o);
            o += 2;
        } else {
            // an FT_UINT16 given the counter plus the conversation's index shifted: the label shows it all, the value its low 16 bits
            c.field("cotp.destref", "Destination reference: " + hex4(t.dstRef), hex4(t.dstRef & 0xffff)).generated().at(s, o, 0);
        }
        o = tpduNumber(t, c, o);
        if (o + 4 <= t.dataOff) {
            // the checksum parameter (ositp_decode_var_part): code, length, value
            long p = o;
            c.field("cotp.parameter_code", "Parameter code: checksum (0xc3)", "0xc3").at(s, p, 1);
            c.field("cotp.parameter_length", "Parameter length: " + Text.u8(s, p + 1), Integer.toString(Text.u8(s, p + 1))).at(s, p + 1, 1);
            int sum = u16(s, p + 2, t.end);
            if (sum == 0) {
                c.field("cotp.checksum", "Checksum: [missing]", "0x0000").generated().at(s, p + 2, 2);
                c.field("cotp.checksum.status", "Checksum Status: Not present", "3").generated().at(s, p + 2, 2);
            } else {
                // the Fletcher checksum over the whole TPDU is not verified here (docs/COTP.md)
                c.field("cotp.checksum", "Checksum: " + hex4(sum), hex4(sum)).at(s, p + 2, 2);
            }
        }
        if (t.reassembled == null) {
            if (!t.fragment) {
                Items.data(root, s, t.dataOff, t.dataLen, protocols); // a fragment's bytes wait for the rest
            }
            return;
        }
        segments(t, c, root, protocols);
    }

    /*
     * dtTree is cut in three (tpduNumber, segments): each label's string concatenation is a call
     * site that C1 inlines whole, and the method in one piece took 15 MB to compile with C1, past
     * the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** A DT TPDU's number and end-of-TSDU mark at {@code o}; returns the offset after them. */
    private static long tpduNumber(Tpdu t, Tree c, long o) {
        MemorySegment s = t.s;
        boolean eot = !t.fragment;
        if (t.extended) {
            long raw = u32(s, o, t.end);
            // hf_cotp_tpdu_number_extended: the same name as the 8-bit field, an FT_UINT32 without mask
            c.field("cotp.tpdu-number", "TPDU number: " + hex8(t.tpduNr), hex8(t.tpduNr)).ftype(7).bitmask(0).at(s, o, 4);
            c.field("cotp.eot", Text.bits((int) raw, 0x80000000, 32) + " = Last data unit: " + (eot ? "Yes" : "No"), eot ? "1" : "0").bitmask(0x80000000L).at(s, o, 4);
            o += 4;
        } else {
            int raw = u8(s, o, t.end);
            c.field("cotp.tpdu-number", Text.bits(raw, 0x7f, 8) + " = TPDU number: " + hex2(t.tpduNr), hex2(t.tpduNr)).bitmask(0x7f).at(s, o, 1);
            c.field("cotp.eot", Text.bits(raw, 0x80, 8) + " = Last data unit: " + (eot ? "Yes" : "No"), eot ? "1" : "0").bitmask(0x80).at(s, o, 1);
            o += 1;
        }
        return o;
    }

    /** The reassembled message: the segment data, the segments and their frames, then the message's data. */
    private static void segments(Tpdu t, Tree c, Tree root, Consumer<String> protocols) {
        MemorySegment s = t.s;
        c.bytes("cotp.segment_data", "COTP segment data (" + t.dataLen + (t.dataLen == 1 ? " byte)" : " bytes)"), s, t.dataOff, t.dataLen)
                .relabel("COTP segment data (" + t.dataLen + (t.dataLen == 1 ? " byte)" : " bytes)")).at(s, t.dataOff, t.dataLen);
        int n = t.segmentFrames.length;
        StringBuilder label = new StringBuilder().append(n).append(" COTP Segments (").append(t.reassembled.length)
                .append(t.reassembled.length == 1 ? " byte): " : " bytes): ");
        for (int i = 0; i < n; i++) {
            label.append(i == 0 ? "" : ", ").append('#').append(t.segmentFrames[i]).append('(').append(t.segmentLengths[i]).append(')');
        }
        MemorySegment whole = MemorySegment.ofArray(t.reassembled);
        Tree segs = root.none("cotp.segments", label.toString()).generated().at(whole, 0, t.reassembled.length);
        int at = 0;
        for (int i = 0; i < n; i++) {
            int len = t.segmentLengths[i];
            String item = len == 0 ? "Frame: " + t.segmentFrames[i] + " (no data)"
                    : "Frame: " + t.segmentFrames[i] + ", payload: " + at + "-" + (at + len - 1) + " (" + len + (len == 1 ? " byte)" : " bytes)");
            segs.field("cotp.segment", item, Integer.toString(t.segmentFrames[i]))
                    .generated().at(whole, at, len);
            at += len;
        }
        segs.field("cotp.segment.count", "Segment count: " + n, Integer.toString(n)).generated();
        segs.field("cotp.reassembled.length", "Reassembled COTP length: " + t.reassembled.length, Integer.toString(t.reassembled.length))
                .generated();
        Items.data(root, whole, 0, t.reassembled.length, protocols);
    }
}

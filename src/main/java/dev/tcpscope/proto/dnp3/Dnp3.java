package dev.tcpscope.proto.dnp3;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.TcpPdus;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * DNP 3.0 as Wireshark 4.0.17's packet-dnp.c dissects it on tcp.port and udp.port 20000 (its
 * "tcp" and "udp" heuristics are off by default, so other ports stay TCP/UDP): a segment or
 * datagram must start with 0x05 0x64 and, when the 10-byte link header is there, carry a good
 * header CRC; it is then split into link frames by their length byte ({@code tcp_dissect_pdus},
 * {@code udp_dissect_pdus}), each frame's user data read in 16-byte blocks that each end with a
 * CRC (IEEE 1815-2012 §9.2), the transport byte taken off and the application fragments put
 * together by their transport FIR/FIN bits and sequence numbers (reassemble.c's single-sequence
 * reassembly, per pair of addresses). Info is each link frame's "from S to D, len=L, FUNCTION",
 * the Info of the application message a frame completes (its function, a Read's object groups and
 * classes, a Write's object groups), or "(Application Layer Unreassembled fragment N)"; each link
 * frame clears the column, so a frame shows its last one's.
 */
public final class Dnp3 implements PduDissector, TcpPdus, dev.tcpscope.proto.TwoPass {
    public static final int PORT = 20000;
    public static final int[] PORTS = {PORT};
    /** DNP_HDR_LEN. */
    static final int HDR = 10;
    /** al_max_fragments: fragments of one application message at most. */
    static final int MAX_FRAGMENTS = 60;
    /** Open messages kept per table (address pairs seen). */
    private static final int MAX_KEYS = 4096;

    /** udp_dissect_pdus's ContainedBoundsError: a read past the datagram but within the link frame's length. */
    static final class Contained extends RuntimeException {
        static final Contained INSTANCE = new Contained();

        private Contained() {
            super(null, null, false, false);
        }
    }

    static final String CONTAINED = "length of contained item exceeds length of containing item";

    /**
     * A link frame's bytes as tvb_new_subset_length_caplen gives them: {@code cap} captured, the
     * frame's own length reported, and only {@code contained} of it inside the bytes it was cut from.
     */
    static final class FrameTvb extends Tvb {
        final int contained;

        FrameTvb(MemorySegment s, long base, int cap, int rep, int contained, boolean fragment) {
            super(s, base, cap, rep, fragment);
            this.contained = contained;
        }

        @Override
        public void need(int off, int len) {
            if (off >= 0 && len >= 0 && (long) off + len > cap && (long) off + len <= rep && (long) off + len > contained) {
                throw Contained.INSTANCE;
            }
            super.need(off, len);
        }
    }

    /** One link frame of the frame being read, and what its first pass found. */
    static final class Msg {
        final Tvb t;
        /** Where the bytes tcp_dissect_pdus / udp_dissect_pdus was handed start. */
        final long segment;
        /** The reassembled application message this frame completed, or null. */
        Reassembly.Done done;
        /** The application fragment's bytes (CRC good, data frame), or null. */
        byte[] fragment;
        LayerTree.End end = LayerTree.End.OK;
        /** The exception that ended it was a ContainedBoundsError. */
        boolean contained;
        /** On tshark's second pass, the frame the fragment's message was put together in (0: none). */
        int reassembledIn;

        Msg(Tvb t, long segment) {
            this.t = t;
            this.segment = segment;
        }
    }

    private final List<Msg> msgs = new ArrayList<>(2);
    private long frame = -1;
    private final Items.Fields fields = new Items.Fields();
    /** Open application messages by source and destination address (UDP; TCP keeps them in its session). */
    private final Map<Pair, Reassembly> udp = new HashMap<>();

    /** A datagram's source and destination addresses (PduContext's host keys). */
    private record Pair(long source, long destination) { }

    /** The frame's bytes were cut before the link header's length: an exception before any item. */
    private boolean cut;
    /** The datagram's first link frame was shorter than its header: a bounds error before any item. */
    private int bogus;
    /** The bytes of the frame's segment that did not look like DNP 3.0 (shown as data), if any. */
    private MemorySegment declinedS;
    private long declinedOff;
    private int declinedLen;
    private final java.util.function.Supplier<PduDissector[]> heuristics;

    /** {@code heuristics}: the "tcp" heuristics, tried on a segment that does not look like DNP 3.0. */
    public Dnp3(java.util.function.Supplier<PduDissector[]> heuristics) {
        this.heuristics = heuristics;
    }

    /** First pass of -2: each fragment's frame and the frame its message was put together in. */
    private Map<Integer, Integer> reassembledIn;
    /** Second pass of -2: the first pass's {@link #reassembledIn}. */
    private Map<Integer, Integer> secondPass;
    private static final int MAX_RECORDED = 1 << 20;

    @Override
    public void recordForSecondPass() {
        reassembledIn = new HashMap<>();
    }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass first) {
        if (first instanceof Dnp3 d) {
            secondPass = d.reassembledIn;
        }
    }

    /** The frame the message of this frame's fragment was put together in, on tshark's second pass; 0 when none. */
    int reassembledIn(long f) {
        Integer in = secondPass == null ? null : secondPass.get((int) f);
        return in == null ? 0 : in;
    }

    /** Per TCP conversation: the open application messages of each direction. */
    static final class Session {
        final Reassembly[] dir = {new Reassembly(), new Reassembly()};
    }

    @Override
    public String name() { return "dnp3"; }

    @Override
    public Object newSession() { return new Session(); }

    /**
     * check_dnp3_header(tvb, FALSE): the first byte 0x05, the second (if there) 0x64, the header
     * CRC good when the 10 bytes are there.
     */
    static boolean looksLike(MemorySegment s, long off, int len) {
        if (len < 1 || Crc.u8(s, off) != 0x05) {
            return false;
        }
        if (len > 1 && Crc.u8(s, off + 1) != 0x64) {
            return false;
        }
        return len < HDR || Crc.dnp(s, off, HDR - 2) == (Crc.u8(s, off + 8) | Crc.u8(s, off + 9) << 8);
    }

    /** The captured bytes (fewer than 3) agree with check_dnp3_header as far as they go. */
    private static boolean startsLike(MemorySegment s, long off, int len) {
        return (len < 1 || Crc.u8(s, off) == 0x05) && (len < 2 || Crc.u8(s, off + 1) == 0x64);
    }

    /** get_dnp3_message_len: the link frame's bytes, its CRCs included (short for a length under 5). */
    static int messageLength(int dlLen) {
        int crcs = (int) Math.ceil((dlLen - 5) / 16.0) * 2;
        return dlLen + 5 + crcs;
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            msgs.clear();
            declinedS = null;
            cut = false;
            bogus = 0;
            frame = ctx.frame;
        }
        int reported = ctx.datagram ? Math.max(len, ctx.reportedLength) : len;
        if (len < 3 && (ctx.datagram ? reported > len : ctx.truncated) && startsLike(s, off, len)) {
            // check_dnp3_header or get_dnp3_message_len reads past the captured bytes before the
            // Protocol column is set: only the marker, and a tree that ends there
            cut = true;
            ctx.columns.appendInfo("[Packet size limited during capture]");
            return;
        }
        if (!looksLike(s, off, len)) {
            // dissect_dnp3_tcp / dissect_dnp3_udp return 0: the bytes go on to the heuristics and data
            if (ctx.datagram) {
                ctx.declined = true;
                return;
            }
            ctx.tryHeuristics = true;
            for (PduDissector h : heuristics.get()) {
                if (h != this && h.heuristic(s, off, len)) {
                    return; // that one takes the bytes and the conversation (tcp.Desegmenter)
                }
            }
            declinedS = s;
            declinedOff = off;
            declinedLen = len;
            return;
        }
        Reassembly r;
        if (ctx.datagram) {
            if (udp.size() > MAX_KEYS) {
                udp.clear();
            }
            r = udp.computeIfAbsent(new Pair(ctx.sourceHost, ctx.destinationHost), k -> new Reassembly());
        } else {
            Session ss = ctx.session instanceof Session x ? x : new Session();
            r = ss.dir[ctx.forward ? 0 : 1];
        }
        if (ctx.datagram) {
            datagram(s, off, len, ctx, r);
        } else {
            segment(s, off, len, ctx, r);
        }
    }

    /** tcp_dissect_pdus with a 10-byte fixed part. */
    private void segment(MemorySegment s, long off, int len, PduContext ctx, Reassembly r) {
        int pos = 0;
        while (pos < len) {
            int remaining = len - pos;
            if (ctx.canDesegment && remaining < HDR) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = HDR - remaining;
                return;
            }
            if (remaining < 3) {
                ctx.columns.appendInfo(ctx.truncated ? "[Packet size limited during capture]" : "[Malformed Packet]");
                return;
            }
            int plen = messageLength(Crc.u8(s, off + pos + 2));
            if (plen < HDR) {
                // tcp_dissect_pdus: a length shorter than the fixed part is a reported bounds error
                ctx.columns.appendInfo("[Malformed Packet]");
                return;
            }
            if (ctx.canDesegment && remaining < plen) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = plen - remaining;
                return;
            }
            int cap = Math.min(remaining, plen);
            boolean fragment = !ctx.canDesegment && !ctx.truncated && plen > cap;
            Msg m = new Msg(new Tvb(s, off + pos, cap, plen, fragment), off);
            one(m, ctx, r);
            if (m.end == End.SHORT) {
                return; // tcp_dissect_pdus rethrows a BoundsError: the segment ends there
            }
            pos += plen;
        }
    }

    /**
     * udp_dissect_pdus: link frames back to back to the datagram's end. Its exception handler
     * shows a malformed or contained-bounds error and goes on with the next link frame; a read
     * past the captured bytes (BoundsError) and get_dnp3_message_len's read past the datagram are
     * not caught there and end the datagram.
     */
    private void datagram(MemorySegment s, long off, int len, PduContext ctx, Reassembly r) {
        int rep = Math.max(len, ctx.reportedLength);
        int pos = 0;
        while (pos < rep) {
            int remaining = len - pos;
            int repRemaining = rep - pos;
            if (repRemaining < 3 || remaining < 3) {
                // get_dnp3_message_len reads the length byte past the datagram or the captured bytes
                ctx.columns.appendInfo(remaining < repRemaining ? "[Packet size limited during capture]" : "[Malformed Packet]");
                return;
            }
            int plen = messageLength(Crc.u8(s, off + pos + 2));
            if (plen < HDR) {
                // udp_dissect_pdus shows a reported bounds error and returns 0; packet-udp.c then
                // tries the other port, and when that is 20000 too, DNP 3.0 fails again
                int tries = pos == 0 && ctx.srcPort == PORT && ctx.dstPort == PORT ? 2 : 1;
                for (int i = 0; i < tries; i++) {
                    ctx.columns.appendInfo("[Malformed Packet]");
                }
                if (pos == 0) {
                    bogus = tries;
                    declinedS = s;
                    declinedOff = off;
                    declinedLen = len;
                }
                return;
            }
            int cap = Math.max(0, Math.min(remaining, plen));
            int contained = Math.min(repRemaining, plen);
            Msg m = new Msg(new FrameTvb(s, off + pos, cap, plen, contained, ctx.fragment), off);
            one(m, ctx, r);
            if (m.end == End.SHORT && !m.contained) {
                return;
            }
            pos += plen;
        }
    }

    /** dissect_dnp3_message's first pass: columns, the fragment's bytes and the reassembly. */
    private void one(Msg m, PduContext ctx, Reassembly r) {
        msgs.add(m);
        ctx.columns.setProtocol("DNP 3.0");
        Cols cols = columns(ctx);
        cols.clear();
        Dnp3Walk w = new Dnp3Walk(m, Tree.NOTHING, p -> { });
        try {
            w.link(cols);
            if (m.fragment != null) {
                m.done = r.add(ctx.frame, m.fragment, w.trFir, w.trFin, w.trSeq);
                m.reassembledIn = reassembledIn(ctx.frame);
                if (m.done != null && reassembledIn != null && reassembledIn.size() < MAX_RECORDED) {
                    for (Reassembly.Part p : m.done.parts()) {
                        if (p.frame() != ctx.frame) {
                            reassembledIn.put(p.frame(), ctx.frame);
                        }
                    }
                }
                if (m.done == null && m.reassembledIn != 0) {
                    cols.fence();
                    cols.append(" (Application Layer fragment " + w.trSeq + ", reassembled in packet " + m.reassembledIn + ")");
                } else if (m.done == null) {
                    cols.append(" (Application Layer Unreassembled fragment " + w.trSeq + ")");
                } else {
                    Dnp3App app = new Dnp3App(m.done.bytes(), Tree.NOTHING);
                    try {
                        app.walk(cols);
                    } catch (Tvb.Stop stop) {
                        m.end = stop.end();
                    }
                }
            }
        } catch (Tvb.Stop stop) {
            m.end = stop.shown(ctx.datagram && ctx.fragment).end();
        } catch (Contained c) {
            m.end = End.MALFORMED;
            m.contained = true;
        }
        if (m.contained) {
            cols.append("[Malformed Packet: " + CONTAINED + "]");
        } else if (m.end != LayerTree.End.OK) {
            cols.append(m.end.marker());
        }
    }

    /** The frame's Info column as packet-dnp.c writes it. */
    private static Cols columns(PduContext ctx) {
        return new Cols() {
            @Override public void clear() { ctx.columns.setInfo(""); }
            @Override public void append(CharSequence text) { ctx.columns.appendInfo(text); }
            @Override public void appendSeparated(CharSequence text) { ctx.columns.appendSeparated(", ", text); }
            @Override public void fence() { ctx.columns.fence(); }
        };
    }

    @Override
    public boolean shows(long f) {
        return f == frame && (!msgs.isEmpty() || declinedS != null || cut);
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        if (cut) {
            protocols.accept("dnp3");
            return End.SHORT;
        }
        for (int i = 0; i < bogus; i++) {
            // show_reported_bounds_error in udp_dissect_pdus, once for each port that is DNP 3.0's;
            // the datagram then goes to the data dissector
            root.protocol("_ws.malformed", "[Malformed Packet: DNP 3.0]").expert("_ws.malformed.expert",
                    Tree.Severity.ERROR, Tree.Group.MALFORMED, "Malformed Packet (Exception occurred)");
        }
        End end = End.OK;
        boolean first = true;
        for (Msg m : msgs) {
            // tcp_dissect_pdus and udp_dissect_pdus call the message dissector directly: one layer a frame
            Consumer<String> layers = first ? protocols : p -> {
                if (!p.equals("dnp3")) {
                    protocols.accept(p);
                }
            };
            first = false;
            End e = new Dnp3Walk(m, root, layers).tree();
            if (e != End.OK) {
                end = e;
            }
        }
        if (declinedS != null) {
            Items.data(root, declinedS, declinedOff, declinedLen, protocols);
        }
        return end;
    }

    @Override
    public List<Items.PduSize> pduSizes(long f) {
        List<Items.PduSize> out = new ArrayList<>();
        if (shows(f)) {
            for (Msg m : msgs) {
                out.add(new Items.PduSize(m.t.s, m.t.base, m.t.rep, 0, false));
            }
        }
        return out;
    }

    /** udp_dissect_pdus's "[PDU Size: N]" for each link frame of a datagram. */
    @Override
    public void underUdp(long f, Tree udp) {
        for (Items.PduSize p : pduSizes(f)) {
            udp.field("udp.pdu.size", "PDU Size: " + p.rep(), Integer.toString(p.rep())).generated().at(p.s(), p.base(), p.rep());
        }
    }

    @Override
    public void sources(long f, BiConsumer<String, byte[]> source) {
        if (shows(f)) {
            for (Msg m : msgs) {
                if (m.done != null) {
                    source.accept("Reassembled DNP 3.0 Application Layer message", m.done.bytes());
                }
            }
        }
    }

    /** The CRC-stripped bytes of the fragments this frame did not complete a message with. */
    @Override
    public void unlistedSources(long f, java.util.function.Consumer<byte[]> bytes) {
        if (shows(f)) {
            for (Msg m : msgs) {
                if (m.done == null && m.fragment != null) {
                    bytes.accept(m.fragment);
                }
            }
        }
    }

    /** tcp_dissect_pdus shows an exception at the start of the bytes it was handed. */
    @Override
    public void markerAt(long f, Tree marker) {
        if (shows(f)) {
            for (int i = msgs.size() - 1; i >= 0; i--) {
                if (msgs.get(i).end != End.OK) {
                    marker.at(msgs.get(i).t.s, msgs.get(i).segment, 0);
                    return;
                }
            }
        }
    }

    @Override
    public String protocolName() {
        for (int i = msgs.size() - 1; i >= 0; i--) {
            if (msgs.get(i).end != End.OK) {
                return msgs.get(i).contained ? "DNP 3.0: " + CONTAINED : "DNP 3.0";
            }
        }
        return "DNP 3.0";
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }
}

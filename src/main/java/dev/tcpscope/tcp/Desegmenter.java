package dev.tcpscope.tcp;

import dev.tcpscope.frame.FileBytes;
import dev.tcpscope.wire.Tcp;

import java.lang.foreign.MemorySegment;

/**
 * TCP desegmentation for the protocols above TCP, as Wireshark 4.0.17 does it with its default
 * preferences (desegment on, out-of-order reassembly off, sequence analysis on): packet-tcp.c's
 * {@code desegment_tcp}, its multi-segment PDUs ({@code tcp_multisegment_pdu}) and the parts of
 * epan/reassemble.c's {@code fragment_add} it relies on. Our own code over the same rules:
 *
 * <ul>
 *   <li>A segment that starts no known PDU goes to the subdissector; when it asks for more bytes,
 *   a PDU is opened at the incomplete message (only when at most 1 MiB of it is in this segment,
 *   as Wireshark), and the frame shows {@code [TCP segment of a reassembled PDU]} if nothing in it
 *   was dissected.</li>
 *   <li>A segment inside an open PDU is added to it; the one that completes it gets the whole PDU
 *   dissected, and what follows the PDU's end in that segment starts the next round.</li>
 *   <li>Retransmissions (as the sequence analysis says) and spurious retransmissions are not
 *   given to the subdissector; data added again to a completed PDU raises Wireshark's
 *   reassembly error text.</li>
 *   <li>A PDU that runs until FIN is completed by the FIN.</li>
 * </ul>
 *
 * <p>Memory: state exists only for conversations that have a subdissector; when the
 * conversation closes (RST, or FIN both ways) it moves to a list of the last 64 closed ones and
 * is dropped from there. For {@code -2}, a first pass notes where each PDU completed
 * ({@link PduCompletions}: 12 bytes per segment of a multi-segment PDU). A PDU waiting for more
 * segments of a capture file keeps each segment's file position, not its bytes, and reads
 * them back into one reused array when it completes ({@link #source}), unless it is small and the
 * copies in flight are few ({@link #COPY_PDU_BYTES}, {@link #COPY_BUDGET}); from a stream (a pipe,
 * a compressed file) it copies them into pages that are reused ({@link PduBytes}). A PDU holds at most
 * {@link #MAX_PDU_BYTES}; a longer one is abandoned (its later segments list as plain TCP, and
 * nothing is dissected for it). Wireshark buffers without limit.
 */
public final class Desegmenter {
    /** The most bytes one PDU buffers before it is abandoned. */
    public static final int MAX_PDU_BYTES = 16 << 20;
    /**
     * A PDU of a capture file at most this long (a TLS record, a small HTTP body) copies its
     * waiting segments into pages while {@link #COPY_BUDGET} allows: reading each back from the
     * file when the PDU completes was a system call per segment, a seventh of the CPU of listing
     * a capture of interleaved TLS and HTTP conversations.
     */
    static final int COPY_PDU_BYTES = 64 << 10;
    /**
     * The most bytes the waiting segments of file-backed PDUs hold in pages at once; the system
     * property {@code tcpscope.pdu-copy-budget} changes it (tests set 0 to read every segment back).
     */
    static final long COPY_BUDGET = 16L << 20;
    private final long copyBudget = Long.getLong("tcpscope.pdu-copy-budget", COPY_BUDGET);
    /** Wireshark's limit on a new PDU's first piece ({@code (nxtseq - deseg_seq) <= 1024*1024}). */
    private static final int FIRST_PIECE_LIMIT = 1 << 20;
    /** How many PDUs each direction remembers (to spot a retransmitted PDU start). */
    private static final int REMEMBERED = 8;
    private static final int ENTIRE_SEGMENT = 1;

    private final PduTable table;
    private final IntTable<Stream> streams = new IntTable<>();
    /**
     * The last {@value #CLOSED_KEPT} conversations that closed (RST, or FIN both ways): Wireshark
     * keeps a conversation's PDUs after its close, and a segment resent after it (a
     * retransmission the sequence analysis did not flag, or with the analysis off) still meets them.
     * {@link #closedOrder} holds their stream numbers, oldest first, for the eviction.
     */
    private final IntTable<Stream> closed = new IntTable<>();
    private final int[] closedOrder = new int[CLOSED_KEPT];
    private int closedOldest;

    /** Keeps {@code st}, the stream {@code stream} just closed, and lets the oldest closed one go. */
    private void keepClosed(int stream, Stream st) {
        if (closed.get(stream) != null) {
            closed.put(stream, st); // already kept: its place in the order stays, as a LinkedHashMap's
            return;
        }
        if (closed.size() == CLOSED_KEPT) {
            Stream eldest = closed.remove(closedOrder[closedOldest]);
            eldest.low.release(pool);
            eldest.high.release(pool);
            closedOldest = (closedOldest + 1) % CLOSED_KEPT;
        }
        closedOrder[(closedOldest + closed.size()) % CLOSED_KEPT] = stream;
        closed.put(stream, st);
    }

    private static final int CLOSED_KEPT = 64;
    /** Free pages for the PDUs in flight: at most 256 MiB of them wait for reuse. */
    private final PduBytes.Pool pool = new PduBytes.Pool(256 << 20);
    /** The bytes of the PDU reassembled in {@link #scratchFrame}, reused from frame to frame. */
    private byte[] scratch = new byte[0];
    private int scratchFrame = -1;
    private final AppColumns columns = new AppColumns();
    private final PduContext ctx = new PduContext();
    private final Reassembled reassembled = new Reassembled();
    private boolean any;
    /** Whether tshark shows the segment tree of {@link #reassembled} in this frame. */
    private boolean shown;

    private boolean secondPass;
    private boolean truncatedPayload;
    /** First pass of two: where each multi-segment PDU completed, for the second; or null. */
    private PduCompletions noting;
    /** Second pass: what the first noted; or null. */
    private PduCompletions known;

    /** As tshark's second pass (-2) shows frames: see {@link #run}. */
    public Desegmenter secondPass(boolean on) {
        secondPass = on;
        return this;
    }

    /** A first pass of two: notes where each PDU completes ({@link #completions()}). */
    public Desegmenter noteCompletions() {
        noting = new PduCompletions();
        return this;
    }

    /** What {@link #noteCompletions()} noted, or null. */
    public PduCompletions completions() { return noting; }

    /**
     * A second pass ({@code -2}) that knows where the first completed each PDU: earlier segments
     * then show {@code tcp.reassembled_in}, as tshark's second pass does.
     */
    public Desegmenter secondPass(PduCompletions firstPass) {
        secondPass = true;
        known = firstPass == null ? null : firstPass.freeze();
        return this;
    }

    public Desegmenter(PduTable table) {
        this.table = table;
        ctx.columns = columns;
    }

    private FileBytes file;
    private MemorySegment sourceSegment;
    private long fileOrigin;

    /**
     * Says, before {@link #segment}, that the segment's bytes are {@code s}, a mapping of
     * {@code file} whose offset 0 is file position {@code origin} ({@code file} null: a buffer
     * that will be reused). A PDU waiting for more segments then keeps file positions instead of
     * copies, and reads its bytes back when it completes: memory no longer grows with the bodies
     * in flight (a 1 GB HTTP capture kept about 80 MB of them).
     */
    public void source(FileBytes file, MemorySegment s, long origin) {
        this.file = file;
        this.sourceSegment = s;
        this.fileOrigin = origin;
    }

    /** The columns the protocols above TCP wrote for the last frame. */
    public AppColumns columns() { return columns; }

    /**
     * The PDU reassembled in the last frame whose segment tree tshark shows
     * ({@code [N Reassembled TCP Segments ...]}) and whose bytes it adds as the "Reassembled TCP"
     * data source, or null (none completed, or the subdissector asked for more of it).
     */
    public Reassembled reassembled() { return any && shown ? reassembled : null; }

    /**
     * The PDU whose bytes the last frame keeps as the "Reassembled TCP" data source ({@code -x}),
     * or null: the one {@link #reassembled()} shows, or in a single pass one whose dissector used
     * part of it and asked for more without the PDU being split (packet-tcp.c removes the source
     * only when nothing of it was used; a second pass does not dissect such a PDU there at all).
     */
    public Reassembled reassembledSource() { return any && (shown || sourceKept) ? reassembled : null; }

    private boolean sourceKept;
    /** In a second pass, the dissector asked for more where the first pass started no PDU. */
    private boolean unknownPdu;
    /** The PDU being dissected is reassembled again in a later frame of the first pass (-2). */
    private boolean laterReassembly;

    /**
     * The PDU dissected in the last frame whose bytes are no data source of it, or null: its
     * dissector asked for more from its start, and packet-tcp.c removed the "Reassembled TCP"
     * source; items the dissector added still lie in those bytes (print.c then writes their
     * position and length with no hex).
     */
    public Reassembled reassembledUnkept() { return any && !shown && !sourceKept ? reassembled : null; }

    /** What {@code desegment_tcp} adds to the TCP tree: see {@link #item(int)}. */
    public enum Item {
        /** {@code TCP segment data (N bytes)}: {@code tcp.segment_data}. */
        SEGMENT_DATA,
        /** {@code Retransmitted TCP segment data (N bytes)}: {@code tcp.segment_data}. */
        RETRANSMITTED_DATA,
        /** {@code [Reassembled PDU in frame: N]}: {@code tcp.reassembled_in}. */
        REASSEMBLED_IN
    }

    private static final Item[] ITEMS = Item.values();
    private int[] itemKind = new int[4];
    private int[] itemOffset = new int[4];
    private int[] itemValue = new int[4];
    private int items;
    private boolean handled;
    private boolean finCompleted;
    private boolean took;
    /** The bytes the last frame's dissectors declined (see {@link #declined()}); usually empty. */
    private final java.util.List<Declined> declined = new java.util.ArrayList<>(1);

    /** Bytes a dissector declined: {@code s[off, off+len)}. */
    public record Declined(MemorySegment s, long off, int len) {}

    /**
     * The bytes of the last frame that the conversation's dissector declined (dissect_ssl returns
     * 0 for four printable bytes) and nothing else took: packet-tcp.c's decode_tcp_ports gives
     * them to the data dissector.
     */
    public java.util.List<Declined> declined() { return declined; }
    private String reassemblyError;

    /**
     * The message of the reassembly error that ended the last frame's TCP dissection (reassemble.c
     * throws it when data is added to a PDU already reassembled), or null.
     */
    public String reassemblyError() { return reassemblyError; }

    /**
     * Whether the last frame's payload went to the dissector above TCP or into a PDU, so that
     * none of it goes to {@code data}: true for a conversation with a dissector, unless the
     * segment is a keep-alive (packet-tcp.c gives those bytes to {@code data}).
     */
    public boolean tookPayload() { return took; }

    /**
     * Whether the last frame's payload went through {@code desegment_tcp} for a conversation
     * with a dissector above TCP; then {@link #items()} says what the TCP tree shows for it, and
     * its bytes went to that dissector or into PDUs (not to {@code data}).
     */
    public boolean handled() { return handled; }

    /** Whether the last frame was a FIN that completed a PDU running until FIN (no payload items then). */
    public boolean finCompleted() { return finCompleted; }

    /** Number of items {@code desegment_tcp} added to the last frame's TCP tree. */
    public int items() { return items; }

    /** The kind of item {@code i}. */
    public Item item(int i) { return ITEMS[itemKind[i]]; }

    /** Item {@code i}'s payload offset (segment data) or frame number (reassembled in). */
    public int itemOffset(int i) { return itemOffset[i]; }

    /** Item {@code i}'s length in bytes (segment data), or 0. */
    public int itemLength(int i) { return itemValue[i]; }

    private void item(Item kind, int offset, int value) {
        if (items == itemKind.length) {
            itemKind = java.util.Arrays.copyOf(itemKind, items * 2);
            itemOffset = java.util.Arrays.copyOf(itemOffset, items * 2);
            itemValue = java.util.Arrays.copyOf(itemValue, items * 2);
        }
        itemKind[items] = kind.ordinal();
        itemOffset[items] = offset;
        itemValue[items] = value;
        items++;
    }

    /** In a second pass, {@code [Reassembled PDU in frame: N]} when the first pass completed this frame's PDU later. */
    private void reassembledIn(int frame, long seq, boolean startsPdu) {
        if (known != null) {
            int in = known.of(frame, seq, startsPdu);
            if (in != 0 && in != frame) {
                item(Item.REASSEMBLED_IN, in, 0);
            }
        }
    }

    /** First pass of two: notes that the fragments of {@code m} below {@code end} were completed in {@code frame}. */
    private void noteCompleted(Msp m, int end, int frame) {
        if (noting == null) {
            return;
        }
        for (int i = 0; i < m.count; i++) {
            if (m.frames[i] != frame && m.offsets[i] < end) {
                noting.note(m.frames[i], m.seq + m.offsets[i], frame, true);
            }
        }
    }

    /** First pass of two: {@code m} was reassembled in {@code frame}, but its dissector asked for more. */
    private void notePartial(Msp m, int frame) {
        if (noting != null && m.firstFrame != frame) {
            noting.note(m.firstFrame, m.seq, frame, false);
        }
    }

    /** The dissector table in use. */
    public PduTable table() { return table; }

    /** Number of conversations holding state (for tests of bounded memory). */
    public int liveStreams() { return streams.size(); }

    /** One PDU completed in a frame: its bytes and the frames that carried them. */
    public static final class Reassembled {
        byte[] data;
        int length;
        int[] frames = new int[8];
        int[] offsets = new int[8];
        int[] lengths = new int[8];
        boolean[] overlap = new boolean[8];
        int count;

        /** The reassembled bytes (valid until the next frame). */
        public MemorySegment bytes() { return MemorySegment.ofArray(data).asSlice(0, length); }

        public int length() { return length; }

        /** Number of segments; {@link #frame(int)} and {@link #segmentLength(int)} give each. */
        public int count() { return count; }

        public int frame(int i) { return frames[i]; }

        public int segmentLength(int i) { return lengths[i]; }

        /** Where segment {@code i}'s bytes start in the PDU. */
        public int segmentOffset(int i) { return offsets[i]; }

        /**
         * Whether segment {@code i} starts before the end of the bytes the segments before it
         * (in offset order) cover: reassemble.c's FD_OVERLAP, shown as {@code [Segment overlap:
         * True]} (a retransmission with more data, a resegmented one). Whether the overlapping
         * bytes differ (FD_OVERLAPCONFLICT) is not checked.
         */
        public boolean overlaps(int i) { return overlap[i]; }

        /** Sets {@link #overlap} from the segments in offset order. */
        void markOverlaps() {
            if (overlap.length < count) {
                overlap = new boolean[frames.length];
            }
            int end = 0;
            for (int k = 0; k < count; k++) {
                overlap[k] = lengths[k] > 0 && offsets[k] < end;
                if (lengths[k] > 0) {
                    end = Math.max(end, offsets[k] + lengths[k]);
                }
            }
        }
    }

    private static final class Stream {
        PduDissector dissector;
        Object session;
        /** The dissector taking the conversation after frame {@link #handOffFrame} ({@link PduContext#handOff}). */
        PduDissector next;
        Object nextSession;
        int handOffFrame;
        /** The dissector and session the conversation had before the hand-off (null: none). */
        PduDissector before;
        Object beforeSession;
        final Flow low = new Flow();
        final Flow high = new Flow();
    }

    private static final class Flow {
        final Msp[] msps = new Msp[REMEMBERED];
        int next;
        boolean untilFin;
        int fin;

        Msp exact(long seq) {
            for (Msp m : msps) {
                if (m != null && m.seq == seq) {
                    return m;
                }
            }
            return null;
        }

        /** The PDU starting at or before {@code seq} that starts last. */
        Msp atOrBefore(long seq) {
            Msp best = null;
            for (Msp m : msps) {
                if (m != null && m.seq <= seq && (best == null || m.seq > best.seq)) {
                    best = m;
                }
            }
            return best;
        }

        /** Remembers {@code m}, giving back the pages of the PDU it replaces. */
        void add(Msp m, PduBytes.Pool pool) {
            for (int i = 0; i < msps.length; i++) {
                if (msps[i] != null && msps[i].seq == m.seq) {
                    msps[i].data.release(pool);
                    msps[i] = m;
                    return;
                }
            }
            if (msps[next] != null) {
                msps[next].data.release(pool);
            }
            msps[next] = m;
            next = (next + 1) % msps.length;
        }

        void release(PduBytes.Pool pool) {
            for (Msp m : msps) {
                if (m != null) {
                    m.data.release(pool);
                }
            }
        }
    }

    /** A multi-segment PDU: sequence range, fragments and reassembly state. */
    private static final class Msp {
        final long seq;
        long nxtpdu;
        final int firstFrame;
        int lastFrame;
        int flags;
        /** The bytes so far that are not in {@link #file}, in pages of {@link #pool}; empty once dissected and done with. */
        final PduBytes data = new PduBytes();
        /** The capture file holding the fragments whose {@link #positions} are not -1, or null. */
        FileBytes file;
        /** Bytes known contiguous from offset 0 (in-order adds only; holes stop it). */
        int contiguous;
        int highest;
        int datalen = -1;
        boolean defragmented;
        boolean partial;
        boolean abandoned;
        int[] frames = new int[4];
        int[] offsets = new int[4];
        int[] lengths = new int[4];
        /** Each fragment's file position in {@link #file}, or -1 when its bytes are in {@link #data}. */
        long[] positions = new long[4];
        int count;

        /** Makes room for one more fragment. */
        void grow() {
            if (count == frames.length) {
                frames = java.util.Arrays.copyOf(frames, count * 2);
                offsets = java.util.Arrays.copyOf(offsets, count * 2);
                lengths = java.util.Arrays.copyOf(lengths, count * 2);
                positions = java.util.Arrays.copyOf(positions, count * 2);
            }
        }

        Msp(long seq, long nxtpdu, int frame) {
            this.seq = seq;
            this.nxtpdu = nxtpdu;
            this.firstFrame = frame;
            this.lastFrame = frame;
        }
    }

    /** The PDU dissected in the previous frame, whose bytes can go once that frame is printed. */
    private Msp done;

    /** Thrown-free signal of reassemble.c's ReassemblyError: the message, or null. */
    private String error;

    private int urgentPointer;

    /** The urgent pointer field of the segment {@link #segment} is about to be given; called only when its URG flag is set. */
    public void urgentPointer(int pointer) {
        urgentPointer = pointer;
    }

    /** Where the source IP address of the segment {@link #segment} is about to be given lies (length 4 or 16; 0: none). */
    public void sourceAddress(MemorySegment s, long off, int length) {
        ctx.sourceAddressSegment = s;
        ctx.sourceAddressOffset = off;
        ctx.sourceAddressLength = length;
    }

    /**
     * Runs desegmentation for one TCP segment that the analysis has just seen.
     *
     * @param payload the frame's bytes, {@code off} where the payload starts
     * @param captured payload bytes captured; {@code length} payload bytes on the wire
     */
    public void segment(int frame, long time, TcpRecord rec, int srcPort, int dstPort,
                        MemorySegment payload, long off, int captured, int length, boolean closing) {
        columns.reset();
        any = false;
        laterReassembly = false;
        shown = false;
        sourceKept = false;
        items = 0;
        handled = false;
        finCompleted = false;
        took = false;
        declined.clear();
        reassemblyError = null;
        if (done != null) {
            if (done.defragmented && !done.partial) {
                done.data.release(pool); // the PDU was dissected; only its range stays, to spot retransmissions
            }
            done = null;
        }
        Stream st = streams.get(rec.stream);
        boolean wasClosed = false;
        if (st == null) {
            st = closed.get(rec.stream);
            wasClosed = st != null;
        }
        // packet-tcp.c shows a RST's data as the reset cause and hands it to no dissector
        boolean reset = (rec.flags & Tcp.RST) != 0;
        boolean finished = false;
        if (st != null && (rec.flags & Tcp.FIN) != 0 && !reset) {
            finished = untilFin(st, frame, time, rec, srcPort, dstPort, payload, off, captured, length);
        }
        if (finished || reset) {
            // the FIN completed a PDU that ran until the end of the stream
        } else if (length > 0 && captured > 0) {
            if (st == null) {
                PduDissector d = choose(rec.stream, rec.serverPort, srcPort, dstPort, payload, off, captured);
                if (d != null) {
                    st = new Stream();
                    st.dissector = d;
                    st.session = d.newSession();
                    streams.put(rec.stream, st);
                }
            }
            if (st != null) {
                if (st.next != null && frame > st.handOffFrame && st.next != st.dissector) {
                    st.before = st.dissector;
                    st.beforeSession = st.session;
                    st.session = st.nextSession != null ? st.nextSession : st.next.newSession(st.dissector.name());
                    st.dissector = st.next;
                }
                run(st, frame, time, rec, srcPort, dstPort, payload, off, captured, length);
            }
        }
        if (st != null && closing && !wasClosed) {
            streams.remove(rec.stream);
            keepClosed(rec.stream, st);
        }
    }

    /** Whether {@code seq} starts a PDU of {@code flow} or falls inside one (desegment_tcp's two lookups). */
    private static boolean inPdu(Flow flow, long seq) {
        if (flow.exact(seq) != null) {
            return true;
        }
        Msp m = flow.atOrBefore(seq - 1);
        return m != null && m.seq <= seq && m.nxtpdu > seq;
    }

    /**
     * decode_tcp_ports' order: the server port a SYN or SYN+ACK of the conversation named, then
     * the lower port, the higher, the heuristics.
     */
    private PduDissector choose(int stream, int serverPort, int srcPort, int dstPort, MemorySegment s, long off, int len) {
        int low = Math.min(srcPort, dstPort);
        int high = Math.max(srcPort, dstPort);
        PduDissector d = serverPort != 0 ? table.byPort(serverPort) : null;
        if (d == null && low != 0) {
            d = table.byPort(low);
        }
        if (d == null && high != 0) {
            d = table.byPort(high);
        }
        if (d == null) {
            for (PduDissector h : table.heuristics()) {
                if (h.heuristic(stream, srcPort, dstPort, s, off, len)) {
                    return h;
                }
            }
        }
        return d;
    }

    private void run(Stream st, int frame, long time, TcpRecord rec, int srcPort, int dstPort,
                     MemorySegment s, long base, int captured, int length) {
        int flags = rec.analysisFlags;
        Flow flow = rec.forward ? st.low : st.high;
        boolean canDesegment = table.desegment() && captured >= length;
        long seq = rec.seq;
        long nxtseq = seq + length;
        if ((rec.flags & Tcp.SYN) != 0) {
            seq++;
            nxtseq++;
        }
        if ((flags & TcpRecord.KEEP_ALIVE) != 0 && !(canDesegment && inPdu(flow, seq))) {
            // decode_tcp_ports gives a keep-alive's byte to the data dissector; but desegment_tcp
            // adds it first to a PDU whose bytes it falls in (a byte of one already reassembled:
            // "New fragment overlaps old data")
            return;
        }
        took = true;
        truncatedPayload = captured < length;
        if (!canDesegment) {
            if ((flags & (TcpRecord.RETRANSMISSION | TcpRecord.OUT_OF_ORDER)) == 0) {
                call(st, frame, time, rec, srcPort, dstPort, s, base, captured, seq, false, false);
            }
            return;
        }
        handled = true;
        int offset = 0;
        boolean firstPdu = true;
        while (true) {
            Msp msp = flow.exact(seq);
            if (msp != null && nxtseq <= msp.nxtpdu && msp.lastFrame != frame) {
                item(Item.RETRANSMITTED_DATA, offset, length - offset);
                return; // a PDU start seen before: a retransmission
            }
            if ((flags & TcpRecord.SPURIOUS_RETRANSMISSION) != 0) {
                return;
            }
            if ((flags & TcpRecord.RETRANSMISSION) != 0) {
                item(Item.RETRANSMITTED_DATA, offset, length - offset);
                return;
            }
            if (msp == null) {
                msp = flow.atOrBefore(seq - 1);
            }
            boolean complete = false;
            boolean called = false;
            boolean viaReassembly = false;
            unknownPdu = false;
            int lastFragmentLength = 0;
            long anotherPduFollows = 0;
            int desegOffsetAbs = offset;
            ctx.desegmentOffset = 0;
            ctx.desegmentLength = 0;
            if (msp != null && msp.seq <= seq && msp.nxtpdu > seq) {
                if (msp.abandoned) {
                    item(Item.SEGMENT_DATA, offset, length - offset);
                    return;
                }
                msp.lastFrame = frame;
                if (known != null && (msp.flags & ENTIRE_SEGMENT) != 0) {
                    // tshark -2: the first pass cut this PDU where its dissector stopped (split_msp),
                    // and the second finds it reassembled that long
                    int cut = known.split(frame, msp.seq);
                    if (cut > 0 && msp.seq + cut > seq && msp.seq + cut < nxtseq) {
                        msp.flags &= ~ENTIRE_SEGMENT;
                        msp.nxtpdu = msp.seq + cut;
                    }
                }
                int len = (msp.flags & ENTIRE_SEGMENT) != 0 ? captured - offset
                        : (int) Math.min(nxtseq - seq, msp.nxtpdu - seq);
                lastFragmentLength = len;
                complete = add(msp, s, base + offset, (int) (seq - msp.seq), len, nxtseq < msp.nxtpdu, frame);
                if (error != null) {
                    columns.appendInfo("[Reassembly error, protocol TCP: " + error + "]");
                    reassemblyError = error;
                    error = null;
                    return;
                }
                if (msp.abandoned) {
                    item(Item.SEGMENT_DATA, offset, length - offset);
                    return;
                }
                if (complete && (msp.flags & ENTIRE_SEGMENT) != 0) {
                    msp.flags &= ~ENTIRE_SEGMENT;
                    if (msp.nxtpdu < nxtseq) {
                        msp.nxtpdu = nxtseq;
                    }
                }
                if (msp.nxtpdu < nxtseq && msp.nxtpdu >= seq && len > 0) {
                    anotherPduFollows = msp.nxtpdu - seq;
                }
            } else {
                columns.mark();
                call(st, frame, time, rec, srcPort, dstPort, s, base + offset, captured - offset, seq, false, true);
                // tshark -2 starts no PDU the first pass did not (a dissector that now asks for
                // more where it did not before: IMAP's conversation taken by TLS in the second pass only)
                unknownPdu = known != null && ctx.desegmentLength != 0 && !known.started(frame, seq + ctx.desegmentOffset);
                if (secondPass && ctx.desegmentLength != 0 && ctx.desegmentOffset == 0 && !unknownPdu) {
                    // tshark -2: this frame now starts a known PDU, which packet-tcp.c recognises
                    // before calling the subdissector, so nothing it wrote on the first pass shows
                    columns.restore();
                    st.dissector.uncall(frame);
                }
                called = true;
                if (ctx.desegmentLength != 0) {
                    desegOffsetAbs = offset + ctx.desegmentOffset;
                }
            }
            boolean mustDesegment = called && ctx.desegmentLength != 0 && !unknownPdu;
            if (complete) {
                columns.mark();
                dissectReassembled(st, msp, frame, time, rec, srcPort, dstPort, false);
                called = true;
                viaReassembly = true;
                if (ctx.exception) {
                    // process_tcp_payload rethrows the dissector's exception out of desegment_tcp:
                    // no data item for this segment and no reassembly tree (the "Reassembled TCP"
                    // source stays), and nothing after the PDU in this segment is dissected
                    sourceKept = true;
                    noteCompleted(msp, Integer.MAX_VALUE, frame);
                    return;
                }
                if (secondPass && ctx.desegmentLength != 0 && laterReassembly) {
                    // -2: the PDU is known to end later (reassembled again in a later frame): this
                    // frame only carries part of it, and tshark's second pass does not dissect it here.
                    // A PDU no later frame completed is dissected here, its reassembly's last frame
                    // (reassembled_in), even when the dissector asks for more from its start again
                    columns.restore();
                    st.dissector.uncall(frame);
                }
                if (ctx.desegmentLength != 0) {
                    if (ctx.desegmentOffset == 0 || msp.seq + ctx.desegmentOffset <= seq) {
                        msp.partial = true;
                        notePartial(msp, frame);
                        sourceKept = ctx.desegmentOffset != 0 && !secondPass;
                    } else {
                        shown = true; // the part before the split is shown (truncated) in this frame
                        truncateShown(ctx.desegmentOffset);
                        noteCompleted(msp, ctx.desegmentOffset, frame);
                        if (noting != null) {
                            noting.noteSplit(frame, msp.seq, ctx.desegmentOffset);
                            noting.noteStart(frame, msp.seq + ctx.desegmentOffset);
                        }
                        msp = split(flow, msp, ctx.desegmentOffset);
                    }
                    if (ctx.desegmentLength == PduDissector.ONE_MORE_SEGMENT) {
                        msp.nxtpdu = Math.max(seq + (captured - offset), msp.nxtpdu) + 1;
                        msp.flags |= ENTIRE_SEGMENT;
                    } else if (ctx.desegmentLength == PduDissector.UNTIL_FIN) {
                        flow.untilFin = true;
                        msp.nxtpdu = msp.seq + 0x40000000L;
                    } else if (seq + lastFragmentLength >= msp.nxtpdu) {
                        msp.nxtpdu = seq + lastFragmentLength + ctx.desegmentLength;
                    } else {
                        msp.nxtpdu += ctx.desegmentLength;
                    }
                    offset += lastFragmentLength;
                    seq += lastFragmentLength;
                    if (captured - offset > 0) {
                        continue;
                    }
                    anotherPduFollows = 0;
                } else {
                    item(Item.SEGMENT_DATA, offset, anotherPduFollows > 0 ? (int) anotherPduFollows : length - offset);
                    shown = true;
                    noteCompleted(msp, Integer.MAX_VALUE, frame);
                }
            }
            if (mustDesegment) {
                long desegSeq = seq + (desegOffsetAbs - offset);
                if (nxtseq - desegSeq <= FIRST_PIECE_LIMIT) {
                    long nxtpdu;
                    int mflags = 0;
                    if (ctx.desegmentLength == PduDissector.ONE_MORE_SEGMENT) {
                        nxtpdu = nxtseq + 1;
                        mflags = ENTIRE_SEGMENT;
                    } else if (ctx.desegmentLength == PduDissector.UNTIL_FIN) {
                        flow.untilFin = true;
                        nxtpdu = nxtseq + 0x40000000L;
                    } else {
                        nxtpdu = nxtseq + ctx.desegmentLength;
                    }
                    Msp m = new Msp(desegSeq, nxtpdu, frame);
                    m.flags = mflags;
                    if (noting != null) {
                        noting.noteStart(frame, desegSeq);
                    }
                    flow.add(m, pool);
                    add(m, s, base + desegOffsetAbs, 0, (int) (nxtseq - desegSeq), nxtseq < nxtpdu, frame);
                    error = null;
                }
            }
            if (!called || ctx.desegmentLength != 0) {
                // tshark's second pass finds a PDU that starts here by its sequence number
                reassembledIn(frame, seq + (desegOffsetAbs - offset), mustDesegment && ctx.desegmentOffset == 0);
                item(Item.SEGMENT_DATA, desegOffsetAbs,
                        anotherPduFollows > 0 ? (int) anotherPduFollows : length - desegOffsetAbs);
                if (ctx.desegmentOffset == 0 || secondPass && viaReassembly && laterReassembly) {
                    columns.setProtocol("TCP");
                    if (unknownPdu) {
                        columns.setInfo("[TCP segment of a reassembled PDU]"); // col_set_str, TCP's text not fenced there
                    } else if (firstPdu) {
                        columns.appendInfo(" [TCP segment of a reassembled PDU]");
                    }
                }
            }
            ctx.desegmentOffset = 0;
            ctx.desegmentLength = 0;
            if (anotherPduFollows > 0) {
                columns.fence();
                columns.lockProtocol();
                firstPdu = false;
                offset += (int) anotherPduFollows;
                seq += anotherPduFollows;
                continue;
            }
            return;
        }
    }

    /** A FIN ends a PDU that runs until the end of the stream (packet-tcp.c, dissect_tcp). */
    private boolean untilFin(Stream st, int frame, long time, TcpRecord rec, int srcPort, int dstPort,
                             MemorySegment s, long off, int captured, int length) {
        Flow flow = rec.forward ? st.low : st.high;
        if (!flow.untilFin || !table.desegment() || captured < length) {
            return false;
        }
        if (flow.fin != 0 && flow.fin != frame) {
            return false;
        }
        flow.fin = frame;
        Msp msp = flow.atOrBefore(rec.seq - 1);
        if (msp == null || msp.abandoned) {
            return false;
        }
        boolean complete = add(msp, s, off, (int) (rec.seq - msp.seq), length, false, frame);
        if (error != null) {
            columns.appendInfo("[Reassembly error, protocol TCP: " + error + "]");
                    reassemblyError = error;
            error = null;
            return true; // the exception ends dissect_tcp there
        }
        if (complete) {
            dissectReassembled(st, msp, frame, time, rec, srcPort, dstPort, true);
            shown = true;
            took = true;
            finCompleted = true;
            noteCompleted(msp, Integer.MAX_VALUE, frame);
            return true;
        }
        return false;
    }

    private void dissectReassembled(Stream st, Msp msp, int frame, long time, TcpRecord rec,
                                    int srcPort, int dstPort, boolean atFin) {
        Reassembled r = reassembled;
        r.data = assemble(msp, frame);
        r.length = msp.datalen;
        r.count = 0;
        for (int i = 0; i < msp.count; i++) {
            if (r.count == r.frames.length) {
                r.frames = java.util.Arrays.copyOf(r.frames, r.count * 2);
                r.offsets = java.util.Arrays.copyOf(r.offsets, r.count * 2);
                r.lengths = java.util.Arrays.copyOf(r.lengths, r.count * 2);
            }
            // reassemble.c keeps fragments sorted by offset, a new one after those at the same offset
            int k = r.count;
            while (k > 0 && r.offsets[k - 1] > msp.offsets[i]) {
                r.frames[k] = r.frames[k - 1];
                r.offsets[k] = r.offsets[k - 1];
                r.lengths[k] = r.lengths[k - 1];
                k--;
            }
            r.frames[k] = msp.frames[i];
            r.offsets[k] = msp.offsets[i];
            r.lengths[k] = msp.lengths[i];
            r.count++;
        }
        r.markOverlaps();
        any = true;
        done = msp;
        // tshark -2 dissects a PDU only in the frame of its last reassembly (reassembled_in)
        laterReassembly = known != null && known.of(msp.firstFrame, msp.seq, true) > frame;
        MemorySegment bytes = MemorySegment.ofArray(r.data);
        call(st, frame, time, rec, srcPort, dstPort, bytes, 0, msp.datalen, msp.seq, true, !atFin);
    }

    /**
     * The bytes of a completed PDU in one array, valid until the next frame: the reused scratch
     * array, or a new one for a second PDU completed in the same frame (whose first one's bytes
     * the dissector may still be pointing at).
     */
    private byte[] assemble(Msp msp, int frame) {
        int n = Math.max(msp.datalen, 0);
        byte[] b;
        if (scratchFrame == frame) {
            b = new byte[n];
        } else {
            if (scratch.length < n) {
                scratch = new byte[Math.max(n, Math.min(MAX_PDU_BYTES, scratch.length * 2))];
            }
            b = scratch;
            scratchFrame = frame;
        }
        if (!msp.data.isEmpty()) {
            msp.data.get(0, b, 0, n);
        }
        for (int i = 0; i < msp.count; i++) {
            long position = msp.positions[i];
            int o = msp.offsets[i];
            int len = Math.min(msp.lengths[i], n - o);
            if (position >= 0 && len > 0) {
                msp.file.read(position, b, o, len);
            }
        }
        return b;
    }

    private void call(Stream st, int frame, long time, TcpRecord rec, int srcPort, int dstPort,
                      MemorySegment s, long off, int len, long seq, boolean reassembledBytes, boolean canDesegment) {
        if ((rec.analysisFlags & (TcpRecord.RETRANSMISSION | TcpRecord.OUT_OF_ORDER)) != 0) {
            // process_tcp_payload with tcp.no_subdissector_on_error on (the default) and
            // out-of-order reassembly off: no subdissector for a retransmitted or out-of-order
            // segment, even one that completes a PDU (which stays reassembled but undissected)
            ctx.desegmentOffset = 0;
            ctx.desegmentLength = 0;
            return;
        }
        ctx.session = st.session;
        ctx.frame = frame;
        ctx.time = time;
        ctx.stream = rec.stream;
        ctx.forward = rec.forward;
        ctx.seq = seq;
        ctx.fin = (rec.flags & Tcp.FIN) != 0;
        ctx.reassembled = reassembledBytes;
        ctx.laterReassembly = reassembledBytes && laterReassembly;
        ctx.canDesegment = canDesegment;
        ctx.truncated = !reassembledBytes && truncatedPayload;
        ctx.srcPort = srcPort;
        ctx.dstPort = dstPort;
        ctx.urgentPointer = (rec.flags & Tcp.URG) != 0 ? urgentPointer : -1;
        ctx.desegmentOffset = 0;
        ctx.desegmentLength = 0;
        ctx.handOff = null;
        ctx.handOffSession = null;
        ctx.exception = false;
        ctx.declined = false;
        ctx.tryHeuristics = false;
        st.dissector.dissect(s, off, len, ctx);
        if (ctx.tryHeuristics && st.before == null) {
            for (PduDissector h : table.heuristics()) {
                if (h != st.dissector && h.heuristic(ctx.stream, ctx.srcPort, ctx.dstPort, s, off, len)) {
                    st.before = st.dissector;
                    st.beforeSession = st.session;
                    st.dissector = h;
                    st.session = h.newSession(st.before.name());
                    ctx.session = st.session;
                    ctx.desegmentOffset = 0;
                    ctx.desegmentLength = 0;
                    h.dissect(s, off, len, ctx);
                    break;
                }
            }
        } else if (ctx.declined && st.before != null) {
            ctx.session = st.beforeSession;
            ctx.desegmentOffset = 0;
            ctx.desegmentLength = 0;
            ctx.declined = false;
            st.before.dissect(s, off, len, ctx);
        }
        if (ctx.declined) {
            declined.add(new Declined(s, off, len));
        }
        if (ctx.handOff != null && st.handOffFrame == 0) {
            st.next = ctx.handOff;
            st.nextSession = ctx.handOffSession;
            st.handOffFrame = frame;
        }
        if (!canDesegment) {
            ctx.desegmentOffset = 0;
            ctx.desegmentLength = 0;
        }
    }

    /**
     * reassemble.c's {@code fragment_add} for one PDU: true when this fragment completes it.
     * Sets {@link #error} where Wireshark throws a ReassemblyError.
     */
    private boolean add(Msp m, MemorySegment s, long off, int fragOffset, int len, boolean more, int frame) {
        if (m.defragmented) {
            if (fragOffset + len >= m.datalen) {
                if (m.partial) {
                    m.defragmented = false;
                    m.partial = false;
                    m.datalen = -1;
                } else {
                    error = fragOffset >= m.datalen ? "New fragment past old data limits"
                            : "New fragment overlaps old data (retransmission?)";
                    return false;
                }
            } else {
                error = "New fragment overlaps old data (retransmission?)";
                return false;
            }
        }
        for (int i = 0; i < m.count; i++) {
            if (m.frames[i] == frame && m.offsets[i] == fragOffset) {
                return false; // already added
            }
        }
        int end = fragOffset + len;
        if (fragOffset < 0 || end < 0 || end > MAX_PDU_BYTES) {
            // past the cap, or a sequence distance of 2^31 or more (an offset tshark's 32-bit
            // arithmetic puts gigabytes away): the PDU is given up
            m.abandoned = true;
            m.data.release(pool);
            return false;
        }
        m.grow();
        long position = -1;
        if (s == sourceSegment && file != null && (m.file == null || m.file == file)
                && (m.nxtpdu - m.seq > COPY_PDU_BYTES || pool.heldBytes() + len > copyBudget)) {
            m.file = file; // the bytes stay in the capture file; assemble() reads them back
            position = fileOrigin + off;
        } else {
            m.data.put(pool, s, off, fragOffset, len);
        }
        m.positions[m.count] = position;
        m.frames[m.count] = frame;
        m.offsets[m.count] = fragOffset;
        m.lengths[m.count] = len;
        m.count++;
        if (!more) {
            m.datalen = end;
        }
        m.highest = Math.max(m.highest, end);
        recomputeContiguous(m);
        if (m.datalen >= 0 && m.contiguous >= m.datalen) {
            m.defragmented = true;
            return true;
        }
        return false;
    }

    private static void recomputeContiguous(Msp m) {
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int i = 0; i < m.count; i++) {
                int o = m.offsets[i];
                int e = o + m.lengths[i];
                if (o <= m.contiguous && e > m.contiguous) {
                    m.contiguous = e;
                    grew = true;
                }
            }
        }
    }

    /**
     * reassemble.c's {@code fragment_truncate} as the shown tree sees it after a split: the
     * fragments before {@code at}, the last one cut there (the title keeps the full length).
     */
    private void truncateShown(int at) {
        Reassembled r = reassembled;
        int n = 0;
        for (int i = 0; i < r.count; i++) {
            if (r.offsets[i] < at) {
                r.frames[n] = r.frames[i];
                r.offsets[n] = r.offsets[i];
                r.lengths[n] = Math.min(r.lengths[i], at - r.offsets[i]);
                n++;
            }
        }
        r.count = n;
    }

    /**
     * packet-tcp.c's {@code split_msp}: the dissector used the first {@code at} bytes of a
     * completed PDU; the rest becomes a new PDU starting there.
     */
    private Msp split(Flow flow, Msp m, int at) {
        int firstFrame = m.firstFrame;
        for (int i = 0; i < m.count; i++) {
            if (m.offsets[i] + m.lengths[i] >= at) {
                firstFrame = m.frames[i];
                break;
            }
        }
        Msp n = new Msp(m.seq + at, m.nxtpdu, firstFrame);
        n.file = m.file;
        int rest = m.datalen - at;
        m.data.moveTo(pool, n.data, at, rest);
        for (int i = 0; i < m.count; i++) {
            int o = m.offsets[i];
            int e = o + m.lengths[i];
            if (e > at) {
                int no = Math.max(o, at) - at;
                n.grow();
                n.positions[n.count] = m.positions[i] < 0 ? -1 : m.positions[i] + Math.max(o, at) - o;
                n.frames[n.count] = m.frames[i];
                n.offsets[n.count] = no;
                n.lengths[n.count] = e - at - no;
                n.count++;
            }
        }
        n.contiguous = rest;
        n.highest = rest;
        n.lastFrame = m.lastFrame;
        m.nxtpdu = m.seq + at;
        m.datalen = at;
        m.data.release(pool); // nothing reads a completed, split PDU's bytes again
        flow.add(n, pool);
        return n;
    }
}

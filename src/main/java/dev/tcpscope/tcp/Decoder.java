package dev.tcpscope.tcp;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Dissector;
import dev.tcpscope.wire.EtherTrailer;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.ReassembledIn;
import dev.tcpscope.wire.Tcp;

/**
 * Decodes frames in capture order: dissects each one ({@link Dissector}) and runs the TCP
 * analysis on its TCP segment ({@link TcpAnalyzer}). What it leaves for the current frame — the
 * dissection and the segment's {@link TcpRecord} — is what the packet list, the field table and
 * the filters read; all of it is reused for the next frame.
 */
public final class Decoder {
    private final Dissector dissector = new Dissector();
    private final Dissection dissection = new Dissection();
    private final TcpAnalyzer analyzer;
    private final TcpRecord record = new TcpRecord();
    private Frame frame;
    private int tcpLayer = -1;
    private int ipLayer = -1;
    private boolean analysed;
    private boolean haveFirstTime;
    private long firstTime;
    private long previousTime;
    private long time;

    private Desegmenter desegmenter;

    /** A first (or only) pass. */
    public Decoder() {
        this(new TcpAnalyzer());
    }

    /** A decoder whose TCP analysis is {@code analyzer} (a second pass, for one). */
    public Decoder(TcpAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * Hands TCP payloads to the protocols of {@code table} from now on, desegmenting as
     * Wireshark does ({@link Desegmenter}); without it nothing above TCP is dissected.
     */
    public Decoder payloads(PduTable table) {
        return payloads(table, false);
    }

    /** As {@link #payloads(PduTable)}, showing frames as tshark's second pass does when {@code secondPass}. */
    public Decoder payloads(PduTable table, boolean secondPass) {
        desegmenter = table == null ? null : new Desegmenter(table).secondPass(secondPass);
        return this;
    }

    /**
     * As {@link #payloads(PduTable)} for tshark's second pass ({@code -2}), knowing where the
     * first pass ({@link #pduCompletions()}) completed each PDU.
     */
    public Decoder payloads(PduTable table, PduCompletions firstPass) {
        desegmenter = table == null ? null : new Desegmenter(table).secondPass(firstPass);
        return this;
    }

    /** The desegmenter, or null when no protocol above TCP is dissected. */
    public Desegmenter desegmenter() { return desegmenter; }

    /** The desegmenter when it ran on this frame's TCP segment (its per-frame results are this frame's), else null. */
    public Desegmenter desegmented() { return desegRan ? desegmenter : null; }

    private boolean desegRan;

    /**
     * {@code tcp.desegment_tcp_streams}: whether TCP reassembles PDUs for the protocols above it
     * (true without any, as tshark's default).
     */
    public boolean desegmenting() { return desegmenter == null || desegmenter.table().desegment(); }

    /** Where the first pass of two completed each multi-segment PDU (after {@link #noteReassemblies()}), or null. */
    public PduCompletions pduCompletions() {
        return desegmenter == null ? null : desegmenter.completions();
    }

    /** What the protocols above TCP wrote in the columns of this frame, or null. */
    public AppColumns appColumns() {
        return appTouched ? desegmenter.columns() : null;
    }

    private boolean appTouched;

    /** A second pass: TCP analysis {@code analyzer}, and where the first pass completed each IP datagram. */
    public Decoder(TcpAnalyzer analyzer, ReassembledIn firstPass) {
        this(analyzer);
        dissector.knownReassemblies(firstPass);
    }

    private ReassembledIn reassemblies;

    /** Notes from now on which frame completes each IP datagram, for a second pass ({@link #reassemblies()}). */
    public void noteReassemblies() {
        reassemblies = new ReassembledIn();
        dissector.noteReassemblies(reassemblies);
        if (desegmenter != null) {
            desegmenter.noteCompletions();
        }
    }

    /** What {@link #noteReassemblies()} noted, or null. */
    public ReassembledIn reassemblies() { return reassemblies; }

    /** Dissects and analyses {@code f}, which must come after the previous frame in the capture. */
    public void decode(Frame f) {
        frame = f;
        if (f.kind() == Frame.Kind.PACKET || f.hasTimestamp()) {
            // wraps beyond years 1677-2262, which keeps every difference (delta, relative) exact;
            // the presentations take such a time from the frame's own seconds
            time = f.seconds() * 1_000_000_000L + f.nanos();
        }
        // else wiretap leaves the record's time as the previous record set it (0 before the
        // first), and tshark measures the next frame's delta from that
        if (!haveFirstTime) {
            haveFirstTime = true;
            firstTime = time;
            previousTime = time;
        }
        timeDelta = time - previousTime;
        previousTime = time;
        tcpLayer = -1;
        ipLayer = -1;
        analysed = false;
        appTouched = false;
        desegRan = false;
        trailerDone = false;
        if (f.kind() != Frame.Kind.PACKET) {
            dissection.reset(f);
            return;
        }
        dissector.dissect(f, dissection);
        int n = dissection.count();
        for (int i = 0; i < n; i++) {
            Proto p = dissection.proto(i);
            if (p == Proto.IPV4 || p == Proto.IPV6) {
                ipLayer = i;
            } else if (p == Proto.TCP && ipLayer >= 0) {
                tcpLayer = i;
                analysed = analyzer.analyze(dissection, ipLayer, i, (int) f.number(), time, record);
                if (analysed && desegmenter != null && record.haveSegmentLength && record.optionsComplete) {
                    payload(f, i);
                }
                break;
            }
        }
    }

    private void payload(Frame f, int i) {
        int captured = dissection.captured(i) - record.headerLength;
        if (captured < 0) {
            return;
        }
        if (record.segmentLength == 0 && (record.flags & Tcp.FIN) == 0) {
            return;
        }
        Handshake h = analyzer.conversation().handshake();
        boolean closing = (record.flags & Tcp.RST) != 0 || (h.finFrame(true) != 0 && h.finFrame(false) != 0);
        var s = dissection.segment(i);
        long off = dissection.offset(i);
        if (s == f.segment() && f.file() != null) {
            desegmenter.source(f.file(), s, f.filePosition(0));
        } else {
            desegmenter.source(null, null, 0);
        }
        desegmenter.segment((int) f.number(), time, record, Tcp.srcPort(s, off), Tcp.dstPort(s, off),
                s, off + record.headerLength, Math.min(captured, record.segmentLength), record.segmentLength, closing);
        appTouched = desegmenter.columns().touched();
        desegRan = true;
    }

    private long timeDelta;
    private boolean displayedBefore;
    private long previousDisplayed;
    private long timeDeltaDisplayed;

    /**
     * Marks the frame just decoded as displayed (it passed the display filter): its
     * {@link #timeDeltaDisplayed()} is measured from the previous frame so marked.
     */
    public void display() {
        timeDeltaDisplayed = displayedBefore ? time - previousDisplayed : 0;
        displayedBefore = true;
        previousDisplayed = time;
    }

    /** {@code frame.time_delta_displayed}: nanoseconds since the previous displayed frame (0 for the first). */
    public long timeDeltaDisplayed() { return timeDeltaDisplayed; }

    /** The frame's time in epoch nanoseconds. */
    public long time() { return time; }

    /**
     * Seconds and nanoseconds as one count of nanoseconds, saturated at the ends of a long
     * (years 1677 and 2262): a pcapng time far in the future or an {@code if_tsoffset} of 2^63-1
     * stays the latest time there is instead of wrapping into the past.
     */
    public static long epochNanos(long seconds, long nanos) {
        long hi = Math.multiplyHigh(seconds, 1_000_000_000L);
        long lo = seconds * 1_000_000_000L;
        if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) {
            return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        long sum = lo + nanos;
        if (((lo ^ sum) & (nanos ^ sum)) < 0) {
            return lo < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    /** {@code frame.time_relative}: nanoseconds since the first frame. */
    public long timeRelative() { return time - firstTime; }

    /** {@code frame.time_delta}: nanoseconds since the previous frame. */
    public long timeDelta() { return timeDelta; }

    /** The frame last decoded. */
    public Frame frame() { return frame; }

    /** Its dissection. */
    public Dissection dissection() { return dissection; }

    private final EtherTrailer trailer = new EtherTrailer();
    private boolean trailerDone;

    /** What follows its EtherType payload (padding, trailer, FCS), worked out on first use. */
    public EtherTrailer etherTrailer() {
        if (!trailerDone) {
            trailer.compute(frame, dissection);
            trailerDone = true;
        }
        return trailer;
    }

    /** Layer index of its TCP header, or −1. */
    public int tcpLayer() { return tcpLayer; }

    /** Layer index of the IP header carrying the TCP segment, or −1. */
    public int tcpIpLayer() { return tcpLayer >= 0 ? ipLayer : -1; }

    /** The analysis of its TCP segment, or null when it has none (no TCP, or a header cut short). */
    public TcpRecord tcp() { return analysed ? record : null; }

    /** The TCP analyzer, for stream-level state. */
    public TcpAnalyzer analyzer() { return analyzer; }
}

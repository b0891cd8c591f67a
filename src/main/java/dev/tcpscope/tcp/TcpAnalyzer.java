package dev.tcpscope.tcp;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Ipv4;
import dev.tcpscope.wire.Ipv6;
import dev.tcpscope.wire.Mptcp;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Tcp;
import dev.tcpscope.wire.TcpOptionWalk;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Tracks TCP conversations in capture order, as Wireshark's TCP dissector does on its first
 * pass: stream numbers, relative sequence numbers, window scaling, conversation completeness,
 * per-stream timestamps and the sequence analysis ({@link SequenceAnalysis}: retransmissions,
 * duplicate ACKs, lost segments, windows, RTTs, bytes in flight ...).
 *
 * <p>Semantics follow Wireshark 4.0's {@code dissect_tcp()}: a conversation is identified by its
 * two endpoints; a SYN whose sequence number differs from the base already recorded for its
 * direction starts a new stream (ports reused). Relative numbers count from the ISN when the SYN
 * was seen, else from the first sequence number seen minus one (so the first segment shows 1);
 * the receiver's base is taken from the first ACK as ack − 1 when its own segments have not been
 * seen. Window scaling applies once both SYNs are seen; a SYN without the option turns it off
 * for both directions (RFC 7323 §2.2). A SYN that starts a new stream and a SYN/ACK whose
 * ISN differs from the one recorded raise {@code tcp.analysis.reused_ports}; a SYN repeating
 * the recorded ISN takes its direction's next expected sequence number back to the end of the
 * contiguous data (Wireshark issue 17616).
 *
 * <p>How far the analysis of a segment goes depends, as in Wireshark, on how far its header can
 * be read: a header length below 20 stops after the sequence number, and options cut short by
 * the capture stop before the window scale is settled and before the analysis is shown.
 *
 * <p>A second pass ({@code tshark -2}) is an analyzer made with the first pass's
 * {@link #finals()}: it analyses again (the per-frame results are the same) and shows the
 * per-stream values the first pass ended with.
 */
public final class TcpAnalyzer {
    /** {@code tcp.completeness} bits (Wireshark's {@code TCP_COMPLETENESS_*}). */
    public static final int SYN_SENT = 1, SYN_ACK = 2, ACK_SEEN = 4, DATA = 8, FIN_SEEN = 16, RST_SEEN = 32;

    /**
     * The conversations seen lately, least recently used first; past {@link #LIVE} of them, the
     * least recent goes to {@link #spill} (and comes back when its addresses and ports are seen
     * again), so memory stays flat however many connections a capture holds.
     */
    private final java.util.LinkedHashMap<FlowKey, Conversation> conversations = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<FlowKey, Conversation> eldest) {
            if (size() <= live) {
                return false;
            }
            Conversation c = eldest.getValue();
            // the eldest is never the conversation just found or made: that one is the most recent
            if (!spill.put(eldest.getKey(), c)) {
                return false;
            }
            if (recorder != null) {
                recorder.set(c);
            }
            recycled = c;
            recycledKey = eldest.getKey();
            return true;
        }
    };
    /**
     * The conversation (and its key) written to the spill last, to be {@linkplain Conversation#reset
     * reset} for the next one made or read back: nothing else refers to it.
     */
    private Conversation recycled;
    private FlowKey recycledKey;
    /**
     * Conversations kept in memory before the least recently used ones are spilled: about 1 KB
     * each, so 4,096 hold 4 MB (16,384 held 16 MB, a third of a million-SYN run's live heap). A
     * capture with more connections active at once than this pays a read and a write of the
     * spill file (page cache) per packet of a conversation brought back; the synthetic
     * benchmark's 1M packets never reach it.
     */
    static final int LIVE = 4_096;
    private int live = LIVE;
    private final ConversationSpill spill = new ConversationSpill();
    private final FlowKey probe = new FlowKey();
    private final TcpOptionWalk options = new TcpOptionWalk();
    private final MptcpAnalysis mptcp = new MptcpAnalysis();
    /** The MPTCP operations ({@link MptcpAnalysis#operation}) of the segment being analysed. */
    private int mptcpOperations;
    private final StreamFinals finals;
    private final AnalysisMode mode;
    /** A first pass's per-stream values for {@link #finals()}, once {@link #recordFinals()} asked; else null. */
    private StreamFinals.Builder recorder;
    private int nextStream;
    /** The conversation of the segment analysed last. */
    private Conversation current;

    /** A first pass of tshark's analysis. */
    public TcpAnalyzer() {
        this(AnalysisMode.TSHARK);
    }

    /** A first pass. */
    public TcpAnalyzer(AnalysisMode mode) {
        this.mode = mode;
        this.finals = null;
    }

    /**
     * A second pass over the same frames, showing what the first pass (made with {@code mode}
     * too) ended with.
     */
    public TcpAnalyzer(AnalysisMode mode, StreamFinals finals) {
        this.mode = mode;
        this.finals = finals;
    }

    /** The conversation of the segment analysed last (null before any). */
    public Conversation conversation() { return current; }

    /**
     * Whether a protocol above made the conversation of a connection between these ports before
     * its first segment (packet-ftp.c for the data connection a PASV or EPSV answer announces): its
     * first segment is then not the conversation's first frame, so tshark does not count that SYN
     * in {@code tcp.completeness}.
     */
    public interface Precreated {
        boolean test(int srcPort, int dstPort);
    }

    private Precreated precreated;

    /** Sets where the conversations protocols made ahead of their connections are asked about (null: none). */
    public void precreated(Precreated p) {
        precreated = p;
    }

    /** The analysis this analyzer runs. */
    public AnalysisMode mode() { return mode; }

    private TcpPreferences preferences = new TcpPreferences();

    /**
     * Applies tshark's TCP preferences ({@code -o tcp.*}): without {@code analyze_sequence_numbers}
     * no segment is analysed; without it or {@code relative_sequence_numbers} Seq, Ack, NextSeq
     * and SACK edges are the raw numbers.
     */
    public TcpAnalyzer preferences(TcpPreferences preferences) {
        this.preferences = preferences;
        return this;
    }

    /** Number of streams seen so far. */
    public int streams() { return nextStream; }

    /** The state every stream has reached, for a second pass (first pass only). */
    public StreamFinals finals() {
        if (recorder == null) {
            throw new IllegalStateException("finals were not recorded (recordFinals)");
        }
        for (Conversation c : conversations.values()) {
            recorder.set(c);
        }
        return recorder.build();
    }

    /** A first pass whose {@link #finals()} a second pass will need: keeps them (about 40 bytes a stream). */
    public TcpAnalyzer recordFinals() {
        if (finals != null) {
            throw new IllegalStateException("a second pass keeps no final state");
        }
        recorder = new StreamFinals.Builder();
        return this;
    }

    /** For tests: keep at most {@code n} conversations in memory (default {@value #LIVE}). */
    TcpAnalyzer liveConversations(int n) {
        live = n;
        return this;
    }

    /** How many times a conversation was written out to the spill file (for tests and benchmarks). */
    public long spilledConversations() { return spill.spills(); }

    /**
     * Analyses the TCP layer {@code tcpIndex} of {@code d} (whose IP header is layer
     * {@code ipIndex}) and fills {@code out}; false (and {@code out} untouched) when the first 16
     * bytes of the header, through the window, were not captured.
     *
     * @param frame the frame number
     * @param time the frame's absolute time in epoch nanoseconds
     */
    public boolean analyze(Dissection d, int ipIndex, int tcpIndex, int frame, long time, TcpRecord out) {
        if (d.captured(tcpIndex) < 16) {
            return false;
        }
        Segment g = observe(d, ipIndex, tcpIndex, frame, time, out);
        if (out.bogusHeaderLength) {
            return true; // tshark gives up after the sequence number
        }
        headerSeen(g);
        if (d.captured(tcpIndex) < Tcp.MIN_HEADER_LENGTH) {
            return true; // tshark stops reading the urgent pointer
        }
        mptcpOperations = 0;
        out.optionsComplete = readOptions(g, out, d.segment(tcpIndex), d.offset(tcpIndex), out.headerLength, d.captured(tcpIndex));
        out.mptcp = mptcp.subflow(out.stream);
        if (out.optionsComplete && mptcpOperations != 0) {
            mptcp.operationsShown(out.stream, mptcpOperations);
        }
        if (out.optionsComplete) {
            endSegment(g);
        }
        out.initialRtt = g.c.finals != null ? g.c.finals.firstRtt() : g.c.firstRtt;
        // tshark finds a segment's analysis again by its sequence numbers made absolute from the
        // relative ones, which only works when they were made relative (a known segment length).
        out.analysed &= out.haveSegmentLength;
        return true;
    }

    /** The segment being analysed, between the steps of {@link #analyze}; one, reused per frame. */
    private static final class Segment {
        Conversation c;
        Endpoint snd;
        Endpoint rcv;
        boolean isNew;
        int flags;
        int seglen;
        long time;
    }

    private final Segment segment = new Segment();

    private Segment observe(Dissection d, int ipIndex, int tcpIndex, int frame, long time, TcpRecord out) {
        frameNumber = frame;
        MemorySegment ipSeg = d.segment(ipIndex);
        MemorySegment s = d.segment(tcpIndex);
        long ip = d.offset(ipIndex);
        long tcp = d.offset(tcpIndex);
        boolean v6 = d.proto(ipIndex) == Proto.IPV6;
        int sport = Tcp.srcPort(s, tcp);
        int dport = Tcp.dstPort(s, tcp);
        if (v6) {
            // a routing header's last hop is the destination Wireshark keys the conversation on
            probe.set(ipSeg, ip + d.ipv6Source(ipIndex), ip + d.ipv6Destination(ipIndex), true, sport, dport);
        } else {
            probe.set(ipSeg, ip + Ipv4.SRC, ip + Ipv4.DST, false, sport, dport);
        }
        boolean fwd = probe.forward();
        long seq = Tcp.seq(s, tcp);
        long ack = Tcp.ack(s, tcp);
        int flags = Tcp.flags(s, tcp);
        int hlen = Tcp.headerLength(s, tcp);
        int win = Tcp.window(s, tcp);

        Conversation c = conversations.get(probe);
        if (c == null && spill.size() > 0) {
            c = spill.take(probe, finals, recycled);
            if (c != null) {
                if (c == recycled) {
                    recycled = null;
                }
                conversations.put(keyOf(probe), c);
            }
        }
        boolean isNew = c == null;
        if (isNew) {
            c = newConversation(time);
        }
        Endpoint snd = c.sender(fwd);
        int reuse = 0;
        int synAck = flags & (Tcp.SYN | Tcp.ACK_FLAG);
        boolean analysed = false;
        if (synAck == Tcp.SYN && snd.baseSet) {
            if (seq != snd.baseSeq) {
                c = newConversation(time); // a new connection on the same ports
                c.completeness = SYN_SENT;
                snd = c.sender(fwd);
                reuse = TcpRecord.REUSED_PORTS;
            } else {
                // The same SYN again: forget what a RST may have advanced (Wireshark issue 17616).
                snd.nextSeq = snd.maxSeqToBeAcked;
            }
            analysed = true;
        } else if (synAck == (Tcp.SYN | Tcp.ACK_FLAG) && snd.baseSet && seq != snd.baseSeq) {
            snd.baseSeq = seq;
            reuse = TcpRecord.REUSED_PORTS;
            analysed = true;
        }
        if (synAck == (Tcp.SYN | Tcp.ACK_FLAG) && snd.shownBaseSet && seq != snd.shownBase) {
            snd.shownBase = seq; // a second pass repeats this one assignment (issue 16944)
        }
        Endpoint rcv = c.receiver(fwd);
        snd.sackCount = 0;
        c.handshake.observe(frame, fwd, flags);
        if ((flags & Tcp.SYN) != 0) {
            c.serverPort = (flags & Tcp.ACK_FLAG) != 0 ? sport : dport;
        }
        current = c;

        out.stream = c.stream;
        out.serverPort = c.serverPort;
        out.forward = fwd;
        out.seqRaw = seq;
        out.ackRaw = ack;
        out.flags = flags;
        out.finActive = (flags & Tcp.FIN) != 0 && !rcv.closingInitiator;
        if (out.finActive) {
            snd.closingInitiator = true;
        }
        out.windowRaw = win;
        out.headerLength = hlen;
        out.bogusHeaderLength = hlen < Tcp.MIN_HEADER_LENGTH;
        out.optionsComplete = false;
        out.mptcp = null;
        out.mptcpAssertion = -1;
        out.mptcpSeen = null;
        out.completeness = c.finals != null ? c.shownCompleteness : c.completeness;
        int reported = d.reported(tcpIndex);
        out.haveSegmentLength = !d.fragmented && reported >= hlen;
        out.segmentLength = out.haveSegmentLength ? reported - hlen : 0;
        out.seq = seq;
        out.ack = ack;
        out.nextSeq = 0;
        out.window = win;
        out.analysisFlags = preferences.analyzeSequenceNumbers ? reuse : 0; // tshark labels a reuse only when it analyses
        out.analysed = analysed;
        out.dupAckNum = 0;
        out.dupAckFrame = 0;
        out.acksFrame = 0;
        out.ackRtt = 0;
        out.ackedResent = false;
        out.initialRtt = 0;
        out.bytesInFlight = 0;
        out.pushBytesSent = 0;
        out.rto = 0;
        out.rtoFrame = 0;
        out.timeRelative = time - c.firstTime;
        out.timeDelta = time - c.previousTime;
        c.previousTime = time;
        if (out.haveSegmentLength) {
            if (!snd.baseSet) {
                snd.baseSeq = (flags & Tcp.SYN) != 0 ? seq : (seq - 1) & 0xffffffffL;
                snd.baseSet = true;
            }
            if (!rcv.baseSet && (flags & Tcp.ACK_FLAG) != 0) {
                rcv.baseSeq = (ack - 1) & 0xffffffffL;
                rcv.baseSet = true;
            }
            if (preferences.analyzeSequenceNumbers) {
                SequenceAnalysis.analyse(c, snd, rcv, frame, time, (int) seq, (int) ack, out.segmentLength, flags, win,
                        mptcp.operationsChanged(c.stream, fwd), out);
            }
            mptcp.rememberOperations(c.stream, fwd);
            boolean relative = preferences.relative();
            long sndBase = !relative ? 0 : c.finals != null ? snd.shownBase : snd.baseSeq;
            long rcvBase = !relative ? 0 : c.finals != null ? rcv.shownBase : rcv.baseSeq;
            out.seq = (seq - sndBase) & 0xffffffffL;
            if ((flags & Tcp.ACK_FLAG) != 0) {
                out.ack = (ack - rcvBase) & 0xffffffffL;
            }
            int scale = c.finals != null ? snd.shownScale : snd.winScale;
            if ((flags & Tcp.SYN) == 0 && scale >= 0) {
                out.window = (long) win << scale;
            }
            out.nextSeq = (out.seq + out.segmentLength + ((flags & (Tcp.SYN | Tcp.FIN)) != 0 ? 1 : 0)) & 0xffffffffL;
        }
        int scale = c.finals != null ? snd.shownScale : snd.winScale;
        out.scaleFactor = scale >= 0 ? 1 << scale : scale;
        out.sackBase = !preferences.relative() ? 0 : c.finals != null ? rcv.shownBase : rcv.baseSeq;
        Segment g = segment;
        g.c = c;
        g.snd = snd;
        g.rcv = rcv;
        g.isNew = isNew && (precreated == null || !precreated.test(sport, dport));
        g.flags = flags;
        g.seglen = out.segmentLength;
        g.time = time;
        return g;
    }

    /**
     * The header length is sane: completeness moves on, a SYN arms the first-ACK and first-RTT
     * bookkeeping, a pure ACK completes it.
     */
    private static void headerSeen(Segment g) {
        Conversation c = g.c;
        int f = g.flags;
        int synAck = f & (Tcp.SYN | Tcp.ACK_FLAG);
        int bits = 0;
        if (synAck == (Tcp.SYN | Tcp.ACK_FLAG)) {
            bits |= SYN_ACK;
        }
        if (synAck == Tcp.ACK_FLAG) {
            bits |= g.seglen > 0 ? DATA : ACK_SEEN;
        }
        if ((f & (Tcp.FIN | Tcp.ACK_FLAG)) == (Tcp.FIN | Tcp.ACK_FLAG)) {
            bits |= FIN_SEEN;
        }
        if ((f & Tcp.RST) != 0) {
            bits |= RST_SEEN;
        }
        if (c.finals != null) {
            // A second pass finds the conversation already made, so even its first frame counts.
            if (!c.precise) {
                c.shownCompleteness |= bits;
            }
        } else if (!g.isNew) {
            c.completeness |= bits;
        } else {
            // tshark counts only a SYN in a conversation's first frame (data on it: TCP Fast
            // Open); the precise analysis counts the frame like any other.
            if (synAck == Tcp.SYN) {
                c.completeness |= SYN_SENT | (g.seglen > 0 ? DATA : 0);
            }
            if (c.precise) {
                c.completeness |= bits;
            }
        }
        if ((f & Tcp.SYN) != 0) {
            if ((f & Tcp.ACK_FLAG) == 0) {
                c.synTime = g.time;
            }
            g.snd.isFirstAck = true;
        }
        if (synAck == Tcp.ACK_FLAG) {
            if (c.synTime != 0 && c.firstRtt == 0) {
                c.firstRtt = g.time - c.synTime;
            }
            g.snd.isFirstAck = false;
        }
    }

    /**
     * Reads the options a first pass keeps (window scale, SACK blocks); false when they were cut
     * short by the capture or malformed where tshark gives up (an empty SACK option).
     */
    private boolean readOptions(Segment g, TcpRecord out, MemorySegment s, long tcp, int headerLength, int captured) {
        TcpOptionWalk w = options.reset(s, tcp, headerLength, captured);
        for (int kind = w.next(); kind >= 0; kind = w.next()) {
            long o = w.offset();
            int len = w.length();
            if (kind == Tcp.OPT_WS && len == 3) {
                if (!w.captured(3)) {
                    return false;
                }
                g.snd.winScale = Math.min(Bytes.u8(s, o + 2), 14);
            } else if (kind == Tcp.OPT_SACK) {
                if (len == 2) {
                    return false;
                }
                for (int b = 2; b + 8 <= len; b += 8) {
                    if (!w.captured(b + 8)) {
                        return false;
                    }
                    Endpoint snd = g.snd;
                    int left = (int) Bytes.u32(s, o + b);
                    int right = (int) Bytes.u32(s, o + b + 4);
                    if (snd.sackCount < Endpoint.MAX_SACK) {
                        snd.sackLeft[snd.sackCount] = left;
                        snd.sackRight[snd.sackCount] = right;
                        snd.sackCount++;
                    }
                    if (g.c.precise) {
                        Precise.sack(g.rcv, left, right);
                    }
                }
            } else if (kind == Tcp.OPT_MPTCP) {
                int avail = Math.min(len, captured - w.position());
                if (out.mptcpSeen == null) {
                    out.mptcpSeen = mptcp.begin();
                }
                boolean ok = mptcp.option(out.stream, out.forward, s, o, len, avail);
                mptcp.saw(out.stream, out.forward, w.position());
                if (!ok) {
                    out.mptcpAssertion = w.position();
                    return false;
                }
                mptcpOperations |= avail >= 3 ? MptcpAnalysis.operation(Mptcp.subtype(s, o)) : 0;
            } else if (!optionCaptured(w, kind, len)) {
                return false;
            }
        }
        return w.next() == TcpOptionWalk.END; // not cut short, nor stopped by a malformed MPTCP option
    }

    /** Whether the bytes tshark reads of an option the analysis does not use were captured. */
    private static boolean optionCaptured(TcpOptionWalk w, int kind, int len) {
        return switch (kind) {
            case Tcp.OPT_MSS -> len != 4 || w.captured(4);
            case Tcp.OPT_TIMESTAMP -> len != 10 || w.captured(10);
            case Tcp.OPT_EXP1, Tcp.OPT_EXP2 -> len < 4 || w.captured(4);
            default -> true;
        };
    }

    /**
     * Ends the segment after its options: a SYN settles whether window scaling is in use
     * (Wireshark's {@code verify_tcp_window_scaling}). A second pass repeats this to analyse
     * alike, but shows the scale the first pass ended with.
     */
    private static void endSegment(Segment g) {
        if ((g.flags & Tcp.SYN) == 0) {
            return;
        }
        if (g.snd.winScale == Endpoint.SCALE_UNKNOWN) {
            g.snd.winScale = Endpoint.SCALE_NONE;
            g.rcv.winScale = Endpoint.SCALE_NONE;
        } else if ((g.flags & Tcp.ACK_FLAG) != 0 && g.rcv.winScale == Endpoint.SCALE_NONE) {
            g.snd.winScale = Endpoint.SCALE_NONE;
        }
    }

    /**
     * A second pass over the frames a read filter ({@code -2 -R}) kept: the stream number the first
     * pass gave the conversation a frame starts, or -1. tshark's second pass shows the first pass's
     * numbers (a conversation whose frames were all dropped still took one), and the finals are
     * looked up by them.
     */
    private java.util.function.IntUnaryOperator firstPassStreams;
    /** The frame being analysed (for {@link #firstPassStreams}). */
    private int frameNumber;

    /** Sets where a second pass after a read filter finds the first pass's stream numbers (null: none). */
    public TcpAnalyzer firstPassStreams(java.util.function.IntUnaryOperator streams) {
        firstPassStreams = streams;
        return this;
    }

    private Conversation newConversation(long time) {
        int hinted = firstPassStreams == null ? -1 : firstPassStreams.applyAsInt(frameNumber);
        int stream = hinted >= 0 ? hinted : nextStream++;
        nextStream = Math.max(nextStream, stream + 1);
        StreamFinals.Entry entry = finals != null ? finals.get(stream) : null;
        boolean precise = mode == AnalysisMode.PRECISE;
        Conversation c = takeRecycled();
        if (c == null) {
            c = new Conversation(stream, time, entry, precise);
        } else {
            c.reset(stream, time, entry, precise);
        }
        Conversation replaced = conversations.put(keyOf(probe), c);
        if (recorder != null) {
            recorder.ensure(stream);
            if (replaced != null) {
                recorder.set(replaced); // a new connection on the same ports: the old one is final
            }
        }
        return c;
    }

    /** The conversation spilled last, for reuse (null when there is none), given out once. */
    private Conversation takeRecycled() {
        Conversation c = recycled;
        recycled = null;
        return c;
    }

    /** A copy of {@code k} to keep as a map key, in the spilled key's object when there is one. */
    private FlowKey keyOf(FlowKey k) {
        FlowKey kept = recycledKey;
        if (kept == null) {
            return k.copy();
        }
        recycledKey = null;
        kept.copyFrom(k);
        return kept;
    }
}

package dev.tcpscope.present.explain;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.AddressText;
import dev.tcpscope.present.AnalysisLabels;
import dev.tcpscope.present.color.Colorizer;
import dev.tcpscope.present.color.ColoringRule;
import dev.tcpscope.present.explain.StreamState.Seg;
import dev.tcpscope.present.explain.StreamState.Side;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Ipv4;
import dev.tcpscope.wire.Ipv6;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Tcp;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.tcpscope.present.explain.StreamState.gt;
import static dev.tcpscope.present.explain.StreamState.lt;
import static dev.tcpscope.present.explain.StreamState.mod;
import static dev.tcpscope.tcp.TcpRecord.*;

/**
 * Explains packets one by one, in capture order: for a TCP segment its role in the
 * conversation, its flag bits, the arithmetic behind its relative and raw Seq and Ack, the
 * earlier packet it acknowledges, its handshake options, its window, its payload and the coloring
 * rule that colors it; after the capture, a summary and a ladder diagram per stream.
 *
 * <p>Everything is derived from the packet as the {@link Decoder} dissected it, its
 * {@link TcpRecord} (the analysis tshark would make) and what this explainer saw earlier in the
 * same conversation, never from the packet's position in the capture. Every frame of the capture
 * must be passed, in order, even those not shown, so that the conversation state is right.
 */
public final class Explainer {
    private static final String[] FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};
    private static final int RESENT = RETRANSMISSION | FAST_RETRANSMISSION | SPURIOUS_RETRANSMISSION | OUT_OF_ORDER;
    /** Most endpoint pairs remembered for recognising a reused connection. */
    private static final int MAX_ENDPOINT_PAIRS = 4096;
    /** Linux's ISN for a connection that takes over one in TIME_WAIT: old SND.NXT + 65535 + 2 (tcp_twsk_unique). */
    private static final long LINUX_TW_ISN_STEP = 65537;
    /** Ack delays at least this long (ns) may be a delayed ACK: Linux's TCP_DELACK_MIN is 40 ms, less a tick. */
    private static final long DELAYED_ACK_MIN = 30_000_000L, DELAYED_ACK_MAX = 500_000_000L;

    private final Text text;
    private final Colorizer colorizer;
    /** The dissection of the frame being explained (the decoder's, not a second pass). */
    private Dissection d;
    /**
     * The streams seen lately, least recently used first; past {@link #live} of them the least
     * recent goes to {@link #spill}, and comes back when it has a packet again or its summary is
     * asked for, so memory stays flat however many connections a capture holds.
     */
    private final Map<Integer, StreamState> streams = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, StreamState> e) {
            return size() > live && spill.put(e.getValue());
        }
    };
    /** Streams kept in memory before the least recently used ones are spilled. */
    static final int LIVE = 4096;
    private int live = LIVE;
    private final StreamSpill spill = new StreamSpill();
    /** Every stream explained so far. */
    private final java.util.BitSet known = new java.util.BitSet();
    /** The latest stream of each pair of endpoints ("client server"), to recognise a reused one. */
    private final Map<String, Integer> byEndpoints = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> e) {
            return size() > MAX_ENDPOINT_PAIRS;
        }
    };
    private long start = Long.MIN_VALUE;
    /** The timestamp option of the segment being explained (RFC 7323 §3): present, TSval, TSecr. */
    private boolean hasTs;
    private long tsval, tsecr;
    /** The earlier stream on the same endpoints as the stream of the SYN being explained, or null. */
    private StreamState prior;
    /** Whether the sender of that SYN was the client of {@link #prior} too. */
    private boolean priorSenderIsClient;

    public Explainer(Lang lang, Colorizer colorizer) {
        this.text = new Text(lang);
        this.colorizer = colorizer;
    }

    /**
     * Explains the frame {@code decoder} has just decoded (its dissection and TCP analysis);
     * frames must come in capture order, all of them, shown or not.
     */
    public Explanation explain(Decoder decoder) {
        Frame f = decoder.frame();
        TcpRecord r = decoder.tcp();
        d = decoder.dissection();
        long time = decoder.time();
        if (start == Long.MIN_VALUE) {
            start = time;
        }
        ColoringRule rule = colorizer.match(decoder);
        if (f.kind() != Frame.Kind.PACKET) {
            return other(f, null, f.kind().name(), rule);
        }
        int t = decoder.tcpLayer();
        if (r == null || t < 0 || d.captured(t) < Tcp.MIN_HEADER_LENGTH || !r.haveSegmentLength) {
            return other(f, r, d.count() == 0 ? "?" : d.proto(d.count() - 1).name(), rule);
        }
        return tcp(f, r, t, decoder.tcpIpLayer(), time, rule);
    }

    /** For tests: keep at most {@code n} streams in memory (default {@value #LIVE}). */
    Explainer liveStreams(int n) {
        live = Math.max(2, n);
        return this;
    }

    /** How many times a stream was written out to the spill file (for tests). */
    long spilledStreams() { return spill.spills(); }

    /** The streams seen so far, by number (the order they started in). */
    public int[] streams() { return known.stream().toArray(); }

    /** Whether TCP stream {@code stream} has been seen. */
    public boolean hasStream(int stream) { return stream >= 0 && known.get(stream); }

    /** How many streams have been seen. */
    public int streamCount() { return known.cardinality(); }

    /**
     * The state of {@code stream} to print from: the one in memory, or a copy read from the spill
     * file that stays there (printing every summary at the end moves nothing); null if unknown.
     */
    private StreamState peek(int stream) {
        StreamState st = streams.get(stream);
        return st != null || spill.size() == 0 ? st : spill.read(stream);
    }

    /** The state of {@code stream}, brought back from the spill file if it is there; null if unknown. */
    private StreamState state(int stream) {
        StreamState st = streams.get(stream);
        if (st == null && spill.size() > 0) {
            st = spill.take(stream);
            if (st != null) {
                streams.put(stream, st);
            }
        }
        return st;
    }

    /**
     * Each side's TCP state (RFC 9293 names, as {@code ss} prints them) after the latest packet
     * of a stream, with the endpoints: {client, server, client address, server address}; null for
     * an unknown stream, "?" for a state not known yet.
     */
    public String[] states(int stream) {
        StreamState s = peek(stream);
        if (s == null) {
            return null;
        }
        return new String[] {s.clientState == null ? "?" : s.clientState.name(),
                s.serverState == null ? "?" : s.serverState.name(), s.clientText, s.serverText};
    }

    /** The summary of a stream: handshake, data each way, close, who closed first, analysis. */
    public List<String> summary(int stream) {
        StreamState s = peek(stream);
        return s == null ? List.of() : s.summary(text);
    }

    /** The ladder diagram of a stream (empty for an unknown stream). */
    public List<String> ladder(int stream) {
        StreamState s = peek(stream);
        return s == null ? List.of() : s.ladder(text, start);
    }

    private Explanation other(Frame f, TcpRecord r, String protocol, ColoringRule rule) {
        List<String> lines = new ArrayList<>();
        lines.add(text.other(protocol));
        lines.add(colorLine(rule, r));
        return new Explanation(f.number(), -1, Role.OTHER, 0, false, 0, -1, 0, 0, rule, lines);
    }

    private Explanation tcp(Frame f, TcpRecord r, int t, int ip, long time, ColoringRule rule) {
        MemorySegment s = d.segment(t);
        long off = d.offset(t);
        StreamState st = state(r.stream);
        boolean isNew = st == null;
        if (isNew) {
            st = newStream(r, t, ip);
            streams.put(r.stream, st);
            known.set(r.stream);
        }
        boolean fromClient = r.forward == st.clientForward;
        Side snd = st.side(fromClient);
        Side rcv = st.side(!fromClient);
        int flags = r.flags;
        boolean syn = (flags & Tcp.SYN) != 0;
        boolean fin = (flags & Tcp.FIN) != 0;
        boolean rst = (flags & Tcp.RST) != 0;
        boolean ackFlag = (flags & Tcp.ACK_FLAG) != 0;
        long len = r.segmentLength;
        long seq = r.seq;
        long next = r.nextSeq; // tcp.nxtseq: SYN and FIN take one sequence number (one, when both are set)
        boolean pure = len == 0 && !syn && !fin && !rst;
        long frame = f.number();
        prior = isNew ? priorOf(st, fromClient) : null;
        readTimestamps(s, off, r.headerLength, d.captured(t));

        // ---- a packet the capture recorded twice is no event of the conversation ----
        int ipId = ip >= 0 && d.proto(ip) == Proto.IPV4 ? Ipv4.id(d.segment(ip), d.offset(ip)) : -1;
        StreamState.Fingerprint print = new StreamState.Fingerprint(frame, time, ipId, r.seqRaw, r.ackRaw, flags,
                r.windowRaw, Bytes.u16(s, off + Tcp.CHECKSUM), r.segmentLength);
        StreamState.Fingerprint original = snd.copyOf(print);
        snd.keep(print);

        // ---- role and step, from flags, analysis and the conversation so far ----
        boolean handshakeAck = pure && fromClient && ackFlag && st.synAckFrame != 0 && st.handshakeAckFrame == 0
                && rcv.synSeen && r.ack == 1;
        boolean finAck = !fin && ackFlag && rcv.finFrame != 0 && !rcv.finAcked && r.ack == rcv.finNext;
        boolean finAlsoAcks = fin && ackFlag && rcv.finFrame != 0 && !rcv.finAcked && r.ack == rcv.finNext;
        boolean refused = rst && ackFlag && !fromClient && st.synFrame != 0 && st.synAckFrame == 0
                && st.handshakeAckFrame == 0 && r.ack == 1 && !snd.seen;
        Role role = original != null ? Role.CAPTURED_TWICE : refused ? Role.REFUSED
                : role(r, syn, fin, rst, ackFlag, len, pure, handshakeAck, finAck);
        int step = switch (role) {
            case HANDSHAKE_SYN -> 1;
            case HANDSHAKE_SYN_ACK -> 2;
            case HANDSHAKE_ACK -> 3;
            case FIN -> rcv.finFrame == 0 ? 1 : 3;
            case FIN_ACK -> snd.finFrame != 0 ? 4 : 2;
            default -> 0;
        };

        List<String> lines = new ArrayList<>();
        lines.add(headline(role, step, fromClient, finAlsoAcks, r, st, seq, len, syn, fin, original, time));
        lines.add(flagsLine(flags, len));
        lines.add(seqLine(r, snd, fromClient, seq, len, next, syn, fin));
        long acked = 0;
        if (ackFlag) {
            acked = ackLine(r, snd, rcv, frame, lines, pure && role != Role.CAPTURED_TWICE, st.state(fromClient));
        } else {
            lines.add(text.noAck(r.ackRaw));
        }
        String options = optionsLine(s, off, r.headerLength, d.captured(t), syn, ackFlag, snd, frame);
        if (options != null) {
            lines.add(options);
        }
        lines.add(windowLine(r, syn, snd, rcv));
        if (len > 0) {
            lines.add(Payload.line(text, s, off + r.headerLength, Math.min(len, Math.max(0, d.captured(t) - r.headerLength)), len));
        }
        notes(r, role, lines);
        lines.add(colorLine(rule, r));

        boolean acksOwnSyn = ackFlag && rcv.synSeen && !lt(r.ack, 1);
        boolean acksOwnFin = ackFlag && rcv.finFrame != 0 && !lt(r.ack, rcv.finNext);
        if (isNew) {
            st.serverPort = fromClient ? Tcp.dstPort(s, off) : Tcp.srcPort(s, off);
            byEndpoints.put(st.clientText + " " + st.serverText, st.stream);
        }
        if (role == Role.CAPTURED_TWICE) {
            st.copies++;
            st.row(r, frame, time, fromClient, seq, len, FLAG_NAMES);
        } else {
            update(st, snd, rcv, r, role, fromClient, frame, time, seq, len, next, syn, fin, rst, finAck, finAlsoAcks);
            states(st, fromClient, syn, ackFlag, fin, rst, acksOwnSyn, acksOwnFin, role == Role.REFUSED);
        }
        lines.add(1, stateLine(st, syn && !ackFlag && st.synAckFrame == 0));
        if (hasTs) {
            snd.lastTsval = tsval;
            snd.lastTsvalFrame = frame;
        }
        return new Explanation(frame, r.stream, role, step, fromClient, seq, ackFlag ? r.ack : -1, next, acked, rule, lines);
    }

    /** The earlier stream on the same two endpoints as {@code st} (either way round), or null. */
    private StreamState priorOf(StreamState st, boolean senderIsClient) {
        Integer p = byEndpoints.get(st.clientText + " " + st.serverText);
        priorSenderIsClient = senderIsClient;
        if (p == null) {
            p = byEndpoints.get(st.serverText + " " + st.clientText);
            priorSenderIsClient = !senderIsClient;
        }
        return p == null ? null : state(p);
    }

    /** Moves both sides' states on: the sender's as it sends the segment, the receiver's as it receives it. */
    private static void states(StreamState st, boolean fromClient, boolean syn, boolean ack, boolean fin, boolean rst,
                               boolean acksOwnSyn, boolean acksOwnFin, boolean refused) {
        TcpState snd = st.state(fromClient);
        TcpState rcv = st.state(!fromClient);
        if (snd == null) {
            snd = syn && !ack ? TcpState.CLOSED : syn ? TcpState.LISTEN : TcpState.ESTABLISHED;
        }
        if (rcv == null) {
            rcv = syn && !ack ? TcpState.CLOSED : syn ? TcpState.SYN_SENT : TcpState.ESTABLISHED;
        }
        st.setState(fromClient, refused ? TcpState.CLOSED : snd.afterSending(syn, ack, fin, rst));
        st.setState(!fromClient, rcv.afterReceiving(syn, ack, fin, rst, acksOwnSyn, acksOwnFin));
    }

    private String stateLine(StreamState st, boolean synOnly) {
        String client = st.clientState == null ? "?" : st.clientState.name();
        String server;
        if (st.refusedFrame != 0) {
            server = text.noListener();
        } else if (synOnly && st.serverState == TcpState.LISTEN) {
            server = text.listenIf(st.serverPort);
        } else {
            server = st.serverState == null ? "?" : st.serverState.name();
        }
        if (st.synFrame == 0 && st.synAckFrame == 0) {
            client = text.assumed(client);
            server = text.assumed(server);
        }
        return text.states(client, server);
    }

    /** Reads the timestamp option, if any, into {@link #hasTs}, {@link #tsval} and {@link #tsecr}. */
    private void readTimestamps(MemorySegment s, long off, int hlen, int captured) {
        hasTs = false;
        int end = Math.min(hlen, captured);
        int pos = Tcp.MIN_HEADER_LENGTH;
        while (pos < end) {
            int kind = Bytes.u8(s, off + pos);
            if (kind == Tcp.OPT_EOL) {
                return;
            }
            if (kind == Tcp.OPT_NOP) {
                pos++;
                continue;
            }
            if (pos + 1 >= end) {
                return;
            }
            int len = Bytes.u8(s, off + pos + 1);
            if (len < 2 || pos + len > end) {
                return;
            }
            if (kind == Tcp.OPT_TIMESTAMP && len == 10) {
                hasTs = true;
                tsval = Bytes.u32(s, off + pos + 2);
                tsecr = Bytes.u32(s, off + pos + 6);
            }
            pos += len;
        }
    }

    private StreamState newStream(TcpRecord r, int t, int ip) {
        MemorySegment s = d.segment(t);
        long off = d.offset(t);
        String src = endpoint(ip, true, Tcp.srcPort(s, off));
        String dst = endpoint(ip, false, Tcp.dstPort(s, off));
        int synAck = r.flags & (Tcp.SYN | Tcp.ACK_FLAG);
        boolean senderIsClient;
        boolean guessed = false;
        if (synAck == Tcp.SYN) {
            senderIsClient = true;
        } else if (synAck == (Tcp.SYN | Tcp.ACK_FLAG)) {
            senderIsClient = false;
        } else {
            senderIsClient = Tcp.srcPort(s, off) > Tcp.dstPort(s, off);
            guessed = true;
        }
        return new StreamState(r.stream, senderIsClient ? src : dst, senderIsClient ? dst : src,
                senderIsClient == r.forward, guessed);
    }

    private String endpoint(int ip, boolean source, int port) {
        if (ip < 0) {
            return "?:" + port;
        }
        StringBuilder sb = new StringBuilder();
        MemorySegment s = d.segment(ip);
        long off = d.offset(ip);
        if (d.proto(ip) == Proto.IPV4) {
            AddressText.appendIpv4(sb, s, off + (source ? Ipv4.SRC : Ipv4.DST));
            return sb.append(':').append(port).toString();
        }
        sb.append('[');
        AddressText.appendIpv6(sb, s, off + (source ? Ipv6.SRC : Ipv6.DST));
        return sb.append("]:").append(port).toString();
    }

    /** The role: see {@link Role} for the precedence. */
    static Role role(TcpRecord r, boolean syn, boolean fin, boolean rst, boolean ack, long len, boolean pure,
                     boolean handshakeAck, boolean finAck) {
        if (rst) {
            return Role.RESET;
        }
        if (r.has(RETRANSMISSION)) {
            return Role.RETRANSMISSION;
        }
        if (r.has(FAST_RETRANSMISSION)) {
            return Role.FAST_RETRANSMISSION;
        }
        if (r.has(SPURIOUS_RETRANSMISSION)) {
            return Role.SPURIOUS_RETRANSMISSION;
        }
        if (r.has(OUT_OF_ORDER)) {
            return Role.OUT_OF_ORDER;
        }
        if (syn) {
            return ack ? Role.HANDSHAKE_SYN_ACK : Role.HANDSHAKE_SYN;
        }
        if (fin) {
            return Role.FIN;
        }
        if (r.has(KEEP_ALIVE)) {
            return Role.KEEP_ALIVE;
        }
        if (r.has(ZERO_WINDOW_PROBE)) {
            return Role.ZERO_WINDOW_PROBE;
        }
        if (len > 0) {
            return Role.DATA;
        }
        if (r.has(KEEP_ALIVE_ACK)) {
            return Role.KEEP_ALIVE_ACK;
        }
        if (r.has(ZERO_WINDOW_PROBE_ACK)) {
            return Role.ZERO_WINDOW_PROBE_ACK;
        }
        if (r.has(DUPLICATE_ACK)) {
            return Role.DUPLICATE_ACK;
        }
        if (r.has(ZERO_WINDOW)) {
            return Role.ZERO_WINDOW;
        }
        if (r.has(WINDOW_UPDATE)) {
            return Role.WINDOW_UPDATE;
        }
        if (handshakeAck) {
            return Role.HANDSHAKE_ACK;
        }
        if (finAck) {
            return Role.FIN_ACK;
        }
        return Role.ACK;
    }

    private String headline(Role role, int step, boolean fromClient, boolean finAlsoAcks, TcpRecord r,
                            StreamState st, long seq, long len, boolean syn, boolean fin,
                            StreamState.Fingerprint original, long time) {
        String what = syn ? text.whatSyn() : len > 0 ? text.whatBytes(seq, seq + len - 1) : fin ? text.whatFin()
                : text.whatBytes(seq, seq);
        String line = switch (role) {
            case CAPTURED_TWICE -> copyLine(r, original, time);
            case REFUSED -> text.refused(st.serverPort);
            case RESET -> text.reset(fromClient);
            case RETRANSMISSION -> r.rtoFrame != 0 && r.rto > 0
                    ? text.retransmission(fromClient, what, r.rtoFrame, String.format(Locale.ROOT, "%.3f", r.rto / 1e6))
                    : text.retransmissionUnknown(fromClient, what);
            case FAST_RETRANSMISSION -> text.fastRetransmission(fromClient, what);
            case SPURIOUS_RETRANSMISSION -> text.spuriousRetransmission(fromClient, what);
            case OUT_OF_ORDER -> text.outOfOrder(fromClient, what);
            case HANDSHAKE_SYN -> text.handshakeSyn(st.clientText, st.serverText);
            case HANDSHAKE_SYN_ACK -> text.handshakeSynAck();
            case HANDSHAKE_ACK -> text.handshakeAck();
            case FIN -> step == 1 ? text.finFirst(fromClient) : finAlsoAcks ? text.finCombined(fromClient)
                    : text.finSecond(fromClient);
            case FIN_ACK -> step == 2 ? text.finAckFirst(fromClient) : text.finAckLast(fromClient);
            case KEEP_ALIVE -> text.keepAlive(fromClient);
            case ZERO_WINDOW_PROBE -> text.zeroWindowProbe(fromClient);
            case DATA -> text.data(fromClient, len);
            case KEEP_ALIVE_ACK -> text.keepAliveAck(fromClient);
            case ZERO_WINDOW_PROBE_ACK -> text.zeroWindowProbeAck(fromClient);
            case DUPLICATE_ACK -> text.duplicateAck(fromClient, r.dupAckNum, r.dupAckFrame);
            case ZERO_WINDOW -> text.zeroWindow(fromClient);
            case WINDOW_UPDATE -> text.windowUpdate(fromClient);
            case ACK -> text.pureAck(fromClient);
            case OTHER -> text.other("TCP");
        };
        if (role == Role.DATA && fin) {
            line += text.sep() + text.finFirst(fromClient);
        }
        return line;
    }

    /** The headline of a packet the capture recorded twice, and what tshark makes of it. */
    private String copyLine(TcpRecord r, StreamState.Fingerprint original, long time) {
        String same = original.ipId() >= 0 ? text.sameIpId(original.ipId()) : text.sameHeader();
        String says = r.has(OUT_OF_ORDER) ? text.tsharkOutOfOrder()
                : r.has(RETRANSMISSION | FAST_RETRANSMISSION | SPURIOUS_RETRANSMISSION) ? text.tsharkRetransmission()
                : r.has(DUPLICATE_ACK) ? text.tsharkDupAck() : null;
        String line = text.copy(original.frame(), same, (time - original.time()) / 1e3);
        return says == null ? line : line + text.sep() + text.copyFlagged(says);
    }

    /** {@link #flagsLine} per flags value and whether the segment carries data: one line per packet, a few hundred different. */
    private final String[] flagsLines = new String[2 << 12];

    private String flagsLine(int flags, long len) {
        int key = (flags & 0xfff) | (len > 0 ? 1 << 12 : 0);
        String line = flagsLines[key];
        if (line == null) {
            line = flagsLines[key] = flagsText(flags & 0xfff, len);
        }
        return line;
    }

    private String flagsText(int flags, long len) {
        String hex = String.format(Locale.ROOT, "0x%03x", flags);
        List<String> bits = new ArrayList<>();
        for (int b = 0; b < FLAG_NAMES.length; b++) {
            if ((flags & (1 << b)) != 0) {
                bits.add(String.format(Locale.ROOT, "%s (0x%03x)", FLAG_NAMES[b], 1 << b));
            }
        }
        if ((flags & Tcp.RESERVED) != 0) {
            bits.add(String.format(Locale.ROOT, "Reserved (0x%03x)", flags & Tcp.RESERVED));
        }
        StringBuilder line = new StringBuilder(text.flags(hex, bits.isEmpty() ? "<None>" : String.join(" + ", bits)));
        if ((flags & Tcp.SYN) != 0) {
            line.append(text.sep()).append(text.synFilter(hex));
        }
        if ((flags & Tcp.FIN) != 0) {
            line.append(text.sep()).append(text.finFilter());
        }
        if ((flags & Tcp.PSH) != 0 && len > 0) {
            line.append(text.sep()).append(text.pushNote());
        }
        return line.toString();
    }

    private String seqLine(TcpRecord r, Side snd, boolean fromClient, long seq, long len, long next, boolean syn, boolean fin) {
        long isn = mod(r.seqRaw - seq);
        String raw = text.raw(r.seqRaw, isn, seq);
        String line;
        if (syn && seq == 0) {
            String reused = reusedIsn(r, fromClient);
            if (reused != null) {
                return reused;
            }
            // a first SYN that echoes a timestamp comes from a connection taken over in TIME_WAIT
            return (r.flags & Tcp.ACK_FLAG) == 0 && hasTs && tsecr != 0 ? text.seqIsnEcho(fromClient, r.seqRaw, tsecr)
                    : text.seqIsn(fromClient, r.seqRaw);
        } else if (!snd.seen) {
            line = text.seqFirstSeen(seq, r.seqRaw);
        } else if (snd.hasNext && seq == snd.nextSeq && snd.advanced != null) {
            Seg a = snd.advanced;
            String sum = a.seq() + " + " + a.len() + (a.syn() ? " + 1 (SYN)" : "") + (a.fin() ? " + 1 (FIN)" : "")
                    + " = " + seq;
            line = text.seqContinues(seq, raw, a.frame(), sum);
        } else if (snd.hasNext && lt(seq, snd.nextSeq)) {
            line = text.seqBehind(seq, raw, snd.nextSeq);
        } else if (snd.hasNext && gt(seq, snd.nextSeq)) {
            line = text.seqAhead(seq, raw, snd.nextSeq);
        } else {
            line = text.seqFirstSeen(seq, r.seqRaw);
        }
        if (len > 0) {
            line += text.sep() + text.nextData(len, seq, mod(seq + len - 1), seq, mod(seq + len));
        }
        if (fin) {
            line += text.sep() + text.nextFin(seq, len, next);
        } else if (len == 0) {
            line += text.sep() + text.noData(seq);
        }
        return line;
    }

    /**
     * The ISN sentence of a SYN on the same endpoints as an earlier stream whose ISN continues the
     * old sequence space: Linux's old SND.NXT + 65537 when it takes over a TIME_WAIT connection
     * (net/ipv4/tcp_ipv4.c, tcp_twsk_unique), or a small step above it when the SYN's TSecr echoes
     * the old peer's last TSval; null otherwise (a fresh, random-looking ISN).
     */
    private String reusedIsn(TcpRecord r, boolean fromClient) {
        if (prior == null || prior.stream == r.stream) {
            return null;
        }
        Side old = prior.side(priorSenderIsClient);
        if (!old.seen || !old.hasNext) {
            return null;
        }
        long oldNext = mod(old.isnRaw + old.nextSeq);
        long diff = mod(r.seqRaw - oldNext);
        boolean linux = diff == LINUX_TW_ISN_STEP;
        Side peer = prior.side(!priorSenderIsClient);
        boolean echoes = hasTs && tsecr != 0 && tsecr == peer.lastTsval;
        if (!linux && !(echoes && diff > 0 && diff < 1 << 24)) {
            return null;
        }
        return text.seqIsnReused(fromClient, r.seqRaw, prior.stream, oldNext, diff, linux);
    }

    /** Appends the Ack line and returns the frame whose segment this ACK completes (0: none). */
    private long ackLine(TcpRecord r, Side snd, Side rcv, long frame, List<String> lines, boolean pure, TcpState sndState) {
        long ack = r.ack;
        long peerIsn = mod(r.ackRaw - ack);
        String raw = text.raw(r.ackRaw, peerIsn, ack);
        // The peer's segments this ACK covers for the first time, oldest first.
        List<Seg> covered = new ArrayList<>();
        Seg partial = null;
        for (Seg s : rcv.unacked) {
            if (!gt(s.next(), ack)) {
                covered.add(s);
            } else if (gt(ack, s.seq()) && partial == null) {
                partial = s;
            }
        }
        Seg exact = null;
        for (Seg s : covered) {
            if (s.next() == ack) {
                exact = s; // the newest one ending exactly here is what Wireshark's acks_frame names
            }
        }
        String line;
        long acked = 0;
        if (exact != null) {
            acked = exact.frame();
            line = exact.syn() ? text.ackOfSyn(ack, raw, exact.frame(), exact.seq())
                    : exact.fin() ? text.ackOfFin(ack, raw, exact.frame(), exact.seq(), exact.len())
                    : text.ackOfData(ack, raw, exact.frame(), exact.seq(), exact.len());
            if (covered.size() > 1) {
                line += text.sep() + text.ackCovers(covered.get(0).frame(), covered.get(covered.size() - 1).frame());
            }
            if (r.acksFrame == exact.frame() && r.ackRtt > 0) {
                String ms = String.format(Locale.ROOT, "%.3f", r.ackRtt / 1e6);
                if (pure && snd.fastestAck >= 0 && r.ackRtt >= DELAYED_ACK_MIN && r.ackRtt <= DELAYED_ACK_MAX
                        && snd.fastestAck * 4 < r.ackRtt) {
                    // this side acknowledged faster before: the wait was its own, not the network's
                    line += text.sep() + text.delayedAck(ms, exact.frame(),
                            String.format(Locale.ROOT, "%.3f", snd.fastestAck / 1e6));
                    if (exact.fin() && sndState == TcpState.CLOSE_WAIT) {
                        line += text.sep() + text.delayedAckOfFin();
                    }
                } else {
                    line += text.sep() + text.ackTime(ms, exact.frame());
                }
                if (snd.fastestAck < 0 || r.ackRtt < snd.fastestAck) {
                    snd.fastestAck = r.ackRtt;
                }
            }
        } else if (snd.lastAck == ack) {
            line = text.ackSame(ack, raw, snd.lastAckFrame);
        } else if (partial != null) {
            line = text.ackPartial(ack, raw, partial.frame());
        } else if (rcv.hasNext && gt(ack, rcv.nextSeq)) {
            line = text.ackUnseen(ack, raw);
        } else {
            line = text.ackPlain(ack, raw);
        }
        rcv.unacked.removeAll(covered);
        if (snd.lastAck != ack) {
            snd.lastAck = ack;
            snd.lastAckFrame = frame;
        }
        lines.add(line);
        return acked;
    }

    /** The options line of a SYN (MSS, SACK_PERM, timestamps, WS) or the SACK blocks of any segment. */
    private String optionsLine(MemorySegment s, long off, int hlen, int captured, boolean syn, boolean ack, Side snd, long frame) {
        List<String> parts = new ArrayList<>();
        List<String> sack = new ArrayList<>();
        int end = Math.min(hlen, captured);
        int pos = Tcp.MIN_HEADER_LENGTH;
        while (pos < end) {
            int kind = Bytes.u8(s, off + pos);
            if (kind == Tcp.OPT_EOL) {
                break;
            }
            if (kind == Tcp.OPT_NOP) {
                pos++;
                continue;
            }
            if (pos + 1 >= end) {
                break;
            }
            int len = Bytes.u8(s, off + pos + 1);
            if (len < 2 || pos + len > end) {
                break;
            }
            long o = off + pos;
            switch (kind) {
                case Tcp.OPT_MSS -> {
                    if (len == 4 && syn) {
                        parts.add(text.optMss(Bytes.u16(s, o + 2)));
                    }
                }
                case Tcp.OPT_WS -> {
                    if (len == 3 && syn) {
                        int shift = Math.min(Bytes.u8(s, o + 2), 14);
                        parts.add(text.optWindowScale(shift, 1 << shift));
                        snd.wsShift = shift;
                    }
                }
                case Tcp.OPT_SACK_PERM -> {
                    if (syn) {
                        parts.add(text.optSackPerm());
                    }
                }
                case Tcp.OPT_TIMESTAMP -> {
                    if (len == 10 && syn) {
                        parts.add(timestamps(Bytes.u32(s, o + 2), Bytes.u32(s, o + 6), ack));
                    }
                }
                case Tcp.OPT_SACK -> {
                    for (int b = 2; b + 8 <= len; b += 8) {
                        sack.add(Bytes.u32(s, o + b) + "-" + Bytes.u32(s, o + b + 4));
                    }
                }
                default -> { }
            }
            pos += len;
        }
        if (!sack.isEmpty()) {
            parts.add(text.optSack(String.join(", ", sack) + " (raw)"));
        }
        return parts.isEmpty() ? null : text.options(String.join(text.listSep(), parts));
    }

    /** The timestamps of a SYN: TSecr is 0 in a first SYN, or echoes the old connection's peer. */
    private String timestamps(long val, long ecr, boolean ack) {
        if (ack) {
            return text.optTimestamps(val, ecr);
        }
        if (ecr == 0) {
            return text.optTimestampsSyn(val);
        }
        if (prior != null) {
            Side old = prior.side(!priorSenderIsClient);
            if (old.lastTsval == ecr) {
                return text.optTimestampsReused(val, ecr, old.lastTsvalFrame);
            }
        }
        return text.optTimestampsSynEcho(val, ecr);
    }

    private String windowLine(TcpRecord r, boolean syn, Side snd, Side rcv) {
        if (syn) {
            return text.winSyn(r.window);
        }
        if (r.windowRaw == 0) {
            return text.winZero();
        }
        if (snd.synSeen && rcv.synSeen && snd.wsShift >= 0 && rcv.wsShift >= 0) {
            return text.winScaled(r.window, r.windowRaw, r.window / r.windowRaw, snd.synFrame);
        }
        if (r.window != r.windowRaw) {
            return text.winScaled(r.window, r.windowRaw, r.window / r.windowRaw, snd.synFrame);
        }
        if (!snd.synSeen || !rcv.synSeen) {
            return text.winUnknown(r.window);
        }
        return text.winPlain(r.window);
    }

    private void notes(TcpRecord r, Role role, List<String> lines) {
        if (r.has(LOST_SEGMENT)) {
            lines.add(text.lostSegment());
        }
        if (r.has(ACK_LOST_SEGMENT)) {
            lines.add(text.ackLostSegment());
        }
        if (r.has(WINDOW_FULL)) {
            lines.add(text.windowFull());
        }
        if (r.has(REUSED_PORTS)) {
            lines.add(text.reusedPorts());
        }
        if (r.has(ZERO_WINDOW) && role != Role.ZERO_WINDOW) {
            lines.add(text.zeroWindowNote());
        }
    }

    private String colorLine(ColoringRule rule, TcpRecord r) {
        if (rule == null) {
            return text.colorNone();
        }
        String reason = switch (rule.name()) {
            case "Bad TCP" -> text.reasonBadTcp(r == null ? "tcp.analysis.flags" : AnalysisLabels.fieldNames(r));
            case "TCP RST" -> text.reasonRst();
            case "TCP SYN/FIN" -> r != null && (r.flags & Tcp.SYN) != 0 ? text.reasonSyn() : text.reasonFin();
            case "HTTP" -> text.reasonHttp();
            case "TCP" -> text.reasonTcp();
            default -> text.reasonFirst();
        };
        return text.color(rule.name(), rule.filter(), reason);
    }

    private void update(StreamState st, Side snd, Side rcv, TcpRecord r, Role role, boolean fromClient, long frame,
                        long time, long seq, long len, long next, boolean syn, boolean fin, boolean rst,
                        boolean finAck, boolean finAlsoAcks) {
        boolean resent = r.has(RESENT);
        if (!snd.seen) {
            snd.isnRaw = mod(r.seqRaw - seq);
        }
        snd.seen = true;
        if (syn && !snd.synSeen) {
            snd.synSeen = true;
            snd.synFrame = frame;
        }
        switch (role) {
            case HANDSHAKE_SYN -> {
                if (st.synFrame == 0) {
                    st.synFrame = frame;
                    st.synTime = time;
                }
            }
            case HANDSHAKE_SYN_ACK -> {
                if (st.synAckFrame == 0) {
                    st.synAckFrame = frame;
                }
            }
            case HANDSHAKE_ACK -> {
                st.handshakeAckFrame = frame;
                st.handshakeAckTime = time;
            }
            case REFUSED -> {
                st.refusedFrame = frame;
                st.rstFrame = frame;
                st.rstFromClient = fromClient;
            }
            case RESET -> {
                if (st.rstFrame == 0) {
                    st.rstFrame = frame;
                    st.rstFromClient = fromClient;
                }
            }
            default -> { }
        }
        if (!snd.hasNext || gt(next, snd.nextSeq)) {
            snd.hasNext = true;
            snd.nextSeq = next;
            snd.advanced = new Seg(frame, seq, len, next, syn, fin);
        }
        if ((len > 0 || syn || fin) && !resent) {
            snd.remember(new Seg(frame, seq, len, next, syn, fin));
        }
        if (len > 0) {
            if (resent) {
                snd.resent += len;
            } else if (!r.has(KEEP_ALIVE | ZERO_WINDOW_PROBE)) {
                snd.bytes += len;
                snd.segments++;
            }
        }
        if (fin && snd.finFrame == 0) {
            snd.finFrame = frame;
            snd.finNext = next;
            st.close.add(new StreamState.CloseStep(frame, fromClient, true, finAlsoAcks));
        }
        if ((finAck || finAlsoAcks) && (r.flags & Tcp.ACK_FLAG) != 0) {
            rcv.finAcked = true;
            if (finAck) {
                st.close.add(new StreamState.CloseStep(frame, fromClient, false, true));
            }
        }
        st.retransmissions += r.has(RETRANSMISSION | FAST_RETRANSMISSION | SPURIOUS_RETRANSMISSION) ? 1 : 0;
        st.outOfOrder += r.has(OUT_OF_ORDER) ? 1 : 0;
        st.lost += r.has(LOST_SEGMENT) ? 1 : 0;
        st.dupAcks += r.has(DUPLICATE_ACK) ? 1 : 0;
        st.zeroWindows += r.has(ZERO_WINDOW) ? 1 : 0;
        st.keepAlives += r.has(KEEP_ALIVE) ? 1 : 0;
        st.row(r, frame, time, fromClient, seq, len, FLAG_NAMES);
    }
}

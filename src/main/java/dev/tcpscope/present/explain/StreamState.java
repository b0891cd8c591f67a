package dev.tcpscope.present.explain;

import dev.tcpscope.present.AnalysisLabels;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Tcp;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the explainer knows about one TCP conversation: which side is the client, what each side
 * has sent and had acknowledged, where the handshake and the close happened, and the rows of its
 * ladder diagram. Sequence numbers are the relative ones of {@code TcpRecord}, compared modulo
 * 2^32 (RFC 9293 §3.4).
 */
final class StreamState {
    /** Most ladder rows kept per stream; a long transfer is summarised, not drawn whole. */
    static final int MAX_ROWS = 2000;
    /** Most unacknowledged segments remembered per side (as Wireshark bounds its list). */
    static final int MAX_UNACKED = 10_000;

    final int stream;
    final String clientText;
    final String serverText;
    /** Whether the client is the sender of {@code TcpRecord.forward} segments. */
    final boolean clientForward;
    /** Whether the roles were guessed from the ports because no SYN or SYN/ACK was seen first. */
    final boolean guessed;
    final Side client = new Side();
    final Side server = new Side();

    long synFrame, synAckFrame, handshakeAckFrame;
    long synTime, handshakeAckTime;
    long rstFrame;
    boolean rstFromClient;
    /** The RST/ACK that refused the SYN (0: none), and the server's port. */
    long refusedFrame;
    int serverPort;
    /** Each side's TCP state after the latest packet (RFC 9293 §3.3.2), null before it is known. */
    TcpState clientState, serverState;
    /** Packets that were the same packet as an earlier one, recorded twice by the capture. */
    long copies;
    /** The close in order: FINs and the ACKs of FINs, as (frame, from client, kind). */
    final List<CloseStep> close = new ArrayList<>();
    long retransmissions, dupAcks, zeroWindows, keepAlives, outOfOrder, lost;
    final List<Row> rows = new ArrayList<>();
    long rowsDropped;

    StreamState(int stream, String clientText, String serverText, boolean clientForward, boolean guessed) {
        this.stream = stream;
        this.clientText = clientText;
        this.serverText = serverText;
        this.clientForward = clientForward;
        this.guessed = guessed;
    }

    Side side(boolean ofClient) { return ofClient ? client : server; }

    TcpState state(boolean ofClient) { return ofClient ? clientState : serverState; }

    void setState(boolean ofClient, TcpState s) {
        if (ofClient) {
            clientState = s;
        } else {
            serverState = s;
        }
    }

    /** One direction: what it sent, its options, and the peer data it acknowledged. */
    static final class Side {
        boolean seen;
        boolean synSeen;
        long synFrame;
        int wsShift = -1;
        /** The next sequence number this side will use, and the segment that set it. */
        boolean hasNext;
        long nextSeq;
        Seg advanced;
        /** Segments of this side not yet acknowledged by the peer, oldest first. */
        final ArrayDeque<Seg> unacked = new ArrayDeque<>();
        /** The last acknowledgement number this side sent, and the frame that first sent it. */
        long lastAck = -1;
        long lastAckFrame;
        long finFrame;
        long finNext;
        boolean finAcked;
        long bytes, segments, resent;
        /** The raw ISN (valid once {@link #seen}). */
        long isnRaw;
        /** The last timestamp value this side sent (-1: none) and its frame. */
        long lastTsval = -1;
        long lastTsvalFrame;
        /** The shortest time this side took to acknowledge a segment, ns (-1: none yet). */
        long fastestAck = -1;
        /** The latest packets of this side, to recognise one the capture recorded twice. */
        final Fingerprint[] recent = new Fingerprint[8];
        int recentNext;

        /** An earlier packet of this side with the same fingerprint, or null. */
        Fingerprint copyOf(Fingerprint f) {
            for (Fingerprint p : recent) {
                if (p != null && p.sameBytes(f)) {
                    return p;
                }
            }
            return null;
        }

        void keep(Fingerprint f) {
            recent[recentNext] = f;
            recentNext = (recentNext + 1) % recent.length;
        }

        void write(DataOutput out) throws IOException {
            out.writeByte((seen ? 1 : 0) | (synSeen ? 2 : 0) | (hasNext ? 4 : 0) | (finAcked ? 8 : 0));
            out.writeInt(wsShift);
            for (long v : new long[] {synFrame, nextSeq, lastAck, lastAckFrame, finFrame, finNext, bytes, segments,
                    resent, isnRaw, lastTsval, lastTsvalFrame, fastestAck}) {
                out.writeLong(v);
            }
            writeSeg(out, advanced);
            out.writeInt(unacked.size());
            for (Seg s : unacked) {
                writeSeg(out, s);
            }
            out.writeInt(recentNext);
            for (Fingerprint f : recent) {
                out.writeBoolean(f != null);
                if (f != null) {
                    out.writeLong(f.frame());
                    out.writeLong(f.time());
                    out.writeInt(f.ipId());
                    out.writeLong(f.seqRaw());
                    out.writeLong(f.ackRaw());
                    out.writeInt(f.flags());
                    out.writeInt(f.window());
                    out.writeInt(f.checksum());
                    out.writeInt(f.len());
                }
            }
        }

        void read(DataInput in) throws IOException {
            int bits = in.readByte();
            seen = (bits & 1) != 0;
            synSeen = (bits & 2) != 0;
            hasNext = (bits & 4) != 0;
            finAcked = (bits & 8) != 0;
            wsShift = in.readInt();
            synFrame = in.readLong();
            nextSeq = in.readLong();
            lastAck = in.readLong();
            lastAckFrame = in.readLong();
            finFrame = in.readLong();
            finNext = in.readLong();
            bytes = in.readLong();
            segments = in.readLong();
            resent = in.readLong();
            isnRaw = in.readLong();
            lastTsval = in.readLong();
            lastTsvalFrame = in.readLong();
            fastestAck = in.readLong();
            advanced = readSeg(in);
            for (int n = in.readInt(); n > 0; n--) {
                unacked.addLast(readSeg(in));
            }
            recentNext = in.readInt();
            for (int i = 0; i < recent.length; i++) {
                recent[i] = in.readBoolean() ? new Fingerprint(in.readLong(), in.readLong(), in.readInt(), in.readLong(),
                        in.readLong(), in.readInt(), in.readInt(), in.readInt(), in.readInt()) : null;
            }
        }

        private static void writeSeg(DataOutput out, Seg s) throws IOException {
            out.writeBoolean(s != null);
            if (s != null) {
                out.writeLong(s.frame());
                out.writeLong(s.seq());
                out.writeLong(s.len());
                out.writeLong(s.next());
                out.writeByte((s.syn() ? 1 : 0) | (s.fin() ? 2 : 0));
            }
        }

        private static Seg readSeg(DataInput in) throws IOException {
            if (!in.readBoolean()) {
                return null;
            }
            long frame = in.readLong(), seq = in.readLong(), len = in.readLong(), next = in.readLong();
            int bits = in.readByte();
            return new Seg(frame, seq, len, next, (bits & 1) != 0, (bits & 2) != 0);
        }

        void remember(Seg s) {
            if (unacked.size() == MAX_UNACKED) {
                unacked.removeFirst();
            }
            unacked.addLast(s);
        }
    }

    /**
     * What identifies one packet on the wire: the IPv4 identification (-1 for IPv6) and the TCP
     * header fields with the checksum, which covers the payload (RFC 9293 §3.1).
     */
    record Fingerprint(long frame, long time, int ipId, long seqRaw, long ackRaw, int flags, int window,
                       int checksum, int len) {
        /**
         * Whether {@code o} is the same packet: equal IP ID and TCP header. An IPv4 ID other than 0
         * is not reused by a sender within seconds, so equal IDs mean one packet recorded twice.
         * With ID 0 or IPv6 two duplicate ACKs can be identical, so only a segment that takes
         * sequence space counts, and only within 1 ms: no sender resends data that soon (the
         * retransmission timeout is 200 ms at least on Linux, 1 s in RFC 6298).
         */
        boolean sameBytes(Fingerprint o) {
            return ipId == o.ipId && seqRaw == o.seqRaw && ackRaw == o.ackRaw && flags == o.flags && window == o.window
                    && checksum == o.checksum && len == o.len
                    && (ipId > 0 || (len > 0 || (flags & 0x003) != 0) && Math.abs(time - o.time) <= 1_000_000);
        }
    }

    /** A segment that occupies sequence space: data, a SYN or a FIN. */
    record Seg(long frame, long seq, long len, long next, boolean syn, boolean fin) {}

    /** One step of the close: a FIN, an ACK of a FIN, or a FIN that also acknowledges one. */
    record CloseStep(long frame, boolean fromClient, boolean fin, boolean ackOfFin) {}

    /** One arrow of the ladder diagram. */
    record Row(long frame, long timeNanos, boolean fromClient, String flags, long seq, long ack, long len,
               String labels) {}

    // ---- modular comparisons ----------------------------------------------------------------
    static boolean lt(long a, long b) { return (int) (a - b) < 0; }

    static boolean gt(long a, long b) { return (int) (b - a) < 0; }

    static long mod(long v) { return v & 0xffffffffL; }

    // ---- summary and ladder -----------------------------------------------------------------

    /** The summary lines of this stream. */
    List<String> summary(Text t) {
        List<String> out = new ArrayList<>();
        out.add(t.summaryTitle(stream, clientText, serverText) + (guessed ? " " + t.guessedRoles() : ""));
        if (synFrame != 0 && synAckFrame != 0 && handshakeAckFrame != 0) {
            out.add(t.sumHandshake(synFrame, synAckFrame, handshakeAckFrame, millis(handshakeAckTime - synTime)));
        } else if (synFrame != 0 || synAckFrame != 0) {
            List<String> seen = new ArrayList<>();
            if (synFrame != 0) {
                seen.add("SYN " + synFrame);
            }
            if (synAckFrame != 0) {
                seen.add("SYN/ACK " + synAckFrame);
            }
            out.add(t.sumHandshakePartial(String.join(", ", seen)));
        } else {
            out.add(t.sumNoHandshake());
        }
        out.add(t.sumData(true, client.bytes, client.segments, client.resent));
        out.add(t.sumData(false, server.bytes, server.segments, server.resent));
        if (refusedFrame != 0) {
            out.add(t.sumRefused(synFrame, refusedFrame, serverPort));
        } else if (rstFrame != 0) {
            out.add(t.sumReset(rstFromClient, rstFrame));
        }
        if (!close.isEmpty()) {
            List<String> steps = new ArrayList<>();
            int fins = 0;
            for (CloseStep s : close) {
                steps.add(s.fin() && s.ackOfFin() ? t.sumFinAck(s.fromClient(), s.frame())
                        : s.fin() ? t.sumFin(s.fromClient(), s.frame()) : t.sumAck(s.fromClient(), s.frame()));
                fins += s.fin() ? 1 : 0;
            }
            String text = String.join(t.lang() == Lang.EN ? ", " : "，", steps);
            if (close.size() == 4 && fins == 2 && !close.get(2).ackOfFin()) {
                text += t.lang() == Lang.EN ? ": " + t.sumFourWay() : "：" + t.sumFourWay();
            }
            out.add(t.sumClose(text));
            boolean firstFromClient = close.get(0).fromClient();
            if (fins >= 2 || client.finFrame != 0 && server.finFrame != 0) {
                out.add(t.sumClosedFirst(firstFromClient));
            } else {
                out.add(t.sumHalfClosed(firstFromClient));
            }
        } else if (rstFrame == 0) {
            out.add(t.sumOpen());
        }
        List<String> problems = new ArrayList<>();
        if (retransmissions > 0) {
            problems.add(t.countRetransmissions(retransmissions));
        }
        if (outOfOrder > 0) {
            problems.add(t.countOutOfOrder(outOfOrder));
        }
        if (lost > 0) {
            problems.add(t.countLost(lost));
        }
        if (dupAcks > 0) {
            problems.add(t.countDupAcks(dupAcks));
        }
        if (zeroWindows > 0) {
            problems.add(t.countZeroWindows(zeroWindows));
        }
        if (keepAlives > 0) {
            problems.add(t.countKeepAlives(keepAlives));
        }
        if (copies > 0) {
            problems.add(t.countCopies(copies));
        }
        out.add(problems.isEmpty() ? t.sumClean() : t.sumAnalysis(String.join(t.lang() == Lang.EN ? ", " : "、", problems)));
        return out;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    /**
     * The ladder diagram: one arrow per packet between a client column on the left and a server
     * column on the right, labelled with the flags and Seq/Ack/Len, analysis labels after it.
     *
     * @param start the capture's first time stamp (epoch ns), for times relative to it
     */
    List<String> ladder(Text t, long start) {
        List<String> out = new ArrayList<>();
        out.add(t.ladderTitle(stream, clientText, serverText));
        int width = 40;
        List<String> labels = new ArrayList<>(rows.size());
        for (Row r : rows) {
            StringBuilder l = new StringBuilder(" ").append(r.flags()).append(" Seq=").append(r.seq());
            if (r.ack() >= 0) {
                l.append(" Ack=").append(r.ack());
            }
            l.append(" Len=").append(r.len()).append(' ');
            labels.add(l.toString());
            width = Math.max(width, l.length() + 8);
        }
        StringBuilder head = new StringBuilder("  No.       Time  ");
        String left = t.clientColumn();
        String right = t.serverColumn();
        head.append(left);
        int pad = width + 2 - displayWidth(left) - displayWidth(right);
        head.append(" ".repeat(Math.max(1, pad))).append(right);
        out.add(head.toString());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String label = labels.get(i);
            int dashes = width - label.length() - 1;
            int before = r.fromClient() ? 3 : dashes - 3;
            StringBuilder line = new StringBuilder();
            line.append(String.format(Locale.ROOT, "%5d %10.6f  |", r.frame(), (r.timeNanos() - start) / 1e9));
            if (r.fromClient()) {
                line.append("-".repeat(before)).append(label).append("-".repeat(dashes - before)).append(">|");
            } else {
                line.append('<').append("-".repeat(before)).append(label).append("-".repeat(dashes - before)).append('|');
            }
            if (!r.labels().isEmpty()) {
                line.append("  ").append(r.labels());
            }
            out.add(line.toString());
        }
        if (rowsDropped > 0) {
            out.add("  " + t.ladderTruncated(rowsDropped));
        }
        return out;
    }

    /** Terminal columns of {@code s}: CJK characters take two. */
    private static int displayWidth(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            w += s.charAt(i) >= 0x1100 ? 2 : 1;
        }
        return w;
    }

    /** Adds the packet's arrow to the ladder (up to {@link #MAX_ROWS}; beyond, only counted). */
    void row(TcpRecord r, long frame, long time, boolean fromClient, long seq, long len, String[] flagNames) {
        if (rows.size() < MAX_ROWS) {
            StringBuilder flagText = new StringBuilder();
            for (int b = 0; b < flagNames.length; b++) {
                if ((r.flags & (1 << b)) != 0) {
                    flagText.append(flagText.isEmpty() ? "" : ", ").append(flagNames[b]);
                }
            }
            StringBuilder labels = new StringBuilder();
            AnalysisLabels.prepend(labels, r);
            rows.add(new Row(frame, time, fromClient, flagText.isEmpty() ? "<None>" : flagText.toString(),
                    seq, (r.flags & Tcp.ACK_FLAG) != 0 ? r.ack : -1, len, labels.toString().strip()));
        } else {
            rowsDropped++;
        }
    }

    // ---- written out and read back whole (StreamSpill) --------------------------------------

    /** Writes everything this stream knows, for {@link #read} to give it back as it was. */
    void write(DataOutput out) throws IOException {
        out.writeInt(stream);
        out.writeUTF(clientText);
        out.writeUTF(serverText);
        out.writeBoolean(clientForward);
        out.writeBoolean(guessed);
        client.write(out);
        server.write(out);
        for (long v : new long[] {synFrame, synAckFrame, handshakeAckFrame, synTime, handshakeAckTime, rstFrame,
                refusedFrame, copies, retransmissions, dupAcks, zeroWindows, keepAlives, outOfOrder, lost, rowsDropped}) {
            out.writeLong(v);
        }
        out.writeBoolean(rstFromClient);
        out.writeInt(serverPort);
        out.writeByte(clientState == null ? -1 : clientState.ordinal());
        out.writeByte(serverState == null ? -1 : serverState.ordinal());
        out.writeInt(close.size());
        for (CloseStep c : close) {
            out.writeLong(c.frame());
            out.writeByte((c.fromClient() ? 1 : 0) | (c.fin() ? 2 : 0) | (c.ackOfFin() ? 4 : 0));
        }
        out.writeInt(rows.size());
        for (Row r : rows) {
            out.writeLong(r.frame());
            out.writeLong(r.timeNanos());
            out.writeBoolean(r.fromClient());
            out.writeUTF(r.flags());
            out.writeLong(r.seq());
            out.writeLong(r.ack());
            out.writeLong(r.len());
            out.writeUTF(r.labels());
        }
    }

    /** A stream as {@link #write} wrote it. */
    static StreamState read(DataInput in) throws IOException {
        StreamState st = new StreamState(in.readInt(), in.readUTF(), in.readUTF(), in.readBoolean(), in.readBoolean());
        st.client.read(in);
        st.server.read(in);
        st.synFrame = in.readLong();
        st.synAckFrame = in.readLong();
        st.handshakeAckFrame = in.readLong();
        st.synTime = in.readLong();
        st.handshakeAckTime = in.readLong();
        st.rstFrame = in.readLong();
        st.refusedFrame = in.readLong();
        st.copies = in.readLong();
        st.retransmissions = in.readLong();
        st.dupAcks = in.readLong();
        st.zeroWindows = in.readLong();
        st.keepAlives = in.readLong();
        st.outOfOrder = in.readLong();
        st.lost = in.readLong();
        st.rowsDropped = in.readLong();
        st.rstFromClient = in.readBoolean();
        st.serverPort = in.readInt();
        st.clientState = state(in.readByte());
        st.serverState = state(in.readByte());
        for (int n = in.readInt(); n > 0; n--) {
            long frame = in.readLong();
            int bits = in.readByte();
            st.close.add(new CloseStep(frame, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0));
        }
        for (int n = in.readInt(); n > 0; n--) {
            st.rows.add(new Row(in.readLong(), in.readLong(), in.readBoolean(), in.readUTF(), in.readLong(),
                    in.readLong(), in.readLong(), in.readUTF()));
        }
        return st;
    }

    private static TcpState state(int ordinal) {
        return ordinal < 0 ? null : TcpState.values()[ordinal];
    }
}

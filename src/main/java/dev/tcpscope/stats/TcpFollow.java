package dev.tcpscope.stats;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Tcp;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte stream of one TCP connection as Wireshark 4.0's Follow TCP Stream rebuilds it
 * (epan/dissectors/packet-tcp.c {@code follow_tcp_tap_listener} and {@code check_follow_fragments}):
 * per direction, the next expected sequence number; a segment that starts there is passed on
 * (its overlap with data already passed on is cut off), one that starts later waits in a list
 * until the gap is filled, and when the other side acknowledges data past a gap the gap becomes
 * a "[N bytes missing in capture file]" chunk. Retransmitted data is passed on once.
 *
 * <p>Sequence numbers are the relative ones Wireshark's TCP header carries to its taps; they are
 * compared modulo 2^32. Only waiting out-of-order segments are held (copied); everything passed on
 * goes straight to the {@link ChunkSink}.
 */
final class TcpFollow {
    private final ChunkSink sink;
    /** The first frame's source address and port: Wireshark's "client" (node 0). */
    private byte[] clientAddress;
    private int clientPort = 0;
    private byte[] serverAddress;
    private int serverPort;
    private final int[] seq = new int[2];
    private final long[] bytesWritten = new long[2];
    @SuppressWarnings("unchecked")
    private final List<Fragment>[] fragments = new List[] {new ArrayList<Fragment>(), new ArrayList<Fragment>()};

    /** A segment that arrived ahead of the stream, held until the bytes before it are seen. */
    private record Fragment(int seq, long frame, long seconds, int nanos, byte[] data) { }

    TcpFollow(ChunkSink sink) {
        this.sink = sink;
    }

    byte[] clientAddress() { return clientAddress; }

    int clientPort() { return clientPort; }

    byte[] serverAddress() { return serverAddress; }

    int serverPort() { return serverPort; }

    /** Whether a segment has been seen (the nodes are known). */
    boolean started() { return clientAddress != null; }

    /**
     * The TCP record of the frame just decoded when the TCP dissector hands it to its follow tap,
     * else null: only once the segment length is known and the header is whole.
     */
    static TcpRecord followed(Decoder d) {
        TcpRecord r = d.tcp();
        return r == null || !r.haveSegmentLength || !r.optionsComplete || r.bogusHeaderLength ? null : r;
    }

    /** The segment of the frame just decoded, whose record {@link #followed} returned. */
    void segment(Decoder d, TcpRecord r) {
        Dissection x = d.dissection();
        int t = d.tcpLayer();
        int ip = d.tcpIpLayer();
        var s = x.segment(t);
        long off = x.offset(t);
        int captured = Math.max(0, x.captured(t) - r.headerLength);
        int ack = (r.flags & Tcp.ACK_FLAG) != 0 ? (int) r.ack : (int) r.ackRaw;
        Frame f = d.frame();
        segment(Net.source(x, ip), Net.u16(s, off + Tcp.SRC_PORT), Net.destination(x, ip),
                Net.u16(s, off + Tcp.DST_PORT), (r.flags & Tcp.SYN) != 0, (int) r.seq, ack, r.segmentLength,
                f.number(), f.seconds(), f.nanos(), s, off + r.headerLength, captured);
    }

    /**
     * One TCP segment of the stream. {@code seq}/{@code ack} as the TCP header hands them to taps
     * (relative; the ACK raw when the ACK flag is clear), {@code length} the segment length
     * ({@code tcp.len}), the payload's captured bytes at {@code payload}.
     */
    void segment(byte[] src, int srcPort, byte[] dst, int dstPort, boolean syn, int sequence, int ack, int length,
                 long frame, long seconds, int nanos, MemorySegment s, long payload, int captured) {
        if (syn) {
            sequence++;
        }
        if (clientAddress == null) {
            clientAddress = src.clone();
            clientPort = srcPort;
            serverAddress = dst.clone();
            serverPort = dstPort;
        }
        int side = java.util.Arrays.equals(clientAddress, src) && clientPort == srcPort ? 0 : 1;
        // The other side acknowledging data we hold beyond a gap: the gap was lost in the capture.
        if (!fragments[1 - side].isEmpty()) {
            while (checkFragments(1 - side, ack, frame, true)) {
                // applies one waiting fragment (or one gap) per round
            }
        }
        if (bytesWritten[side] == 0 && seq[side] == 0) {
            seq[side] = sequence;
        }
        long dataOffset = 0;
        long dataLength = captured;
        if (lt(sequence, seq[side])) {
            int next = sequence + length;
            if (gt(next, seq[side])) {
                dataOffset = Integer.toUnsignedLong(seq[side] - sequence);
                dataLength = dataLength <= dataOffset ? 0 : dataLength - dataOffset;
                sequence = seq[side];
                length = next - seq[side];
            }
        }
        if (dataLength == 0 || lt(sequence, seq[side])) {
            return;
        }
        if (sequence == seq[side]) {
            seq[side] += length;
            bytesWritten[side] += dataLength;
            sink.chunk(side == 1, frame, seconds, nanos, s, payload + dataOffset, (int) dataLength);
            while (checkFragments(side, 0, frame, false)) {
                // each round applies one fragment that now fits
            }
        } else {
            byte[] copy = s.asSlice(payload + dataOffset, dataLength).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            fragments[side].add(new Fragment(sequence, frame, seconds, nanos, copy));
        }
    }

    /** Wireshark's check_follow_fragments: applies one waiting fragment or gap; false when none applies. */
    private boolean checkFragments(int side, int acknowledged, long frame, boolean useAck) {
        List<Fragment> list = fragments[side];
        if (list.isEmpty()) {
            return false;
        }
        int lowest = list.get(0).seq;
        for (int i = 0; i < list.size(); i++) {
            Fragment f = list.get(i);
            if (gt(lowest, f.seq)) {
                lowest = f.seq;
            }
            if (lt(f.seq, seq[side])) {
                int end = f.seq + f.data.length;
                if (gt(end, seq[side])) {
                    int newPos = seq[side] - f.seq;
                    if (f.data.length > newPos) {
                        int size = f.data.length - newPos;
                        sink.chunk(side == 1, f.frame, f.seconds, f.nanos, MemorySegment.ofArray(f.data), newPos, size);
                    }
                    seq[side] += f.data.length - newPos;
                }
                list.remove(i);
                return true;
            }
            if (f.seq == seq[side]) {
                if (f.data.length > 0) {
                    sink.chunk(side == 1, f.frame, f.seconds, f.nanos, MemorySegment.ofArray(f.data), 0, f.data.length);
                }
                seq[side] += f.data.length;
                list.remove(i);
                return true;
            }
        }
        if (useAck && gt(acknowledged, lowest)) {
            // The marker keeps C's terminating NUL (strlen + 1), which tshark prints as '.'.
            byte[] text = ("[" + (lowest - seq[side]) + " bytes missing in capture file]\0").getBytes(StandardCharsets.US_ASCII);
            sink.chunk(side == 1, frame, 0, 0, MemorySegment.ofArray(text), 0, text.length);
            seq[side] = lowest;
            return true;
        }
        return false;
    }

    private static boolean lt(int a, int b) { return a - b < 0; }

    private static boolean gt(int a, int b) { return a - b > 0; }
}

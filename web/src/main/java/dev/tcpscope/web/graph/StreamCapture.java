package dev.tcpscope.web.graph;

import dev.tcpscope.capture.CaptureFormatException;
import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.AddressText;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Ipv4;
import dev.tcpscope.wire.Ipv6;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Tcp;
import dev.tcpscope.wire.TcpOptionWalk;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * One pass over a capture with the core's reader, decoder and TCP analysis, keeping the segments
 * of one stream ({@link Segments}) and what it takes to name and choose its directions: the
 * endpoints, which side is the client, the payload each side sent. Frames of other streams
 * leave nothing behind.
 */
final class StreamCapture {
    final int stream;
    final Segments segments = new Segments();
    /** How many TCP streams the capture has. */
    int streams;
    /** "address:port" of the low→high side's sender and receiver. */
    String lowSide;
    String highSide;
    /** Whether the low→high side opened the connection (sent the SYN, or is the first sender seen). */
    boolean clientIsLow;
    /** Payload bytes sent by the low→high side and by the other, retransmissions included. */
    long lowPayload;
    long highPayload;

    private boolean clientKnown;
    private final TcpOptionWalk options = new TcpOptionWalk();
    private final long[] sacks = new long[2 * Segments.MAX_SACK_BLOCKS];

    private StreamCapture(int stream) {
        this.stream = stream;
    }

    /**
     * Reads all of {@code capture}, keeping stream {@code stream}.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws CaptureFormatException when it is not a capture, or is damaged or cut short
     */
    static StreamCapture read(Path capture, int stream) throws IOException {
        StreamCapture c = new StreamCapture(stream);
        String name = capture.toString();
        Decoder decoder = new Decoder();
        Frame frame = new Frame();
        try (CaptureReader reader = Captures.open(capture, name)) {
            while (reader.next(frame)) {
                decoder.decode(frame);
                TcpRecord tcp = decoder.tcp();
                if (tcp != null && tcp.stream == stream && tcp.haveSegmentLength && !tcp.bogusHeaderLength) {
                    c.add(decoder, frame, tcp);
                }
            }
        }
        c.streams = decoder.analyzer().streams();
        return c;
    }

    private void add(Decoder decoder, Frame frame, TcpRecord tcp) {
        Dissection d = decoder.dissection();
        int tcpLayer = decoder.tcpLayer();
        MemorySegment s = d.segment(tcpLayer);
        long off = d.offset(tcpLayer);
        if (lowSide == null) {
            endpoints(d, decoder.tcpIpLayer(), Tcp.srcPort(s, off), Tcp.dstPort(s, off), tcp.forward);
        }
        int synAck = tcp.flags & (Tcp.SYN | Tcp.ACK_FLAG);
        if (!clientKnown && (tcp.flags & Tcp.SYN) != 0) {
            boolean synSent = synAck == Tcp.SYN; // else the SYN-ACK: its receiver is the client
            clientIsLow = synSent ? tcp.forward : !tcp.forward;
            clientKnown = true;
        }
        if (tcp.forward) {
            lowPayload += tcp.segmentLength;
        } else {
            highPayload += tcp.segmentLength;
        }
        int blocks = sackBlocks(s, off, tcp.headerLength, d.captured(tcpLayer), tcp.sackBase);
        segments.add(frame.number(), decoder.timeRelative(), tcp.forward, tcp.flags, tcp.seq, tcp.ack,
                tcp.segmentLength, tcp.window, sacks, blocks, (tcp.flags & Tcp.ACK_FLAG) != 0);
    }

    /** Names both sides from the stream's first segment; until a SYN says otherwise, its sender is the client. */
    private void endpoints(Dissection d, int ip, int srcPort, int dstPort, boolean forward) {
        MemorySegment is = d.segment(ip);
        long io = d.offset(ip);
        StringBuilder src = new StringBuilder();
        StringBuilder dst = new StringBuilder();
        if (d.proto(ip) == Proto.IPV6) {
            src.append('[');
            AddressText.appendIpv6(src, is, io + Ipv6.SRC);
            src.append(']');
            dst.append('[');
            AddressText.appendIpv6(dst, is, io + d.ipv6Destination(ip));
            dst.append(']');
        } else {
            AddressText.appendIpv4(src, is, io + Ipv4.SRC);
            AddressText.appendIpv4(dst, is, io + Ipv4.DST);
        }
        src.append(':').append(srcPort);
        dst.append(':').append(dstPort);
        lowSide = forward ? src.toString() : dst.toString();
        highSide = forward ? dst.toString() : src.toString();
        clientIsLow = forward;
    }

    /**
     * Reads the SACK blocks of the segment's options into {@link #sacks} as relative numbers (as
     * tshark shows {@code tcp.options.sack_le}), at most {@link Segments#MAX_SACK_BLOCKS} in all,
     * and returns how many.
     */
    private int sackBlocks(MemorySegment s, long off, int headerLength, int captured, long base) {
        if (headerLength <= Tcp.MIN_HEADER_LENGTH) {
            return 0;
        }
        int n = 0;
        options.reset(s, off, headerLength, captured);
        for (int kind = options.next(); kind >= 0; kind = options.next()) {
            if (kind != Tcp.OPT_SACK) {
                continue;
            }
            for (int at = 2; at + 8 <= options.length() && n < Segments.MAX_SACK_BLOCKS && options.captured(at + 8); at += 8) {
                sacks[2 * n] = (Bytes.u32(s, options.offset() + at) - base) & 0xffffffffL;
                sacks[2 * n + 1] = (Bytes.u32(s, options.offset() + at + 4) - base) & 0xffffffffL;
                n++;
            }
        }
        return n;
    }

    /** "address:port → address:port" of the direction whose sender is the low→high side when {@code low}. */
    String direction(boolean low) {
        return low ? lowSide + " → " + highSide : highSide + " → " + lowSide;
    }
}

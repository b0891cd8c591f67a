package dev.tcpscope.report;

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

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-connection TCP report ({@code tcpscope stats}): fed the frames a {@link Decoder} has
 * decoded and analysed, it keeps one {@link ConnectionStats} per TCP stream and nothing per
 * packet. Which frames are fed is the caller's choice (all, or those a display filter matches);
 * the per-packet analysis it reads (retransmissions, duplicate ACKs, RTTs...) is the decoder's,
 * made over every frame of the capture.
 */
public final class ConnectionReport {
    /** Connections by stream index; streams are numbered densely from 0. */
    private final List<ConnectionStats> byStream = new ArrayList<>();
    private final TcpOptionWalk options = new TcpOptionWalk();
    private final StringBuilder text = new StringBuilder();
    private int mss;
    private int ws;

    /** Counts the frame {@code d} decoded last, when it carries an analysed TCP segment. */
    public void frame(Decoder d) {
        TcpRecord r = d.tcp();
        if (r == null) {
            return;
        }
        long time = d.time();
        ConnectionStats c = r.stream < byStream.size() ? byStream.get(r.stream) : null;
        if (c == null) {
            c = open(d, r, time);
        }
        mss = -1;
        ws = -1;
        if ((r.flags & Tcp.SYN) != 0) {
            synOptions(d.dissection(), d.tcpLayer(), r.headerLength);
        }
        c.packet(r, d.frame().originalLength(), time, mss, ws);
    }

    private ConnectionStats open(Decoder d, TcpRecord r, long time) {
        Dissection x = d.dissection();
        int ip = d.tcpIpLayer();
        int tcp = d.tcpLayer();
        MemorySegment s = x.segment(tcp);
        long t = x.offset(tcp);
        MemorySegment is = x.segment(ip);
        long io = x.offset(ip);
        String src, dst;
        text.setLength(0);
        if (x.proto(ip) == Proto.IPV6) {
            AddressText.appendIpv6(text, is, io + x.ipv6Source(ip));
            src = text.toString();
            text.setLength(0);
            AddressText.appendIpv6(text, is, io + x.ipv6Destination(ip));
        } else {
            AddressText.appendIpv4(text, is, io + Ipv4.SRC);
            src = text.toString();
            text.setLength(0);
            AddressText.appendIpv4(text, is, io + Ipv4.DST);
        }
        dst = text.toString();
        // The originator sends the first SYN; a connection seen first by its SYN/ACK was opened by
        // the receiver of that; any other first packet is taken as the originator's (docs/STATS.md).
        boolean senderIsOrig = (r.flags & (Tcp.SYN | Tcp.ACK_FLAG)) != (Tcp.SYN | Tcp.ACK_FLAG);
        ConnectionStats c = new ConnectionStats(r.stream, senderIsOrig, r.forward,
                src, Tcp.srcPort(s, t), dst, Tcp.dstPort(s, t), time);
        while (byStream.size() <= r.stream) {
            byStream.add(null);
        }
        byStream.set(r.stream, c);
        return c;
    }

    /** Reads the MSS and window-scale options of a SYN (RFC 9293 §3.7.1, RFC 7323 §2.2). */
    private void synOptions(Dissection x, int tcp, int headerLength) {
        MemorySegment s = x.segment(tcp);
        TcpOptionWalk w = options.reset(s, x.offset(tcp), headerLength, x.captured(tcp));
        for (int kind = w.next(); kind >= 0; kind = w.next()) {
            long o = w.offset();
            if (kind == Tcp.OPT_MSS && w.length() == 4 && w.captured(4)) {
                mss = Bytes.u16(s, o + 2);
            } else if (kind == Tcp.OPT_WS && w.length() == 3 && w.captured(3)) {
                ws = Bytes.u8(s, o + 2);
            }
        }
    }

    /** The connections with at least one counted packet, in stream order, their open periods closed. */
    public List<ConnectionStats> connections() {
        List<ConnectionStats> out = new ArrayList<>();
        for (ConnectionStats c : byStream) {
            if (c != null) {
                c.finish();
                out.add(c);
            }
        }
        return out;
    }
}

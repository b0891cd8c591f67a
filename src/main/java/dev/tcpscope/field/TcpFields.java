package dev.tcpscope.field;

import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Tcp;
import dev.tcpscope.wire.TcpOptionWalk;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static dev.tcpscope.field.FieldType.*;
import static dev.tcpscope.tcp.TcpRecord.*;

/**
 * {@code tcp.*}: the header, its options and everything the analysis computes. A field is
 * present exactly when Wireshark 4.0's {@code dissect_tcp()} adds it: the header is read in
 * order and reading stops where the capture does (a header length below 20 stops after the
 * sequence number; the analysis is shown only when the options could be read to the end).
 * A segment quoted by an ICMP error is not analysed: Wireshark adds its ports, and for one
 * quoted by ICMPv4 its raw sequence number as {@code tcp.seq}, after the frame's own fields.
 */
final class TcpFields {
    private static final String FLAG_LETTERS = "FSRPAUECA";

    private TcpFields() { }

    static List<Field> all() {
        List<Field> f = new ArrayList<>();
        f.add(Field.of("tcp", "Transmission Control Protocol", PROTOCOL, TcpFields::protocol));
        f.add(uint("tcp.srcport", "Source Port", 16, (d, v) -> port(d, v, Tcp.SRC_PORT)));
        f.add(uint("tcp.dstport", "Destination Port", 16, (d, v) -> port(d, v, Tcp.DST_PORT)));
        f.add(uint("tcp.port", "Source or Destination Port", 16, (d, v) -> {
            port(d, v, Tcp.SRC_PORT);
            port(d, v, Tcp.DST_PORT);
        }));
        f.add(uint("tcp.stream", "Stream index", 32, record(r -> r.stream)));
        f.add(uint("tcp.completeness", "Conversation completeness", 8, record(r -> r.completeness)));
        f.add(uint("tcp.seq", "Sequence Number", 32, (d, v) -> {
            TcpRecord r = d.tcp();
            if (r != null) {
                v.addLong(r.seq);
            }
            // packet-tcp.c adds the raw number at once for TCP right after IP right after ICMP
            Dissection q = d.dissection().quote();
            int k = quotedTcp(q);
            if (k == 1 && q.proto(0) == Proto.IPV4 && q.captured(k) >= 8) {
                v.addLong(Bytes.u32(q.segment(k), q.offset(k) + 4));
            }
        }));
        f.add(uint("tcp.seq_raw", "Sequence Number (raw)", 32, record(r -> r.seqRaw)));
        f.add(uint("tcp.nxtseq", "Next Sequence Number", 32, (d, v) -> {
            TcpRecord r = d.tcp();
            if (r != null && !r.bogusHeaderLength && r.haveSegmentLength) {
                v.addLong(r.nextSeq);
            }
        }));
        f.add(uint("tcp.ack", "Acknowledgment Number", 32, header(r -> r.ack)));
        f.add(uint("tcp.ack_raw", "Acknowledgment number (raw)", 32, header(r -> r.ackRaw)));
        f.add(uint("tcp.hdr_len", "Header Length", 8, record(r -> r.headerLength)));
        f.add(Field.integer("tcp.flags", "Flags", UINT, 16, Base.HEX, header(r -> r.flags)));
        f.add(flag("tcp.flags.res", "Reserved", Tcp.RESERVED));
        f.add(flag("tcp.flags.ae", "Accurate ECN", Tcp.NS));
        f.add(flag("tcp.flags.cwr", "Congestion Window Reduced", Tcp.CWR));
        f.add(flag("tcp.flags.ece", "ECN-Echo", Tcp.ECE));
        f.add(flag("tcp.flags.urg", "Urgent", Tcp.URG));
        f.add(flag("tcp.flags.ack", "Acknowledgment", Tcp.ACK_FLAG));
        f.add(flag("tcp.flags.push", "Push", Tcp.PSH));
        f.add(flag("tcp.flags.reset", "Reset", Tcp.RST));
        f.add(flag("tcp.flags.syn", "Syn", Tcp.SYN));
        f.add(flag("tcp.flags.fin", "Fin", Tcp.FIN));
        f.add(Field.of("tcp.flags.str", "TCP Flags", STRING, (d, v) -> {
            TcpRecord r = d.tcp();
            if (r != null && !r.bogusHeaderLength) {
                v.addString(flagString(r.flags));
            }
        }));
        f.add(uint("tcp.window_size_value", "Window", 16, header(r -> r.windowRaw)));
        f.add(uint("tcp.window_size", "Calculated window size", 32, header(r -> r.window)));
        f.add(Field.integer("tcp.window_size_scalefactor", "Window size scaling factor", INT, 32, Base.DEC, (d, v) -> {
            TcpRecord r = d.tcp();
            if (r != null && !r.bogusHeaderLength && (r.flags & Tcp.SYN) == 0) {
                v.addLong(r.scaleFactor);
            }
        }));
        f.add(Field.integer("tcp.checksum", "Checksum", UINT, 16, Base.HEX, (d, v) -> {
            if (readable(d, Tcp.CHECKSUM + 2)) {
                v.addLong(Bytes.u16(seg(d), off(d) + Tcp.CHECKSUM));
            }
        }));
        f.add(uint("tcp.checksum.status", "Checksum Status", 8, (d, v) -> {
            if (readable(d, Tcp.CHECKSUM + 2)) {
                v.addLong(2); // unverified, as tshark leaves it by default
            }
        }));
        f.add(uint("tcp.urgent_pointer", "Urgent Pointer", 16, (d, v) -> {
            if (readable(d, Tcp.MIN_HEADER_LENGTH)) {
                v.addLong(Tcp.urgentPointer(seg(d), off(d)));
            }
        }));
        f.add(Field.of("tcp.options", "TCP Options", BYTES, (d, v) -> {
            TcpRecord r = d.tcp();
            if (readable(d, Tcp.MIN_HEADER_LENGTH) && r.headerLength > Tcp.MIN_HEADER_LENGTH) {
                int captured = d.dissection().captured(d.tcpLayer());
                int len = Math.min(r.headerLength, captured) - Tcp.MIN_HEADER_LENGTH;
                v.addBytes(seg(d), off(d) + Tcp.MIN_HEADER_LENGTH, len);
            }
        }));
        f.addAll(TcpOptionFields.all());
        f.add(Field.of("tcp.time_relative", "Time since first frame in this TCP stream", RELATIVE_TIME, (d, v) -> {
            if (readable(d, Tcp.MIN_HEADER_LENGTH)) {
                v.addLong(d.tcp().timeRelative);
            }
        }));
        f.add(Field.of("tcp.time_delta", "Time since previous frame in this TCP stream", RELATIVE_TIME, (d, v) -> {
            if (readable(d, Tcp.MIN_HEADER_LENGTH)) {
                v.addLong(d.tcp().timeDelta);
            }
        }));
        f.add(Field.of("tcp.analysis", "SEQ/ACK analysis", NONE, analysis(r -> true)));
        f.add(Field.integer("tcp.analysis.acks_frame", "This is an ACK to the segment in frame", FRAMENUM, 32, Base.DEC,
                analysisValue(r -> r.acksFrame != 0, r -> r.acksFrame)));
        f.add(Field.of("tcp.analysis.ack_rtt", "The RTT to ACK the segment was", RELATIVE_TIME,
                analysisValue(r -> r.acksFrame != 0 && r.ackRtt != 0, r -> r.ackRtt)));
        f.add(Field.of("tcp.analysis.initial_rtt", "iRTT", RELATIVE_TIME,
                analysisValue(r -> r.initialRtt != 0, r -> r.initialRtt)));
        f.add(uint("tcp.analysis.bytes_in_flight", "Bytes in flight", 32,
                analysisValue(r -> r.bytesInFlight != 0, r -> r.bytesInFlight)));
        f.add(uint("tcp.analysis.push_bytes_sent", "Bytes sent since last PSH flag", 32,
                analysisValue(r -> r.bytesInFlight != 0, r -> r.pushBytesSent)));
        f.add(Field.of("tcp.analysis.flags", "TCP Analysis Flags", NONE, analysis(r -> r.analysisFlags != 0)));
        f.add(label("tcp.analysis.reused_ports", "A new tcp session is started with the same ports as an earlier session in this trace", REUSED_PORTS));
        f.add(label("tcp.analysis.retransmission", "This frame is a (suspected) retransmission", RETRANSMISSION | FAST_RETRANSMISSION | SPURIOUS_RETRANSMISSION));
        f.add(Field.of("tcp.analysis.rto", "The RTO for this segment was", RELATIVE_TIME,
                analysisValue(r -> r.has(RETRANSMISSION) && r.rto != 0, r -> r.rto)));
        f.add(Field.integer("tcp.analysis.rto_frame", "RTO based on delta from frame", FRAMENUM, 32, Base.DEC,
                analysisValue(r -> r.has(RETRANSMISSION) && r.rto != 0, r -> r.rtoFrame)));
        f.add(label("tcp.analysis.fast_retransmission", "This frame is a (suspected) fast retransmission", FAST_RETRANSMISSION));
        f.add(label("tcp.analysis.spurious_retransmission", "This frame is a (suspected) spurious retransmission", SPURIOUS_RETRANSMISSION));
        f.add(label("tcp.analysis.out_of_order", "This frame is a (suspected) out-of-order segment", OUT_OF_ORDER));
        f.add(label("tcp.analysis.lost_segment", "Previous segment(s) not captured (common at capture start)", LOST_SEGMENT));
        f.add(label("tcp.analysis.ack_lost_segment", "ACKed segment that wasn't captured (common at capture start)", ACK_LOST_SEGMENT));
        f.add(label("tcp.analysis.window_update", "TCP window update", WINDOW_UPDATE));
        f.add(label("tcp.analysis.window_full", "TCP window specified by the receiver is now completely full", WINDOW_FULL));
        f.add(label("tcp.analysis.keep_alive", "TCP keep-alive segment", KEEP_ALIVE));
        f.add(label("tcp.analysis.keep_alive_ack", "ACK to a TCP keep-alive segment", KEEP_ALIVE_ACK));
        // tshark adds this one twice: as a field and as its expert info.
        f.add(Field.of("tcp.analysis.duplicate_ack", "Duplicate ACK", NONE, analysis(r -> r.dupAckNum != 0 && r.has(DUPLICATE_ACK), 2)));
        f.add(uint("tcp.analysis.duplicate_ack_num", "Duplicate ACK #", 32,
                analysisValue(r -> r.dupAckNum != 0, r -> r.dupAckNum)));
        f.add(Field.integer("tcp.analysis.duplicate_ack_frame", "Duplicate to the ACK in frame", FRAMENUM, 32, Base.DEC,
                analysisValue(r -> r.dupAckNum != 0, r -> r.dupAckFrame)));
        f.add(label("tcp.analysis.zero_window_probe", "TCP Zero Window Probe", ZERO_WINDOW_PROBE));
        f.add(label("tcp.analysis.zero_window", "TCP Zero Window segment", ZERO_WINDOW));
        f.add(label("tcp.analysis.zero_window_probe_ack", "ACK to a TCP Zero Window Probe", ZERO_WINDOW_PROBE_ACK));
        f.add(uint("tcp.len", "TCP Segment Len", 32, (d, v) -> {
            TcpRecord r = d.tcp();
            if (r != null && r.haveSegmentLength) {
                v.addLong(r.segmentLength);
            }
        }));
        f.add(Field.of("tcp.payload", "TCP payload", BYTES, (d, v) -> {
            TcpRecord r = d.tcp();
            if (r == null || !r.optionsComplete || (r.flags & Tcp.RST) != 0) {
                return; // a RST's data is tcp.reset_cause
            }
            var g = d.desegmented();
            if (g != null && g.finCompleted()) {
                return; // dissect_tcp handed the PDU that ran until this FIN on and stopped
            }
            int captured = d.dissection().captured(d.tcpLayer());
            if (captured > r.headerLength) {
                v.addBytes(seg(d), off(d) + r.headerLength, captured - r.headerLength);
            }
        }));
        return f;
    }

    // ---- presence: how far tshark read the header ------------------------------------------

    /** Whether the analysed header's first {@code bytes} were captured and its length is sane. */
    static boolean readable(Decoder d, int bytes) {
        TcpRecord r = d.tcp();
        return r != null && !r.bogusHeaderLength && d.dissection().captured(d.tcpLayer()) >= bytes;
    }

    static MemorySegment seg(Decoder d) { return d.dissection().segment(d.tcpLayer()); }

    static long off(Decoder d) { return d.dissection().offset(d.tcpLayer()); }

    private static void port(Decoder d, Values v, int at) {
        int layer = d.tcpLayer();
        // packet-tcp.c reads both ports before it adds any item
        if (layer >= 0 && d.dissection().captured(layer) >= 4) {
            v.addLong(Bytes.u16(d.dissection().segment(layer), d.dissection().offset(layer) + at));
        }
        Dissection q = d.dissection().quote();
        int k = quotedTcp(q);
        if (k >= 0 && q.captured(k) >= 4) {
            v.addLong(Bytes.u16(q.segment(k), q.offset(k) + at));
        }
    }

    /** The TCP layer of a datagram an ICMP error quotes (null when none), or -1. */
    private static int quotedTcp(Dissection q) {
        return q == null ? -1 : q.last(Proto.TCP);
    }

    private interface LongOf {
        long of(TcpRecord r);
    }

    private interface Test {
        boolean test(TcpRecord r);
    }

    private static Field uint(String name, String title, int bits, Extractor e) {
        return Field.integer(name, title, UINT, bits, Base.DEC, e);
    }

    /** A value every analysed segment has, even one whose header length is bogus. */
    private static Extractor record(LongOf value) {
        return (d, v) -> {
            TcpRecord r = d.tcp();
            if (r != null) {
                v.addLong(value.of(r));
            }
        };
    }

    /** A value read after the header-length check. */
    private static Extractor header(LongOf value) {
        return (d, v) -> {
            TcpRecord r = d.tcp();
            if (r != null && !r.bogusHeaderLength) {
                v.addLong(value.of(r));
            }
        };
    }

    private static Field flag(String name, String title, int mask) {
        return Field.of(name, title, BOOLEAN, header(r -> r.flags & mask));
    }

    /** Whether the analysis subtree is shown for this frame. */
    private static boolean shown(Decoder d) {
        TcpRecord r = d.tcp();
        return r != null && r.optionsComplete && r.analysed;
    }

    private static Extractor analysis(Test test) {
        return analysis(test, 1);
    }

    private static Extractor analysis(Test test, int times) {
        return (d, v) -> {
            if (shown(d) && test.test(d.tcp())) {
                for (int i = 0; i < times; i++) {
                    v.addPresent();
                }
            }
        };
    }

    private static Extractor analysisValue(Test test, LongOf value) {
        return (d, v) -> {
            if (shown(d) && test.test(d.tcp())) {
                v.addLong(value.of(d.tcp()));
            }
        };
    }

    /** A flag of the analysis (in tshark, an expert info item), with tshark's title. */
    private static Field label(String name, String title, int mask) {
        return Field.of(name, title, NONE, analysis(r -> r.has(mask)));
    }

    /** tshark's 12-character flag string: a letter per set flag from AE down to FIN, else a dot. */
    static String flagString(int flags) {
        char[] c = new char[12];
        for (int bit = 11; bit >= 0; bit--) {
            char letter = bit < FLAG_LETTERS.length() ? FLAG_LETTERS.charAt(bit) : 'R';
            c[11 - bit] = (flags & (1 << bit)) != 0 ? letter : '\u00b7';
        }
        return new String(c);
    }

    private static void protocol(Decoder d, Values v) {
        // packet-tcp.c reads the ports before it adds its item
        if (d.tcpLayer() >= 0 && d.dissection().captured(d.tcpLayer()) >= 4) {
            ownProtocol(d, v, d.tcpLayer());
        }
        Dissection q = d.dissection().quote();
        int k = quotedTcp(q);
        if (k >= 0 && q.captured(k) >= 4) {
            v.addString(new StringBuilder(72).append("Transmission Control Protocol, Src Port: ")
                    .append(Tcp.srcPort(q.segment(k), q.offset(k))).append(", Dst Port: ")
                    .append(Tcp.dstPort(q.segment(k), q.offset(k))));
        }
    }

    private static void ownProtocol(Decoder d, Values v, int layer) {
        MemorySegment s = seg(d);
        StringBuilder sb = new StringBuilder(96).append("Transmission Control Protocol, Src Port: ")
                .append(Tcp.srcPort(s, off(d))).append(", Dst Port: ").append(Tcp.dstPort(s, off(d)));
        TcpRecord r = d.tcp();
        if (r != null) {
            sb.append(", Seq: ").append(r.seq);
            if (!r.bogusHeaderLength) {
                if ((r.flags & Tcp.ACK_FLAG) != 0) {
                    sb.append(", Ack: ").append(r.ack);
                }
                if (r.haveSegmentLength) {
                    sb.append(", Len: ").append(r.segmentLength);
                }
            }
        }
        v.addString(sb);
    }

    /** Starts {@code w} on the options of the current frame's TCP header. */
    static TcpOptionWalk walk(Decoder d, TcpOptionWalk w) {
        TcpRecord r = d.tcp();
        return w.reset(seg(d), off(d), r.headerLength, d.dissection().captured(d.tcpLayer()));
    }
}

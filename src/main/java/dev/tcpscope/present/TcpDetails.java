package dev.tcpscope.present;

import dev.tcpscope.tcp.Desegmenter;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Tcp;

import java.lang.foreign.MemorySegment;

import static dev.tcpscope.tcp.TcpRecord.*;

/**
 * Detail items of TCP, in the order of Wireshark 4.0's {@code dissect_tcp()}: ports, stream,
 * completeness, lengths and sequence numbers, the flags subtree with its connection expert
 * items, window, checksum, urgent pointer, options, {@code [Timestamps]}, {@code [SEQ/ACK
 * analysis]} with the analysis flags as expert items, and the payload. Values come from the
 * {@link TcpRecord} the analysis left, so they agree with the packet list and the field table
 * ({@code field.TcpFields}).
 */
final class TcpDetails {
    private static final int SYN_SENT = 1, SYN_ACK = 2, ACK = 4, DATA = 8, FIN = 16, RST = 32;
    private final Details x;
    private final TcpOptionDetails options;

    TcpDetails(Details x) {
        this.x = x;
        this.options = new TcpOptionDetails(x);
    }

    /** The layer of the IP header that carried the segment being shown (-1: none). */
    private int ipLayer = -1;

    boolean tcp(int i, int ipLayer) {
        this.ipLayer = ipLayer;
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        x.protocol("tcp");
        if (!x.bounds(i, 4, "TCP")) {
            return false; // packet-tcp.c reads the ports before it adds its item
        }
        // packet-tcp.c adds its item to the end of the data, and shortens it to the header once known
        DetailNode tcp = x.root.protocol("tcp", "Transmission Control Protocol").at(s, off, -1);
        int sport = Tcp.srcPort(s, off);
        int dport = Tcp.dstPort(s, off);
        StringBuilder title = new StringBuilder(96).append("Transmission Control Protocol, Src Port: ").append(sport)
                .append(", Dst Port: ").append(dport);
        tcp.relabel(title.toString());
        tcp.field("tcp.srcport", "Source Port: " + sport, sport).at(s, off, 2);
        tcp.field("tcp.dstport", "Destination Port: " + dport, dport).at(s, off + 2, 2);
        tcp.hidden("tcp.port", Integer.toString(sport)).at(s, off, 2);
        tcp.hidden("tcp.port", Integer.toString(dport)).at(s, off + 2, 2);
        if (x.inErrorPacket(i) && i == 1 && x.d.proto(0) == Proto.IPV4) {
            // packet-tcp.c adds the raw sequence number at once for a segment quoted by ICMPv4
            // (ip right after icmp), as the quote usually ends with it
            if (!x.bounds(i, 8, "TCP")) {
                return false;
            }
            long seq = Bytes.u32(s, off + 4);
            tcp.field("tcp.seq", "Sequence Number: " + seq, seq).at(s, off + 4, 4);
        }
        TcpRecord r = x.decoder.tcp();
        if (!x.bounds(i, 16, "TCP") || r == null) {
            return false;
        }
        tcp.field("tcp.stream", "Stream index: " + r.stream, r.stream).generated();
        tcp.field("tcp.completeness", "Conversation completeness: " + completeness(r.completeness),
                Integer.toString(r.completeness)).generated();
        if (r.haveSegmentLength) {
            tcp.field("tcp.len", "TCP Segment Len: " + r.segmentLength, r.segmentLength).generated();
        } else if (!x.d.fragmented) {
            String text = "Short segment. Segment/fragment does not contain a full TCP header"
                    + " (might be NMAP or someone else deliberately sending unusual packets)";
            Expert.add(tcp.text(text).at(s, off, 0), "tcp.short_segment", Expert.Severity.WARNING, Expert.Group.MALFORMED, text);
        }
        title.append(", Seq: ").append(r.seq);
        tcp.field("tcp.seq", "Sequence Number: " + r.seq + "    (relative sequence number)", r.seq)
                .at(s, off + 4, 4);
        tcp.field("tcp.seq_raw", "Sequence Number (raw): " + r.seqRaw, r.seqRaw).at(s, off + 4, 4);
        int flags = r.flags;
        int b12 = Bytes.u8(s, off + Tcp.OFFSET_FLAGS);
        if (r.bogusHeaderLength) {
            tcp.relabel(title.toString());
            DetailNode hl = tcp.field("tcp.hdr_len", Bits.pattern(b12, 0xf0, 8) + "Header Length: " + r.headerLength
                    + " bytes (" + (r.headerLength >> 2) + ")", r.headerLength).at(s, off + 12, 1);
            Expert.add(hl, "tcp.bogus_header_length", Expert.Severity.ERROR, Expert.Group.PROTOCOL,
                    "Bogus TCP header length (" + r.headerLength + ", must be at least 20)");
            return false;
        }
        boolean ackSet = (flags & Tcp.ACK_FLAG) != 0;
        if (ackSet) {
            title.append(", Ack: ").append(r.ack);
        }
        if (r.haveSegmentLength) {
            title.append(", Len: ").append(r.segmentLength);
            long next = r.nextSeq;
            tcp.field("tcp.nxtseq", "Next Sequence Number: " + next + "    (relative sequence number)", next)
                    .generated();
        }
        tcp.relabel(title.toString());
        return tcpAck(i, tcp, r, sport, dport, s, off);
    }

    /*
     * tcp is cut in three (tcpAck, tcpRest): each label's string concatenation is a call site
     * that C1 inlines whole, and the method in one piece took 14 MB to compile, past the
     * launcher's 10 MB cap (MemLimit), so it ran interpreted (bench/README.md, session 40).
     */

    /** The acknowledgment number to the window. */
    private boolean tcpAck(int i, DetailNode tcp, TcpRecord r, int sport, int dport, MemorySegment s, long off) {
        int flags = r.flags;
        int b12 = Bytes.u8(s, off + Tcp.OFFSET_FLAGS);
        boolean ackSet = (flags & Tcp.ACK_FLAG) != 0;
        long ack = ackSet ? r.ack : r.ackRaw;
        DetailNode ackItem = tcp.field("tcp.ack", "Acknowledgment Number: " + ack + (ackSet ? "    (relative ack number)" : ""),
                Long.toString(ack)).at(s, off + 8, 4);
        tcp.field("tcp.ack_raw", "Acknowledgment number (raw): " + r.ackRaw, r.ackRaw).at(s, off + 8, 4);
        if (!ackSet && r.ackRaw != 0) {
            Expert.add(ackItem, "tcp.ack.nonzero", Expert.Severity.NOTE, Expert.Group.PROTOCOL,
                    "The acknowledgment number field is nonzero while the ACK flag is not set");
        } else if (ackSet && (flags & Tcp.SYN) != 0 && r.ack > 1) {
            Expert.add(ackItem, "tcp.analysis.tfo_ack", Expert.Severity.NOTE, Expert.Group.SEQUENCE,
                    "TCP SYN-ACK accepting TFO data");
        }
        tcp.field("tcp.hdr_len", Bits.pattern(b12, 0xf0, 8) + "Header Length: " + r.headerLength + " bytes ("
                + (r.headerLength >> 2) + ")", r.headerLength).at(s, off + 12, 1);
        tcp.length(r.headerLength);
        flags(tcp, r, sport, dport, s, off + 12);
        tcp.field("tcp.window_size_value", "Window: " + r.windowRaw, r.windowRaw).at(s, off + 14, 2);
        tcp.field("tcp.window_size", "Calculated window size: " + r.window, r.window).generated()
                .at(s, off + 14, 2);
        if ((flags & Tcp.SYN) == 0) {
            String v = Integer.toString(r.scaleFactor);
            String shown = switch (r.scaleFactor) {
                case -1 -> "-1 (unknown)";
                case -2 -> "-2 (no window scaling used)";
                default -> v;
            };
            tcp.field("tcp.window_size_scalefactor", "Window size scaling factor: " + shown, v).generated().at(s, off + 14, 2);
        }
        return tcpRest(i, tcp, r, s, off);
    }

    /** The checksum to the payload. */
    private boolean tcpRest(int i, DetailNode tcp, TcpRecord r, MemorySegment s, long off) {
        int flags = r.flags;
        if (!x.bounds(i, 18, "TCP")) {
            return false;
        }
        int sum = Bytes.u16(s, off + Tcp.CHECKSUM);
        tcp.field("tcp.checksum", "Checksum: " + Labels.hex(sum, 4) + " [unverified]", Labels.hex(sum, 4)).at(s, off + 16, 2);
        tcp.field("tcp.checksum.status", "Checksum Status: Unverified", "2").generated().at(s, off + 16, 0);
        if (!x.bounds(i, 20, "TCP")) {
            return false;
        }
        int urp = Tcp.urgentPointer(s, off);
        DetailNode urgent = tcp.field("tcp.urgent_pointer", "Urgent Pointer: " + urp, urp).at(s, off + 18, 2);
        if ((flags & Tcp.URG) == 0 && urp != 0) {
            Expert.add(urgent, "tcp.urgent_pointer.non_zero", Expert.Severity.NOTE, Expert.Group.PROTOCOL,
                    "The urgent pointer field is nonzero while the URG flag is not set");
        }
        DetailNode opts = null;
        int optlen = r.headerLength - Tcp.MIN_HEADER_LENGTH;
        if (optlen > 0) {
            int bc = Math.max(0, x.d.captured(i) - Tcp.MIN_HEADER_LENGTH);
            int shown = Math.min(bc, optlen);
            opts = tcp.hexField("tcp.options", "Options: (" + optlen + " bytes)", s, off + Tcp.MIN_HEADER_LENGTH, shown)
                    .at(s, off + Tcp.MIN_HEADER_LENGTH, shown);
        }
        DetailNode ts = tcp.text("Timestamps").generated();
        String relative = Details.seconds(r.timeRelative);
        ts.field("tcp.time_relative", "Time since first frame in this TCP stream: " + relative + " seconds", relative)
                .generated();
        String delta = Details.seconds(r.timeDelta);
        ts.field("tcp.time_delta", "Time since previous frame in this TCP stream: " + delta + " seconds", delta).generated();
        // packet-tcp.c adds its computed items (timestamps, SEQ/ACK analysis) at the start of the
        // TCP header with no length: PDML's pos says so
        ts.placeUnplaced(s, off);
        if (opts != null && !options.add(opts, i, r)) {
            return false;
        }
        int before = tcp.childCount();
        analysis(tcp, r);
        if (opts != null && options.sawMptcp()) {
            MptcpDetails.analysis(tcp, r);
        }
        for (int k = before; k < tcp.childCount(); k++) {
            tcp.child(k).placeUnplaced(s, off); // not the flags' items: those have none
        }
        payload(tcp, i, r);
        x.consumed(i, Math.min(r.headerLength, x.d.captured(i)));
        return true;
    }

    private static String completeness(int c) {
        String name = switch (c) {
            case SYN_SENT -> "Incomplete, SYN_SENT";
            case SYN_SENT | SYN_ACK -> "Incomplete, CLIENT_ESTABLISHED";
            case SYN_SENT | SYN_ACK | ACK -> "Incomplete, ESTABLISHED";
            case SYN_SENT | SYN_ACK | ACK | DATA -> "Incomplete, DATA";
            case SYN_SENT | SYN_ACK | ACK | DATA | FIN, SYN_SENT | SYN_ACK | ACK | DATA | RST,
                 SYN_SENT | SYN_ACK | ACK | DATA | FIN | RST -> "Complete, WITH_DATA";
            case SYN_SENT | SYN_ACK | ACK | FIN, SYN_SENT | SYN_ACK | ACK | RST,
                 SYN_SENT | SYN_ACK | ACK | FIN | RST -> "Complete, NO_DATA";
            default -> "Incomplete";
        };
        return name + " (" + c + ")";
    }

    private void flags(DetailNode tcp, TcpRecord r, int sport, int dport, MemorySegment s, long at) {
        int f = r.flags;
        StringBuilder names = new StringBuilder(32);
        PacketList.appendFlags(names, f);
        DetailNode fl = tcp.field("tcp.flags", "Flags: " + Labels.hex(f, 3) + " (" + names + ")", Labels.hex(f, 4))
                .at(s, at, 2);
        // the bits of the first byte are one-byte items, as packet-tcp.c adds them
        fl.field("tcp.flags.res", Bits.flag(f, Tcp.RESERVED, 12, "Reserved"), bit(f, Tcp.RESERVED)).at(s, at, 1);
        fl.field("tcp.flags.ae", Bits.flag(f, Tcp.NS, 12, "Accurate ECN"), bit(f, Tcp.NS)).at(s, at, 1);
        fl.field("tcp.flags.cwr", Bits.flag(f, Tcp.CWR, 12, "Congestion Window Reduced"), bit(f, Tcp.CWR)).at(s, at + 1, 1);
        fl.field("tcp.flags.ece", Bits.flag(f, Tcp.ECE, 12, "ECN-Echo"), bit(f, Tcp.ECE)).at(s, at + 1, 1);
        fl.field("tcp.flags.urg", Bits.flag(f, Tcp.URG, 12, "Urgent"), bit(f, Tcp.URG)).at(s, at + 1, 1);
        fl.field("tcp.flags.ack", Bits.flag(f, Tcp.ACK_FLAG, 12, "Acknowledgment"), bit(f, Tcp.ACK_FLAG)).at(s, at + 1, 1);
        fl.field("tcp.flags.push", Bits.flag(f, Tcp.PSH, 12, "Push"), bit(f, Tcp.PSH)).at(s, at + 1, 1);
        DetailNode rst = fl.field("tcp.flags.reset", Bits.flag(f, Tcp.RST, 12, "Reset"), bit(f, Tcp.RST)).at(s, at + 1, 1);
        DetailNode syn = fl.field("tcp.flags.syn", Bits.flag(f, Tcp.SYN, 12, "Syn"), bit(f, Tcp.SYN)).at(s, at + 1, 1);
        DetailNode fin = fl.field("tcp.flags.fin", Bits.flag(f, Tcp.FIN, 12, "Fin"), bit(f, Tcp.FIN)).at(s, at + 1, 1);
        String str = flagString(f);
        DetailNode strItem = fl.field("tcp.flags.str", "TCP Flags: " + str, str).generated().at(s, at, 2);
        if ((f & Tcp.SYN) != 0) {
            if ((f & Tcp.ACK_FLAG) != 0) {
                Expert.add(syn, "tcp.connection.synack", Expert.Severity.CHAT, Expert.Group.SEQUENCE,
                        "Connection establish acknowledge (SYN+ACK): server port " + sport);
            } else {
                Expert.add(syn, "tcp.connection.syn", Expert.Severity.CHAT, Expert.Group.SEQUENCE,
                        "Connection establish request (SYN): server port " + dport);
            }
        }
        if ((f & Tcp.FIN) != 0) {
            Expert.add(fin, "tcp.connection.fin", Expert.Severity.CHAT, Expert.Group.SEQUENCE, "Connection finish (FIN)");
            if (r.finActive) {
                Expert.add(strItem, "tcp.connection.fin_active", Expert.Severity.NOTE, Expert.Group.SEQUENCE,
                        "This frame initiates the connection closing");
            } else {
                Expert.add(strItem, "tcp.connection.fin_passive", Expert.Severity.NOTE, Expert.Group.SEQUENCE,
                        "This frame undergoes the connection closing");
            }
        }
        if ((f & Tcp.RST) != 0) {
            Expert.add(rst, "tcp.connection.rst", Expert.Severity.WARNING, Expert.Group.SEQUENCE, "Connection reset (RST)");
        }
    }

    private static String bit(int flags, int mask) {
        return (flags & mask) != 0 ? "1" : "0";
    }

    /** tshark's 12-character flag string: a letter per set flag from AE down to FIN, else a middle dot. */
    static String flagString(int flags) {
        String letters = "FSRPAUECA";
        char[] c = new char[12];
        for (int bit = 11; bit >= 0; bit--) {
            char letter = bit < letters.length() ? letters.charAt(bit) : 'R';
            c[11 - bit] = (flags & (1 << bit)) != 0 ? letter : '\u00b7';
        }
        return new String(c);
    }

    /** {@code [SEQ/ACK analysis]}, as {@code tcp_print_sequence_number_analysis()} writes it. */
    private void analysis(DetailNode tcp, TcpRecord r) {
        if (!r.optionsComplete || !r.analysed) {
            return;
        }
        DetailNode a = tcp.none("tcp.analysis", "SEQ/ACK analysis").generated();
        if (r.acksFrame != 0) {
            a.field("tcp.analysis.acks_frame", "This is an ACK to the segment in frame: " + r.acksFrame,
                    Integer.toString(r.acksFrame)).generated();
            if (r.ackRtt != 0) {
                String rtt = Details.seconds(r.ackRtt);
                a.field("tcp.analysis.ack_rtt", "The RTT to ACK the segment was: " + rtt + " seconds", rtt).generated();
            }
        }
        if (r.initialRtt != 0) {
            String irtt = Details.seconds(r.initialRtt);
            a.field("tcp.analysis.initial_rtt", "iRTT: " + irtt + " seconds", irtt).generated();
        }
        if (r.bytesInFlight != 0) {
            a.field("tcp.analysis.bytes_in_flight", "Bytes in flight: " + r.bytesInFlight, r.bytesInFlight)
                    .generated();
            a.field("tcp.analysis.push_bytes_sent", "Bytes sent since last PSH flag: " + r.pushBytesSent,
                    Long.toString(r.pushBytesSent)).generated();
        }
        if (r.analysisFlags == 0) {
            return;
        }
        DetailNode fl = a.none("tcp.analysis.flags", "TCP Analysis Flags").generated();
        if (r.has(REUSED_PORTS)) {
            note(fl, "tcp.analysis.reused_ports", Expert.Severity.NOTE,
                    "A new tcp session is started with the same ports as an earlier session in this trace");
        }
        if (r.has(RETRANSMISSION)) {
            note(fl, "tcp.analysis.retransmission", Expert.Severity.NOTE, "This frame is a (suspected) retransmission");
            if (r.rto != 0) {
                fl.field("tcp.analysis.rto", "The RTO for this segment was: " + Details.seconds(r.rto) + " seconds",
                        Details.seconds(r.rto)).generated();
                fl.field("tcp.analysis.rto_frame", "RTO based on delta from frame: " + r.rtoFrame,
                        Integer.toString(r.rtoFrame)).generated();
            }
        }
        if (r.has(FAST_RETRANSMISSION)) {
            note(fl, "tcp.analysis.fast_retransmission", Expert.Severity.NOTE,
                    "This frame is a (suspected) fast retransmission");
            note(fl, "tcp.analysis.retransmission", Expert.Severity.NOTE, "This frame is a (suspected) retransmission");
        }
        if (r.has(SPURIOUS_RETRANSMISSION)) {
            note(fl, "tcp.analysis.spurious_retransmission", Expert.Severity.NOTE,
                    "This frame is a (suspected) spurious retransmission");
            note(fl, "tcp.analysis.retransmission", Expert.Severity.NOTE, "This frame is a (suspected) retransmission");
        }
        if (r.has(OUT_OF_ORDER)) {
            note(fl, "tcp.analysis.out_of_order", Expert.Severity.WARNING, "This frame is a (suspected) out-of-order segment");
        }
        if (r.has(LOST_SEGMENT)) {
            note(fl, "tcp.analysis.lost_segment", Expert.Severity.WARNING,
                    "Previous segment(s) not captured (common at capture start)");
        }
        if (r.has(ACK_LOST_SEGMENT)) {
            note(fl, "tcp.analysis.ack_lost_segment", Expert.Severity.WARNING,
                    "ACKed segment that wasn't captured (common at capture start)");
        }
        if (r.has(WINDOW_UPDATE)) {
            note(fl, "tcp.analysis.window_update", Expert.Severity.CHAT, "TCP window update");
        }
        if (r.has(WINDOW_FULL)) {
            note(fl, "tcp.analysis.window_full", Expert.Severity.WARNING,
                    "TCP window specified by the receiver is now completely full");
        }
        if (r.has(KEEP_ALIVE)) {
            note(fl, "tcp.analysis.keep_alive", Expert.Severity.NOTE, "TCP keep-alive segment");
        }
        if (r.has(KEEP_ALIVE_ACK)) {
            note(fl, "tcp.analysis.keep_alive_ack", Expert.Severity.NOTE, "ACK to a TCP keep-alive segment");
        }
        if (r.dupAckNum != 0) {
            if (r.has(DUPLICATE_ACK)) {
                fl.none("tcp.analysis.duplicate_ack", "This is a TCP duplicate ack").generated();
            }
            a.field("tcp.analysis.duplicate_ack_num", "Duplicate ACK #: " + r.dupAckNum, r.dupAckNum)
                    .generated();
            DetailNode frame = a.field("tcp.analysis.duplicate_ack_frame", "Duplicate to the ACK in frame: " + r.dupAckFrame,
                    Integer.toString(r.dupAckFrame)).generated();
            Expert.add(frame, "tcp.analysis.duplicate_ack", Expert.Severity.NOTE, Expert.Group.SEQUENCE,
                    "Duplicate ACK (#" + r.dupAckNum + ")");
        }
        if (r.has(ZERO_WINDOW_PROBE)) {
            note(fl, "tcp.analysis.zero_window_probe", Expert.Severity.NOTE, "TCP Zero Window Probe");
        }
        if (r.has(ZERO_WINDOW)) {
            note(fl, "tcp.analysis.zero_window", Expert.Severity.WARNING, "TCP Zero Window segment");
        }
        if (r.has(ZERO_WINDOW_PROBE_ACK)) {
            note(fl, "tcp.analysis.zero_window_probe_ack", Expert.Severity.NOTE, "ACK to a TCP Zero Window Probe");
        }
    }

    private static void note(DetailNode flags, String key, Expert.Severity severity, String message) {
        Expert.add(flags, key, severity, Expert.Group.SEQUENCE, message);
    }

    /** The payload: "TCP payload (N bytes)" and the data it carries, or a reset's cause. */
    private void payload(DetailNode tcp, int i, TcpRecord r) {
        Desegmenter g = x.d == x.decoder.dissection() ? x.decoder.desegmented() : null;
        if (g != null && !g.handled() && g.reassemblyError() != null) {
            reassemblyError(g.reassemblyError()); // a FIN's bytes added to a finished PDU: before any payload item
            return;
        }
        if (g != null && g.finCompleted()) {
            // dissect_tcp hands the PDU that ran until this FIN to its dissector and stops
            ReassemblyDetails.tcpSegments(x.packetRoot(), g.reassembled());
            return;
        }
        int captured = x.d.captured(i);
        int left = captured - r.headerLength;
        if (left <= 0) {
            return;
        }
        MemorySegment s = x.d.segment(i);
        long at = x.d.offset(i) + r.headerLength;
        if ((r.flags & Tcp.RST) != 0) {
            String text = Labels.asciiString(s, at, left);
            DetailNode cause = tcp.field("tcp.reset_cause", Labels.truncated("Reset cause", Labels.formatText(text)), text)
                    .at(s, at, left);
            if (dev.tcpscope.proto.Text.trailingStray(s, at, left)) {
                Expert.add(cause, "_ws.string.trailing_stray_characters", Expert.Severity.WARNING,
                        Expert.Group.UNDECODED, "Trailing stray characters");
            }
            return;
        }
        int reported = x.d.reported(i) - r.headerLength;
        tcp.hexField("tcp.payload", "TCP payload (" + reported + Details.bytes(reported) + ")", s, at, left)
                .at(s, at, left);
        if (g != null && (g.handled() || g.tookPayload())) {
            x.underTcp(tcp);
        }
        if (g != null && g.handled()) {
            // the bytes a last call left for a new reassembly come after the PDUs of the calls before it
            // (a second pass says where that reassembly ends before them)
            int cut = g.items();
            int last = cut - 1;
            if (last > 0 && g.item(last) == Desegmenter.Item.SEGMENT_DATA && g.itemOffset(last) > 0) {
                cut = last;
            }
            if (cut - 1 > 0 && g.item(cut - 1) == Desegmenter.Item.REASSEMBLED_IN) {
                cut--;
            }
            desegmented(tcp, g, s, at, left, cut);
            x.underTcpAfterData(tcp);
            for (int k = cut; k < g.items(); k++) {
                item(tcp, g, k, s, at, left);
            }
            return;
        }
        if (g != null && g.tookPayload()) {
            return; // the protocol above TCP dissected the bytes
        }
        boolean keepAlive = r.analysed && r.has(KEEP_ALIVE);
        // Segments whose bytes are all there go through desegment_tcp(), which shows a
        // retransmission's bytes as such and drops a spurious one's.
        boolean canDesegment = x.decoder.desegmenting() && !x.d.fragmented && captured >= x.d.reported(i)
                && !x.inErrorPacket(i);
        if (canDesegment && r.analysed && !keepAlive) {
            if (r.has(SPURIOUS_RETRANSMISSION)) {
                return;
            }
            if (r.has(RETRANSMISSION)) {
                tcp.hexField("tcp.segment_data", "Retransmitted TCP segment data (" + reported + Details.bytes(reported) + ")",
                        s, at, left).at(s, at, left);
                return;
            }
        }
        // With the default tcp.no_subdissector_on_error, a retransmitted or out-of-order segment's
        // bytes go to no dissector (not even data), unless it is a keep-alive.
        if (!keepAlive && r.analysed && (r.analysisFlags & (RETRANSMISSION | OUT_OF_ORDER)) != 0) {
            return;
        }
        if (!x.aboveShows()) { // a protocol above TCP shows these bytes itself
            x.data(s, at, left);
        }
    }

    /**
     * What packet-tcp.c's {@code desegment_tcp} added to the TCP tree for a conversation with a
     * dissector above TCP (see {@link Desegmenter#items()}), then, when the segment completed a
     * PDU, the segment tree, which Wireshark moves right behind the TCP item.
     */
    private void desegmented(DetailNode tcp, Desegmenter g, MemorySegment s, long at, int captured, int items) {
        for (int k = 0; k < items; k++) {
            item(tcp, g, k, s, at, captured);
        }
        ReassemblyDetails.tcpSegments(x.packetRoot(), g.reassembled());
        if (g.reassemblyError() != null) {
            reassemblyError(g.reassemblyError());
        }
    }

    private static void item(DetailNode tcp, Desegmenter g, int k, MemorySegment s, long at, int captured) {
        int off = g.itemOffset(k);
        if (g.item(k) == Desegmenter.Item.REASSEMBLED_IN) {
            tcp.field("tcp.reassembled_in", "Reassembled PDU in frame: " + off, Integer.toString(off)).generated();
            return;
        }
        int len = g.itemLength(k);
        String what = g.item(k) == Desegmenter.Item.SEGMENT_DATA ? "TCP segment data (" : "Retransmitted TCP segment data (";
        int shown = Math.max(0, Math.min(len, captured - off));
        tcp.hexField("tcp.segment_data", what + len + Details.bytes(len) + ")", s, at + off, shown).at(s, at + off, shown);
    }

    /** epan/show_exception.c's ReassemblyError: a top-level malformed item with its expert info. */
    private void reassemblyError(String message) {
        DetailNode m = x.packetRoot().protocol("_ws.malformed", "[Reassembly error, protocol TCP: " + message + "]");
        if (ipLayer >= 0) {
            // the exception is shown by the IP dissector that called TCP: the item sits at its start
            m.at(x.d.segment(ipLayer), x.d.offset(ipLayer), 0);
        }
        Expert.add(m, "_ws.malformed.reassembly", Expert.Severity.ERROR, Expert.Group.MALFORMED, message);
    }
}

package dev.tcpscope.proto.quic;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.quic.QuicConnections.Conn;

/**
 * The frames of an opened QUIC payload (RFC 9000 §19) as packet-quic.c's dissect_quic_frame_type
 * shows them: one item per frame named by its type (a run of PADDING bytes is one item), the
 * name appended to Info, the fields under it. CRYPTO frames of Initial packets feed the
 * connection's CRYPTO stream ({@link QuicCryptoStream}).
 */
final class QuicFrames {
    private final Tvb t;
    private final Tree qt;
    private final StringBuilder info;
    private final boolean first;
    private final QuicWalk.Pkt p;
    private final Conn conn;
    private final boolean fromServer;
    private int crypto;
    private final int[] n = new int[1];

    QuicFrames(Tvb t, Tree qt, StringBuilder info, boolean first, QuicWalk.Pkt p, Conn conn, boolean fromServer) {
        this.t = t;
        this.qt = qt;
        this.info = info;
        this.first = first;
        this.p = p;
        this.conn = conn;
        this.fromServer = fromServer;
    }

    /** quic_frame_type_vals. */
    static String name(long type) {
        if (type >= 0x08 && type <= 0x0f) {
            return "STREAM";
        }
        return switch ((int) Math.min(type, Integer.MAX_VALUE)) {
            case 0x00 -> "PADDING";
            case 0x01 -> "PING";
            case 0x02, 0x03 -> "ACK";
            case 0x04 -> "RESET_STREAM";
            case 0x05 -> "STOP_SENDING";
            case 0x06 -> "CRYPTO";
            case 0x07 -> "NEW_TOKEN";
            case 0x10 -> "MAX_DATA";
            case 0x11 -> "MAX_STREAM_DATA";
            case 0x12 -> "MAX_STREAMS (BIDI)";
            case 0x13 -> "MAX_STREAMS (UNI)";
            case 0x14 -> "DATA_BLOCKED";
            case 0x15 -> "STREAM_DATA_BLOCKED";
            case 0x16 -> "STREAMS_BLOCKED (BIDI)";
            case 0x17 -> "STREAMS_BLOCKED (UNI)";
            case 0x18 -> "NEW_CONNECTION_ID";
            case 0x19 -> "RETIRE_CONNECTION_ID";
            case 0x1a -> "PATH_CHALLENGE";
            case 0x1b -> "PATH_RESPONSE";
            case 0x1c -> "CONNECTION_CLOSE (Transport)";
            case 0x1d -> "CONNECTION_CLOSE (Application)";
            case 0x1e -> "HANDSHAKE_DONE";
            case 0x30, 0x31 -> "DATAGRAM";
            case 0xaf -> "ACK_FREQUENCY";
            case 0x02f5 -> "TIME_STAMP";
            default -> "Unknown";
        };
    }

    /** What dissect_quic_frame_type appends to Info for a frame type (some abbreviated; nothing for an unknown one). */
    static String infoName(long type) {
        if (type >= 0x08 && type <= 0x0f) {
            return "STREAM";
        }
        return switch ((int) Math.min(type, Integer.MAX_VALUE)) {
            case 0x00 -> "PADDING";
            case 0x01 -> "PING";
            case 0x02 -> "ACK";
            case 0x03 -> "ACK_ECN";
            case 0x04 -> "RS";
            case 0x05 -> "SS";
            case 0x06 -> "CRYPTO";
            case 0x07 -> "NT";
            case 0x10 -> "MD";
            case 0x11 -> "MSD";
            case 0x12, 0x13 -> "MS";
            case 0x14 -> "DB";
            case 0x15 -> "SDB";
            case 0x16, 0x17 -> "SB";
            case 0x18 -> "NCI";
            case 0x19 -> "RC";
            case 0x1a -> "PC";
            case 0x1b -> "PR";
            case 0x1c, 0x1d -> "CC";
            case 0x1e -> "DONE";
            case 0x30, 0x31 -> "DG";
            case 0xaf -> "AF";
            case 0x02f5 -> "TS";
            default -> null;
        };
    }

    private long v(Tree ft, String key, String label, int[] at) {
        long x = QuicWalk.varint(t, at[0], n);
        t.at(ft.field(key, label + ": " + Long.toUnsignedString(x), Long.toUnsignedString(x)), at[0], n[0]);
        at[0] += n[0];
        return x;
    }

    /** One frame at {@code off}; returns where the next starts. */
    int frame(int off) {
        long type = QuicWalk.varint(t, off, n);
        String name = name(type);
        Tree ft = t.at(qt.none("quic.frame", name), off, 1);
        t.at(ft.field("quic.frame_type", "Frame Type: " + QuicTree.frameType(type), Long.toString(type)), off, n[0]);
        int[] at = {off + n[0]};
        String in = infoName(type);
        if (in != null) {
            info.append(", ").append(in);
        }
        switch ((int) Math.min(type, Integer.MAX_VALUE)) {
            case 0x00 -> {
                int end = at[0];
                while (end < t.cap && t.u8(end) == 0) {
                    end++;
                }
                int padLen = 1 + end - at[0];
                t.at(ft.field("quic.padding_length", "Padding Length: " + padLen, Integer.toString(padLen)), at[0], 0).generated();
                ft.relabel("PADDING Length: " + padLen);
                at[0] = end;
            }
            case 0x01, 0x1e -> { }
            case 0x02, 0x03 -> {
                v(ft, "quic.ack.largest_acknowledged", "Largest Acknowledged", at);
                v(ft, "quic.ack.ack_delay", "ACK Delay", at);
                long count = v(ft, "quic.ack.ack_range_count", "ACK Range Count", at);
                v(ft, "quic.ack.first_ack_range", "First ACK Range", at);
                for (long i = 0; i < count; i++) {
                    v(ft, "quic.ack.gap", "Gap", at);
                    v(ft, "quic.ack.ack_range", "ACK Range", at);
                }
                if (type == 0x03) {
                    v(ft, "quic.ack.ect0_count", "ECT(0) Count", at);
                    v(ft, "quic.ack.ect1_count", "ECT(1) Count", at);
                    v(ft, "quic.ack.ecn_ce_count", "ECN-CE Count", at);
                }
            }
            case 0x04 -> {
                info.append('(').append(Long.toUnsignedString(v(ft, "quic.rsts.stream_id", "Stream ID", at))).append(')');
                v(ft, "quic.rsts.application_error_code", "Application Error code", at);
                v(ft, "quic.rsts.final_size", "Final Size", at);
            }
            case 0x05 -> {
                info.append('(').append(Long.toUnsignedString(v(ft, "quic.ss.stream_id", "Stream ID", at))).append(')');
                v(ft, "quic.ss.application_error_code", "Application Error code", at);
            }
            case 0x06 -> crypto(ft, at);
            case 0x07 -> {
                long len = v(ft, "quic.nt.length", "(New) Token Length", at);
                QuicTree.bytes(t, ft, "quic.nt.token", "Token", at[0], (int) len);
                at[0] += (int) len;
            }
            case 0x10 -> v(ft, "quic.md.maximum_data", "Maximum Data", at);
            case 0x11 -> {
                info.append('(').append(Long.toUnsignedString(v(ft, "quic.msd.stream_id", "Stream ID", at))).append(')');
                v(ft, "quic.msd.maximum_stream_data", "Maximum Stream Data", at);
            }
            case 0x12, 0x13 -> v(ft, "quic.ms.max_streams", "Max Streams", at);
            case 0x14 -> v(ft, "quic.sb.stream_data_limit", "Stream Data Limit", at);
            case 0x15 -> {
                info.append('(').append(Long.toUnsignedString(v(ft, "quic.sdb.stream_id", "Stream ID", at))).append(')');
                v(ft, "quic.sb.stream_data_limit", "Stream Data Limit", at);
            }
            case 0x16, 0x17 -> v(ft, "quic.sib.stream_limit", "Stream Limit", at);
            case 0x18 -> {
                v(ft, "quic.nci.sequence", "Sequence", at);
                v(ft, "quic.nci.retire_prior_to", "Retire Prior To", at);
                int len = t.u8(at[0]);
                t.at(ft.field("quic.nci.connection_id.length", "Connection ID Length: " + len, Integer.toString(len)), at[0], 1);
                at[0]++;
                QuicTree.bytes(t, ft, "quic.nci.connection_id", "Connection ID", at[0], len);
                at[0] += len;
                QuicTree.bytes(t, ft, "quic.nci.stateless_reset_token", "Stateless Reset Token", at[0], 16);
                at[0] += 16;
            }
            case 0x19 -> v(ft, "quic.rci.sequence", "Sequence", at);
            case 0x1a -> {
                QuicTree.bytes(t, ft, "quic.path_challenge.data", "Data", at[0], 8);
                at[0] += 8;
            }
            case 0x1b -> {
                QuicTree.bytes(t, ft, "quic.path_response.data", "Data", at[0], 8);
                at[0] += 8;
            }
            case 0x1c, 0x1d -> close(ft, type, at);
            case 0x30, 0x31 -> {
                long len = t.rep - at[0];
                if (type == 0x31) {
                    len = v(ft, "quic.dg.length", "Datagram Length", at);
                }
                QuicTree.bytes(t, ft, "quic.dg", "Datagram", at[0], (int) len);
                at[0] += (int) len;
            }
            default -> {
                if (type >= 0x08 && type <= 0x0f) {
                    stream(ft, type, at);
                } else {
                    ft.expert("quic.ft.unknown", Tree.Severity.NOTE, Tree.Group.UNDECODED,
                            String.format("Unknown Frame Type %#x", type));
                }
            }
        }
        ft.length(at[0] - off);
        return at[0];
    }

    private void crypto(Tree ft, int[] at) {
        long offset = v(ft, "quic.crypto.offset", "Offset", at);
        long length = v(ft, "quic.crypto.length", "Length", at);
        int len = (int) length; // (guint32)crypto_length
        // an FT_NONE item may run past the bytes: no exception here
        t.at(ft.none("quic.crypto.crypto_data", "Crypto Data"), at[0], Math.max(0, Math.min(len, t.cap - at[0])));
        int index = crypto++;
        boolean there = len >= 0 && (long) at[0] + len <= t.cap;
        if (first) {
            QuicCryptoStream.Shown shown = null;
            if (p.type == QuicConnections.INITIAL && conn != null) {
                QuicCryptoStream cs = conn.crypto(fromServer);
                if (!there) {
                    // the retransmission and overlap checks come before the bytes are read
                    shown = cs.check(offset, length);
                } else {
                    shown = cs.add(offset, t.s.asSlice(t.base + at[0], len), frameNumber, fromServer);
                    shown.tlsMalformed = dev.tcpscope.proto.tls.TlsQuic.tree(shown.tls, Tree.NOTHING) != dev.tcpscope.proto.LayerTree.End.OK;
                    if (fromServer && cs.serverHelloCipher() != 0) {
                        cipherSink.accept(cs.serverHelloCipher());
                    }
                    if (shown.reassembledBytes != null) {
                        sources.add(new Object[] {"Reassembled QUIC CRYPTO", shown.reassembledBytes});
                    }
                    for (byte[] m : dev.tcpscope.proto.tls.TlsQuic.reassembled(shown.tls)) {
                        sources.add(new Object[] {"Reassembled TLS Handshake", m});
                    }
                }
            }
            p.crypto.add(shown);
        }
        QuicCryptoStream.Shown shown = index < p.crypto.size() ? p.crypto.get(index) : null;
        if (shown != null) {
            if (shown.retransmission) {
                String m = "This QUIC frame has a reused stream offset (retransmission?)";
                t.at(ft.text(m), at[0], Math.max(0, Math.min(len, t.cap - at[0])))
                        .expert("quic.retransmission", Tree.Severity.NOTE, Tree.Group.SEQUENCE, m);
                at[0] += len; // desegment_quic_crypto returns before reading the bytes
                return;
            } else if (shown.overlap) {
                String m = "This QUIC frame overlaps a previous frame in the stream";
                t.at(ft.text(m), at[0], Math.max(0, Math.min(len, t.cap - at[0])))
                        .expert("quic.overlap", Tree.Severity.NOTE, Tree.Group.SEQUENCE, m);
            }
            t.need(at[0], len);
            if (shown.reassembled != null) {
                QuicTree.fragments(ft, shown.reassembled, shown.reassembledBytes);
            }
            if (dev.tcpscope.proto.tls.TlsQuic.shows(shown.tls)) {
                tlsCalls++;
                dev.tcpscope.proto.tls.TlsQuic.tree(shown.tls, ft);
                if (shown.tlsMalformed) {
                    // tls13-handshake's bounds exception is not caught on the way up: the datagram ends here
                    throw TLS_THREW;
                }
            }
        }
        t.need(at[0], len);
        at[0] += len;
    }

    /** TLS's exception passing through QUIC (epan's "[Malformed Packet: TLS]"). */
    static final class TlsThrew extends RuntimeException {
        private TlsThrew() {
            super(null, null, false, false);
        }
    }

    static final TlsThrew TLS_THREW = new TlsThrew();

    /** Whether a TLS item was shown, and how TLS's dissection ended (for frame.protocols and the malformed mark). */
    int tlsCalls;
    java.util.List<Object[]> sources = new java.util.ArrayList<>();
    dev.tcpscope.proto.LayerTree.End tlsEnd = dev.tcpscope.proto.LayerTree.End.OK;
    int frameNumber;
    /** Where a Server Hello's cipher suite goes (TLS's session of the UDP conversation). */
    java.util.function.IntConsumer cipherSink = c -> { };

    private void close(Tree ft, long type, int[] at) {
        long code;
        if (type == 0x1c) {
            long x = QuicWalk.varint(t, at[0], n);
            code = x;
            t.at(ft.field("quic.cc.error_code", "Error code: " + errorName(x) + " (" + Long.toUnsignedString(x) + ")",
                    Long.toUnsignedString(x)), at[0], n[0]);
            at[0] += n[0];
            v(ft, "quic.cc.frame_type", "Frame Type", at);
        } else {
            code = v(ft, "quic.cc.error_code.app", "Application Error code", at);
        }
        long len = v(ft, "quic.cc.reason_phrase.length", "Reason phrase Length", at);
        t.string(ft, "quic.cc.reason_phrase", "Reason phrase", at[0], (int) len);
        at[0] += (int) len;
        if (type == 0x1c && code >= 0 && code <= 0x3fff) {
            ft.relabel(name(type) + " Error code: " + errorName(code));
        } else {
            ft.relabel(name(type) + " Error code: 0x" + Long.toHexString(code));
        }
    }

    /** quic_transport_error_code_vals. */
    private static String errorName(long code) {
        String[] names = {"NO_ERROR", "INTERNAL_ERROR", "CONNECTION_REFUSED", "FLOW_CONTROL_ERROR", "STREAM_ID_ERROR",
            "STREAM_STATE_ERROR", "FINAL_SIZE_ERROR", "FRAME_ENCODING_ERROR", "TRANSPORT_PARAMETER_ERROR",
            "CONNECTION_ID_LIMIT_ERROR", "PROTOCOL_VIOLATION", "INVALID_TOKEN", "APPLICATION_ERROR",
            "CRYPTO_BUFFER_EXCEEDED", "KEY_UPDATE_ERROR", "AEAD_LIMIT_REACHED", "NO_VIABLE_PATH", "VERSION_NEGOTIATION_ERROR"};
        if (code >= 0 && code < names.length) {
            return names[(int) code];
        }
        if (code >= 0x100 && code <= 0x1ff) {
            return "CRYPTO_ERROR";
        }
        return "Unknown";
    }

    private void stream(Tree ft, long type, int[] at) {
        long id = v(ft, "quic.stream.stream_id", "Stream ID", at);
        info.append('(').append(Long.toUnsignedString(id)).append(')');
        long offset = 0;
        if ((type & 0x04) != 0) {
            offset = v(ft, "quic.stream.offset", "Offset", at);
        }
        long len = t.rep - at[0];
        if ((type & 0x02) != 0) {
            len = v(ft, "quic.stream.length", "Length", at);
        }
        QuicTree.bytes(t, ft, "quic.stream_data", "Stream Data", at[0], (int) len);
        at[0] += (int) len;
        ft.relabel("STREAM id=" + id + " fin=" + (type & 1) + " off=" + offset + " len=" + len
                + " dir=" + ((id & 2) != 0 ? "Unidirectional" : "Bidirectional")
                + " origin=" + ((id & 1) != 0 ? "Server-initiated" : "Client-initiated"));
    }
}

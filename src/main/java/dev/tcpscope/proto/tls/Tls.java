package dev.tcpscope.proto.tls;

import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.TwoPass;
import dev.tcpscope.tcp.AppColumns;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * SSL 3.0 to TLS 1.3 over TCP as Wireshark 4.0.17 dissects it without keys (packet-tls.c
 * {@code dissect_ssl}, {@code dissect_ssl3_record}, {@code dissect_tls_handshake}): the records of
 * a segment one after another, asking TCP for the rest of a record that runs past the segment;
 * handshake messages that span records are put together per direction (tls_hs_reassembly_table).
 * The Protocol column is the conversation's version once a message that settles it was seen (a
 * ServerHello, its supported_versions extension for TLS 1.3), before that the record's; Info lists
 * each record's messages, comma separated ({@code Server Hello, Certificate, Server Hello Done}).
 * Registered on tshark's default TLS ports and as the "tls_tcp" heuristic.
 *
 * <p>Per conversation the state is a few numbers and, while a handshake message spans records, its
 * bytes so far (at most one message per direction, 2^24 bytes at most). What a frame's tree and
 * fields need is kept for the current frame only.
 */
public final class Tls implements PduDissector, LayerTree, TwoPass {
    /** The tcp.port entries tshark 4.0.17 gives "tls" ({@code tshark -G decodes}). */
    public static final int[] TCP_PORTS = {324, 443, 465, 636, 802, 853, 993, 995, 1300, 2221, 2443,
        3249, 3250, 3251, 3252, 3496, 5061, 5671, 5684, 5868, 8883, 11207, 19999, 27017};

    static final int SSLV2 = 0x0002, SSLV3 = 0x0300, TLS10 = 0x0301, TLS11 = 0x0302, TLS12 = 0x0303,
            TLS13 = 0x0304, GMTLS = 0x0101;
    static final int CT_CCS = 20, CT_ALERT = 21, CT_HANDSHAKE = 22, CT_APP_DATA = 23, CT_HEARTBEAT = 24, CT_CID = 25;
    static final int HS_CLIENT_HELLO = 1, HS_SERVER_HELLO = 2, HS_HELLO_RETRY_REQUEST = 6;

    /** The largest handshake message put together across records (its 24-bit length allows 16 MiB). */
    private static final int MAX_HANDSHAKE = (1 << 24) + 4;

    /** Per-conversation state (packet-tls-utils.h's SslSession, what a keyless dissection uses). */
    static final class Session {
        int version;
        /** The {@code forward} flag of the server's packets (-1: no ClientHello seen yet). */
        int serverForward = -1;
        int clientCcsFrame, serverCcsFrame;
        /** The cipher suite the ServerHello chose (-1: none yet). */
        int cipher = -1;
        /** The TLS 1.3 draft the ServerHello named (0: none). */
        int draft;
        /** The application protocol the ServerHello's ALPN named (session->app_handle), or null. */
        String appName;
        /** is_session_resumed: a ServerHello seen and no ServerHelloDone since (an abbreviated handshake). */
        boolean resumed;
        /** A handshake message spanning records, per direction (null: none). */
        Pending client, server;
        boolean started;

        /** tshark's second pass starts from the conversation's state at the end of the first. */
        void takeFrom(Session first) {
            version = first.version;
            serverForward = first.serverForward;
            clientCcsFrame = first.clientCcsFrame;
            serverCcsFrame = first.serverCcsFrame;
            cipher = first.cipher;
            draft = first.draft;
            resumed = first.resumed;
            appName = first.appName;
        }
    }

    /** -2: each conversation's session by tcp.stream, kept by the first pass, taken by the second as it starts. */
    private final dev.tcpscope.proto.PassRecord<Session> sessions = new dev.tcpscope.proto.PassRecord<>();

    @Override
    public void recordForSecondPass() {
        sessions.start();
    }

    @Override
    public void secondPassOf(TwoPass other) {
        sessions.takeOver(((Tls) other).sessions);
    }

    /** A handshake message being put together: its bytes so far and the frames they came from. */
    static final class Pending {
        byte[] buf = new byte[64];
        int have;
        int type;
        int[] frames = new int[4];
        int[] lengths = new int[4];
        int count;

        void add(MemorySegment s, long off, int len, int frame) {
            if (have + len > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(have + len, Math.min(MAX_HANDSHAKE, buf.length * 2)));
            }
            MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, buf, have, len);
            have += len;
            if (count == frames.length) {
                frames = java.util.Arrays.copyOf(frames, count * 2);
                lengths = java.util.Arrays.copyOf(lengths, count * 2);
            }
            frames[count] = frame;
            lengths[count++] = len;
        }
    }

    /** One record of the current frame, as the tree and the fields need it. */
    static final class Rec {
        MemorySegment s;
        long off;
        int type, recordVersion, length;
        /** The version the record's labels use ({@code version} in dissect_ssl3_record) and the conversation's. */
        int version, sessionVersion;
        /** TLS 1.3 application data shows its type as "Opaque Type". */
        boolean opaque;
        boolean fromServer;
        int srcPort, dstPort;
        /** The conversation's cipher suite when the record was read (-1: none chosen yet). */
        int cipher = -1;
        int draft;
        /** The conversation's application protocol by ALPN when the record was read, or null. */
        String appName;
        /** A server's ChangeCipherSpec ending an abbreviated handshake (session resumption). */
        boolean resumed;
        /** The handshake messages and fragments of a handshake record. */
        final List<Part> parts = new ArrayList<>(2);
        /** Set for the kinds of record dissect_ssl3_record does not take apart. */
        Kind kind = Kind.RECORD;
        /** Bytes of an "Ignored Unknown Record" or of "Continuation Data". */
        int rest;
    }

    enum Kind { RECORD, IGNORED, CONTINUATION, SSLV2 }

    /** A handshake message or fragment in a record. */
    static final class Part {
        PartKind kind;
        int type;
        /** Offset (relative to the record's {@link Rec#s}) and length of the bytes in this record. */
        long off;
        int len;
        boolean first;
        /** For {@link PartKind#LAST}: the whole message and its fragments' frames and lengths. */
        byte[] message;
        int[] frames, lengths;
        /** For a ServerHello: whether it is a HelloRetryRequest. */
        boolean hrr;
        /** The conversation's cipher suite when the message was read (-1: none chosen yet). */
        int cipher = -1;
        /** Put together by the handshake reassembly of TLS over QUIC ({@link TlsQuic}), which labels its count otherwise. */
        boolean quic;
    }

    enum PartKind { ENCRYPTED, FULL, FIRST_FRAGMENT, MIDDLE_FRAGMENT, LAST_FRAGMENT }

    private final List<Rec> recs = new ArrayList<>();
    /**
     * One call of the dissector in the current frame: where its records start in {@link #recs},
     * and the bytes it was handed (the TLS item covers them).
     */
    record Call(int first, MemorySegment s, long off, int len) { }

    private final List<Call> calls = new ArrayList<>();
    private int recsFrame = -1;
    private LayerTree.End end = LayerTree.End.OK;
    /** The current call stopped on a message read past its end. */
    private boolean malformed;

    @Override
    public String name() { return "tls"; }

    @Override
    public Object newSession() { return new Session(); }

    /** After STARTTLS (ssl_starttls_ack): the protocol that handed over is the session's app_handle. */
    @Override
    public Object newSession(String from) {
        Session s = new Session();
        s.appName = TlsTree.handleApplication(from);
        return s;
    }

    /** is_sslv3_or_tls / is_sslv2_clienthello (packet-tls.c dissect_ssl_heur). */
    @Override
    public boolean heuristic(MemorySegment s, long off, int len) {
        if (len < 5) {
            return false;
        }
        int ct = u8(s, off);
        int v = u16(s, off + 1);
        int rl = u16(s, off + 3);
        if ((ct == CT_HANDSHAKE || ct == CT_APP_DATA) && sslv3Version(v) && rl != 0 && rl < 16384 + 2048) {
            return true;
        }
        if (len < 46 || u8(s, off) != 0x80 || u8(s, off + 2) != 1) {
            return false;
        }
        int specs = u16(s, off + 5);
        int sid = u16(s, off + 7);
        return specs != 0 && specs % 3 == 0 && (sid == 0 || sid == 16) && u16(s, off + 9) == 32;
    }

    /** The records dissected in {@code frame} (empty when none). */
    List<Rec> records(long frame) {
        return frame == recsFrame ? recs : List.of();
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (recsFrame != ctx.frame) {
            recs.clear();
            calls.clear();
            collectedFrame = -1;
            recsFrame = ctx.frame;
            end = LayerTree.End.OK;
        }
        if (len > 4 && printable(u8(s, off)) && printable(u8(s, off + 1)) && printable(u8(s, off + 2))
                && printable(u8(s, off + 3))) {
            ctx.declined = true;
            return; // clear text is not TLS: packet-tls.c rejects it
        }
        calls.add(new Call(recs.size(), s, off, len));
        malformed = false;
        Session session = (Session) ctx.session;
        if (!session.started) {
            session.started = true;
            sessions.put(ctx.stream, session);
            Session f = sessions.take(ctx.stream);
            if (f != null) {
                session.takeFrom(f);
            }
        }
        boolean fromServer = session.serverForward >= 0
                ? ctx.forward == (session.serverForward == 1)
                : isTlsPort(ctx.srcPort);
        AppColumns cols = ctx.columns;
        cols.setProtocol(TlsNames.shortVersion(session.version, "SSL"));
        cols.setInfo("");
        int offset = 0;
        boolean first = true;
        while (offset < len) {
            int remaining = len - offset;
            int v = session.version;
            boolean known = v == SSLV3 || v == TLS10 || v == TLS11 || v == TLS12 || v == GMTLS;
            if (v != SSLV2 && remaining < 5) {
                if (ctx.canDesegment) {
                    ctx.desegmentOffset = offset;
                    ctx.desegmentLength = PduDissector.ONE_MORE_SEGMENT;
                    return;
                }
                offset = len;
                break;
            }
            boolean v2 = v == SSLV2 || (known ? isV2ClientHello(s, off + offset) : looksLikeSslv2(s, off + offset));
            if (v2) {
                offset = Sslv2.record(s, off, offset, len, ctx, session, recs);
                if (offset < 0) {
                    return;
                }
            } else if (known || looksLikeSslv3(s, off + offset)) {
                int next = record(s, off, offset, len, ctx, session, fromServer);
                if (next < 0) {
                    return; // desegmentation asked for
                }
                offset = next;
                if (malformed) {
                    return;
                }
            } else {
                marker(s, off + offset, Kind.CONTINUATION, remaining);
                offset = len;
                append(cols, "Continuation Data");
            }
            first = false;
        }
        cols.fence();
    }

    /** dissect_ssl3_record: the record at {@code offset}; the offset after it, or −1 when TCP must bring more. */
    private int record(MemorySegment s, long base, int offset, int len, PduContext ctx, Session session, boolean fromServer) {
        AppColumns cols = ctx.columns;
        int available = len - offset;
        int v = session.version;
        if ((v == TLS10 || v == TLS11 || v == TLS12 || v == GMTLS) && !validContentType(u8(s, base + offset))) {
            marker(s, base + offset, Kind.IGNORED, available);
            append(cols, "Ignored Unknown Record");
            return offset + available;
        }
        int ct = u8(s, base + offset);
        int version = u16(s, base + offset + 1);
        int length = u16(s, base + offset + 3);
        if (!validContentType(ct)) {
            marker(s, base + offset, Kind.CONTINUATION, 0);
            append(cols, "Continuation Data");
            return offset + 5 + length;
        }
        if (available < length + 5) {
            if (ctx.canDesegment) {
                ctx.desegmentOffset = offset;
                ctx.desegmentLength = length + 5 - available;
                return -1;
            }
            return offset + available;
        }
        Rec r = new Rec();
        r.s = s;
        r.off = base + offset;
        r.type = ct;
        r.recordVersion = version;
        r.length = length;
        r.fromServer = fromServer;
        r.opaque = session.version == TLS13 && ct == CT_APP_DATA;
        r.srcPort = ctx.srcPort;
        r.dstPort = ctx.dstPort;
        recs.add(r);
        if (available <= 5) {
            // the byte after the header is read to settle the version: past the end is an exception
            end = LayerTree.End.MALFORMED;
            malformed = true;
            ctx.exception = true;
            cols.appendInfo("[Malformed Packet]");
            r.version = version;
            r.sessionVersion = session.version;
            return len;
        }
        int nextByte = u8(s, base + offset + 5);
        if (session.version == 0) {
            trySetVersion(session, ct, nextByte, version);
            cols.setProtocol(TlsNames.shortVersion(version, "SSL"));
        } else {
            version = session.version;
        }
        r.version = version;
        r.sessionVersion = session.version;
        r.cipher = session.cipher;
        r.draft = session.draft;
        r.appName = session.appName;
        long body = base + offset + 5;
        switch (ct) {
            case CT_CCS -> {
                append(cols, "Change Cipher Spec");
                if (session.version != TLS13) {
                    r.resumed = fromServer && session.resumed;
                    if (fromServer) {
                        session.resumed = false;
                    }
                    if (fromServer && session.serverCcsFrame == 0) {
                        session.serverCcsFrame = ctx.frame;
                    } else if (!fromServer && session.clientCcsFrame == 0) {
                        session.clientCcsFrame = ctx.frame;
                    }
                }
            }
            case CT_ALERT -> {
                if (length != 2) {
                    append(cols, "Encrypted Alert");
                } else {
                    append(cols, "Alert (Level: " + TlsNames.ALERT_LEVEL.name(u8(s, body), "Unknown")
                            + ", Description: " + TlsNames.ALERT.name(u8(s, body + 1), "Unknown") + ")");
                }
            }
            case CT_HANDSHAKE -> handshake(r, s, body, body + length, ctx, session, fromServer, version);
            case CT_APP_DATA -> append(cols, "Application Data");
            case CT_HEARTBEAT -> {
                if (version != TLS13) {
                    // without keys no decoder exists, so packet-tls.c takes the message as plaintext
                    String type = heartbeatType(u8(s, body));
                    append(cols, type != null ? "Heartbeat " + type : "Encrypted Heartbeat");
                }
            }
            default -> { }
        }
        return offset + 5 + length;
    }

    /** col_append_sep_str with the default separator: ", " first when the column is not empty. */
    static void append(AppColumns cols, String text) {
        cols.appendSeparated(", ", text);
    }

    /** Notes a stretch the record loop does not take apart ("Ignored Unknown Record", "Continuation Data"). */
    private void marker(MemorySegment s, long off, Kind kind, int rest) {
        Rec r = new Rec();
        r.s = s;
        r.off = off;
        r.kind = kind;
        r.rest = rest;
        recs.add(r);
    }

    static String heartbeatType(int t) {
        return t == 1 ? "Request" : t == 2 ? "Response" : null;
    }

    /** dissect_tls_handshake, first pass: the messages and fragments of one handshake record. */
    private void handshake(Rec r, MemorySegment s, long off, long end, PduContext ctx, Session session,
                           boolean fromServer, int version) {
        AppColumns cols = ctx.columns;
        Pending p = fromServer ? session.server : session.client;
        boolean first = true;
        if (p != null) {
            int fragsLen = p.have;
            int subset = (int) (end - off);
            int msgLen = 0;
            if (fragsLen + subset >= 4) {
                msgLen = 4 + (byteOf(p, s, off, 1) << 16 | byteOf(p, s, off, 2) << 8 | byteOf(p, s, off, 3));
                if (subset > msgLen - fragsLen) {
                    subset = msgLen - fragsLen;
                }
            }
            int type = byteOf(p, s, off, 0);
            boolean last = fragsLen + subset == msgLen;
            if (msgLen > MAX_HANDSHAKE) {
                last = false;
            } else {
                p.add(s, off, subset, ctx.frame);
            }
            p.type = type;
            Part part = new Part();
            part.type = type;
            part.off = off - r.off;
            if (last) {
                if (fromServer) {
                    session.server = null;
                } else {
                    session.client = null;
                }
                part.kind = PartKind.LAST_FRAGMENT;
                part.len = subset;
                part.message = java.util.Arrays.copyOf(p.buf, p.have);
                part.frames = java.util.Arrays.copyOf(p.frames, p.count);
                part.lengths = java.util.Arrays.copyOf(p.lengths, p.count);
                r.parts.add(part);
                MemorySegment m = MemorySegment.ofArray(part.message);
                full(r, part, m, 0, ctx, session, true, version);
                if (malformed) {
                    return;
                }
                off += subset;
                first = false;
            } else {
                // in the middle of a message: nothing in Info, the record is "Multiple Handshake Messages"
                part.kind = PartKind.MIDDLE_FRAGMENT;
                part.len = (int) (end - off);
                r.parts.add(part);
                return;
            }
        } else if (encrypted(s, off, end, ctx.frame, session, fromServer)) {
            Part part = new Part();
            part.kind = PartKind.ENCRYPTED;
            part.off = off - r.off;
            part.len = (int) (end - off);
            part.first = true;
            r.parts.add(part);
            append(cols, "Encrypted Handshake Message");
            return;
        }
        while (off < end) {
            int subset = (int) (end - off);
            int msgLen = subset >= 4 ? 4 + u24(s, off + 1) : 0;
            if (msgLen == 0 || subset < msgLen) {
                Pending np = new Pending();
                np.type = u8(s, off);
                np.add(s, off, subset, ctx.frame);
                if (fromServer) {
                    session.server = np;
                } else {
                    session.client = np;
                }
                Part part = new Part();
                part.kind = PartKind.FIRST_FRAGMENT;
                part.type = np.type;
                part.off = off - r.off;
                part.len = subset;
                part.first = first;
                r.parts.add(part);
                if (first) {
                    append(cols, "[" + TlsNames.HANDSHAKE_TYPE.name(np.type, "Encrypted Handshake Message") + " Fragment]");
                }
                return;
            }
            Part part = new Part();
            part.kind = PartKind.FULL;
            part.off = off - r.off;
            part.len = msgLen;
            part.type = u8(s, off);
            if (full(r, part, s, off, ctx, session, first, version)) {
                r.parts.add(part);
            }
            if (malformed) {
                return;
            }
            off += msgLen;
            first = false;
        }
    }

    /**
     * dissect_tls_handshake_full's effect on the columns and the session for one whole message at
     * {@code off} of {@code m}; false when it shows nothing (an unknown type after the first).
     */
    private boolean full(Rec r, Part part, MemorySegment m, long off, PduContext ctx, Session session,
                         boolean first, int version) {
        int type = u8(m, off);
        int length = u24(m, off + 1);
        String name = TlsNames.HANDSHAKE_TYPE.name(type);
        part.first = first;
        if (name == null && !first) {
            return false;
        }
        if (first && type == HS_SERVER_HELLO && length > 2) {
            int[] out = new int[2];
            scanServerHello(m, off + 4, off + 4 + length, out);
            trySetVersion(session, CT_HANDSHAKE, HS_SERVER_HELLO, out[0]);
            part.hrr = out[1] != 0;
            if (part.hrr) {
                name = "Hello Retry Request";
            }
        }
        append(ctx.columns, name != null ? name : "Encrypted Handshake Message");
        if (name == null) {
            return true;
        }
        if (type == HS_SERVER_HELLO) {
            ctx.columns.setProtocol(TlsNames.shortVersion(session.version, "SSL"));
        }
        r.draft = session.draft;
        r.sessionVersion = session.version;
        part.cipher = session.cipher;
        if (type == HS_SERVER_HELLO) {
            session.resumed = true;
        } else if (type == 14) {
            session.resumed = false;
        }
        if (!TlsHandshake.parses(r, part, m, off, version)) {
            // the body reads past its end: Wireshark's bounds exception ends the frame's dissection
            ctx.columns.appendInfo("[Malformed Packet]");
            malformed = true;
            ctx.exception = true;
            end = LayerTree.End.MALFORMED;
            if (!r.parts.contains(part)) {
                r.parts.add(part);
            }
            return false;
        }
        if (type == HS_CLIENT_HELLO) {
            session.serverForward = ctx.forward ? 0 : 1; // ssl_set_server: the ClientHello's destination
            if (TlsHello.hasExtension(m, off + 4, off + 4 + length, 42)) {
                session.version = TLS13; // early_data offered: packet-tls.c takes the session as TLS 1.3
            }
        } else if (type == HS_SERVER_HELLO) {
            long cs = off + 4 + 2 + 32;
            String app = TlsHello.alpnApplication(m, off + 4, off + 4 + length,
                    session.version == TLS13 && session.draft > 0 && session.draft < 22);
            if (app != null) {
                session.appName = app;
            }
            boolean sid = !(session.version == TLS13 && session.draft > 0 && session.draft < 22);
            if (!sid && length >= 36) {
                session.cipher = u16(m, cs);
            } else if (length >= 35 && length >= 35 + u8(m, cs) + 2) {
                session.cipher = u16(m, cs + 1 + u8(m, cs));
            }
        }
        return true;
    }

    /** tls_scan_server_hello: out[0] the negotiated version, out[1] 1 for a HelloRetryRequest. */
    static void scanServerHello(MemorySegment m, long off, long end, int[] out) {
        out[0] = u16(m, off);
        out[1] = 0;
        if (out[0] != TLS12 || end - off < 46) {
            return;
        }
        off += 2;
        boolean hrr = true;
        for (int i = 0; i < 32; i++) {
            if ((byte) u8(m, off + i) != HRR_MAGIC[i]) {
                hrr = false;
                break;
            }
        }
        out[1] = hrr ? 1 : 0;
        off += 32;
        int sid = u8(m, off);
        off++;
        if (end - off < sid + 5L) {
            return;
        }
        off += sid + 5;
        while (end - off >= 6) {
            int t = u16(m, off);
            int l = u16(m, off + 2);
            if (end - off < 4L + l) {
                break;
            }
            if (t == 43 && l == 2) {
                out[0] = u16(m, off + 4);
                return;
            }
            off += 4 + l;
        }
    }

    /** SHA-256 of "HelloRetryRequest", the ServerHello random of a HelloRetryRequest (RFC 8446 4.1.3). */
    private static final byte[] HRR_MAGIC = {
        (byte) 0xcf, 0x21, (byte) 0xad, 0x74, (byte) 0xe5, (byte) 0x9a, 0x61, 0x11, (byte) 0xbe, 0x1d, (byte) 0x8c,
        0x02, 0x1e, 0x65, (byte) 0xb8, (byte) 0x91, (byte) 0xc2, (byte) 0xa2, 0x11, 0x16, 0x7a, (byte) 0xbb,
        (byte) 0x8c, 0x5e, 0x07, (byte) 0x9e, 0x09, (byte) 0xe2, (byte) 0xc8, (byte) 0xa8, 0x33, (byte) 0x9c};

    /** is_encrypted_handshake_message for a record not continuing a message. */
    private static boolean encrypted(MemorySegment s, long off, long end, int frame, Session session, boolean fromServer) {
        if (end - off < 16) {
            return false;
        }
        boolean maybe = u8(s, off) == 0 && u16(s, off + 1) == 0 && u16(s, off + 3) == 0;
        if (!maybe) {
            int ccs = fromServer ? session.serverCcsFrame : session.clientCcsFrame;
            maybe = ccs != 0 && frame > ccs;
        }
        if (!maybe) {
            maybe = TlsNames.HANDSHAKE_TYPE.name(u8(s, off)) == null || u24(s, off + 1) >= 0x10000;
        }
        return maybe;
    }

    /** ssl_try_set_version: messages other than a ClientHello settle the conversation's version. */
    static void trySetVersion(Session session, int ct, int hsType, int version) {
        boolean authoritative = ct == CT_HANDSHAKE
                ? TlsNames.HANDSHAKE_TYPE.name(hsType) != null && hsType != 3 && hsType != HS_CLIENT_HELLO
                : validContentType(ct);
        if (!authoritative) {
            return;
        }
        int draft = 0;
        if (ct == CT_HANDSHAKE && hsType == HS_SERVER_HELLO) {
            if ((version & 0xff00) == 0x7f00 || version == 0xfb17 || version == 0xfb1a) {
                draft = version & 0xff;
                version = TLS13; // TLS 1.3 drafts (extract_tls13_draft_version) and Facebook's fizz
            }
        }
        if (version == SSLV3 || version == TLS10 || version == TLS11 || version == TLS12 || version == TLS13
                || version == GMTLS) {
            session.version = version;
            session.draft = draft;
        }
    }

    static boolean validContentType(int ct) {
        return ct >= CT_CCS && ct <= CT_CID;
    }

    private static boolean sslv3Version(int v) {
        return v == SSLV3 || v == TLS10 || v == TLS11 || v == TLS12 || v == GMTLS;
    }

    private static boolean looksLikeSslv3(MemorySegment s, long off) {
        return validContentType(u8(s, off)) && sslv3Version(u16(s, off + 1));
    }

    private static boolean isV2ClientHello(MemorySegment s, long off) {
        return u8(s, off) == 0x80 && u8(s, off + 2) == 0x01;
    }

    private static boolean looksLikeSslv2(MemorySegment s, long off) {
        if (u8(s, off) < 0x80) {
            return false;
        }
        int t = u8(s, off + 2);
        return t == 0 || t == 1 || t == 2 || t == 4;
    }

    private static boolean isTlsPort(int port) {
        for (int p : TCP_PORTS) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    private static boolean printable(int b) {
        return b >= 0x20 && b <= 0x7e;
    }

    /** Byte {@code i} of a message whose first bytes are in {@code p} and the rest at {@code off}. */
    private static int byteOf(Pending p, MemorySegment s, long off, int i) {
        return i < p.have ? p.buf[i] & 0xff : u8(s, off + i - p.have);
    }

    static int u8(MemorySegment s, long off) {
        return s.get(ValueLayout.JAVA_BYTE, off) & 0xff;
    }

    static int u16(MemorySegment s, long off) {
        return u8(s, off) << 8 | u8(s, off + 1);
    }

    static int u24(MemorySegment s, long off) {
        return u8(s, off) << 16 | u8(s, off + 1) << 8 | u8(s, off + 2);
    }

    // ---- the detail tree ------------------------------------------------------------------

    @Override
    public boolean shows(long frame) {
        return frame == recsFrame && !calls.isEmpty();
    }

    @Override
    public void uncall(long frame) {
        if (frame == recsFrame && !calls.isEmpty()) {
            Call c = calls.remove(calls.size() - 1);
            recs.subList(Math.min(c.first(), recs.size()), recs.size()).clear();
        }
    }

    @Override
    public End tree(long frame, Tree root, Consumer<String> protocols) {
        if (!shows(frame)) {
            return End.OK;
        }
        return TlsTree.build(recs, calls, root, protocols) == End.OK ? end : End.MALFORMED;
    }

    @Override
    public void sources(long frame, BiConsumer<String, byte[]> source) {
        if (!shows(frame)) {
            return;
        }
        for (Rec r : recs) {
            for (Part p : r.parts) {
                if (p.kind == PartKind.LAST_FRAGMENT) {
                    source.accept("Reassembled TLS Handshake", p.message);
                }
            }
        }
    }

    @Override
    public String protocolName() { return "TLS"; }

    private final TlsFields.Collected collected = new TlsFields.Collected();
    private long collectedFrame = -1;

    /** The frame's TLS tree as (field, value) pairs, built once per frame for the fields. */
    TlsFields.Collected collected(long frame) {
        if (frame != recsFrame) {
            return TlsFields.Collected.EMPTY;
        }
        if (collectedFrame != frame || collectedCount != recs.size()) {
            collected.clear();
            TlsTree.build(recs, calls, collected, p -> { });
            collectedFrame = frame;
            collectedCount = recs.size();
        }
        return collected;
    }

    private int collectedCount = -1;
}

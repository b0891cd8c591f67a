package dev.tcpscope.proto.websocket;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * WebSocket (RFC 6455) as Wireshark 4.0.17's packet-websocket.c shows it: the bytes HTTP hands on
 * after a 101 answer to an {@code Upgrade: websocket} request are split into frames by their
 * header's length ({@code tcp_dissect_pdus}, a frame running past the segment reassembled). Each
 * frame writes the Protocol column "WebSocket" and sets Info to "WebSocket", its opcode's name,
 * " [FIN]" (or "[FRAGMENT] ") and " [MASKED]" (or " "): the last frame of a segment is the one the
 * list shows. A masked payload is unmasked (its first 256 KiB, the "Unmasked data" source); a
 * message in several frames is reassembled per direction and dissected when its last frame
 * arrives ("Reassembled Message"). Text goes to data-text-lines, binary to data, control frames
 * show their close status, ping and pong bytes. Not built: permessage-deflate decompression
 * (no capture of ours negotiates it; the bit is shown) and the subprotocol and port tables
 * (4.0 registers no dissector in them by default).
 */
public final class WebSocket implements PduDissector, LayerTree {
    /** packet-websocket.c's MAX_UNMASKED_LEN: how much of a masked payload is unmasked. */
    static final int MAX_UNMASKED = 1024 * 256;
    /** What one direction's unfinished message may hold before its fragments are dropped. */
    static final int MAX_MESSAGE = 16 << 20;
    /**
     * DEFLATE contexts kept across messages (about 40 KB of zlib state each, freed only with
     * their conversation): past this many, a direction that negotiated context takeover inflates
     * each message afresh, and its later messages fail to inflate where tshark's would not.
     */
    static final int MAX_CONTEXTS = 128;
    private int contexts;

    static final int CONTINUE = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

    /** A conversation's state: each direction's message being reassembled. */
    static final class Session {
        final Message[] pending = new Message[2];
        /** Whether the handshake negotiated permessage-deflate: RSV1 is then shown as "Per-Message Compressed". */
        boolean deflate;
        /** Whether each direction keeps its DEFLATE context across messages, and those contexts. */
        boolean serverTakeover, clientTakeover;
        java.util.zip.Inflater toServer, toClient;
        /** The HTTP server's port (messages to it use the server's context). */
        int serverPort;
    }

    /** The fragments of a message so far (fragment_add_seq_next's list for one direction) and its first opcode. */
    static final class Message extends dev.tcpscope.proto.Fragments {
        int firstOpcode;

        Message() {
            super(MAX_MESSAGE);
        }
    }

    private final List<Frame> frames = new ArrayList<>(2);
    private long frame = -1;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "websocket"; }

    @Override
    public Object newSession() { return new Session(); }

    private static int u8(MemorySegment s, long off) {
        return s.get(ValueLayout.JAVA_BYTE, off) & 0xff;
    }

    /**
     * get_websocket_frame_length over the bytes at {@code at}: the frame's whole length, or 0 when
     * its extended length is not there yet.
     */
    private static long frameLength(MemorySegment s, long at, int remaining) {
        int b1 = u8(s, at + 1);
        long n = 2;
        long payload = b1 & 0x7f;
        if (payload == 126) {
            if (remaining - 2 < 2) {
                return 0;
            }
            payload = u8(s, at + 2) << 8 | u8(s, at + 3);
            n += 2;
        } else if (payload == 127) {
            if (remaining - 2 < 8) {
                return 0;
            }
            payload = s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), at + 2) & 0xffffffffL; // (guint) cast
            n += 8;
        }
        if ((b1 & 0x80) != 0) {
            n += 4;
        }
        return (n + payload) & 0xffffffffL; // guint arithmetic
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            frames.clear();
            frame = ctx.frame;
        }
        Session ss = ctx.session instanceof Session x ? x : new Session();
        int pos = 0;
        while (pos < len) { // tcp_dissect_pdus with a fixed part of 2 bytes
            int remaining = len - pos;
            if (remaining < 2) {
                if (ctx.canDesegment) {
                    ctx.desegmentOffset = pos;
                    ctx.desegmentLength = ONE_MORE_SEGMENT;
                }
                return; // without desegmentation tcp_dissect_pdus hands the rest on as a PDU it cannot size
            }
            long plen = frameLength(s, off + pos, remaining);
            if (plen == 0) {
                if (ctx.canDesegment) {
                    ctx.desegmentOffset = pos;
                    ctx.desegmentLength = ONE_MORE_SEGMENT;
                    return;
                }
                plen = remaining; // the header cannot be read: the frame's dissection throws below
            }
            if (plen < 2) {
                plen = remaining; // a length that wrapped: tcp_dissect_pdus's "bogus length" path
            }
            if (ctx.canDesegment && remaining < plen) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = (int) Math.min(plen - remaining, Integer.MAX_VALUE);
                return;
            }
            int cap = (int) Math.min(remaining, plen);
            Frame f = new Frame(s, off + pos, cap, plen, off);
            f.truncated = ctx.truncated;
            one(f, ss, ctx);
            frames.add(f);
            if (plen > remaining) {
                return;
            }
            pos += (int) plen;
        }
    }

    /** dissect_websocket_frame's columns and the message reassembly, which the tree only shows. */
    private void one(Frame f, Session ss, PduContext ctx) {
        f.parse(ss.deflate);
        if (!f.headerShort) {
            ctx.columns.setProtocol("WebSocket");
        }
        if (f.headerShort) {
            // the extended length is read before the columns are written: only the exception shows
            ctx.columns.appendInfo(f.truncated ? "[Packet size limited during capture]" : "[Malformed Packet]");
            return;
        }
        StringBuilder info = new StringBuilder(48).append("WebSocket ").append(opcodeName(f.opcode))
                .append(f.fin ? " [FIN]" : "[FRAGMENT] ").append(f.mask ? " [MASKED]" : " ");
        ctx.columns.setInfo(info);
        if (f.end != End.OK || f.payloadLength == 0 || (f.opcode & 8) != 0) {
            if (f.end != End.OK) {
                ctx.columns.appendInfo(f.end == End.SHORT ? "[Packet size limited during capture]" : "[Malformed Packet]");
            }
            return;
        }
        int dir = ctx.forward ? 0 : 1;
        if (!f.fin || f.opcode == CONTINUE) {
            Message m = ss.pending[dir];
            if (m == null) {
                m = new Message();
                m.firstOpcode = f.opcode;
                ss.pending[dir] = m;
            }
            m.add(ctx.frame, f.payloadSegment(), f.payloadOffset(), f.payloadCaptured());
            f.fragmented = true;
            if (f.fin) {
                ss.pending[dir] = null;
                f.message = m;
                m.bytes();
            }
        }
        // 4.0 decompresses by the RSV1 bit of the frame that ends the message (a message in several
        // frames, whose last one leaves it clear, stays as it came)
        if (ss.deflate && (f.b0 & 0x40) != 0 && (!f.fragmented || f.message != null && !f.message.overflow())) {
            boolean toServer = ctx.dstPort == ss.serverPort;
            byte[] in = f.message != null ? f.message.bytes() : null;
            byte[] out = in != null ? inflate(ss, toServer, MemorySegment.ofArray(in), 0, in.length)
                    : inflate(ss, toServer, f.payloadSegment(), f.payloadOffset(), f.payloadCaptured());
            if (out == null) {
                f.inflateFailed = true;
            } else if (out.length > 0) {
                f.inflated = out;
            }
        }
    }

    static String opcodeName(int opcode) {
        return switch (opcode) {
            case CONTINUE -> "Continuation";
            case TEXT -> "Text";
            case BINARY -> "Binary";
            case CLOSE -> "Connection Close";
            case PING -> "Ping";
            case PONG -> "Pong";
            default -> "Unknown Opcode";
        };
    }

    /**
     * websocket_parse_extensions: what the conversation's last Sec-WebSocket-Extensions header
     * negotiated (HTTP tells it at the switch), and the HTTP server's port, which says which of
     * the two decompression contexts a message uses.
     */
    public static void negotiated(Object session, String extensions, int serverPort) {
        if (session instanceof Session ss && extensions != null) {
            ss.deflate = extensions.contains("permessage-deflate") || extensions.contains("x-webkit-deflate-frame");
            ss.serverPort = serverPort;
            if (ss.deflate) {
                ss.serverTakeover = !extensions.contains("server_no_context_takeover");
                ss.clientTakeover = !extensions.contains("client_no_context_takeover");
            }
        }
    }

    /**
     * websocket_uncompress: the message's payload with 00 00 ff ff appended, inflated (raw
     * DEFLATE, sync flush) in the context of its direction (one kept across messages unless the
     * handshake said no_context_takeover); null when the data is not DEFLATE.
     */
    private byte[] inflate(Session ss, boolean toServer, MemorySegment s, long off, int n) {
        boolean takeover = toServer ? ss.serverTakeover : ss.clientTakeover;
        java.util.zip.Inflater z = takeover ? (toServer ? ss.toServer : ss.toClient) : null;
        if (z == null) {
            z = new java.util.zip.Inflater(true);
            if (takeover && contexts >= MAX_CONTEXTS) {
                takeover = false; // bounded memory: past the cap a direction starts afresh each message
            }
            if (takeover) {
                contexts++;
                if (toServer) {
                    ss.toServer = z;
                } else {
                    ss.toClient = z;
                }
            }
        }
        byte[] in = new byte[n + 4];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, in, 0, n);
        in[n + 2] = (byte) 0xff;
        in[n + 3] = (byte) 0xff;
        z.setInput(in);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.max(64, 2 * n));
        byte[] buf = new byte[Math.max(64, 2 * (n + 4))];
        try {
            while (!z.finished() && out.size() < MAX_MESSAGE) {
                int k = z.inflate(buf, 0, buf.length);
                if (k == 0 && (z.needsInput() || z.needsDictionary())) {
                    break; // Z_BUF_ERROR: everything there is was inflated
                }
                out.write(buf, 0, k);
            }
        } catch (java.util.zip.DataFormatException e) {
            return null;
        } finally {
            if (!takeover) {
                z.end();
            }
        }
        return out.toByteArray();
    }

    @Override
    public boolean shows(long f) {
        return f == frame && !frames.isEmpty();
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        End end = End.OK;
        boolean first = true;
        for (Frame w : frames) {
            // tcp_dissect_pdus calls dissect_websocket_frame itself: the protocol is named once
            if (first) {
                protocols.accept("websocket");
                first = false;
            }
            End e = WebSocketTree.frame(w, root, protocols);
            if (e != End.OK) {
                end = e;
            }
        }
        return end;
    }

    @Override
    public void sources(long f, BiConsumer<String, byte[]> source) {
        if (!shows(f)) {
            return;
        }
        for (Frame w : frames) {
            if (w.unmasked != null) {
                source.accept("Unmasked data", w.unmasked);
            }
            if (w.message != null && !w.message.overflow() && !w.message.parts().isEmpty()) {
                source.accept("Reassembled Message", w.message.bytes());
            }
            if (w.inflated != null) {
                source.accept("Decompressed payload", w.inflated);
            }
        }
    }

    /** tcp_dissect_pdus's "[PDU Size: N]" for each frame. */
    @Override
    public void underTcp(long f, Tree tcp) {
        if (!shows(f)) {
            return;
        }
        for (Frame w : frames) {
            String n = Long.toString(w.plen);
            tcp.field("tcp.pdu.size", "PDU Size: " + n, n).generated().at(w.s, w.base, w.cap);
        }
    }

    /** tcp_dissect_pdus shows an exception at the start of the bytes it was handed. */
    @Override
    public void markerAt(long f, Tree marker) {
        if (shows(f)) {
            for (int i = frames.size() - 1; i >= 0; i--) {
                Frame w = frames.get(i);
                if (w.end != End.OK || w.headerShort) {
                    marker.at(w.s, w.segment, 0);
                    return;
                }
            }
        }
    }

    @Override
    public String protocolName() { return "WebSocket"; }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    /** Bytes of {@code s} at {@code off}, at most {@code n}, unmasked with {@code key}. */
    static byte[] unmask(MemorySegment s, long off, int n, int key) {
        byte[] out = new byte[n];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, out, 0, n);
        for (int i = 0; i < n; i++) {
            out[i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
        }
        return out;
    }

    static String hex(int v, int digits) {
        String h = Integer.toHexString(v);
        return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
    }

    static String bits(int v, int mask) {
        return Text.bits(v, mask, 8);
    }
}

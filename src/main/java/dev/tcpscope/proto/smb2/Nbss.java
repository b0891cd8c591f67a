package dev.tcpscope.proto.smb2;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The NetBIOS Session Service (RFC 1002 §4.3) as Wireshark 4.0.17's packet-nbns.c dissects it on
 * tcp.port 139, and the same 4-byte framing of "direct hosted" SMB on tcp.port 445 (a 24-bit
 * length, no flags): each message by its header's length ({@code dissect_nbss}, desegmentation
 * on), several in a segment one after the other, a message over several segments reassembled by
 * TCP. Session requests show their called and calling NetBIOS names; a session message's payload
 * goes to SMB2 ({@link Smb2}) when it starts with an SMB2 protocol id (the "netbios" heuristic of
 * packet-smb2.c), else to data (SMB1 is not dissected: its heuristic belongs to a disabled
 * protocol). A segment that does not start like an NBSS header is a continuation.
 *
 * <p>State per frame: the messages dissected, replayed for the tree; per conversation: SMB2's
 * ({@link Smb2.Conv}).
 */
public final class Nbss implements PduDissector, LayerTree, dev.tcpscope.proto.TwoPass {
    /** TCP_PORT_NBSS and TCP_PORT_CIFS. */
    public static final int[] TCP_PORTS = {139, 445};
    static final int SESSION_MESSAGE = 0x00, SESSION_REQUEST = 0x81, POSITIVE = 0x82, NEGATIVE = 0x83,
            RETARGET = 0x84, KEEP_ALIVE = 0x85;

    private final IntFunction<PduDissector> byPort;
    private final Items.Fields fields = new Items.Fields();

    public Nbss(IntFunction<PduDissector> byPort) {
        this.byPort = byPort;
    }

    /** One message of the frame (or a continuation), and what its payload became. */
    static final class Msg {
        final Tvb b;
        final boolean cifs;
        final boolean continuation;
        /** The SMB2 PDUs of a session message; null when the payload went to data or there is none. */
        List<Smb2.Pdu> smb2;
        /** The payload went to data. */
        boolean data;
        End end = End.OK;

        Msg(Tvb b, boolean cifs, boolean continuation) {
            this.b = b;
            this.cifs = cifs;
            this.continuation = continuation;
        }
    }

    private final List<Msg> msgs = new ArrayList<>(2);
    private long frame = -1;

    @Override
    public String name() { return "nbss"; }

    @Override
    public Object newSession() {
        Smb2.Conv c = new Smb2.Conv(trees, files);
        c.secondPass = secondPass;
        c.pipes = pipes;
        return c;
    }

    /** Tree and file names by session, tree and file ID: packet-smb2.c keeps sessions for the whole capture. */
    private java.util.Map<Long, String> trees = new java.util.HashMap<>();
    private java.util.Map<String, List<Smb2.FileName>> files = new java.util.HashMap<>();
    /** tshark -2's second pass: the names are what the whole first pass learnt, and stay so. */
    private boolean secondPass;

    /** DCE/RPC over the SMB2 named pipes of every conversation (its state is each pipe's, in {@link Smb2.Conv}). */
    private final dev.tcpscope.proto.dcerpc.Dcerpc pipes = new dev.tcpscope.proto.dcerpc.Dcerpc(p -> null, () -> new PduDissector[0]);

    @Override
    public void recordForSecondPass() {
        pipes.recordForSecondPass();
    }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass first) {
        Nbss f = (Nbss) first;
        trees = f.trees;
        files = f.files;
        secondPass = true;
        pipes.secondPassOf(f.pipes);
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            msgs.clear();
            frame = ctx.frame;
        }
        ctx.columns.setProtocol("NBSS");
        ctx.columns.setInfo("");
        if (len < 1) {
            return;
        }
        boolean cifs = Items.matchPort(byPort, this, ctx.srcPort, ctx.dstPort) == 445;
        int type = u8(s, off);
        if (!ctx.reassembled) {
            if (len < 4) {
                continuation(s, off, len, ctx);
                return;
            }
            cifs = len >= 8 && type == SESSION_MESSAGE && u8(s, off + 5) == 'S' && u8(s, off + 6) == 'M' && u8(s, off + 7) == 'B';
            int flags = cifs ? 0 : u8(s, off + 1);
            long length = length(s, off, cifs);
            boolean ok = (flags & ~1) == 0 && switch (type) {
                case SESSION_MESSAGE -> length != 0;
                case SESSION_REQUEST -> length >= 2 && length <= 256;
                case POSITIVE, KEEP_ALIVE -> length == 0;
                case NEGATIVE -> length == 1;
                case RETARGET -> length == 6;
                default -> false;
            };
            if (!ok) {
                continuation(s, off, len, ctx);
                return;
            }
        }
        ctx.columns.setInfo(typeName(type));
        Smb2.Conv conv = (Smb2.Conv) ctx.session;
        int offset = 0;
        int reported = ctx.truncated && ctx.reportedLength > len ? ctx.reportedLength : len;
        for (int guard = 0; offset < reported && guard < 100_000; guard++) {
            int remaining = len - offset;
            if (remaining <= 0) {
                // tvb_ensure_captured_length_remaining: the rest was not captured
                Msg m = new Msg(new Tvb(s, off + len, 0, reported - offset), cifs, false);
                m.end = End.SHORT;
                msgs.add(m);
                ctx.columns.appendInfo("[Packet size limited during capture]");
                return;
            }
            if (ctx.canDesegment && remaining < 4) {
                ctx.desegmentOffset = offset;
                ctx.desegmentLength = ONE_MORE_SEGMENT;
                return;
            }
            if (remaining < 4) {
                Msg m = new Msg(new Tvb(s, off + offset, remaining, remaining), cifs, false);
                m.end = ctx.truncated ? End.SHORT : End.MALFORMED;
                msgs.add(m);
                ctx.columns.appendInfo(ctx.truncated ? "[Packet size limited during capture]" : "[Malformed Packet]");
                return;
            }
            long plen = length(s, off + offset, cifs) + 4;
            if (ctx.canDesegment && remaining < plen) {
                ctx.desegmentOffset = offset;
                ctx.desegmentLength = (int) (plen - remaining);
                return;
            }
            int cap = (int) Math.min(remaining, plen);
            Msg m = new Msg(new Tvb(s, off + offset, cap, (int) plen), cifs, false);
            msgs.add(m);
            packet(m, ctx, conv);
            offset += (int) plen;
        }
    }

    private void continuation(MemorySegment s, long off, int len, PduContext ctx) {
        ctx.columns.setInfo("NBSS Continuation Message");
        msgs.add(new Msg(new Tvb(s, off, len, len), false, true));
    }

    /** dissect_nbss_packet without a tree: the Info of a request or negative response, a session message's payload. */
    private void packet(Msg m, PduContext ctx, Smb2.Conv conv) {
        Tvb b = m.b;
        m.end = Tvb.walk(() -> {
            int type = b.u8(0);
            switch (type) {
                case SESSION_REQUEST -> {
                    NbName called = NbName.read(b, 4);
                    ctx.columns.appendInfo(", to " + called.text() + " ");
                    NbName calling = NbName.read(b, 4 + called.length());
                    ctx.columns.appendInfo("from " + calling.text());
                }
                case NEGATIVE -> ctx.columns.appendInfo(", " + errorName(b.u8(4)));
                case RETARGET -> {
                    b.need(4, 4);
                    b.need(8, 2);
                }
                case SESSION_MESSAGE -> {
                    int n = b.cap - 4;
                    if (n > 0 && Smb2.looksLike(b.s, b.base + 4, n)) {
                        m.smb2 = Smb2.dissect(new Tvb(b.s, b.base + 4, n, b.rep - 4, b.fragment), ctx, conv);
                    } else if (b.rep > 4) {
                        m.data = true;
                    }
                }
                default -> { }
            }
        });
        if (m.end != End.OK) {
            ctx.columns.appendInfo(m.end == End.SHORT ? "[Packet size limited during capture]" : "[Malformed Packet]");
        }
    }

    private static long length(MemorySegment s, long off, boolean cifs) {
        if (cifs) {
            return (long) u8(s, off + 1) << 16 | u8(s, off + 2) << 8 | u8(s, off + 3);
        }
        long l = u8(s, off + 2) << 8 | u8(s, off + 3);
        return (u8(s, off + 1) & 1) != 0 ? l + 0x10000 : l;
    }

    private static int u8(MemorySegment s, long off) {
        return dev.tcpscope.proto.Text.u8(s, off);
    }

    static String typeName(int type) {
        return switch (type) {
            case SESSION_MESSAGE -> "Session message";
            case SESSION_REQUEST -> "Session request";
            case POSITIVE -> "Positive session response";
            case NEGATIVE -> "Negative session response";
            case RETARGET -> "Retarget session response";
            case KEEP_ALIVE -> "Session keep-alive";
            default -> String.format("Unknown (%02x)", type);
        };
    }

    static String errorName(int code) {
        return switch (code) {
            case 0x80 -> "Not listening on called name";
            case 0x81 -> "Not listening for called name";
            case 0x82 -> "Called name not present";
            case 0x83 -> "Called name present, but insufficient resources";
            case 0x8f -> "Unspecified error";
            default -> "Unknown (" + Integer.toHexString(code) + ")";
        };
    }

    @Override
    public boolean shows(long f) {
        return f == frame && !msgs.isEmpty();
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        End end = End.OK;
        boolean named = false;
        for (Msg m : msgs) {
            if (!named) {
                protocols.accept("nbss");
                named = true;
            }
            Tvb b = m.b;
            Tree t = b.at(root.protocol("nbss", "NetBIOS Session Service"), 0, b.cap);
            if (m.continuation) {
                b.at(t.bytes("nbss.continuation_data", "Continuation data", b.s, b.base, b.cap), 0, b.cap);
                continue;
            }
            End e = Tvb.walk(() -> header(m, t, root, protocols, f));
            if (e != End.OK) {
                end = e;
            }
            if (m.end != End.OK) {
                end = m.end;
            }
        }
        return end;
    }

    private void header(Msg m, Tree t, Tree root, Consumer<String> protocols, long f) {
        Tvb b = m.b;
        int type = b.u8(0);
        b.at(t.field("nbss.type", "Message Type: " + typeName(type) + String.format(" (0x%02x)", type), String.format("0x%02x", type)), 0, 1);
        if (m.cifs) {
            b.u8(3);
            long l = (long) b.u8(1) << 16 | b.u8(2) << 8 | b.u8(3);
            b.at(t.field("nbss.length", "Length: " + l, Long.toString(l)), 1, 3);
        } else {
            int flags = b.u8(1);
            Tree ft = b.at(t.field("nbss.flags", String.format("Flags: 0x%02x", flags), String.format("0x%02x", flags)), 1, 1);
            boolean e = (flags & 1) != 0;
            b.at(ft.field("nbss.flags.e", dev.tcpscope.proto.Text.bits(flags, 1, 8) + " = Extend: " + (e ? "Add 65536 to length" : "Add 0 to length"),
                    e ? "1" : "0"), 1, 1);
            long l = b.u16(2) + (e ? 0x10000 : 0);
            b.at(t.field("nbss.length", "Length: " + l, Long.toString(l)), 1, 3);
        }
        body(m, t, root, protocols, f, type);
    }

    /*
     * header is cut in two (body): each label's string concatenation is a call site that C1
     * inlines whole, and the method in one piece took 10 MB to compile with C1, at the launcher's
     * 10 MB cap (MemLimit), so it could run interpreted.
     */

    /** What follows the message's type, flags and length. */
    private void body(Msg m, Tree t, Tree root, Consumer<String> protocols, long f, int type) {
        Tvb b = m.b;
        switch (type) {
            case SESSION_REQUEST -> {
                NbName called = NbName.read(b, 4);
                called.tree(t, b, "nbss.called_name", "Called name", 4);
                NbName calling = NbName.read(b, 4 + called.length());
                calling.tree(t, b, "nbss.calling_name", "Calling name", 4 + called.length());
            }
            case NEGATIVE -> {
                int code = b.u8(4);
                b.at(t.field("nbss.error_code", String.format("Error code: %s (0x%02x)", errorName(code), code), String.format("0x%02x", code)), 4, 1);
            }
            case RETARGET -> {
                b.need(4, 4);
                String ip = b.u8(4) + "." + b.u8(5) + "." + b.u8(6) + "." + b.u8(7);
                b.at(t.field("nbss.retarget_ip_address", "Retarget IP address: " + ip, ip), 4, 4);
                int port = b.u16(8);
                b.at(t.field("nbss.retarget_port", "Retarget port: " + port, Integer.toString(port)), 8, 2);
            }
            case SESSION_MESSAGE -> {
                if (m.smb2 != null) {
                    Smb2.tree(m.smb2, root, protocols, pipes, f);
                } else if (m.data) {
                    Items.data(root, b.s, b.base + 4, b.cap - 4, protocols);
                }
            }
            default -> { }
        }
    }

    /** The pipes' data put together in the frame ("Named Pipe over SMB2"), then DCE/RPC's own sources. */
    @Override
    public void sources(long f, java.util.function.BiConsumer<String, byte[]> source) {
        if (!shows(f)) {
            return;
        }
        for (Msg m : msgs) {
            if (m.smb2 != null) {
                for (Smb2.Pdu p : m.smb2) {
                    if (p.pipeReassembled != null) {
                        source.accept("Named Pipe over SMB2", p.pipeReassembled);
                    }
                }
            }
        }
        pipes.sources(f, source);
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() {
        for (int i = msgs.size() - 1; i >= 0; i--) {
            Msg m = msgs.get(i);
            if (m.smb2 != null && !m.smb2.isEmpty()) {
                Smb2.Pdu last = m.smb2.get(m.smb2.size() - 1);
                if (last.end != End.OK) {
                    return "SMB2";
                }
            }
            if (m.end != End.OK) {
                return "NBSS";
            }
        }
        return "NBSS";
    }
}

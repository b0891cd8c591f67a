package dev.tcpscope.proto.cotp;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * TPKT (RFC 1006, ISO transport over TCP) as Wireshark 4.0.17's packet-tpkt.c dissects it on
 * tcp.port 102 and 3389 ({@code dissect_tpkt_encap} with desegmentation on): each message's
 * 4-byte header (version 3, reserved, length) and its payload handed to COTP ({@link Cotp}),
 * several in a segment one after the other, a message running past the segment reassembled by
 * TCP; a segment whose next byte is not 3 is "Continuation" (the rest of something TPKT did not
 * frame, such as RDP's TLS after its negotiation).
 */
public final class Tpkt implements PduDissector, LayerTree {
    public static final int[] TCP_PORTS = {102, 3389};

    /** One thing the frame showed: a TPKT message (header at {@code off}) with its TPDUs, or a continuation. */
    private static final class Message {
        final MemorySegment s;
        final long off;
        final int length;
        final boolean continuation;
        final List<Tpdu> tpdus = new ArrayList<>(1);
        /** On tcp.port 3389, where tshark 4.0.17 reaches TPKT through TLS's port table and RDP's. */
        boolean rdpPort;
        /** The first message of a call from TCP: frame.protocols names TPKT once a call. */
        boolean firstOfCall;
        /** COTP found no valid TPDU: the payload went to the data dissector. */
        boolean data;
        /** TPKT's next header read ran past the captured bytes after this message. */
        boolean cutAfter;
        /** COTP's dissection threw: TPKT caught it (show_exception at the message's start). */
        boolean cotpThrew;
        /** Where the payload ends in what was captured. */
        long payloadEnd;
        End end = End.OK;

        Message(MemorySegment s, long off, int length, boolean continuation) {
            this.s = s;
            this.off = off;
            this.length = length;
            this.continuation = continuation;
        }
    }

    private final Cotp cotp = new Cotp();
    private final List<Message> messages = new ArrayList<>(2);
    private long frame = -1;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "tpkt"; }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            messages.clear();
            frame = ctx.frame;
        }
        cotp.frame(ctx.frame);
        ctx.columns.setInfo("");
        int firstOfCall = messages.size();
        try {
            loop(s, off, len, ctx);
        } finally {
            if (messages.size() > firstOfCall) {
                messages.get(firstOfCall).firstOfCall = true;
            }
        }
    }

    private void loop(MemorySegment s, long off, int len, PduContext ctx) {
        int offset = 0;
        while (offset < len) {
            if (Text.u8(s, off + offset) != 3) {
                ctx.columns.setProtocol("TPKT");
                ctx.columns.setInfo("Continuation");
                Message m = new Message(s, off + offset, len - offset, true);
                messages.add(m);
                return;
            }
            int remaining = len - offset;
            if (ctx.canDesegment && remaining < 4) {
                ctx.desegmentOffset = offset;
                ctx.desegmentLength = ONE_MORE_SEGMENT;
                return;
            }
            if (remaining < 4) {
                ctx.columns.appendInfo(ctx.truncated ? "[Packet size limited during capture]" : "[Malformed Packet]");
                Message m = new Message(s, off + offset, remaining, false);
                m.end = ctx.truncated ? End.SHORT : End.MALFORMED;
                messages.add(m);
                return;
            }
            int dataLen = Text.u8(s, off + offset + 2) << 8 | Text.u8(s, off + offset + 3);
            if (ctx.canDesegment && remaining < dataLen) {
                ctx.desegmentOffset = offset;
                ctx.desegmentLength = dataLen - remaining;
                return;
            }
            ctx.columns.setProtocol("TPKT");
            Message m = new Message(s, off + offset, dataLen, false);
            m.rdpPort = ctx.srcPort == 3389 || ctx.dstPort == 3389;
            messages.add(m);
            if (dataLen < 4) {
                // a length shorter than the header: the payload's length is negative
                m.end = End.MALFORMED;
                ctx.columns.appendInfo("[Malformed Packet]");
                return;
            }
            int length = Math.min(remaining - 4, dataLen - 4);
            long start = off + offset + 4;
            m.payloadEnd = start + length;
            try {
                boolean found = length > 0 && cotp.dissect(s, start, start + length, ctx.frame, ctx.stream, ctx.forward, ctx.columns, m.tpdus);
                m.data = !found; // a message cut by the snap length ends without a marker unless a read ran past it
            } catch (Cotp.Past e) {
                m.cotpThrew = true;
                m.end = length < dataLen - 4 && ctx.truncated ? End.SHORT : End.MALFORMED;
                ctx.columns.appendInfo(m.end == End.SHORT ? "[Packet size limited during capture]" : "[Malformed Packet]");
            }
            offset += length + 4;
        }
        if (ctx.truncated && !messages.isEmpty() && messages.get(messages.size() - 1).end == End.OK) {
            // the segment was cut by the snap length: the loop's next read of a TPKT header runs
            // past the captured bytes while reported ones remain (a bounds error in TPKT)
            Message last = messages.get(messages.size() - 1);
            last.end = End.SHORT;
            last.cutAfter = true;
            ctx.columns.appendInfo("[Packet size limited during capture]");
        }
    }

    @Override
    public boolean shows(long f) {
        return f == frame && !messages.isEmpty();
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        End end = End.OK;
        for (Message m : messages) {
            if (m.firstOfCall && !(m.rdpPort && connectRequest(m))) {
                protocols.accept("tpkt");
            }
            if (m.continuation) {
                Tree t = root.protocol("tpkt", "TPKT - ISO on TCP - RFC1006").at(m.s, m.off, m.length);
                t.bytes("tpkt.continuation_data", "Continuation data", m.s, m.off, m.length).at(m.s, m.off, m.length);
                continue;
            }
            Tree t = root.protocol("tpkt", "TPKT, Version: 3, Length: " + m.length).at(m.s, m.off, 4);
            t.field("tpkt.version", "Version: 3", "3").at(m.s, m.off, 1);
            int reserved = Text.u8(m.s, m.off + 1);
            t.field("tpkt.reserved", "Reserved: " + reserved, Integer.toString(reserved)).at(m.s, m.off + 1, 1);
            t.field("tpkt.length", "Length: " + m.length, Integer.toString(m.length)).at(m.s, m.off + 2, 2);
            try {
                for (Tpdu d : m.tpdus) {
                    Cotp.tree(d, root, protocols);
                }
            } catch (Cotp.Past e) {
                // the dissection stopped there (dissect() marked the message malformed)
            }
            if (m.data && m.payloadEnd > m.off + 4) {
                Items.data(root, m.s, m.off + 4, (int) (m.payloadEnd - m.off - 4), protocols);
            }
            if (m.end != End.OK) {
                end = m.end;
            }
        }
        return end;
    }

    /**
     * Whether the message holds a CR TPDU: on port 3389 tshark 4.0.17's frame.protocols then lacks
     * "tpkt" (every CR of the RDP captures of the corpus, malformed or not; a CC keeps it, and so
     * does a CR on port 102).
     */
    private static boolean connectRequest(Message m) {
        for (Tpdu d : m.tpdus) {
            if (d.type == Cotp.CR) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void sources(long f, java.util.function.BiConsumer<String, byte[]> source) {
        if (!shows(f)) {
            return;
        }
        for (Message m : messages) {
            for (Tpdu d : m.tpdus) {
                if (d.reassembled != null) {
                    source.accept("Reassembled COTP", d.reassembled);
                }
            }
        }
    }

    /** show_exception in dissect_tpkt_encap: the marker at the start of the message whose payload threw. */
    @Override
    public void markerAt(long f, Tree marker) {
        if (shows(f)) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                Message m = messages.get(i);
                if (m.end != End.OK) {
                    if (m.cotpThrew) {
                        marker.at(m.s, m.off, 0);
                    }
                    return; // else the exception reached TCP, which marks it at the IP layer
                }
            }
        }
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message m = messages.get(i);
            if (m.end != End.OK) {
                return m.cutAfter || m.tpdus.isEmpty() && m.payloadEnd == 0 ? "TPKT" : "COTP";
            }
        }
        return "COTP";
    }
}

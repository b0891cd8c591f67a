package dev.tcpscope.proto.gryphon;

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
 * Dearborn Group's Gryphon protocol (Wireshark's gryphon plugin, packet-gryphon.c) on TCP port
 * 7000, as far as its framing and header: tshark 4.0.17 desegments the port's bytes into
 * messages of an 8-byte header (source, source channel, destination, destination channel, data
 * length, frame type, reserved) and a body padded to four bytes, so that a connection whose
 * bytes never make a whole message (an echo service on port 7000) lists every data segment as
 * "[TCP segment of a reassembled PDU]". A whole message shows its frame type in Info and its
 * header items as tshark does; its body is shown as data, where the plugin decodes each of its
 * commands, responses, events and vehicle-network messages (docs/LAYERS.md says so).
 */
public final class Gryphon implements PduDissector, LayerTree {
    /** The plugin's GRYPHON_TCP_PORT. */
    public static final int PORT = 7000;
    public static final int[] TCP_PORTS = {PORT};
    static final int HEADER_LENGTH = 8;
    private static final int SD_SERVER = 2, SD_CLIENT = 3;

    /** The whole messages of the last frame: their bytes (a reassembled PDU's or the segment's), offset and length. */
    private record Message(MemorySegment s, long at, int len) { }

    private long frame = -1;
    private MemorySegment s;
    private final List<Message> messages = new ArrayList<>();
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "gryphon"; }

    @Override
    public void dissect(MemorySegment seg, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            frame = ctx.frame;
            messages.clear();
        }
        s = seg;
        int pos = 0;
        while (pos < len) {
            int remaining = len - pos;
            if (ctx.canDesegment && remaining < HEADER_LENGTH) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = ONE_MORE_SEGMENT;
                return;
            }
            if (remaining < 6) {
                // get_gryphon_pdu_len reads the data length past the bytes
                ctx.columns.setProtocol("Gryphon");
                ctx.columns.appendInfo(ctx.truncated ? "[Packet size limited during capture]" : "[Malformed Packet]");
                return;
            }
            int plen = length(seg, off + pos);
            if (ctx.canDesegment && remaining < plen) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = plen - remaining;
                return;
            }
            int n = Math.min(remaining, plen);
            messages.add(new Message(seg, off + pos, n));
            ctx.columns.setProtocol("Gryphon");
            ctx.columns.setInfo(remaining >= HEADER_LENGTH ? typeName(Text.u8(seg, off + pos + 6)) : "");
            pos += plen;
        }
    }

    /** get_gryphon_pdu_len: the header and the data length padded to a multiple of four. */
    static int length(MemorySegment s, long off) {
        int plen = Text.u8(s, off + 4) << 8 | Text.u8(s, off + 5);
        return plen + 3 - (plen + 3) % 4 + HEADER_LENGTH;
    }

    static String typeName(int type) {
        return switch (type) {
            case 0 -> "";
            case 1 -> "Command request";
            case 2 -> "Command response";
            case 3 -> "Network (vehicle) data";
            case 4 -> "Event";
            case 5 -> "Miscellaneous";
            case 6 -> "Text string";
            case 7 -> "Signal (vehicle) network";
            default -> "Unknown (" + type + ")";
        };
    }

    static String endpointName(int v) {
        return switch (v) {
            case 0x01 -> "Card";
            case 0x02 -> "Server";
            case 0x03 -> "Client";
            case 0x10 -> "Scheduler";
            case 0x20 -> "Script Processor";
            case 0x21 -> "Program Loader";
            case 0x22 -> "USDT Server";
            case 0x23 -> "Bus Load Monitoring";
            case 0x24 -> "LIN LDF Server";
            case 0x25 -> "Flight Recorder / Data Logger";
            case 0x26 -> "Message Responder";
            case 0x27 -> "I/O and power";
            case 0x28 -> "Utility/Miscellaneous";
            case 0x29 -> "Signal Conversion Utility";
            default -> "Unknown";
        };
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
        for (Message m : messages) {
            protocols.accept("gryphon");
            s = m.s(); // a frame's messages may come from a reassembled PDU and from the segment itself
            long at = m.at();
            int len = m.len();
            Tree g = root.protocol("gryphon", "DG Gryphon Protocol").at(s, at, len);
            if (len < HEADER_LENGTH) {
                return End.MALFORMED;
            }
            Tree h = g.none("gryphon.header", "Header").at(s, at, HEADER_LENGTH);
            endpoint(h, at, true);
            endpoint(h, at + 2, false);
            int dlen = Text.u8(s, at + 4) << 8 | Text.u8(s, at + 5);
            h.field("gryphon.data_length", "Data length (bytes): " + dlen, Integer.toString(dlen)).at(s, at + 4, 2);
            int type = Text.u8(s, at + 6);
            h.field("gryphon.type", "Frame type: " + typeName(type) + " (" + type + ")", Integer.toString(type)).at(s, at + 6, 1);
            h.bytes("gryphon.reserved", "Reserved", s, at + 7, 1).at(s, at + 7, 1);
            if (len > HEADER_LENGTH) {
                g.none("gryphon.body", "Body").at(s, at + HEADER_LENGTH, len - HEADER_LENGTH)
                        .bytes("gryphon.data", "Data", s, at + HEADER_LENGTH, len - HEADER_LENGTH)
                        .at(s, at + HEADER_LENGTH, len - HEADER_LENGTH);
            }
        }
        return End.OK;
    }

    /** tcp_dissect_pdus's "[PDU Size: N]" for each message in the frame. */
    @Override
    public void underTcp(long f, Tree tcp) {
        if (!shows(f)) {
            return;
        }
        for (Message m : messages) {
            tcp.field("tcp.pdu.size", "PDU Size: " + m.len(), Integer.toString(m.len())).generated().at(m.s(), m.at(), m.len());
        }
    }

    /** Source or destination and its channel, or its client id for the server and clients. */
    private void endpoint(Tree h, long at, boolean source) {
        int v = Text.u8(s, at);
        String which = source ? "src" : "dest";
        h.field("gryphon." + which, (source ? "Source: " : "Destination: ") + endpointName(v) + " (0x"
                + String.format("%02x", v) + ")", "0x" + String.format("%02x", v)).at(s, at, 1);
        int ch = Text.u8(s, at + 1);
        boolean client = v == SD_SERVER || v == SD_CLIENT;
        h.field("gryphon." + which + (client ? "chanclient" : "chan"),
                (source ? "Source " : "Destination ") + (client ? "client id: " : "channel: ") + ch,
                Integer.toString(ch)).at(s, at + 1, 1);
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "Gryphon"; }
}

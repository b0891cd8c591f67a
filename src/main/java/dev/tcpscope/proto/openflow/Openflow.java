package dev.tcpscope.proto.openflow;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.TcpPdus;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.AppColumns;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * OpenFlow as Wireshark 4.0.17's packet-openflow.c hands it on: registered on tcp.port 6653 and,
 * by its "tcp" heuristic, for a segment whose destination port is 6633, 6634 or 6653 (the
 * heuristic then makes the conversation OpenFlow's, so later segments both ways follow it; a
 * segment from port 6633 before that stays TCP's data). The stream is cut into messages by the
 * 8-byte header's length ({@code tcp_dissect_pdus}); each message's version byte chooses the
 * dissector: 1 → openflow_v1 ({@link V1Walk}), 4, 5, 6 → openflow_v4/v5/v6 ({@link VnWalk}),
 * any other → the Version item and "Unsupported version not dissected". Protocol is "OpenFlow";
 * each message clears Info back to the fence TCP sets between its calls and appends its
 * "Type: NAME": a call's last message is the one Info shows, after the text of the call before
 * (a reassembled message, then the rest of the segment), with no separator.
 */
public final class Openflow implements PduDissector, TcpPdus, dev.tcpscope.proto.TwoPass {
    public static final int IANA_PORT = 6653;
    /** The tcp.port registration (the heuristic's ports are {@link #heuristic(int, int, MemorySegment, long, int)}'s). */
    public static final int[] TCP_PORTS = {IANA_PORT};
    static final int HEADER = 8;
    static final Registry REG = Registry.loadNamed(Openflow.class, "openflow");

    /** One message of the frame: its bytes, the call of the dissector it came in, how its walk ended. */
    private record Pdu(MemorySegment s, long base, int cap, int rep, int call, boolean reassembled, long segment, End end) { }

    private final BooleanSupplier tree;
    private final List<Pdu> pdus = new ArrayList<>(4);
    private final Items.Fields fields = new Items.Fields();
    private long frame = -1;
    private int calls;
    private String failed = "OpenFlow";
    /** A PACKET_IN or PACKET_OUT of OpenFlow 1.0 made the columns read-only for the rest of the frame. */
    private boolean locked;
    /** How the frame's last call ended when a header's length could not be had or was too short (OK: it did not). */
    private End tail = End.OK;
    private long tailAt;
    private MemorySegment tailSegment;

    /** {@code tree}: whether frames are dissected with a tree (items past the bytes throw only then). */
    public Openflow(BooleanSupplier tree) {
        this.tree = tree;
    }

    @Override
    public String name() { return "openflow"; }

    /**
     * dissect_openflow_heur: taken when the segment goes to port 6633, 6634 or 6653. In tshark's
     * second pass a connection the first pass gave OpenFlow is OpenFlow's from its first segment
     * (conversation_set_dissector stays), so a segment from port 6633 before the claim is too.
     */
    @Override
    public boolean heuristic(int stream, int srcPort, int dstPort, MemorySegment s, long off, int len) {
        return dstPort == 6633 || dstPort == 6634 || dstPort == IANA_PORT || claimedBefore.get(Math.max(stream, 0)) && stream >= 0;
    }

    /** The streams this dissector took in the first pass (recorded with {@link #recordForSecondPass}). */
    private java.util.BitSet claimed;
    /** In the second pass, the first pass's {@link #claimed}. */
    private java.util.BitSet claimedBefore = new java.util.BitSet();

    @Override
    public void recordForSecondPass() {
        claimed = new java.util.BitSet();
    }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass first) {
        if (first instanceof Openflow f && f.claimed != null) {
            claimedBefore = f.claimed;
        }
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            pdus.clear();
            frame = ctx.frame;
            calls = 0;
            locked = false;
            tail = End.OK;
        }
        calls++;
        if (claimed != null && ctx.stream >= 0) {
            claimed.set(ctx.stream);
        }
        AppColumns col = ctx.columns;
        int pos = 0;
        while (pos < len) { // each message takes at least its 8-byte header: the loop ends
            int remaining = len - pos;
            if (ctx.canDesegment && remaining < HEADER) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = ONE_MORE_SEGMENT;
                return;
            }
            if (remaining < 4) {
                // get_openflow_pdu_length reads past the bytes
                tail = ctx.truncated ? End.SHORT : End.MALFORMED;
            } else if (u16(s, off + pos + 2) < HEADER) {
                // a length shorter than the header: tcp_dissect_pdus's show_reported_bounds_error
                tail = End.MALFORMED;
            }
            if (tail != End.OK) {
                if (!locked) {
                    col.appendInfo(tail.marker());
                }
                tailAt = off;
                tailSegment = s;
                ctx.exception = true;
                return;
            }
            int plen = u16(s, off + pos + 2);
            if (ctx.canDesegment && remaining < plen) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = plen - remaining;
                return;
            }
            int cap = Math.min(remaining, plen);
            End end = message(s, off + pos, cap, plen, ctx, col);
            pdus.add(new Pdu(s, off + pos, cap, plen, calls, ctx.reassembled, off, end));
            pos += plen;
        }
    }

    /** dissect_openflow_tcp_pdu for the columns. */
    private End message(MemorySegment s, long at, int cap, int rep, PduContext ctx, AppColumns col) {
        if (!locked) {
            col.setProtocol("OpenFlow");
            col.setInfo("");
        }
        Tvb t = new Tvb(s, at, cap, rep, !ctx.canDesegment && !ctx.truncated && rep > cap);
        End end = Tvb.walk(() -> {
            int version = t.u8(0);
            switch (version) {
                case 1 -> {
                    int type = t.u8(1);
                    if (!locked) {
                        col.appendInfo(V1Walk.info(type));
                    }
                    // "Stop the Ethernet frame from overwriting the columns": col_set_writable(FALSE) for the frame
                    locked |= type == V1Walk.PACKET_IN || type == V1Walk.PACKET_OUT;
                    V1Walk w = new V1Walk(t, tree.getAsBoolean());
                    try {
                        w.walk(Tree.NOTHING);
                    } finally {
                        if (w.frameAt >= 0 && type == V1Walk.PACKET_IN) {
                            // eth_withoutfcs leaves pinfo's addresses to a PACKET_IN's frame (s4810's
                            // frames 47 and 132); after a PACKET_OUT's, tshark lists the TCP segment's (frame 110)
                            int n = Math.max(0, Math.min(w.frameLength, t.cap - w.frameAt));
                            dev.tcpscope.proto.EmbeddedFrames.addresses(t.s, t.base + w.frameAt, n, w.frameLength, col);
                        }
                    }
                }
                case 4, 5, 6 -> {
                    VnWalk.Version v = VnWalk.Version.values()[version - 4];
                    if (!locked) {
                        col.appendInfo(VnWalk.info(v, t));
                    }
                    new V4Walk(v, t, tree.getAsBoolean()).walk(Tree.NOTHING);
                }
                default -> { }
            }
        });
        if (end != End.OK && !locked) {
            col.appendInfo(end.marker());
        }
        return end;
    }

    private static int u16(MemorySegment s, long off) {
        return dev.tcpscope.proto.Text.u8(s, off) << 8 | dev.tcpscope.proto.Text.u8(s, off + 1);
    }

    @Override
    public boolean shows(long f) {
        return f == frame && (!pdus.isEmpty() || tail != End.OK);
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        End result = End.OK;
        int call = -1;
        for (Pdu p : pdus) {
            if (p.call != call) {
                protocols.accept("openflow");
                call = p.call;
            }
            Tvb t = new Tvb(p.s, p.base, p.cap, p.rep, p.end == End.UNREASSEMBLED);
            int version = dev.tcpscope.proto.Text.u8(p.s, p.base);
            String proto = switch (version) {
                case 1 -> "openflow_v1";
                case 4 -> "openflow_v4";
                case 5 -> "openflow_v5";
                case 6 -> "openflow_v6";
                default -> null;
            };
            if (proto != null) {
                protocols.accept(proto);
            }
            End e = Tvb.walk(() -> {
                switch (version) {
                    case 1 -> new V1Walk(t, true, protocols).walk(root);
                    case 4, 5, 6 -> new V4Walk(VnWalk.Version.values()[version - 4], t, true, protocols).walk(root);
                    default -> {
                        Tree ti = t.at(root.field("openflow.version", "." + dev.tcpscope.proto.Text.bits(version, 0x7f, 8).substring(1)
                                + " = Version: " + (REG.name("openflow.version", version & 0x7f)) + " (0x" + dev.tcpscope.proto.Registry.hex(version & 0x7f, 2) + ")",
                                "0x" + dev.tcpscope.proto.Registry.hex(version & 0x7f, 2)), 0, 1);
                        ti.bitmask(0x7f);
                        ti.expert("openflow.version.unknown", Tree.Severity.WARNING, Tree.Group.UNDECODED, "Unsupported version not dissected");
                    }
                }
            });
            if (e != End.OK) {
                // tcp_dissect_pdus shows the exception where it happened and goes on with the next
                // message: the frame's last one leaves it to the end of the tree
                String name = proto == null ? "OpenFlow" : proto;
                if (p == pdus.get(pdus.size() - 1) && tail == End.OK) {
                    result = e;
                    failed = name;
                } else {
                    marker(root, e, name).at(p.s, p.segment, 0);
                }
            }
        }
        if (tail != End.OK) {
            if (pdus.isEmpty() || pdus.get(pdus.size() - 1).call != calls) {
                protocols.accept("openflow");
            }
            result = tail;
            failed = "OpenFlow";
        }
        return result;
    }

    /** show_exception's item for a message that ended on {@code end} in dissector {@code name}. */
    private static Tree marker(Tree root, End end, String name) {
        if (end == End.SHORT) {
            return root.protocol("_ws.short", "[Packet size limited during capture: " + name + " truncated]");
        }
        if (end == End.UNREASSEMBLED) {
            Tree m = root.protocol("_ws.unreassembled", "[BoundError Unreassembled Packet: " + name + "]");
            m.expert("_ws.unreassembled.expert", Tree.Severity.NOTE, Tree.Group.REASSEMBLE,
                    "Unreassembled fragment (change preferences to enable reassembly)");
            return m;
        }
        Tree m = root.protocol("_ws.malformed", "[Malformed Packet: " + name + "]");
        m.expert("_ws.malformed.expert", Tree.Severity.ERROR, Tree.Group.MALFORMED, "Malformed Packet (Exception occurred)");
        return m;
    }

    /** tcp_dissect_pdus's "[PDU Size: N]" for each message of the frame. */
    @Override
    public List<Items.PduSize> pduSizes(long f) {
        return !shows(f) ? List.of() : pdus.stream().map(p -> new Items.PduSize(p.s, p.base, p.rep, p.call, p.reassembled)).toList();
    }

    /** tcp_dissect_pdus shows an exception at the start of the bytes it was handed. */
    @Override
    public void markerAt(long f, Tree marker) {
        if (shows(f) && tail != End.OK) {
            marker.at(tailSegment, tailAt, 0);
            return;
        }
        if (shows(f)) {
            for (int i = pdus.size() - 1; i >= 0; i--) {
                Pdu p = pdus.get(i);
                if (p.end != End.OK) {
                    marker.at(p.s, p.segment, 0);
                    return;
                }
            }
        }
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    /** The dissector whose message ended the frame's tree on an exception: "[Malformed Packet: openflow_v1]". */
    @Override
    public String protocolName() { return failed; }
}

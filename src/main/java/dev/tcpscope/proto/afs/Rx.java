package dev.tcpscope.proto.afs;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.TwoPass;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * RX, AFS's remote procedure call transport, and the AFS calls it carries, as Wireshark 4.0.17's
 * packet-rx.c and packet-afs.c dissect them on udp.port 7000-7009 and 7021: Protocol {@code RX}
 * with the packet type in Info ("ACK Delay  Seq: 0  Call: 290  Source Port: 7001  Destination
 * Port: 7000  "), or, for a DATA packet, {@code AFS (RX)} with the service and operation ("FS
 * Request: fetch-status (132)"). A datagram shorter than RX's header or of an unknown type is
 * declined (UDP's data). The two live in one package because AFS is only ever reached through
 * RX's DATA packets and reads RX's header (flags, sequence, call) to choose what it shows.
 *
 * <p>packet-afs.c pairs a call's request and reply by conversation, epoch, connection id and call
 * number: the request's first packet notes its frame, time and opcode, each reply packet the
 * reply's frame. One pass shows "This is a reply to a request in frame N" from the reply on; the
 * second pass of {@code -2} also shows "The reply to this request is in frame N" on requests.
 * The table of calls is bounded ({@link #CALLS}, oldest dropped).
 */
public final class Rx implements PduDissector, LayerTree, TwoPass {
    /** UDP_PORT_RX_LOW..UDP_PORT_RX_HIGH and UDP_PORT_RX_AFS_BACKUPS. */
    public static final int[] UDP_PORTS = {7000, 7001, 7002, 7003, 7004, 7005, 7006, 7007, 7008, 7009, 7021};
    /** The most calls remembered for pairing. */
    static final int CALLS = 1 << 16;

    private record Key(long conversation, long epoch, long cid, long call) { }

    /** afs_request_val. */
    private static final class Call {
        long opcode;
        int requestFrame;
        int replyFrame;
        long requestTime;
    }

    private Map<Key, Call> calls = newCalls();
    private boolean visited;

    private long frame = -1;
    private Tvb bytes;
    private boolean fragmented;
    private int srcPort;
    private int dstPort;
    private long time;
    private AfsWalk.Pairing pairing;
    private String shownName = "RX";
    private final Items.Fields fields = new Items.Fields();
    private final BooleanSupplier tree;

    /**
     * @param tree whether tshark builds a tree for the frames: packet-afs.c reads a call's
     *     arguments only then, which decides whether a cut or mutated call is malformed in the list
     */
    public Rx(BooleanSupplier tree) {
        this.tree = tree;
    }

    private static Map<Key, Call> newCalls() {
        return new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Call> eldest) {
                return size() > CALLS;
            }
        };
    }

    @Override
    public String name() { return "rx"; }

    @Override
    public void secondPassOf(TwoPass first) {
        calls = ((Rx) first).calls;
        visited = true;
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        frame = -1;
        bytes = null;
        pairing = null;
        boolean frag = ctx.datagram && ctx.fragment;
        Tvb b = new Tvb(s, off, Math.max(len, 0), Math.max(len, ctx.reportedLength), frag);
        if (!RxWalk.accepts(b)) {
            ctx.declined = true;
            return;
        }
        frame = ctx.frame;
        bytes = b;
        fragmented = frag;
        srcPort = ctx.srcPort;
        dstPort = ctx.dstPort;
        time = ctx.time;
        ctx.columns.setProtocol("RX");
        ctx.columns.setInfo("");
        RxWalk rx = new RxWalk(b, srcPort, dstPort);
        Tree nothing = Tree.NOTHING;
        String info = null;
        String marker = null;
        try {
            Tree r = rx.header(nothing);
            if (rx.type == RxWalk.DATA) {
                ctx.columns.setProtocol("AFS (RX)");
                Tvb payload = payload(b);
                pairing = pair(ctx.conversation, rx, payload);
                AfsWalk afs = new AfsWalk(payload, rx, srcPort, dstPort, pairing, time);
                info = afs.info;
                ctx.columns.setInfo(info);
                if (tree.getAsBoolean()) {
                    afs.tree(nothing, false); // dissect_afs's "if (tree)"
                }
            } else {
                try {
                    rx.body(r);
                } finally {
                    info = rx.info;
                }
            }
        } catch (Tvb.Stop stop) {
            marker = stop.shown(frag).info();
        }
        if (info != null) {
            ctx.columns.setInfo(info);
        }
        if (marker != null) {
            ctx.columns.appendInfo(marker);
        }
    }

    /** The bytes after RX's header (tvb_new_subset_remaining). */
    private static Tvb payload(Tvb b) {
        return new Tvb(b.s, b.base + RxWalk.HEADER, b.cap - RxWalk.HEADER, b.rep - RxWalk.HEADER, b.fragment);
    }

    /** dissect_afs's request table: a request's first packet notes the call, a reply its frame. */
    private AfsWalk.Pairing pair(long conversation, RxWalk rx, Tvb payload) {
        Key k = new Key(conversation, rx.epoch, rx.cid, rx.callNumber);
        boolean reply = (rx.flags & RxWalk.CLIENT_INITIATED) == 0;
        Call c = calls.get(k);
        if (!visited) {
            if (c == null && !reply) {
                long op = payload.u32(0); // read before the call is noted: a short request notes nothing
                c = new Call();
                c.opcode = (int) op; // a C int
                c.requestFrame = (int) frame;
                c.requestTime = time;
                calls.put(k, c);
            }
            if (c != null && reply) {
                c.replyFrame = (int) frame;
            }
        }
        return c == null ? new AfsWalk.Pairing(false, 0, 0, 0, 0)
                : new AfsWalk.Pairing(true, c.requestFrame, c.replyFrame, c.requestTime, c.opcode);
    }

    @Override
    public boolean shows(long f) {
        return f == frame && bytes != null;
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        protocols.accept("rx");
        shownName = "RX";
        RxWalk rx = new RxWalk(bytes, srcPort, dstPort);
        try {
            Tree r = rx.header(root);
            if (rx.type == RxWalk.DATA) {
                shownName = "AFS (RX)";
                Tvb payload = payload(bytes);
                try {
                    if (pairing == null) {
                        payload.u32(0); // a short request's opcode, missing before AFS added its item
                    }
                    new AfsWalk(payload, rx, srcPort, dstPort, pairing, time).tree(root, true);
                } catch (Tvb.Stop stop) {
                    protocols.accept("afs"); // a dissector that threw keeps its layer
                    throw stop;
                }
                if (payload.cap > 0) {
                    // dissect_afs returns the captured length: 0 is a rejection, which drops its layer
                    protocols.accept("afs");
                }
            } else {
                rx.body(r);
            }
        } catch (Tvb.Stop stop) {
            return stop.shown(fragmented).end();
        }
        return End.OK;
    }

    /** The frame's RX and AFS items for its fields, or null when RX did not take the frame. */
    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return shownName; }
}

package dev.tcpscope.proto.finger;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.PassRecord;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.TwoPass;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * The Finger protocol (RFC 742) as Wireshark 4.0.17 dissects it on TCP port 79 (packet-finger.c).
 * Bytes to port 79 are the query, a line that must end with CRLF: without it the dissector asks
 * for one more segment. Bytes from the server are the response, which runs to the end of the
 * stream: the dissector asks for everything until FIN and dissects it in the frame that carries
 * the FIN (or in a reassembled one). Either way it has written "Query" or "Response" in Info
 * before it asks, which the segment's line then keeps.
 *
 * <p>The conversation remembers its query's frame and time and its response's frame, as the
 * dissector's conversation data; tshark's second pass (-2) starts from what the first pass left
 * there, so a query then names the response it got. Only the first pass notes a query, and only
 * when it may ask for more bytes (packet-finger.c's can_desegment branch).
 */
public final class Finger implements PduDissector, LayerTree, TwoPass {
    /** packet-finger.c FINGER_PORT. */
    public static final int PORT = 79;
    public static final int[] TCP_PORTS = {PORT};

    /** finger_transaction_t, per conversation. */
    static final class Session {
        boolean started;
        int requestFrame, responseFrame;
        long requestTime;
    }

    /** -2: each conversation's session as the first pass left it, by tcp.stream. */
    private final PassRecord<Session> passes = new PassRecord<>();

    // what the last frame showed
    private int frame = -1;
    private MemorySegment s;
    private long base;
    private int len;
    private boolean query, noCrLf;
    private int responseIn, requestIn;
    private long responseTime = -1;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public void recordForSecondPass() {
        passes.start();
    }

    @Override
    public void secondPassOf(TwoPass first) {
        passes.takeOver(((Finger) first).passes);
    }

    @Override
    public String name() { return "finger"; }

    @Override
    public Object newSession() { return new Session(); }

    @Override
    public void dissect(MemorySegment seg, long off, int length, PduContext ctx) {
        Session ss = (Session) ctx.session;
        if (!ss.started) {
            ss.started = true;
            Session first = passes.take(ctx.stream);
            if (first != null) {
                ss.requestFrame = first.requestFrame;
                ss.responseFrame = first.responseFrame;
                ss.requestTime = first.requestTime;
            }
            passes.put(ctx.stream, ss);
        }
        boolean isQuery = ctx.dstPort == PORT;
        ctx.columns.setProtocol("FINGER");
        ctx.columns.setInfo(isQuery ? "Query" : "Response");
        int reported = ctx.reportedLength > 0 ? ctx.reportedLength : length;
        boolean crlf = reported >= 2 && length >= reported
                && Text.u8(seg, off + reported - 2) == '\r' && Text.u8(seg, off + reported - 1) == '\n';
        // tcp.Desegmenter plays tshark's second pass itself (it drops what a call it would not
        // make shows), so the dissector asks for more bytes in both passes alike
        boolean second = passes.secondPass();
        if (ctx.canDesegment) {
            if (isQuery) {
                if (!crlf) {
                    ctx.desegmentOffset = 0;
                    ctx.desegmentLength = ONE_MORE_SEGMENT;
                    return;
                }
                if (!second) {
                    ss.requestFrame = ctx.frame;
                    ss.requestTime = ctx.time;
                }
            } else if (!(ctx.fin || ctx.reassembled)) {
                // the FIN (or bytes already reassembled, an out-of-order segment after it) is dissected now
                ctx.desegmentOffset = 0;
                ctx.desegmentLength = UNTIL_FIN;
                return;
            }
        }
        if (second && isQuery && ss.requestFrame == 0) {
            ss.requestFrame = ctx.frame;
            ss.requestTime = ctx.time;
        }
        if (!isQuery && ss.responseFrame == 0) {
            ss.responseFrame = ctx.frame;
        }
        frame = ctx.frame;
        s = seg;
        base = off;
        len = length;
        query = isQuery;
        noCrLf = isQuery && !crlf;
        responseIn = isQuery ? ss.responseFrame : 0;
        requestIn = isQuery ? 0 : ss.requestFrame;
        responseTime = !isQuery && ss.requestFrame != 0 && ctx.frame == ss.responseFrame ? ctx.time - ss.requestTime : -1;
    }

    @Override
    public boolean shows(long f) {
        return f == frame;
    }

    @Override
    public void uncall(long f) {
        if (f == frame) {
            frame = -1;
        }
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        protocols.accept("finger");
        Tree t = root.protocol("finger", "FINGER: " + (query ? "Query" : "Response")).at(s, base, len);
        if (query) {
            Tree q = t.string("finger.query", "Query", Text.ascii(s, base, len)).at(s, base, len);
            if (noCrLf) {
                q.expert("finger.nocrlf", Tree.Severity.WARNING, Tree.Group.MALFORMED, "Missing <CR><LF>");
            }
            if (responseIn != 0) {
                t.field("finger.response_in", "Response In: " + responseIn, Integer.toString(responseIn)).generated();
            }
        } else {
            t.string("finger.response", "Response", Text.ascii(s, base, len)).at(s, base, len);
            if (requestIn != 0) {
                t.field("finger.response_to", "Request In: " + requestIn, Integer.toString(requestIn)).generated();
                if (responseTime >= 0) {
                    String secs = Text.seconds(responseTime);
                    t.field("finger.response_time", "Response Time: " + secs + " seconds", secs).generated();
                }
            }
        }
        return End.OK;
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "FINGER"; }
}

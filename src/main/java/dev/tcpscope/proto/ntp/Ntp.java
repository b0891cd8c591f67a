package dev.tcpscope.proto.ntp;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Datagram;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.PassRecord;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * NTP (RFC 5905 and its predecessors, with ntpd's mode 6 control and mode 7 private messages)
 * as Wireshark 4.0.17's packet-ntp.c dissects it on udp.port 123: Protocol {@code NTP}, Info
 * "NTP Version 4, client" (private messages add "Request, PEER_LIST_SUM"), the tree of
 * {@link NtpWalk}.
 *
 * <p>packet-ntp.c pairs requests and responses per conversation (a client's request with the
 * next server answer, a control or private request with the responses carrying its sequence
 * number or implementation), but shows the pairing only on a second pass: {@code -2} gives
 * "[Response In]", "[Request In]" and "[Delta Time]", one pass nothing. So only the first pass of
 * two keeps anything (per NTP frame of the file, as Wireshark's second pass needs); one pass keeps
 * just the current frame's message.
 */
public final class Ntp implements PduDissector, LayerTree, dev.tcpscope.proto.TwoPass {
    /** UDP_PORT_NTP. */
    public static final int[] UDP_PORTS = {123};

    /** One request: its frame and time, the first response seen for it (packet-ntp.c ntp_trans_info_t). */
    private static final class Trans {
        final int requestFrame;
        final long requestTime;
        int responseFrame;

        Trans(int requestFrame, long requestTime) {
            this.requestFrame = requestFrame;
            this.requestTime = requestTime;
        }
    }

    /** Request frame → its transaction, and response frame → the transaction it answers (first pass of two). */
    private final PassRecord<Trans> requests = new PassRecord<>();
    private final PassRecord<Trans> answers = new PassRecord<>();
    /** Per conversation, the requests by (sequence, frame): only while a first pass of two records. */
    private final Map<Long, TreeMap<Long, Trans>> conversations = new HashMap<>();

    private final Datagram taken = new Datagram();
    private NtpWalk.Pairing pairing = NtpWalk.Pairing.NONE;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "ntp"; }

    @Override
    public void recordForSecondPass() {
        requests.start();
        answers.start();
    }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass other) {
        Ntp first = (Ntp) other;
        requests.takeOver(first.requests);
        answers.takeOver(first.answers);
        first.conversations.clear();
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        Tvb b = new Tvb(s, off, len, ctx.reportedLength, Datagram.fragmented(ctx));
        taken.keep(ctx, b);
        pairing = NtpWalk.Pairing.NONE;
        if (requests.recording()) {
            pairFirstPass(b, ctx);
        } else if (requests.secondPass()) {
            Trans request = requests.get(ctx.frame);
            Trans answered = answers.get(ctx.frame);
            if (request != null && request.responseFrame != 0) {
                pairing = new NtpWalk.Pairing(0, 0, request.responseFrame);
            } else if (answered != null) {
                pairing = new NtpWalk.Pairing(answered.requestFrame, ctx.time - answered.requestTime, 0);
            }
        }
        NtpWalk w = new NtpWalk(b, pairing);
        ctx.columns.setProtocol("NTP");
        taken.columns(ctx, w::walk, () -> w.info);
    }

    /** The first pass of two: packet-ntp.c's transactions (wmem_tree_lookup32_array_le on sequence and frame). */
    private void pairFirstPass(Tvb b, PduContext ctx) {
        int mode = NtpWalk.mode(b);
        long seq;
        boolean response;
        boolean firstOnly;
        if (mode == NtpWalk.MODE_CTRL || mode == NtpWalk.MODE_PRIV) {
            if (b.cap < 4) {
                return;
            }
            response = (b.u8(1) & 0x80) != 0 && mode == NtpWalk.MODE_CTRL || (b.u8(0) & 0x80) != 0 && mode == NtpWalk.MODE_PRIV;
            seq = mode == NtpWalk.MODE_CTRL ? b.u16(2) : 0xff000000L | b.u8(2);
            firstOnly = false;
        } else if (mode == NtpWalk.MODE_CLIENT || mode == NtpWalk.MODE_SERVER) {
            response = mode == NtpWalk.MODE_SERVER;
            seq = 0xffffffffL;
            firstOnly = true;
        } else {
            return;
        }
        TreeMap<Long, Trans> conv = conversations.computeIfAbsent(ctx.conversation, k -> new TreeMap<>());
        long key = seq << 32 | (ctx.frame & 0xffffffffL);
        if (!response) {
            Trans t = new Trans(ctx.frame, ctx.time);
            conv.put(key, t);
            requests.put(ctx.frame, t);
            return;
        }
        Map.Entry<Long, Trans> e = conv.floorEntry(key);
        if (e == null || e.getKey() >>> 32 != seq) {
            return;
        }
        Trans t = e.getValue();
        if (t.responseFrame == 0) {
            t.responseFrame = ctx.frame;
        }
        if (!firstOnly || t.responseFrame == ctx.frame) {
            answers.put(ctx.frame, t);
        }
    }

    @Override
    public boolean shows(long f) {
        return taken.shows(f);
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        protocols.accept("ntp");
        return taken.tree(new NtpWalk(taken.bytes(), pairing)::walk, root);
    }

    /** The frame's NTP items for its fields, or null when the frame has no NTP message. */
    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "NTP"; }
}

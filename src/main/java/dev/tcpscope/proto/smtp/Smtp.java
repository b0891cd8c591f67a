package dev.tcpscope.proto.smtp;

import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * SMTP over TCP as Wireshark 4.0.17 dissects it (packet-smtp.c {@code dissect_smtp}): commands
 * ({@code C: EHLO ...}, several lines joined by {@code " | "}), responses ({@code S: 250-...}),
 * the message after DATA or BDAT as {@code C: DATA fragment, N bytes}, and at the end-of-message
 * line the reassembled message handed to IMF ({@link dev.tcpscope.proto.smtp.Imf}), whose headers
 * then fill the Info column under the Protocol {@code SMTP/IMF}. AUTH LOGIN/PLAIN lines show as
 * tshark shows them with base64 decoding off (its default). After a 220 answer to STARTTLS the
 * conversation is TLS's from the next frame on ({@link PduContext#handOff}).
 *
 * <p>State per conversation: the dialogue's state and the message being reassembled (its bytes,
 * capped at {@link SmtpSession#MAX_MESSAGE}, and its fragments' frames). Per frame only the current
 * frame's calls are kept, each with a copy of the small state it started from, so that the
 * detail tree and the fields replay the same code over the same bytes.
 */
public final class Smtp implements PduDissector, LayerTree, dev.tcpscope.proto.TwoPass {
    /** packet-smtp.c: tcp.port 25 and 587 (465 is SMTP over TLS). */
    public static final int[] TCP_PORTS = {25, 587};

    private final IntFunction<PduDissector> byPort;
    private final java.util.function.Supplier<PduDissector> tls;
    private final List<SmtpCall> calls = new ArrayList<>(2);
    private int callsFrame = -1;
    private final Items.Fields fields = new Items.Fields();

    /** {@code tls}: the dissector a conversation goes to after STARTTLS (null: it stays SMTP's). */
    public Smtp(IntFunction<PduDissector> byPort, java.util.function.Supplier<PduDissector> tls) {
        this.byPort = byPort;
        this.tls = tls;
    }

    /** -2: per DATA fragment frame of a message, the frame that completed it (packet-smtp.c's reassembly table). */
    private java.util.Map<Integer, Integer> recording, recorded;

    @Override
    public void recordForSecondPass() {
        recording = new java.util.HashMap<>();
    }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass first) {
        recorded = ((Smtp) first).recording;
        ((Smtp) first).recording = null;
    }

    @Override
    public String name() { return "smtp"; }

    @Override
    public Object newSession() { return new SmtpSession(); }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        SmtpSession ss = (SmtpSession) ctx.session;
        if (ss.matchPort < 0) {
            ss.matchPort = Items.matchPort(byPort, this, ctx.srcPort, ctx.dstPort);
        }
        if (ctx.frame != callsFrame) {
            calls.clear();
            callsFrame = ctx.frame;
        }
        boolean request = ctx.dstPort == ss.matchPort;
        SmtpCall c = new SmtpCall(ss, ss.copy(), request, s, off, len, ctx.frame, ctx.canDesegment, null);
        if (recorded != null) {
            Integer in = recorded.get(ctx.frame);
            c.reassembledIn = in == null ? 0 : in;
        }
        c.run();
        if (recording != null && c.message != null) {
            for (int i = 0; i < c.message.count(); i++) {
                if (c.message.frames()[i] != ctx.frame) {
                    recording.put(c.message.frames()[i], ctx.frame);
                }
            }
        }
        if (c.startTls) {
            ctx.handOff = tls.get();
        }
        if (c.desegmentLength != 0) {
            ctx.desegmentOffset = c.desegmentOffset;
            ctx.desegmentLength = c.desegmentLength;
            if (!c.touched) {
                return; // asked for more before writing anything (tvb_find_line_end found no line)
            }
        }
        calls.add(c);
        ctx.columns.setProtocol(c.protocol);
        ctx.columns.setInfo(Text.infoLimit(c.info));
    }

    @Override
    public boolean shows(long frame) {
        return frame == callsFrame && !calls.isEmpty();
    }

    @Override
    public End tree(long frame, Tree root, Consumer<String> protocols) {
        if (!shows(frame)) {
            return End.OK;
        }
        for (SmtpCall c : calls) {
            protocols.accept("smtp");
            c.replay(root, protocols);
        }
        return End.OK;
    }

    @Override
    public void sources(long frame, java.util.function.BiConsumer<String, byte[]> source) {
        if (!shows(frame)) {
            return;
        }
        for (SmtpCall c : calls) {
            if (c.imf && c.message != null && c.message.fragments() > 0) { // process_reassembled_data: any fragment list
                source.accept("Reassembled SMTP", c.message.bytes()); // the array IMF's items point into
            }
            if (c.base64 != null) {
                source.accept("base64", c.base64);
            }
        }
    }

    Collected fields(long frame) {
        return fields.of(this, frame);
    }

    @Override
    public String protocolName() { return "SMTP"; }
}

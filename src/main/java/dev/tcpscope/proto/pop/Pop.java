package dev.tcpscope.proto.pop;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.smtp.MailFragments;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * POP3 as Wireshark 4.0.17 dissects it (packet-pop.c) on tcp.port 110, each segment on its own:
 * a request or a response whose first line is the Info ({@code C: RETR 1}, {@code S: +OK ...}),
 * its first token and the rest of that line as items, the other lines as data items; a segment
 * from the server that starts with neither "+OK" nor "-ERR" is a continuation, "S: DATA fragment,
 * N bytes", added to the message a RETR or TOP answer announced ("+OK 1234 octets"): once the
 * bytes read reach that length (at once when no length was given) the message goes to IMF, whose
 * headers then fill the Info column under "POP/IMF". After "+OK " answers STLS the conversation
 * is TLS's from the next frame on.
 *
 * <p>Memory: a message's fragments are held until it completes, at most 16 MiB of them (past
 * that, the message is not shown to IMF), per conversation. With {@code -2} the first pass also
 * notes, for each fragment of a message of several, the frame that completed it (eight bytes a
 * fragment), which the second pass shows as "Reassembled DATA in frame".
 */
public final class Pop implements PduDissector, LayerTree, dev.tcpscope.proto.TwoPass {
    /** packet-pop.c TCP_PORT_POP. */
    public static final int[] TCP_PORTS = {110};
    static final int MAX_MESSAGE = MailFragments.MAX_MESSAGE;

    private final IntFunction<PduDissector> byPort;
    private final java.util.function.Supplier<PduDissector> tls;
    private final Items.Fields fields = new Items.Fields();

    /** pop_data_val, plus the matched port and the message being reassembled. */
    static final class Session {
        int matchPort = -1;
        boolean msgRequest, stlsRequest;
        long msgReadLen, msgTotLen;
        MailFragments message;
    }


    // what the last frame showed
    private int frame = -1;
    private MemorySegment s;
    private long base;
    private int len;
    private boolean request, continuation;
    /** A RETR/TOP answer whose length could not be read (4.0's pop.response.tot_len.invalid). */
    private boolean totLenInvalid;
    /** The message the frame completed, or null; whether it had more than one fragment. */
    private MailFragments done;
    private StringBuilder imfInfo;
    private byte[] base64;

    /** {@code tls}: the dissector a conversation goes to after STLS. */
    public Pop(IntFunction<PduDissector> byPort, java.util.function.Supplier<PduDissector> tls) {
        this.byPort = byPort;
        this.tls = tls;
    }

    /** -2: per fragment frame of a message of several, the frame that completed it. */
    private java.util.Map<Integer, Integer> recording, recorded;
    private int reassembledIn;

    @Override
    public void recordForSecondPass() {
        recording = new java.util.HashMap<>();
    }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass first) {
        recorded = ((Pop) first).recording;
    }

    @Override
    public String name() { return "pop"; }

    @Override
    public Object newSession() { return new Session(); }

    @Override
    public void dissect(MemorySegment seg, long off, int length, PduContext ctx) {
        Session ss = (Session) ctx.session;
        if (ss.matchPort < 0) {
            ss.matchPort = Items.matchPort(byPort, this, ctx.srcPort, ctx.dstPort);
        }
        frame = ctx.frame;
        s = seg;
        base = off;
        len = length;
        done = null;
        base64 = null;
        totLenInvalid = false;
        reassembledIn = 0;
        request = ctx.dstPort == ss.matchPort;
        int[] next = new int[1];
        int linelen = Text.lineEnd(s, base, len, next, false);
        continuation = !request && !Text.startsWith(s, base, len, "+OK") && !Text.startsWith(s, base, len, "-ERR");
        StringBuilder info = new StringBuilder(64);
        String protocol = "POP";
        if (continuation) {
            int n = ctx.reportedLength > 0 ? ctx.reportedLength : len;
            info.append("S: DATA fragment, ").append(n).append(n == 1 ? " byte" : " bytes");
            ss.msgReadLen += n;
            boolean more = ss.msgReadLen < ss.msgTotLen;
            if (ss.message == null) {
                ss.message = new MailFragments();
            }
            ss.message.add(frame, s, base, len);
            if (more && recorded != null) {
                Integer in = recorded.get(frame);
                reassembledIn = in == null ? 0 : in; // the second pass knows where the message ended
            }
            if (!more) {
                done = ss.message;
                if (recording != null && done.count > 1) {
                    for (int i = 0; i < done.count - 1; i++) {
                        recording.put(done.frames[i], frame);
                    }
                }
                if (done.data.length != done.length) {
                    done.data = Arrays.copyOf(done.data, done.length); // the "Reassembled DATA" source IMF's items point into
                }
                ss.message = null;
                ss.msgReadLen = 0;
                ss.msgTotLen = 0;
                if (!done.overflow) {
                    imfInfo = new StringBuilder();
                    StringBuilder column = new StringBuilder("POP/IMF");
                    base64 = dev.tcpscope.proto.smtp.Imf.dissect(imf(), done.length, null, imfInfo, column, null, null);
                    info = imfInfo;
                    protocol = column.toString();
                }
            }
        } else {
            info.append(request ? "C: " : "S: ").append(Text.format(s, base, linelen));
            state(ss, linelen, ctx);
        }
        ctx.columns.setProtocol(protocol);
        ctx.columns.setInfo(Text.infoLimit(info));
    }

    /** The bytes IMF reads: the frame's own for a one-fragment message, else the reassembled ones. */
    private MemorySegment imf() {
        return done.count == 1 ? s.asSlice(base, len) : MemorySegment.ofArray(done.data);
    }

    /** The RETR/TOP and STLS bookkeeping of a request's or a response's first token. */
    private void state(Session ss, int linelen, PduContext ctx) {
        if (tokenLen(linelen) == 0) {
            return;
        }
        if (request) {
            if (Text.startsWithIgnoreCase(s, base, linelen, "RETR") || Text.startsWithIgnoreCase(s, base, linelen, "TOP")) {
                ss.msgRequest = true; // the next response says how many bytes follow
            }
            if (Text.startsWithIgnoreCase(s, base, linelen, "STLS")) {
                ss.stlsRequest = true;
            }
            return;
        }
        boolean ok = Text.startsWithIgnoreCase(s, base, linelen, "+OK ");
        if (ss.msgRequest) {
            if (ok && len > 4) {
                ss.msgReadLen = 0;
                ss.msgTotLen = totalLength();
                totLenInvalid = ss.msgTotLen < 0;
                if (totLenInvalid) {
                    ss.msgTotLen = 0;
                }
            }
            ss.msgRequest = false;
        }
        if (ss.stlsRequest) {
            if (ok) {
                ctx.handOff = tls.get(); // ssl_starttls_ack: this is the last frame in clear
            }
            ss.stlsRequest = false;
        }
    }

    /**
     * The message's length as {@code sscanf(line, "%*s %u %*s")} reads it from the answer: the
     * number after its first word (blanks, line ends included, skipped; a sign allowed; wrapping
     * as a guint32), or -1 when no number is there ("Length must be a string containing an
     * integer"). The C string runs on past the line, so a number on the next line counts.
     */
    private long totalLength() {
        int i = 0;
        while (i < len && space(Text.u8(s, base + i))) {
            i++;
        }
        while (i < len && !space(Text.u8(s, base + i))) {
            i++;
        }
        while (i < len && space(Text.u8(s, base + i))) {
            i++;
        }
        boolean negative = false;
        if (i < len && (Text.u8(s, base + i) == '+' || Text.u8(s, base + i) == '-')) {
            negative = Text.u8(s, base + i) == '-';
            i++;
        }
        if (i >= len || Text.u8(s, base + i) < '0' || Text.u8(s, base + i) > '9') {
            return -1;
        }
        int v = 0;
        for (; i < len && Text.u8(s, base + i) >= '0' && Text.u8(s, base + i) <= '9'; i++) {
            v = v * 10 + (Text.u8(s, base + i) - '0');
        }
        return Integer.toUnsignedLong(negative ? -v : v);
    }

    private static boolean space(int c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** get_token_len over the first line: up to a space, CR or LF. */
    private int tokenLen(int linelen) {
        int i = 0;
        while (i < linelen && Text.u8(s, base + i) != ' ' && Text.u8(s, base + i) != '\r' && Text.u8(s, base + i) != '\n') {
            i++;
        }
        return i;
    }

    @Override
    public boolean shows(long f) {
        return f == frame;
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        protocols.accept("pop");
        Tree pop = root.protocol("pop", "Post Office Protocol").at(s, base, len);
        if (continuation) {
            if (reassembledIn != 0) {
                pop.field("pop.data.reassembled.in", "Reassembled DATA in frame: " + reassembledIn,
                        Integer.toString(reassembledIn)).generated().at(s, base, 0);
            }
            if (done != null && done.count > 1) {
                fragmentTree(pop, done);
            }
            if (done != null && !done.overflow) {
                protocols.accept("imf");
                dev.tcpscope.proto.smtp.Imf.dissect(imf(), done.length, root, new StringBuilder(), new StringBuilder("POP/IMF"),
                        protocols, base64);
            }
            return End.OK;
        }
        String kind = request ? "request" : "response";
        int[] next = new int[1];
        int linelen = Text.lineEnd(s, base, len, next, false);
        Tree line = pop.line("pop." + kind, Text.latin1(s, base, next[0]), "").at(s, base, next[0]);
        int token = tokenLen(linelen);
        int at = 0;
        int rest = linelen;
        if (token != 0) {
            line.string(request ? "pop.request.command" : "pop.response.indicator",
                    request ? "Request command" : "Response indicator", Text.ascii(s, base, token)).at(s, base, token);
            if (totLenInvalid) {
                line.expert("pop.response.tot_len.invalid", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "Length must be a string containing an integer");
            }
            at = token;
            while (at < linelen && Text.u8(s, base + at) == ' ') {
                at++;
            }
            rest = linelen - at;
        }
        if (rest != 0) {
            line.string(request ? "pop.request.parameter" : "pop.response.description",
                    request ? "Request parameter" : "Response description", Text.ascii(s, base + at, rest)).at(s, base + at, rest);
        }
        int offset = next[0];
        while (offset < len) {
            Text.lineEnd(s, base + offset, len - offset, next, false);
            pop.line("pop." + kind + ".data", Text.latin1(s, base + offset, next[0]), "").at(s, base + offset, next[0]);
            offset += next[0];
        }
        return End.OK;
    }

    /** packet-pop.c's pop_data_frag_items. */
    private static final dev.tcpscope.proto.Fragments.Names FRAGMENTS = new dev.tcpscope.proto.Fragments.Names(
            "pop.data.fragments", "pop.data.fragment", "pop.data.fragment.count", "pop.data.reassembled.length", null,
            "DATA fragment", "DATA fragments", "DATA fragment count", "Reassembled DATA length", null);

    /** show_fragment_seq_tree for a message of several fragments, over the reassembled bytes. */
    private static void fragmentTree(Tree pop, MailFragments m) {
        dev.tcpscope.proto.Fragments.tree(pop, FRAGMENTS, m.frames, m.lengths, m.count, MemorySegment.ofArray(m.data), m.length);
    }

    @Override
    public void sources(long f, java.util.function.BiConsumer<String, byte[]> source) {
        if (shows(f) && done != null && done.count > 1 && !done.overflow) {
            source.accept("Reassembled DATA", done.data);
        }
    }

    /** The items of this frame's POP tree (IMF's included), or null when POP shows nothing in it. */
    public Collected treeFields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "POP"; }
}

package dev.tcpscope.proto.ldap;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * LDAP (RFC 4511) as Wireshark 4.0.17's packet-ldap.c dissects it on tcp.port 389 and 3268:
 * each LDAPMessage framed by its BER length ({@code tcp_dissect_pdus} with
 * get_normal_ldap_pdu_len, "[PDU Size: N]" under TCP, a message over several segments
 * reassembled), or, once a SASL bind has completed or a buffer looks like a Kerberos-wrapped
 * one, a 4-byte SASL buffer length and the buffer, shown undecrypted. Each message is its own
 * "Lightweight Directory Access Protocol" item; the Info of the messages of one frame is joined
 * by " | " as 4.0's column fence joins it. Requests and responses are paired per conversation
 * by message ID as 4.0 pairs them (a response matches the newest answered request of its ID
 * first); "Response In" needs the second pass ({@code -2}). After a successful StartTLS extended
 * response the conversation is TLS's.
 *
 * <p>State per conversation: the bind's mechanism, the pairing maps (two ints and a time per
 * request until the conversation ends), the running count of search results. Per frame: the
 * messages dissected, replayed for the tree.
 */
public final class Ldap implements PduDissector, dev.tcpscope.proto.TcpPdus, dev.tcpscope.proto.TwoPass {
    /** packet-ldap.c TCP_PORT_RANGE_LDAP. */
    public static final int[] TCP_PORTS = {389, 3268};
    static final int AUTH_SIMPLE = 1, AUTH_SASL = 3;
    /** packet-ldap.h LDAP_SASL_MAX_BUF. */
    static final long SASL_MAX_BUF = 1024 * 1024;

    private final Supplier<PduDissector> tls;
    private final Items.Fields fields = new Items.Fields();

    public Ldap(Supplier<PduDissector> tls) {
        this.tls = tls;
    }

    /** A request waiting for or paired with its response (ldap_call_response_t). */
    static final class Call {
        int messageId, reqFrame, repFrame;
        long reqTime;
    }

    /** ldap_conv_info_t. */
    static final class Conv {
        /** packet-ntlmssp.c's conversation data: the last CHALLENGE's flags. */
        final dev.tcpscope.proto.ntlmssp.Ntlmssp.Conv ntlmssp = new dev.tcpscope.proto.ntlmssp.Ntlmssp.Conv();
        int authType;
        String authMech;
        int firstAuthFrame;
        int numResults;
        /** The second pass of two: counts are what the first pass left. */
        boolean visited;
        boolean startTlsPending;
        final Map<Integer, Call> unmatched = new HashMap<>();
        /** Matched calls by message ID, newest first. */
        final Map<Integer, List<Call>> matched = new HashMap<>();
        /** The second pass's: the first pass's matched calls, and who answered each request frame. */
        Map<Integer, List<Call>> finalMatched;
        int frame;
        long time;

        /** ldap_match_call_response for message {@code m}. */
        void match(Msg m, int id, boolean request, int tag) {
            List<Call> done = (finalMatched != null ? finalMatched : matched).get(id);
            Call found = null;
            if (done != null) {
                for (Call c : done) {
                    if (!request || c.reqFrame == frame) {
                        found = c;
                        break;
                    }
                }
            }
            if (found == null) {
                if (request) {
                    Call c = new Call();
                    c.messageId = id;
                    c.reqFrame = frame;
                    c.reqTime = time;
                    unmatched.put(id, c);
                    return;
                }
                Call c = unmatched.get(id);
                if (c != null && c.repFrame == 0) {
                    unmatched.remove(id);
                    c.repFrame = frame;
                    matched.computeIfAbsent(id, k -> new ArrayList<>(1)).add(0, c);
                    found = c;
                }
            }
            if (found != null) {
                m.pairedRequest = request;
                if (request) {
                    m.responseIn = found.repFrame;
                } else {
                    m.responseTo = found.reqFrame;
                    m.delta = time - found.reqTime;
                }
            }
        }
    }

    /** One LDAP PDU of the frame: its bytes and what the first walk decided. */
    static final class Msg {
        /** The dissection ended on tshark's dissection-depth assertion ({@link LdapWalk.DepthBug}). */
        boolean depthBug;
        final Tvb bytes;
        final boolean sasl;
        final int frame;
        int saslLength;
        boolean doingSasl;
        String mech;
        boolean pairedRequest;
        int responseIn, responseTo;
        long delta;
        int results;
        boolean startTls, saslCreds;
        /** Whether the NTLMSSP AUTHENTICATE it carries reads Unicode strings (the conversation's, when first seen). */
        boolean ntlmUnicode;
        /** Its serverSaslCreds go to gss-api (mechanism GSSAPI), else to ntlmssp or spnego (GSS-SPNEGO). */
        boolean saslCredsGss;
        /** The layers the dissectors it called through handles added (ldap, data), in order. */
        final List<String> layers = new ArrayList<>(1);
        /** Which call of the dissector in the frame carried it. */
        int call;
        /** Whether that call's bytes were reassembled by TCP. */
        boolean reassembled;
        LayerTree.End end = LayerTree.End.OK;

        Msg(Tvb bytes, boolean sasl, int frame) {
            this.bytes = bytes;
            this.sasl = sasl;
            this.frame = frame;
        }
    }

    private final List<Msg> msgs = new ArrayList<>(2);
    private int msgsFrame = -1;
    private final dev.tcpscope.proto.PassRecord<Map<Integer, List<Call>>> record = new dev.tcpscope.proto.PassRecord<>();

    /** Each conversation's search-result count after the first pass of two. */
    private final dev.tcpscope.proto.PassRecord<Integer> results = new dev.tcpscope.proto.PassRecord<>();

    @Override
    public void recordForSecondPass() {
        record.start();
        results.start();
    }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass first) {
        record.takeOver(((Ldap) first).record);
        results.takeOver(((Ldap) first).results);
    }

    @Override
    public String name() { return "ldap"; }

    @Override
    public Object newSession() { return new Conv(); }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (msgsFrame != ctx.frame) {
            msgs.clear();
            msgsFrame = ctx.frame;
            state = new LdapWalk.FrameState();
            calls = 0;
        }
        calls++;
        Conv conv = (Conv) ctx.session;
        if (record.secondPass() && conv.finalMatched == null) {
            Map<Integer, List<Call>> m = record.take(ctx.stream);
            conv.finalMatched = m == null ? new HashMap<>() : m;
            // the second pass sees the count the first ended with and adds nothing (fd->visited)
            Integer n = results.take(ctx.stream);
            conv.numResults = n == null ? 0 : n;
            conv.visited = true;
        }
        if (record.recording()) {
            record.put(ctx.stream, conv.matched);
        }
        conv.frame = ctx.frame;
        conv.time = ctx.time;
        if (len < 4) {
            return; // tvb_get_ntohl would throw before LDAP writes anything
        }
        long saslLen = u32(s, off);
        boolean sasl;
        if (saslLen >= 2 && saslLen <= SASL_MAX_BUF && conv.authType == AUTH_SASL) {
            sasl = true;
        } else if ((s.get(ValueLayout.JAVA_BYTE, off) & 0xff) == 0x30 && berLength(s, off + 1, len - 1) >= 2) {
            sasl = false;
        } else if (saslLen + 4 == (ctx.reportedLength > 0 ? ctx.reportedLength : len)) {
            sasl = true;
        } else {
            return;
        }
        pdus(s, off, len, ctx, conv, sasl);
        if (results.recording()) {
            results.put(ctx.stream, conv.numResults);
        }
    }

    private LdapWalk.FrameState state = new LdapWalk.FrameState();
    private int calls;

    private static long u32(MemorySegment s, long off) {
        return (long) (s.get(ValueLayout.JAVA_BYTE, off) & 0xff) << 24 | (s.get(ValueLayout.JAVA_BYTE, off + 1) & 0xff) << 16
                | (s.get(ValueLayout.JAVA_BYTE, off + 2) & 0xff) << 8 | s.get(ValueLayout.JAVA_BYTE, off + 3) & 0xff;
    }

    /** get_ber_length at {@code off} over {@code avail} bytes: the length, or -1 when its bytes are not there. */
    private static long berLength(MemorySegment s, long off, int avail) {
        if (avail < 1) {
            return -1;
        }
        int first = s.get(ValueLayout.JAVA_BYTE, off) & 0xff;
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7f;
        if (n + 1 > avail) {
            return -1;
        }
        long v = 0;
        for (int i = 1; i <= n; i++) {
            v = (v << 8 | s.get(ValueLayout.JAVA_BYTE, off + i) & 0xff) & 0xffffffffL;
        }
        return v;
    }

    /** tcp_dissect_pdus with the SASL (4 bytes) or BER (7 bytes) fixed part. */
    private void pdus(MemorySegment s, long off, int len, PduContext ctx, Conv conv, boolean sasl) {
        int fixed = sasl ? 4 : 7;
        int pos = 0;
        while (pos < len) {
            int remaining = len - pos;
            if (ctx.canDesegment && remaining < fixed) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = ONE_MORE_SEGMENT;
                return;
            }
            long plen;
            if (sasl) {
                if (remaining < 4) {
                    ctx.columns.appendInfo(ctx.truncated ? " [Packet size limited during capture]" : " [Malformed Packet]");
                    return;
                }
                plen = u32(s, off + pos) + 4;
            } else {
                long l = berLength(s, off + pos + 1, remaining - 1);
                if (l < 0) {
                    ctx.columns.appendInfo(ctx.truncated ? " [Packet size limited during capture]" : " [Malformed Packet]");
                    return;
                }
                int first = s.get(ValueLayout.JAVA_BYTE, off + pos + 1) & 0xff;
                int hdr = 2 + (first < 0x80 ? 0 : first & 0x7f);
                plen = (l + hdr) & 0xffffffffL;
            }
            if (plen < fixed) {
                ctx.columns.appendInfo(" [Malformed Packet]");
                return;
            }
            if (ctx.canDesegment && remaining < plen) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = (int) Math.min(plen - remaining, UNTIL_FIN - 1L);
                return;
            }
            int length = (int) Math.min(remaining, plen);
            int rep = (int) Math.min(plen, Integer.MAX_VALUE);
            boolean fragment = !ctx.canDesegment && !ctx.truncated && plen > length;
            one(new Tvb(s, off + pos, length, rep, fragment), ctx, conv, sasl);
            pos += plen;
            if (pos < 0 || plen > Integer.MAX_VALUE) {
                break;
            }
        }
    }

    /** dissect_ldap_pdu for one PDU, without a tree: columns and conversation state. */
    private void one(Tvb b, PduContext ctx, Conv conv, boolean saslFraming) {
        Msg m = new Msg(b, saslFraming, ctx.frame);
        m.call = calls;
        m.reassembled = ctx.reassembled;
        boolean doing = conv.authType == AUTH_SASL && conv.firstAuthFrame != 0 && ctx.frame >= conv.firstAuthFrame;
        if (!doing && b.cap >= 6) {
            long sl = b.u32(0);
            int s0 = b.u8(4);
            int s1 = b.u8(5);
            if (sl + 4 <= b.rep && (s0 == 0x05 && s1 == 0x04 || s0 == 0x60)) {
                conv.authType = AUTH_SASL;
                conv.firstAuthFrame = ctx.frame;
                conv.authMech = "UNKNOWN";
                doing = true;
            }
        }
        m.doingSasl = doing && b.cap > 0 && b.u8(0) == 0;
        m.mech = conv.authMech;
        ctx.columns.setProtocol("LDAP");
        if (msgs.isEmpty()) {
            ctx.columns.setInfo("");
        } else {
            ctx.columns.appendInfo(" | ");
            ctx.columns.fence();
        }
        msgs.add(m);
        StringBuilder info = new StringBuilder(64);
        m.end = walk(m, Tree.NOTHING, info, conv, true);
        if (m.doingSasl) {
            ctx.columns.setInfo(info);
        } else {
            ctx.columns.appendInfo(info);
        }
        if (m.end != End.OK || m.depthBug) {
            // show_exception's col_append_sep: no blank after LDAP's own trailing one
            String sep = info.length() > 0 && info.charAt(info.length() - 1) == ' ' ? "" : " ";
            ctx.columns.appendInfo(sep + (m.depthBug ? "[Dissector bug, protocol LDAP: " + LdapWalk.DepthBug.MESSAGE + "]"
                    : m.end == End.SHORT ? "[Packet size limited during capture]" : "[Malformed Packet]"));
        }
        if (m.startTls) {
            ctx.handOff = tls.get();
        }
    }

    /** The PDU's walk: the SASL buffer, or the LDAP messages of dissect_ldap_payload. */
    private End walk(Msg m, Tree ldap, StringBuilder info, Conv conv, boolean first) {
        try {
            return walkMessage(m, ldap, info, conv, first);
        } catch (LdapWalk.DepthBug bug) {
            m.depthBug = true; // a DissectorError: not a bounds exception, shown apart
            return End.OK;
        }
    }

    private End walkMessage(Msg m, Tree ldap, StringBuilder info, Conv conv, boolean first) {
        Tvb b = m.bytes;
        return Tvb.walk(() -> {
            if (m.doingSasl) {
                long sl = b.u32(0);
                b.at(ldap.field("ldap.sasl_buffer_length", "SASL Buffer Length: " + sl, Long.toString(sl)), 0, 4);
                Tree buf = b.at(ldap.text("SASL Buffer"), 4, (int) Math.min(sl, Integer.MAX_VALUE));
                if ("GSS-SPNEGO".equals(m.mech) || "GSSAPI".equals(m.mech)) {
                    // gssapi_verf: the GSS-API item, and in it what its mechanism's dissector
                    // (off here) leaves: a Kerberos wrap token's data, an initial token's OID
                    int n = (int) Math.min(sl, Math.max(0, b.cap - 4));
                    dev.tcpscope.proto.ntlmssp.GssApi.tree(new dev.tcpscope.proto.ntlmssp.GssApi.Blob(b.s, b.base + 4, n, null),
                            buf, p -> {
                                if (first) {
                                    m.layers.add(p);
                                }
                            });
                    info.append("SASL GSS-API Integrity: ");
                    buf.text("GSS-API payload (0 bytes)");
                    // dissect_ldap_payload on the empty rest: tvb_ensure_captured_length_remaining throws
                    throw 4 + sl <= b.cap ? Tvb.Stop.MALFORMED : Tvb.Stop.SHORT;
                }
                return;
            }
            payload(m, b, ldap, info, conv, first);
        });
    }

    /** dissect_ldap_payload: messages while six bytes remain. */
    private void payload(Msg m, Tvb b, Tree ldap, StringBuilder info, Conv conv, boolean first) {
        int offset = 0;
        for (int guard = 0; guard < 10000; guard++) {
            int remaining = b.cap - offset;
            if (remaining < 6) {
                return;
            }
            long[] l = Ber.length(b, offset + 1);
            int id = b.u8(offset);
            long msgLen = l[0];
            if (msgLen < 4 || msgLen > 10_000_000) {
                return;
            }
            if (id == 0x30) {
                msgLen += l[1] - offset;
            } else {
                msgLen = remaining;
            }
            int length = (int) Math.min(remaining, msgLen);
            Tvb sub = new Tvb(b.s, b.base + offset, length, (int) msgLen, b.fragment);
            new LdapWalk(sub, info, state(first), conv, m, first).message(ldap);
            offset += (int) msgLen;
            if (b.rep - offset < 6) {
                return;
            }
        }
    }

    private LdapWalk.FrameState replayState;

    private LdapWalk.FrameState state(boolean first) {
        return first ? state : replayState;
    }

    @Override
    public boolean shows(long frame) {
        return frame == msgsFrame && !msgs.isEmpty();
    }

    @Override
    public End tree(long frame, Tree root, Consumer<String> protocols) {
        if (!shows(frame)) {
            return End.OK;
        }
        replayState = new LdapWalk.FrameState();
        End end = End.OK;
        int call = -1;
        for (Msg m : msgs) {
            if (m.call != call) {
                protocols.accept("ldap"); // one layer per call, however many PDUs it carries
                call = m.call;
            }
            Tree ldap = m.bytes.at(root.protocol("ldap", "Lightweight Directory Access Protocol"), 0, m.bytes.cap);
            End e = walk(m, ldap, new StringBuilder(), null, false);
            m.layers.forEach(protocols);
            if (m.depthBug) {
                // packet.c's show_exception for a DissectorError, after the tree the dissection built
                // (tshark with a tree stops earlier, at proto.c's 500-deep tree limit: not built, docs/LDAP.md)
                root.protocol("_ws.malformed", "[Dissector bug, protocol LDAP: " + LdapWalk.DepthBug.MESSAGE + "]")
                        .expert("_ws.malformed.dissector_bug", Tree.Severity.ERROR, Tree.Group.MALFORMED, LdapWalk.DepthBug.MESSAGE);
                return end; // the exception ends the frame's dissection
            }
            if (e != End.OK) {
                end = e;
            }
        }
        return end;
    }

    @Override
    public List<Items.PduSize> pduSizes(long frame) {
        return !shows(frame) ? List.of() : msgs.stream().map(m -> new Items.PduSize(m.bytes.s, m.bytes.base, m.bytes.rep, m.call, m.reassembled))
                .toList();
    }

    /** The items of this frame's LDAP trees, or null when LDAP shows nothing in it. */
    public Collected treeFields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "LDAP"; }
}

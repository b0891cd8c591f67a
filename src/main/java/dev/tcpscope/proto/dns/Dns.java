package dev.tcpscope.proto.dns;

import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.AppColumns;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * DNS (RFC 1035), mDNS (RFC 6762) and LLMNR (RFC 4795) as Wireshark 4.0.17's packet-dns.c
 * dissects them: one message per UDP datagram, length-prefixed messages over TCP (RFC 1035
 * §4.2.2, reassembled through TCP's desegmentation as {@code tcp_dissect_pdus} asks for them).
 * The Protocol column is {@code DNS}, {@code MDNS} or {@code LLMNR}; Info is the opcode, "response",
 * the ID, a non-zero rcode, then each question's type and name and each record's type and
 * summary ({@link DnsWalk}). Registered on udp.port 53 and tcp.port 53 and 5353 (dns), udp.port
 * 5353 (mdns), udp.port 5355 (llmnr), and as the "dns_udp" heuristic.
 *
 * <p>Requests and responses are paired per conversation and transaction ID as packet-dns.c pairs
 * them in one pass ({@code dns.response_to}, {@code dns.time}, retransmissions, unsolicited
 * responses). Unlike Wireshark, which keeps every transaction of the file, the pairing
 * remembers the newest {@link #MAX_TRANSACTIONS} transactions only, so memory stays flat on a
 * capture of millions of queries: a response more than that many transactions after its query
 * shows as unsolicited. Nothing else is kept across frames.
 */
public final class Dns implements PduDissector, LayerTree, dev.tcpscope.proto.TwoPass {
    /** Which of packet-dns.c's three protocols. */
    public enum Kind {
        DNS("dns", "DNS"), MDNS("mdns", "MDNS"), LLMNR("llmnr", "LLMNR");

        final String filterName;
        final String shortName;

        Kind(String filterName, String shortName) {
            this.filterName = filterName;
            this.shortName = shortName;
        }
    }

    /** packet-dns.c DEFAULT_DNS_PORT_RANGE (udp) and DEFAULT_DNS_TCP_PORT_RANGE. */
    public static final int[] UDP_PORTS = {53};
    public static final int[] TCP_PORTS = {53, 5353};
    /** UDP_PORT_MDNS, UDP_PORT_LLMNR. */
    public static final int[] MDNS_UDP_PORTS = {5353};
    public static final int[] LLMNR_UDP_PORTS = {5355};

    /** The transactions remembered for pairing (about 100 bytes each). */
    public static final int MAX_TRANSACTIONS = 1 << 16;
    /** packet-dns.c retransmission_timer: a repeated query within 5 s is a retransmission. */
    private static final long RETRANSMISSION_NS = 5_000_000_000L;

    private final Kind kind;

    public Dns(Kind kind) {
        this.kind = kind;
    }

    /** One message dissected in the current frame, and what the pairing found for it. */
    static final class Message {
        final DnsBytes bytes;
        final boolean tcp;
        final Kind kind;
        final long frameTime;
        /** Carried in an IP fragment nothing reassembled (pinfo->fragmented). */
        boolean fragmented;
        int requestFrame, responseFrame;
        boolean retransmission, response, haveHeader;
        long delta;
        /** How the walk ended. */
        LayerTree.End end = LayerTree.End.OK;

        Message(DnsBytes bytes, boolean tcp, Kind kind, long frameTime) {
            this.bytes = bytes;
            this.tcp = tcp;
            this.kind = kind;
            this.frameTime = frameTime;
        }
    }

    private final List<Message> messages = new ArrayList<>(2);
    private long messagesFrame = -1;

    /** A transaction (packet-dns.c dns_transaction_t). */
    private static final class Transaction {
        int requestFrame, responseFrame;
        long requestTime;
        boolean multipleResponds;
    }

    /** The newest transactions by conversation and ID, oldest evicted first. */
    private final java.util.LinkedHashMap<Long, Transaction> transactions = new java.util.LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Long, Transaction> eldest) {
            return size() > MAX_TRANSACTIONS;
        }
    };

    @Override
    public String name() { return kind.filterName; }

    // ---- two passes (tshark -2): a query shows the frame of its response ----------------------

    /** Request frame → response frame, for each paired transaction (kept by a first pass of two). */
    private final dev.tcpscope.proto.PassRecord<Integer> responses = new dev.tcpscope.proto.PassRecord<>();

    /**
     * tshark -2 shows "[Response In: N]" under a query, which one pass cannot know. Recording
     * keeps two ints per answered query for the whole file, as Wireshark's second pass needs
     * its transactions; one pass keeps nothing of the kind.
     */
    @Override
    public void recordForSecondPass() {
        responses.start();
    }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass other) {
        responses.takeOver(((Dns) other).responses);
    }

    /** How many transactions the pairing remembers now (at most {@link #MAX_TRANSACTIONS}). */
    int transactions() { return transactions.size(); }

    /**
     * dissect_dns_heur ("dns_udp"): more than a header, a standard query or response, one
     * question and nothing else in a query, few records in a response.
     */
    @Override
    public boolean heuristic(MemorySegment s, long off, int len) {
        if (kind != Kind.DNS || len <= 12) {
            return false;
        }
        DnsBytes b = new DnsBytes(s, off, len, len);
        int flags = b.u16(2);
        if ((flags & DnsWalk.F_OPCODE) != 0) {
            return false;
        }
        int quest = b.u16(4);
        int ans = b.u16(6);
        int auth = b.u16(8);
        if ((flags & DnsWalk.F_RESPONSE) == 0) {
            if (quest != 1 || ans != 0 || auth != 0) {
                return false;
            }
        } else if (quest > 1 || ans > 100 || auth > 10) {
            return false;
        }
        return b.u16(10) <= 10;
    }

    /** The messages dissected in frame {@code frame}. */
    List<Message> messages(long frame) {
        return frame == messagesFrame ? messages : List.of();
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (messagesFrame != ctx.frame) {
            messages.clear();
            messagesFrame = ctx.frame;
        }
        if (ctx.datagram) {
            one(new DnsBytes(s, off, len, ctx.reportedLength), false, ctx, ctx.conversation);
            return;
        }
        overTcp(s, off, len, ctx);
    }

    /** tcp_dissect_pdus with a 2-byte length prefix (get_dns_pdu_len). */
    private void overTcp(MemorySegment s, long off, int len, PduContext ctx) {
        int pos = 0;
        while (pos < len) {
            int remaining = len - pos;
            if (ctx.canDesegment && remaining < 2) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = ONE_MORE_SEGMENT;
                return;
            }
            if (remaining < 2) {
                // get_dns_pdu_len reads past the bytes: the exception ends the segment
                ctx.columns.setProtocol(kind.shortName);
                ctx.columns.appendInfo(ctx.truncated ? "[Packet size limited during capture]" : "[Malformed Packet]");
                return;
            }
            int plen = u16(s, off + pos) + 2;
            if (ctx.canDesegment && remaining < plen) {
                ctx.desegmentOffset = pos;
                ctx.desegmentLength = plen - remaining;
                return;
            }
            int length = Math.min(remaining, plen);
            // without desegmentation a PDU running past the segment is a fragment (tvb_set_fragment)
            boolean fragment = !ctx.canDesegment && !ctx.truncated && plen > length;
            one(new DnsBytes(s, off + pos, length, plen, fragment), true, ctx, 0x8000_0000_0000L | ctx.stream);
            pos += plen;
        }
    }

    private static int u16(MemorySegment s, long off) {
        return (s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, off) & 0xff) << 8
                | s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, off + 1) & 0xff;
    }

    /** dissect_dns_common for one message, without a tree: columns, pairing, and the message kept for the frame. */
    private void one(DnsBytes b, boolean tcp, PduContext ctx, long conversation) {
        AppColumns cols = ctx.columns;
        cols.setProtocol(kind.shortName);
        Message m = new Message(b, tcp, kind, ctx.time);
        m.fragmented = ctx.datagram && ctx.fragment;
        messages.add(m);
        StringBuilder info = new StringBuilder(64);
        DnsWalk w = new DnsWalk(b, kind, tcp, info);
        try {
            w.header();
            m.haveHeader = true;
            m.response = w.response();
            pair(m, w, ctx, conversation);
            w.body(null);
            Transaction t = current;
            if (t != null && w.questions > 0) {
                t.multipleResponds = w.multipleResponds;
            }
        } catch (DnsBytes.Stop stop) {
            DnsBytes.Stop shown = stop.shown(m.fragmented);
            m.end = shown.end();
            info.append(shown.info());
        }
        cols.setInfo(info.length() > 4095 ? info.substring(0, 4095) : info);
    }

    private Transaction current;

    /** The first-pass pairing of packet-dns.c (wmem_tree_lookup32_array_le on ID and frame). */
    private void pair(Message m, DnsWalk w, PduContext ctx, long conversation) {
        long key = conversation * 0x9E3779B97F4A7C15L ^ w.id;
        Transaction t = transactions.get(key);
        current = null;
        if (!m.response) {
            boolean fresh = t == null || t.responseFrame > 0;
            if (!fresh && ctx.time - t.requestTime < RETRANSMISSION_NS) {
                m.retransmission = true;
            } else {
                fresh = true;
            }
            if (fresh) {
                t = new Transaction();
                t.requestFrame = ctx.frame;
                t.requestTime = ctx.time;
                transactions.put(key, t);
            }
        } else if (t != null) {
            if (t.responseFrame == 0) {
                t.responseFrame = ctx.frame;
                responses.put(t.requestFrame, ctx.frame);
            } else if (!t.multipleResponds) {
                m.retransmission = true;
            }
        }
        if (t != null) {
            current = t;
            m.requestFrame = t.requestFrame;
            m.responseFrame = t.responseFrame;
            m.delta = ctx.time - t.requestTime;
            if (responses.secondPass() && !m.response && !m.retransmission) {
                Integer response = responses.get(ctx.frame);
                m.responseFrame = response == null ? 0 : response;
            }
        }
    }

    // ---- tree ---------------------------------------------------------------------------------

    @Override
    public boolean shows(long frame) {
        return frame == messagesFrame && !messages.isEmpty();
    }

    @Override
    public End tree(long frame, Tree root, Consumer<String> protocols) {
        End end = End.OK;
        for (Message m : messages(frame)) {
            protocols.accept(kind.filterName);
            End e = build(m, root);
            if (e != End.OK) {
                end = e;
            }
        }
        return end;
    }

    /** Builds one message's tree under {@code root}; how the walk ended. */
    static End build(Message m, Tree root) {
        StringBuilder info = new StringBuilder(64);
        DnsWalk w = new DnsWalk(m.bytes, m.kind, m.tcp, info);
        Tree dns = null;
        try {
            w.header();
            dns = m.bytes.at(root.protocol(m.kind.filterName, w.title()), 0, m.bytes.cap); // tvb, 0, -1
            w.body(dns);
            pairing(m, dns, w.idItem);
            extraneous(m, w, dns);
            return End.OK;
        } catch (DnsBytes.Stop stop) {

            return stop.shown(m.fragmented).end();
        }
    }

    private static void pairing(Message m, Tree dns, Tree idItem) {
        if (!m.response) {
            if (m.retransmission && m.requestFrame > 0) {
                idItem.expert("dns.retransmit_request", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                        "DNS query retransmission. Original request in frame " + m.requestFrame);
                dns.field("dns.retransmit_request_in", "Retransmitted request. Original request in: " + m.requestFrame,
                        Integer.toString(m.requestFrame)).generated();
                dns.field("dns.retransmission", "Retransmission: True", "1").generated();
            } else if (m.responseFrame > 0) {
                dns.field("dns.response_in", "Response In: " + m.responseFrame, Integer.toString(m.responseFrame)).generated();
            }
        } else if (m.requestFrame > 0) {
            if (m.retransmission && m.responseFrame > 0) {
                idItem.expert("dns.retransmit_response", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                        "DNS response retransmission. Original response in frame " + m.responseFrame);
                dns.field("dns.retransmit_response_in", "Retransmitted response. Original response in: " + m.responseFrame,
                        Integer.toString(m.responseFrame)).generated();
                dns.field("dns.retransmission", "Retransmission: True", "1").generated();
            } else {
                dns.field("dns.response_to", "Request In: " + m.requestFrame, Integer.toString(m.requestFrame)).generated();
                String t = seconds(m.delta);
                dns.field("dns.time", "Time: " + t + " seconds", t).generated();
            }
        } else if (!m.retransmission) {
            dns.field("dns.unsolicited", "Unsolicited: True", "1").generated();
        }
    }

    private static void extraneous(Message m, DnsWalk w, Tree dns) {
        int extra = m.bytes.rep - w.end;
        if (extra > 0) {
            // a text item past the captured bytes is cut at their end (proto.c get_hfi_length)
            Tree e = m.bytes.at(dns.text("Extraneous Data (" + extra + " bytes)"), w.end, Math.max(0, Math.min(extra, m.bytes.cap - w.end)));
            m.bytes.need(w.end, 0);
            int shown = Math.max(0, Math.min(extra, m.bytes.cap - w.end));
            e.bytes("dns.extraneous.data", "Extraneous Data Bytes", m.bytes.s, m.bytes.base + w.end, shown);
            e.field("dns.extraneous.length", "Extraneous Data Length: " + extra, Integer.toString(extra)).generated();
            // proto_tree_add_expert: a hidden text item over the bytes, the expert under it
            m.bytes.at(e.text("Extraneous data").hide(), w.end, extra)
                    .expert("dns.extraneous", Tree.Severity.NOTE, Tree.Group.UNDECODED, "Extraneous data");
        }
    }

    static String seconds(long ns) {
        return dev.tcpscope.proto.Text.seconds(ns);
    }

    /** tcp_dissect_pdus's "[PDU Size: N]" for each message over TCP in the frame. */
    @Override
    public void underTcp(long frame, Tree tcp) {
        for (Message m : messages(frame)) {
            if (m.tcp) {
                // proto_tree_add_uint(tcp_tree, hf_tcp_pdu_size, tvb, offset, plen, plen): the PDU's bytes
                m.bytes.at(tcp.field("tcp.pdu.size", "PDU Size: " + m.bytes.rep, Integer.toString(m.bytes.rep)).generated(),
                        0, m.bytes.rep);
            }
        }
    }

    @Override
    public String protocolName() { return kind.shortName; }
}

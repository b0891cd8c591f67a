package dev.tcpscope.proto.afs;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * One walk over an RX datagram as Wireshark 4.0.17's packet-rx.c reads it: the 28-byte header
 * (epoch, connection id, call number, sequence, serial, type, flags, user status, security
 * index, spare/checksum, service id), then by type an ACK's list and trailing MTU/window words,
 * a CHALLENGE, a RESPONSE with its encrypted part and ticket, or an ABORT's code; a DATA packet's
 * payload goes to AFS ({@link AfsWalk}). The Info column is the packet type with its sequence,
 * call and ports, as packet-rx.c writes it.
 *
 * <p>Bounded: an ACK's count is one byte (at most 255 one-byte items), every other part has a
 * fixed size, a ticket's length is checked against the captured bytes before its item.
 */
final class RxWalk {
    static final int HEADER = 28;
    static final int DATA = 1;
    static final int ACK = 2;
    static final int ABORT = 4;
    static final int ACKALL = 5;
    static final int CHALLENGE = 6;
    static final int RESPONSE = 7;
    static final int VERSION = 13;
    /** RX_CLIENT_INITIATED, RX_LAST_PACKET. */
    static final int CLIENT_INITIATED = 1;
    static final int LAST_PACKET = 4;
    /** RX_MAXCALLS: the call numbers in a RESPONSE's encrypted part. */
    private static final int MAXCALLS = 4;

    private static final String[] FLAGS = {"rx.flags.free_packet", "rx.flags.more_packets", "rx.flags.last_packet",
        "rx.flags.request_ack", "rx.flags.client_init"};

    private final Tvb t;
    private final Put put;
    private final int srcPort;
    private final int dstPort;
    /** The Info column as packet-rx.c left it (null: cleared, nothing written). */
    String info;
    long epoch;
    long cid;
    long callNumber;
    long seq;
    int type;
    int flags;
    int serviceId;

    RxWalk(Tvb t, int srcPort, int dstPort) {
        this.t = t;
        this.put = new Put(t, Put.RX);
        this.srcPort = srcPort;
        this.dstPort = dstPort;
    }

    /**
     * dissect_rx's test: at least 28 captured bytes and a known packet type.
     */
    static boolean accepts(Tvb t) {
        if (t.cap < HEADER) {
            return false;
        }
        int type = t.u8(20);
        return !(type == 0 || type == 10 || type == 11 || type == 12 || type > 13);
    }

    /** The header under {@code root}; returns the RX item's tree, whose packet-type part {@link #body} adds. */
    Tree header(Tree root) {
        Tree rx = t.at(root.protocol("rx", "RX Protocol"), 0, HEADER);
        epoch = put.value(0, 4);
        put.number(rx, "rx.epoch", 0, 4, epoch);
        cid = put.value(4, 4);
        put.number(rx, "rx.cid", 4, 4, cid);
        callNumber = put.value(8, 4);
        put.number(rx, "rx.callnumber", 8, 4, callNumber);
        seq = put.value(12, 4);
        put.number(rx, "rx.seq", 12, 4, seq);
        put.item(rx, "rx.serial", 16, 4);
        type = t.u8(20);
        put.number(rx, "rx.type", 20, 1, type);
        flags = t.u8(21);
        put.bitmask(rx, "rx.flags", 21, 1, FLAGS);
        put.item(rx, "rx.userstatus", 22, 1);
        put.item(rx, "rx.securityindex", 23, 1);
        put.item(rx, "rx.spare", 24, 2);
        serviceId = t.u16(26);
        put.number(rx, "rx.serviceid", 26, 2, serviceId);
        return rx;
    }

    /** The part after the header for every type but DATA (which the caller hands to AFS). */
    void body(Tree rx) {
        switch (type) {
            case ACK -> acks(rx, HEADER);
            case ACKALL -> info = summary("ACKALL");
            case CHALLENGE -> challenge(rx, HEADER);
            case RESPONSE -> response(rx, HEADER);
            case ABORT -> abort(rx, HEADER);
            // 4.0.17 writes "request" whatever the flags, the ports or the payload (checked on crafted ones)
            case VERSION -> info = summary("VERSION request");
            default -> { }
        }
    }

    /** "TYPE  Seq: N  Call: N  Source Port: P  Destination Port: P  ", as col_add_fstr writes it. */
    private String summary(String what) {
        return what + "  Seq: " + seq + "  Call: " + callNumber + "  Source Port: " + srcPort
                + "  Destination Port: " + dstPort + "  ";
    }

    /**
     * An FT_NONE item from {@code off} to the end (length -1, set later): proto.c wants a captured
     * byte there (tvb_ensure_captured_length_remaining), so at the capture's end it throws first.
     */
    private Tree toEnd(Tree parent, String key, String label, int off) {
        if (off >= t.cap && t.cap > 0) {
            t.need(off, 1);
        }
        return t.at(parent.none(key, label), off, t.cap - off);
    }

    /** dissect_rx_acks: the reason in the Info column, then the ACK item and its acknowledgements. */
    private void acks(Tree parent, int off) {
        int start = off;
        Tree ack = toEnd(parent, "rx.ack", "ACK Packet", off);
        put.item(ack, "rx.bufferspace", off, 2);
        put.item(ack, "rx.maxskew", off + 2, 2);
        put.item(ack, "rx.first", off + 4, 4);
        put.item(ack, "rx.prev", off + 8, 4);
        put.item(ack, "rx.serial", off + 12, 4);
        put.item(ack, "rx.reason", off + 16, 1);
        int num = t.u8(off + 17);
        put.number(ack, "rx.num_acks", off + 17, 1, num);
        off += 18;
        for (int i = 0; i < num; i++) {
            put.item(ack, "rx.ack_type", off, 1);
            off++;
        }
        // the captured bytes decide whether the trailer is there (three of them are enough: checked
        // on cut ACKs against 4.0.17), the reported ones whether each word is
        if (t.cap - off >= 3) {
            off += 3; // some implementations pad three bytes before the trailer
            String[] trailer = {"rx.max_mtu", "rx.if_mtu", "rx.rwind", "rx.max_packets"};
            for (String f : trailer) {
                if (t.rep - off >= 4) {
                    put.item(ack, f, off, 4);
                    off += 4;
                }
            }
        }
        ack.length(off - start);
        // 4.0.17 writes the Info after the items: an ACK cut short leaves it empty
        int reason = t.u8(start + 16);
        String why = Put.RX.value("rx.reason", reason);
        info = summary("ACK " + (why != null ? why : Integer.toString(reason)));
    }

    /** dissect_rx_challenge. */
    private void challenge(Tree parent, int off) {
        info = summary("CHALLENGE");
        int start = off;
        Tree c = toEnd(parent, "rx.challenge", "CHALLENGE Packet", off);
        long version = put.value(off, 4);
        put.number(c, "rx.version", off, 4, version);
        off += 4;
        if (version == 2) {
            put.item(c, "rx.nonce", off, 4);
            put.item(c, "rx.min_level", off + 4, 4);
            off += 8;
        }
        c.length(off - start);
    }

    /** dissect_rx_response: version 2 carries the encrypted part, the key version and the ticket. */
    private void response(Tree parent, int off) {
        info = summary("RESPONSE");
        int start = off;
        Tree r = toEnd(parent, "rx.response", "RESPONSE Packet", off);
        long version = put.value(off, 4);
        put.number(r, "rx.version", off, 4, version);
        off += 4;
        if (version == 2) {
            off += 4; // unused
            off = encrypted(r, off);
            put.item(r, "rx.kvno", off, 4);
            off += 4;
            long tl = put.value(off, 4);
            put.number(r, "rx.ticket_len", off, 4, tl);
            off += 4;
            if (tl > Integer.MAX_VALUE - off) {
                t.need(off, Integer.MAX_VALUE); // past any datagram
            }
            put.item(r, "rx.ticket", off, (int) tl);
            off += (int) tl;
        }
        r.length(off - start);
    }

    /** dissect_rx_response_encrypted. */
    private int encrypted(Tree parent, int off) {
        int start = off;
        Tree e = toEnd(parent, "rx.encrypted", "Encrypted", off);
        put.item(e, "rx.epoch", off, 4);
        put.item(e, "rx.cid", off + 4, 4);
        off += 12; // the checksum is skipped
        put.item(e, "rx.securityindex", off, 1);
        off += 4;
        for (int i = 0; i < MAXCALLS; i++) {
            put.item(e, "rx.callnumber", off, 4);
            off += 4;
        }
        put.item(e, "rx.inc_nonce", off, 4);
        put.item(e, "rx.level", off + 4, 4);
        off += 8;
        e.length(off - start);
        return off;
    }

    /** dissect_rx_abort. */
    private void abort(Tree parent, int off) {
        info = summary("ABORT");
        Tree a = toEnd(parent, "rx.abort", "ABORT Packet", off);
        put.item(a, "rx.abort_code", off, 4);
        a.length(4);
    }
}

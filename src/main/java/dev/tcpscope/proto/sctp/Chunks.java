package dev.tcpscope.proto.sctp;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * One SCTP chunk (RFC 9260 §3.2) as packet-sctp.c shows it: the subtree titled by the chunk's
 * type and a summary of its fields, the type with its two high bits, the flags (with the type's
 * flag bits), the length, the type's fields, and the padding up to a multiple of four bytes.
 * {@code c} holds the chunk and its padding, at most what is left of the packet.
 */
final class Chunks {
    private Chunks() { }

    static final int DATA = 0, INIT = 1, INIT_ACK = 2, SACK = 3, HEARTBEAT = 4, HEARTBEAT_ACK = 5, ABORT = 6,
            SHUTDOWN = 7, SHUTDOWN_ACK = 8, ERROR = 9, COOKIE_ECHO = 10, COOKIE_ACK = 11, ECNE = 12, CWR = 13,
            SHUTDOWN_COMPLETE = 14, FORWARD_TSN = 192;

    /** A DATA chunk's header: type, flags, length, TSN, stream identifier and sequence number, PPID. */
    static final int DATA_HEADER = 16;

    /** Walks the chunk; returns whether its payload was handed to another protocol (a DATA chunk's). */
    static boolean chunk(Sctp.Walk w, Tvb c, int length) {
        int type = c.u8(0);
        String name = Sctp.REG.value("sctp.chunk_type", type);
        w.info.append(name != null ? name : "RESERVED").append(' ');
        if (type == DATA && length >= 4) {
            c.need(0, Math.min(length, c.rep)); // a DATA chunk cut by the snap length adds no item at all
        }
        Tree chunk = c.at(w.sctp.text((name != null ? name : "RESERVED") + " chunk"), 0, c.rep);
        Tree typeItem = Sctp.named(c, chunk, "sctp.chunk_type", 0, 1);
        Sctp.item(c, typeItem, "sctp.chunk_bit_1", 0, 1);
        Sctp.item(c, typeItem, "sctp.chunk_bit_2", 0, 1);
        Tree flags = Sctp.item(c, chunk, "sctp.chunk_flags", 1, 1);
        Tree lengthItem = Sctp.item(c, chunk, "sctp.chunk_length", 2, 2);
        if (length < 4) {
            lengthItem.expert("sctp.chunk_length.bad", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                    "Chunk length bad (" + length + " < 4)");
            throw Tvb.Stop.MALFORMED;
        }
        // a chunk longer than what is left is dissected over what there is, then the packet is malformed
        boolean tooLong = length > c.rep;
        if (tooLong) {
            lengthItem.expert("sctp.chunk_length.bad", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                    "Chunk length (" + length + ") is longer than remaining data (" + c.rep + ") in the packet.");
        }
        boolean handedOn = false;
        switch (type) {
            case DATA -> handedOn = data(w, c, chunk, flags, length);
            case INIT, INIT_ACK -> init(w, c, chunk, type == INIT ? "sctp.init_" : "sctp.initack_", length);
            case SACK -> sack(w, c, chunk, flags, length);
            case HEARTBEAT, HEARTBEAT_ACK -> {
                chunk.relabel(name + " chunk (Information: " + (length - 4) + " bytes)");
                Params.list(c, chunk, 4, length, w.tree);
            }
            case ABORT, ERROR -> {
                if (type == ABORT) {
                    Sctp.item(c, flags, "sctp.abort_t_bit", 1, 1);
                }
                if (w.tree) {
                    Params.causes(c, chunk, 4, length);
                }
            }
            case SHUTDOWN -> {
                long ack = c.u32(4);
                chunk.relabel("SHUTDOWN chunk (Cumulative TSN ack: " + ack + ")");
                Sctp.item(c, chunk, "sctp.shutdown_cumulative_tsn_ack", 4, 4);
            }
            case COOKIE_ECHO -> {
                // the label after the cookie: a cut cookie leaves it "COOKIE_ECHO chunk"
                if (length > 4) {
                    c.need(4, length - 4);
                    c.at(chunk.bytes("sctp.cookie", "Cookie", c.s, c.base + 4, length - 4), 4, length - 4);
                }
                chunk.relabel("COOKIE_ECHO chunk (Cookie length: " + (length - 4) + " bytes)");
            }
            case SHUTDOWN_COMPLETE -> Sctp.item(c, flags, "sctp.shutdown_complete_t_bit", 1, 1);
            case ECNE -> Sctp.item(c, chunk, "sctp.ecne_lowest_tsn", 4, 4);
            case CWR -> Sctp.item(c, chunk, "sctp.cwr_lowest_tsn", 4, 4);
            case SHUTDOWN_ACK, COOKIE_ACK -> { }
            case FORWARD_TSN -> {
                Sctp.item(c, chunk, "sctp.forward_tsn_tsn", 4, 4);
                for (int off = 8; off + 4 <= length; off += 4) {
                    Sctp.item(c, chunk, "sctp.forward_tsn_sid", off, 2);
                    Sctp.item(c, chunk, "sctp.forward_tsn_ssn", off + 2, 2);
                }
            }
            default -> {
                if (length > 4) {
                    c.need(4, length - 4);
                    c.at(chunk.bytes("sctp.chunk_value", "Chunk value", c.s, c.base + 4, length - 4), 4, length - 4);
                }
                if (name == null) {
                    chunk.relabel("RESERVED chunk (Type: " + type + ", value length: " + (length - 4) + " bytes)");
                }
            }
        }
        if (tooLong) {
            throw Tvb.Stop.MALFORMED;
        }
        padding(c, chunk, length);
        return handedOn;
    }

    /** The bytes after the chunk's length, up to the next multiple of four, when the packet has them. */
    static void padding(Tvb c, Tree chunk, int length) {
        int pad = c.rep - length;
        if (pad > 0) {
            c.need(length, pad);
            c.at(chunk.bytes("sctp.chunk_padding", "Chunk padding", c.s, c.base + length, pad), length, pad);
        }
    }

    private static boolean data(Sctp.Walk w, Tvb c, Tree chunk, Tree flags, int length) {
        int f = c.u8(1);
        Sctp.item(c, flags, "sctp.data_i_bit", 1, 1);
        Sctp.item(c, flags, "sctp.data_u_bit", 1, 1);
        Sctp.item(c, flags, "sctp.data_b_bit", 1, 1);
        Sctp.item(c, flags, "sctp.data_e_bit", 1, 1);
        long tsn = c.u32(4);
        long rel = w.tsns.own() >= 0 ? (tsn - w.tsns.own()) & 0xffffffffL : -1;
        long shown = rel >= 0 ? rel : tsn;
        int ordinal = w.dataChunks++;
        long firstFrame = w.tsns.retransmitted(ordinal);
        if (rel >= 0) {
            Tree relItem = c.at(chunk.field("sctp.data_tsn", "Transmission sequence number (relative): " + rel, Long.toString(rel)), 4, 4);
            if (firstFrame > 0) {
                // TSN analysis: the TSN an earlier frame of the half association carried
                Tree r = c.at(relItem.field("sctp.retransmission", "This TSN is a retransmission of one in frame: " + firstFrame,
                        Long.toString(firstFrame)).generated(), 4, 4);
                r.expert("sctp.retransmission.expert", Tree.Severity.NOTE, Tree.Group.SEQUENCE, "Retransmitted TSN");
                String after = dev.tcpscope.proto.Text.seconds(w.tsns.after(ordinal));
                r.field("sctp.retransmission_time", "Retransmitted after: " + after + " seconds", after).generated();
            }
        }
        Sctp.item(c, chunk, "sctp.data_tsn_raw", 4, 4);
        int sid = c.u16(8);
        Sctp.item(c, chunk, "sctp.data_sid", 8, 2);
        int ssn = c.u16(10);
        Sctp.item(c, chunk, "sctp.data_ssn", 10, 2);
        long ppid = c.u32(12);
        Sctp.named(c, chunk, "sctp.data_payload_proto_id", 12, 4);
        int payload = length - 16;
        boolean b = (f & 2) != 0;
        boolean e = (f & 1) != 0;
        String segment = b && e ? "complete segment" : b ? "first segment" : e ? "last segment" : "middle segment";
        chunk.relabel("DATA chunk (" + ((f & 4) != 0 ? "unordered" : "ordered") + ", " + segment + ", TSN: " + shown
                + ", SID: " + sid + ", SSN: " + ssn + ", PPID: " + ppid + ", payload length: " + payload + " bytes)");
        // the Info text is written as the chunk's name was: "DATA " then its TSN
        w.info.append("(TSN=").append(shown).append(") ");
        if (firstFrame > 0 && rel >= 0) {
            w.info.append("(retransmission) "); // and its payload is not handed on again
            return false;
        }
        if (!(b && e)) {
            // reassembly (on by default) takes the fragment: the chunk and the SCTP item end with its header
            w.info.append("(Message Fragment) ");
            w.fragment = true;
            chunk.length(DATA_HEADER);
            return true;
        }
        if (payload <= 0) {
            return false;
        }
        chunk.length(DATA_HEADER); // the payload is the next protocol's
        w.data(c, DATA_HEADER, payload);
        return true;
    }

    private static void init(Sctp.Walk w, Tvb c, Tree chunk, String prefix, int length) {
        long tag = c.u32(4);
        Sctp.item(c, chunk, prefix + "initiate_tag", 4, 4);
        c.at(chunk.hidden("sctp.initiate_tag", String.format("0x%08x", tag)), 4, 4);
        Sctp.item(c, chunk, prefix + "credit", 8, 4);
        int out = c.u16(12);
        int in = c.u16(14);
        Sctp.item(c, chunk, prefix + "nr_out_streams", 12, 2);
        Sctp.item(c, chunk, prefix + "nr_in_streams", 14, 2);
        Sctp.item(c, chunk, prefix + "initial_tsn", 16, 4);
        chunk.relabel((prefix.equals("sctp.init_") ? "INIT" : "INIT_ACK") + " chunk (Outbound streams: " + out
                + ", inbound streams: " + in + ")");
        Params.list(c, chunk, 20, length, w.tree);
    }

    private static void sack(Sctp.Walk w, Tvb c, Tree chunk, Tree flags, int length) {
        Sctp.item(c, flags, "sctp.sack_nounce_sum", 1, 1);
        long cum = c.u32(4);
        long rwnd = c.u32(8);
        int gaps = c.u16(12);
        int dups = c.u16(14);
        long rel = w.tsns.peer() >= 0 ? (cum - w.tsns.peer()) & 0xffffffffL : -1;
        if (rel >= 0) {
            c.at(chunk.field("sctp.sack_cumulative_tsn_ack", "Cumulative TSN ACK (relative): " + rel, Long.toString(rel)), 4, 4);
        }
        Sctp.item(c, chunk, "sctp.sack_cumulative_tsn_ack_raw", 4, 4);
        Tree a = Sctp.item(c, chunk, "sctp.sack_a_rwnd", 8, 4);
        if (rwnd == 0) {
            a.expert("sctp.sack_a_rwnd.expert", Tree.Severity.NOTE, Tree.Group.SEQUENCE, "Zero Advertised Receiver Window Credit");
        }
        Sctp.item(c, chunk, "sctp.sack_number_of_gap_blocks", 12, 2);
        Sctp.item(c, chunk, "sctp.sack_number_of_duplicated_tsns", 14, 2);
        // as many gap blocks and duplicate TSNs as the counts say (at most 65,535 each): a read
        // past the chunk ends the walk; Info gets its part between the two lists, the label after
        int off = 16;
        for (int k = 0; k < gaps; k++, off += 4) {
            int start = c.u16(off);
            int end = c.u16(off + 2);
            Tree g = c.at(chunk.text("Gap Acknowledgement for TSN " + (cum + start & 0xffffffffL) + " to "
                    + (cum + end & 0xffffffffL)), off, 4);
            Sctp.item(c, g, "sctp.sack_gap_block_start", off, 2);
            Sctp.item(c, g, "sctp.sack_gap_block_end", off + 2, 2);
        }
        w.info.append("(Ack=").append(rel >= 0 ? rel : cum).append(", Arwnd=").append(rwnd).append(") ");
        for (int k = 0; k < dups; k++, off += 4) {
            Sctp.item(c, chunk, "sctp.sack_duplicate_tsn", off, 4);
        }
        chunk.relabel("SACK chunk (Cumulative TSN: " + cum + ", a_rwnd: " + rwnd + ", gaps: " + gaps
                + ", duplicate TSNs: " + dups + ")");
    }
}

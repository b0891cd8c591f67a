package dev.tcpscope.proto.sctp;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * The TLV parameters of INIT, INIT_ACK and HEARTBEAT chunks (RFC 9260 §3.2.1) and the error
 * causes of ABORT and ERROR chunks (§3.3.10), as packet-sctp.c shows them. Each walk is bounded
 * by the chunk's length and ends at a parameter shorter than its own header.
 */
final class Params {
    private Params() { }

    /**
     * The parameters in {@code [off, end)} of the chunk. Without {@code tree} only each
     * parameter's header is read and its bytes checked (packet-sctp.c makes each parameter's tvb
     * whatever the tree; their values it reads into a tree only).
     */
    static void list(Tvb c, Tree chunk, int off, int end, boolean tree) {
        while (end - off >= 4) {
            int length = c.u16(off + 2);
            int padded = (length + 3) & ~3;
            boolean last = off + padded >= end;
            if (length < 4) {
                Tree bad = c.at(chunk.text("Unknown parameter"), off, end - off);
                c.at(bad.expert("sctp.parameter_length.bad", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "Parameter length bad (" + length + " < 4)"), off, 2);
                throw Tvb.Stop.MALFORMED;
            }
            int inChunk = Math.min(padded, end - off);
            c.need(off, inChunk);
            if (tree) {
                param(c, chunk, off, length, inChunk, last);
            }
            off += padded;
        }
    }

    private static void param(Tvb c, Tree chunk, int off, int length, int inChunk, boolean last) {
        int type = c.u16(off);
        String name = Sctp.REG.value("sctp.parameter_type", type);
        Tree p = c.at(chunk.text((name != null ? name : "Unknown") + " parameter"), off, inChunk);
        int pad = inChunk - length;
        // padding inside the chunk's length, or implied by a length running past the chunk
        if (last && (pad > 0 || length > inChunk && ((length + 3) & ~3) > length)) {
            p.expert("sctp.parameter_padding.expert", Tree.Severity.NOTE, Tree.Group.MALFORMED,
                    "The padding of this final parameter should be the padding of the chunk.");
        }
        Tree typeItem = Sctp.named(c, p, "sctp.parameter_type", off, 2);
        Sctp.item(c, typeItem, "sctp.parameter_bit_1", off, 2);
        Sctp.item(c, typeItem, "sctp.parameter_bit_2", off, 2);
        Sctp.item(c, p, "sctp.parameter_length", off + 2, 2);
        int v = off + 4;
        int n = length - 4;
        switch (type) {
            case 0x0001 -> {
                p.relabel("Heartbeat info parameter (Information: " + n + " bytes)");
                bytes(c, p, "sctp.parameter_heartbeat_information", "Heartbeat information", v, n);
            }
            case 0x0005 -> {
                c.need(v, 4);
                String a = c.u8(v) + "." + c.u8(v + 1) + "." + c.u8(v + 2) + "." + c.u8(v + 3);
                p.relabel("IPv4 address parameter (Address: " + a + ")");
                c.at(p.field("sctp.parameter_ipv4_address", "IP Version 4 address: " + a, a), v, 4);
            }
            case 0x0006 -> {
                String a = dev.tcpscope.proto.Text.ipv6(c.copy(v, 16));
                p.relabel("IPv6 address parameter (Address: " + a + ")");
                c.at(p.field("sctp.parameter_ipv6_address", "IP Version 6 address: " + a, a), v, 16);
            }
            case 0x0007 -> {
                p.relabel("State cookie parameter (Cookie length: " + n + " bytes)");
                bytes(c, p, "sctp.parameter_state_cookie", "State cookie", v, n);
            }
            case 0x0009 -> {
                long inc = c.u32(v);
                p.relabel("Cookie preservative parameter (Increment :" + inc + " msec)");
                Sctp.item(c, p, "sctp.parameter_cookie_preservative_incr", v, 4);
            }
            case 0x000c -> {
                // the label grows type by type (an exception leaves it as far as it got)
                StringBuilder label = new StringBuilder("Supported address types parameter (Supported types: ");
                for (int k = 0; k + 2 <= n; k += 2) {
                    int t = c.u16(v + k);
                    Sctp.named(c, p, "sctp.parameter_supported_address_type", v + k, 2);
                    label.append(switch (t) {
                        case 5 -> "IPv4";
                        case 6 -> "IPv6";
                        case 11 -> "hostname";
                        default -> Integer.toString(t);
                    }).append(", ");
                    p.relabel(label.toString());
                }
                if (n >= 2) {
                    label.setLength(label.length() - 2);
                }
                p.relabel(label.append(')').toString());
            }
            case 0xc006 -> {
                long ind = c.u32(v);
                p.relabel("Adaptation Layer Indication parameter (Indication: " + ind + ")");
                Sctp.item(c, p, "sctp.adaptation_layer_indication", v, 4);
            }
            case 0x8000, 0xc000 -> { }
            default -> bytes(c, p, "sctp.parameter_value", "Parameter value", v, n);
        }
        if (pad > 0) {
            c.need(off + length, pad);
            c.at(p.bytes("sctp.parameter_padding", "Parameter padding", c.s, c.base + off + length, pad), off + length, pad);
        }
    }

    private static void bytes(Tvb c, Tree p, String key, String title, int off, int n) {
        if (n <= 0) {
            return;
        }
        c.need(off, n);
        c.at(p.bytes(key, title, c.s, c.base + off, n), off, n);
    }

    /** The error causes in {@code [off, end)} of an ABORT or ERROR chunk. */
    static void causes(Tvb c, Tree chunk, int off, int end) {
        while (end - off >= 4) {
            int code = c.u16(off);
            int length = c.u16(off + 2);
            int padded = (length + 3) & ~3;
            String name = Sctp.REG.value("sctp.cause_code", code);
            Tree cause = c.at(chunk.text((name != null ? name : "Unknown") + " cause"), off, Math.min(Math.max(padded, 4), end - off));
            Sctp.named(c, cause, "sctp.cause_code", off, 2);
            Sctp.item(c, cause, "sctp.cause_length", off + 2, 2);
            if (length < 4) {
                throw Tvb.Stop.MALFORMED;
            }
            if (length > 4) {
                bytes(c, cause, "sctp.cause_information", "Cause information", off + 4, Math.min(length, end - off) - 4);
            }
            int pad = Math.min(padded, end - off) - length;
            if (pad > 0) {
                c.need(off + length, pad);
                c.at(cause.bytes("sctp.cause_padding", "Cause padding", c.s, c.base + off + length, pad), off + length, pad);
            }
            off += padded;
        }
    }
}

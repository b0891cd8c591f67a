package dev.tcpscope.proto.tls;

import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * SSL 2.0 records as packet-tls.c's {@code dissect_ssl2_record} shows them in the columns: a two-
 * or three-byte header, then a message whose type names the record ("Client Hello"), or
 * "Encrypted Data" when the type or its plausibility check fails. The Protocol column is
 * {@code SSLv2}. The tree shows the record line and its length only (the v2 message bodies are
 * not built).
 */
final class Sslv2 {
    private Sslv2() { }

    static final String[] MSG_TYPES = {"Error", "Client Hello", "Client Master Key", "Client Finished",
        "Server Hello", "Server Verify", "Server Finished", "Request Certificate", "Client Certificate"};

    /** The record at {@code offset}: the offset after it, or −1 when TCP must bring more. */
    static int record(MemorySegment s, long base, int offset, int len, PduContext ctx, Tls.Session session,
                      List<Tls.Rec> recs) {
        int available = len - offset;
        int b = Tls.u8(s, base + offset);
        int hdr = (b & 0x80) != 0 ? 2 : 3;
        if (available < hdr) {
            if (ctx.canDesegment) {
                ctx.desegmentOffset = offset;
                ctx.desegmentLength = PduDissector.ONE_MORE_SEGMENT;
                return -1;
            }
            return offset + available;
        }
        int length = hdr == 2 ? (b & 0x7f) << 8 | Tls.u8(s, base + offset + 1)
                : (b & 0x3f) << 8 | Tls.u8(s, base + offset + 1);
        if (available < hdr + length) {
            if (ctx.canDesegment) {
                ctx.desegmentOffset = offset;
                ctx.desegmentLength = hdr + length - available;
                return -1;
            }
            return offset + available;
        }
        if (hdr + length >= available && length == 0) {
            return offset + available;
        }
        long body = base + offset + hdr;
        int type = Tls.u8(s, body);
        if (session.version == 0 && type >= 2 && type <= 8) {
            session.version = Tls.SSLV2;
        }
        ctx.columns.setProtocol("SSLv2");
        String name = type < MSG_TYPES.length ? MSG_TYPES[type] : null;
        if (name == null || !plausible(s, body, length, type)) {
            name = "Encrypted Data";
        }
        Tls.append(ctx.columns, name);
        Tls.Rec r = new Tls.Rec();
        r.s = s;
        r.off = base + offset;
        r.kind = Tls.Kind.SSLV2;
        r.type = type;
        r.length = length;
        r.rest = hdr;
        r.version = Tls.SSLV2;
        recs.add(r);
        return offset + hdr + length;
    }

    /** dissect_ssl2_hnd_client_hello: version, lengths, the cipher specs, session id and challenge. */
    static void clientHello(MemorySegment b, dev.tcpscope.proto.Tree rec) {
        int v = Tls.u16(b, 0);
        if (TlsNames.VERSION.name(v) == null) {
            return;
        }
        rec.field("tls.handshake.version", "Version: " + TlsNames.VERSION.name(v) + " (" + TlsTree.hex4(v) + ")", TlsTree.hex4(v))
                .at(b, 0, 2);
        int specs = Tls.u16(b, 2);
        rec.field("tls.handshake.cipher_spec_len", "Cipher Spec Length: " + specs, Integer.toString(specs)).at(b, 2, 2);
        int sid = Tls.u16(b, 4);
        // hf_ssl2_handshake_session_id_len is FT_UINT16 under TLS's (FT_UINT8) name: raw-fields.tsv has TLS's type
        dev.tcpscope.proto.Tree sidItem = rec.field("tls.handshake.session_id_length", "Session ID Length: " + sid, Integer.toString(sid))
                .at(b, 4, 2).ftype(5);
        if (sid > 16) {
            sidItem.expert("tls.handshake.session_id_length.error", dev.tcpscope.proto.Tree.Severity.ERROR,
                    dev.tcpscope.proto.Tree.Group.MALFORMED, "Session ID length (" + sid + ") must be less than 16.");
            return;
        }
        int challenge = Tls.u16(b, 6);
        rec.field("tls.handshake.challenge_length", "Challenge Length: " + challenge, Integer.toString(challenge)).at(b, 6, 2);
        dev.tcpscope.proto.Tree cs = rec.none("tls.handshake.ciphersuites", "Cipher Specs (" + specs / 3 + " specs)").at(b, 8, specs);
        long off = 8;
        for (int left = specs; left > 0; left -= 3) {
            int c = Tls.u8(b, off) << 16 | Tls.u16(b, off + 1);
            String hex = String.format("0x%06x", c);
            cs.field("tls.handshake.cipherspec", "Cipher Spec: " + TlsNames.CIPHER_SPEC.name(c, "Unknown") + " (" + hex + ")", hex).at(b, off, 3);
            off += 3;
        }
        if (sid > 0) {
            TlsTree.bytesAs(rec, "tls.handshake.session_id", "Session ID (" + sid + " byte" + (sid == 1 ? "" : "s") + ")", b, off, sid);
            off += sid;
        }
        if (challenge > 0) {
            b.asSlice(off, challenge); // bounds: the challenge must be there
            rec.none("tls.handshake.challenge", "Challenge").at(b, off, challenge);
        }
    }

    /** ssl_looks_like_valid_v2_handshake. */
    private static boolean plausible(MemorySegment s, long off, int length, int type) {
        return switch (type) {
            case 1 -> length >= 3 && validVersion(Tls.u16(s, off + 1));
            case 4 -> length >= 5 && validVersion(Tls.u16(s, off + 3));
            case 2 -> length >= 10 && Tls.u16(s, off + 4) + Tls.u16(s, off + 6) + Tls.u16(s, off + 8) <= length;
            default -> false;
        };
    }

    private static boolean validVersion(int v) {
        return TlsNames.VERSION.name(v) != null && v <= 0x0304 || v == 0x0002;
    }
}

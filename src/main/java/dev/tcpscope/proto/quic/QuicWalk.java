package dev.tcpscope.proto.quic;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.quic.QuicConnections.Cid;
import dev.tcpscope.proto.quic.QuicConnections.Conn;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * One walk over a UDP datagram's QUIC packets, as packet-quic.c's dissect_quic goes: the first
 * walk of a frame ({@code first}) finds or makes the connection, removes header protection,
 * opens Initial payloads and remembers all of it in a {@link Dgram}; a later walk of the same
 * frame builds the detail tree from what was remembered. Both write the Info text the same
 * way, so the packet list and the tree cannot disagree. A read past the bytes throws
 * {@link Tvb.Stop}, as the tvb accessors throw, and ends the walk there.
 */
final class QuicWalk {
    /** What the first walk learnt about one QUIC packet (quic_packet_info_t). */
    static final class Pkt {
        int type = -1;
        int pknLen;
        long pn;
        int firstByte;
        /** Why no packet number or payload could be had ("Secrets are not available"), or null. */
        String error;
        /** The opened payload, or null. */
        byte[] plain;
        String openError;
        boolean retryOk, retryFail;
        /** Per CRYPTO frame, in order: what its reassembly showed (null: not an Initial's, or no connection). */
        final List<QuicCryptoStream.Shown> crypto = new ArrayList<>(2);
    }

    /** What the first walk learnt about the datagram (quic_datagram). */
    static final class Dgram {
        Conn conn;
        boolean fromServer;
        /** Where the first walk's own reads (header protection, the connection lookup) stopped, or null. */
        Tvb.Stop firstOnlyStop;
        /** The packet (index) in which they stopped, -1 for the datagram's lookup. */
        int firstOnlyPacket;
        /** The data sources the first walk added, in order: name and bytes. */
        final List<Object[]> sources = new ArrayList<>(2);
        final List<Pkt> packets = new ArrayList<>(2);
    }

    private final QuicConnections conns;
    private final Tvb tvb;
    private final Tree root;
    private final boolean first;
    private final Dgram dg;
    final StringBuilder info = new StringBuilder(96);
    /** The frame's number (for the fragments' "#N"). */
    int frame;
    /** Whether TLS showed something, and how its dissection ended. */
    int tlsCalls;
    dev.tcpscope.proto.LayerTree.End tlsEnd = dev.tcpscope.proto.LayerTree.End.OK;
    private final long conversation, source, destination;

    QuicWalk(QuicConnections conns, Tvb tvb, Tree root, boolean first, Dgram dg, long conversation, long source, long destination) {
        this.conns = conns;
        this.tvb = tvb;
        this.root = root;
        this.first = first;
        this.dg = dg;
        this.conversation = conversation;
        this.source = source;
        this.destination = destination;
    }

    private static final String[] V1_TYPES = {"Initial", "0-RTT", "Handshake", "Retry"};

    /** quic_get_long_packet_type: the wire's two type bits mean other types in v2 (RFC 9369 §3.2). */
    static int longType(int firstByte, int version) {
        int t = (firstByte & 0x30) >> 4;
        if (version != QuicCrypto.V2) {
            return t;
        }
        return switch (t) {
            case 0 -> QuicConnections.RETRY;
            case 1 -> QuicConnections.INITIAL;
            case 2 -> QuicConnections.ZERO_RTT;
            default -> QuicConnections.HANDSHAKE;
        };
    }

    /** Reads a variable-length integer (RFC 9000 §16) at {@code off}; {@code len[0]} gets its length. */
    static long varint(Tvb t, int off, int[] len) {
        int b = t.u8(off);
        int n = 1 << (b >> 6);
        t.need(off, n);
        long v = b & 0x3f;
        for (int i = 1; i < n; i++) {
            v = v << 8 | t.u8(off + i);
        }
        len[0] = n;
        return v;
    }

    private static Cid cid(Tvb t, int off, int len) {
        return Cid.of(t.copy(off, len));
    }

    /** dissect_quic: the datagram's packets, one "QUIC IETF" item each. */
    void datagram() {
        Tree quic = tvb.at(root.protocol("quic", "QUIC IETF"), 0, tvb.rep);
        if (!first && dg.firstOnlyStop != null && dg.firstOnlyPacket < 0) {
            throw dg.firstOnlyStop; // the first walk's reads stopped here
        }
        if (first) {
            try {
                header();
            } catch (Tvb.Stop st) {
                dg.firstOnlyStop = st;
                dg.firstOnlyPacket = -1;
                throw st;
            }
        }
        Tree ci = tvb.at(quic.text("QUIC Connection information"), 0, 0);
        if (dg.conn == null) {
            ci.expert("quic.connection.unknown", Tree.Severity.NOTE, Tree.Group.PROTOCOL,
                    "Unknown QUIC connection. Missing Initial Packet or migrated connection?");
        } else {
            tvb.at(ci.field("quic.connection.number", "Connection Number: " + dg.conn.number, Integer.toString(dg.conn.number)), 0, 0)
                    .generated();
        }
        int offset = 0;
        int index = 0;
        Cid firstDcid = null;
        do {
            Pkt p;
            if (first) {
                p = new Pkt();
                dg.packets.add(p);
            } else {
                p = index < dg.packets.size() ? dg.packets.get(index) : new Pkt();
            }
            packetIndex = index;
            index++;
            if (offset > 0) {
                quic = tvb.at(root.protocol("quic", "QUIC IETF"), offset, tvb.rep - offset);
            }
            int plen = messageLength(offset);
            Tvb next = new Tvb(tvb.s, tvb.base + offset, Math.max(0, Math.min(tvb.cap - offset, plen)), plen);
            Cid d = packetDcid(next);
            if (offset == 0) {
                firstDcid = d;
            } else if (d != null && !d.equals(firstDcid)) {
                quic.expert("quic.coalesced_padding_data", Tree.Severity.NOTE, Tree.Group.PROTOCOL,
                        "(Random) padding data appended to the datagram");
                break;
            }
            quic.length(plen);
            next.at(quic.field("quic.packet_length", "Packet Length: " + plen, Integer.toString(plen)), 0, 0).generated();
            int done;
            int fb = next.u8(0);
            if ((fb & 0x80) != 0) {
                next.at(quic.field("quic.header_form", "1... .... = Header Form: Long Header (1)", "1"), 0, 1);
                int version = (int) next.u32(1);
                int lt = longType(fb, version);
                if (version == 0) {
                    offset += versionNegotiation(next, quic);
                    break;
                }
                done = lt == QuicConnections.RETRY ? retry(next, quic, p, version) : longHeader(next, quic, p);
            } else {
                done = shortHeader(next, quic, p);
            }
            if (next.rep - done > 0) {
                // length -1: the captured rest, no exception when the snap length cut it
                QuicTree.bytes(next, quic, "quic.remaining_payload", "Remaining Payload", done, Math.max(0, next.cap - done));
            }
            offset += plen;
        } while (tvb.rep - offset > 0);
    }

    private Cid retryOdcid;
    /** The index of the packet being walked in the datagram. */
    private int packetIndex;

    /** The first walk's look at the datagram's first header: the connection and the side (quic_connection_find). */
    private void header() {
        int fb = tvb.u8(0);
        int type;
        int version = 0;
        Cid dcid = Cid.EMPTY;
        Cid scid = Cid.EMPTY;
        if ((fb & 0x80) != 0) {
            version = (int) tvb.u32(1);
            type = version == 0 ? QuicConnections.VERSION_NEGOTIATION : longType(fb, version);
            int dcil = tvb.u8(5);
            if (dcil > 0 && dcil <= 20) {
                dcid = cid(tvb, 6, dcil);
            }
            int scil = tvb.u8(6 + dcil);
            if (scil > 0 && scil <= 20) {
                scid = cid(tvb, 7 + dcil, scil);
            }
        } else {
            type = QuicConnections.SHORT;
            dcid = cid(tvb, 1, 20);
        }
        QuicConnections.Found f = conns.find(type, dcid, conversation, source);
        // the client's original DCID, before a Retry erases it, verifies the Retry's tag
        retryOdcid = type == QuicConnections.RETRY && f.conn != null && f.conn.clientDcidSet ? f.conn.clientDcidInitial : null;
        dg.fromServer = f.fromServer;
        dg.conn = conns.createOrUpdate(f.conn, type, version, scid, dcid, f.fromServer, conversation, destination);
    }


    /** quic_get_message_tvb: a long header packet (not Retry, not VN) ends with its Length; the rest takes all. */
    private int messageLength(int offset) {
        int remaining = tvb.rep - offset;
        int fb = tvb.u8(offset);
        if ((fb & 0x80) != 0) {
            int version = (int) tvb.u32(offset + 1);
            int lt = longType(fb, version);
            if (lt != QuicConnections.RETRY && version != 0) {
                long length = 5;
                length += 1 + tvb.u8(offset + (int) length);
                length += 1 + tvb.u8(offset + (int) length);
                int[] n = new int[1];
                if (lt == QuicConnections.INITIAL) {
                    long tl = varint(tvb, offset + (int) length, n);
                    length += n[0] + (tl & 0xffffffffL);
                    length &= 0xffffffffL;
                }
                long pl = varint(tvb, offset + (int) Math.min(length, Integer.MAX_VALUE), n);
                length = (length + n[0] + (pl & 0xffffffffL)) & 0xffffffffL;
                if (pl <= Integer.MAX_VALUE && length < remaining) {
                    return (int) length;
                }
            }
        }
        return remaining;
    }

    /** check_dcid_on_coalesced_packet's DCID of a packet, or null when it cannot tell (no connection). */
    private Cid packetDcid(Tvb t) {
        int fb = t.u8(0);
        if ((fb & 0x80) != 0) {
            int dl = t.u8(5);
            return dl > 0 && dl <= 20 ? cid(t, 6, dl) : Cid.EMPTY;
        }
        if (dg.conn == null) {
            return null;
        }
        int len = (dg.fromServer ? dg.conn.clientCids : dg.conn.serverCids).get(0).length();
        return len > 0 ? cid(t, 1, len) : Cid.EMPTY;
    }

    /** dissect_quic_long_header_common: version, the two CIDs, and the Info's DCID= and SCID=. */
    private int common(Tvb t, Tree qt, int offset, Cid[] ids) {
        int version = (int) t.u32(offset);
        String v = QuicTree.version(version);
        if ((version & 0x0F0F0F0F) == 0x0a0a0a0a) {
            v += " (Forcing Version Negotiation)";
        }
        t.at(qt.field("quic.version", "Version: " + v, String.format("0x%08x", version)), offset, 4);
        offset += 4;
        int dcil = t.u8(offset);
        t.at(qt.field("quic.dcil", "Destination Connection ID Length: " + dcil, Integer.toString(dcil)), offset, 1);
        offset++;
        Cid dcid = Cid.EMPTY;
        Cid scid = Cid.EMPTY;
        if (dcil > 0) {
            QuicTree.bytes(t, qt, "quic.dcid", "Destination Connection ID", offset, dcil);
            if (dcil <= 20) {
                dcid = cid(t, offset, dcil);
            }
            offset += dcil;
        }
        int scil = t.u8(offset);
        t.at(qt.field("quic.scil", "Source Connection ID Length: " + scil, Integer.toString(scil)), offset, 1);
        offset++;
        if (scil > 0) {
            QuicTree.bytes(t, qt, "quic.scid", "Source Connection ID", offset, scil);
            if (scil <= 20) {
                scid = cid(t, offset, scil);
            }
            offset += scil;
        }
        if (dcid.length() > 0) {
            info.append(", DCID=").append(dcid.hex());
        }
        if (scid.length() > 0) {
            info.append(", SCID=").append(scid.hex());
        }
        ids[0] = dcid;
        ids[1] = scid;
        return offset;
    }

    private int versionNegotiation(Tvb t, Tree qt) {
        info.setLength(0);
        info.append("Version Negotiation");
        int fb = t.u8(0);
        t.at(qt.field("quic.vn.unused", Text7.bits(fb) + " = Unused: " + String.format("0x%02x", fb & 0x7f),
                String.format("0x%02x", fb & 0x7f)), 0, 1);
        int offset = common(t, qt, 1, new Cid[2]);
        while (t.rep - offset > 0) {
            int v = (int) t.u32(offset);
            String label = QuicTree.version(v);
            if (QuicCrypto.grease(v)) {
                label += " (GREASE)";
            }
            t.at(qt.field("quic.supported_version", "Supported Version: " + label, String.format("0x%08x", v)), offset, 4);
            offset += 4;
        }
        return offset;
    }

    /** Unused bits of a Version Negotiation's first byte, as Wireshark draws mask 0x7f. */
    private static final class Text7 {
        static String bits(int fb) {
            return dev.tcpscope.proto.Text.bits(fb, 0x7f, 8);
        }
    }

    private int retry(Tvb t, Tree qt, Pkt p, int version) {
        int fb = t.u8(0);
        QuicTree.packetType(t, qt, fb, version);
        info.setLength(0);
        info.append("Retry");
        Cid[] ids = new Cid[2];
        int offset = common(t, qt, 1, ids);
        if (QuicCrypto.draftMax(version, 24)) {
            int odcil = t.u8(offset);
            t.at(qt.field("quic.odcil", "Original Destination Connection ID Length: " + odcil, Integer.toString(odcil)), offset, 1);
            offset++;
            QuicTree.bytes(t, qt, "quic.odcid", "Original Destination Connection ID", offset, odcil);
            offset += odcil;
        }
        int tokenLen = t.rep - offset;
        boolean tagged = !QuicCrypto.draftMax(version, 24);
        if (tagged && tokenLen >= 16) {
            tokenLen -= 16;
        }
        QuicTree.bytes(t, qt, "quic.retry_token", "Retry Token", offset, tokenLen);
        offset += tokenLen;
        if (tagged) {
            t.need(offset, 16);
            if (first && retryOdcid != null) {
                byte[] pkt = t.copy(0, t.rep - 16);
                byte[] tag = t.copy(t.rep - 16, 16);
                boolean ok = QuicCrypto.retryTagOk(version, retryOdcid.bytes(), pkt, tag);
                p.retryOk = ok;
                p.retryFail = !ok;
            }
            Tree tag = QuicTree.bytes(t, qt, "quic.retry_integrity_tag", "Retry Integrity Tag", offset, 16);
            if (p.retryFail) {
                tag.expert("quic.bad_retry", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Retry Integrity Tag verification failure");
            } else if (!p.retryOk) {
                tag.expert("quic.bad_retry", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Cannot verify Retry Packet due to unknown ODCID");
            } else {
                tag.relabel("Retry Integrity Tag: " + QuicConnections.hex(t.copy(offset, 16)) + " [verified]");
            }
            offset += 16;
        }
        return offset;
    }

    private int longHeader(Tvb t, Tree qt, Pkt p) {
        Conn conn = dg.conn;
        boolean fromServer = dg.fromServer;
        int fb0 = t.u8(0);
        int version = (int) t.u32(1);
        int type = longType(fb0, version);
        if (!first && dg.firstOnlyStop != null && dg.firstOnlyPacket == packetIndex) {
            throw dg.firstOnlyStop;
        }
        if (first) {
            try {
                firstLook(t, p, conn, fromServer, fb0, version, type);
            } catch (Tvb.Stop st) {
                dg.firstOnlyStop = st;
                dg.firstOnlyPacket = packetIndex;
                throw st;
            }
        }
        int fb = p.firstByte;
        t.at(qt.field("quic.fixed_bit", ".1.. .... = Fixed Bit: " + ((fb0 & 0x40) != 0 ? "True" : "False"),
                (fb0 & 0x40) != 0 ? "1" : "0"), 0, 1);
        QuicTree.packetType(t, qt, fb0, version);
        if (p.pknLen > 0) {
            int r = (fb & 0x0c) >> 2;
            t.at(qt.field("quic.long.reserved", dev.tcpscope.proto.Text.bits(fb, 0x0c, 8) + " = Reserved: " + r, Integer.toString(r)), 0, 1);
            int pl = fb & 3;
            t.at(qt.field("quic.packet_number_length", dev.tcpscope.proto.Text.bits(fb, 0x03, 8)
                    + " = Packet Number Length: " + (pl + 1) + " bytes (" + pl + ")", Integer.toString(pl)), 0, 1);
        }
        info.setLength(0);
        info.append(V1_TYPES[type]);
        Cid[] ids = new Cid[2];
        int offset = common(t, qt, 1, ids);
        int[] n = new int[1];
        if (type == QuicConnections.INITIAL) {
            long tl = varint(t, offset, n);
            t.at(qt.field("quic.token_length", "Token Length: " + tl, Long.toString(tl)), offset, n[0]);
            offset += n[0];
            if (tl > 0) {
                QuicTree.bytes(t, qt, "quic.token", "Token", offset, (int) tl);
                offset += (int) tl;
            }
        }
        long length = varint(t, offset, n);
        t.at(qt.field("quic.length", "Length: " + length, Long.toString(length)), offset, n[0]);
        offset += n[0];
        if (p.error != null) {
            qt.expert("quic.decryption_failed", Tree.Severity.WARNING, Tree.Group.DECRYPTION,
                    "Failed to create decryption context: " + p.error);
            return offset;
        }
        if (conn == null || p.pknLen == 0) {
            qt.expert("quic.decryption_failed", Tree.Severity.WARNING, Tree.Group.DECRYPTION, "Failed to decrypt packet number");
            return offset;
        }
        t.at(qt.field("quic.packet_number", "Packet Number: " + Long.toUnsignedString(p.pn), Long.toUnsignedString(p.pn)), offset, p.pknLen);
        offset += p.pknLen;
        info.append(", PKN: ").append(Long.toUnsignedString(p.pn));
        Tree payload = QuicTree.bytes(t, qt, "quic.payload", "Payload", offset, Math.max(0, t.cap - offset));
        if (first && p.error == null) {
            open(t, offset, p, conn, fromServer);
        }
        payload(qt, payload, p, conn, fromServer);
        if (first && p.openError == null && p.error == null) {
            conn.maxPn[fromServer ? 1 : 0][space(p.firstByte, conn.version)] = p.pn;
        }
        return t.rep;
    }

    private int pnEnd;

    /** The first walk's part of a long header: its keys, header protection removed, the full packet number. */
    private void firstLook(Tvb t, Pkt p, Conn conn, boolean fromServer, int fb0, int version, int type) {
        p.type = type;
        int dcil = t.u8(5);
        Cid dcid = dcil > 0 && dcil <= 20 ? cid(t, 6, dcil) : Cid.EMPTY;
        int scil = t.u8(6 + dcil);
        boolean keyed = conn != null && (type == QuicConnections.INITIAL || type == QuicConnections.HANDSHAKE
                || type == QuicConnections.ZERO_RTT && !fromServer);
        if (keyed) {
            String error = null;
            if (type == QuicConnections.INITIAL && !fromServer && dcid.equals(conn.clientDcidInitial)) {
                conn.initialKeys = QuicCrypto.initial(dcid.bytes(), conn.version);
            } else if (type == QuicConnections.INITIAL && fromServer && version != conn.version) {
                conn.version = version;
                conn.initialKeys = QuicCrypto.initial(conn.clientDcidInitial.bytes(), version);
            } else if (type == QuicConnections.ZERO_RTT) {
                error = "Secrets are not available";
            } else if (type == QuicConnections.HANDSHAKE) {
                error = conns.cipher(conversation) == 0 ? "Unable to retrieve cipher information" : "Secrets are not available";
            }
            if (error == null) {
                int pnOffset = 1 + 4 + 1 + dcid.length() + 1 + (scil <= 20 ? scil : 0);
                int[] n = new int[1];
                if (type == QuicConnections.INITIAL) {
                    long tl = varint(t, pnOffset, n);
                    pnOffset += n[0] + (int) tl;
                }
                varint(t, pnOffset, n);
                pnOffset += n[0];
                error = "Header deprotection failed";
                QuicCrypto.Keys k = conn.initialKeys == null ? null : conn.initialKeys[fromServer ? 1 : 0];
                if (type == QuicConnections.INITIAL && k != null) {
                    byte[] mask = QuicCrypto.mask(k, t.copy(pnOffset + 4, 16));
                    if (mask != null) {
                        int fb = fb0 ^ (mask[0] & 0x0f);
                        int pknLen = (fb & 3) + 1;
                        long pk = 0;
                        for (int i = 0; i < pknLen; i++) {
                            pk = pk << 8 | ((t.u8(pnOffset + i) ^ mask[1 + i]) & 0xff);
                        }
                        p.firstByte = fb;
                        p.pknLen = pknLen;
                        p.pn = adjust(conn.maxPn[fromServer ? 1 : 0][space(fb, conn.version)], pk, 8 * pknLen);
                        error = null;
                        pnEnd = pnOffset + pknLen;
                    }
                }
            }
            p.error = error;
        }
    }


    /** quic_decrypt_message for an Initial packet: AEAD over the payload, the unprotected header as AAD. */
    private void open(Tvb t, int offset, Pkt p, Conn conn, boolean fromServer) {
        QuicCrypto.Keys k = conn.initialKeys == null ? null : conn.initialKeys[fromServer ? 1 : 0];
        if (k == null || p.type != QuicConnections.INITIAL) {
            return;
        }
        int sealedLen = t.rep - offset;
        if (t.cap - offset - 16 <= 0) {
            p.openError = "Decryption not possible, ciphertext is too short";
            return;
        }
        if (t.cap < t.rep) {
            p.openError = "Decryption (checktag) failed: Checksum error";
            return;
        }
        byte[] header = t.copy(0, offset);
        header[0] = (byte) p.firstByte;
        for (int i = 0; i < p.pknLen; i++) {
            header[offset - p.pknLen + i] = (byte) (p.pn >>> (8 * (p.pknLen - 1 - i)));
        }
        byte[] plain = QuicCrypto.open(k, p.pn, header, t.copy(offset, sealedLen));
        if (plain == null) {
            p.openError = "Decryption (checktag) failed: Checksum error";
        } else {
            p.plain = plain;
        }
    }

    /** quic_process_payload: the expert of a failed decryption, or the opened payload's frames. */
    private void payload(Tree qt, Tree payloadItem, Pkt p, Conn conn, boolean fromServer) {
        if (p.openError != null) {
            payloadItem.expert("quic.decryption_failed", Tree.Severity.WARNING, Tree.Group.DECRYPTION,
                    "Decryption failed: " + p.openError);
        } else if (p.plain != null && p.plain.length > 0) {
            Tvb d = new Tvb(MemorySegment.ofArray(p.plain), 0, p.plain.length, p.plain.length);
            QuicFrames frames = new QuicFrames(d, qt, info, first, p, conn, fromServer);
            frames.frameNumber = frame;
            frames.sources = dg.sources;
            frames.cipherSink = c -> conns.noteCipher(conversation, c);
            if (first) {
                dg.sources.add(new Object[] {"Decrypted QUIC", p.plain});
            }
            int off = 0;
            try {
                while (d.rep - off > 0) {
                    off = frames.frame(off);
                }
            } finally {
                tlsCalls += frames.tlsCalls;
                if (frames.tlsEnd != dev.tcpscope.proto.LayerTree.End.OK) {
                    tlsEnd = frames.tlsEnd;
                }
            }
        }
    }

    private int shortHeader(Tvb t, Tree qt, Pkt p) {
        Conn conn = dg.conn;
        boolean fromServer = dg.fromServer;
        Tree sh = t.at(qt.none("quic.short", "QUIC Short Header"), 0, t.cap); // length -1: the captured bytes
        t.at(sh.field("quic.header_form", "0... .... = Header Form: Short Header (0)", "0"), 0, 1);
        if (first) {
            p.type = QuicConnections.SHORT;
        }
        int dlen = 0;
        if (conn != null) {
            dlen = (fromServer ? conn.clientCids : conn.serverCids).get(0).length();
        }
        if (first && conn != null && !conn.skipDecryption) {
            // no 1-RTT secrets without a key log: the first short packet finds none and marks the connection
            if (conns.cipher(conversation) == 0) {
                p.error = "Missing TLS handshake, unsupported ciphers or padding";
            } else {
                conn.skipDecryption = true;
                p.error = "Secrets are not available";
            }
        }
        int fb = t.u8(0);
        t.at(sh.field("quic.fixed_bit", ".1.. .... = Fixed Bit: " + ((fb & 0x40) != 0 ? "True" : "False"),
                (fb & 0x40) != 0 ? "1" : "0"), 0, 1);
        t.at(sh.field("quic.spin_bit", "..%s. .... = Spin Bit: %s".formatted((fb & 0x20) != 0 ? "1" : "0",
                (fb & 0x20) != 0 ? "True" : "False"), (fb & 0x20) != 0 ? "1" : "0"), 0, 1);
        int offset = 1;
        info.setLength(0);
        info.append("Protected Payload (KP0)");
        if (dlen > 0) {
            QuicTree.bytes(t, sh, "quic.dcid", "Destination Connection ID", offset, dlen);
            String hex = QuicConnections.hex(t.copy(offset, dlen));
            offset += dlen;
            info.append(", DCID=").append(hex);
            sh.relabel("QUIC Short Header DCID=" + hex);
        }
        if (p.error != null) {
            qt.expert("quic.decryption_failed", Tree.Severity.WARNING, Tree.Group.DECRYPTION,
                    "Failed to create decryption context: " + p.error);
        }
        return offset;
    }

    /** quic_max_packet_number's space: Initial 0, Handshake 1, else 2. */
    private static int space(int firstByte, int version) {
        if ((firstByte & 0x80) != 0) {
            int t = longType(firstByte, version);
            if (t == QuicConnections.INITIAL) {
                return 0;
            }
            if (t == QuicConnections.HANDSHAKE) {
                return 1;
            }
        }
        return 2;
    }

    /** quic_pkt_adjust_pkt_num (after ngtcp2): the full packet number closest to the next expected one. */
    static long adjust(long max, long pn, int bits) {
        long k = max == -1L ? max : max + 1;
        long u = k & ~((1L << bits) - 1);
        long a = u | pn;
        long b = (u + (1L << bits)) | pn;
        long a1 = Long.compareUnsigned(k, a) < 0 ? a - k : k - a;
        long b1 = Long.compareUnsigned(k, b) < 0 ? b - k : k - b;
        return Long.compareUnsigned(a1, b1) < 0 ? a : b;
    }
}

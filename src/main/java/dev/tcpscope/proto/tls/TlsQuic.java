package dev.tcpscope.proto.tls;

import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS 1.3 handshake messages QUIC carries in CRYPTO frames, without records (RFC 9001
 * §4), as packet-tls.c's "tls13-handshake" dissector shows them: one "TLSv1.3 Record Layer"
 * item per call over the bytes QUIC hands over, each message in it by the handshake code of
 * this package ({@link TlsHandshake}), a message the bytes cut off put together across calls
 * as TLS's handshake reassembly does ("(fragment)", "(last fragment)" and the reassembled
 * message). The state is one {@link Side} per connection and direction, kept by QUIC; a
 * message is held up to {@link #MAX_MESSAGE} bytes, a longer one is not put together.
 */
public final class TlsQuic {
    private TlsQuic() { }

    /** A protocol whose tree carries TLS items of its own calls (QUIC): the TLS fields read them there. */
    public interface Carrier {
        /** Builds the carrier's tree of {@code frame} (the frame just decoded) under {@code root}. */
        void tree(long frame, Tree root);

        /** The carrier's cache of its TLS fields. */
        FieldCache tlsFields();
    }

    /** The TLS fields of a carrier's frame, collected once per frame. */
    public static final class FieldCache {
        private final TlsFields.Collected collected = new TlsFields.Collected();
        private long frame = -1;

        TlsFields.Collected of(Carrier c, long f) {
            if (f != frame) {
                collected.clear();
                c.tree(f, collected);
                frame = f;
            }
            return collected;
        }
    }

    /** The cap on one handshake message being put together. */
    public static final int MAX_MESSAGE = 64 * 1024;

    /** TLS's handshake reassembly for one direction of a QUIC connection. */
    public static final class Side {
        private byte[] pending;
        private int have;
        private final List<int[]> fragments = new ArrayList<>(2);
        private int cipher;

        /** The cipher suite of the Server Hello seen, or 0. */
        public int cipherSuite() { return cipher; }
    }

    /** What one call showed: the bytes handed over and the parts found in them. */
    public static final class Call {
        final MemorySegment s;
        final List<Tls.Part> parts = new ArrayList<>(1);
        final boolean fromServer;

        Call(MemorySegment s, boolean fromServer) {
            this.s = s;
            this.fromServer = fromServer;
        }
    }

    /**
     * First pass: hands {@code s} (bytes of the CRYPTO stream, in order, a view of the data source
     * that holds them so that the items know their positions) of frame {@code frame} to TLS;
     * returns what the call shows, for {@link #tree}.
     */
    public static Call take(Side side, MemorySegment s, int frame, boolean fromServer) {
        byte[] data = s.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        Call c = new Call(s, fromServer);
        int off = 0;
        int len = data.length;
        boolean first = true;
        if (side.pending != null) {
            int need = side.pending.length - side.have;
            int n = Math.min(need, len);
            System.arraycopy(data, 0, side.pending, side.have, n);
            side.have += n;
            side.fragments.add(new int[] {frame, n});
            Tls.Part p = new Tls.Part();
            p.type = side.pending[0] & 0xff;
            p.off = 0;
            p.len = n;
            p.first = true;
            if (side.have == side.pending.length) {
                p.kind = Tls.PartKind.LAST_FRAGMENT;
                p.message = side.pending;
                p.frames = new int[side.fragments.size()];
                p.lengths = new int[side.fragments.size()];
                for (int i = 0; i < p.frames.length; i++) {
                    p.frames[i] = side.fragments.get(i)[0];
                    p.lengths[i] = side.fragments.get(i)[1];
                }
                p.quic = true;
                serverHello(side, p.message, p, fromServer);
                side.pending = null;
                side.have = 0;
                side.fragments.clear();
            } else {
                p.kind = Tls.PartKind.MIDDLE_FRAGMENT;
            }
            c.parts.add(p);
            off = n;
            first = false;
        }
        while (len - off >= 1) {
            Tls.Part p = new Tls.Part();
            p.off = off;
            p.first = first;
            p.type = data[off] & 0xff;
            first = false;
            if (len - off < 4) {
                // no length yet: the rest waits for the next call
                startPending(side, data, off, len - off, -1, frame, p, c);
                break;
            }
            int mlen = (data[off + 1] & 0xff) << 16 | (data[off + 2] & 0xff) << 8 | data[off + 3] & 0xff;
            if (len - off >= 4 + mlen) {
                p.kind = Tls.PartKind.FULL;
                p.len = 4 + mlen;
                byte[] m = java.util.Arrays.copyOfRange(data, off, off + 4 + mlen);
                serverHello(side, m, p, fromServer);
                c.parts.add(p);
                off += 4 + mlen;
            } else {
                startPending(side, data, off, len - off, 4 + mlen, frame, p, c);
                break;
            }
        }
        return c;
    }

    private static void startPending(Side side, byte[] data, int off, int n, int total, int frame, Tls.Part p, Call c) {
        p.kind = Tls.PartKind.FIRST_FRAGMENT;
        p.len = n;
        c.parts.add(p);
        if (total < 0 || total > MAX_MESSAGE) {
            return;
        }
        side.pending = new byte[total];
        System.arraycopy(data, off, side.pending, 0, n);
        side.have = n;
        side.fragments.clear();
        side.fragments.add(new int[] {frame, n});
    }

    private static void serverHello(Side side, byte[] m, Tls.Part p, boolean fromServer) {
        if (!fromServer || m.length < 4 || (m[0] & 0xff) != Tls.HS_SERVER_HELLO) {
            return;
        }
        int at = 4 + 2 + 32;
        if (m.length > at) {
            int sidEnd = at + 1 + (m[at] & 0xff);
            if (m.length >= sidEnd + 2 && side.cipher == 0) {
                side.cipher = (m[sidEnd] & 0xff) << 8 | m[sidEnd + 1] & 0xff;
            }
        }
        int[] out = new int[2];
        try {
            Tls.scanServerHello(MemorySegment.ofArray(m), 4, m.length, out);
            p.hrr = out[1] != 0;
        } catch (IndexOutOfBoundsException e) {
            // a cut Server Hello: no HelloRetryRequest to tell
        }
    }

    /** The handshake messages the call put together ("Reassembled TLS Handshake" data sources), in order. */
    public static List<byte[]> reassembled(Call c) {
        List<byte[]> l = new ArrayList<>(1);
        if (c != null) {
            for (Tls.Part p : c.parts) {
                if (p.kind == Tls.PartKind.LAST_FRAGMENT) {
                    l.add(p.message);
                }
            }
        }
        return l;
    }

    /** Whether the call showed anything (an empty call adds no TLS item). */
    public static boolean shows(Call c) {
        return c != null && !c.parts.isEmpty();
    }

    /** Adds the call's "TLSv1.3 Record Layer" item under {@code parent}; how the dissection ended. */
    public static LayerTree.End tree(Call c, Tree parent) {
        if (!shows(c)) {
            return LayerTree.End.OK;
        }
        Tls.Rec r = new Tls.Rec();
        r.s = c.s;
        r.off = 0;
        r.type = 22;
        r.version = Tls.TLS13;
        r.sessionVersion = Tls.TLS13;
        r.recordVersion = Tls.TLS13;
        r.fromServer = c.fromServer;
        r.length = (int) c.s.byteSize();
        r.parts.addAll(c.parts);
        Tree rec = parent.protocol("tls", "TLSv1.3 Record Layer: Handshake Protocol").at(c.s, 0, (int) c.s.byteSize());
        return TlsHandshake.record(r, rec, "TLSv1.3");
    }

    // ---- the quic_transport_parameters extension (RFC 9000 §18) --------------------------------

    /** quic_transport_parameter_id, as packet-tls-utils.c 4.0.17 names them. */
    private static String paramName(long id) {
        if (id >= 27 && (id - 27) % 31 == 0) {
            return "GREASE";
        }
        return switch ((int) Math.min(id, Integer.MAX_VALUE)) {
            case 0x00 -> "original_destination_connection_id";
            case 0x01 -> "max_idle_timeout";
            case 0x02 -> "stateless_reset_token";
            case 0x03 -> "max_udp_payload_size";
            case 0x04 -> "initial_max_data";
            case 0x05 -> "initial_max_stream_data_bidi_local";
            case 0x06 -> "initial_max_stream_data_bidi_remote";
            case 0x07 -> "initial_max_stream_data_uni";
            case 0x08 -> "initial_max_streams_bidi";
            case 0x09 -> "initial_max_streams_uni";
            case 0x0a -> "ack_delay_exponent";
            case 0x0b -> "max_ack_delay";
            case 0x0c -> "disable_active_migration";
            case 0x0d -> "preferred_address";
            case 0x0e -> "active_connection_id_limit";
            case 0x0f -> "initial_source_connection_id";
            case 0x10 -> "retry_source_connection_id";
            case 0x11 -> "version_information";
            case 0x20 -> "max_datagram_frame_size";
            case 0x173e -> "discard";
            case 0x2ab2 -> "grease_quic_bit";
            case 0x3127 -> "google_initial_rtt";
            case 0x3128 -> "google_connection_options";
            case 0x3129 -> "google_user_agent";
            case 0x4752 -> "google_quic_version";
            default -> null;
        };
    }

    private static long varint(MemorySegment b, long off, int[] len) {
        int first = Tls.u8(b, off);
        int n = 1 << (first >> 6);
        long v = first & 0x3f;
        for (int i = 1; i < n; i++) {
            v = v << 8 | Tls.u8(b, off + i);
        }
        len[0] = n;
        return v;
    }

    /** ssl_dissect_hnd_hello_ext_quic_transport_parameters: one "Parameter: ..." item per parameter. */
    static void transportParameters(MemorySegment b, long off, long end, Tree ext) {
        int[] n = new int[1];
        while (off < end) {
            long type = varint(b, off, n);
            String name = paramName(type);
            Tree p = ext.text("Parameter: " + (name != null ? name : "Unknown 0x" + String.format("%04x", type)));
            long start = off;
            p.field("tls.quic.parameter.type", "Type: " + (name != null ? name : "Unknown") + " (0x" + String.format("%02x", type) + ")",
                    Long.toUnsignedString(type)).at(b, off, n[0]);
            off += n[0];
            long len = varint(b, off, n);
            p.field("tls.quic.parameter.length", "Length: " + len, Long.toUnsignedString(len)).at(b, off, n[0]);
            off += n[0];
            StringBuilder label = new StringBuilder("Parameter: ").append(name != null ? name : "Unknown 0x" + String.format("%04x", type))
                    .append(" (len=").append(len).append(')');
            int l = (int) Math.min(len, Integer.MAX_VALUE);
            if (off + l > end) {
                throw new IndexOutOfBoundsException();
            }
            TlsTree.bytes(p, "tls.quic.parameter.value", "Value", b, off, l);
            String suffix = value(b, off, l, type, p);
            if (suffix != null) {
                label.append(suffix);
            }
            off += l;
            p.relabel(label.toString()).at(b, start, (int) (off - start));
        }
    }

    private static final String[] INTEGERS = {null, "max_idle_timeout", null, "max_udp_payload_size", "initial_max_data",
        "initial_max_stream_data_bidi_local", "initial_max_stream_data_bidi_remote", "initial_max_stream_data_uni",
        "initial_max_streams_bidi", "initial_max_streams_uni", "ack_delay_exponent", "max_ack_delay"};

    /** The parameter's own items; returns what its label gets appended, or null. */
    private static String value(MemorySegment b, long off, int len, long type, Tree p) {
        int[] n = new int[1];
        if (type >= 1 && type <= 0x0b && type != 2) {
            String f = INTEGERS[(int) type];
            long v = varint(b, off, n);
            p.field("tls.quic.parameter." + f, f + ": " + v, Long.toString(v)).at(b, off, n[0]);
            return type == 1 ? " " + v + " ms" : type == 0x0a ? null : " " + v;
        }
        switch ((int) Math.min(type, Integer.MAX_VALUE)) {
            case 0x00 -> TlsTree.bytes(p, "tls.quic.parameter.original_destination_connection_id", "Original Destination Connection ID", b, off, len);
            case 0x02 -> TlsTree.bytes(p, "tls.quic.parameter.stateless_reset_token", "Stateless Reset Token", b, off, len);
            case 0x0e -> {
                long v = varint(b, off, n);
                p.field("tls.quic.parameter.active_connection_id_limit", "Active Connection ID Limit: " + v, Long.toString(v)).at(b, off, n[0]);
                return " " + v;
            }
            case 0x0f -> TlsTree.bytes(p, "tls.quic.parameter.initial_source_connection_id", "Initial Source Connection ID", b, off, len);
            case 0x10 -> TlsTree.bytes(p, "tls.quic.parameter.retry_source_connection_id", "Retry Source Connection ID", b, off, len);
            case 0x11 -> {
                long at = off;
                if (len >= 4) {
                    int v = (int) (Integer.toUnsignedLong(Tls.u16(b, at) << 16 | Tls.u16(b, at + 2)));
                    p.field("tls.quic.parameter.vi.chosen_version", "Chosen Version: " + version(v), String.format("0x%08x", v)).at(b, at, 4);
                    at += 4;
                }
                while (at + 4 <= off + len) {
                    int v = Tls.u16(b, at) << 16 | Tls.u16(b, at + 2);
                    p.field("tls.quic.parameter.vi.other_version", "Other Version: " + version(v), String.format("0x%08x", v)).at(b, at, 4);
                    at += 4;
                }
            }
            case 0x20 -> {
                long v = varint(b, off, n);
                p.field("tls.quic.parameter.max_datagram_frame_size", "max_datagram_frame_size: " + v, Long.toString(v)).at(b, off, n[0]);
                return " " + v;
            }
            case 0x3127 -> {
                long v = varint(b, off, n);
                p.field("tls.quic.parameter.google.initial_rtt", "Google Initial RTT: " + v, Long.toString(v)).at(b, off, n[0]);
                return " " + v + " us";
            }
            case 0x3128 -> TlsTree.bytes(p, "tls.quic.parameter.google.connection_options", "Google Connection options", b, off, len);
            case 0x3129 -> p.string("tls.quic.parameter.google.user_agent", "Google UserAgent",
                    dev.tcpscope.proto.Text.ascii(b, off, len)).at(b, off, len);
            case 0x4752 -> {
                int v = Tls.u16(b, off) << 16 | Tls.u16(b, off + 2);
                p.field("tls.quic.parameter.google.quic_version", "Google QUIC version: " + version(v), String.format("0x%08x", v)).at(b, off, 4);
            }
            default -> { }
        }
        return null;
    }

    /** A QUIC version as quic_version_vals names it, with " (GREASE)" for the reserved pattern. */
    private static String version(int v) {
        String name = v == 1 ? "1" : v == 0x6b3343cf ? "2" : (v >>> 8) == 0xff0000 ? String.format("draft-%02d", v & 0xff)
                : v == 0 ? "Version Negotiation" : "Unknown";
        String s = name + String.format(" (0x%08x)", v);
        return (v & 0x0F0F0F0F) == 0x0a0a0a0a ? s + " (GREASE)" : s;
    }

    /** ssl_dissect_hnd_hello_ext_psk (RFC 8446 §4.2.11): the offered identities and binders, or the selected one. */
    static void preSharedKey(MemorySegment b, long off, long end, Tree ext, int hnd) {
        Tree psk = ext.text("Pre-Shared Key extension").at(b, off, (int) (end - off));
        if (hnd == Tls.HS_SERVER_HELLO) {
            int sel = Tls.u16(b, off);
            psk.field("tls.handshake.extensions.psk.identity.selected", "Selected Identity: " + sel, Integer.toString(sel)).at(b, off, 2);
            return;
        }
        if (hnd != Tls.HS_CLIENT_HELLO) {
            return;
        }
        int il = Tls.u16(b, off);
        psk.field("tls.handshake.extensions.psk.identities.length", "Identities Length: " + il, Integer.toString(il)).at(b, off, 2);
        off += 2;
        long ie = off + il;
        while (off < ie) {
            int l = Tls.u16(b, off);
            Tree id = psk.text("PSK Identity (length: " + l + ")").at(b, off, 2 + l + 4);
            id.field("tls.handshake.extensions.psk.identity.identity_length", "Identity Length: " + l, Integer.toString(l)).at(b, off, 2);
            off += 2;
            TlsTree.bytes(id, "tls.handshake.extensions.psk.identity.identity", "Identity", b, off, l);
            off += l;
            long age = Integer.toUnsignedLong(Tls.u16(b, off) << 16 | Tls.u16(b, off + 2));
            id.field("tls.handshake.extensions.psk.identity.obfuscated_ticket_age", "Obfuscated Ticket Age: " + age,
                    Long.toString(age)).at(b, off, 4);
            off += 4;
        }
        int bl = Tls.u16(b, off);
        psk.field("tls.handshake.extensions.psk.binders_len", "PSK Binders length: " + bl, Integer.toString(bl)).at(b, off, 2);
        off += 2;
        psk.none("tls.handshake.extensions.psk.binders", "PSK Binders").at(b, off, bl);
    }
}

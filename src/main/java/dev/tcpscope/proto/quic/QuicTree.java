package dev.tcpscope.proto.quic;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/** Items packet-quic.c draws the same way in several places: byte strings, versions, the packet type. */
final class QuicTree {
    private QuicTree() { }

    /** An FT_BYTES item of {@code len} bytes at {@code off} of {@code t}. */
    static Tree bytes(Tvb t, Tree parent, String key, String name, int off, int len) {
        t.need(off, len);
        return t.at(parent.bytes(key, name, t.s, t.base + off, len), off, len);
    }

    /** quic_version_vals: a version's name and its hex value, "1 (0x00000001)". */
    static String version(int v) {
        return name(v) + String.format(" (0x%08x)", v);
    }

    private static String name(int v) {
        if (v == 0) {
            return "Version Negotiation";
        }
        if (v == 1) {
            return "1";
        }
        if (v == QuicCrypto.V2) {
            return "2";
        }
        if ((v >>> 8) == 0xff0000 && (v & 0xff) >= 4 && (v & 0xff) <= 34) {
            return String.format("draft-%02d", v & 0xff);
        }
        if (v == 0xff020000) {
            return "v2-draft-00";
        }
        if (v == 0x709a50c4) {
            return "v2-draft-01";
        }
        long u = v & 0xffffffffL;
        if (u >= 0x45474700L && u <= 0x454747ffL) {
            return "Quant";
        }
        if (u >= 0x50435130L && u <= 0x50435131L) {
            return "Picoquic internal";
        }
        if (u == 0x50524f58L) {
            return "Proxied QUIC (PROX)";
        }
        if (u == 0x51303433L) {
            return "Google Q043";
        }
        if (u == 0x51303434L) {
            return "Google Q044";
        }
        if (u == 0x51303436L) {
            return "Google Q046";
        }
        if (u == 0x51303530L) {
            return "Google Q050";
        }
        if (u >= 0x51474f00L && u <= 0x51474fffL) {
            return "QGO (QUIC GO)";
        }
        if (u == 0x54303530L) {
            return "Google T050";
        }
        if (u == 0x54303531L) {
            return "Google T051";
        }
        if (u >= 0x91c17000L && u <= 0x91c170ffL) {
            return "Quicly";
        }
        if (u >= 0xabcd0000L && u <= 0xabcd000fL) {
            return "MsQuic";
        }
        if (u == 0xfaceb001L) {
            return "Facebook mvfst (draft-22)";
        }
        if (u == 0xfaceb002L) {
            return "Facebook mvfst (draft-27)";
        }
        if (u >= 0xfaceb003L && u <= 0xfaceb00dL || u == 0xfaceb00fL) {
            return "Facebook mvfst";
        }
        if (u == 0xfaceb00eL) {
            return "Facebook mvfst (Experimental)";
        }
        return "Unknown";
    }

    private static final String[] V1 = {"Initial", "0-RTT", "Handshake", "Retry"};
    private static final String[] V2 = {"Retry", "Initial", "0-RTT", "Handshake"};

    /** hf_quic_long_packet_type (or _v2): the wire's two type bits with the version's names. */
    static void packetType(Tvb t, Tree qt, int firstByte, int version) {
        int bits = (firstByte & 0x30) >> 4;
        boolean v2 = version == QuicCrypto.V2;
        t.at(qt.field(v2 ? "quic.long.packet_type_v2" : "quic.long.packet_type",
                Text.bits(firstByte, 0x30, 8) + " = Packet Type: " + (v2 ? V2 : V1)[bits] + " (" + bits + ")",
                Integer.toString(bits)), 0, 1);
    }

    /** A 64-bit frame type as hf_quic_frame_type shows it, "CRYPTO (0x0000000000000006)". */
    static String frameType(long type) {
        return QuicFrames.name(type) + String.format(" (0x%016x)", type);
    }

    /** show_fragment_tree for a CRYPTO run: "[N Reassembled QUIC CRYPTO Data Fragments (L bytes): #f(len), ...]". */
    static void fragments(Tree parent, java.util.List<QuicCryptoStream.Frag> frags, byte[] all) {
        java.lang.foreign.MemorySegment m = java.lang.foreign.MemorySegment.ofArray(all);
        StringBuilder label = new StringBuilder();
        int n = frags.size();
        label.append(n).append(" Reassembled QUIC CRYPTO Data Fragment").append(n == 1 ? "" : "s")
                .append(" (").append(all.length).append(" bytes): ");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                label.append(", ");
            }
            label.append('#').append(frags.get(i).frame()).append('(').append(frags.get(i).data().length).append(')');
        }
        Tree t = parent.none("quic.crypto.fragments", label.toString()).generated().at(m, 0, all.length);
        long done = 0;
        for (QuicCryptoStream.Frag f : frags) {
            int len = f.data().length;
            long from = f.offset();
            Tree fi = t.field("quic.crypto.fragment", "Frame: " + f.frame() + ", payload: " + from + "-" + (from + len - 1)
                    + " (" + len + " byte" + (len == 1 ? "" : "s") + ")", Integer.toString(f.frame())).generated()
                    .at(m, from, (int) Math.max(0, Math.min(len, all.length - from)));
            if (from < done) {
                // reassemble.c flags a fragment starting before the bytes already put in place
                fi.field("quic.fragment.overlap", "Fragment overlap: True", "1").generated();
            }
            done = Math.max(done, from + len);
        }
        t.field("quic.crypto.fragment.count", "Fragment count: " + n, Integer.toString(n)).generated();
    }
}

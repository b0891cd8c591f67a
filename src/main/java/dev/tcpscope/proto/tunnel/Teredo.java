package dev.tcpscope.proto.tunnel;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * Teredo's headers (RFC 4380 §5.1.1) as packet-teredo.c shows them: an authentication header
 * (indicator 0x0001, client identifier and authentication value lengths, the identifier, the
 * value, an 8-byte nonce and a confirmation byte) and an origin indication (indicator 0x0000,
 * then the port and IPv4 address of the client's mapping, each stored with its bits inverted,
 * shown de-obfuscated). The protocol item covers the whole UDP payload. The IPv6 datagram after
 * the headers is the wire layer's ({@code wire.Dissector}). One walk makes the columns, the
 * tree and the fields.
 */
public final class Teredo {
    private Teredo() { }

    /**
     * Walks the headers in {@code t}: sets the columns ("Teredo"; Info names the headers, which
     * the datagram inside then replaces) and adds the tree under {@code root}. Like
     * packet-teredo.c it reads the first byte after the headers, so an empty datagram is malformed.
     *
     * @return null when the headers and a byte after them were there, or the exception that ended the walk
     */
    public static Tvb.Stop walk(Tvb t, Tree root, StringBuilder protocol, StringBuilder info) {
        protocol.setLength(0);
        protocol.append("Teredo");
        info.setLength(0);
        Tree top = t.at(root.protocol("teredo", "Teredo IPv6 over UDP tunneling"), 0, t.cap);
        try {
            int pos = 0;
            int indicator = t.u16(0);
            if (indicator == 1) {
                info.append("Authentication header");
                int idLen = t.u8(2);
                int auLen = t.u8(3);
                int len = dev.tcpscope.wire.UdpTunnel.TEREDO_AUTH_LENGTH + idLen + auLen;
                Tree a = t.at(top.none("teredo.auth", "Teredo Authentication header"), 0, Math.min(len, t.cap));
                t.at(a.field("teredo.auth.idlen", "Client identifier length: " + idLen, Integer.toString(idLen)), 2, 1);
                t.at(a.field("teredo.auth.aulen", "Authentication value length: " + auLen, Integer.toString(auLen)), 3, 1);
                pos = 4;
                if (idLen > 0) {
                    bytes(t, a, "teredo.auth.id", "Client identifier", pos, idLen);
                    pos += idLen;
                }
                if (auLen > 0) {
                    bytes(t, a, "teredo.auth.value", "Authentication value", pos, auLen);
                    pos += auLen;
                }
                bytes(t, a, "teredo.auth.nonce", "Nonce value", pos, 8);
                bytes(t, a, "teredo.auth.conf", "Confirmation byte", pos + 8, 1);
                pos += 9;
                indicator = t.u16(pos);
            }
            if (indicator == 0) {
                if (!info.isEmpty()) {
                    info.append(", ");
                }
                info.append("Origin indication");
                Tree o = t.at(top.none("teredo.orig", "Teredo Origin Indication header"), pos, Math.min(8, t.cap - pos));
                int port = ~t.u16(pos + 2) & 0xffff;
                t.at(o.field("teredo.orig.port", "Origin UDP port: " + port, Integer.toString(port)), pos + 2, 2);
                long addr = ~t.u32(pos + 4) & 0xffffffffL;
                String a = (addr >>> 24) + "." + (addr >>> 16 & 0xff) + "." + (addr >>> 8 & 0xff) + "." + (addr & 0xff);
                t.at(o.field("teredo.orig.addr", "Origin IPv4 address: " + a, a), pos + 4, 4);
                pos += 8;
            }
            t.u8(pos); // the datagram's first byte (th_ip_v_hl)
            return null;
        } catch (Tvb.Stop stop) {
            return stop;
        }
    }

    /** An {@code FT_BYTES} item of {@code n} bytes at {@code off}, which must be captured. */
    private static void bytes(Tvb t, Tree parent, String key, String name, int off, int n) {
        t.need(off, n);
        t.at(parent.bytes(key, name, t.s, t.base + off, n), off, n);
    }
}

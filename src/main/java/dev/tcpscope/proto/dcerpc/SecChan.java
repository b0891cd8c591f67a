package dev.tcpscope.proto.dcerpc;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * The NETLOGON secure channel's auth verifiers (auth type 68) as packet-dcerpc-netlogon.c
 * (Wireshark 4.0.17) shows them: a Bind's or Bind_ack's NL_AUTH_MESSAGE ([MS-NRPC] 2.2.1.3.1:
 * type, flags and the names they announce) and a call's Secure Channel Verifier
 * (NL_AUTH_SIGNATURE: algorithms, flags, sequence number, digest, and the confounder when sealed).
 */
final class SecChan {
    private SecChan() { }

    private static final String[] FLAG_NAMES = {"NetBios Domain", "NetBios Host", "DNS Domain", "DNS Host", "NetBios Host(UTF8)"};
    private static final String[] FLAG_KEYS = {"nb_domain", "nb_host", "dns_domain", "dns_host", "nb_host_utf8"};

    private static long u32le(Tvb b, int off) {
        b.need(off, 4);
        return b.u8(off) | b.u8(off + 1) << 8 | b.u8(off + 2) << 16 | (long) b.u8(off + 3) << 24;
    }

    private static Tree at(Tvb b, Tree t, int off, int len) {
        return b.at(t, off, Math.max(0, Math.min(len, b.cap - off)));
    }

    /** NL_AUTH_MESSAGE at {@code off} of the PDU's bytes. */
    static void message(Tvb b, Tree parent, int off, int len) {
        Tree t = at(b, parent.text("Secure Channel NL_AUTH_MESSAGE"), off, len);
        long type = u32le(b, off);
        String tn = type == 0 ? "Request" : type == 1 ? "Response" : "Unknown";
        at(b, t.field("netlogon.secchan.nl_auth_message.message_type", "Message Type: " + tn + " (" + String.format("0x%08x", type) + ")",
                String.format("0x%08x", type)), off, 4);
        long flags = u32le(b, off + 4);
        StringBuilder label = new StringBuilder("Message Flags: " + String.format("0x%08x", flags));
        for (int i = 0; i < 5; i++) {
            if ((flags & (1L << i)) != 0) {
                label.append(", ").append(FLAG_NAMES[i]);
            }
        }
        Tree ft = at(b, t.field("netlogon.secchan.nl_auth_message.message_flags", label.toString(), String.format("0x%08x", flags)), off + 4, 4);
        for (int i = 0; i < 5; i++) {
            boolean on = (flags & (1L << i)) != 0;
            at(b, ft.field("netlogon.secchan.nl_auth_message.message_flags." + FLAG_KEYS[i], Text.bits((int) flags, 1 << i, 32)
                    + " = " + FLAG_NAMES[i] + ": " + (on ? "True" : "False"), on ? "1" : "0"), off + 4, 4).bitmask(1L << i);
        }
        int p = off + 8;
        for (int i = 0; i < 5; i++) {
            if ((flags & (1L << i)) == 0) {
                continue;
            }
            int start = p;
            String v;
            if (i < 2) {
                int end = b.find(p, b.cap - p, 0);
                if (end < 0) {
                    b.need(b.cap, 1);
                }
                v = Text.latin1(b.s, b.base + p, end - p);
                p = end + 1;
            } else {
                StringBuilder sb = new StringBuilder();
                int guard = 0;
                while (guard++ < 128) {
                    int n = b.u8(p);
                    if (n == 0 || n >= 0xc0) {
                        p += n == 0 ? 1 : 2;
                        break;
                    }
                    b.need(p + 1, n);
                    if (!sb.isEmpty()) {
                        sb.append('.');
                    }
                    sb.append(Text.latin1(b.s, b.base + p + 1, n));
                    p += 1 + n;
                }
                v = sb.toString();
            }
            at(b, t.string("netlogon.secchan.nl_auth_message." + FLAG_KEYS[i], FLAG_NAMES[i], v), start, p - start);
        }
    }

    /** NL_AUTH_SIGNATURE at {@code off}. */
    static void verifier(Tvb b, Tree parent, int off, int len) {
        Tree t = at(b, parent.none("netlogon.secchan.verifier", "Secure Channel Verifier"), off, len);
        b.need(off, 2);
        int sign = b.u8(off) | b.u8(off + 1) << 8;
        String sn = sign == 0x77 ? "HMAC-MD5" : "Unknown";
        at(b, t.field("netlogon.secchan.signalg", "Sign algorithm: " + sn + " (" + String.format("0x%04x", sign) + ")",
                String.format("0x%04x", sign)), off, 2);
        b.need(off + 2, 2);
        int seal = b.u8(off + 2) | b.u8(off + 3) << 8;
        String en = seal == 0xffff ? "Not Encrypted" : seal == 0x7a ? "RC4" : "Unknown";
        at(b, t.field("netlogon.secchan.sealalg", "Seal algorithm: " + en + " (" + String.format("0x%04x", seal) + ")",
                String.format("0x%04x", seal)), off + 2, 2);
        bytes(b, t, "netlogon.secchan.flags", "Flags", off + 6, 2);
        bytes(b, t, "netlogon.secchan.seq", "Sequence No", off + 8, 8);
        bytes(b, t, "netlogon.secchan.digest", "Packet Digest", off + 16, 8);
        if (len >= 32) {
            bytes(b, t, "netlogon.secchan.nonce", "Nonce", off + 24, 8);
        }
    }

    private static void bytes(Tvb b, Tree t, String key, String name, int off, int len) {
        b.need(off, len);
        at(b, t.bytes(key, name, b.s, b.base + off, len), off, len);
    }
}

package dev.tcpscope.proto.ntlmssp;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * The NTLM Secure Service Provider ([MS-NLMP] §2.2) as Wireshark 4.0.17's packet-ntlmssp.c shows
 * the messages other protocols hand to it: HTTP's {@code NTLM <base64>} authentication headers and
 * LDAP's SASL and Sicily bind blobs. NEGOTIATE, CHALLENGE and AUTHENTICATE are dissected (flags,
 * version, strings, target info AV pairs, LM/NTLM responses with the NTLMv2 response, MIC and
 * session key); nothing is decrypted.
 *
 * <p>A message is seen twice: once in capture order ({@link #observe}), where the conversation's
 * state is kept (the Unicode flag of the last CHALLENGE decides how an AUTHENTICATE's strings are
 * read, as the dissector's conversation data does) and the Info text is made; then whenever the
 * frame's tree is built ({@link #tree}), from what {@code observe} recorded.
 */
public final class Ntlmssp {
    private Ntlmssp() { }

    /** The protocol's short name, as exception markers show it. */
    public static final String NAME = "NTLMSSP";

    /** NTLMSSP_NEGOTIATE_UNICODE: strings are UTF-16LE, else OEM (ASCII here). */
    static final int UNICODE = 0x00000001;
    static final int VERSION = 0x02000000;

    /** The state packet-ntlmssp.c keeps per conversation: the flags of the last CHALLENGE seen. */
    public static final class Conv {
        int flags;
        boolean known;
    }

    /**
     * One message where a hosting protocol found it: {@code len} bytes at {@code off} of
     * {@code s} (valid while the frame is printed), and whether its AUTHENTICATE strings are
     * Unicode (from the conversation when it was first seen).
     */
    public record Message(MemorySegment s, long off, int len, boolean unicode) { }

    /**
     * First sight of a message, in capture order: records the conversation's state and returns
     * the message with what its tree needs; {@code info} receives the Info column's text
     * ({@code ", NTLMSSP_AUTH, User: DOM\\user"}, {@code "[Malformed Packet]"} after an exception).
     */
    public static Message observe(MemorySegment s, long off, int len, Conv conv, StringBuilder info) {
        boolean unicode = conv.known && (conv.flags & UNICODE) != 0;
        Message m = new Message(s, off, len, unicode);
        NtlmsspWalk w = walk(m, Tree.NOTHING, info);
        if (w.challengeFlags != null) {
            conv.flags = w.challengeFlags;
            conv.known = true;
        }
        return m;
    }

    /**
     * Adds the "NTLM Secure Service Provider" item of {@code m} under {@code parent} (and, after
     * an exception, the "[Malformed Packet: NTLMSSP]" marker show_exception adds beside it).
     */
    public static void tree(Message m, Tree parent, Consumer<String> protocols) {
        protocols.accept("ntlmssp");
        walk(m, parent, new StringBuilder());
    }

    private static NtlmsspWalk walk(Message m, Tree parent, StringBuilder info) {
        Tvb b = new Tvb(m.s, m.off, m.len, m.len);
        Tree item = b.at(parent.protocol("ntlmssp", "NTLM Secure Service Provider"), 0, m.len);
        NtlmsspWalk w = new NtlmsspWalk(b, item, info, m.unicode);
        try {
            w.message();
        } catch (Tvb.Stop stop) {
            // dissect_ntlmssp's CATCH_NONFATAL_ERRORS: show_exception marks the frame and the
            // protocol that handed the blob on carries on
            info.append("[Malformed Packet]");
            parent.protocol("_ws.malformed", "[Malformed Packet: " + NAME + "]").at(m.s, m.off, 0)
                    .expert("_ws.malformed.expert", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                            "Malformed Packet (Exception occurred)");
        }
        return w;
    }

    /**
     * packet-http.c's base64_to_tvb (GLib's g_base64_decode_inplace): characters outside the
     * alphabet are skipped, each group of four gives three bytes less one for each '=' among its
     * last two, and a last group of fewer than four gives nothing.
     */
    public static byte[] base64(String text) {
        byte[] out = new byte[text.length() * 3 / 4 + 3];
        int n = 0;
        int v = 0;
        int i = 0;
        char last0 = 0;
        char last1 = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            int rank;
            if (c >= 'A' && c <= 'Z') {
                rank = c - 'A';
            } else if (c >= 'a' && c <= 'z') {
                rank = c - 'a' + 26;
            } else if (c >= '0' && c <= '9') {
                rank = c - '0' + 52;
            } else if (c == '+') {
                rank = 62;
            } else if (c == '/') {
                rank = 63;
            } else if (c == '=') {
                rank = 0;
            } else {
                continue;
            }
            last1 = last0;
            last0 = c;
            v = v << 6 | rank;
            if (++i == 4) {
                out[n++] = (byte) (v >> 16);
                if (last1 != '=') {
                    out[n++] = (byte) (v >> 8);
                }
                if (last0 != '=') {
                    out[n++] = (byte) v;
                }
                i = 0;
                v = 0;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Whether {@code len} bytes at {@code off} start with "NTLMSSP" (tvb_strneql, 7 bytes). */
    public static boolean isNtlmssp(MemorySegment s, long off, int len) {
        return len >= 7 && dev.tcpscope.proto.Text.startsWith(s, off, len, "NTLMSSP");
    }
}

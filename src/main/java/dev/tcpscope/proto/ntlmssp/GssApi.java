package dev.tcpscope.proto.ntlmssp;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * What Wireshark 4.0.17's packet-gssapi.c shows for the blobs LDAP hands it, with SPNEGO and
 * Kerberos disabled as in tcpscope's profile: a raw NTLMSSP message goes to {@link Ntlmssp}
 * under the GSS-API item; an initial context token ([APPLICATION 0], RFC 2743 §3.1) shows its
 * mechanism OID and the rest as "Token object" (the mechanism's dissector being off). Other
 * tokens (wrap tokens of an established context) are not built yet and show the GSS-API item alone.
 */
public final class GssApi {
    private GssApi() { }

    /** The mechanism names packet-gssapi.c's OID table gives the OIDs seen in LDAP and HTTP. */
    private static String oidName(String oid) {
        return switch (oid) {
            case "1.3.6.1.5.5.2" -> "SPNEGO - Simple Protected Negotiation";
            case "1.2.840.113554.1.2.2" -> "KRB5 - Kerberos 5";
            case "1.2.840.48018.1.2.2" -> "MS KRB5 - Microsoft Kerberos 5";
            case "1.3.6.1.4.1.311.2.2.10" -> "NTLMSSP - Microsoft NTLM Security Support Provider";
            default -> null;
        };
    }

    /** A blob for GSS-API: kept by the hosting protocol, with the NTLMSSP message inside if it is one. */
    public record Blob(MemorySegment s, long off, int len, Ntlmssp.Message ntlmssp) { }

    /** First sight in capture order: the NTLMSSP message inside, if any, observed ({@link Ntlmssp#observe}). */
    public static Blob observe(MemorySegment s, long off, int len, Ntlmssp.Conv conv, StringBuilder info) {
        if (len > 7 && Ntlmssp.isNtlmssp(s, off, len)) {
            return new Blob(s, off, len, Ntlmssp.observe(s, off, len, conv, info));
        }
        if (len == 0) {
            info.append("[Malformed Packet]"); // reading the token's first byte throws
        }
        return new Blob(s, off, len, null);
    }

    /** The "GSS-API Generic Security Service Application Program Interface" item and what it holds. */
    public static void tree(Blob g, Tree parent, Consumer<String> protocols) {
        if (g.len > 0) {
            protocols.accept("gss-api"); // an empty blob adds no layer
        }
        Tree item = parent.protocol("gss-api", "GSS-API Generic Security Service Application Program Interface")
                .at(g.s, g.off, g.len);
        if (g.ntlmssp != null) {
            Ntlmssp.tree(g.ntlmssp, item, protocols);
            return;
        }
        MemorySegment s = g.s;
        long o = g.off;
        int len = g.len;
        if (len == 0) {
            // dissect_gssapi_work's exception handler: the marker after its item
            parent.protocol("_ws.malformed", "[Malformed Packet: GSS-API]").at(s, o, 0)
                    .expert("_ws.malformed.expert", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                            "Malformed Packet (Exception occurred)");
            return;
        }
        if (len > 2 && (Text.u8(s, o) == 0x05 || Text.u8(s, o) == 0x04) && Text.u8(s, o + 1) == 0x04) {
            // a Kerberos CFX wrap token: spnego-krb5's, off here, so data
            dev.tcpscope.proto.Items.data(item, s, o, len, protocols);
            return;
        }
        if (Text.u8(s, o) != 0x60) {
            unknownHeader(item, s, o, len);
            return;
        }
        // [APPLICATION 0] constructed, a definite length, then the mechanism OID
        if (len < 2) {
            return;
        }
        int p = 1;
        int l = Text.u8(s, o + p++);
        if ((l & 0x80) != 0) {
            int n = l & 0x7f;
            if (n == 0 || n > 4 || p + n > len) {
                return;
            }
            p += n;
        }
        if (p + 2 > len || Text.u8(s, o + p) != 0x06) {
            return;
        }
        int oidAt = p;
        int olen = Text.u8(s, o + p + 1);
        if (olen >= 0x80 || p + 2 + olen > len) {
            return;
        }
        String oid = oid(s, o + p + 2, olen);
        String name = oidName(oid);
        item.field("gss-api.OID", "OID: " + oid + (name == null ? "" : " (" + name + ")"), oid).at(s, o + p + 2, olen);
        item.bytes("gss-api.token_object", "Token object", s, o + oidAt, len - oidAt).at(s, o + oidAt, len - oidAt);
    }

    /**
     * A token that is no initial context token and no NTLMSSP, with no mechanism known from the
     * conversation: "Unknown header (class=C, pc=P, tag=T)" after its identifier and length are
     * read (a length past the token is the GSS-API marker).
     */
    private static void unknownHeader(Tree item, MemorySegment s, long o, int len) {
        int b0 = Text.u8(s, o);
        int cls = b0 >> 6;
        int pc = b0 >> 5 & 1;
        long tag = b0 & 0x1f;
        int p = 1;
        if (tag == 0x1f) {
            tag = 0;
            int x;
            do {
                if (p >= len) {
                    malformed(item, s, o);
                    return;
                }
                x = Text.u8(s, o + p++);
                tag = tag << 7 | (x & 0x7f);
            } while ((x & 0x80) != 0 && p < 8);
        }
        if (p >= len) {
            malformed(item, s, o);
            return;
        }
        int l = Text.u8(s, o + p++);
        if ((l & 0x80) != 0 && p + (l & 0x7f) > len) {
            malformed(item, s, o);
            return;
        }
        String msg = "Unknown header (class=" + cls + ", pc=" + pc + ", tag=" + tag + ")";
        item.text(msg).at(s, o, 0).expert("gssapi.unknown_header", Tree.Severity.WARNING, Tree.Group.PROTOCOL, msg);
    }

    private static void malformed(Tree item, MemorySegment s, long o) {
        item.protocol("_ws.malformed", "[Malformed Packet: GSS-API]").at(s, o, 0)
                .expert("_ws.malformed.expert", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "Malformed Packet (Exception occurred)");
    }

    /** The dotted form of a BER OBJECT IDENTIFIER's contents (X.690 §8.19). */
    static String oid(MemorySegment s, long off, int len) {
        StringBuilder sb = new StringBuilder();
        long v = 0;
        boolean first = true;
        for (int i = 0; i < len; i++) {
            int x = Text.u8(s, off + i);
            v = v << 7 | (x & 0x7f);
            if ((x & 0x80) == 0) {
                if (first) {
                    long a = v < 40 ? 0 : v < 80 ? 1 : 2;
                    sb.append(a).append('.').append(v - a * 40);
                    first = false;
                } else {
                    sb.append('.').append(v);
                }
                v = 0;
            }
        }
        return sb.toString();
    }
}

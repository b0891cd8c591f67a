package dev.tcpscope.proto.tls;

import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.Consumer;

/**
 * The TLS layer of the detail tree as packet-tls.c builds it for the records of one frame: one
 * "Transport Layer Security" item per call of the dissector, a record-layer item per record
 * (content type, version, length), then the record's content: the handshake messages (through
 * {@link TlsHandshake}), Change Cipher Spec, Alert, Application Data, Heartbeat, or "Encrypted
 * Handshake Message".
 */
final class TlsTree {
    private TlsTree() { }

    static LayerTree.End build(List<Tls.Rec> recs, List<Tls.Call> calls, Tree root, Consumer<String> protocols) {
        LayerTree.End end = LayerTree.End.OK;
        int call = 0;
        Tree tls = null;
        Tls.Call current = null;
        for (int i = 0; i < recs.size(); i++) {
            while (call < calls.size() && calls.get(call).first() <= i) {
                current = calls.get(call);
                tls = item(root, current);
                protocols.accept("tls");
                call++;
            }
            Tls.Rec r = recs.get(i);
            if (record(r, tls, current) != LayerTree.End.OK) {
                end = LayerTree.End.MALFORMED;
            }
            TlsHandshake.certificateLayers(r, protocols); // x509sat, x509ce, pkix1*, and tls for an SCT list
        }
        while (call < calls.size()) {
            item(root, calls.get(call));
            protocols.accept("tls");
            call++;
        }
        return end;
    }

    /** dissect_ssl's item: {@code proto_tree_add_item(tree, proto_tls, tvb, 0, -1)}, all the bytes of the call. */
    private static Tree item(Tree root, Tls.Call c) {
        return root.protocol("tls", "Transport Layer Security").at(c.s(), c.off(), c.len());
    }

    /** One record's tree; {@code call} is the dissect_ssl call whose bytes hold it (every record has one). */
    private static LayerTree.End record(Tls.Rec r, Tree tls, Tls.Call call) {
        MemorySegment s = r.s;
        switch (r.kind) {
            case IGNORED -> {
                tls.expert("tls.ignored_unknown_record", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Ignored Unknown Record");
                return LayerTree.End.OK;
            }
            case CONTINUATION -> {
                return LayerTree.End.OK;
            }
            case SSLV2 -> {
                String name = r.type < Sslv2.MSG_TYPES.length ? Sslv2.MSG_TYPES[r.type] : "Encrypted Data";
                Tree rec = tls.none("tls.record", "SSLv2 Record Layer: " + name).at(s, r.off, r.rest + r.length);
                rec.field("tls.record.version", "Version: SSL 2.0 (0x0002)", "0x0002").generated();
                rec.field("tls.record.length", "Length: " + r.length, Integer.toString(r.length)).at(s, r.off, r.rest);
                if (r.rest == 3) {
                    int b0 = Tls.u8(s, r.off);
                    boolean escape = (b0 & 0x40) != 0;
                    rec.field("tls.record.is_escape", "Is Escape: " + (escape ? "True" : "False"), escape ? "1" : "0").at(s, r.off, 1);
                    int pad = Tls.u8(s, r.off + 2);
                    rec.field("tls.record.padding_length", "Padding Length: " + pad, Integer.toString(pad)).at(s, r.off + 2, 1);
                }
                if (name.equals("Encrypted Data")) {
                    return LayerTree.End.OK;
                }
                rec.field("tls.handshake.type", "Handshake Message Type: " + name + " (" + r.type + ")", Integer.toString(r.type))
                        .at(s, r.off + r.rest, 1);
                if (r.type == 1) {
                    try {
                        Sslv2.clientHello(s.asSlice(r.off + r.rest + 1, r.length - 1), rec);
                    } catch (IndexOutOfBoundsException e) {
                        return LayerTree.End.MALFORMED;
                    }
                }
                return LayerTree.End.OK;
            }
            default -> { }
        }
        Tree rec = tls.none("tls.record", "Record Layer").at(s, r.off, 5 + r.length);
        if (r.opaque) {
            rec.field("tls.record.opaque_type", "Opaque Type: " + TlsNames.CONTENT_TYPE.name(r.type, "Unknown") + " (" + r.type + ")",
                    Integer.toString(r.type)).at(s, r.off, 1);
        } else {
            rec.field("tls.record.content_type", "Content Type: " + TlsNames.CONTENT_TYPE.name(r.type, "Unknown") + " (" + r.type + ")",
                    Integer.toString(r.type)).at(s, r.off, 1);
        }
        rec.field("tls.record.version", "Version: " + TlsNames.VERSION.name(r.recordVersion, "Unknown") + " (" + hex4(r.recordVersion) + ")",
                hex4(r.recordVersion)).at(s, r.off + 1, 2);
        Tree lenItem = rec.field("tls.record.length", "Length: " + r.length, Integer.toString(r.length)).at(s, r.off + 3, 2);
        int max = r.version == Tls.TLS13 ? 256 : 2048;
        if (r.length == 0 && (r.type == Tls.CT_CCS || r.type == Tls.CT_ALERT || r.type == Tls.CT_HANDSHAKE)) {
            lenItem.expert("tls.record.length.invalid", Tree.Severity.ERROR, Tree.Group.PROTOCOL,
                    "Zero-length " + TlsNames.CONTENT_TYPE.name(r.type, "unknown") + " fragments are not allowed");
        }
        if (r.length > 16384 + max) {
            lenItem.expert("tls.record.length.invalid", Tree.Severity.ERROR, Tree.Group.PROTOCOL,
                    "TLSCiphertext length MUST NOT exceed 2^14 + " + max);
        }
        if (r.length == 0 && r.s.byteSize() - r.off <= 5) {
            return LayerTree.End.MALFORMED;
        }
        long body = r.off + 5;
        String sv = TlsNames.shortVersion(r.sessionVersion, null);
        String v = TlsNames.shortVersion(r.version, null);
        switch (r.type) {
            case Tls.CT_CCS -> {
                rec.relabel((sv == null ? "SSL" : sv) + " Record Layer: Change Cipher Spec Protocol: Change Cipher Spec");
                Tree ccs = rec.none("tls.change_cipher_spec", "Change Cipher Spec Message").at(s, body, 1);
                if (r.resumed) {
                    ccs.expert("tls.resumed", Tree.Severity.NOTE, Tree.Group.SEQUENCE,
                            "This session reuses previously negotiated keys (Session resumption)");
                }
            }
            case Tls.CT_ALERT -> {
                String ver = sv == null ? "TLS" : sv;
                Tree alert = rec.none("tls.alert_message", "Alert Message").at(s, body, r.length);
                if (r.length != 2) {
                    rec.relabel(ver + " Record Layer: Encrypted Alert");
                    alert.relabel("Alert Message: Encrypted Alert");
                } else {
                    int level = Tls.u8(s, body);
                    int desc = Tls.u8(s, body + 1);
                    String ln = TlsNames.ALERT_LEVEL.name(level, "Unknown");
                    String dn = TlsNames.ALERT.name(desc, "Unknown");
                    rec.relabel(ver + " Record Layer: Alert (Level: " + ln + ", Description: " + dn + ")");
                    alert.field("tls.alert_message.level", "Level: " + ln + " (" + level + ")", Integer.toString(level)).at(s, body, 1);
                    alert.field("tls.alert_message.desc", "Description: " + dn + " (" + desc + ")", Integer.toString(desc)).at(s, body + 1, 1);
                }
            }
            case Tls.CT_HANDSHAKE -> {
                return TlsHandshake.record(r, rec, v == null ? "TLS" : v);
            }
            case Tls.CT_APP_DATA -> {
                rec.relabel((v == null ? "SSL" : v) + " Record Layer: Application Data Protocol: "
                        + appProtocol(r));
                bytes(rec, "tls.app_data", "Encrypted Application Data", s, body, r.length);
                String app = appHandle(r);
                if (app != null) {
                    // added at the call's offset 0, not the record's: PDML (print.c) shows an item that starts
                    // before its parent at the parent's start plus its own, so a record after the call's
                    // first puts it that much further on
                    rec.string("tls.app_data_proto", "Application Data Protocol", app).generated().at(call.s(), call.off(), 0);
                }
            }
            case Tls.CT_HEARTBEAT -> {
                if (r.version == Tls.TLS13) {
                    break;
                }
                heartbeat(r, rec, sv == null ? "SSL" : sv, body);
            }
            default -> { }
        }
        return LayerTree.End.OK;
    }

    /**
     * The application protocol packet-tls.c names for an Application Data record: the one the
     * ServerHello's ALPN chose, else the one registered for the source, then the destination
     * port in "tls.port" (ssl_associations; the names are tshark's, whether or not the profile
     * enables the protocol), or null.
     */
    private static String appHandle(Tls.Rec r) {
        if (r.appName != null) {
            return r.appName;
        }
        String a = portApplication(r.srcPort);
        return a != null ? a : portApplication(r.dstPort);
    }

    /** The name of a protocol that hands its conversation to TLS by STARTTLS, by filter name. */
    static String handleApplication(String filterName) {
        return switch (filterName) {
            case "smtp" -> "Simple Mail Transfer Protocol";
            case "ftp" -> "File Transfer Protocol (FTP)";
            case "telnet" -> "Telnet";
            case "ldap" -> "Lightweight Directory Access Protocol";
            case "imap" -> "Internet Message Access Protocol";
            case "mysql" -> "MySQL Protocol";
            case "pgsql" -> "PostgreSQL";
            default -> null;
        };
    }

    /** The "tls.port" table of tshark 4.0.17 ({@code tshark -G decodes}) with each protocol's name. */
    static String portApplication(int port) {
        return switch (port) {
            case 324 -> "RPKI-Router Protocol";
            case 443 -> "Hypertext Transfer Protocol";
            case 465 -> "Simple Mail Transfer Protocol";
            case 636 -> "Lightweight Directory Access Protocol";
            case 802 -> "Modbus/TCP";
            case 853 -> "Domain Name System";
            case 993 -> "Internet Message Access Protocol";
            case 995 -> "Post Office Protocol";
            case 1300 -> "Q.931";
            case 2221 -> "EtherNet/IP (Industrial Protocol)";
            case 2443 -> "Skinny Client Control Protocol";
            case 3249, 3250, 3251, 3252 -> "Intel Omni-Path FE Header - Omni-Path Fabric Executive Header";
            case 3389 -> "TPKT - ISO on TCP - RFC1006";
            case 3496 -> "DoIP (ISO13400) Protocol";
            case 5061 -> "Session Initiation Protocol";
            case 5671 -> "Advanced Message Queuing Protocol";
            case 5684 -> "Constrained Application Protocol";
            case 5868 -> "Diameter Protocol";
            case 8883 -> "MQ Telemetry Transport Protocol";
            case 11207 -> "Couchbase Protocol";
            case 19999 -> "Distributed Network Protocol 3.0";
            case 27017 -> "Mongo Wire Protocol";
            default -> null;
        };
    }

    private static String appProtocol(Tls.Rec r) {
        String a = appHandle(r);
        return a == null ? "Application Data" : a;
    }

    private static void heartbeat(Tls.Rec r, Tree rec, String ver, long body) {
        MemorySegment s = r.s;
        Tree hb = rec.none("tls.heartbeat_message", "Heartbeat Message").at(s, body, r.length);
        int t = Tls.u8(s, body);
        String type = Tls.heartbeatType(t);
        int payload = r.length >= 3 ? Tls.u16(s, body + 1) : 0;
        int padding = r.length - 3 - payload;
        if (type != null) { // no keys: packet-tls.c takes the message as plaintext
            rec.relabel(ver + " Record Layer: Heartbeat " + type);
            hb.field("tls.heartbeat_message.type", "Type: " + type + " (" + t + ")", Integer.toString(t)).at(s, body, 1);
            Tree pl = hb.field("tls.heartbeat_message.payload_length", "Payload Length: " + payload, Integer.toString(payload))
                    .at(s, body + 1, 2);
            if (3 + payload + 16 > r.length) {
                pl.expert("tls.heartbeat_message.payload_length.invalid", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "Invalid heartbeat payload length (" + payload + ")");
                payload = r.length - 3;
                padding = 0;
                pl.relabel("Payload Length: " + Tls.u16(s, body + 1) + " (invalid, using " + payload + " to decode payload)");
            }
            bytesAs(hb, "tls.heartbeat_message.payload", "Payload (" + payload + " byte" + (payload == 1 ? "" : "s") + ")",
                    s, body + 3, payload);
            if (padding != 0) {
                bytesAs(hb, "tls.heartbeat_message.padding", "Padding and HMAC (" + padding + " byte" + (padding == 1 ? "" : "s") + ")",
                        s, body + 3 + payload, padding);
            }
        } else {
            rec.relabel(ver + " Record Layer: Encrypted Heartbeat");
            hb.relabel("Encrypted Heartbeat Message");
        }
    }

    /** An FT_BYTES item whose label the dissector wrote ({@code proto_tree_add_bytes_format}). */
    static Tree bytesAs(Tree t, String key, String label, MemorySegment s, long off, int len) {
        return len == 0 ? t.field(key, label, "").at(s, off, 0) : t.bytes(key, label, s, off, len).relabel(label);
    }

    /** An FT_BYTES field, "Name: hex" ({@code <MISSING>} when empty, as tshark writes it). */
    static Tree bytes(Tree t, String key, String name, MemorySegment s, long off, int len) {
        return len == 0 ? t.field(key, name + ": <MISSING>", "").at(s, off, 0) : t.bytes(key, name, s, off, len);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Bytes as plain lowercase hex. */
    static String hex(MemorySegment s, long off, int len) {
        StringBuilder sb = new StringBuilder(len * 2);
        for (int k = 0; k < len; k++) {
            int b = Tls.u8(s, off + k);
            sb.append(HEX[b >>> 4]).append(HEX[b & 0xf]);
        }
        return sb.toString();
    }


    /** bytes_to_str: the hex of at most 36 bytes, "…" after when there are more. */
    static String hexShort(MemorySegment s, long off, int len) {
        int n = (int) Math.min(Math.min(len, 36), s.byteSize() - off);
        return hex(s, off, n) + (len > 36 ? "…" : "");
    }

    /**
     * {@code 0x%04x}: a 16-bit code as the tree shows it. Every hello's version, cipher suites and
     * groups are formatted so, in the list too (their labels are made before the items know the
     * tree is not kept), and {@code String.format} was the TLS walk's largest cost there.
     */
    static String hex4(int v) {
        if ((v & ~0xffff) != 0) {
            return "0x" + String.format("%04x", v);
        }
        return new String(new char[] {'0', 'x', HEX[v >>> 12], HEX[v >>> 8 & 15], HEX[v >>> 4 & 15], HEX[v & 15]});
    }
}

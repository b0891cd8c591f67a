package dev.tcpscope.proto.tls;

import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.x509.X509;

import java.lang.foreign.MemorySegment;

/**
 * The handshake messages of a record as packet-tls.c's {@code dissect_tls_handshake} and
 * {@code dissect_tls_handshake_full} show them: the record's label ("Handshake Protocol: Client
 * Hello", "Multiple Handshake Messages", "(fragment)"), an item per message with its type and
 * length, and the message body (ClientHello/ServerHello through {@link TlsHello}; the others
 * after packet-tls-utils.c's {@code ssl_dissect_hnd_*}). A message read past its end stops with
 * a malformed mark, as Wireshark's bounds exception does.
 */
final class TlsHandshake {
    private TlsHandshake() { }

    static LayerTree.End record(Tls.Rec r, Tree rec, String version) {
        LayerTree.End end = LayerTree.End.OK;
        for (Tls.Part p : r.parts) {
            switch (p.kind) {
                case ENCRYPTED -> {
                    rec.relabel(version + " Record Layer: Handshake Protocol: Encrypted Handshake Message");
                    rec.none("tls.handshake", "Handshake Protocol: Encrypted Handshake Message").at(r.s, r.off + p.off, p.len);
                }
                case MIDDLE_FRAGMENT -> {
                    String name = TlsNames.HANDSHAKE_TYPE.name(p.type, "Encrypted Handshake Message");
                    rec.relabel(version + " Record Layer: Handshake Protocol: Multiple Handshake Messages");
                    rec.none("tls.handshake", "Handshake Protocol: " + name + " (fragment)").at(r.s, r.off + p.off, p.len);
                }
                case FIRST_FRAGMENT -> {
                    String name = TlsNames.HANDSHAKE_TYPE.name(p.type, "Encrypted Handshake Message");
                    rec.relabel(version + " Record Layer: Handshake Protocol: "
                            + (p.first ? name + " (fragment)" : "Multiple Handshake Messages"));
                    rec.none("tls.handshake", "Handshake Protocol: " + name + " (fragment)").at(r.s, r.off + p.off, p.len);
                }
                case LAST_FRAGMENT -> {
                    String name = TlsNames.HANDSHAKE_TYPE.name(p.type, "Encrypted Handshake Message");
                    rec.none("tls.handshake", "Handshake Protocol: " + name + " (last fragment)").at(r.s, r.off + p.off, p.len);
                    fragments(rec, p);
                    MemorySegment m = MemorySegment.ofArray(p.message);
                    if (message(r, p, rec, m, version, true) != LayerTree.End.OK) {
                        end = LayerTree.End.MALFORMED;
                    }
                }
                case FULL -> {
                    MemorySegment m = r.s.asSlice(r.off + p.off, p.len);
                    if (message(r, p, rec, m, version, p.first) != LayerTree.End.OK) {
                        end = LayerTree.End.MALFORMED;
                    }
                }
            }
        }
        return end;
    }

    /** show_fragment_tree for a handshake message put together from records of several frames. */
    private static void fragments(Tree rec, Tls.Part p) {
        int n = p.frames.length;
        StringBuilder label = new StringBuilder();
        label.append(n).append(" Reassembled Handshake Fragment").append(n == 1 ? "" : "s")
                .append(" (").append(p.message.length).append(" bytes): ");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                label.append(", ");
            }
            label.append('#').append(p.frames[i]).append('(').append(p.lengths[i]).append(')');
        }
        // show_fragment_tree over the reassembled message: the list over all of it, each fragment over its bytes
        MemorySegment m = MemorySegment.ofArray(p.message);
        Tree t = rec.none("tls.handshake.fragments", label.toString()).generated().at(m, 0, p.message.length);
        int at = 0;
        for (int i = 0; i < n; i++) {
            t.field("tls.handshake.fragment", "Frame: " + p.frames[i] + ", payload: " + at + "-" + (at + p.lengths[i] - 1)
                    + " (" + p.lengths[i] + " byte" + (p.lengths[i] == 1 ? "" : "s") + ")", Integer.toString(p.frames[i])).generated()
                    .at(m, at, p.lengths[i]);
            at += p.lengths[i];
        }
        if (p.quic) {
            // tls13-handshake's reassembly (tls_hs_fragment_items): its own count label, no length item
            t.field("tls.handshake.fragment.count", "Handshake Fragment count: " + n, Integer.toString(n)).generated();
            return;
        }
        t.field("tls.handshake.fragment.count", "Fragment count: " + n, Integer.toString(n)).generated();
        t.field("tls.handshake.reassembled.length", "Reassembled TLS length: " + p.message.length,
                Integer.toString(p.message.length)).generated();
    }

    /** Whether the body of the whole message at {@code off} of {@code m} is read without passing its end. */
    static boolean parses(Tls.Rec r, Tls.Part p, MemorySegment m, long off, int version) {
        MemorySegment msg = m.asSlice(off, Math.min(m.byteSize() - off, 4L + Tls.u24(m, off + 1)));
        return message(r, p, Tree.NOTHING, msg, "TLS", true) == LayerTree.End.OK;
    }

    /** dissect_tls_handshake_full: one whole message {@code m} (type, 24-bit length, body). */
    private static LayerTree.End message(Tls.Rec r, Tls.Part p, Tree rec, MemorySegment m, String version, boolean first) {
        int type = Tls.u8(m, 0);
        int length = Tls.u24(m, 1);
        String name = TlsNames.HANDSHAKE_TYPE.name(type);
        String shown = p.hrr ? "Hello Retry Request" : name != null ? name : "Encrypted Handshake Message";
        rec.relabel(version + " Record Layer: Handshake Protocol: " + (first ? shown : "Multiple Handshake Messages"));
        Tree hs = rec.none("tls.handshake", "Handshake Protocol: " + shown).at(m, 0, 4 + length);
        if (name == null) {
            return LayerTree.End.OK;
        }
        hs.field("tls.handshake.type", "Handshake Type: " + name + " (" + type + ")", Integer.toString(type)).at(m, 0, 1);
        hs.field("tls.handshake.length", "Length: " + length, Integer.toString(length)).at(m, 1, 3);
        MemorySegment b = m.asSlice(4, Math.min(length, m.byteSize() - 4));
        try {
            switch (type) {
                case 1 -> TlsHello.client(b, hs, r);
                case 2 -> TlsHello.server(b, hs, r, p.hrr);
                case 4 -> newSessionTicket(b, hs, r);
                case 8 -> TlsHello.encryptedExtensions(b, hs, r);
                case 11 -> certificate(b, hs, r);
                case 12 -> serverKeyExchange(b, hs, p, r);
                case 13 -> certificateRequest(b, hs, r);
                case 15 -> certificateVerify(b, hs);
                case 16 -> clientKeyExchange(b, hs, p, r);
                case 22 -> certificateStatus(b, hs);
                case 20 -> hs.bytes("tls.handshake.verify_data", "Verify Data", b, 0, (int) b.byteSize());
                default -> { }
            }
        } catch (IndexOutOfBoundsException e) {
            return LayerTree.End.MALFORMED; // read past the message: Wireshark's bounds exception
        }
        return LayerTree.End.OK;
    }

    private static void newSessionTicket(MemorySegment b, Tree hs, Tls.Rec r) {
        Tree t = hs.text("TLS Session Ticket").at(b, 0, (int) b.byteSize());
        long hint = Integer.toUnsignedLong(b.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), 0));
        String label = "Session Ticket Lifetime Hint: " + hint + " second" + (hint == 1 ? "" : "s");
        if (hint >= 60) {
            label += " (" + timeSecs(hint) + ")";
        }
        t.field("tls.handshake.session_ticket_lifetime_hint", label, Long.toString(hint)).at(b, 0, 4);
        long off = 4;
        if (r.sessionVersion == Tls.TLS13) {
            long add = Integer.toUnsignedLong(b.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), off));
            t.field("tls.handshake.session_ticket_age_add", "Session Ticket Age Add: " + add, Long.toString(add)).at(b, off, 4);
            off += 4;
            int nl = Tls.u8(b, off);
            t.field("tls.handshake.session_ticket_nonce_length", "Session Ticket Nonce Length: " + nl, Integer.toString(nl)).at(b, off, 1);
            off++;
            if (nl > 0) {
                t.bytes("tls.handshake.session_ticket_nonce", "Session Ticket Nonce", b, off, nl);
            }
            off += nl;
        }
        int tl = Tls.u16(b, off);
        t.field("tls.handshake.session_ticket_length", "Session Ticket Length: " + tl, Integer.toString(tl)).at(b, off, 2);
        off += 2;
        if (tl > 0) {
            t.bytes("tls.handshake.session_ticket", "Session Ticket", b, off, tl);
        }
        off += tl;
        if (r.sessionVersion == Tls.TLS13) {
            TlsHello.extensions(b, off, b.byteSize(), t, 4, r, null);
        }
    }

    /** unsigned_time_secs_to_str: "1 day, 4 hours". */
    static String timeSecs(long secs) {
        StringBuilder sb = new StringBuilder();
        long days = secs / 86400;
        long hours = secs / 3600 % 24;
        long mins = secs / 60 % 60;
        long s = secs % 60;
        append(sb, days, "day");
        append(sb, hours, "hour");
        append(sb, mins, "minute");
        append(sb, s, "second");
        return sb.toString();
    }

    private static void append(StringBuilder sb, long n, String unit) {
        if (n == 0) {
            return;
        }
        if (!sb.isEmpty()) {
            sb.append(", ");
        }
        sb.append(n).append(' ').append(unit).append(n == 1 ? "" : "s");
    }

    /** ssl_dissect_hnd_cert: the certificate list, each certificate with its X.509 tree (proto/x509). */
    private static void certificate(MemorySegment b, Tree hs, Tls.Rec r) {
        long off = 0;
        long end = b.byteSize();
        boolean tls13 = r.sessionVersion == Tls.TLS13;
        if (tls13) {
            int cl = Tls.u8(b, off);
            hs.field("tls.handshake.certificate_request_context_length", "Certificate Request Context Length: " + cl, Integer.toString(cl))
                    .at(b, off, 1);
            off += 1 + cl;
        }
        int total = Tls.u24(b, off);
        hs.field("tls.handshake.certificates_length", "Certificates Length: " + total, Integer.toString(total)).at(b, off, 3);
        off += 3;
        if (total == 0) {
            return; // an empty list shows its length only
        }
        Tree list = hs.none("tls.handshake.certificates", "Certificates (" + total + " bytes)").at(b, off, total);
        long listEnd = Math.min(end, off + total);
        while (off + 3 <= listEnd) {
            int cl = Tls.u24(b, off);
            list.field("tls.handshake.certificate_length", "Certificate Length: " + cl, Integer.toString(cl)).at(b, off, 3);
            off += 3;
            if (!X509.fits(b, off, (int) Math.min(cl, end - off))) {
                throw new IndexOutOfBoundsException("certificate"); // the BER bounds error comes before the item
            }
            Tree c = list.bytes("tls.handshake.certificate", "Certificate", b, off, cl);
            X509.Result x = X509.certificate(b, off, (int) Math.min(cl, end - off), c, layer -> { }, TlsHandshake::sctList);
            if (x.subject() != null) {
                c.relabel(X509.clip("Certificate: " + TlsTree.hexShort(b, off, cl) + " (" + x.subject() + ")"));
            }
            if (x.malformed()) {
                throw new IndexOutOfBoundsException("certificate"); // the BER bounds error ends the message
            }
            off += cl;
            if (tls13) {
                off = TlsHello.extensions(b, off, listEnd, list, 11, r, null);
            }
        }
    }

    /**
     * The protocols the BER OID table calls for the certificates of the record's Certificate
     * messages and the names of its CertificateRequests (x509sat, x509ce, pkix1implicit, pkix1explicit, and tls for an SCT list), in
     * order, for {@code frame.protocols}.
     */
    static void certificateLayers(Tls.Rec r, java.util.function.Consumer<String> layers) {
        for (Tls.Part p : r.parts) {
            if (p.type != 11 && p.type != 13 || p.kind != Tls.PartKind.FULL && p.kind != Tls.PartKind.LAST_FRAGMENT) {
                continue;
            }
            MemorySegment m = p.kind == Tls.PartKind.FULL ? r.s.asSlice(r.off + p.off, p.len) : MemorySegment.ofArray(p.message);
            if (p.type == 13) {
                try {
                    requestLayers(m.asSlice(4, Math.min(Tls.u24(m, 1), m.byteSize() - 4)), r, layers);
                } catch (IndexOutOfBoundsException e) {
                    // a broken request: no more names
                }
                continue;
            }
            try {
                long off = 4;
                if (r.sessionVersion == Tls.TLS13) {
                    off += 1 + Tls.u8(m, off);
                }
                long end = Math.min(m.byteSize(), off + 3 + Tls.u24(m, off));
                off += 3;
                while (off + 3 <= end) {
                    int cl = Tls.u24(m, off);
                    off += 3;
                    X509.Result x = X509.certificate(m, off, (int) Math.min(cl, m.byteSize() - off), Tree.NOTHING, layers, TlsHandshake::sctList);
                    if (x.malformed()) {
                        break;
                    }
                    off += cl;
                    if (r.sessionVersion == Tls.TLS13 && off + 2 <= end) {
                        off += 2 + Tls.u16(m, off);
                    }
                }
            } catch (IndexOutOfBoundsException e) {
                // a broken list: no more certificates
            }
        }
    }

    /** The certificate_authorities list of a CertificateRequest: each DN's length and its X.509 Name (proto/x509). */
    private static void distinguishedNames(MemorySegment b, long off, long end, Tree t, java.util.function.Consumer<String> layers) {
        while (off + 2 <= end) {
            int l = Tls.u16(b, off);
            t.field("tls.handshake.dname_len", "Distinguished Name Length: " + l, Integer.toString(l)).at(b, off, 2);
            off += 2;
            if (!X509.distinguishedName(b, off, (int) Math.min(l, end - off), t, layers)) {
                throw new IndexOutOfBoundsException("distinguished name");
            }
            off += l;
        }
    }

    /** The DNs of a TLS 1.2 and earlier CertificateRequest's body {@code b}, for their layers only. */
    private static void requestLayers(MemorySegment b, Tls.Rec r, java.util.function.Consumer<String> layers) {
        if (r.sessionVersion == Tls.TLS13) {
            return;
        }
        long off = 1 + Tls.u8(b, 0);
        if (r.sessionVersion == Tls.TLS12) {
            off += 2 + Tls.u16(b, off);
        }
        int dl = Tls.u16(b, off);
        distinguishedNames(b, off + 2, Math.min(b.byteSize(), off + 2 + dl), Tree.NOTHING, layers);
    }

    /**
     * tls_dissect_sct_list (packet-tls-utils.c), which the BER OID table calls for a
     * certificate's SignedCertificateTimestampList extension (RFC 6962 §3.3): the list's length,
     * then each SCT with its log's name, version, log id, timestamp, extensions and signature.
     */
    private static void sctList(MemorySegment s, long off, long end, Tree t) {
        int total = Tls.u16(s, off);
        t.field("tls.sct.scts_length", "Serialized SCT List Length: " + total, Integer.toString(total)).at(s, off, 2);
        off += 2;
        long listEnd = Math.min(end, off + total);
        while (off + 2 <= listEnd) {
            int len = Tls.u16(s, off);
            Tree sct = t.text("Signed Certificate Timestamp (" + TlsNames.ctLog(s, off + 3) + ")").at(s, off, 2 + len);
            sct.field("tls.sct.sct_length", "Serialized SCT Length: " + len, Integer.toString(len)).at(s, off, 2);
            long p = off + 2;
            int version = Tls.u8(s, p);
            sct.field("tls.sct.sct_version", "SCT Version: " + version, Integer.toString(version)).at(s, p, 1);
            sct.bytes("tls.sct.sct_logid", "Log ID", s, p + 1, 32);
            long ms = s.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), p + 33);
            long secs = Math.floorDiv(ms, 1000);
            int nanos = (int) Math.floorMod(ms, 1000) * 1_000_000;
            String when = dev.tcpscope.proto.Text.absTime(secs, nanos);
            sct.field("tls.sct.sct_timestamp", "Timestamp: " + when, when).time(secs, nanos).at(s, p + 33, 8);
            int el = Tls.u16(s, p + 41);
            sct.field("tls.sct.sct_extensions_length", "Extensions length: " + el, Integer.toString(el)).at(s, p + 41, 2);
            if (el > 0) {
                sct.bytes("tls.sct.sct_extensions", "Extensions", s, p + 43, el);
            }
            p += 43 + el;
            TlsHello.signatureAlgorithm(s, p, sct);
            int sl = Tls.u16(s, p + 2);
            sct.field("tls.sct.sct_signature_length", "Signature Length: " + sl, Integer.toString(sl)).at(s, p + 2, 2);
            if (sl > 0) {
                sct.bytes("tls.sct.sct_signature", "Signature", s, p + 4, sl);
            }
            off += 2 + len;
        }
    }

    /** tls_dissect_hnd_certificate_status: the type and each OCSP response (its tree is off in the profile). */
    private static void certificateStatus(MemorySegment b, Tree hs) {
        int t = Tls.u8(b, 0);
        hs.field("tls.handshake.extensions_status_request_type", "Certificate Status Type: "
                + TlsNames.STATUS_REQUEST_TYPE.name(t, "Unknown") + " (" + t + ")", Integer.toString(t)).at(b, 0, 1);
        long off = 1;
        long end = b.byteSize();
        if (t == 1) {
            ocspResponse(b, off, hs);
        } else if (t == 2) {
            int ll = Tls.u24(b, off);
            hs.field("tls.handshake.ocsp_response_list_len", "OCSP Response List Length: " + ll, Integer.toString(ll)).at(b, off, 3);
            off += 3;
            for (long e = Math.min(end, off + ll); off < e; ) {
                off = ocspResponse(b, off, hs);
            }
        }
    }

    private static long ocspResponse(MemorySegment b, long off, Tree hs) {
        int l = Tls.u24(b, off);
        hs.field("tls.handshake.ocsp_response_len", "OCSP Response Length: " + l, Integer.toString(l)).at(b, off, 3);
        hs.protocol("ocsp", "OCSP Response").at(b, off + 3, l);
        return off + 3 + l;
    }

    private static void serverKeyExchange(MemorySegment b, Tree hs, Tls.Part p, Tls.Rec r) {
        String cs = p.cipher >= 0 ? TlsNames.CIPHER_SUITE.name(p.cipher, "") : "";
        if (cs.startsWith("TLS_ECDHE_") || cs.startsWith("TLS_ECDH_anon")) {
            boolean anon = cs.startsWith("TLS_ECDH_anon");
            Tree t = hs.text("EC Diffie-Hellman Server Params").at(b, 0, (int) b.byteSize());
            int ct = Tls.u8(b, 0);
            t.field("tls.handshake.server_curve_type", "Curve Type: " + TlsNames.CURVE_TYPE.name(ct, "Unknown") + " (0x" + String.format("%02x", ct) + ")",
                    String.format("0x%02x", ct)).at(b, 0, 1);
            if (ct != 3) {
                return;
            }
            int curve = Tls.u16(b, 1);
            t.field("tls.handshake.server_named_curve", "Named Curve: " + TlsNames.GROUP.name(curve, "Unknown") + " (" + TlsTree.hex4(curve) + ")",
                    TlsTree.hex4(curve)).at(b, 1, 2);
            int pl = Tls.u8(b, 3);
            t.field("tls.handshake.server_point_len", "Pubkey Length: " + pl, Integer.toString(pl)).at(b, 3, 1);
            t.bytes("tls.handshake.server_point", "Pubkey", b, 4, pl);
            if (!anon) {
                signature(b, 4 + pl, t, r.sessionVersion);
            }
        } else if (cs.startsWith("TLS_DHE_") || cs.startsWith("TLS_DH_anon")) {
            boolean anon = cs.startsWith("TLS_DH_anon");
            Tree t = hs.text("Diffie-Hellman Server Params").at(b, 0, (int) b.byteSize());
            long off = 0;
            off = vector16(b, off, t, "tls.handshake.p_len", "p Length", "tls.handshake.p", "p");
            off = vector16(b, off, t, "tls.handshake.g_len", "g Length", "tls.handshake.g", "g");
            off = vector16(b, off, t, "tls.handshake.ys_len", "Pubkey Length", "tls.handshake.ys", "Pubkey");
            if (!anon) {
                signature(b, off, t, r.sessionVersion);
            }
        }
    }

    private static long vector16(MemorySegment b, long off, Tree t, String lenKey, String lenName, String key, String name) {
        int l = Tls.u16(b, off);
        t.field(lenKey, lenName + ": " + l, Integer.toString(l)).at(b, off, 2);
        t.bytes(key, name, b, off + 2, l);
        return off + 2 + l;
    }

    /** ssl_dissect_digitally_signed: the algorithm (TLS 1.2 and later), the signature's length and bytes. */
    private static void signature(MemorySegment b, long off, Tree t, int version) {
        if (version == Tls.TLS12 || version == Tls.TLS13) {
            TlsHello.signatureAlgorithm(b, off, t);
            off += 2;
        }
        int l = Tls.u16(b, off);
        t.field("tls.handshake.sig_len", "Signature Length: " + l, Integer.toString(l)).at(b, off, 2);
        t.bytes("tls.handshake.sig", "Signature", b, off + 2, l);
    }

    private static void certificateVerify(MemorySegment b, Tree hs) {
        Tree t = hs.text("Signature with client's private key").at(b, 0, (int) b.byteSize());
        signature(b, 0, t, Tls.TLS12);
    }

    private static void clientKeyExchange(MemorySegment b, Tree hs, Tls.Part p, Tls.Rec r) {
        String cs = p.cipher >= 0 ? TlsNames.CIPHER_SUITE.name(p.cipher, "") : "";
        if (cs.startsWith("TLS_ECDHE_") && !cs.startsWith("TLS_ECDHE_PSK") || cs.startsWith("TLS_ECDH_")) {
            Tree t = hs.text("EC Diffie-Hellman Client Params").at(b, 0, (int) b.byteSize());
            int pl = Tls.u8(b, 0);
            t.field("tls.handshake.client_point_len", "Pubkey Length: " + pl, Integer.toString(pl)).at(b, 0, 1);
            t.bytes("tls.handshake.client_point", "Pubkey", b, 1, pl);
        } else if (cs.startsWith("TLS_DHE_") && !cs.startsWith("TLS_DHE_PSK") || cs.startsWith("TLS_DH_")) {
            Tree t = hs.text("Diffie-Hellman Client Params").at(b, 0, (int) b.byteSize());
            vector16(b, 0, t, "tls.handshake.yc_len", "Pubkey Length", "tls.handshake.yc", "Pubkey");
        } else if (cs.startsWith("TLS_RSA_") && !cs.startsWith("TLS_RSA_PSK") || cs.startsWith("SSL_RSA_")) {
            Tree t = hs.text("RSA Encrypted PreMaster Secret").at(b, 0, (int) b.byteSize());
            if (r.sessionVersion == Tls.SSLV3) {
                t.bytes("tls.handshake.epms", "Encrypted PreMaster", b, 0, (int) b.byteSize());
            } else {
                int l = Tls.u16(b, 0);
                t.field("tls.handshake.epms_len", "Encrypted PreMaster length: " + l, Integer.toString(l)).at(b, 0, 2);
                t.bytes("tls.handshake.epms", "Encrypted PreMaster", b, 2, l);
            }
        }
    }

    private static void certificateRequest(MemorySegment b, Tree hs, Tls.Rec r) {
        if (r.sessionVersion == Tls.TLS13) {
            int cl = Tls.u8(b, 0);
            hs.field("tls.handshake.certificate_request_context_length", "Certificate Request Context Length: " + cl, Integer.toString(cl))
                    .at(b, 0, 1);
            TlsHello.extensions(b, 1 + cl, b.byteSize(), hs, 13, r, null);
            return;
        }
        int n = Tls.u8(b, 0);
        hs.field("tls.handshake.cert_types_count", "Certificate types count: " + n, Integer.toString(n)).at(b, 0, 1);
        Tree types = hs.none("tls.handshake.cert_types", "Certificate types (" + n + " type" + (n == 1 ? "" : "s") + ")").at(b, 1, n);
        for (int i = 0; i < n; i++) {
            int ct = Tls.u8(b, 1 + i);
            types.field("tls.handshake.cert_type", "Certificate type: " + TlsNames.CERT_TYPE.name(ct, "Unknown") + " (" + ct + ")",
                    Integer.toString(ct)).at(b, 1 + i, 1);
        }
        long off = 1 + n;
        if (r.sessionVersion == Tls.TLS12) {
            off = TlsHello.sigAlgList(b, off, b.byteSize(), hs);
        }
        int dl = Tls.u16(b, off);
        hs.field("tls.handshake.dnames_len", "Distinguished Names Length: " + dl, Integer.toString(dl)).at(b, off, 2);
        if (dl > 0) {
            Tree dn = hs.none("tls.handshake.dnames", "Distinguished Names (" + dl + " byte" + (dl == 1 ? "" : "s") + ")").at(b, off + 2, dl);
            distinguishedNames(b, off + 2, Math.min(b.byteSize(), off + 2 + dl), dn, layer -> { });
        }
    }
}

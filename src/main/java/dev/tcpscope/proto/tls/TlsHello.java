package dev.tcpscope.proto.tls;

import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * ClientHello, ServerHello and their extensions as packet-tls-utils.c shows them
 * ({@code ssl_dissect_hnd_cli_hello}, {@code ssl_dissect_hnd_srv_hello},
 * {@code ssl_dissect_hnd_extension}), with the JA3 / JA3S strings and hashes tshark 4.0 adds
 * (GREASE values left out of them, RFC 8701). Extensions whose bodies are not taken apart here
 * show their data as bytes.
 */
final class TlsHello {
    private TlsHello() { }

    static void client(MemorySegment b, Tree hs, Tls.Rec r) {
        StringBuilder ja3 = new StringBuilder();
        int v = Tls.u16(b, 0);
        hs.field("tls.handshake.version", "Version: " + TlsNames.VERSION.name(v, "Unknown") + " (" + TlsTree.hex4(v) + ")", TlsTree.hex4(v))
                .at(b, 0, 2);
        ja3.append(v).append(',');
        long off = common(b, 2, hs, r, false, false);
        long end = b.byteSize();
        int csl = Tls.u16(b, off);
        hs.field("tls.handshake.cipher_suites_length", "Cipher Suites Length: " + csl, Integer.toString(csl)).at(b, off, 2);
        off += 2;
        Tree cs = hs.none("tls.handshake.ciphersuites", "Cipher Suites (" + csl / 2 + " suite" + (csl / 2 == 1 ? "" : "s") + ")")
                .at(b, off, csl);
        long csEnd = off + csl;
        String dash = "";
        while (off + 2 <= csEnd) {
            int c = Tls.u16(b, off);
            if (cs != Tree.NOTHING) { // the list reads only the JA3 parts: no label made for nothing
                cs.field("tls.handshake.ciphersuite", "Cipher Suite: " + TlsNames.CIPHER_SUITE.name(c, "Unknown") + " (" + TlsTree.hex4(c) + ")",
                        TlsTree.hex4(c)).at(b, off, 2);
            }
            if (!grease(c)) {
                ja3.append(dash).append(c);
                dash = "-";
            }
            off += 2;
        }
        ja3.append(',');
        off = csEnd;
        int cml = Tls.u8(b, off);
        hs.field("tls.handshake.comp_methods_length", "Compression Methods Length: " + cml, Integer.toString(cml)).at(b, off, 1);
        off++;
        Tree cm = hs.none("tls.handshake.comp_methods", "Compression Methods (" + cml + " method" + (cml == 1 ? "" : "s") + ")")
                .at(b, off, cml);
        for (int i = 0; i < cml; i++) {
            int m = Tls.u8(b, off + i);
            String mn = m < 64 ? TlsNames.COMP_METHOD.name(m, "Unknown") : m < 193 ? "Specification Required" : "Private use range";
            cm.field("tls.handshake.comp_method", "Compression Method: " + mn + " (" + m + ")", Integer.toString(m)).at(b, off + i, 1);
        }
        off += cml;
        if (off < end) {
            extensions(b, off, end, hs, 1, r, ja3); // the JA3 items stay where the extensions start
        } else {
            ja3.append(",,");
        }
        String full = ja3.toString();
        hs.string("tls.handshake.ja3_full", "JA3 Fullstring", full).generated().at(b, off, 0);
        hs.string("tls.handshake.ja3", "JA3", hs == Tree.NOTHING ? "" : md5(full)).generated().at(b, off, 0);
    }

    static void server(MemorySegment b, Tree hs, Tls.Rec r, boolean hrr) {
        StringBuilder ja3 = new StringBuilder();
        int v = Tls.u16(b, 0);
        hs.field("tls.handshake.version", "Version: " + TlsNames.VERSION.name(v, "Unknown") + " (" + TlsTree.hex4(v) + ")", TlsTree.hex4(v))
                .at(b, 0, 2);
        ja3.append(v);
        long off = common(b, 2, hs, r, true, hrr);
        int c = Tls.u16(b, off);
        hs.field("tls.handshake.ciphersuite", "Cipher Suite: " + TlsNames.CIPHER_SUITE.name(c, "Unknown") + " (" + TlsTree.hex4(c) + ")",
                TlsTree.hex4(c)).at(b, off, 2);
        ja3.append(',').append(c).append(',');
        off += 2;
        if (!(r.sessionVersion == Tls.TLS13 && r.draft > 0 && r.draft < 22)) {
            int m = Tls.u8(b, off);
            hs.field("tls.handshake.comp_method", "Compression Method: " + TlsNames.COMP_METHOD.name(m, "Unknown") + " (" + m + ")",
                    Integer.toString(m)).at(b, off, 1);
            off++;
        }
        if (off < b.byteSize()) {
            extensions(b, off, b.byteSize(), hs, hrr ? Tls.HS_HELLO_RETRY_REQUEST : 2, r, ja3);
        }
        String full = ja3.toString();
        hs.string("tls.handshake.ja3s_full", "JA3S Fullstring", full).generated().at(b, off, 0);
        hs.string("tls.handshake.ja3s", "JA3S", hs == Tree.NOTHING ? "" : md5(full)).generated().at(b, off, 0);
    }

    /** Whether the ClientHello body {@code [off, end)} of {@code m} carries extension {@code type}. */
    static boolean hasExtension(MemorySegment m, long off, long end, int type) {
        long p = off + 2 + 32;
        if (p >= end) {
            return false;
        }
        p += 1 + Tls.u8(m, p);
        if (p + 2 > end) {
            return false;
        }
        p += 2 + Tls.u16(m, p);
        if (p + 1 > end) {
            return false;
        }
        p += 1 + Tls.u8(m, p);
        if (p + 2 > end) {
            return false;
        }
        long e = Math.min(end, p + 2 + Tls.u16(m, p));
        p += 2;
        while (e - p >= 4) {
            if (Tls.u16(m, p) == type) {
                return true;
            }
            p += 4 + Tls.u16(m, p + 2);
        }
        return false;
    }

    /**
     * The application protocol a ServerHello body's ALPN extension names (its last string looked
     * up in "tls.alpn", then the "spdy/" and "h2-" prefixes), or null.
     */
    static String alpnApplication(MemorySegment m, long off, long end, boolean noSessionId) {
        try {
            long p = off + 2 + 32;
            if (!noSessionId) {
                p += 1 + Tls.u8(m, p);
            }
            p += 3;
            if (p + 2 > end) {
                return null;
            }
            long e = Math.min(end, p + 2 + Tls.u16(m, p));
            p += 2;
            while (e - p >= 4) {
                int type = Tls.u16(m, p);
                int len = Tls.u16(m, p + 2);
                if (type == 16 && len >= 2) {
                    long q = p + 6;
                    long qe = Math.min(p + 4 + len, q + Tls.u16(m, p + 4) - 0L);
                    String last = null;
                    while (q < qe) {
                        int sl = Tls.u8(m, q);
                        last = ascii(m, q + 1, (int) Math.min(sl, qe - q - 1));
                        q += 1 + sl;
                    }
                    if (last == null) {
                        return null;
                    }
                    return switch (last) {
                        case "http/1.1" -> "Hypertext Transfer Protocol";
                        case "h2" -> "HyperText Transfer Protocol 2";
                        case "dot" -> "Domain Name System";
                        case "coap" -> "Constrained Application Protocol";
                        case "stun.nat-discovery" -> "Session Traversal Utilities for NAT";
                        case "stun.turn" -> "TURN Channel";
                        default -> last.startsWith("spdy/") ? "SPDY" : last.startsWith("h2-") ? "HyperText Transfer Protocol 2" : null;
                    };
                }
                p += 4 + len;
            }
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
        return null;
    }

    static void encryptedExtensions(MemorySegment b, Tree hs, Tls.Rec r) {
        extensions(b, 0, b.byteSize(), hs, 8, r, null);
    }

    /** ssl_dissect_hnd_hello_common: random (with its time for TLS before 1.3) and session id. */
    private static long common(MemorySegment b, long off, Tree hs, Tls.Rec r, boolean fromServer, boolean hrr) {
        Tree rnd = hs.bytes("tls.handshake.random", "Random", b, off, 32);
        if (r.sessionVersion != Tls.TLS13) {
            long secs = Integer.toUnsignedLong(Tls.u16(b, off) << 16 | Tls.u16(b, off + 2));
            String at = rnd == Tree.NOTHING ? "" : absTime(secs); // String.format: not for a tree nobody sees
            rnd.field("tls.handshake.random_time", "GMT Unix Time: " + at, at).time(secs, 0).at(b, off, 4);
            rnd.bytes("tls.handshake.random_bytes", "Random Bytes", b, off + 4, 28);
        } else if (hrr) {
            rnd.relabel("Random: " + TlsTree.hex(b, off, 32) + " (HelloRetryRequest magic)");
        }
        off += 32;
        if (fromServer && r.sessionVersion == Tls.TLS13 && r.draft > 0 && r.draft < 22) {
            return off; // no session id in a TLS 1.3 ServerHello before draft -22
        }
        int sl = Tls.u8(b, off);
        hs.field("tls.handshake.session_id_length", "Session ID Length: " + sl, Integer.toString(sl)).at(b, off, 1);
        off++;
        if (sl > 0) {
            hs.bytes("tls.handshake.session_id", "Session ID", b, off, sl);
            off += sl;
        }
        return off;
    }

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    /** An FT_ABSOLUTE_TIME in UTC as tshark writes it ("Oct 15, 2014 01:51:36.000000000 UTC"). */
    private static String absTime(long secs) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(secs, 0, java.time.ZoneOffset.UTC);
        return String.format("%s %2d, %d %02d:%02d:%02d.000000000 UTC", MONTHS[t.getMonthValue() - 1], t.getDayOfMonth(),
                t.getYear(), t.getHour(), t.getMinute(), t.getSecond());
    }

    /**
     * ssl_dissect_hnd_extension: the extensions vector at {@code off}; {@code hnd} is the message
     * type (1 ClientHello, 2 ServerHello, 6 HelloRetryRequest, 8 EncryptedExtensions, 11
     * Certificate, 13 CertificateRequest, 4 NewSessionTicket). Appends the JA3 parts when
     * {@code ja3} is not null. Returns the offset after the vector.
     */
    static long extensions(MemorySegment b, long off, long end, Tree tree, int hnd, Tls.Rec r, StringBuilder ja3) {
        int total = Tls.u16(b, off);
        tree.field("tls.handshake.extensions_length", "Extensions Length: " + total, Integer.toString(total)).at(b, off, 2);
        off += 2;
        if (end - off < total) {
            return end;
        }
        end = off + total;
        StringBuilder groups = new StringBuilder();
        StringBuilder formats = new StringBuilder();
        String dash = "";
        while (end - off >= 4) {
            int type = Tls.u16(b, off);
            int len = Tls.u16(b, off + 2);
            Tree ext = Tree.NOTHING;
            if (tree != Tree.NOTHING) { // the list's walk (only whether it parses) makes no labels
                String name = TlsNames.EXTENSION.name(type);
                ext = tree.text("Extension: " + (name != null ? name : "Unknown type " + type) + " (len=" + len + ")").at(b, off, 4 + len);
                ext.field("tls.handshake.extension.type", "Type: " + (name != null ? name : "Unknown") + " (" + type + ")",
                        Integer.toString(type)).at(b, off, 2);
                ext.field("tls.handshake.extension.len", "Length: " + len, Integer.toString(len)).at(b, off + 2, 2);
            }
            if (ja3 != null && !grease(type)) {
                ja3.append(dash).append(type);
                dash = "-";
            }
            off += 4;
            long next = off + len;
            if (next > end) {
                return end;
            }
            extension(b, off, next, ext, type, len, hnd, r, ja3 != null && hnd == 1 ? groups : null,
                    ja3 != null && hnd == 1 ? formats : null);
            off = next;
        }
        if (ja3 != null && hnd == 1) {
            ja3.append(groups.isEmpty() ? "," : groups);
            ja3.append(formats.isEmpty() ? "," : formats);
        }
        return end;
    }

    /*
     * The extensions' switch is cut in two (extensionEarly): each label's string concatenation is a
     * call site that C1 inlines whole, and the method in one piece took 15 MB to compile, past the
     * launcher's 10 MB cap (MemLimit), so it ran interpreted (bench/README.md, session 40).
     */
    private static void extension(MemorySegment b, long off, long next, Tree ext, int type, int len, int hnd, Tls.Rec r,
                                  StringBuilder groups, StringBuilder formats) {
        switch (type) {
            case 0, 1, 5, 10, 11 -> extensionEarly(b, off, next, ext, type, hnd, groups, formats);
            case 13, 50, 34 -> sigAlgList(b, off, next, ext);
            case 41 -> TlsQuic.preSharedKey(b, off, next, ext, hnd);
            case 42 -> {
                if (hnd == 4 && len >= 4) {
                    long v = Integer.toUnsignedLong(Tls.u16(b, off) << 16 | Tls.u16(b, off + 2));
                    ext.field("tls.handshake.max_early_data_size", "Maximum Early Data Size: " + v, Long.toString(v)).at(b, off, 4);
                }
            }
            case 15 -> {
                int m = Tls.u8(b, off);
                ext.field("tls.handshake.extension.heartbeat.mode", "Mode: " + TlsNames.HEARTBEAT_MODE.name(m, "Unknown") + " (" + m + ")",
                        Integer.toString(m)).at(b, off, 1);
            }
            case 16 -> {
                int al = Tls.u16(b, off);
                ext.field("tls.handshake.extensions_alpn_len", "ALPN Extension Length: " + al, Integer.toString(al)).at(b, off, 2);
                off += 2;
                Tree list = ext.none("tls.handshake.extensions_alpn_list", "ALPN Protocol").at(b, off, al);
                long le = off + al;
                while (off < le) {
                    int sl = Tls.u8(b, off);
                    list.field("tls.handshake.extensions_alpn_str_len", "ALPN string length: " + sl, Integer.toString(sl)).at(b, off, 1);
                    off++;
                    list.string("tls.handshake.extensions_alpn_str", "ALPN Next Protocol", ascii(b, off, sl)).at(b, off, sl);
                    off += sl;
                }
            }
            case 21 -> TlsTree.bytes(ext, "tls.handshake.extensions_padding_data", "Padding Data", b, off, len);
            case 22, 23, 49 -> { }
            case 18 -> {
                if (hnd != 1 && len > 0) {
                    TlsTree.bytes(ext, "tls.handshake.extension.data", "Data", b, off, len);
                }
            }
            case 27 -> {
                int al = Tls.u8(b, off);
                ext.field("tls.compress_certificate.algorithms_length", "Algorithms Length: " + al, Integer.toString(al)).at(b, off, 1);
                off++;
                for (long e = off + al; off + 2 <= e; off += 2) {
                    int a = Tls.u16(b, off);
                    ext.field("tls.compress_certificate.algorithm", "Algorithm: " + TlsNames.COMPRESS_CERT.name(a, "Unknown") + " (" + a + ")",
                            Integer.toString(a)).at(b, off, 2);
                }
            }
            case 28 -> {
                int l = Tls.u16(b, off);
                ext.field("tls.record_size_limit", "Record Size Limit: " + l, Integer.toString(l)).at(b, off, 2);
            }
            case 35 -> TlsTree.bytesAs(ext, "tls.handshake.extension.data", "Data (" + len + " byte" + (len == 1 ? "" : "s") + ")",
                    b, off, len);
            case 40, 51 -> keyShare(b, off, next, ext, hnd);
            case 43 -> {
                if (hnd == 1) {
                    int vl = Tls.u8(b, off);
                    ext.field("tls.handshake.extensions.supported_versions_len", "Supported Versions length: " + vl, Integer.toString(vl))
                            .at(b, off, 1);
                    off++;
                    for (long e = off + vl; off + 2 <= e; off += 2) {
                        version(b, off, ext);
                    }
                } else if (hnd == 2 || hnd == Tls.HS_HELLO_RETRY_REQUEST) {
                    version(b, off, ext);
                }
            }
            case 45 -> {
                int ml = Tls.u8(b, off);
                ext.field("tls.extension.psk_ke_modes_length", "PSK Key Exchange Modes Length: " + ml, Integer.toString(ml)).at(b, off, 1);
                off++;
                for (int i = 0; i < ml; i++) {
                    int m = Tls.u8(b, off + i);
                    ext.field("tls.extension.psk_ke_mode", "PSK Key Exchange Mode: " + TlsNames.PSK_KE_MODE.name(m, "Unknown") + " (" + m + ")",
                            Integer.toString(m)).at(b, off + i, 1);
                }
            }
            case 17513 -> {
                if (hnd != 1) {
                    return; // EncryptedExtensions' settings are encrypted in TLS 1.3
                }
                int al = Tls.u16(b, off);
                ext.field("tls.handshake.extensions_alps_len", "ALPS Extension Length: " + al, Integer.toString(al)).at(b, off, 2);
                off += 2;
                Tree list = ext.none("tls.handshake.extensions_alps_alpn_list", "Supported ALPN List").at(b, off, al);
                for (long le = off + al; off < le; ) {
                    int sl = Tls.u8(b, off);
                    list.field("tls.handshake.extensions_alps_alpn_str_len", "Supported ALPN Length: " + sl, Integer.toString(sl)).at(b, off, 1);
                    off++;
                    list.string("tls.handshake.extensions_alps_alpn_str", "Supported ALPN", ascii(b, off, sl)).at(b, off, sl);
                    off += sl;
                }
            }
            case 13172 -> {
                if (off == next) {
                    return;
                }
                Tree npn = ext.text("Next Protocol Negotiation").at(b, off, (int) (next - off));
                while (off < next) {
                    int l = Tls.u8(b, off);
                    npn.field("tls.handshake.extensions_npn_str_len", "Protocol string length: " + l, Integer.toString(l)).at(b, off, 1);
                    off++;
                    npn.string("tls.handshake.extensions_npn", "Next Protocol", ascii(b, off, l)).at(b, off, l);
                    off += l;
                }
            }
            case 57 -> TlsQuic.transportParameters(b, off, next, ext);
            case 0xff01 -> {
                Tree ri = ext.text("Renegotiation Info extension").at(b, off, (int) (next - off));
                int l = Tls.u8(b, off);
                ri.field("tls.handshake.extensions_reneg_info_len", "Renegotiation info extension length: " + l, Integer.toString(l)).at(b, off, 1);
                if (l > 0) {
                    ri.bytes("tls.handshake.extensions_reneg_info", "Renegotiation info", b, off + 1, l);
                }
            }
            default -> TlsTree.bytes(ext, "tls.handshake.extension.data", "Data", b, off, len);
        }
    }

    /** server_name, max_fragment_length, status_request, supported_groups and ec_point_formats. */
    private static void extensionEarly(MemorySegment b, long off, long next, Tree ext, int type, int hnd,
                                       StringBuilder groups, StringBuilder formats) {
        switch (type) {
            case 0 -> {
                if (off == next) {
                    return;
                }
                Tree sni = ext.text("Server Name Indication extension").at(b, off, (int) (next - off));
                int ll = Tls.u16(b, off);
                sni.field("tls.handshake.extensions_server_name_list_len", "Server Name list length: " + ll, Integer.toString(ll)).at(b, off, 2);
                off += 2;
                long le = off + ll;
                while (off < le) {
                    int t = Tls.u8(b, off);
                    sni.field("tls.handshake.extensions_server_name_type",
                            "Server Name Type: " + (t == 0 ? "host_name" : "Unknown") + " (" + t + ")", Integer.toString(t)).at(b, off, 1);
                    int nl = Tls.u16(b, off + 1);
                    sni.field("tls.handshake.extensions_server_name_len", "Server Name length: " + nl, Integer.toString(nl)).at(b, off + 1, 2);
                    off += 3;
                    sni.string("tls.handshake.extensions_server_name", "Server Name", ascii(b, off, nl)).at(b, off, nl);
                    off += nl;
                }
            }
            case 1 -> {
                int m = Tls.u8(b, off);
                String[] names = {null, "512", "1024", "2048", "4096"};
                ext.field("tls.handshake.max_fragment_length", "Maximum Fragment Length: "
                        + (m >= 1 && m <= 4 ? names[m] : "Unknown") + " (" + m + ")", Integer.toString(m)).at(b, off, 1);
            }
            case 5 -> {
                if (hnd == 1) {
                    int t = Tls.u8(b, off);
                    ext.field("tls.handshake.extensions_status_request_type", "Certificate Status Type: "
                            + TlsNames.STATUS_REQUEST_TYPE.name(t, "Unknown") + " (" + t + ")", Integer.toString(t)).at(b, off, 1);
                    if (t == 1 || t == 2) {
                        int rl = Tls.u16(b, off + 1);
                        ext.field("tls.handshake.extensions_status_request_responder_ids_len", "Responder ID list Length: " + rl,
                                Integer.toString(rl)).at(b, off + 1, 2);
                        int el = Tls.u16(b, off + 3 + rl);
                        ext.field("tls.handshake.extensions_status_request_exts_len", "Request Extensions Length: " + el,
                                Integer.toString(el)).at(b, off + 3 + rl, 2);
                    }
                }
            }
            case 10 -> {
                int gl = Tls.u16(b, off);
                ext.field("tls.handshake.extensions_supported_groups_length", "Supported Groups List Length: " + gl, Integer.toString(gl))
                        .at(b, off, 2);
                off += 2;
                Tree g = ext.none("tls.handshake.extensions_supported_groups",
                        "Supported Groups (" + gl / 2 + " group" + (gl / 2 == 1 ? "" : "s") + ")").at(b, off, gl);
                if (groups != null) {
                    groups.append(',');
                }
                String dash = "";
                while (off + 2 <= next) {
                    int v = Tls.u16(b, off);
                    g.field("tls.handshake.extensions_supported_group", "Supported Group: " + TlsNames.GROUP.name(v, "Unknown")
                            + " (" + TlsTree.hex4(v) + ")", TlsTree.hex4(v)).at(b, off, 2);
                    if (groups != null && !grease(v)) {
                        groups.append(dash).append(v);
                        dash = "-";
                    }
                    off += 2;
                }
            }
            case 11 -> {
                int fl = Tls.u8(b, off);
                ext.field("tls.handshake.extensions_ec_point_formats_length", "EC point formats Length: " + fl, Integer.toString(fl))
                        .at(b, off, 1);
                off++;
                Tree f = ext.none("tls.handshake.extensions_ec_point_formats", "Elliptic curves point formats (" + fl + ")").at(b, off, fl);
                if (formats != null) {
                    formats.append(',');
                }
                for (int i = 0; i < fl; i++) {
                    int v = Tls.u8(b, off + i);
                    f.field("tls.handshake.extensions_ec_point_format", "EC point format: "
                            + TlsNames.EC_POINT_FORMAT.name(v, "Unknown") + " (" + v + ")", Integer.toString(v)).at(b, off + i, 1);
                    if (formats != null) {
                        formats.append(v);
                        if (i + 1 < fl) {
                            formats.append('-');
                        }
                    }
                }
            }
            default -> { }
        }
    }

    private static void version(MemorySegment b, long off, Tree ext) {
        int v = Tls.u16(b, off);
        ext.field("tls.handshake.extensions.supported_version", "Supported Version: " + TlsNames.VERSION.name(v, "Unknown")
                + " (" + TlsTree.hex4(v) + ")", TlsTree.hex4(v)).at(b, off, 2);
    }

    private static void keyShare(MemorySegment b, long off, long next, Tree ext, int hnd) {
        if (next <= off) {
            return;
        }
        Tree ks = ext.text("Key Share extension").at(b, off, (int) (next - off));
        if (hnd == 1) {
            int cl = Tls.u16(b, off);
            ks.field("tls.handshake.extensions_key_share_client_length", "Client Key Share Length: " + cl, Integer.toString(cl)).at(b, off, 2);
            off += 2;
            long e = off + cl;
            while (off + 4 <= e) {
                off = keyShareEntry(b, off, ks);
            }
        } else if (hnd == 2) {
            keyShareEntry(b, off, ks);
        } else if (hnd == Tls.HS_HELLO_RETRY_REQUEST) {
            int g = Tls.u16(b, off);
            ks.field("tls.handshake.extensions_key_share_selected_group", "Selected Group: " + TlsNames.GROUP.name(g, "Unknown")
                    + " (" + g + ")", Integer.toString(g)).at(b, off, 2);
        }
    }

    private static long keyShareEntry(MemorySegment b, long off, Tree ks) {
        int g = Tls.u16(b, off);
        int kl = Tls.u16(b, off + 2);
        String gn = TlsNames.GROUP.name(g, "Unknown (" + g + ")");
        Tree e = ks.text("Key Share Entry: Group: " + gn + ", Key Exchange length: " + kl).at(b, off, 4 + kl);
        e.field("tls.handshake.extensions_key_share_group", "Group: " + TlsNames.GROUP.name(g, "Unknown") + " (" + g + ")", Integer.toString(g))
                .at(b, off, 2);
        e.field("tls.handshake.extensions_key_share_key_exchange_length", "Key Exchange Length: " + kl, Integer.toString(kl)).at(b, off + 2, 2);
        TlsTree.bytes(e, "tls.handshake.extensions_key_share_key_exchange", "Key Exchange", b, off + 4, kl);
        return off + 4 + kl;
    }

    /** ssl_dissect_hash_alg_list: the length and the signature algorithms. */
    static long sigAlgList(MemorySegment b, long off, long end, Tree t) {
        int l = Tls.u16(b, off);
        t.field("tls.handshake.sig_hash_alg_len", "Signature Hash Algorithms Length: " + l, Integer.toString(l)).at(b, off, 2);
        off += 2;
        Tree algs = t.none("tls.handshake.sig_hash_algs", "Signature Hash Algorithms (" + l / 2 + " algorithm" + (l / 2 == 1 ? "" : "s") + ")")
                .at(b, off, l);
        long e = off + l;
        while (off + 2 <= e) {
            signatureAlgorithm(b, off, algs);
            off += 2;
        }
        return e;
    }

    /** tls_dissect_signature_algorithm: a TLS 1.3 scheme's name, else the TLS 1.2 hash and signature names. */
    static void signatureAlgorithm(MemorySegment b, long off, Tree t) {
        int v = Tls.u16(b, off);
        int hash = v >> 8;
        int sig = v & 0xff;
        String hn = TlsNames.SIG_HASH.name(hash, "Unknown");
        String sn = TlsNames.SIG_SIG.name(sig, "Unknown");
        String name = TlsNames.SIG_ALG.name(v);
        Tree a = t.field("tls.handshake.sig_hash_alg", "Signature Algorithm: " + (name != null ? name : hn + " " + sn)
                + " (" + TlsTree.hex4(v) + ")", TlsTree.hex4(v)).at(b, off, 2);
        a.field("tls.handshake.sig_hash_hash", "Signature Hash Algorithm Hash: " + hn + " (" + hash + ")", Integer.toString(hash)).at(b, off, 1);
        a.field("tls.handshake.sig_hash_sig", "Signature Hash Algorithm Signature: " + sn + " (" + sig + ")", Integer.toString(sig))
                .at(b, off + 1, 1);
    }

    /** IS_GREASE_TLS: 0x0a0a, 0x1a1a ... 0xfafa. */
    static boolean grease(int v) {
        return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
    }

    private static String ascii(MemorySegment b, long off, int len) {
        byte[] a = new byte[len];
        MemorySegment.copy(b, java.lang.foreign.ValueLayout.JAVA_BYTE, off, a, 0, len);
        StringBuilder sb = new StringBuilder(len);
        for (byte x : a) {
            sb.append(x >= 0 ? (char) x : '\ufffd');
        }
        return sb.toString();
    }

    /**
     * The hex MD5 of {@code s}. Not computed for {@link Tree#NOTHING} (a hello parsed only to see
     * whether it ends well, as the packet list does for every one): the hash cannot fail, and it
     * was a quarter of the TLS dissector's time in a plain read of mixed traffic.
     */
    private static String md5(String s) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.US_ASCII));
            return TlsTree.hex(MemorySegment.ofArray(d), 0, d.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

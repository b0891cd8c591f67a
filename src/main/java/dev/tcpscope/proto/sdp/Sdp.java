package dev.tcpscope.proto.sdp;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

/**
 * The Session Description Protocol (RFC 8866) as Wireshark 4.0.17's packet-sdp.c shows a body
 * handed to it as media type {@code application/sdp}: one item per {@code x=value} line, titled
 * by its type letter, and the parts of the lines it parses (o=, c=, b=, t=, m=, and a= with
 * rtpmap and fmtp), then the carrier's generated Call-ID. It appends "/SDP" to the Protocol
 * column. Nothing here reads past the body's bytes; a line without '=' is an "Invalid line".
 */
public final class Sdp {
    private Sdp() { }

    /** The Protocol column's suffix packet-sdp.c appends. */
    public static final String PROTOCOL_SUFFIX = "/SDP";

    /** rtp_payload_type_vals (packet-rtp.c): the static RTP payload types' names. */
    private static final Map<Integer, String> PAYLOAD = Map.ofEntries(
            Map.entry(0, "ITU-T G.711 PCMU"), Map.entry(1, "USA Federal Standard FS-1016"),
            Map.entry(2, "ITU-T G.721"), Map.entry(3, "GSM 06.10"), Map.entry(4, "ITU-T G.723"),
            Map.entry(5, "DVI4 8000 samples/s"), Map.entry(6, "DVI4 16000 samples/s"),
            Map.entry(7, "Experimental linear predictive encoding from Xerox PARC"), Map.entry(8, "ITU-T G.711 PCMA"),
            Map.entry(9, "ITU-T G.722"), Map.entry(10, "16-bit uncompressed audio, stereo"),
            Map.entry(11, "16-bit uncompressed audio, monaural"), Map.entry(12, "Qualcomm Code Excited Linear Predictive coding"),
            Map.entry(13, "Comfort noise"), Map.entry(14, "MPEG-I/II Audio"), Map.entry(15, "ITU-T G.728"),
            Map.entry(16, "DVI4 11025 samples/s"), Map.entry(17, "DVI4 22050 samples/s"), Map.entry(18, "ITU-T G.729"),
            Map.entry(19, "CN_OLD"), Map.entry(25, "Sun CellB video encoding"), Map.entry(26, "JPEG-compressed video"),
            Map.entry(28, "'nv' program"), Map.entry(31, "ITU-T H.261"), Map.entry(32, "MPEG-I/II Video"),
            Map.entry(33, "MPEG-II transport streams"), Map.entry(34, "ITU-T H.263"));

    /** tvb_get_string_enc with ENC_UTF_8: the bytes as UTF-8, a bad sequence as U+FFFD. */
    private static String utf8(MemorySegment s, long off, int len) {
        byte[] b = new byte[Math.max(0, len)];
        MemorySegment.copy(s, java.lang.foreign.ValueLayout.JAVA_BYTE, off, b, 0, b.length);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String title(String field) {
        return SdpFields.REGISTRY.row(field).title();
    }

    /** One SDP body's walk. */
    private static final class Walk {
        final MemorySegment s;
        final long base;
        final int len;
        boolean inMedia;
        final Map<String, String> encodings = new HashMap<>();

        Walk(MemorySegment s, long base, int len) {
            this.s = s;
            this.base = base;
            this.len = len;
        }

        String str(int from, int to) {
            return utf8(s, base + from, to - from);
        }

        Tree add(Tree t, String field, int from, int to) {
            return t.string(field, title(field), str(from, to)).at(s, base + from, to - from);
        }

        /** The space-separated tokens of {@code [from, to)}, each added as the next of {@code fields}. */
        void tokens(Tree t, int from, int to, String... fields) {
            int p = from;
            for (int k = 0; k < fields.length && p < to; k++) {
                int e = k == fields.length - 1 ? to : find(p, to, ' ');
                if (e < 0) {
                    e = to;
                }
                add(t, fields[k], p, e);
                p = e + 1;
            }
        }

        int find(int from, int to, int c) {
            for (int i = from; i < to; i++) {
                if (Text.u8(s, base + i) == c) {
                    return i;
                }
            }
            return -1;
        }

        void line(Tree sdp, int start, int lineLen) {
            if (lineLen < 2 || Text.u8(s, base + start + 1) != '=') {
                sdp.string("sdp.invalid", title("sdp.invalid"), utf8(s, base + start, lineLen))
                        .at(s, base + start, lineLen)
                        .expert("sdp.invalid_line.no_equal", Tree.Severity.NOTE, Tree.Group.MALFORMED,
                                "Invalid SDP line (no '=' delimiter)");
                return;
            }
            int type = Text.u8(s, base + start);
            int v = start + 2;
            int end = start + lineLen;
            String field = switch (type) {
                case 'v' -> "sdp.version";
                case 'o' -> "sdp.owner";
                case 's' -> "sdp.session_name";
                case 'i' -> inMedia ? "sdp.media_title" : "sdp.session_info";
                case 'u' -> "sdp.uri";
                case 'e' -> "sdp.email";
                case 'p' -> "sdp.phone";
                case 'c' -> "sdp.connection_info";
                case 'b' -> "sdp.bandwidth";
                case 't' -> "sdp.time";
                case 'r' -> "sdp.repeat_time";
                case 'm' -> "sdp.media";
                case 'k' -> "sdp.encryption_key";
                case 'a' -> inMedia ? "sdp.media_attr" : "sdp.session_attr";
                case 'z' -> "sdp.timezone";
                default -> "sdp.unknown";
            };
            if (type == 'm') {
                inMedia = true;
                encodings.clear();
            }
            Tree item = sdp.string(field, title(field), Text.format(s, base + v, end - v)).at(s, base + start, lineLen);
            switch (type) {
                case 'o' -> tokens(item, v, end, "sdp.owner.username", "sdp.owner.sessionid", "sdp.owner.version",
                        "sdp.owner.network_type", "sdp.owner.address_type", "sdp.owner.address");
                case 'c' -> tokens(item, v, end, "sdp.connection_info.network_type", "sdp.connection_info.address_type",
                        "sdp.connection_info.address");
                case 't' -> tokens(item, v, end, "sdp.time.start", "sdp.time.stop");
                case 'b' -> bandwidth(item, v, end);
                case 'm' -> media(item, v, end);
                case 'a' -> attribute(item, v, end);
                case 'k' -> {
                    int colon = find(v, end, ':');
                    if (colon < 0) {
                        add(item, "sdp.encryption_key.type", v, end);
                    } else {
                        add(item, "sdp.encryption_key.type", v, colon);
                        add(item, "sdp.encryption_key.data", colon + 1, end);
                    }
                }
                default -> { }
            }
        }

        void bandwidth(Tree t, int v, int end) {
            int colon = find(v, end, ':');
            if (colon < 0) {
                return;
            }
            String modifier = str(v, colon);
            String name = switch (modifier) {
                case "CT" -> " [Conference Total(total bandwidth of all RTP sessions)]";
                case "AS" -> " [Application Specific (RTP session bandwidth)]";
                case "TIAS" -> " [Transport Independent Application Specific maximum]";
                default -> "";
            };
            t.field("sdp.bandwidth.modifier", title("sdp.bandwidth.modifier") + ": " + modifier + name, modifier)
                    .at(s, base + v, colon - v);
            String value = str(colon + 1, end);
            String unit = switch (modifier) {
                case "CT", "AS" -> " kb/s";
                case "TIAS" -> " b/s";
                default -> "";
            };
            t.field("sdp.bandwidth.value", title("sdp.bandwidth.value") + ": " + value + unit, value)
                    .at(s, base + colon + 1, end - colon - 1);
        }

        void media(Tree t, int v, int end) {
            int p = v;
            int e = find(p, end, ' ');
            if (e < 0) {
                return;
            }
            add(t, "sdp.media.media", p, e);
            p = e + 1;
            e = find(p, end, ' ');
            if (e < 0) {
                return;
            }
            int slash = find(p, e, '/');
            int portEnd = slash < 0 ? e : slash;
            String port = str(p, portEnd);
            try {
                int n = Integer.parseInt(port);
                add(t, "sdp.media.port_string", p, portEnd).hide();
                t.field("sdp.media.port", title("sdp.media.port") + ": " + (n & 0xffff), Integer.toString(n & 0xffff))
                        .at(s, base + p, portEnd - p);
            } catch (NumberFormatException ex) {
                add(t, "sdp.media.port_string", p, portEnd);
            }
            if (slash >= 0) {
                add(t, "sdp.media.portcount", slash + 1, e);
            }
            p = e + 1;
            e = find(p, end, ' ');
            if (e < 0) {
                e = end;
            }
            add(t, "sdp.media.proto", p, e);
            p = e + 1;
            while (p < end) {
                e = find(p, end, ' ');
                if (e < 0) {
                    e = end;
                }
                String fmt = str(p, e);
                String shown = fmt;
                try {
                    int pt = Integer.parseInt(fmt);
                    if (pt >= 96 && pt <= 127) {
                        shown = "DynamicRTP-Type-" + pt;
                    } else if (PAYLOAD.containsKey(pt)) {
                        shown = PAYLOAD.get(pt);
                    }
                } catch (NumberFormatException ex) {
                    // not a payload type: shown as is
                }
                t.string("sdp.media.format", title("sdp.media.format"), shown).at(s, base + p, e - p);
                p = e + 1;
            }
        }

        void attribute(Tree t, int v, int end) {
            int colon = find(v, end, ':');
            if (colon < 0) {
                return; // a flag attribute (sendrecv): no sub-items
            }
            String prefix = inMedia ? "sdp.media_attribute" : "sdp.session_attr";
            String name = str(v, colon);
            add(t, prefix + ".field", v, colon);
            int value = colon + 1;
            if (inMedia && name.equals("rtpmap")) {
                int sp = find(value, end, ' ');
                if (sp < 0) {
                    return;
                }
                String fmt = str(value, sp);
                add(t, "sdp.media.format", value, sp);
                int slash = find(sp + 1, end, '/');
                int mimeEnd = slash < 0 ? end : slash;
                add(t, "sdp.mime.type", sp + 1, mimeEnd);
                encodings.put(fmt, str(sp + 1, mimeEnd));
                if (slash >= 0) {
                    int rateEnd = find(slash + 1, end, '/');
                    add(t, "sdp.sample_rate", slash + 1, rateEnd < 0 ? end : rateEnd);
                }
                return;
            }
            if (inMedia && name.equals("fmtp")) {
                int sp = find(value, end, ' ');
                if (sp < 0) {
                    return;
                }
                String fmt = str(value, sp);
                String enc = encodings.get(fmt);
                t.field("sdp.media.format", title("sdp.media.format") + ": " + fmt + (enc == null ? "" : " [" + enc + "]"), fmt)
                        .at(s, base + value, sp - value);
                int p = sp + 1;
                while (p < end) {
                    int semi = find(p, end, ';');
                    int e = semi < 0 ? end : semi;
                    add(t, "sdp.fmtp.parameter", p, e);
                    p = e + 1;
                    while (p < end && Text.u8(s, base + p) == ' ') {
                        p++;
                    }
                }
                return;
            }
            add(t, prefix + ".value", value, end);
        }
    }

    /**
     * The media endpoint the body names, "address port" of its first c= address and first m=
     * port, or null when it names none.
     */
    public static String endpoint(MemorySegment s, long off, int len) {
        String address = null;
        String port = null;
        int p = 0;
        int[] next = new int[1];
        while (p < len && (address == null || port == null)) {
            int l = Text.lineEnd(s, off + p, len - p, next, false);
            if (l > 2 && Text.u8(s, off + p + 1) == '=') {
                String line = Text.latin1(s, off + p + 2, l - 2);
                String[] f = line.split(" ", -1);
                if (Text.u8(s, off + p) == 'c' && address == null && f.length >= 3) {
                    address = f[2];
                } else if (Text.u8(s, off + p) == 'm' && port == null && f.length >= 2) {
                    port = f[1];
                }
            }
            p += Math.max(1, next[0]);
        }
        return address == null || port == null ? null : address + " " + port;
    }

    /**
     * Adds SDP's tree for the body {@code [off, off + len)} of {@code s} under {@code parent} (SIP's
     * "Message Body"), ending with the generated Call-IDs {@code callIds}.
     */
    public static void tree(Tree parent, MemorySegment s, long off, int len, java.util.List<String> callIds,
                            java.util.function.Consumer<String> protocols) {
        protocols.accept("sdp");
        Tree sdp = parent.protocol("sdp", "Session Description Protocol").at(s, off, len);
        Walk w = new Walk(s, off, len);
        int p = 0;
        int[] next = new int[1];
        while (p < len) {
            int l = Text.lineEnd(s, off + p, len - p, next, false);
            if (l > 0) {
                w.line(sdp, p, l);
            }
            p += Math.max(1, next[0]);
        }
        for (String id : callIds) {
            sdp.string("sip.call_id_generated", "Generated Call-ID", id).generated();
        }
    }
}

package dev.tcpscope.proto.multipart;

import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.Media;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * MIME multipart bodies (RFC 2046 §5.1) as Wireshark 4.0's packet-multipart.c shows them: the
 * boundary from the Content-Type's parameters, the preamble, each part's headers and its body
 * handed to the dissector of the part's own Content-Type (GIF, PNG, a nested multipart) or to the
 * media dissector (Info {@code " (type)"} per part), the boundaries, the trailer. HTTP hands it
 * every {@code multipart/*} body.
 *
 * <p>Not done: parts with a Content-Encoding are not decompressed, and the Kerberos part of a
 * {@code multipart/encrypted} body is shown as media (Wireshark decompresses the first and hands
 * the second to GSS-API).
 */
public final class Multipart {
    private Multipart() { }

    /** The subtypes packet-multipart.c registers by name; a part of another multipart subtype goes to media. */
    private static final Set<String> REGISTERED = Set.of("multipart/mixed", "multipart/related", "multipart/alternative",
            "multipart/form-data", "multipart/report", "multipart/signed", "multipart/encrypted");
    /** Multiparts nested deeper than this are shown as media (Wireshark has no such bound; its stack is the limit). */
    private static final int MAX_DEPTH = 16;

    /** The headers packet-multipart.c knows, with their compact forms (SIP's) and field names. */
    private static final String[][] HEADERS = {
        {"Content-Description", null}, {"Content-Disposition", null}, {"Content-Encoding", "e"},
        {"Content-Id", null}, {"Content-Language", null}, {"Content-Length", "l"},
        {"Content-Transfer-Encoding", null}, {"Content-Type", "c"}, {"OriginalContent", null},
    };
    private static final int CONTENT_TYPE = 7;

    /** Whether {@code type} is one of those registered in the "media_type" table (as other protocols than HTTP find it). */
    public static boolean registered(String type) {
        return REGISTERED.contains(type);
    }

    /** Whether HTTP hands a body of media type {@code type} to this dissector ("multipart/" is its fallback). */
    public static boolean takes(String type) {
        return type != null && type.startsWith("multipart/");
    }

    /**
     * Dissects the multipart body {@code [off, off + len)} of {@code s}, whose media type is
     * {@code type} with parameters {@code params} (the Content-Type after its ';', or null): adds
     * its items at {@code root}'s level, appends to {@code info} what its parts add to the Info
     * column and names each protocol it runs to {@code protocols}. Returns the short name of
     * the protocol whose bounds exception ended the frame, or null.
     */
    public static String dissect(String type, String params, MemorySegment s, long off, int len, Tree root,
                                 StringBuilder info, Consumer<String> protocols) {
        try {
            walk(type, params, s.asSlice(off, len), len, root, info, protocols, 0);
            return null;
        } catch (Stop e) {
            return e.protocol;
        }
    }

    /** A bounds exception inside the body: the frame ends there ({@link #protocol}'s short name). */
    private static final class Stop extends RuntimeException {
        final String protocol;

        Stop(String protocol) {
            super(null, null, false, false);
            this.protocol = protocol;
        }
    }

    private static void walk(String type, String params, MemorySegment b, int len, Tree root, StringBuilder info,
                             Consumer<String> protocols, int depth) {
        protocols.accept("mime_multipart");
        String parameters = params == null ? null : compact(params, null);
        String boundary = parameter(parameters, "boundary");
        String protocol = null;
        if (boundary != null && type.startsWith("multipart/encrypted")) {
            protocol = parameter(parameters, "protocol");
            if (protocol == null) {
                boundary = null;
            }
        }
        if (boundary == null) {
            root.expert("mime_multipart.no_required_parameter", Tree.Severity.ERROR, Tree.Group.PROTOCOL,
                    "The multipart dissector could not find a required parameter.").at(b, 0, len);
            Items.data(root, b, 0, len, protocols);
            return;
        }
        Tree mp = root.protocol("mime_multipart",
                "MIME Multipart Media Encapsulation, Type: " + type + ", Boundary: \"" + boundary + "\"").at(b, 0, len);
        mp.string("mime_multipart.type", "Type", type).generated().at(b, 0, 0);
        byte[] bnd = boundary.getBytes(StandardCharsets.UTF_8);
        Boundary found = new Boundary();
        int start = first(b, len, bnd, found);
        if (start == 0) {
            mp.string("mime_multipart.first_boundary", "First boundary", Text.ascii(b, 0, found.lineLength)).at(b, 0, found.lineLength);
            start = found.lineLength;
        } else if (start > 0 && found.lineLength > 0) {
            mp.bytes("mime_multipart.preamble", "Preamble", b, 0, start);
            mp.string("mime_multipart.first_boundary", "First boundary", Text.ascii(b, start, found.lineLength))
                    .at(b, start, found.lineLength);
            start += found.lineLength;
        } else {
            Items.data(mp, b, 0, len, protocols);
            return;
        }
        for (int idx = 0; !found.last; idx++) {
            start = part(mp, b, len, start, idx, bnd, protocol, found, info, protocols, depth);
            if (start == -1) {
                return;
            }
        }
        if (len - start > 0) {
            mp.bytes("mime_multipart.trailer", "Trailer", b, start, len - start);
        }
    }

    /** Where a boundary line was found: its length (from the line end before it) and whether it closes the body. */
    private static final class Boundary {
        int lineLength;
        boolean last;
    }

    /** One body part from {@code start}: its headers, its body, the boundary after it; the offset after that, or −1. */
    private static int part(Tree mp, MemorySegment b, int len, int start, int idx, byte[] bnd, String protocol,
                            Boundary found, StringBuilder info, Consumer<String> protocols, int depth) {
        String label = "Encapsulated multipart part: ";
        Tree part = mp.string("mime_multipart.part", "Encapsulated multipart part", "").at(b, start, 0);
        int end = next(b, len, start, bnd, found);
        if (end <= 0) {
            return -1;
        }
        String contentType = null;
        String mediaParameters = null;
        boolean raw = false;
        int offset = start;
        int next = start;
        boolean[] lastField = {false};
        while (!lastField[0]) {
            next = Text.fieldEnd(b, offset, len, lastField);
            if (lastField[0] && next + 2 <= end) {
                next += 2; // the empty line after the last header
            } else if (next - 2 == end) {
                lastField[0] = true; // the CRLF is the boundary's
                next -= 2;
            } else if (next > end) {
                next = end;
            }
            if (next < offset) {
                throw new Stop(dev.tcpscope.field.ProtocolNames.shortName("mime_multipart")); // no CR before the boundary: a read at a negative length
            }
            int[] colon = {-1};
            String header = compact(Text.ascii(b, offset, next - offset), colon);
            if (colon[0] <= 0) {
                next = offset; // not a header: the body starts here
                break;
            }
            int known = known(header, colon[0]);
            String raw0 = Text.latin1(b, offset, next - offset);
            if (known < 0) {
                if (!printable(header)) {
                    next = offset;
                    break;
                }
                part.line(null, raw0, null).at(b, offset, next - offset);
            } else {
                String value = header.substring(colon[0] + 1);
                part.line("mime_multipart.header." + HEADERS[known][0].toLowerCase(Locale.ROOT), raw0, value)
                        .at(b, offset, next - offset);
                if (known == CONTENT_TYPE) {
                    int semi = value.indexOf(';');
                    mediaParameters = semi < 0 ? null : value.substring(semi + 1);
                    contentType = (semi < 0 ? value : value.substring(0, semi)).toLowerCase(Locale.ROOT);
                    label += " (" + contentType + ")";
                    part.relabel(label);
                    raw = contentType.startsWith("application/octet-stream");
                    if (protocol != null && idx == 0 && (raw || !contentType.regionMatches(true, 0, protocol, 0, protocol.length()))) {
                        return -1; // the first part of multipart/encrypted must be of its protocol
                    }
                }
            }
            offset = next;
        }
        int bodyLength = end - next;
        if (!raw && contentType != null) {
            body(part, b, next, bodyLength, contentType, mediaParameters, info, protocols, depth);
        } else {
            Items.data(part, b, next, bodyLength, protocols);
        }
        part.length(end - start);
        if (found.last) {
            mp.string("mime_multipart.last_boundary", "Last boundary", Text.ascii(b, end, found.lineLength)).at(b, end, found.lineLength);
        } else {
            mp.string("mime_multipart.boundary", "Boundary", Text.ascii(b, end, found.lineLength)).at(b, end, found.lineLength);
        }
        return end + found.lineLength;
    }

    /** A part's body: its media type's dissector, else the media dissector. */
    private static void body(Tree part, MemorySegment b, int off, int len, String type, String parameters,
                             StringBuilder info, Consumer<String> protocols, int depth) {
        if (REGISTERED.contains(type) && depth < MAX_DEPTH) {
            walk(type, parameters, b.asSlice(off, Math.max(len, 0)), Math.max(len, 0), part, info, protocols, depth + 1);
            return;
        }
        Media.Dissector d = Media.byType(type);
        if (d != null && len > 0 && d.accepts(b, off, len)) {
            info.append(d.info(type, b, off, len));
            protocols.accept(d.name());
            if (!d.tree(part, type, b, off, len, protocols)) {
                throw new Stop(dev.tcpscope.field.ProtocolNames.shortName(d.name()));
            }
            return;
        }
        info.append(" (").append(type).append(')'); // packet-media.c
        protocols.accept("media");
        if (len > 0) {
            Tree media = part.protocol("media", "Media Type").at(b, off, len);
            media.bytes("media.type", "x", b, off, len).relabel("Media type: " + type
                    + (parameters != null ? "; " + parameters : "") + " (" + len + (len == 1 ? " byte)" : " bytes)"));
        }
    }

    /** find_first_boundary: the offset of the first "--boundary" line, or −1. */
    private static int first(MemorySegment b, int len, byte[] bnd, Boundary found) {
        int offset = 0;
        int[] next = new int[1];
        while (offset + 2 + bnd.length < len) {
            if (dashes(b, len, offset) && equal(b, len, offset + 2, bnd)) {
                found.last = dashes(b, len, offset + 2 + bnd.length);
                Text.lineEnd(b, offset, len - offset, next, false);
                found.lineLength = next[0];
                return offset;
            }
            Text.lineEnd(b, offset, len - offset, next, false);
            offset += next[0];
        }
        return -1;
    }

    /**
     * find_next_boundary: the offset of the line end before the next "--boundary" line (the
     * boundary's item starts there), or −1; also a line that ends in "--boundary--" without a
     * line end before it.
     */
    private static int next(MemorySegment b, int len, int start, byte[] bnd, Boundary found) {
        int offset = start;
        int[] next = new int[1];
        while (offset + 2 + bnd.length < len) {
            int lineLength = Text.lineEnd(b, offset, len - offset, next, false);
            int nextOffset = offset + next[0];
            int boundaryStart = offset + lineLength;
            if (dashes(b, len, nextOffset) && equal(b, len, nextOffset + 2, bnd)) {
                found.last = dashes(b, len, nextOffset + 2 + bnd.length);
                Text.lineEnd(b, nextOffset, len - nextOffset, next, false);
                found.lineLength = nextOffset + next[0] - boundaryStart;
                return boundaryStart;
            }
            int closing = boundaryStart - (2 + bnd.length + 2);
            if (closing >= 0 && dashes(b, len, boundaryStart - 2) && equal(b, len, boundaryStart - 2 - bnd.length, bnd)
                    && dashes(b, len, closing)) {
                found.lineLength = nextOffset - closing;
                found.last = true;
                return closing;
            }
            offset = nextOffset;
        }
        return -1;
    }

    private static boolean dashes(MemorySegment b, int len, int at) {
        return at >= 0 && at + 2 <= len && Text.u8(b, at) == '-' && Text.u8(b, at + 1) == '-';
    }

    private static boolean equal(MemorySegment b, int len, int at, byte[] want) {
        if (at < 0 || at + want.length > len) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (Text.u8(b, at + i) != (want[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** is_known_multipart_header: the index in {@link #HEADERS} of the header named before {@code colon}, or −1. */
    private static int known(String header, int colon) {
        for (int i = 0; i < HEADERS.length; i++) {
            String name = HEADERS[i][0];
            String compact = HEADERS[i][1];
            if (colon == name.length() && header.regionMatches(true, 0, name, 0, colon)
                    || compact != null && colon == compact.length() && header.regionMatches(true, 0, compact, 0, colon)) {
                return i;
            }
        }
        return -1;
    }

    /** isprint_string: every character printable ASCII. */
    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * unfold_and_compact_mime_header: the header with continuation lines joined, white space
     * around the separators {@code : ; , =} dropped, other runs of white space one space, quoted
     * strings as they are; it ends at a line end not followed by white space. {@code colon[0]},
     * when asked, is where the first ':' is in the result (−1 when there is none).
     */
    static String compact(String lines, int[] colon) {
        StringBuilder q = new StringBuilder(lines.length());
        int firstColon = -1;
        boolean sepSeen = false;
        boolean lws = false;
        int n = lines.length();
        int p = 0;
        while (p < n) {
            char c = lines.charAt(p);
            if (c == 0) {
                break;
            }
            if (c == ':') {
                lws = false;
                if (firstColon == -1) {
                    firstColon = q.length();
                }
                q.append(c);
                sepSeen = true;
                p++;
            } else if (c == ';' || c == ',' || c == '=') {
                lws = false;
                q.append(c);
                sepSeen = true;
                p++;
            } else if (c == ' ' || c == '\t') {
                lws = true;
                p++;
            } else if (c == '\n' || c == '\r') {
                // a line end (CRLF, CR or LF) followed by white space is a fold; any other ends the header
                lws = false;
                int eol = c == '\r' && p + 1 < n && lines.charAt(p + 1) == '\n' ? 2 : 1;
                if (p + eol >= n || lines.charAt(p + eol) != ' ' && lines.charAt(p + eol) != '\t') {
                    break;
                }
                lws = true;
                p += eol + 1;
            } else if (c == '"') {
                lws = false;
                q.append(c);
                p++;
                while (p < n) {
                    char d = lines.charAt(p++);
                    q.append(d);
                    if (d == '\\') {
                        if (p >= n) {
                            break;
                        }
                        q.append(lines.charAt(p++));
                    } else if (d == '"') {
                        break;
                    }
                }
            } else {
                if (sepSeen) {
                    sepSeen = false;
                } else if (lws) {
                    q.append(' ');
                }
                lws = false;
                q.append(c);
                p++;
            }
        }
        if (colon != null) {
            colon[0] = firstColon;
        }
        return q.toString();
    }

    /**
     * ws_find_media_type_parameter: the value of parameter {@code key} (case-insensitive) in
     * {@code parameters}, unquoted, or null. An unquoted value ends at the first character that
     * cannot be in a token.
     */
    static String parameter(String parameters, String key) {
        if (parameters == null || parameters.isEmpty()) {
            return null;
        }
        int n = parameters.length();
        int p = 0;
        while (p < n) {
            while (p < n && isSpace(parameters.charAt(p))) {
                p++;
            }
            if (p >= n) {
                return null;
            }
            int name = p;
            while (p < n && parameters.charAt(p) != '=' && parameters.charAt(p) != ';') {
                p++;
            }
            int nameLength = p - name;
            int value = -1;
            if (p < n && parameters.charAt(p) == '=') {
                value = ++p;
                if (p < n && parameters.charAt(p) == '"') {
                    p++;
                    while (p < n && parameters.charAt(p) != '"') {
                        if (parameters.charAt(p) == '\\') {
                            p++;
                        }
                        p++;
                    }
                    p++;
                }
                while (p < n && parameters.charAt(p) != ';') {
                    p++;
                }
            }
            p++; // past the ';'
            if (nameLength == key.length() && parameters.regionMatches(true, name, key, 0, nameLength)) {
                return value < 0 ? null : unquoted(parameters, value);
            }
        }
        return null;
    }

    private static String unquoted(String s, int p) {
        StringBuilder v = new StringBuilder();
        int n = s.length();
        if (p < n && s.charAt(p) == '"') {
            p++;
            while (p < n) {
                char c = s.charAt(p);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    p++;
                    if (p >= n) {
                        break;
                    }
                }
                v.append(s.charAt(p++));
            }
            return v.toString();
        }
        while (p < n) {
            char c = s.charAt(p);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                break;
            }
            v.append(c);
            p++;
        }
        return v.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 11 || c == '\f';
    }
}

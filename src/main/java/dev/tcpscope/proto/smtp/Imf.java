package dev.tcpscope.proto.smtp;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.Map;

/**
 * The Internet Message Format (RFC 5322) as Wireshark 4.0.17's packet-imf.c shows the message
 * SMTP reassembled: each header field as its field ({@code imf.from}, {@code imf.subject}, an
 * unknown one as {@code imf.extension}), mailbox and address lists split into items, the
 * Content-Type's type and parameters, and, when there is no Content-Type with parameters, the
 * message text line by line. The Info column becomes {@code from: ..., subject: ..., } (the
 * fields packet-imf.c adds to it) followed by the text lines; the media types of a body are
 * dissectors tcpscope does not run, so a body with a Content-Type shows nothing more.
 */
public final class Imf {
    private Imf() { }

    private static final int NONE = 0, MAILBOX_LIST = 1, MAILBOX = 2, ADDRESS_LIST = 3;

    /** packet-imf.c imf_fields: header name, field, title, subdissector, added to Info. */
    private static final String[][] FIELDS = {
            {"unknown-extension", "imf.extension.type", "Type", "0", "0"},
            {"date", "imf.date", "Date", "0", "0"},
            {"from", "imf.from", "From", "1", "1"},
            {"sender", "imf.sender", "Sender", "2", "0"},
            {"reply-to", "imf.reply_to", "Reply-To", "3", "0"},
            {"to", "imf.to", "To", "3", "0"},
            {"cc", "imf.cc", "Cc", "3", "0"},
            {"bcc", "imf.bcc", "Bcc", "3", "0"},
            {"message-id", "imf.message_id", "Message-ID", "0", "0"},
            {"in-reply-to", "imf.in_reply_to", "In-Reply-To", "0", "0"},
            {"references", "imf.references", "References", "0", "0"},
            {"subject", "imf.subject", "Subject", "0", "1"},
            {"comments", "imf.comments", "Comments", "0", "0"},
            {"user-agent", "imf.user_agent", "User-Agent", "0", "0"},
            {"keywords", "imf.keywords", "Keywords", "0", "0"},
            {"resent-date", "imf.resent.date", "Resent-Date", "0", "0"},
            {"resent-from", "imf.resent.from", "Resent-From", "1", "0"},
            {"resent-sender", "imf.resent.sender", "Resent-Sender", "2", "0"},
            {"resent-to", "imf.resent.to", "Resent-To", "3", "0"},
            {"resent-cc", "imf.resent.cc", "Resent-Cc", "3", "0"},
            {"resent-bcc", "imf.resent.bcc", "Resent-Bcc", "3", "0"},
            {"resent-message-id", "imf.resent.message_id", "Resent-Message-ID", "0", "0"},
            {"return-path", "imf.return_path", "Return-Path", "0", "0"},
            {"received", "imf.received", "Received", "0", "0"},
            {"content-type", "imf.content.type", "Content-Type", "0", "0"},
            {"content-id", "imf.content.id", "Content-ID", "0", "0"},
            {"content-description", "imf.content.description", "Content-Description", "0", "0"},
            {"content-transfer-encoding", "imf.content.transfer_encoding", "Content-Transfer-Encoding", "0", "0"},
            {"mime-version", "imf.mime_version", "MIME-Version", "0", "0"},
            {"autoforwarded", "imf.autoforwarded", "Autoforwarded", "0", "0"},
            {"autosubmitted", "imf.autosubmitted", "Autosubmitted", "0", "0"},
            {"x400-content-identifier", "imf.x400_content_identifier", "X400-Content-Identifier", "0", "0"},
            {"content-language", "imf.content_language", "Content-Language", "0", "0"},
            {"conversion", "imf.conversion", "Conversion", "0", "0"},
            {"conversion-with-loss", "imf.conversion_with_loss", "Conversion-With-Loss", "0", "0"},
            {"delivery-date", "imf.delivery_date", "Delivery-Date", "0", "0"},
            {"discarded-x400-ipms-extensions", "imf.discarded_x400_ipms_extensions", "Discarded-X400-IPMS-Extensions", "0", "0"},
            {"discarded-x400-mts-extensions", "imf.discarded_x400_mts_extensions", "Discarded-X400-MTS-Extensions", "0", "0"},
            {"dl-expansion-history", "imf.dl_expansion_history", "DL-Expansion-History", "0", "0"},
            {"deferred-delivery", "imf.deferred_delivery", "Deferred-Delivery", "0", "0"},
            {"expires", "imf.expires", "Expires", "0", "0"},
            {"importance", "imf.importance", "Importance", "0", "0"},
            {"incomplete-copy", "imf.incomplete_copy", "Incomplete-Copy", "0", "0"},
            {"latest-delivery-time", "imf.latest_delivery_time", "Latest-Delivery-Time", "0", "0"},
            {"message-type", "imf.message_type", "Message-Type", "0", "0"},
            {"original-encoded-information-types", "imf.original_encoded_information_types", "Original-Encoded-Information-Types", "0", "0"},
            {"originator-return-address", "imf.originator_return_address", "Originator-Return-Address", "0", "0"},
            {"priority", "imf.priority", "Priority", "0", "0"},
            {"reply-by", "imf.reply_by", "Reply-By", "0", "0"},
            {"sensitivity", "imf.sensitivity", "Sensitivity", "0", "0"},
            {"supersedes", "imf.supersedes", "Supersedes", "0", "0"},
            {"x400-content-type", "imf.x400_content_type", "X400-Content-Type", "0", "0"},
            {"x400-mts-identifier", "imf.x400_mts_identifier", "X400-MTS-Identifier", "0", "0"},
            {"x400-originator", "imf.x400_originator", "X400-Originator", "0", "0"},
            {"x400-received", "imf.x400_received", "X400-Received", "0", "0"},
            {"x400-recipients", "imf.x400_recipients", "X400-Recipients", "0", "0"},
            {"delivered-to", "imf.delivered_to", "Delivered-To", "2", "0"},
            {"x-mailer", "imf.ext.mailer", "X-Mailer", "0", "0"},
            {"thread-index", "imf.thread-index", "Thread-Index", "0", "0"},
            {"lines", "imf.lines", "Lines", "0", "0"},
            {"precedence", "imf.precedence", "Precedence", "0", "0"},
            {"x-mimeole", "imf.ext.mimeole", "X-MimeOLE", "0", "0"},
            {"expiry-date", "imf.ext.expiry-date", "Expiry-Date", "0", "0"},
            {"x-ms-tnef-correlator", "imf.ext.tnef-correlator", "X-MS-TNEF-Correlator", "0", "0"},
            {"x-uidl", "imf.ext.uidl", "X-UIDL", "0", "0"},
            {"x-authentication-warning", "imf.ext.authentication_warning", "X-Authentication-Warning", "0", "0"},
            {"x-virus-scanned", "imf.ext.virus_scanned", "X-Virus-Scanned", "0", "0"},
            {"x-original-to", "imf.ext.original-to", "X-Original-To", "3", "0"},
            {"sio-label", "imf.siolabel", "SIO-Label", "0", "0"},    };

    private static final Map<String, String[]> BY_NAME = new HashMap<>();

    static {
        for (String[] f : FIELDS) {
            BY_NAME.put(f[0], f);
        }
    }

    /**
     * Dissects the message {@code [0, max)} of {@code s}: adds its items under {@code root} (when
     * not null) and replaces {@code info} with what IMF writes to the Info column. Returns the
     * body base64 decoded (the "base64" data source) when its Content-Transfer-Encoding says
     * base64 and a media dissector gets it, else null; {@code decoded} is that body from an
     * earlier dissection of the same message (its items then point into the same bytes), or null.
     */
    public static byte[] dissect(MemorySegment s, int max, Tree root, StringBuilder info, StringBuilder protocol,
                          Consumer<String> protocols, byte[] decoded) {
        return dissect(s, max, root, info, 0, protocol, protocols, decoded, 0, null);
    }

    /**
     * As {@link #dissect(MemorySegment, int, Tree, StringBuilder, StringBuilder, Consumer, byte[])}
     * for a protocol that shows several messages in one frame (IMAP's FETCH answers): the Info
     * column is cleared back to {@code fence[0]} (col_clear after an earlier message's fence), and
     * where packet-imf.c fences COL_INFO (before a body's media dissector) {@code fence[0]} moves there.
     */
    public static byte[] dissect(MemorySegment s, int max, Tree root, StringBuilder info, int[] fence, StringBuilder protocol,
                                 Consumer<String> protocols, byte[] decoded) {
        return dissect(s, max, root, info, fence[0], protocol, protocols, decoded, 0, fence);
    }

    /** How deep messages nest in message/rfc822 bodies before IMF stops taking them apart. */
    private static final int MAX_DEPTH = 32;

    /**
     * One message at nesting {@code depth}: the Info column is cleared back to {@code fence}
     * (col_clear after the enclosing message's col_set_fence); a nested message adds "/IMF" to
     * {@code protocol}.
     */
    private static byte[] dissect(MemorySegment s, int max, Tree root, StringBuilder info, int fence,
                                  StringBuilder protocol, Consumer<String> protocols, byte[] decoded, int depth,
                                  int[] fenceOut) {
        Tree tree = root == null ? null : root.protocol("imf", "Internet Message Format").at(s, 0, max);
        info.setLength(fence);
        int start = 0;
        int end = 0;
        int unknownOffset = 0;
        boolean[] last = {false};
        ContentType contentType = null;
        String encoding = null;
        while (!last[0]) {
            end = find(s, start, max - start, ':');
            if (end == -1) {
                break;
            }
            String key = Text.ascii(s, start, end - start).toLowerCase(Locale.ROOT);
            String[] f = BY_NAME.get(key);
            if (f == null) {
                f = FIELDS[0];
                unknownOffset = start;
            }
            start = end + 1;
            end = Text.fieldEnd(s, start, max, last);
            if (end == -1) {
                break;
            }
            int value = start;
            while (value < end && isSpace(Text.u8(s, value))) {
                value++;
            }
            if (value == end) {
                value = start;
            }
            int valueLen = clamp(value, end - value - 2, max);
            Tree item;
            if (f == FIELDS[0]) {
                int extLen = clamp(unknownOffset, end - unknownOffset - 2, max);
                String v = Text.ascii(s, unknownOffset, extLen);
                item = tree == null ? null : tree.string("imf.extension", "Unknown-Extension", v).at(s, unknownOffset, extLen);
                if (item != null) {
                    item.relabel(appended("Unknown-Extension", v, " (Contact Wireshark developers if you want this supported.)"));
                    item.string("imf.extension.type", "Type", Text.ascii(s, unknownOffset, start - 1 - unknownOffset))
                            .at(s, unknownOffset, start - 1 - unknownOffset);
                    item.string("imf.extension.value", "Value", Text.ascii(s, value, valueLen)).at(s, value, valueLen);
                }
            } else {
                item = tree == null ? null : tree.string(f[1], f[2], Text.ascii(s, value, valueLen)).at(s, value, valueLen);
            }
            if (f[4].equals("1")) {
                // tvb_format_text shows nothing of a length of -1
                info.append(f[0]).append(": ").append(Text.format(s, value, end - value - 2 < 0 ? 0 : valueLen)).append(", ");
            }
            if (f[1].equals("imf.content.transfer_encoding")) {
                encoding = Text.ascii(s, value, valueLen);
            }
            if (f[1].equals("imf.content.type")) {
                contentType = contentType(s, start, end - start, item, max);
            } else if (item != null) {
                switch (Integer.parseInt(f[3])) {
                    case MAILBOX_LIST -> list(s, value, end - value, item, false, f[2], Text.ascii(s, value, valueLen));
                    case ADDRESS_LIST -> list(s, value, end - value, item, true, f[2], Text.ascii(s, value, valueLen));
                    case MAILBOX -> mailbox(s, value, end - value, item);
                    default -> { }
                }
            }
            start = end;
        }
        if (last[0]) {
            end += 2;
        }
        if (end == -1) {
            end = 0;
        }
        if (contentType != null) {
            // col_set_fence, then the type's dissector in the "media_type" table, if it has one
            if (fenceOut != null) {
                fenceOut[0] = info.length();
            }
            if (encoding != null && encoding.regionMatches(true, 0, "base64", 0, Math.min(6, encoding.length()))
                    && encoding.length() >= 6) {
                byte[] body = decoded != null ? decoded : base64(s, end, max);
                media(contentType, MemorySegment.ofArray(body), 0, body.length, tree, info, protocol, protocols, depth, fenceOut);
                return body;
            }
            media(contentType, s, end, max - end, tree, info, protocol, protocols, depth, fenceOut);
            return null;
        }
        Tree text = tree == null ? null : tree.none("imf.message_text", "Message-Text").at(s, Math.min(end, max), Math.max(0, max - end));
        int at = end;
        int[] next = new int[1];
        while (at < max) {
            Text.lineEnd(s, at, max - at, next, false);
            String line = wsp(s, at, next[0]);
            if (text != null) {
                text.line(null, line, null).at(s, at, next[0]);
            }
            if (!info.isEmpty()) {
                info.append(", ");
            }
            info.append(line);
            at += next[0];
        }
        return null;
    }

    /**
     * dissector_try_string on the "media_type" table with the body {@code [off, off + len)}: a
     * multipart type to the multipart dissector, a type with a media dissector to it (under the
     * IMF item); a type without one shows nothing. What they add to the Info column follows.
     */
    private static void media(ContentType ct, MemorySegment s, int off, int len, Tree tree, StringBuilder info,
                              StringBuilder protocol, Consumer<String> protocols, int depth, int[] fenceOut) {
        String type = ct.type().toLowerCase(Locale.ROOT);
        Tree at = tree != null ? tree : new dev.tcpscope.proto.Collected();
        // a dissector given no bytes returns 0, and call_dissector_work takes its name out of
        // frame.protocols again (an IMAP FETCH of headers only, whose body is empty)
        Consumer<String> names = protocols != null && len > 0 ? protocols : p -> { };
        if (type.equals("message/rfc822") && depth < MAX_DEPTH) {
            // packet-imf.c registers itself for it: the enclosed message, under this one's item
            names.accept("imf");
            protocol.append("/IMF");
            int n = Math.max(len, 0);
            dissect(s.asSlice(off, n), n, tree, info, info.length(), protocol, protocols, null, depth + 1, fenceOut);
            return;
        }
        if (dev.tcpscope.proto.multipart.Multipart.registered(type)) {
            dev.tcpscope.proto.multipart.Multipart.dissect(type, ct.parameters(), s, off, Math.max(len, 0), at, info, names);
            return;
        }
        dev.tcpscope.proto.Media.Dissector d = dev.tcpscope.proto.Media.byType(type);
        if (d != null && d.accepts(s, off, Math.max(len, 0))) {
            String column = d.protocolColumn(type, s, off, Math.max(len, 0));
            if (column != null) {
                protocol.append('/').append(column); // col_append_sep_str(COL_PROTOCOL, "/", ...): "SMTP/IMF/XML"
            }
            info.append(d.info(ct.type(), s, off, Math.max(len, 0)));
            names.accept(d.name());
            d.tree(at, ct.type(), s, off, Math.max(len, 0), names);
        }
    }

    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /**
     * base64_to_tvb over {@code [from, to)} as 4.0's ws_base64_decode_inplace decodes: CR and LF
     * are skipped, the first other character outside the alphabet ('=', '.', a space) ends the
     * text, and a last incomplete group gives the bits it has ({@code sextets * 3 / 4} bytes).
     */
    private static byte[] base64(MemorySegment s, int from, int to) {
        byte[] out = new byte[Math.max(0, (to - from) * 3 / 4 + 1)];
        int i = 0;
        for (int at = from; at < to; at++) {
            int c = Text.u8(s, at);
            if (c == 0) {
                break; // the string ends at a NUL
            }
            if (c == '\r' || c == '\n') {
                continue;
            }
            int idx = BASE64.indexOf(c);
            if (idx < 0) {
                break;
            }
            int byteOffset = i * 6 / 8;
            int bitOffset = i * 6 % 8;
            out[byteOffset] &= (byte) ~((1 << (8 - bitOffset)) - 1);
            if (bitOffset < 3) {
                out[byteOffset] |= (byte) (idx << (2 - bitOffset));
            } else {
                out[byteOffset] |= (byte) (idx >> (bitOffset - 2));
                out[byteOffset + 1] = (byte) ((idx << (8 - (bitOffset - 2))) & 0xff);
            }
            i++;
        }
        return java.util.Arrays.copyOf(out, i * 3 / 4);
    }

    /**
     * A length from {@code off} as proto_tree_add_item would take it, kept within the bytes: -1
     * runs to the end (a field whose CRLF ends the message: "x\r\n" of "Subject: x\r\n").
     */
    private static int clamp(int off, int length, int max) {
        if (length == -1) {
            return Math.max(0, max - off);
        }
        if (length < 0) {
            return 0;
        }
        return Math.min(length, Math.max(0, max - off));
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 11 || c == '\f';
    }

    private static int find(MemorySegment s, int off, int len, int c) {
        for (int i = off; i < off + len; i++) {
            if (Text.u8(s, i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** A Content-Type's type and its parameters (the text after the ';', or null). */
    private record ContentType(String type, String parameters) { }

    /** dissect_imf_content_type: the type (null without a ';') and the parameters' item. */
    private static ContentType contentType(MemorySegment s, int offset, int length, Tree item, int max) {
        for (int i = 0; i < length; i++) {
            if (!isSpace(Text.u8(s, offset + i))) {
                offset += i; // (the length stays as it was: the field's end is searched a little further)
                break;
            }
        }
        int semi = find(s, offset, Math.min(length, max - offset), ';');
        if (semi == -1) {
            return null;
        }
        String type = Text.ascii(s, offset, semi - offset);
        if (item != null) {
            item.string("imf.content.type.type", "Type", type).at(s, offset, semi - offset);
        }
        int end = Text.fieldEnd(s, semi + 1, Math.min(offset + length, max), null);
        String parameters = null;
        if (end != -1) {
            int n = Math.max(0, end - (semi + 1) - 2);
            parameters = Text.ascii(s, semi + 1, n);
            if (item != null) {
                item.string("imf.content.type.parameters", "Parameters", parameters).at(s, semi + 1, n);
            }
        }
        return new ContentType(type, parameters);
    }

    /** dissect_imf_mailbox_list / dissect_imf_address_list. */
    private static void list(MemorySegment s, int offset, int length, Tree item, boolean addresses,
                             String name, String value) {
        int count = 0;
        int at = offset;
        int end;
        do {
            end = find(s, at, length - (at - offset), ',');
            count++;
            int n = end == -1 ? length - (at - offset) : end - at;
            Tree i = item.string(addresses ? "imf.address_list.item" : "imf.mailbox_list.item", "Item", Text.ascii(s, at, n)).at(s, at, n);
            if (addresses) {
                address(s, at, n, i);
            } else {
                mailbox(s, at, n, i);
            }
            if (end != -1) {
                at = end + 1;
            }
        } while (end != -1);
        item.relabel(appended(name, value, ", " + count + (count == 1 ? " item" : " items")));
    }

    /**
     * The label of an FT_STRING item "name: value" after proto_item_append_text(more): the label
     * as Wireshark builds it (over 239 bytes: cut and marked "[truncated]"), then the text added
     * as far as the 240-byte buffer holds it.
     */
    private static String appended(String name, String value, String more) {
        String full = name + ": " + escaped(value);
        byte[] b = full.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length >= 240) {
            byte[] m = (name + " [truncated]: " + escaped(value)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int end = 239;
            do {
                end--;
            } while (end > 0 && (m[end] & 0xc0) == 0x80);
            full = new String(m, 0, end, java.nio.charset.StandardCharsets.UTF_8);
        }
        byte[] all = (full + more).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (all.length > 239) {
            return new String(all, 0, 239, java.nio.charset.StandardCharsets.UTF_8);
        }
        return full + more;
    }

    /** A string value as its label shows it: control characters as C escapes. */
    private static String escaped(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 0x20 && c != 0x7f) {
                b.append(c);
            } else {
                b.append(Text.format(new byte[] {(byte) c}, 0, 1));
            }
        }
        return b.toString();
    }

    private static void address(MemorySegment s, int offset, int length, Tree item) {
        int colon = find(s, offset, length, ':');
        if (colon == -1) {
            mailbox(s, offset, length, item);
            return;
        }
        String display = Text.ascii(s, offset, Math.max(0, colon - offset - 1));
        Tree group = item.string("imf.display_name", "Display-Name", display).at(s, offset, Math.max(0, colon - offset - 1));
        int at = colon + 1;
        while (at < offset + length && isSpace(Text.u8(s, at))) {
            at++;
        }
        if (at < offset + length && Text.u8(s, at) != ';') {
            list(s, at, length - (at - offset), group, false, "Display-Name", display);
        }
    }

    private static void mailbox(MemorySegment s, int offset, int length, Tree item) {
        int lt = find(s, offset, length, '<');
        if (lt == -1) {
            item.string("imf.address", "Address", Text.ascii(s, offset, length)).at(s, offset, length);
            return;
        }
        int start = offset;
        while (start < lt && isSpace(Text.u8(s, start))) {
            start++;
        }
        if (start != lt) {
            item.string("imf.display_name", "Display-Name", Text.ascii(s, start, Math.max(0, lt - start - 1)))
                    .at(s, start, Math.max(0, lt - start - 1));
        }
        int gt = find(s, lt + 1, length - (lt + 1 - offset), '>');
        if (gt != -1) {
            item.string("imf.address", "Address", Text.ascii(s, lt + 1, gt - lt - 1)).at(s, lt + 1, gt - lt - 1);
        }
    }

    /** format_text_wsp: format_text with each whitespace character as a space. */
    private static String wsp(MemorySegment s, int off, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            int c = Text.u8(s, off + i);
            b[i] = (byte) (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 11 || c == '\f' ? ' ' : c);
        }
        return Text.format(b, 0, len);
    }
}

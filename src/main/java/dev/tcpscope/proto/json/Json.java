package dev.tcpscope.proto.json;

import dev.tcpscope.proto.text.TextLines;
import dev.tcpscope.proto.Media;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.json.Grammar.Tok;
import dev.tcpscope.proto.json.Grammar.Wanted;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * JavaScript Object Notation as Wireshark 4.0.17's packet-json.c shows a body of one of its
 * media types: "/JSON" after the Protocol column, ", JavaScript Object Notation" and, when the
 * whole body parsed, " (application/json)" after the Info; the tree has an Object or Array item
 * per value, a Member item per member with the value's items, its Key and generated Path, and
 * for each scalar its generated "Path with value" and "Member with value" then the value.
 *
 * <p>The grammar is packet-json.c's, matched as tvbparse matches it ({@link Grammar}): all of a
 * top-level object or array parses or none of it does, blanks are skipped after every element
 * (inside numbers too: {@code 1 .5} is a number), and nesting past tvbparse's recursion depth
 * (about 25 arrays or 19 objects) does not parse. What is left after the last value that parsed
 * goes to data-text-lines ({@link TextLines}), which adds the media type to the Info. Strings are unescaped as 4.0's json_string_unescape does, with its quirks (see
 * {@code unescape}). packet-json-3gpp.c's decoding of some 3GPP member names is not done.
 */
public final class Json implements Media.Dissector {
    /** The one instance: the grammar is built once and each parse has its own state. */
    public static final Json DISSECTOR = new Json();

    /** The media types packet-json.c registers in 4.0.17 ("media_type" table). */
    public static final java.util.List<String> MEDIA_TYPES = java.util.List.of(
            "application/json", "application/senml+json", "application/sensml+json", "application/json-rpc",
            "application/jsonrequest", "application/dds-web+json", "application/vnd.oma.lwm2m+json",
            "application/problem+json", "application/merge-patch+json", "application/json-patch+json",
            "application/x-ndjson");

    private static final int NUMBER = 0, STRING = 1, FALSE = 2, NULL = 3, TRUE = 4, NAN = 5, OBJECT = 6, ARRAY = 7;

    private final Wanted want;
    private final Wanted ignore = Grammar.chars(-1, 1, 0, " \t\r\n", false);

    private Json() {
        Wanted quote = Grammar.oneChar(-1, "\"");
        Wanted string = Grammar.seq(STRING, quote,
                Grammar.some(-1, 0, Integer.MAX_VALUE, Grammar.oneOf(-1,
                        Grammar.chars(-1, 0, 0, "\"\\", true),
                        Grammar.seq(-1, Grammar.oneChar(-1, "\\"), Grammar.oneOf(-1,
                                Grammar.chars(-1, 0, 1, "\"\\/bfnrt", false),
                                Grammar.seq(-1, Grammar.oneChar(-1, "u"),
                                        Grammar.chars(-1, 4, 4, "0123456789abcdefABCDEF", false)))))),
                quote);
        Wanted separator = Grammar.oneChar(-1, ",");
        Wanted integer = Grammar.oneOf(-1, Grammar.oneChar(-1, "0"),
                Grammar.seq(-1, Grammar.chars(-1, 1, 1, "123456789", false),
                        optional(Grammar.chars(-1, 0, 0, "0123456789", false))));
        Wanted number = Grammar.seq(NUMBER,
                optional(Grammar.chars(-1, 0, 1, "-", false)),
                integer,
                optional(Grammar.seq(-1, Grammar.oneChar(-1, "."), Grammar.chars(-1, 1, 0, "0123456789", false))),
                optional(Grammar.seq(-1, Grammar.oneChar(-1, "eE"), optional(Grammar.chars(-1, 0, 1, "-+", false)),
                        Grammar.chars(-1, 1, 0, "0123456789", false))));
        // object and array refer to value, which refers to them: built empty, filled in after
        Wanted[] objectParts = new Wanted[3];
        Wanted[] arrayParts = new Wanted[3];
        Wanted object = Grammar.seq(OBJECT, objectParts).callbacks((d, t) -> ((Walk) d).beforeObject(t),
                (d, t) -> ((Walk) d).after());
        Wanted array = Grammar.seq(ARRAY, arrayParts).callbacks((d, t) -> ((Walk) d).beforeArray(t),
                (d, t) -> ((Walk) d).afterArray());
        Wanted value = Grammar.oneOf(-1,
                Grammar.literal(FALSE, "false"), Grammar.literal(NULL, "null"), Grammar.literal(TRUE, "true"),
                Grammar.literal(NAN, "NaN"), object, array, number, string)
                .callbacks(null, (d, t) -> ((Walk) d).afterValue(t));
        arrayParts[0] = Grammar.oneChar(-1, "[");
        arrayParts[1] = optional(Grammar.seq(-1, value,
                Grammar.some(-1, 0, Integer.MAX_VALUE, Grammar.seq(-1, separator, value))));
        arrayParts[2] = Grammar.oneChar(-1, "]");
        Wanted member = Grammar.seq(-1, string, Grammar.oneChar(-1, ":"), value)
                .callbacks((d, t) -> ((Walk) d).beforeMember(t), (d, t) -> ((Walk) d).afterMember(t));
        objectParts[0] = Grammar.oneChar(-1, "{");
        objectParts[1] = optional(Grammar.seq(-1, member,
                Grammar.some(-1, 0, Integer.MAX_VALUE, Grammar.seq(-1, separator, member))));
        objectParts[2] = Grammar.oneChar(-1, "}");
        want = Grammar.oneOf(-1, object, array);
    }

    private static Wanted optional(Wanted w) {
        return Grammar.some(-1, 0, 1, w);
    }

    @Override
    public String name() { return "json"; }

    @Override
    public String protocolColumn() { return "JSON"; }

    @Override
    public boolean mayStopShort() { return false; } // what does not parse goes to data

    @Override
    public boolean accepts(MemorySegment s, long off, int len) {
        return true; // dissect_json takes whatever it is given
    }

    @Override
    public String info(String mediaType, MemorySegment s, long off, int len) {
        Grammar.Input in = new Grammar.Input(s, off, len, ignore, false);
        while (Grammar.get(in, want, null)) {
            // how far it parses is all the Info needs: no items
        }
        if (in.offset >= len) {
            return ", JavaScript Object Notation" + (mediaType != null ? " (" + mediaType + ")" : "");
        }
        // the rest goes to data-text-lines, which names the media type the same way
        return ", JavaScript Object Notation" + TextLines.DISSECTOR.info(mediaType, s, off + in.offset, len - in.offset);
    }

    @Override
    public boolean tree(Tree root, String mediaType, MemorySegment s, long off, int len, Consumer<String> protocols) {
        Tree json = root.protocol("json", "JavaScript Object Notation" + (mediaType != null ? ": " + mediaType : ""))
                .at(s, off, len);
        Walk w = new Walk(s, off, len, json);
        w.parse();
        json.length(w.in.offset);
        if (w.in.offset < len) {
            protocols.accept(TextLines.DISSECTOR.name()); // the rest, a line at a time
            TextLines.DISSECTOR.tree(root, mediaType, s, off + w.in.offset, len - w.in.offset, protocols);
        }
        return true;
    }

    /** One parse of a body: the callbacks' stacks of trees and of paths (packet-json.c's json_parser_data_t). */
    private final class Walk {
        final Grammar.Input in;
        final MemorySegment s;
        final long base;
        final ArrayDeque<Tree> trees = new ArrayDeque<>();
        final ArrayDeque<String> paths = new ArrayDeque<>();

        Walk(MemorySegment s, long base, int len, Tree json) {
            this.s = s;
            this.base = base;
            this.in = new Grammar.Input(s, base, len, ignore, true);
            trees.push(json);
            paths.push("");
            paths.push("");
        }

        void parse() {
            while (Grammar.get(in, want, this)) {
                // one top-level value after the other (ndjson)
            }
        }

        private Tree at(Tree t, Tok tok) {
            return t.at(s, base + tok.offset, tok.len);
        }

        void beforeObject(Tok t) {
            trees.push(at(trees.peek().none("json.object", "Object"), t));
        }

        void after() {
            trees.pop();
        }

        void beforeMember(Tok t) {
            Tok key = t.sub;
            String name = unescape(key.offset + 1, key.len - 2);
            trees.push(at(trees.peek().string("json.member", "Member", name), t));
            String lastKey = paths.pop();
            String basePath = paths.peek();
            paths.push(lastKey);
            paths.push(basePath + "/" + name);
            paths.push(name);
        }

        void afterMember(Tok t) {
            Tree member = trees.pop();
            Tok key = t.sub;
            if (key.id == STRING) {
                at(member.string("json.key", "Key", unescape(key.offset + 1, key.len - 2)), key);
            }
            paths.pop();
            String path = paths.pop();
            at(member.string("json.path", "Path", path), t).generated();
        }

        void beforeArray(Tok t) {
            trees.push(at(trees.peek().none("json.array", "Array"), t));
            String lastKey = paths.pop();
            String basePath = paths.peek();
            paths.push(lastKey);
            paths.push(basePath + "/[]");
            paths.push("[]");
        }

        void afterArray() {
            trees.pop();
            paths.pop();
            paths.pop();
        }

        void afterValue(Tok t) {
            int kind = t.sub == null ? -1 : t.sub.id;
            if (kind < NUMBER || kind > NAN) {
                return; // an object or array: its own items are shown
            }
            Tree tree = trees.peek();
            String key = paths.pop();
            String path = paths.peek();
            paths.push(key);
            String value = kind == STRING ? unescape(t.offset + 1, t.len - 2) : unescape(t.offset, t.len);
            at(tree.string("json.path_with_value", "Path with value", path + ":" + value), t).generated();
            at(tree.string("json.member_with_value", "Member with value", key + ":" + value), t).generated();
            switch (kind) {
                case STRING -> at(tree.string("json.value.string", "String value", value), t);
                case NUMBER -> at(tree.string("json.value.number", "Number value", ascii(t.offset, t.len)), t);
                case FALSE -> at(tree.none("json.value.false", "False value"), t);
                case NULL -> at(tree.none("json.value.null", "Null value"), t);
                case TRUE -> at(tree.none("json.value.true", "True value"), t);
                default -> at(tree.none("json.value.nan", "NaN value"), t);
            }
        }

        /** The bytes as ENC_ASCII reads them: each byte above 0x7f a U+FFFD. */
        private String ascii(int at, int len) {
            StringBuilder sb = new StringBuilder(len);
            for (int i = 0; i < len; i++) {
                int b = in.u8(at + i);
                sb.append(b < 0x80 ? (char) b : '\ufffd');
            }
            return sb.toString();
        }

        /**
         * 4.0's json_string_unescape over {@code [at, at + len)}, quirks included: characters are
         * copied whole as their lead byte says (a byte that starts none ends the text); a
         * {@code \}{@code u} escape adds its character when printable, but only as far as the
         * escape's own bytes reach the end of the text (so one that ends the text adds nothing);
         * a lone or broken surrogate adds U+FFFD, swallowing the character after a lead
         * surrogate, or ends the text when the lead surrogate is at its end.
         */
        private String unescape(int at, int len) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(len, 0));
            int i = 0;
            while (i < len) {
                int c = in.u8(at + i);
                if (c != '\\') {
                    int n = utf8Length(c);
                    if (n <= 0) {
                        break;
                    }
                    for (int k = 0; k < n && i < len; k++) {
                        out.write(in.u8(at + i++));
                    }
                    continue;
                }
                if (++i >= len) {
                    break;
                }
                c = in.u8(at + i);
                switch (c) {
                    case '"', '\\', '/' -> out.write(c);
                    case 'b' -> out.write('\b');
                    case 'f' -> out.write('\f');
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case 'u' -> {
                        i++;
                        int cp = hex4(at, i, len);
                        boolean valid = cp >= 0;
                        i = Math.min(i + 4, len);
                        if (valid && cp >= 0xd800 && cp <= 0xdbff) {
                            if (i >= len) {
                                return out.toString(StandardCharsets.UTF_8);
                            }
                            if (in.u8(at + i) != '\\') {
                                i++;
                                valid = false;
                            } else if (++i >= len) {
                                return out.toString(StandardCharsets.UTF_8);
                            } else if (in.u8(at + i) != 'u') {
                                i++;
                                valid = false;
                            } else {
                                i++;
                                int trail = hex4(at, i, len);
                                i = Math.min(i + 4, len);
                                if (trail >= 0xdc00 && trail <= 0xdfff) {
                                    cp = 0x10000 + ((cp - 0xd800) << 10) + (trail - 0xdc00);
                                } else {
                                    valid = false;
                                }
                            }
                        } else if (valid && cp >= 0xdc00 && cp <= 0xdfff) {
                            valid = false;
                        }
                        if (!valid) {
                            out.writeBytes(REPLACEMENT);
                        } else if (printable(cp)) {
                            byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                            for (int k = 0; k < b.length && i < len; k++) {
                                out.write(b[k]); // bounded by the escape's position, as 4.0 checks it
                            }
                        }
                        continue;
                    }
                    default -> { } // the grammar lets no other escape through
                }
                i++;
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        /** The four hex digits at {@code i} as a number, or −1 when they are not all there. */
        private int hex4(int at, int i, int len) {
            int v = 0;
            for (int k = 0; k < 4; k++) {
                if (i + k >= len) {
                    return -1;
                }
                int d = Character.digit(in.u8(at + i + k), 16);
                if (d < 0) {
                    return -1;
                }
                v = v << 4 | d;
            }
            return v;
        }
    }

    private static final byte[] REPLACEMENT = {(byte) 0xef, (byte) 0xbf, (byte) 0xbd};

    /** ws_utf8_char_len: the bytes of the character a lead byte starts (a stray continuation byte counts one), −1 for 0xfe and 0xff. */
    private static int utf8Length(int c) {
        return c >= 0xfe ? -1 : c >= 0xfc ? 6 : c >= 0xf8 ? 5 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    }

    /** g_unichar_validate and g_unichar_isprint: not a surrogate, control, format, private-use or unassigned character. */
    private static boolean printable(int cp) {
        if (cp >= 0x110000) {
            return false;
        }
        int type = Character.getType(cp);
        return type != Character.SURROGATE && type != Character.CONTROL && type != Character.FORMAT
                && type != Character.PRIVATE_USE && type != Character.UNASSIGNED;
    }
}

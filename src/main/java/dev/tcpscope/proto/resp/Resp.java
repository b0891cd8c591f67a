package dev.tcpscope.proto.resp;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Redis's serialization protocol (RESP 2) as Wireshark 4.0.17 dissects it (packet-resp.c) on
 * tcp.port 6379: a loop over CRLF-ended lines, each a simple string ({@code +}), an error
 * ({@code -}), an integer ({@code :}), a bulk string ({@code $N} then N bytes) or an array
 * ({@code *N} then N elements, nested), anything else a "Fragment". Info is "Request:" when the
 * segment goes to the port RESP was found on, else "Response:", then the command's words (the
 * bulk strings one level down in a request) or the reply (a top-level string, integer, error,
 * "Array(N)", short bulk string or "BulkString(N)").
 *
 * <p>Reassembly is the dissector's own, not a length-prefixed PDU: a line without its end asks
 * for one more segment from that line; a bulk string asks for exactly what it lacks from its
 * header; an array that ran out asks for one more segment from its start, top-level array's
 * start winning. Such a call still shows what it read (the items of the unfinished array with
 * "Array is partially decoded" on it) and ends Info with " [continuation]"; TCP then adds
 * "[TCP segment of a reassembled PDU]". Kept as 4.0 has them: a line is taken to end with two
 * bytes whatever its terminator, an array whose bytes end early at a line end is complete, and
 * a frame may hold several calls (the PDU a segment completes, then its remaining bytes).
 */
public final class Resp implements PduDissector, LayerTree {
    /** packet-resp.c RESP_PORT. */
    public static final int[] TCP_PORTS = {6379};
    private static final int CRLF = 2;
    /** MAX_ARRAY_DEPTH_TO_RECURSE: arrays nested deeper are not walked into. */
    private static final int MAX_DEPTH = 30;
    /** BULK_STRING_MAX_DISPLAY: a longer bulk string shows as "BulkString(N)" in Info. */
    private static final int MAX_DISPLAY = 100;
    /** Wireshark's ITEM_LABEL_LENGTH less its NUL: what proto_item_append_text can fill. */
    private static final int LABEL = 239;

    private final IntFunction<PduDissector> byPort;
    private final Items.Fields fields = new Items.Fields();

    /** One call of the dissector in the frame being read: its bytes and direction. */
    private record Call(MemorySegment s, long base, int len, boolean request, boolean response, boolean desegment) { }

    private final List<Call> calls = new ArrayList<>(1);
    private long frame = -1;

    public Resp(IntFunction<PduDissector> byPort) {
        this.byPort = byPort;
    }

    @Override
    public String name() { return "resp"; }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        if (frame != ctx.frame) {
            calls.clear();
            frame = ctx.frame;
        }
        int match = Items.matchPort(byPort, this, ctx.srcPort, ctx.dstPort);
        Call call = new Call(s, off, len, match == ctx.dstPort, match == ctx.srcPort, ctx.canDesegment);
        calls.add(call);
        Walk w = new Walk(call, new StringBuilder(call.response ? "Response:" : "Request:"));
        int end = w.loop(Tree.NOTHING, 0, 0, -1);
        if (end < 0) {
            w.info.append(" [continuation]");
            ctx.desegmentOffset = w.desegmentOffset;
            ctx.desegmentLength = w.desegmentLength;
        }
        ctx.columns.setProtocol("RESP");
        ctx.columns.setInfo(Text.infoLimit(w.info));
    }

    @Override
    public void uncall(long f) {
        if (f == frame && !calls.isEmpty()) {
            calls.remove(calls.size() - 1);
        }
    }

    @Override
    public boolean shows(long f) {
        return f == frame && !calls.isEmpty();
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        for (Call c : calls) {
            protocols.accept("resp");
            Tree resp = root.protocol("resp", "REdis Serialization Protocol").at(c.s, c.base, c.len);
            new Walk(c, null).loop(resp, 0, 0, -1);
        }
        return End.OK;
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "RESP"; }

    /** One walk over a call's bytes: the columns (when {@code info} is given) or the tree. */
    private static final class Walk {
        final Call c;
        final StringBuilder info;
        int desegmentOffset, desegmentLength;
        private final int[] next = new int[1];

        Walk(Call c, StringBuilder info) {
            this.c = c;
            this.info = info;
        }

        private void appendInfo(String text) {
            if (info != null) {
                info.append(text);
            }
        }

        /** dissect_resp_loop: the elements from {@code offset}, at most {@code expected} of them (-1: all). */
        int loop(Tree tree, int offset, int depth, long expected) {
            long done = 0;
            while (offset >= 0 && offset < c.len) {
                if (expected >= 0 && done == expected) {
                    return offset;
                }
                int line = Text.lineEnd(c.s, c.base + offset, c.len - offset, next, c.desegment);
                if (line < 0) {
                    desegmentOffset = offset;
                    desegmentLength = ONE_MORE_SEGMENT;
                    return -1;
                }
                int used = message(tree, offset, line, depth);
                if (used < 0) {
                    return -1;
                }
                done++;
                offset += used;
            }
            return offset;
        }

        /** dissect_resp_message: one element whose first line is {@code line} bytes long. */
        private int message(Tree tree, int offset, int line, int depth) {
            switch (Text.u8(c.s, c.base + offset)) {
                case '+' -> {
                    String v = text(offset + 1, line - 1);
                    at(tree.string("resp.string", "String", v), offset, line + CRLF);
                    if (c.response && depth == 0) {
                        appendInfo(" " + v);
                    }
                    return line + CRLF;
                }
                case '-' -> {
                    String v = text(offset + 1, line - 1);
                    at(tree.string("resp.error", "Error", v), offset, line + CRLF);
                    appendInfo(" Error: " + v);
                    return line + CRLF;
                }
                case ':' -> {
                    long v = strtoll(offset + 1, line - 1);
                    at(tree.field("resp.integer", "Integer: " + v, Long.toString(v)), offset, line + CRLF);
                    if (c.response && depth == 0) {
                        appendInfo(" " + v);
                    }
                    return line + CRLF;
                }
                case '$' -> {
                    return bulk(tree, offset, line, depth);
                }
                case '*' -> {
                    return array(tree, offset, line, depth);
                }
                default -> {
                    if (line == 0) {
                        return CRLF; // a stray line end
                    }
                    appendInfo(" [fragment]");
                    atNone(tree.none("resp.fragment", "Fragment"), offset, line + CRLF);
                    return line + CRLF;
                }
            }
        }

        /** dissect_resp_bulk_string. */
        private int bulk(Tree tree, int offset, int line, int depth) {
            int length = (int) strtoll(offset + 1, line - 1);
            if (length < 0) {
                Tree item = atNone(tree.none("resp.bulk_string", length == -1 ? "Bulk String: [NULL]" : "Bulk String"), offset, line + CRLF);
                at(item.field("resp.bulk_string.length", "Length: " + length, Integer.toString(length)), offset, line + CRLF);
                if (length != -1) {
                    malformedLength(item);
                }
                return line + CRLF;
            }
            int valueAt = offset + line + CRLF;
            int remaining = valueAt > c.len ? -1 : c.len - valueAt;
            boolean fragmented = remaining < (long) length + CRLF;
            int captured, capturedWithCrlf;
            if (fragmented) {
                if (c.desegment) {
                    desegmentOffset = offset;
                    desegmentLength = length + CRLF - remaining;
                    return -1;
                }
                captured = remaining;
                capturedWithCrlf = remaining;
                appendInfo(" [partial]");
            } else {
                captured = length;
                capturedWithCrlf = length + CRLF;
            }
            String value = captured > 0 ? Text.ascii(c.s, c.base + valueAt, captured) : "";
            boolean ascii = captured <= 0 || isAscii(valueAt, captured);
            String label = ascii ? appended("Bulk String", value) : "Bulk String";
            Tree item = atNone(tree.none("resp.bulk_string", label), offset, line + CRLF + capturedWithCrlf);
            if (fragmented) {
                item.expert("resp.partial", Tree.Severity.NOTE, Tree.Group.UNDECODED, "Field is only partially decoded");
            }
            at(item.field("resp.bulk_string.length", "Length: " + length, Integer.toString(length)), offset, line + CRLF);
            if (captured > 0) {
                item.bytes("resp.bulk_string.value", "Value", c.s, c.base + valueAt, captured).at(c.s, c.base + valueAt, captured);
            }
            if (ascii) {
                if (c.request && depth == 1) {
                    appendInfo(length < MAX_DISPLAY ? " " + value : " BulkString(" + length + ")");
                } else if (c.response && depth == 0 && length < MAX_DISPLAY) {
                    appendInfo(" " + value);
                } else if (depth == 0) {
                    appendInfo(" BulkString(" + length + ")");
                }
            } else if (depth == 0) {
                appendInfo(" BulkString(" + length + ")");
            }
            return line + CRLF + capturedWithCrlf;
        }

        /** dissect_resp_array. */
        private int array(Tree tree, int offset, int line, int depth) {
            long length = strtoll(offset + 1, line - 1);
            Tree item = atNone(tree.none("resp.array", "Array"), offset, line + CRLF);
            at(item.field("resp.array.length", "Length: " + length, Long.toString(length)), offset, line + CRLF);
            if (length <= 0) {
                if (length == -1) {
                    item.relabel("Array: NULL");
                } else if (length == 0) {
                    item.relabel("Array: Empty");
                } else {
                    malformedLength(item);
                }
                return line + CRLF;
            }
            item.relabel("Array: Length " + length);
            if (depth > MAX_DEPTH) {
                item.expert("resp.array_recursion_too_deep", Tree.Severity.NOTE, Tree.Group.UNDECODED,
                        "Array is too deep to recurse any further. Subsequent elements attached to the protocol tree may not reflect their actual location in the array");
                return line + CRLF;
            }
            int first = offset + line + CRLF;
            if (first >= c.len) {
                if (c.desegment) {
                    desegmentOffset = offset;
                    desegmentLength = ONE_MORE_SEGMENT;
                    return -1;
                }
                item.expert("resp.partial", Tree.Severity.NOTE, Tree.Group.UNDECODED, "Field is only partially decoded");
            }
            if (c.response && depth == 0) {
                appendInfo(" Array(" + length + ")");
            }
            int end = loop(item, first, depth + 1, length);
            if (end < 0) {
                desegmentOffset = offset;
                desegmentLength = ONE_MORE_SEGMENT;
                item.expert("resp.reassembled_in_next_frame", Tree.Severity.NOTE, Tree.Group.UNDECODED,
                        "Array is partially decoded. Re-assembled array is in the next frame");
                return -1;
            }
            item.length(end - offset);
            return end - offset;
        }

        private static void malformedLength(Tree item) {
            item.expert("resp.malformed_length", Tree.Severity.ERROR, Tree.Group.UNDECODED, "Malformed length specified");
        }

        /**
         * Records where an item lies. An item may claim the two bytes of a line end the segment
         * lacks: it then runs past the call's bytes, as Wireshark's does ("field length invalid!").
         */
        private Tree at(Tree item, int offset, int length) {
            int from = Math.min(Math.max(0, offset), c.len);
            return item.at(c.s, c.base + from, Math.max(0, length));
        }

        /**
         * Records where an {@code FT_NONE} item lies: proto_tree_add_item cuts an interior node
         * at the end of the bytes, where a field with a value (proto_tree_add_int) is not cut.
         */
        private Tree atNone(Tree item, int offset, int length) {
            int from = Math.min(Math.max(0, offset), c.len);
            return item.at(c.s, c.base + from, Math.max(0, Math.min(length, c.len - from)));
        }

        /** tvb_get_string_enc(ENC_ASCII) of bytes that may run past the call's (a line taken to end with two bytes). */
        private String text(int offset, int length) {
            return Text.ascii(c.s, c.base + offset, Math.max(0, Math.min(length, c.len - offset)));
        }

        /** g_str_is_ascii over the C string the bytes make (it ends at a NUL). */
        private boolean isAscii(int offset, int length) {
            for (int i = 0; i < length; i++) {
                int b = Text.u8(c.s, c.base + offset + i);
                if (b == 0) {
                    return true;
                }
                if (b >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        /** g_ascii_strtoll(s, NULL, 10) over the line's bytes after its type character. */
        private long strtoll(int offset, int length) {
            int end = Math.min(offset + Math.max(0, length), c.len);
            int i = offset;
            while (i < end && isSpace(Text.u8(c.s, c.base + i))) {
                i++;
            }
            boolean negative = false;
            if (i < end && (Text.u8(c.s, c.base + i) == '-' || Text.u8(c.s, c.base + i) == '+')) {
                negative = Text.u8(c.s, c.base + i) == '-';
                i++;
            }
            long v = 0;
            boolean overflow = false;
            for (; i < end; i++) {
                int d = Text.u8(c.s, c.base + i) - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (v > (Long.MAX_VALUE - d) / 10) {
                    overflow = true;
                } else {
                    v = v * 10 + d;
                }
            }
            if (overflow) {
                return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            return negative ? -v : v;
        }

        private static boolean isSpace(int b) {
            return b == ' ' || b >= '\t' && b <= '\r';
        }

        /** proto_item_append_text(": %s"): the label cut to what Wireshark's label buffer holds. */
        private static String appended(String name, String value) {
            String label = name + ": " + value;
            return label.length() > LABEL ? label.substring(0, LABEL) : label;
        }
    }
}

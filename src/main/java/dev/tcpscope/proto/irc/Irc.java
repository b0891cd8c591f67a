package dev.tcpscope.proto.irc;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * Internet Relay Chat as Wireshark 4.0.17 dissects it (packet-irc.c) on tcp.port 6667 and 57000,
 * each segment on its own (no reassembly: a line cut by a segment boundary is two lines). Info
 * is "Request" when the segment goes to the IRC port, else "Response", then " (COMMAND)" for
 * every line that has a command. Each non-empty line is an item holding its prefix, command,
 * parameters and trailer (RFC 2812 2.3.1), with the CTCP data between 0x01 delimiters; IRCv3
 * message tags ({@code @time=...}) are not known to 4.0 and read as the command.
 *
 * <p>Kept as 4.0 has it: the search for a CTCP block's closing delimiter starts at its opening
 * one and is bounded by the block's length less its offset in the segment, so it finds the
 * opening delimiter again, and searches the rest of the segment when that bound is negative.
 */
public final class Irc implements PduDissector, LayerTree {
    /** packet-irc.c TCP_PORT_IRC and TCP_PORT_DIRCPROXY. */
    public static final int[] TCP_PORTS = {6667, 57000};
    private static final int CTCP = 0x01;

    private int frame = -1;
    private MemorySegment s;
    private long base;
    private int len;
    private boolean request;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "irc"; }

    @Override
    public void dissect(MemorySegment seg, long off, int length, PduContext ctx) {
        frame = ctx.frame;
        s = seg;
        base = off;
        len = length;
        // pinfo->match_uint == pinfo->destport: the segment goes to the port IRC was found on
        request = isIrcPort(ctx.dstPort);
        StringBuilder info = new StringBuilder(request ? "Request" : "Response");
        int[] next = new int[1];
        int at = 0;
        while (at < len) {
            int l = Text.lineEnd(s, base + at, len - at, next, false);
            if (l > 0) {
                String command = command(at, l);
                if (command != null) {
                    info.append(" (").append(command).append(')');
                }
            }
            at += next[0];
        }
        ctx.columns.setProtocol("IRC");
        ctx.columns.setInfo(Text.infoLimit(info));
    }

    private static boolean isIrcPort(int port) {
        return port == TCP_PORTS[0] || port == TCP_PORTS[1];
    }

    /** The command of the line at {@code [at, at + l)} as the Info shows it, or null when it has none. */
    private String command(int at, int l) {
        int end = at + l;
        int offset = at;
        if (Text.u8(s, base + offset) == ':') {
            int eop = find(' ', offset + 1, l - 1);
            if (eop < 0) {
                return null;
            }
            offset = eop + 1;
        }
        offset = skipSpaces(offset, end);
        if (offset == end) {
            return null;
        }
        int eoc = find(' ', offset, end - offset);
        return Text.ascii(s, base + offset, (eoc < 0 ? end : eoc) - offset);
    }

    private int skipSpaces(int offset, int end) {
        while (offset < end && Text.u8(s, base + offset) == ' ') {
            offset++;
        }
        return offset;
    }

    /**
     * tvb_pbrk_guint8 over {@code max} bytes from {@code from} (a negative bound, as a guint past
     * the data, searches to the end of the segment); the offset found, or -1.
     */
    private int find(int c, int from, int max) {
        int limit = max < 0 || from + max > len ? len : from + max;
        for (int i = from; i < limit; i++) {
            if (Text.u8(s, base + i) == c) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean shows(long f) {
        return f == frame;
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        protocols.accept("irc");
        Tree irc = root.protocol("irc", "Internet Relay Chat").at(s, base, len);
        int[] next = new int[1];
        int at = 0;
        while (at < len) {
            int l = Text.lineEnd(s, base + at, len - at, next, false);
            if (l > 0) {
                line(irc, at, l);
            }
            at += next[0];
        }
        return End.OK;
    }

    /** dissect_irc_request / dissect_irc_response: one line's items. */
    private void line(Tree irc, int at, int l) {
        String kind = request ? "request" : "response";
        Tree item = string(irc, "irc." + kind, request ? "Request" : "Response", at, l);
        int end = at + l;
        int offset = at;
        if (Text.u8(s, base + offset) == ':') {
            int eop = find(' ', offset + 1, l - 1);
            if (eop < 0) {
                item.expert("irc.prefix_missing_ending_space", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "Prefix missing ending <space>");
                return;
            }
            string(item, "irc." + kind + ".prefix", "Prefix", offset + 1, eop - offset - 1);
            offset = eop + 1;
        }
        offset = skipSpaces(offset, end);
        if (offset == end) {
            item.expert("irc." + kind + ".command.missing", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                    request ? "Request has no command" : "Response has no command");
            return;
        }
        int eoc = find(' ', offset, end - offset);
        int commandEnd = eoc < 0 ? end : eoc;
        string(item, "irc." + kind + ".command", "Command", offset, commandEnd - offset);
        String command = Text.ascii(s, base + offset, commandEnd - offset);
        if (commandEnd - offset == 3 && digit(offset) && digit(offset + 1) && digit(offset + 2)) {
            if (request) {
                item.expert("irc.request.command.numeric", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                        "Numeric command not allowed in request");
            } else {
                int n = (Text.u8(s, base + offset) - '0') * 100 + (Text.u8(s, base + offset + 1) - '0') * 10
                        + Text.u8(s, base + offset + 2) - '0';
                item.field("irc.response.num_command", "Command: " + n, Integer.toString(n)).hide().at(s, base + offset, 3);
            }
        }
        if (eoc < 0) {
            return;
        }
        offset = skipSpaces(eoc + 1, end);
        if (offset == end) {
            return;
        }
        if (Text.u8(s, base + offset) == ':') {
            trailer(item, kind, offset, end, command);
            return;
        }
        parameters(item, kind, offset, end, command);
    }

    /*
     * line is cut in two (parameters): each label's string concatenation is a call site that C1
     * inlines whole, and the method in one piece took 12 MB to compile with C1, past the
     * launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The command's parameters from {@code offset}, a trailer and CTCP tags among them. */
    private void parameters(Tree item, String kind, int offset, int end, String command) {
        Tree parameters = null;
        while (offset < end) {
            int eocp = find(' ', offset, end - offset);
            int tagStart = find(CTCP, offset, end - offset);
            if (parameters == null) {
                parameters = item.text("Command parameters").at(s, base + offset, end - offset);
            }
            if (tagStart < 0 || eocp < tagStart) {
                if (eocp < 0) {
                    string(parameters, "irc." + kind + ".command_parameter", "Parameter", offset, end - offset);
                    return;
                }
                string(parameters, "irc." + kind + ".command_parameter", "Parameter", offset, eocp - offset);
                offset = skipSpaces(eocp + 1, end);
                if (offset == end) {
                    break;
                }
                if (Text.u8(s, base + offset) == ':') {
                    trailer(item, kind, offset, end, command);
                    return;
                }
            } else {
                int tagEnd = find(CTCP, tagStart + 1, end - tagStart - 1);
                if (tagEnd < 0) {
                    missingDelimiter(item);
                    return;
                }
                ctcp(item, item, tagStart, tagEnd - tagStart, command);
                offset = tagEnd + 1;
            }
        }
    }

    private void trailer(Tree item, String kind, int offset, int end, String command) {
        string(item, "irc." + kind + ".trailer", "Trailer", offset + 1, end - offset - 1);
        ctcp(item, item, offset + 1, end - offset - 1, command);
    }

    /** dissect_irc_tag_data: the CTCP data of {@code [offset, offset + length)}, if it has a 0x01. */
    private void ctcp(Tree tree, Tree item, int offset, int length, String command) {
        if (find(CTCP, offset, length) < 0) {
            return;
        }
        if (find(CTCP, offset, length - offset) < 0) {
            missingDelimiter(item);
            return;
        }
        if (!command.equals("NOTICE") && !command.equals("PRIVMSG")) {
            item.expert("irc.tag_data_invalid", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                    "Tag data outside of NOTICE or PRIVMSG command");
        }
        // "strip out delimiter": a length of -1 (one byte of data) runs to the end of the segment
        int n = length - 2 == -1 ? len - offset - 1 : length - 2;
        string(tree, "irc.ctcp", "CTCP Data", offset + 1, Math.max(0, n));
    }

    private static void missingDelimiter(Tree item) {
        item.expert("irc.missing_end_delimiter", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                "Missing ending tag delimiter (0x01)");
    }

    private boolean digit(int offset) {
        int c = Text.u8(s, base + offset);
        return c >= '0' && c <= '9';
    }

    /** An ENC_ASCII string item, with proto.c's warning when bytes follow a NUL in it. */
    private Tree string(Tree parent, String key, String name, int offset, int n) {
        Tree item = parent.string(key, name, Text.ascii(s, base + offset, n)).at(s, base + offset, n);
        if (Text.trailingStray(s, base + offset, n)) {
            item.expert("_ws.string.trailing_stray_characters", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                    "Trailing stray characters");
        }
        return item;
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "IRC"; }
}

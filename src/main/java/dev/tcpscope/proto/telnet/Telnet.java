package dev.tcpscope.proto.telnet;

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
 * Telnet (RFC 854, 855) as Wireshark 4.0.17 dissects it (packet-telnet.c), each segment on its
 * own (no desegmentation): Protocol "TELNET", Info "Telnet Data ..." for every segment. The tree
 * splits the bytes at each IAC that is not doubled: the text before it a line at a time
 * ({@code Data: ...}, a lone CR not ending a line unless CR NUL or CR LF follows), then the
 * command, a subtree named after it ("Will Suppress Go Ahead", "Suboption End") holding the
 * command byte and, for WILL/WON'T/DO/DON'T/SB, the option; a suboption runs to the next single
 * IAC, its length checked against the option's (an expert item when wrong) and its parameters
 * shown by the option's dissector ({@link Suboptions}) or as option data.
 *
 * <p>Reads past the captured bytes stop the dissection as Wireshark's exceptions do, in the tree
 * and in the Info alike; 4.0's quirks are kept: a doubled IAC at the end of the bytes is read one
 * byte past the IAC (a lone IAC ending a segment is malformed), and a suboption's search for its
 * end compares the IAC's offset in the segment with the length left after the option byte.
 * Not done: the TN3270/TN5250 data streams a terminal type announces, the Kerberos blobs of
 * authentication, TLS after START_TLS (their bytes stay Telnet data or option data), and the
 * "Unpacked Telnet Option" data source of a suboption with a doubled IAC (docs/TEXTPROTO.md).
 */
public final class Telnet implements PduDissector, LayerTree {
    /** packet-telnet.c TCP_PORT_TELNET. */
    public static final int PORT = 23;
    public static final int[] TCP_PORTS = {PORT};

    static final int IAC = 255, DONT = 254, DO = 253, WONT = 252, WILL = 251, SB = 250;

    /** The last frame dissected, and its bytes. */
    private int frame = -1;
    private MemorySegment s;
    private long base;
    private int cap, rep;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "telnet"; }

    @Override
    public Object newSession() { return null; }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        this.frame = ctx.frame;
        this.s = s;
        this.base = off;
        this.cap = len;
        // a cut segment: reads past its bytes are "short" (its reported length is not handed over)
        this.rep = ctx.truncated ? Integer.MAX_VALUE : len;
        ctx.columns.setProtocol("TELNET");
        StringBuilder info = new StringBuilder("Telnet Data ...");
        try {
            walk(null);
        } catch (Stop stop) {
            info.append(stop.end == End.MALFORMED ? "[Malformed Packet]" : "[Packet size limited during capture]");
        }
        ctx.columns.setInfo(info);
    }

    /** A read past the bytes: Wireshark's ReportedBoundsError (malformed) or BoundsError (cut short). */
    static final class Stop extends RuntimeException {
        final End end;

        Stop(End end) {
            super(null, null, false, false);
            this.end = end;
        }
    }

    /** Checks that {@code n} bytes at {@code off} are there, as a tvb read would. */
    void need(int off, int n) {
        if (off < 0 || n < 0 || off + n > cap) {
            throw new Stop(off + n > rep ? End.MALFORMED : End.SHORT);
        }
    }

    int u8(int off) {
        need(off, 1);
        return Text.u8(s, base + off);
    }

    /** tvb_find_guint8 over at most {@code max} captured bytes from {@code off}; -1 when none. */
    private int find(int off, int max, int b) {
        int end = (int) Math.min((long) off + Math.max(max, 0), cap);
        for (int i = off; i < end; i++) {
            if (Text.u8(s, base + i) == b) {
                return i;
            }
        }
        return -1;
    }

    /** dissect_telnet: the tree under {@code t}, or the reads alone when {@code t} is null. */
    private void walk(Tree t) {
        Tree r = t == null ? null : t.protocol("telnet", "Telnet").at(s, base, cap);
        int offset = 0;
        int len;
        while ((len = rep - offset) > 0) {
            int iac = unescapedIac(offset, len);
            if (iac != -1) {
                if (iac > offset) {
                    text(r, offset, iac - offset);
                }
                offset = command(r, iac);
            } else {
                text(r, offset, len);
                break;
            }
        }
    }

    /** find_unescaped_iac: the next IAC not followed by another (whose read may run past the bytes). */
    private int unescapedIac(int offset, int len) {
        int iac = offset;
        while ((iac = find(iac, len, IAC)) != -1 && u8(iac + 1) == IAC) {
            iac += 2;
            len = rep - iac;
        }
        return iac;
    }

    /**
     * telnet_add_text: {@code len} bytes of text a line at a time, each with its line end; CR
     * ends a line only with the LF or NUL that follows it (the CRs between are the line's).
     */
    private void text(Tree r, int offset, int len) {
        int[] next = new int[1];
        while (len != 0 && offset < cap) {
            // tvb_find_line_end without desegmenting, over the captured part of the len bytes
            int avail = Math.min(len, cap - offset);
            int lineLen = Text.lineEnd(s, base + offset, avail, next, false);
            int nextOffset;
            if (lineLen == avail) {
                lineLen = len; // no terminator: the line is all that was asked for
                nextOffset = offset + len;
            } else {
                nextOffset = offset + next[0];
            }
            len -= nextOffset - offset;
            if (nextOffset == offset + lineLen + 1 && len >= 1 && u8(offset + lineLen) == '\r') {
                boolean lastCr = true;
                while (len != 0 && nextOffset < cap) {
                    int c = u8(nextOffset);
                    nextOffset++;
                    len--;
                    if (c == '\n' || (c == 0 && lastCr)) {
                        break;
                    }
                    lastCr = c == '\r';
                }
            }
            int n = nextOffset - offset;
            need(offset, n);
            if (r != null) {
                string(r, "telnet.data", "Data", offset, n);
            }
            offset = nextOffset;
        }
    }

    /** An FT_STRING item of {@code n} ASCII bytes, with proto.c's expert item for bytes after a NUL. */
    Tree string(Tree parent, String key, String title, int offset, int n) {
        Tree item = parent.string(key, title, Text.ascii(s, base + offset, n)).at(s, base + offset, n);
        if (Text.trailingStray(s, base + offset, n)) {
            item.expert("_ws.string.trailing_stray_characters", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                    "Trailing stray characters");
        }
        return item;
    }

    /** telnet_command: the command at {@code start} (an IAC) and its option or suboption; returns where it ends. */
    private int command(Tree r, int start) {
        int offset = start + 1;
        int code = u8(offset);
        Tree cmd = r == null ? null : r.text("Command header").at(s, base + start, 2);
        if (cmd != null) {
            cmd.field("telnet.cmd", "Command: " + commandName(code, "Unknown") + " (" + code + ")", Integer.toString(code))
                    .at(s, base + offset, 1);
        }
        offset++;
        String type = switch (code) {
            case WILL -> "Will";
            case WONT -> "Won't";
            case DO -> "Do";
            case DONT -> "Don't";
            case SB -> "Suboption";
            default -> null;
        };
        String label;
        Tree sub = null;
        int option = -1;
        if (type != null) {
            option = u8(offset);
            String name = Options.name(option);
            if (cmd != null) {
                sub = cmd.field("telnet.subcmd", "Subcommand: " + name, Integer.toString(option)).at(s, base + offset, 1);
            }
            offset++;
            label = type + " " + name;
        } else {
            label = commandName(code, "<unknown option>");
        }
        if (cmd != null) {
            cmd.relabel(label);
        }
        if (code == SB) {
            offset = new Suboptions(this, s, base).suboption(sub, start, option);
        }
        if (cmd != null) {
            cmd.length(offset - start);
        }
        return offset;
    }

    /** cmd_vals: the command's name, or {@code unknown}. */
    private static String commandName(int code, String unknown) {
        return switch (code) {
            case 236 -> "End of File";
            case 237 -> "Suspend Current Process";
            case 238 -> "Abort Process";
            case 239 -> "End of Record";
            case 240 -> "Suboption End";
            case 241 -> "No Operation";
            case 242 -> "Data Mark";
            case 243 -> "Break";
            case 244 -> "Interrupt Process";
            case 245 -> "Abort Output";
            case 246 -> "Are You There?";
            case 247 -> "Escape Character";
            case 248 -> "Erase Line";
            case 249 -> "Go Ahead";
            case DONT -> "Don't";
            case DO -> "Do";
            case WONT -> "Won't";
            case WILL -> "Will";
            case SB -> "Suboption";
            default -> unknown;
        };
    }

    /** The segment's captured and reported lengths, for {@link Suboptions}. */
    int captured() { return cap; }

    int reported() { return rep; }

    /** tvb_find_guint8, for {@link Suboptions}. */
    int findByte(int off, int max, int b) {
        return find(off, max, b);
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
        protocols.accept("telnet");
        try {
            walk(root);
        } catch (Stop stop) {
            return stop.end;
        }
        return End.OK;
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "TELNET"; }
}

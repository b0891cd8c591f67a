package dev.tcpscope.proto.telnet;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
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
    private Tvb tvb;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "telnet"; }

    private final java.util.function.Supplier<dev.tcpscope.tcp.PduDissector> tls;
    /** The segment being dissected (null while a tree is built). */
    private PduContext ctx;

    /** {@code tls}: the dissector a connection goes to after START_TLS FOLLOWS from both sides. */
    public Telnet(java.util.function.Supplier<dev.tcpscope.tcp.PduDissector> tls) {
        this.tls = tls;
    }

    /** telnet_conv_info_t: who sent START_TLS FOLLOWS first, and where. */
    private static final class Session {
        int requestedIn;
        int port;
    }

    @Override
    public Object newSession() { return new Session(); }

    /**
     * dissect_starttls_subopt (any value, not only FOLLOWS): the first sender's frame and port; the
     * other side's answer in a later frame hands the connection to TLS after this frame.
     */
    private void startTls() {
        if (!(ctx.session instanceof Session ss)) {
            return;
        }
        if (ss.requestedIn == 0) {
            ss.requestedIn = ctx.frame;
            ss.port = ctx.srcPort;
        } else if (ss.requestedIn < ctx.frame && ss.port != ctx.srcPort) {
            ctx.handOff = tls.get();
        }
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        this.frame = ctx.frame;
        this.ctx = ctx;
        // a cut segment: reads past its bytes are "short" (its reported length is not handed over)
        this.tvb = new Tvb(s, off, len, ctx.truncated ? Integer.MAX_VALUE : len);
        ctx.columns.setProtocol("TELNET");
        StringBuilder info = new StringBuilder("Telnet Data ...");
        try {
            walk(null);
        } catch (Tvb.Stop stop) {
            info.append(stop.info());
        } finally {
            this.ctx = null;
        }
        ctx.columns.setInfo(info);
    }

    /** dissect_telnet: the tree under {@code t}, or the reads alone when {@code t} is null. */
    private void walk(Tree t) {
        Tree r = t == null ? null : tvb.at(t.protocol("telnet", "Telnet"), 0, tvb.cap);
        int offset = 0;
        int len;
        while ((len = tvb.rep - offset) > 0) {
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
        while ((iac = tvb.find(iac, len, IAC)) != -1 && tvb.u8(iac + 1) == IAC) {
            iac += 2;
            len = tvb.rep - iac;
        }
        return iac;
    }

    /**
     * telnet_add_text: {@code len} bytes of text a line at a time, each with its line end; CR
     * ends a line only with the LF or NUL that follows it (the CRs between are the line's).
     */
    private void text(Tree r, int offset, int len) {
        int[] next = new int[1];
        while (len != 0 && offset < tvb.cap) {
            // tvb_find_line_end without desegmenting, over the captured part of the len bytes
            int avail = Math.min(len, tvb.cap - offset);
            int lineLen = Text.lineEnd(tvb.s, tvb.base + offset, avail, next, false);
            int nextOffset;
            if (lineLen == avail) {
                lineLen = len; // no terminator: the line is all that was asked for
                nextOffset = offset + len;
            } else {
                nextOffset = offset + next[0];
            }
            len -= nextOffset - offset;
            if (nextOffset == offset + lineLen + 1 && len >= 1 && tvb.u8(offset + lineLen) == '\r') {
                boolean lastCr = true;
                while (len != 0 && nextOffset < tvb.cap) {
                    int c = tvb.u8(nextOffset);
                    nextOffset++;
                    len--;
                    if (c == '\n' || (c == 0 && lastCr)) {
                        break;
                    }
                    lastCr = c == '\r';
                }
            }
            int n = nextOffset - offset;
            tvb.need(offset, n);
            if (r != null) {
                tvb.string(r, "telnet.data", "Data", offset, n);
            }
            offset = nextOffset;
        }
    }

    /** telnet_command: the command at {@code start} (an IAC) and its option or suboption; returns where it ends. */
    private int command(Tree r, int start) {
        int offset = start + 1;
        int code = tvb.u8(offset);
        Tree cmd = r == null ? null : tvb.at(r.text("Command header"), start, 2);
        if (cmd != null) {
            tvb.at(cmd.field("telnet.cmd", "Command: " + commandName(code, "Unknown") + " (" + code + ")",
                    Integer.toString(code)), offset, 1);
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
            option = tvb.u8(offset);
            String name = Options.name(option);
            if (cmd != null) {
                sub = tvb.at(cmd.field("telnet.subcmd", "Subcommand: " + name, Integer.toString(option)), offset, 1);
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
            offset = new Suboptions(tvb, ctx == null ? null : this::startTls).suboption(sub, start, option);
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
        return Tvb.walk(() -> walk(root));
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "TELNET"; }
}

package dev.tcpscope.proto.rlogin;

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
 * Rlogin (RFC 1282) as Wireshark 4.0.17 dissects it (packet-rlogin.c), each segment on its own
 * (no desegmentation): Info "Start Handshake" / "Startup info received" for a segment that starts
 * with a NUL, "Control Message" for urgent data in the segment, "Terminal Info" for a window-size
 * message (two 0xff bytes), else "Data: " and the first 128 bytes as text; once the client's user
 * name was seen in a segment of its own after a lone NUL, every Info starts "User name: NAME, ".
 * The tree walks the same bytes, and the walk's reads past the captured bytes end the dissection
 * as Wireshark's exceptions do ("[Malformed Packet]" after the Info), whether or not a tree is built.
 * Kept as in 4.0: the window-size item and its cookie are read where the data before it starts.
 */
public final class Rlogin implements PduDissector, LayerTree {
    /** packet-rlogin.c RLOGIN_PORT. */
    public static final int PORT = 513;
    public static final int[] TCP_PORTS = {PORT};
    private static final int NAME_LEN = 32;

    /** rlogin_hash_entry_t: per connection. */
    static final class Session {
        int state; // 0 NONE, 1 USER_INFO_WAIT, 2 DONE
        int infoFrame;
        String userName = "";
    }

    /** The last frame dissected. */
    private int frame = -1;
    private Tvb tvb;
    private int srcPort, dstPort, urgent;
    private boolean infoFrame;
    private End end = End.OK;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "rlogin"; }

    @Override
    public Object newSession() { return new Session(); }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        Session ss = (Session) ctx.session;
        int reported = ctx.truncated ? Integer.MAX_VALUE : len; // a cut segment: reads past its bytes are "short"
        StringBuilder info = new StringBuilder(160);
        if (!ss.userName.isEmpty()) {
            info.append("User name: ").append(ss.userName).append(", ");
        }
        if (reported != 0) {
            if (len > 0 && Text.u8(s, off) == 0) {
                info.append(ctx.dstPort == PORT ? "Start Handshake" : "Startup info received");
            } else if (ctx.urgentPointer >= 0 && len >= ctx.urgentPointer) {
                info.append("Control Message");
            } else if (windowMarker(s, off, len, 0) >= 0) {
                info.append("Terminal Info");
            } else {
                info.append("Data: ").append(Text.format(s, off, Math.min(len, 128)));
            }
        }
        // rlogin_state_machine, on the first pass
        if (ctx.dstPort == PORT && ss.state != 2 && len > 0) {
            if (ss.state == 0) {
                if (Text.u8(s, off) != 0) {
                    ss.state = 2;
                } else if (len <= 1) {
                    ss.state = 1;
                } else {
                    ss.state = 2;
                    ss.infoFrame = ctx.frame;
                }
            } else {
                ss.state = 2;
                ss.infoFrame = ctx.frame;
                int n = 0;
                while (n < Math.min(len, NAME_LEN - 1) && Text.u8(s, off + n) != 0) {
                    n++;
                }
                ss.userName = Text.ascii(s, off, n);
                info.append(", (User information)");
            }
        }
        this.frame = ctx.frame;
        this.tvb = new Tvb(s, off, len, reported);
        this.srcPort = ctx.srcPort;
        this.dstPort = ctx.dstPort;
        this.urgent = ctx.urgentPointer;
        this.infoFrame = ss.infoFrame == ctx.frame;
        this.end = End.OK;
        try {
            display(null, info);
        } catch (Tvb.Stop stop) {
            end = stop.end();
            info.append(stop.info());
        }
        ctx.columns.setProtocol("Rlogin");
        ctx.columns.setInfo(Text.infoLimit(info));
    }

    /** Where two 0xff bytes start at or after {@code from} in the captured bytes, or -1 (the first 0xff decides). */
    private static int windowMarker(MemorySegment s, long off, int len, int from) {
        for (int i = from; i < len; i++) {
            if (Text.u8(s, off + i) == 0xff) {
                return i + 1 < len && Text.u8(s, off + i + 1) == 0xff ? i : -1;
            }
        }
        return -1;
    }

    /** tvb_strsize: the bytes up to and including the NUL at or after {@code off}. */
    private int strsize(int off) {
        tvb.need(off, 1);
        int nul = tvb.find(off, tvb.cap - off, 0);
        if (nul < 0) {
            throw tvb.cap < tvb.rep ? Tvb.Stop.SHORT : Tvb.Stop.MALFORMED;
        }
        return nul - off + 1;
    }

    /** rlogin_display: the tree under {@code t} (null: the reads only), and Info additions. */
    private void display(Tree t, StringBuilder info) {
        MemorySegment s = tvb.s;
        long base = tvb.base;
        int cap = tvb.cap;
        Tree r = t == null ? null : t.protocol("rlogin", "Rlogin Protocol").at(s, base, cap);
        if (cap == 0) {
            return;
        }
        int offset = 0;
        if (urgent >= 0 && cap >= urgent) {
            int at = urgent - 1;
            int u = at < 0 ? cap + at : at; // a negative offset counts from the end
            if (at > offset && r != null) {
                r.string("rlogin.data", "Data", Text.ascii(s, base, at)).at(s, base, at);
            }
            tvb.need(u, 1);
            int control = Text.u8(s, base + u);
            String name = switch (control) {
                case 0x02 -> "Clear buffer";
                case 0x10 -> "Raw mode";
                case 0x20 -> "Cooked mode";
                case 0x80 -> "Window size request";
                default -> null;
            };
            if (r != null) {
                String hex = String.format("0x%02x", control);
                r.field("rlogin.control_message", "Control message: " + (name != null ? name : "Unknown") + " (" + hex + ")",
                        hex).at(s, base + u, 1);
            }
            if (info != null) {
                info.append(" (").append(name != null ? name : "Unknown").append(')');
            }
            offset = at + 1;
        } else if (Text.u8(s, base) == 0) {
            if (r != null) {
                boolean server = srcPort == PORT;
                r.field(server ? "rlogin.startup_info_received_flag" : "rlogin.client_startup_flag",
                        (server ? "Startup info received flag" : "Client startup flag") + ": 0x00", "0x00").at(s, base, 1);
            }
            offset++;
        }
        if (offset >= cap) {
            return;
        }
        if (infoFrame) {
            int infoLen = cap - offset;
            Tree u = r == null ? null
                    : r.line("rlogin.user_info", "User info (" + Text.latin1(s, base + offset, infoLen) + ")",
                            "[ Null ]").at(s, base + offset, infoLen); // added with a null string, which -T fields shows so
            int n = strsize(offset);
            if (u != null) {
                u.string("rlogin.client_user_name", "Client-user-name", Text.ascii(s, base + offset, n)).at(s, base + offset, n);
            }
            offset += n;
            n = strsize(offset);
            if (u != null) {
                u.string("rlogin.server_user_name", "Server-user-name", Text.ascii(s, base + offset, n)).at(s, base + offset, n);
            }
            offset += n;
            int slash = -1;
            for (int i = offset; i < cap; i++) {
                if (Text.u8(s, base + i) == '/') {
                    slash = i;
                    break;
                }
            }
            if (slash >= 0) {
                if (u != null) {
                    u.string("rlogin.terminal_type", "Terminal-type", Text.ascii(s, base + offset, slash - offset))
                            .at(s, base + offset, slash - offset);
                }
                offset = slash + 1;
                n = strsize(offset);
                String speed = Text.ascii(s, base + offset, n);
                long value = speed.matches("[0-9]{1,10}") && Long.parseLong(speed) <= 0xffffffffL ? Long.parseLong(speed) : -1;
                if (u != null) {
                    Tree item = u.field("rlogin.terminal_speed", "Terminal-speed: " + Math.max(0, value),
                            Long.toString(Math.max(0, value))).at(s, base + offset, n);
                    if (value < 0) {
                        item.expert("rlogin.terminal_speed.invalid", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                                "Terminal length must be a string containing an integer");
                    }
                }
                offset += n;
            }
        }
        if (offset >= cap) {
            return;
        }
        int marker = windowMarker(s, base, cap, offset);
        if (marker >= 0) {
            if (marker > offset && r != null) {
                r.string("rlogin.data", "Data", Text.ascii(s, base + offset, marker - offset)).at(s, base + offset, marker - offset);
            }
            // the item and its fields are read from where the data started, as 4.0 adds them, each
            // added until a read runs past the bytes
            // an FT_NONE item past the end of the bytes is cut at their end (proto.c get_hfi_length)
            Tree w = r == null ? null : r.none("rlogin.window_size", "Window Info").at(s, base + offset, Math.min(12, cap - offset));
            int cookie = tvb.u16(offset);
            if (w != null) {
                w.field("rlogin.magic_cookie", String.format("Magic Cookie: 0x%04x", cookie), String.format("0x%04x", cookie))
                        .at(s, base + offset, 2);
            }
            tvb.need(offset + 2, 2);
            if (w != null) {
                w.string("rlogin.window_size.ss", "Window size marker", Text.ascii(s, base + offset + 2, 2)).at(s, base + offset + 2, 2);
            }
            int rows = tvb.u16(offset + 4);
            if (w != null) {
                w.field("rlogin.window_size.rows", "Rows: " + rows, Integer.toString(rows)).at(s, base + offset + 4, 2);
            }
            int cols = tvb.u16(offset + 6);
            if (w != null) {
                w.field("rlogin.window_size.cols", "Columns: " + cols, Integer.toString(cols)).at(s, base + offset + 6, 2);
            }
            int x = tvb.u16(offset + 8);
            if (w != null) {
                w.field("rlogin.window_size.x_pixels", "X Pixels: " + x, Integer.toString(x)).at(s, base + offset + 8, 2);
            }
            int y = tvb.u16(offset + 10);
            if (w != null) {
                w.field("rlogin.window_size.y_pixels", "Y Pixels: " + y, Integer.toString(y)).at(s, base + offset + 10, 2);
            }
            offset += 12;
            if (info != null) {
                info.append(" (rows=").append(rows).append(", cols=").append(cols).append(')');
            }
        }
        if (offset < cap && r != null) {
            r.string("rlogin.data", "Data", Text.ascii(s, base + offset, cap - offset)).at(s, base + offset, cap - offset);
        }
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
        protocols.accept("rlogin");
        return Tvb.walk(() -> display(root, null));
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "Rlogin"; }
}

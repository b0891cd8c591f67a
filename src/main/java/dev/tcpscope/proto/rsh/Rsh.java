package dev.tcpscope.proto.rsh;

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
 * The BSD remote shell as Wireshark 4.0.17 dissects it on TCP port 514 (packet-rsh.c), each
 * segment on its own. A connection starts with NUL-terminated strings from the client: the stderr
 * port (digits, or empty), the client user name and the server user name (printable, up to 15
 * characters), the command (printable, up to 255); a segment that does not end with a NUL, or a
 * string that does not fit where one is expected, makes the connection data from then on, shown
 * as "Client -> Server data" or "Server -> Client Data" by the direction of port 514. Until then
 * Info is "Session Establishment"; once the server user name was seen, every Info starts "Server
 * username:NAME " (the dissector's default preferences show that name and not the others).
 *
 * <p>Kept as 4.0 has it: after a server user name the state moves to the command even when the
 * name did not fit, and a command that fits leaves the state on the command, so the next segment
 * ending with a NUL is read as a command again (the server's lone NUL is then data).
 */
public final class Rsh implements PduDissector, LayerTree {
    /** packet-rsh.c RSH_PORT. */
    public static final int PORT = 514;
    public static final int[] TCP_PORTS = {PORT};
    private static final int STDERR_PORT_LEN = 5, USERNAME_LEN = 16, COMMAND_LEN = 256;
    private static final int STDERR_PORT = 1, CLIENT_USERNAME = 2, SERVER_USERNAME = 3, COMMAND = 4, DATA = 5;

    /** rsh_hash_entry_t: per connection (both directions). */
    static final class Session {
        int state = STDERR_PORT;
        String serverUsername;
    }

    /** What the last frame showed: its strings, each as offset and size (with the NUL), and its data. */
    private int frame = -1;
    private MemorySegment s;
    private long base;
    private int len;
    private final int[] at = new int[4], size = new int[4];
    private boolean data, toServer;
    private final Items.Fields fields = new Items.Fields();

    @Override
    public String name() { return "rsh"; }

    @Override
    public Object newSession() { return new Session(); }

    @Override
    public void dissect(MemorySegment seg, long off, int length, PduContext ctx) {
        Session ss = (Session) ctx.session;
        frame = ctx.frame;
        s = seg;
        base = off;
        len = length;
        java.util.Arrays.fill(size, 0);
        data = false;
        toServer = ctx.dstPort == PORT;
        StringBuilder info = new StringBuilder(64);
        if (ss.serverUsername != null) {
            info.append("Server username:").append(ss.serverUsername).append(' ');
        }
        if (len == 0 || Text.u8(s, base + len - 1) != 0) {
            ss.state = DATA; // not ending with a NUL: session data only
        }
        int offset = 0;
        if (ss.state == STDERR_PORT && offset < len) {
            int n = stringz(offset);
            String v = Text.ascii(s, base + offset, n);
            if (n == 1 || v.chars().allMatch(c -> c >= '0' && c <= '9') && n <= STDERR_PORT_LEN) {
                keep(0, offset, n);
                ss.state = CLIENT_USERNAME;
            } else {
                ss.state = DATA;
            }
            offset += n;
        }
        if (ss.state == CLIENT_USERNAME && offset < len) {
            int n = stringz(offset);
            if (n != 1 && n <= USERNAME_LEN && printable(offset, n)) {
                keep(1, offset, n);
                ss.state = SERVER_USERNAME;
            } else {
                ss.state = DATA;
            }
            offset += n;
        }
        if (ss.state == SERVER_USERNAME && offset < len) {
            int n = stringz(offset);
            if (n != 1 && n <= USERNAME_LEN && printable(offset, n)) {
                keep(2, offset, n);
                if (ss.serverUsername == null) {
                    ss.serverUsername = Text.ascii(s, base + offset, n);
                }
            }
            offset += n;
            ss.state = COMMAND; // whether or not the name fitted, as packet-rsh.c has it
        }
        if (ss.state == COMMAND && offset < len) {
            int n = stringz(offset);
            if (n != 1 && n <= COMMAND_LEN && printable(offset, n)) {
                keep(3, offset, n);
            } else {
                ss.state = DATA;
            }
        }
        if (ss.state == DATA && offset < len) {
            data = true;
            info.append(toServer ? "Client -> Server data" : "Server -> Client Data");
        }
        ctx.columns.setProtocol("RSH");
        ctx.columns.setInfo(ss.state < DATA ? "Session Establishment" : Text.infoLimit(info));
    }

    /** The size of the NUL-terminated string at {@code offset}, its NUL included (the segment ends with one). */
    private int stringz(int offset) {
        int i = offset;
        while (Text.u8(s, base + i) != 0) {
            i++;
        }
        return i - offset + 1;
    }

    /** isprint_string over the string's ENC_ASCII characters (a byte above 0x7f is none). */
    private boolean printable(int offset, int n) {
        for (int i = 0; i < n - 1; i++) {
            int c = Text.u8(s, base + offset + i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private void keep(int which, int offset, int n) {
        at[which] = offset;
        size[which] = n;
    }

    @Override
    public boolean shows(long f) {
        return f == frame;
    }

    private static final String[] KEYS = {"rsh.stderr_port", "rsh.client_username", "rsh.server_username", "rsh.command"};
    private static final String[] NAMES = {"Stderr port (optional)", "Client username", "Server username", "Command to execute"};

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        protocols.accept("rsh");
        Tree r = root.protocol("rsh", "Remote Shell").at(s, base, len);
        for (int k = 0; k < 4; k++) {
            if (size[k] > 0) {
                r.string(KEYS[k], NAMES[k], Text.ascii(s, base + at[k], size[k])).at(s, base + at[k], size[k]);
            }
        }
        if (data) {
            r.bytes(toServer ? "rsh.client_server_data" : "rsh.server_client_data",
                    toServer ? "Client -> Server Data" : "Server -> Client Data", s, base, len).at(s, base, len);
        }
        return End.OK;
    }

    Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "RSH"; }
}

package dev.tcpscope.proto.ftp;

import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * FTP-DATA as Wireshark 4.0.17 dissects it (packet-ftp.c {@code dissect_ftpdata}): each segment
 * of a data connection is {@code FTP Data: N bytes}, followed, when the control connection
 * announced the connection ({@link Ftp}), by the setup method and the command it carries:
 * {@code FTP Data: 342 bytes (PASV) (LIST)}. On tcp.port 20 without an announcement only the
 * byte count shows.
 */
public final class FtpData implements PduDissector, LayerTree, dev.tcpscope.proto.TwoPass {
    /** packet-ftp.c TCP_PORT_FTPDATA. */
    public static final int[] TCP_PORTS = {20};

    /** A data connection as its control connection announced it (ftp_data_conversation_t). */
    public static final class Conv {
        final int setupFrame;
        final String method;
        final String cwd;
        String command;
        int commandFrame;
        /**
         * What a first pass saw of the connection, for tshark -2's summary in the command frame:
         * the announcement's frame once a data segment was seen (0 before), data segments and
         * their bytes, the first and the last one's frame and time (epoch nanoseconds).
         */
        int dataSetupFrame;
        int frames;
        long bytes;
        int firstFrame;
        long firstTime;
        int lastFrame;
        long lastTime;

        Conv(int setupFrame, String method, String cwd) {
            this.setupFrame = setupFrame;
            this.method = method;
            this.cwd = cwd;
        }
    }

    /** Finds the announcement for a connection's ports (the table's conversations), or null. */
    public interface Announced {
        Object of(int srcPort, int dstPort);
    }

    private final Announced announced;
    private int frame = -1;
    private MemorySegment s;
    private long base;
    private int len;
    private Conv conv;
    private int firstFrame;
    private final Items.Fields fields = new Items.Fields();

    public FtpData(Announced announced) {
        this.announced = announced;
    }

    /** tshark -2's second pass: the connections' counts are the first pass's ({@link Ftp#secondPassOf}). */
    private boolean secondPass;

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass first) {
        secondPass = true;
    }

    /** Per connection: the announcement it was found by (null: by tcp.port 20 alone). */
    static final class Session {
        boolean looked;
        Conv conv;
        /** The connection's first frame tcpscope saw carry data (Wireshark: the TCP conversation's first frame). */
        int firstFrame;
    }

    @Override
    public String name() { return "ftp-data"; }

    @Override
    public Object newSession() { return new Session(); }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        Session ss = (Session) ctx.session;
        if (!ss.looked) {
            ss.looked = true;
            ss.conv = announced.of(ctx.srcPort, ctx.dstPort) instanceof Conv c ? c : null;
            ss.firstFrame = ctx.frame;
        }
        StringBuilder info = new StringBuilder(48).append("FTP Data: ").append(len).append(" bytes");
        Conv c = ss.conv;
        if (c != null && !secondPass) {
            // packet-ftp.c counts on the first pass only
            if (c.firstFrame == 0) {
                c.firstFrame = ctx.frame;
                c.firstTime = ctx.time;
            }
            if (ctx.frame > c.lastFrame) {
                c.lastFrame = ctx.frame;
                c.lastTime = ctx.time;
            }
            c.frames++;
            c.bytes += len; // tvb_reported_length, as the Info's count
            c.dataSetupFrame = c.setupFrame;
        }
        if (c != null) {
            info.append(" (").append(c.method).append(')');
            if (c.command != null) {
                info.append(" (").append(c.command).append(')');
            }
        }
        ctx.columns.setProtocol("FTP-DATA");
        ctx.columns.setInfo(Text.infoLimit(info));
        this.frame = ctx.frame;
        this.s = s;
        this.base = off;
        this.len = len;
        this.conv = c;
        this.firstFrame = ss.firstFrame;
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
        protocols.accept("ftp-data");
        root.protocol("ftp-data", "FTP Data (" + len + " bytes data)").at(s, base, len);
        // packet-ftp.c adds these at its buffer's offset 0 with no length (PDML's pos)
        int setup = conv != null ? conv.setupFrame : firstFrame;
        root.field("ftp-data.setup-frame", "Setup frame: " + setup, Integer.toString(setup)).generated().at(s, base, 0);
        if (conv != null) {
            root.string("ftp-data.setup-method", "Setup method", conv.method).generated().at(s, base, 0);
            if (conv.command != null) {
                root.string("ftp-data.command", "Command", conv.command).generated().at(s, base, 0);
                root.field("ftp-data.command-frame", "Command frame: " + conv.commandFrame, Integer.toString(conv.commandFrame))
                        .at(s, base, 0);
            }
            root.string("ftp-data.current-working-directory", "Current working directory", conv.cwd).generated().at(s, base, 0);
        }
        boolean text = true;
        for (int i = 0; i < Math.min(20, len); i++) {
            int ch = Text.u8(s, base + i);
            if (ch != '\r' && ch != '\n' && (ch < 0x20 || ch > 0x7e)) {
                text = false;
                break;
            }
        }
        if (text && len > 0) {
            protocols.accept("data-text-lines"); // call_dissector(data_text_lines_handle): a line per item
            dev.tcpscope.proto.text.TextLines.DISSECTOR.tree(root, null, s, base, len, protocols);
        }
        return End.OK;
    }

    Collected fields(long frame) {
        return fields.of(this, frame);
    }

    @Override
    public String protocolName() { return "FTP-DATA"; }
}

package dev.tcpscope.proto.ftp;

import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.Collected;
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
 * FTP's control connection as Wireshark 4.0.17 dissects it (packet-ftp.c {@code dissect_ftp}):
 * each segment on its own (no reassembly), Info {@code Request: <first line>} or
 * {@code Response: <first line>}, the request's command and argument or the reply's code and
 * argument, the addresses of PORT, PASV, EPRT and EPSV, and the working directory that CWD, CDUP
 * and PWD answers establish. A PORT/EPRT request or a PASV/EPSV answer announces the data
 * connection: {@link FtpData} is expected on its port ({@link Expect}), with the setup method and
 * the next command for its Info ({@code FTP Data: 342 bytes (PASV) (LIST)}).
 *
 * <p>State per conversation: the working directory, the user name's presence, the last command
 * and the data connection being set up. Per frame only the current frame's calls are kept.
 */
public final class Ftp implements PduDissector, LayerTree, dev.tcpscope.proto.TwoPass {
    /** packet-ftp.c TCP_PORT_FTP. */
    public static final int[] TCP_PORTS = {21};

    /** Where announced data connections are registered (the dissector table's conversations). */
    public interface Expect {
        /**
         * From now on a connection with port {@code port} goes to {@code d}, with {@code data} for
         * it; {@code conversationNow}: its conversation is made at once (a PASV or EPSV answer),
         * before the connection's first segment.
         */
        void expect(int port, PduDissector d, Object data, boolean conversationNow);
    }

    private final IntFunction<PduDissector> byPort;
    private final Expect expect;
    private final FtpData ftpData;
    private final List<Call> calls = new ArrayList<>(2);
    private int callsFrame = -1;
    private final Items.Fields fields = new Items.Fields();

    private final java.util.function.Supplier<PduDissector> tls;

    /** {@code tls}: the dissector a control connection goes to after AUTH TLS is accepted. */
    public Ftp(IntFunction<PduDissector> byPort, Expect expect, FtpData ftpData,
               java.util.function.Supplier<PduDissector> tls) {
        this.byPort = byPort;
        this.expect = expect;
        this.ftpData = ftpData;
        this.tls = tls;
    }

    /** One control connection (packet-ftp.c ftp_conversation_t). */
    static final class Session {
        int matchPort = -1;
        String cwd = "";
        String lastCommand;
        /** An exact "AUTH TLS" request awaits its 234 (stays set through other answers, as in packet-ftp.c). */
        boolean tlsRequested;
        /** The data connection announced last, until a command names what it carries. */
        FtpData.Conv current;
    }

    /**
     * One call in the current frame: the bytes, the direction, and what the tree shows; in tshark
     * -2's second pass, the data connection whose command or announcement this frame is.
     */
    /**
     * One call's bytes and what its tree needs; {@code source} is the packet's source address
     * ({@code pinfo->src}: 4 or 16 bytes, or null), which a PASV answer is compared with and an
     * EPSV answer names.
     */
    record Call(MemorySegment s, long base, int len, boolean request, String cwd, int frame, FtpData.Conv data,
                byte[] source) { }

    // ---- two passes (tshark -2) ------------------------------------------------------------

    /**
     * packet-ftp.c's ftp_command_to_data_hash: each data connection under the frame of the command
     * it carries and of its announcement. The first pass fills it, the second reads it (and adds
     * to it, as packet-ftp.c does: the first request of a control connection in the second pass
     * takes a connection the first pass announced last and no command claimed).
     */
    private java.util.Map<Integer, FtpData.Conv> byFrame;
    /** The first pass's data connections by announcement frame, which the second pass reuses. */
    private java.util.Map<Integer, FtpData.Conv> announced;
    /** Each control connection's last announced data connection at the end of the first pass. */
    private final dev.tcpscope.proto.PassRecord<FtpData.Conv> lastAnnounced = new dev.tcpscope.proto.PassRecord<>();
    private boolean secondPass;

    @Override
    public void recordForSecondPass() {
        byFrame = new java.util.HashMap<>();
        announced = new java.util.HashMap<>();
        lastAnnounced.start();
    }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass other) {
        Ftp first = (Ftp) other;
        byFrame = first.byFrame == null ? new java.util.HashMap<>() : first.byFrame;
        announced = first.announced == null ? new java.util.HashMap<>() : first.announced;
        lastAnnounced.takeOver(first.lastAnnounced);
        secondPass = true;
        first.byFrame = null;
        first.announced = null;
    }

    @Override
    public String name() { return "ftp"; }

    @Override
    public Object newSession() { return new Session(); }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        Session ss = (Session) ctx.session;
        if (ss.matchPort < 0) {
            ss.matchPort = Items.matchPort(byPort, this, ctx.srcPort, ctx.dstPort);
            if (secondPass) {
                ss.current = lastAnnounced.get(ctx.stream); // the conversation as the first pass left it
            }
        }
        boolean request = ctx.dstPort == ss.matchPort;
        if (ctx.frame != callsFrame) {
            calls.clear();
            callsFrame = ctx.frame;
        }
        int[] next = new int[1];
        int linelen = Text.lineEnd(s, off, len, next, false);
        ctx.columns.setProtocol("FTP");
        ctx.columns.setInfo(Text.infoLimit((request ? "Request: " : "Response: ") + Text.format(s, off, linelen)));
        if (request) {
            String line = Text.latin1(s, off, linelen);
            ss.lastCommand = line;
            if (line.equals("AUTH TLS")) {
                ss.tlsRequested = true;
            }
            if (ss.current != null && ss.current.command == null) {
                ss.current.command = line;
                ss.current.commandFrame = ctx.frame;
                if (byFrame != null) {
                    byFrame.put(ctx.frame, ss.current);
                    byFrame.put(ss.current.setupFrame, ss.current);
                }
            }
        } else if (linelen >= 3 && digit(s, off) && digit(s, off + 1) && digit(s, off + 2)) {
            int code = (Text.u8(s, off) - '0') * 100 + (Text.u8(s, off + 1) - '0') * 10 + (Text.u8(s, off + 2) - '0');
            if (code == 234 && ss.tlsRequested) {
                ctx.handOff = tls.get(); // RFC 4217: TLS from the next frame on (ssl_starttls_ack)
                ss.tlsRequested = false;
            }
            if (code == 250 && ss.lastCommand != null) {
                if (ss.lastCommand.startsWith("CWD ")) {
                    ss.cwd = FtpLines.cwd(ss.cwd, ss.lastCommand.substring(4));
                } else if (ss.lastCommand.startsWith("CDUP")) {
                    ss.cwd = FtpLines.cwd(ss.cwd, "..");
                }
            } else if (code == 257 && linelen >= 4) {
                String pwd = FtpLines.pwd(Text.latin1(s, off + 4, linelen - 4));
                if (pwd != null) {
                    ss.cwd = pwd;
                }
            }
        }
        FtpLines.Announce a = FtpLines.announce(s, off, linelen, request, ctx.dstPort);
        if (a != null) {
            // the second pass finds the first pass's connection (its counts, its command)
            FtpData.Conv conv = secondPass ? announced.get(ctx.frame) : null;
            if (conv == null) {
                conv = new FtpData.Conv(ctx.frame, a.method(), ss.cwd);
                if (announced != null && !secondPass) {
                    announced.put(ctx.frame, conv);
                }
            }
            ss.current = conv;
            expect.expect(a.port(), ftpData, conv, a.method().equals("PASV") || a.method().equals("EPASV"));
        }
        lastAnnounced.put(ctx.stream, ss.current);
        byte[] source = null;
        if (a != null && ctx.sourceAddressLength > 0) {
            source = new byte[ctx.sourceAddressLength];
            MemorySegment.copy(ctx.sourceAddressSegment, java.lang.foreign.ValueLayout.JAVA_BYTE, ctx.sourceAddressOffset,
                    source, 0, source.length);
        }
        calls.add(new Call(s, off, len, request, ss.cwd, ctx.frame, secondPass ? byFrame.get(ctx.frame) : null, source));
    }

    static boolean digit(MemorySegment s, long off) {
        int c = Text.u8(s, off);
        return c >= '0' && c <= '9';
    }

    /** get_token_len: the first token's length (up to a space, CR or LF). */
    static int tokenLen(MemorySegment s, long off, int linelen) {
        int i = 0;
        while (i < linelen && Text.u8(s, off + i) != ' ' && Text.u8(s, off + i) != '\r' && Text.u8(s, off + i) != '\n') {
            i++;
        }
        return i;
    }

    @Override
    public boolean shows(long frame) {
        return frame == callsFrame && !calls.isEmpty();
    }

    @Override
    public End tree(long frame, Tree root, Consumer<String> protocols) {
        if (!shows(frame)) {
            return End.OK;
        }
        for (Call c : calls) {
            protocols.accept("ftp");
            FtpLines.tree(c, root);
        }
        return End.OK;
    }

    Collected fields(long frame) {
        return fields.of(this, frame);
    }

    @Override
    public String protocolName() { return "FTP"; }

    /** packet-ftp.c response_table. */
    static String describe(int code) {
        return switch (code) {
            case 110 -> "Restart marker reply";
            case 120 -> "Service ready in nnn minutes";
            case 125 -> "Data connection already open; transfer starting";
            case 150 -> "File status okay; about to open data connection";
            case 200 -> "Command okay";
            case 202 -> "Command not implemented, superfluous at this site";
            case 211 -> "System status, or system help reply";
            case 212 -> "Directory status";
            case 213 -> "File status";
            case 214 -> "Help message";
            case 215 -> "NAME system type";
            case 220 -> "Service ready for new user";
            case 221 -> "Service closing control connection";
            case 225 -> "Data connection open; no transfer in progress";
            case 226 -> "Closing data connection";
            case 227 -> "Entering Passive Mode";
            case 229 -> "Entering Extended Passive Mode";
            case 230 -> "User logged in, proceed";
            case 232 -> "User logged in, authorized by security data exchange";
            case 234 -> "Security data exchange complete";
            case 235 -> "Security data exchange completed successfully";
            case 250 -> "Requested file action okay, completed";
            case 257 -> "PATHNAME created";
            case 331 -> "User name okay, need password";
            case 332 -> "Need account for login";
            case 334 -> "Requested security mechanism is ok";
            case 335 -> "Security data is acceptable, more is required";
            case 336 -> "Username okay, need password. Challenge is ...";
            case 350 -> "Requested file action pending further information";
            case 421 -> "Service not available, closing control connection";
            case 425 -> "Can't open data connection";
            case 426 -> "Connection closed; transfer aborted";
            case 431 -> "Need some unavailable resource to process security";
            case 450 -> "Requested file action not taken";
            case 451 -> "Requested action aborted: local error in processing";
            case 452 -> "Requested action not taken. Insufficient storage space in system";
            case 500 -> "Syntax error, command unrecognized";
            case 501 -> "Syntax error in parameters or arguments";
            case 502 -> "Command not implemented";
            case 503 -> "Bad sequence of commands";
            case 504 -> "Command not implemented for that parameter";
            case 522 -> "Network protocol not supported";
            case 530 -> "Not logged in";
            case 532 -> "Need account for storing files";
            case 533 -> "Command protection level denied for policy reasons";
            case 534 -> "Request denied for policy reasons";
            case 535 -> "Failed security check (hash, sequence, etc)";
            case 536 -> "Requested PROT level not supported by mechanism";
            case 537 -> "Command protection level not supported by security mechanism";
            case 550 -> "Requested action not taken: File unavailable";
            case 551 -> "Requested action aborted: page type unknown";
            case 552 -> "Requested file action aborted: Exceeded storage allocation";
            case 553 -> "Requested action not taken: File name not allowed";
            case 631 -> "Integrity protected reply";
            case 632 -> "Confidentiality and integrity protected reply";
            case 633 -> "Confidentiality protected reply";
            default -> "Unknown";
        };
    }
}

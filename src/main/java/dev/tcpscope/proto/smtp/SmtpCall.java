package dev.tcpscope.proto.smtp;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

import static dev.tcpscope.proto.smtp.SmtpSession.*;

/**
 * One call of the SMTP dissector (packet-smtp.c {@code dissect_smtp}): first the state machine
 * over the lines of a request (DATA, BDAT, AUTH, STARTTLS, the end of the message), then the
 * columns and, given a tree, the items. Run live (updating the conversation, adding the message's
 * fragments) and replayed from a copy of the state for the detail tree.
 */
final class SmtpCall {
    /** A message reassembled at its end: its bytes and its fragments' frames and lengths. */
    record Reassembled(byte[] data, int length, int[] frames, int[] lengths, int count, boolean overflow) {
        int fragments() { return count; }

        /** The message's bytes: {@link #data} itself, the "Reassembled SMTP" source IMF's items are placed in. */
        byte[] bytes() { return data; }
    }

    private final SmtpSession live;
    private final SmtpSession before;
    private final boolean request;
    private final MemorySegment s;
    private final long base;
    private final int len;
    private final int frame;
    private final boolean canDesegment;
    private final Tree root;
    private SmtpSession ss;

    String protocol = "SMTP";
    StringBuilder info = new StringBuilder(64);
    boolean touched;
    int desegmentOffset, desegmentLength;
    /** The message this call completed, or null; whether it went to IMF (then -x shows it). */
    Reassembled message;
    boolean imf;
    /** The IMF body base64 decoded for its media dissector (the "base64" data source), or null. */
    byte[] base64;
    /** A 220 answered STARTTLS: the conversation is TLS's after this frame (ssl_starttls_ack). */
    boolean startTls;
    /** tshark -2: the frame that completed the message this call's DATA fragment belongs to, or 0. */
    int reassembledIn;

    SmtpCall(SmtpSession live, SmtpSession before, boolean request, MemorySegment s, long base, int len, int frame,
             boolean canDesegment, Tree root) {
        this.live = live;
        this.before = before;
        this.request = request;
        this.s = s;
        this.base = base;
        this.len = len;
        this.frame = frame;
        this.canDesegment = canDesegment;
        this.root = root;
    }

    void run() {
        ss = live;
        dissect(null, null);
    }

    /** Runs again from the state this call started with, adding the items under {@code root}. */
    void replay(Tree root, Consumer<String> protocols) {
        SmtpCall r = new SmtpCall(null, before, request, s, base, len, frame, canDesegment, root);
        r.ss = before.copy();
        r.message = message;
        r.base64 = base64; // the decoded body the data source holds, so that the items point into it
        r.reassembledIn = reassembledIn;
        r.dissect(root, protocols);
    }

    private boolean replaying() { return live == null; }

    private int u8(int off) { return Text.u8(s, base + off); }

    /** Records that {@code t} covers {@code [off, off + n)} of the call's bytes; returns it. */
    private Tree at(Tree t, int off, int n) { return t == null ? null : t.at(s, base + off, n); }

    private boolean startsWith(int off, String p) { return Text.startsWith(s, base + off, len - off, p); }

    private boolean startsWithIgnoreCase(int off, int n, String p) { return Text.startsWithIgnoreCase(s, base + off, n, p); }

    private String format(int off, int n) { return Text.format(s, base + off, n); }

    private String ascii(int off, int n) { return Text.ascii(s, base + off, n); }

    private void dissect(Tree rootTree, Consumer<String> protocols) {
        int offset = 0;
        int loffset = 0;
        int linelen = 0;
        boolean eom = false;
        int[] next = new int[1];
        boolean haveSpd = request && ss.spdFrame == frame;
        if (!haveSpd) {
            if (request) {
                ss.spdFrame = frame;
                ss.pduType = PDU_CMD;
                ss.moreFrags = true;
            }
            while (loffset < len) {
                linelen = Text.lineEnd(s, base + loffset, len - loffset, next, canDesegment);
                int nextOffset;
                if (linelen == -1) {
                    if (offset == loffset) {
                        desegmentOffset = loffset;
                        desegmentLength = PduDissector.ONE_MORE_SEGMENT;
                        return;
                    }
                    linelen = len - loffset;
                    nextOffset = loffset + linelen;
                } else {
                    nextOffset = loffset + next[0];
                }
                if (ss.state == STATE_READING_DATA) {
                    if (ss.crlfSeen && startsWith(loffset, ".\r\n") || startsWith(loffset, "\r\n.\r\n")) {
                        eom = true;
                    }
                    ss.crlfSeen = len >= 2 && u8(len - 2) == '\r' && u8(len - 1) == '\n';
                }
                if (request) {
                    if (ss.state == STATE_READING_DATA) {
                        if (eom) {
                            ss.pduType = PDU_EOM;
                            ss.state = STATE_READING_CMDS;
                            break;
                        }
                        ss.pduType = PDU_MESSAGE;
                        if (ss.msgTotLen > 0) {
                            ss.msgReadLen = (ss.msgReadLen + len - loffset) & 0xffffffffL;
                            nextOffset = len;
                            if (ss.msgReadLen == ss.msgTotLen) {
                                ss.state = STATE_READING_CMDS;
                                if (ss.msgLast) {
                                    ss.moreFrags = false;
                                }
                                break;
                            }
                        }
                    } else {
                        command(loffset, linelen);
                    }
                }
                loffset = nextOffset;
            }
        }

        touched = true;
        protocol = "SMTP";
        info.setLength(0);
        // proto_tree_add_item(tree, proto_smtp, tvb, offset, -1): all the bytes of the call
        Tree smtp = rootTree == null ? null : rootTree.protocol("smtp", "Simple Mail Transfer Protocol").at(s, base, len);
        if (request) {
            Reassembled done = null;
            switch (ss.pduType) {
                case PDU_MESSAGE -> {
                    int n = len - offset;
                    info.append("C: DATA fragment, ").append(n).append(n == 1 ? " byte" : " bytes");
                    Reassembled whole = addFragment(offset, n, ss.moreFrags);
                    if (smtp != null && n > 0) {
                        // call_dissector(data_text_lines_handle): the fragment a line at a time
                        if (protocols != null) {
                            protocols.accept("data-text-lines");
                        }
                        dev.tcpscope.proto.text.TextLines.DISSECTOR.tree(smtp, null, s, base, n,
                                protocols != null ? protocols : p -> { });
                    }
                    // The lines' dissector ran in between, so process_reassembled_data finds another
                    // layer than the one that completed the message: it only says where it was
                    // reassembled, and IMF does not run.
                    if (whole != null && smtp != null) {
                        smtp.field("smtp.data.reassembled.in", "Reassembled DATA in frame: " + frame,
                                Integer.toString(frame)).generated();
                    } else if (reassembledIn != 0 && smtp != null) {
                        // tshark -2: where the first pass completed the message
                        smtp.field("smtp.data.reassembled.in", "Reassembled DATA in frame: " + reassembledIn,
                                Integer.toString(reassembledIn)).generated();
                    }
                }
                case PDU_EOM -> {
                    info.setLength(0);
                    info.append("C: .");
                    if (smtp != null) {
                        // at the call's offset (0), with the length of the line that ended the message
                        smtp.none("smtp.eom", "C: .").at(s, base + offset, linelen);
                    }
                    if (loffset > 0) {
                        addFragment(0, loffset, true);
                    }
                    done = endMessage();
                }
                case PDU_CMD -> done = commands(smtp, offset);
                default -> { }
            }
            if (done != null) {
                if (smtp != null) {
                    fragmentTree(smtp, done);
                }
                if (!done.overflow()) {
                    if (protocols != null) {
                        protocols.accept("imf");
                    }
                    StringBuilder column = new StringBuilder("SMTP/IMF");
                    imf = true;
                    base64 = Imf.dissect(MemorySegment.ofArray(done.data()), done.length(), rootTree, info, column, protocols, base64);
                    protocol = column.toString();
                }
            }
        } else {
            responses(smtp, offset);
        }
    }

    /** The state machine's handling of one command line (the first loop of dissect_smtp). */
    private void command(int loffset, int linelen) {
        int cmdlen = 0;
        while (cmdlen < linelen && u8(loffset + cmdlen) != ' ') {
            cmdlen++;
        }
        if (isCommand(loffset, cmdlen)) {
            if (startsWithIgnoreCase(loffset, linelen, "DATA")) {
                ss.pduType = PDU_CMD;
                ss.state = STATE_READING_DATA;
                ss.dataSeen = true;
            } else if (startsWithIgnoreCase(loffset, linelen, "BDAT")) {
                // A bare "BDAT" has strtoul read past the line's end (into bytes that are no part
                // of it); tshark then waits for data, as a count that is not zero does here.
                long msgLen = linelen < 5 ? 0xffffffffL : strtoul(loffset + 5, linelen - 5);
                ss.pduType = PDU_CMD;
                ss.dataSeen = true;
                ss.msgTotLen = (ss.msgTotLen + msgLen) & 0xffffffffL; // guint32
                ss.state = msgLen == 0 ? STATE_READING_CMDS : STATE_READING_DATA;
                if (linelen >= 4 && startsWithIgnoreCase(loffset + linelen - 4, 4, "LAST")) {
                    ss.msgLast = true;
                    if (msgLen == 0) {
                        ss.moreFrags = false;
                    }
                } else {
                    ss.msgLast = false;
                }
            } else if (startsWithIgnoreCase(loffset, linelen, "AUTH LOGIN")) {
                ss.pduType = PDU_CMD;
                ss.state = STATE_READING_CMDS;
                ss.firstAuthFrame = frame;
                if (linelen <= 11) {
                    ss.auth = AUTH_START;
                } else {
                    ss.auth = AUTH_USERNAME_RSP;
                    ss.usernameCmdFrame = frame;
                }
            } else if (startsWithIgnoreCase(loffset, linelen, "AUTH PLAIN")) {
                ss.pduType = PDU_CMD;
                ss.state = STATE_READING_CMDS;
                ss.firstAuthFrame = frame;
                if (linelen <= 11) {
                    ss.auth = AUTH_PLAIN_START_REQ;
                } else {
                    ss.auth = AUTH_PLAIN_CRED_REQ;
                    ss.userPassCmdFrame = frame;
                }
            } else if (startsWithIgnoreCase(loffset, linelen, "AUTH NTLM") && linelen > 10) {
                ss.pduType = PDU_CMD;
                ss.state = STATE_READING_CMDS;
                ss.auth = AUTH_NTLM_REQ;
                ss.ntlmReqFrame = frame;
            } else if (startsWithIgnoreCase(loffset, linelen, "STARTTLS")) {
                ss.state = STATE_AWAITING_STARTTLS;
                ss.pduType = PDU_CMD;
            } else {
                ss.pduType = PDU_CMD;
            }
        } else if (ss.auth == AUTH_USERNAME_REQ) {
            ss.auth = AUTH_USERNAME_RSP;
            ss.usernameFrame = frame;
        } else if (ss.auth == AUTH_PASSWORD_REQ) {
            ss.auth = AUTH_PASSWORD_RSP;
            ss.passwordFrame = frame;
        } else if (ss.auth == AUTH_PLAIN_REQ) {
            ss.auth = AUTH_PLAIN_RSP;
            ss.userPassFrame = frame;
        } else if (ss.auth == AUTH_NTLM_CHALLENGE) {
            ss.auth = AUTH_NTLM_RSP;
            ss.ntlmRspFrame = frame;
        } else {
            ss.pduType = ss.dataSeen || ss.state == STATE_START ? PDU_MESSAGE : PDU_CMD;
        }
    }

    /** line_is_smtp_command: four letters, or one of the longer extension commands. */
    private boolean isCommand(int off, int n) {
        if (n == 4) {
            boolean alpha = true;
            for (int i = 0; i < 4; i++) {
                int c = u8(off + i);
                alpha &= c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
            }
            if (alpha) {
                return true;
            }
        }
        for (String c : new String[] {"STARTTLS", "X-EXPS", "X-LINK2STATE", "XEXCH50"}) {
            if (n == c.length() && startsWithIgnoreCase(off, n, c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code (guint32) strtoul(line + 5, NULL, 10)}: leading white space, a sign, digits (a
     * negative number wraps, an overflow gives ULONG_MAX), cut to 32 bits; 0 when no digits.
     */
    private long strtoul(int off, int n) {
        int i = 0;
        while (i < n && (u8(off + i) == ' ' || u8(off + i) >= 9 && u8(off + i) <= 13)) {
            i++;
        }
        boolean negative = false;
        if (i < n && (u8(off + i) == '-' || u8(off + i) == '+')) {
            negative = u8(off + i) == '-';
            i++;
        }
        long v = 0;
        boolean overflow = false;
        while (i < n && u8(off + i) >= '0' && u8(off + i) <= '9') {
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
                overflow = true;
            }
            v = v * 10 + (u8(off + i) - '0');
            i++;
        }
        if (overflow) {
            return 0xffffffffL;
        }
        return (negative ? -v : v) & 0xffffffffL;
    }

    // ---- the message's fragments ---------------------------------------------------------------

    private Reassembled addFragment(int off, int n, boolean more) {
        if (!replaying()) {
            if (live.message == null) {
                live.message = new MailFragments();
            }
            live.message.add(frame, s, base + off, n);
            if (!more) {
                return endMessage();
            }
            return null;
        }
        return more ? null : message;
    }

    private Reassembled endMessage() {
        if (replaying()) {
            return message;
        }
        MailFragments m = live.message;
        live.message = null;
        if (m == null || m.count == 0) {
            return null;
        }
        // the message's array at its length: it is the "Reassembled SMTP" source, IMF's items point into it
        byte[] data = m.data.length == m.length ? m.data : java.util.Arrays.copyOf(m.data, m.length);
        message = new Reassembled(data, m.length, m.frames, m.lengths, m.count, m.overflow);
        return message;
    }

    /** packet-smtp.c's smtp_data_frag_items. */
    private static final dev.tcpscope.proto.Fragments.Names FRAGMENTS = new dev.tcpscope.proto.Fragments.Names(
            "smtp.data.fragments", "smtp.data.fragment", "smtp.data.fragment.count", "smtp.data.reassembled.length", null,
            "DATA fragment", "DATA fragments", "DATA fragment count", "Reassembled DATA length", null);

    /** show_fragment_seq_tree over the reassembled message: the list over all of it, each fragment over its bytes. */
    private static void fragmentTree(Tree smtp, Reassembled m) {
        dev.tcpscope.proto.Fragments.tree(smtp, FRAGMENTS, m.frames(), m.lengths(), m.count(), MemorySegment.ofArray(m.data()), m.length());
    }

    // ---- commands ------------------------------------------------------------------------------

    private Reassembled commands(Tree smtp, int offset) {
        int loffset = offset;
        int[] next = new int[1];
        Reassembled done = null;
        while (loffset < len) {
            int linelen = Text.lineEnd(s, base + loffset, len - loffset, next, false);
            int nextOffset = loffset + next[0];
            info.append(loffset == offset ? "C: " : " | ");
            if (smtp != null) {
                smtp.hidden("smtp.req", "1");
            }
            if (ss.usernameFrame == frame) {
                String v = ascii(loffset, linelen);
                if (ss.username == null) {
                    ss.username = v;
                }
                if (smtp != null) {
                    at(smtp.string("smtp.auth.username", "Username", v), loffset, linelen);
                }
                info.append("User: ").append(format(loffset, linelen));
            } else if (ss.passwordFrame == frame) {
                if (smtp != null) {
                    at(smtp.string("smtp.auth.password", "Password", ascii(loffset, linelen)), loffset, linelen);
                }
                info.append("Pass: ").append(format(loffset, linelen));
            } else if (ss.ntlmRspFrame == frame) {
                info.append(format(loffset, linelen));
                if (smtp != null) {
                    at(smtp.string("smtp.command_line", "Command Line", ascii(loffset, linelen)), loffset, linelen);
                }
            } else if (ss.userPassFrame == frame) {
                plainAuth(smtp, loffset, linelen);
            } else {
                int cmdlen = Math.min(linelen, 4);
                Tree line = smtp == null ? null
                        : at(smtp.string("smtp.command_line", "Command Line", ascii(loffset, next[0])), loffset, next[0]);
                if (line != null) {
                    at(line.string("smtp.req.command", "Command", ascii(loffset, cmdlen)), loffset, cmdlen);
                }
                if (linelen > 5 && line != null) {
                    at(line.string("smtp.req.parameter", "Request parameter", ascii(loffset + 5, linelen - 5)), loffset + 5, linelen - 5);
                }
                if (linelen > 5 && ss.usernameCmdFrame == frame) {
                    if (linelen >= 11) {
                        if (line != null) {
                            at(line.string("smtp.auth.username", "Username", ascii(loffset + 11, linelen - 11)), loffset + 11, linelen - 11);
                        }
                        info.append(format(loffset, 11)).append("User: ").append(format(loffset + 11, linelen - 11));
                    }
                } else if (linelen > 5 && ss.ntlmReqFrame == frame) {
                    if (linelen >= 10) {
                        info.append(format(loffset, 10)).append(format(loffset + 10, linelen - 10));
                    }
                } else if (linelen > 5 && ss.userPassCmdFrame == frame) {
                    info.append(format(loffset, 11));
                    plainAuth(line, loffset + 11, linelen - 11);
                } else {
                    info.append(format(loffset, linelen));
                }
                if (!ss.moreFrags) {
                    done = endMessage();
                }
            }
            loffset = nextOffset;
        }
        return done;
    }

    /** decode_plain_auth with base64 decoding off (the default): the raw parameter and an expert. */
    private void plainAuth(Tree tree, int off, int n) {
        if (tree != null) {
            at(tree.string("smtp.auth.username_password", "Username/Password", ascii(off, n)), off, n)
                    .expert("smtp.base64_decode", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                            "base64 decode failed or is not enabled (check SMTP preferences)");
        }
        info.append(format(off, n));
    }

    // ---- responses -----------------------------------------------------------------------------

    private static final int ML_NONE = 0, ML_START = 1, ML_CONTINUE = 2, ML_END = 3;

    private void responses(Tree smtp, int offset) {
        if (smtp != null) {
            smtp.hidden("smtp.rsp", "1");
        }
        int loffset = offset;
        int ml = ML_NONE;
        int mlCode = 0;
        Tree codeItem = null;
        Tree rsp = null;
        int[] next = new int[1];
        while (offset < len) {
            int linelen = Text.lineEnd(s, base + offset, len - offset, next, false);
            int nextOffset = offset + next[0];
            info.append(loffset == offset ? "S: " : " | ");
            if (linelen >= 3 && digit(offset) && digit(offset + 1) && digit(offset + 2)) {
                int code = (u8(offset) - '0') * 100 + (u8(offset + 1) - '0') * 10 + (u8(offset + 2) - '0');
                if (linelen > 3 && u8(offset + 3) == '-') {
                    if (ml == ML_NONE) {
                        ml = ML_START;
                        mlCode = code;
                    } else {
                        ml = ML_CONTINUE;
                    }
                } else if (ml == ML_START || ml == ML_CONTINUE) {
                    ml = ML_END;
                }
                if (ss.state == STATE_AWAITING_STARTTLS) {
                    // a 220 hands the conversation to TLS from the next frame (ssl_starttls_ack);
                    // any other answer leaves it SMTP
                    startTls |= code == 220;
                    ss.state = STATE_READING_CMDS;
                }
                authResponse(code);
                if (ml != ML_CONTINUE && ml != ML_END) {
                    if (smtp != null) {
                        rsp = at(smtp.string("smtp.response", "Response", ascii(offset, next[0])), offset, next[0]);
                        codeItem = at(rsp.field("smtp.response.code", "Response code: " + describe(code) + " (" + code + ")",
                                Integer.toString(code)), offset, 3);
                    }
                } else if (mlCode != code && codeItem != null) {
                    codeItem.expert("smtp.response.code.unexpected", Tree.Severity.WARNING, Tree.Group.RESPONSE_CODE,
                            "Unexpected response code " + code + " in multiline response. Expected " + mlCode);
                }
                if (linelen >= 4) {
                    if (rsp != null) {
                        at(rsp.string("smtp.rsp.parameter", "Response parameter", ascii(offset + 4, linelen - 4)), offset + 4, linelen - 4);
                    }
                    if (ml != ML_CONTINUE && ml != ML_END) {
                        info.append(format(offset, linelen));
                    } else {
                        info.append(format(offset + 4, linelen - 4));
                    }
                } else {
                    info.append(format(offset, linelen));
                }
                if (ml == ML_END) {
                    ml = ML_NONE;
                }
            }
            offset = nextOffset;
        }
    }

    private boolean digit(int off) {
        int c = u8(off);
        return c >= '0' && c <= '9';
    }

    private void authResponse(int code) {
        if (code == 334) {
            switch (ss.auth) {
                case AUTH_START -> ss.auth = AUTH_USERNAME_REQ;
                case AUTH_USERNAME_RSP -> ss.auth = AUTH_PASSWORD_REQ;
                case AUTH_PLAIN_REQ -> ss.auth = AUTH_PLAIN_RSP;
                case AUTH_PLAIN_START_REQ -> ss.auth = AUTH_PLAIN_REQ;
                case AUTH_NTLM_REQ -> ss.auth = AUTH_NTLM_CHALLENGE;
                default -> { }
            }
        } else if (ss.auth == AUTH_PASSWORD_RSP || ss.auth == AUTH_PLAIN_RSP || ss.auth == AUTH_NTLM_RSP
                || ss.auth == AUTH_PLAIN_CRED_REQ) {
            ss.auth = code == 235 ? AUTH_SUCCESS : AUTH_FAILED;
            ss.lastAuthFrame = frame;
        }
    }

    /** packet-smtp.c response_codes_vs. */
    static String describe(int code) {
        return switch (code) {
            case 211 -> "System status, or system help reply";
            case 214 -> "Help message";
            case 220 -> "<domain> Service ready";
            case 221 -> "<domain> Service closing transmission channel";
            case 235 -> "Authentication successful";
            case 250 -> "Requested mail action okay, completed";
            case 251 -> "User not local; will forward to <forward-path>";
            case 252 -> "Cannot VRFY user, but will accept message and attempt delivery";
            case 334 -> "AUTH input";
            case 354 -> "Start mail input; end with <CRLF>.<CRLF>";
            case 421 -> "<domain> Service not available, closing transmission channel";
            case 432 -> "A password transition is needed";
            case 450 -> "Requested mail action not taken: mailbox unavailable";
            case 451 -> "Requested action aborted: local error in processing";
            case 452 -> "Requested action not taken: insufficient system storage";
            case 454 -> "Temporary authentication failed";
            case 500 -> "Syntax error, command unrecognized";
            case 501 -> "Syntax error in parameters or arguments";
            case 502 -> "Command not implemented";
            case 503 -> "Bad sequence of commands";
            case 504 -> "Command parameter not implemented";
            case 530 -> "Authentication required";
            case 534 -> "Authentication mechanism is too weak";
            case 535 -> "Authentication credentials invalid";
            case 538 -> "Encryption required for requested authentication mechanism";
            case 550 -> "Requested action not taken: mailbox unavailable";
            case 551 -> "User not local; please try <forward-path>";
            case 552 -> "Requested mail action aborted: exceeded storage allocation";
            case 553 -> "Requested action not taken: mailbox name not allowed";
            case 554 -> "Transaction failed";
            default -> "Unknown";  // val_to_str: "Unknown (N)"
        };
    }
}

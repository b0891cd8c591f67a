package dev.tcpscope.proto.imap;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.PassRecord;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.TwoPass;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * IMAP as Wireshark 4.0.17 dissects it (packet-imap.c {@code dissect_imap}) on tcp.port 143
 * (993 is TLS's, which names IMAP as its application): the bytes of a segment line by line, a
 * line without its end asking TCP for the next segment. A line starting with '*' is an untagged
 * line, shown as it is; one whose first three words hold a prefix of "FETCH" waits for its '('
 * and, when it announces a literal ({@code {N}}), for the N bytes and a ')' after them, which go
 * to IMF. Any other line is tagged: its tag, command (after a UID) or status and the word after
 * it as items, the folder of SELECT, EXAMINE, CREATE, DELETE, RENAME, (UN)SUBSCRIBE, STATUS,
 * APPEND, SEARCH and COPY, the user name and password of LOGIN, and the pairing of a response
 * with the last request of its tag ({@code imap.response_to}, {@code imap.time}; with {@code -2}
 * also {@code imap.response_in}). The first tagged line is the Info column ({@code Request: ...},
 * {@code Response: ...}), the first line when all are untagged. After "OK" answers STARTTLS the
 * conversation is TLS's; the first two payloads of a conversation whose first five bytes are not
 * printable go to TLS at once (imap.ssl_heuristic, on by default).
 *
 * <p>State per conversation: the STARTTLS and heuristic flags and, per tag, the requests (the
 * newest only, unless a first pass of two records them all for the second). Per frame only the
 * calls of the current frame are kept, with what their pairing found, and replayed for the tree.
 */
public final class Imap implements PduDissector, LayerTree, TwoPass {
    /** packet-imap.c TCP_PORT_IMAP. */
    public static final int[] TCP_PORTS = {143};
    private static final int HEUR_LEN = 5;
    private static final int LOOKAHEAD = 3;

    private final IntFunction<PduDissector> byPort;
    private final Supplier<PduDissector> tls;
    private final Items.Fields fields = new Items.Fields();

    /** {@code tls}: the dissector a conversation goes to after STARTTLS or the heuristic. */
    public Imap(IntFunction<PduDissector> byPort, Supplier<PduDissector> tls) {
        this.byPort = byPort;
        this.tls = tls;
    }

    /** imap_request_info_t. */
    static final class Request {
        final int reqNum;
        int repNum;
        final long reqTime;

        Request(int reqNum, long reqTime) {
            this.reqNum = reqNum;
            this.reqTime = reqTime;
        }
    }

    /** imap_state_t, the conversation's requests by lower-case tag, and what TLS took over. */
    static final class Session {
        int matchPort = -1;
        boolean started;
        boolean sslRequested;
        int heurTriesLeft = 2;
        /** session->last_nontls_frame of TLS: TLS takes the frames after it (0: not switched). */
        int lastNonTls;
        /** In the second pass, the first's {@link #lastNonTls}: tshark's conversation dissector was TLS from the start. */
        int firstLastNonTls;
        /** The second pass reads the first's requests and adds none (pinfo->fd->visited). */
        boolean visited;
        /** Per tag the requests by frame (the newest only in one pass). */
        Map<String, TreeMap<Integer, Request>> requests = new HashMap<>();
    }

    /** What one call of the dissector showed, for the tree: its bytes and what its live run found. */
    static final class Call {
        final MemorySegment s;
        final long base;
        final int len;
        final boolean request;
        final long time;
        /** The TLS dissector rejected what the heuristic gave it: the bytes are data. */
        boolean data;
        /** The heuristic gave the bytes to TLS, which took them: IMAP shows only its name in frame.protocols. */
        boolean layerOnly;
        /** Per tagged line, in order: the pairing found (null: none). */
        final List<long[]> pairs = new ArrayList<>(2);
        /** Per IMF message, in order: its body base64 decoded (or null). */
        final List<byte[]> decoded = new ArrayList<>(1);
        End end = End.OK;

        Call(MemorySegment s, long base, int len, boolean request, long time) {
            this.s = s;
            this.base = base;
            this.len = len;
            this.request = request;
            this.time = time;
        }
    }

    private final List<Call> calls = new ArrayList<>(2);
    private int callsFrame = -1;
    private final PassRecord<Session> sessions = new PassRecord<>();

    @Override
    public void recordForSecondPass() {
        sessions.start();
    }

    @Override
    public void secondPassOf(TwoPass first) {
        sessions.takeOver(((Imap) first).sessions);
    }

    @Override
    public String name() { return "imap"; }

    @Override
    public Object newSession() { return new Session(); }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        Session ss = (Session) ctx.session;
        if (!ss.started) {
            ss.started = true;
            sessions.put(ctx.stream, ss);
            Session first = sessions.take(ctx.stream);
            if (first != null) {
                // tshark's second pass starts from the conversation's state at the end of the first
                ss.sslRequested = first.sslRequested;
                ss.heurTriesLeft = first.heurTriesLeft;
                ss.requests = first.requests;
                ss.firstLastNonTls = first.lastNonTls;
                ss.visited = true;
            }
        }
        if (ss.matchPort < 0) {
            ss.matchPort = Items.matchPort(byPort, this, ctx.srcPort, ctx.dstPort);
        }
        if (ctx.frame != callsFrame) {
            calls.clear();
            callsFrame = ctx.frame;
        }
        if (ss.firstLastNonTls != 0 && ctx.frame > ss.firstLastNonTls) {
            // second pass: the conversation was TLS's from the first pass on; TLS tries first
            if (toTls(s, off, len, ctx, ss)) {
                return;
            }
        } else if (ss.lastNonTls != 0 && ctx.frame > ss.lastNonTls) {
            // a second call in the frame the heuristic gave to TLS
            if (toTls(s, off, len, ctx, ss)) {
                return;
            }
        } else if (ss.heurTriesLeft > 0) {
            ss.heurTriesLeft--;
            if (!plaintext(s, off, len)) {
                // ssl_starttls_post_ack, then the TLS dissector over these bytes
                if (ss.lastNonTls == 0) {
                    ss.lastNonTls = ctx.frame - 1;
                }
                ss.heurTriesLeft = 0;
                Call c = new Call(s, off, len, false, ctx.time);
                if (!toTls(s, off, len, ctx, ss)) {
                    c.data = true; // call_dissector's fallback when TLS rejects the bytes
                } else {
                    c.layerOnly = true; // IMAP called TLS: its name stays in frame.protocols
                }
                calls.add(c);
                return;
            }
        }
        boolean request = ctx.dstPort == ss.matchPort;
        Call c = new Call(s, off, len, request, ctx.time);
        Walk w = new Walk(c, ss, ctx.frame, null, null);
        w.live = true;
        w.run();
        ctx.columns.setProtocol(w.protocol);
        if (w.infoSet) {
            ctx.columns.setInfo(Text.infoLimit(w.info));
        }
        if (c.end != End.OK) {
            ctx.columns.appendInfo("[Malformed Packet]");
            ctx.exception = true;
        }
        if (w.desegmentLength != 0) {
            ctx.desegmentOffset = w.desegmentOffset;
            ctx.desegmentLength = w.desegmentLength;
        }
        boolean partOfPdu = w.desegmentLength != 0 && (ctx.reassembled ? ctx.laterReassembly : w.desegmentOffset == 0);
        if (w.item && !(sessions.secondPass() && partOfPdu)) {
            // (tshark's second pass calls IMAP for a PDU only in the frame of its last reassembly)
            calls.add(c);
        }
        if (w.startTls && ss.firstLastNonTls == 0 && ss.lastNonTls == 0) {
            ss.lastNonTls = ctx.frame; // ssl_starttls_ack: this is the last frame in clear
            ctx.handOff = tls.get();
        } else if (ss.firstLastNonTls != 0 && ctx.frame == ss.firstLastNonTls) {
            ctx.handOff = tls.get(); // second pass: the first one's switch, in the same frame
        }
    }

    /**
     * Gives the bytes to TLS for this frame and the conversation to it from now on; false when
     * TLS rejects them (four printable bytes first), ctx then as it was.
     */
    private boolean toTls(MemorySegment s, long off, int len, PduContext ctx, Session ss) {
        PduDissector t = tls.get();
        Object mine = ctx.session;
        Object session = t.newSession(name());
        ctx.session = session;
        ctx.declined = false;
        t.dissect(s, off, len, ctx);
        ctx.session = mine;
        if (ctx.declined) {
            ctx.declined = false;
            ctx.desegmentOffset = 0;
            ctx.desegmentLength = 0;
            if (ss.firstLastNonTls == 0) {
                ctx.handOff = t;
                ctx.handOffSession = session;
            }
            return false;
        }
        ctx.handOff = t;
        ctx.handOffSession = session;
        return true;
    }

    /** check_imap_heur: fewer than five bytes, or five printable ones. */
    private static boolean plaintext(MemorySegment s, long off, int len) {
        if (len < HEUR_LEN) {
            return true;
        }
        for (int i = 0; i < HEUR_LEN; i++) {
            int c = Text.u8(s, off + i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** An exception of the walk (a ReportedBoundsError): "[Malformed Packet]". */
    private static final class Malformed extends RuntimeException {
        Malformed() {
            super(null, null, false, false);
        }
    }

    /**
     * One run of dissect_imap over a call's bytes: live (columns, conversation state, pairing
     * found and noted) or replayed for the tree (the pairing as the live run found it).
     */
    private final class Walk {
        final Call c;
        final MemorySegment s;
        final long base;
        final int cap;
        final boolean request;
        final Session ss;
        final int frame;
        final Tree root;
        final Consumer<String> protocols;
        boolean live;
        boolean item;
        boolean startTls;
        int desegmentOffset, desegmentLength;
        String protocol = "IMAP";
        StringBuilder protocolImf;
        final StringBuilder info = new StringBuilder(64);
        boolean infoSet;
        final int[] infoFence = {0};
        int pairAt, imfAt;
        Tree imapTree;

        Walk(Call c, Session ss, int frame, Tree root, Consumer<String> protocols) {
            this.c = c;
            this.s = c.s;
            this.base = c.base;
            this.cap = c.len;
            this.request = c.request;
            this.ss = ss;
            this.frame = frame;
            this.root = root;
            this.protocols = protocols;
        }

        int u8(int off) { return Text.u8(s, base + off); }

        Tree at(Tree t, int off, int len) { return t == null ? null : t.at(s, base + off, len); }

        void run() {
            try {
                walk();
            } catch (Malformed m) {
                c.end = End.MALFORMED;
            }
        }

        private void walk() {
            int[] next = new int[1];
            int linelen = Text.lineEnd(s, base, cap, next, true);
            if (linelen == -1) {
                desegment(0);
                return;
            }
            item = true;
            if (root != null) {
                protocols.accept("imap");
                imapTree = root.protocol("imap", "Internet Message Access Protocol").at(s, base, cap);
                imapTree.field("imap.isrequest", request ? "Request: True" : "Request: False", request ? "1" : "0")
                        .hide().at(s, base, 0);
            }
            boolean firstLine = true;
            // request_key.tag: set by a line with a first word, kept by the lines after it that have none
            String tagKey = null;
            int offset = 0;
            while (offset < cap) {
                linelen = Text.lineEnd(s, base + offset, cap - offset, next, true);
                if (linelen == -1) {
                    desegment(offset);
                    return;
                }
                int[] nextOffset = {offset + next[0]};
                if (u8(offset) == '*') {
                    boolean showLine = true;
                    int[] starts = new int[LOOKAHEAD];
                    int[] ends = new int[LOOKAHEAD];
                    int count = 0;
                    int nextPattern = offset;
                    do {
                        int start = nextPattern + 1;
                        nextPattern = pbrk(start, nextOffset[0] - start, true);
                        if (nextPattern > start) {
                            starts[count] = start;
                            ends[count] = nextPattern;
                            count++;
                        }
                    } while (nextPattern != -1 && count < LOOKAHEAD);
                    if (count >= 2) {
                        boolean needMore = false;
                        for (int t = 0; t < count; t++) {
                            if (strncaseeql(starts[t], ends[t] - starts[t], "FETCH")) {
                                // a FETCH: more bytes until the whole answer is there
                                boolean[] first = {firstLine};
                                needMore = fetch(ends[t], offset, nextOffset, first);
                                firstLine = first[0];
                                if (!needMore) {
                                    showLine = false;
                                }
                                break;
                            }
                        }
                        if (needMore) {
                            desegment(offset);
                            return;
                        }
                    }
                    if (showLine && imapTree != null) {
                        line(offset, nextOffset[0] - offset);
                    }
                } else {
                    if (firstLine) {
                        setInfo(offset, linelen);
                        firstLine = false;
                    }
                    Tree reqresp = line(offset, nextOffset[0] - offset);
                    if (linelen != 0 && reqresp != null) {
                        stringz(reqresp, request ? "imap.request" : "imap.response", request ? "Request" : "Response",
                                offset, linelen, false);
                    }
                    int[] nt = new int[1];
                    int tokenlen = tokenLen(offset, linelen, nt);
                    if (tokenlen != 0) {
                        String tag = Text.ascii(s, base + offset, tokenlen);
                        tagKey = lower(tag);
                        if (reqresp != null) {
                            reqresp.string(request ? "imap.request_tag" : "imap.response_tag",
                                    request ? "Request Tag" : "Response Tag", tag).at(s, base + offset, tokenlen);
                            reqresp.string("imap.tag", "Tag", tag).hide().at(s, base + offset, tokenlen);
                        }
                        linelen -= nt[0] - offset;
                        offset = nt[0];
                    }
                    tokens(reqresp, offset, linelen);
                    if (tagKey != null) {
                        match(reqresp, tagKey);
                    }
                }
                offset = nextOffset[0];
            }
            if (firstLine) {
                // only untagged lines: the first, as long as the last line is
                setInfo(0, linelen);
            }
        }

        /** The line's second token on: command or status, and what packet-imap.c makes of it. */
        private void tokens(Tree reqresp, int offset, int linelen) {
            int[] nt = new int[1];
            int tokenlen = tokenLen(offset, linelen, nt);
            if (tokenlen == 0) {
                return;
            }
            int nextToken = nt[0];
            byte[] tokenbuf = lowered(offset, tokenlen);
            int commandlen = 0;
            byte[] command = null;
            int folderOffset = 0;
            int folderTokenlen = 0;
            int folderNextToken = 0;
            if (request && strncaseeql(offset, tokenlen, "UID")) {
                if (reqresp != null) {
                    long v = 0;
                    for (int i = 0; i < tokenlen; i++) {
                        v = v << 8 | u8(offset + i);
                    }
                    reqresp.field("imap.request.command.uid", "Request isUID: " + (v != 0 ? "True" : "False"), v != 0 ? "1" : "0")
                            .at(s, base + offset, tokenlen);
                }
                int uidOffset = nextToken;
                int[] unt = new int[1];
                int uidTokenlen = tokenLen(nextToken, linelen - (nextToken - offset), unt);
                if (uidTokenlen != 0) {
                    if (reqresp != null) {
                        stringz(reqresp, "imap.request.command", "Request Command", uidOffset, uidTokenlen, false);
                        stringz(reqresp, "imap.command", "Command", offset, tokenlen, true);
                    }
                    commandlen = uidTokenlen;
                    command = lowered(nextToken, commandlen);
                    folderOffset = unt[0];
                    int[] fnt = new int[1];
                    folderTokenlen = tokenLen(unt[0], linelen - (unt[0] - offset), fnt);
                    folderNextToken = fnt[0];
                }
            } else {
                if (reqresp != null) {
                    stringz(reqresp, request ? "imap.request.command" : "imap.response.status",
                            request ? "Request Command" : "Response Status", offset, tokenlen, false);
                }
                if (request) {
                    if (reqresp != null) {
                        stringz(reqresp, "imap.command", "Command", offset, tokenlen, true);
                    }
                    commandlen = tokenlen;
                    command = lowered(offset, commandlen);
                    folderOffset = nextToken;
                    int[] fnt = new int[1];
                    folderTokenlen = tokenLen(nextToken, linelen - (nextToken - offset), fnt);
                    folderNextToken = fnt[0];
                }
            }
            if (commandlen > 0) {
                if (strncmp(command, "select", commandlen) || strncmp(command, "examine", commandlen)
                        || strncmp(command, "create", commandlen) || strncmp(command, "delete", commandlen)
                        || strncmp(command, "rename", commandlen) || strncmp(command, "subscribe", commandlen)
                        || strncmp(command, "unsubscribe", commandlen) || strncmp(command, "status", commandlen)
                        || strncmp(command, "append", commandlen) || strncmp(command, "search", commandlen)) {
                    if (folderTokenlen != 0 && reqresp != null) {
                        stringz(reqresp, "imap.request.folder", "Request Folder", folderOffset, folderTokenlen, false);
                    }
                } else if (linelen > 0 && strncmp(command, "copy", commandlen)) {
                    // the folder is COPY's second argument
                    folderOffset = folderNextToken;
                    int[] fnt = new int[1];
                    folderTokenlen = tokenLen(folderOffset, linelen - (folderNextToken - offset), fnt);
                    if (folderTokenlen != 0 && reqresp != null) {
                        stringz(reqresp, "imap.request.folder", "Request Folder", folderOffset, folderTokenlen, false);
                    }
                } else if (strncmp(command, "starttls", commandlen)) {
                    if (live) {
                        ss.sslRequested = true;
                    }
                } else if (strncmp(command, "login", commandlen)) {
                    login(reqresp, offset, linelen, nextToken);
                }
            }
            if (!request) {
                int[] cnt = new int[1];
                int n = tokenLen(nextToken, linelen - (nextToken - offset), cnt);
                if (n > 0 && reqresp != null) {
                    stringz(reqresp, "imap.response.command", "Response Command", nextToken, n, false);
                    stringz(reqresp, "imap.command", "Command", nextToken, n, true);
                }
            }
            if (live && ss.sslRequested && !request && strncmp(tokenbuf, "ok", tokenlen)) {
                // STARTTLS accepted: TLS after this frame
                startTls = true;
                if (ss.heurTriesLeft > 0) {
                    ss.heurTriesLeft = 0;
                }
                ss.sslRequested = false;
            }
        }

        /** LOGIN's user name (as it is) and password (one byte off each end, quotes or not). */
        private void login(Tree reqresp, int offset, int linelen, int nextToken) {
            int[] unt = new int[1];
            int userLen = tokenLen(nextToken, linelen - (nextToken - offset), unt);
            if (reqresp != null) {
                reqresp.string("imap.request.username", "Request Username", Text.ascii(s, base + nextToken, userLen))
                        .at(s, base + nextToken, userLen);
            }
            int passwordOffset = unt[0];
            int passwordTokenlen = tokenLen(passwordOffset, linelen - (unt[0] - offset), null);
            if (passwordTokenlen - 2 < 0) {
                throw new Malformed(); // tvb_get_string_enc of a negative length
            }
            if (reqresp != null) {
                reqresp.string("imap.request.password", "Request Password",
                        Text.ascii(s, base + passwordOffset + 1, passwordTokenlen - 2)).at(s, base + passwordOffset, passwordTokenlen);
            }
        }

        /**
         * dissect_imap_fetch: whether the FETCH at {@code offset} needs more bytes; when not, its
         * line is shown and a literal it announces goes to IMF ({@code nextOffset} then after it).
         */
        private boolean fetch(int fetchOffset, int offset, int[] nextOffset, boolean[] firstLine) {
            int firstParenthesis = find(fetchOffset, -1, '(');
            if (firstParenthesis < 0) {
                return true;
            }
            int remainingSize = cap - (firstParenthesis + 1);
            if (remainingSize <= 0) {
                return true;
            }
            int sizeStart = find(firstParenthesis, remainingSize, '{');
            if (sizeStart >= 0) {
                int sizeEnd = find(sizeStart + 1, remainingSize - (sizeStart - firstParenthesis), '}');
                if (sizeEnd <= 0) {
                    return true;
                }
                long size = strtou32(sizeStart + 1, sizeEnd - sizeStart - 1);
                if (size < 0) {
                    return true;
                }
                int at = sizeEnd + (int) size; // C's int + guint32, wrapping
                int remaining = reportedRemaining(at);
                if (remaining <= 0) {
                    return true;
                }
                if (find(at, remaining, ')') < 0) {
                    return true;
                }
                line(offset, nextOffset[0] - offset);
                firstLine[0] = false; // IMF writes the columns
                if ((int) size < -1) {
                    throw new Malformed(); // tvb_new_subset_length of a negative length (-1: the rest)
                }
                int n = (int) size == -1 ? cap - nextOffset[0] : Math.min((int) size, cap - nextOffset[0]);
                imf(nextOffset[0], n);
                if (nextOffset[0] + (int) size > nextOffset[0]) {
                    nextOffset[0] += (int) size;
                }
                return false;
            }
            // no size: the line the '(' is on must end
            int[] next = new int[1];
            int linelen = Text.lineEnd(s, base + firstParenthesis, cap - firstParenthesis, next, true);
            if (linelen < 0) {
                return true;
            }
            nextOffset[0] = firstParenthesis + next[0];
            line(offset, nextOffset[0] - offset);
            return false;
        }

        /** call_dissector(imf_handle) over {@code n} bytes at {@code off}, under the frame's top level. */
        private void imf(int off, int n) {
            MemorySegment slice = s.asSlice(base + off, n);
            if (protocolImf == null) {
                protocolImf = new StringBuilder("IMAP/IMF");
            } else {
                protocolImf.append("/IMF");
            }
            infoSet = true;
            if (live) {
                byte[] decoded = dev.tcpscope.proto.smtp.Imf.dissect(slice, n, null, info, infoFence, protocolImf, null, null);
                c.decoded.add(decoded);
            } else {
                // an empty message: IMF's items, but it returns 0 and leaves frame.protocols (call_dissector's data adds nothing)
                Consumer<String> names = n > 0 ? protocols : p -> { };
                names.accept("imf");
                byte[] decoded = imfAt < c.decoded.size() ? c.decoded.get(imfAt) : null;
                imfAt++;
                dev.tcpscope.proto.smtp.Imf.dissect(slice, n, root, info, infoFence, protocolImf, names, decoded);
            }
            protocol = protocolImf.toString();
        }

        /** An imap.line item and its subtree (the tree of a replay; null when live). */
        private Tree line(int off, int len) {
            if (imapTree == null) {
                return null;
            }
            return stringz(imapTree, "imap.line", "Line", off, len, false);
        }

        /** An FT_STRINGZ item added with proto_tree_add_item (ENC_ASCII): the string ends at a NUL. */
        private Tree stringz(Tree parent, String key, String name, int off, int len, boolean hidden) {
            Tree t = parent.string(key, name, Text.ascii(s, base + off, len));
            if (hidden) {
                t.hide();
            }
            return t.at(s, base + off, len);
        }

        /** col_add_fstr(COL_INFO, "%s: %s") after IMF's fence, if any. */
        private void setInfo(int off, int len) {
            info.setLength(infoFence[0]);
            info.append(request ? "Request: " : "Response: ").append(Text.format(s, base + off, len));
            infoSet = true;
        }

        private void desegment(int offset) {
            desegmentOffset = offset;
            desegmentLength = PduDissector.ONE_MORE_SEGMENT;
        }

        /** imap_match_request for the line's lower-case tag. */
        private void match(Tree reqresp, String tag) {
            long[] found;
            if (live) {
                found = pair(tag);
                c.pairs.add(found);
            } else {
                found = pairAt < c.pairs.size() ? c.pairs.get(pairAt) : null;
                pairAt++;
            }
            if (found == null || reqresp == null) {
                return;
            }
            if (request) {
                if (found[1] != 0) {
                    reqresp.field("imap.response_in", "Response In: " + found[1], Long.toString(found[1])).generated();
                }
            } else if (found[0] != 0) {
                reqresp.field("imap.response_to", "Request In: " + found[0], Long.toString(found[0])).generated();
                String t = seconds(c.time - found[2]);
                reqresp.field("imap.time", "Response Time: " + t + " seconds", t).generated();
            }
        }

        /** The pairing of the live run: {req_num, rep_num, req_time}, or null. */
        private long[] pair(String tag) {
            TreeMap<Integer, Request> frames = ss.requests.get(tag);
            Request info = null;
            if (!ss.visited) {
                if (request) {
                    if (frames == null) {
                        frames = new TreeMap<>();
                        ss.requests.put(tag, frames);
                    } else if (!sessions.recording()) {
                        frames.clear(); // one pass: only the newest request of a tag is ever looked up again
                    }
                    info = new Request(frame, c.time);
                    frames.put(frame, info);
                } else if (frames != null) {
                    Map.Entry<Integer, Request> e = frames.floorEntry(frame);
                    if (e != null) {
                        info = e.getValue();
                        info.repNum = frame;
                    }
                }
            } else if (frames != null) {
                Map.Entry<Integer, Request> e = frames.floorEntry(frame);
                info = e == null ? null : e.getValue();
            }
            return info == null ? null : new long[] {info.reqNum, info.repNum, info.reqTime};
        }

        /** tvb_get_token_len (not desegmenting): the token's length up to a space, CR or LF; {@code next[0]} after it. */
        private int tokenLen(int offset, int len, int[] next) {
            if (len == -1) {
                len = cap - offset;
            }
            int eob = offset + len;
            int eot = pbrk(offset, len, false);
            if (eot == -1) {
                if (next != null) {
                    next[0] = eob;
                }
                return eob - offset;
            }
            if (next != null) {
                next[0] = eot + 1;
            }
            return eot - offset;
        }

        /** tvb_ws_mempbrk_pattern_guint8 over " \r\n" ({@code tabs}: and tab): where the first one is, or -1. */
        private int pbrk(int offset, int max, boolean tabs) {
            if (offset < 0 || offset > cap) {
                throw new Malformed();
            }
            long limit = cap - offset;
            if (max >= 0 && max < limit) {
                limit = max;
            }
            for (int i = offset; i < offset + limit; i++) {
                int b = u8(i);
                if (b == ' ' || b == '\r' || b == '\n' || tabs && b == '\t') {
                    return i;
                }
            }
            return -1;
        }

        /** tvb_find_guint8 over at most {@code max} bytes (-1: all) from {@code offset}, which may count from the end. */
        private int find(int offset, int max, int b) {
            int abs = offset >= 0 ? offset : cap + offset;
            if (abs < 0 || abs > cap) {
                throw new Malformed();
            }
            long limit = cap - abs;
            if (max >= 0 && max < limit) {
                limit = max;
            }
            for (int i = abs; i < abs + limit; i++) {
                if (u8(i) == b) {
                    return i;
                }
            }
            return -1;
        }

        /** tvb_reported_length_remaining: 0 where the offset is not in the bytes. */
        private int reportedRemaining(int offset) {
            int abs = offset >= 0 ? offset : cap + offset;
            if (offset >= 0 ? offset > cap : -(long) offset > cap) {
                return 0;
            }
            return cap - abs;
        }

        /** ws_strtou32 over the ASCII string of {@code len} bytes: its value, or -1 when not a number. */
        private long strtou32(int off, int len) {
            byte[] str = converted(off, len);
            int n = 0;
            while (n < str.length && str[n] != 0) {
                n++;
            }
            if (n > 0 && (str[0] == '-' || str[0] == '+')) {
                return -1;
            }
            int i = 0;
            while (i < n && (str[i] == ' ' || str[i] >= '\t' && str[i] <= '\r')) {
                i++;
            }
            boolean negative = false;
            if (i < n && (str[i] == '+' || str[i] == '-')) {
                negative = str[i] == '-';
                i++;
            }
            int digits = i;
            java.math.BigInteger v = java.math.BigInteger.ZERO;
            while (i < n && str[i] >= '0' && str[i] <= '9') {
                v = v.multiply(java.math.BigInteger.TEN).add(java.math.BigInteger.valueOf(str[i] - '0'));
                i++;
            }
            if (i == digits || i != n) {
                return -1; // no digits, or something after them
            }
            if (v.bitLength() > 64) {
                return -1; // ERANGE
            }
            long value = negative ? v.negate().longValue() : v.longValue();
            if (Long.compareUnsigned(value, 0xffffffffL) > 0) {
                return -1;
            }
            return value;
        }

        /** tvb_strncaseeql(offset, str, n) == 0, g_ascii_strncasecmp over the raw bytes. */
        private boolean strncaseeql(int offset, int n, String str) {
            if (offset + n > cap) {
                return false;
            }
            int i = 0;
            while (n > 0 && u8(offset + i) != 0 && i < str.length()) {
                n--;
                if (Character.toLowerCase(u8(offset + i)) != Character.toLowerCase(str.charAt(i))) {
                    return false;
                }
                i++;
            }
            if (n > 0) {
                return u8(offset + i) == (i < str.length() ? str.charAt(i) : 0);
            }
            return true;
        }

        /** The bytes tvb_get_string_enc(ENC_ASCII) makes of {@code len} bytes: each one over 0x7f as U+FFFD's three. */
        private byte[] converted(int off, int len) {
            byte[] out = new byte[len * 3];
            int n = 0;
            for (int i = 0; i < len; i++) {
                int b = u8(off + i);
                if (b < 0x80) {
                    out[n++] = (byte) b;
                } else {
                    out[n++] = (byte) 0xef;
                    out[n++] = (byte) 0xbf;
                    out[n++] = (byte) 0xbd;
                }
            }
            return java.util.Arrays.copyOf(out, n);
        }

        /** wmem_ascii_strdown(tvb_get_string_enc(...), len): the first {@code len} bytes of the string, to a NUL, in lower case. */
        private byte[] lowered(int off, int len) {
            byte[] str = converted(off, len);
            int n = 0;
            while (n < Math.min(len, str.length) && str[n] != 0) {
                n++;
            }
            byte[] out = java.util.Arrays.copyOf(str, n);
            for (int i = 0; i < n; i++) {
                if (out[i] >= 'A' && out[i] <= 'Z') {
                    out[i] += 'a' - 'A';
                }
            }
            return out;
        }
    }

    /** strncmp(a, b, n) == 0 for the C string {@code a}. */
    static boolean strncmp(byte[] a, String b, int n) {
        for (int i = 0; i < n; i++) {
            int ca = i < a.length ? a[i] & 0xff : 0;
            int cb = i < b.length() ? b.charAt(i) : 0;
            if (ca != cb) {
                return false;
            }
            if (ca == 0) {
                return true;
            }
        }
        return true;
    }

    /** wmem_ascii_strdown: ASCII letters in lower case, the rest as it is. */
    static String lower(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) (ch + ('a' - 'A')));
            }
        }
        return b == null ? s : b.toString();
    }

    static String seconds(long ns) {
        return dev.tcpscope.proto.Text.seconds(ns);
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
        End end = End.OK;
        for (Call c : calls) {
            if (c.data || c.layerOnly) {
                protocols.accept("imap");
                if (c.data) {
                    Items.data(root, c.s, c.base, c.len, protocols);
                }
                continue;
            }
            Walk w = new Walk(c, null, (int) frame, root, protocols);
            w.run();
            if (c.end != End.OK) {
                end = c.end;
            }
        }
        return end;
    }

    @Override
    public void sources(long frame, java.util.function.BiConsumer<String, byte[]> source) {
        if (!shows(frame)) {
            return;
        }
        for (Call c : calls) {
            for (byte[] d : c.decoded) {
                if (d != null) {
                    source.accept("base64", d);
                }
            }
        }
    }

    /** The items of this frame's IMAP tree (IMF's included), or null when IMAP shows nothing in it. */
    public Collected treeFields(long frame) {
        return fields.of(this, frame);
    }

    @Override
    public String protocolName() { return "IMAP"; }
}

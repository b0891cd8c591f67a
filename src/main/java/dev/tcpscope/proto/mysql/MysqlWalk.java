package dev.tcpscope.proto.mysql;

import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

import java.util.Map;
import java.util.function.Consumer;

/**
 * One MySQL packet as packet-mysql.c (Wireshark 4.0.17) dissects it (dissect_mysql_pdu): the
 * header, then by direction and conversation state the server greeting, the login request, a
 * command or a response, writing the Info column, moving the conversation's state ({@link Conn})
 * and building the tree. Run once at dissection on the conversation (columns, state, how it ends)
 * and again for the tree on a copy of the state the PDU started from. A read past the bytes stops
 * the walk ({@link Pdu.Stop}) where Wireshark throws; every loop consumes bytes, so the work is
 * bounded by the PDU's length.
 */
final class MysqlWalk {
    /** The Info and Protocol columns as the walk writes them (none when only the tree is built). */
    interface Cols {
        void protocol(String p);

        void set(String text);

        void append(String text);

        void fence();

        Cols NONE = new Cols() {
            @Override public void protocol(String p) { }
            @Override public void set(String text) { }
            @Override public void append(String text) { }
            @Override public void fence() { }
        };
    }

    static final int CAPS_LP = 0x0001, CAPS_CD = 0x0008, CAPS_CP = 0x0020, CAPS_CU = 0x0200,
            CAPS_SL = 0x0800, CAPS_SC = 0x8000;
    static final int EXT_PA = 0x0008, EXT_CA = 0x0010, EXT_ST = 0x0080, EXT_DE = 0x0100, EXT_ZS = 0x0400,
            EXT_QA = 0x0800;
    static final int STAT_MU = 0x0004, STAT_SESSION_STATE_CHANGED = 0x4000;
    static final int MARIADB_ME = 0x10;
    /** MAX_MY_METADATA_COUNT: more columns than this is an invalid length. */
    static final int MAX_FIELDS = Short.MAX_VALUE;

    private final Pdu p;
    private final Conn c;
    private final Cols cols;
    private Tree proto;
    private String protoLabel = "MySQL Protocol";
    /** Values of the last tvb_get_fle. */
    private long fleValue;
    private boolean fleNull;

    /** The protocol item's final label when a first walk found it, else null (it is relabelled as the walk goes). */
    private final String fixedLabel;

    MysqlWalk(Pdu p, Conn c, Cols cols) {
        this(p, c, cols, null);
    }

    /**
     * {@code label}: the protocol item's label as an earlier walk of the same PDU left it ({@link
     * #label()}), for trees that keep an item's first label only (the fields of -T fields).
     */
    MysqlWalk(Pdu p, Conn c, Cols cols, String label) {
        this.p = p;
        this.c = c;
        this.cols = cols;
        this.fixedLabel = label;
    }

    /** "MySQL Protocol" and what the walk appended to it (" - response OK"). */
    String label() {
        return protoLabel;
    }

    /** Dissects the PDU under {@code root}; how it ended. */
    LayerTree.End walk(Tree root, Consumer<String> protocols) {
        try {
            pdu(root, protocols);
            return LayerTree.End.OK;
        } catch (Pdu.Stop stop) {
            return stop.end;
        }
    }

    // ---- items ----

    private Tree at(Tree t, int off, int len) {
        int end = p.capEnd();
        int l = len < 0 ? Math.max(0, end - off) : Math.max(0, Math.min(len, end - off));
        return t.at(p.s, p.base + Math.min(off, end), l);
    }

    /** proto_tree_add_item's length check: -1 is the rest, less is an error, more than the bytes throws. */
    private int length(int off, long len) {
        if (len == -1) {
            p.need(off, 0);
            return Math.max(0, p.capEnd() - off);
        }
        if (len < -1 || len > Integer.MAX_VALUE) {
            throw new Pdu.Stop(LayerTree.End.MALFORMED);
        }
        p.need(off, len);
        return (int) len;
    }

    private Tree uint(Tree t, String key, String name, int off, int len, long v) {
        return at(t.field(key, name + ": " + Long.toUnsignedString(v), Long.toUnsignedString(v)), off, len);
    }

    private Tree named(Tree t, String key, String name, int off, int len, int v, Map<Integer, String> names) {
        String n = names.get(v);
        return at(t.field(key, name + ": " + (n != null ? n : "Unknown") + " (" + v + ")", Integer.toString(v)), off, len);
    }

    private Tree hex(Tree t, String key, String name, int off, int len, long v, int digits) {
        String h = String.format("0x%0" + digits + "x", v);
        return at(t.field(key, name + ": " + h, h), off, len);
    }

    /** An ASCII string item (FT_STRING / FT_STRINGZ, ENC_ASCII): the bytes up to a NUL. */
    private String str(Tree t, String key, String name, int off, long len) {
        int l = length(off, len);
        String v = ascii(off, l);
        at(t.string(key, name, v), off, l);
        return v;
    }

    private String ascii(int off, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int b = p.u8(off + i);
            if (b == 0) {
                break;
            }
            sb.append(b < 0x80 ? (char) b : '\ufffd');
        }
        return sb.toString();
    }

    private void bytes(Tree t, String key, String name, int off, long len) {
        int l = length(off, len);
        if (l == 0) {
            at(t.field(key, name + ": <MISSING>", ""), off, 0);
        } else {
            at(t.bytes(key, name, p.s, p.base + off, l), off, l);
        }
    }

    /** tvb_format_text: the bytes with non-printable ones escaped. */
    private String format(int off, int len) {
        if (len < 0) {
            len = Math.max(0, p.capEnd() - off);
        }
        p.need(off, len);
        return Text.format(p.s, p.base + off, len);
    }

    /** proto_tree_add_bitmask_with_flags(BMT_NO_APPEND) of {@code width} bytes, little-endian. */
    private int bitmask(Tree t, String key, String name, int off, int width, Bits.Flag[] flags) {
        long v = width == 1 ? p.u8(off) : width == 2 ? p.le16(off) : p.le32(off);
        Tree g = hex(t, key, name, off, width, v, width * 2);
        for (Bits.Flag f : flags) {
            int mask = f.mask();
            String bits = Text.bits((int) v, mask, width * 8);
            if (Integer.bitCount(mask) == 1) {
                boolean set = (v & mask) != 0;
                at(g.field(f.key(), bits + " = " + f.name() + ": " + (set ? "Set" : "Not set"), set ? "1" : "0"), off, width)
                        .bitmask(mask);
            } else {
                long x = (v & mask) >>> Integer.numberOfTrailingZeros(mask);
                at(g.field(f.key(), bits + " = " + f.name() + ": 0x" + Long.toHexString(x),
                        String.format("0x%0" + width * 2 + "x", x)), off, width).bitmask(mask);
            }
        }
        return (int) v;
    }

    /** tvb_get_fle: the prefix and length items under {@code t}; returns how many bytes it took. */
    private int fle(Tree t, int off) {
        int prefix = p.u8(off);
        Tree pi = uint(t, "mariadb.prefix", "Prefix", off, 1, prefix);
        fleNull = false;
        int num, lenLen, at = off;
        switch (prefix) {
            case 251 -> {
                pi.relabel("Prefix: 251(NULL)");
                fleValue = 0;
                fleNull = true;
                return 1;
            }
            case 252 -> {
                pi.relabel("Prefix: 252 Length in following 2 bytes");
                num = 3;
                lenLen = 2;
                at++;
            }
            case 253 -> {
                pi.relabel("Prefix: 253 Length in following 4 bytes");
                num = 5;
                lenLen = 4;
                at++;
            }
            case 254 -> {
                pi.relabel("Prefix: 254 Length in following 8 bytes");
                num = 9;
                lenLen = 8;
                at++;
            }
            default -> {
                num = 1;
                lenLen = 1;
            }
        }
        long v = switch (lenLen) {
            case 1 -> p.u8(at);
            case 2 -> p.le16(at);
            case 4 -> p.le32(at);
            default -> p.le64(at);
        };
        uint(t, "mariadb.length", "Length", at, lenLen, v);
        fleValue = v;
        return num;
    }

    private void setState(Conn.State s) {
        c.state = s;
    }

    private void suffix(Conn.State s) {
        protoLabel = protoLabel + " - " + s.text;
        if (fixedLabel == null) {
            proto.relabel(protoLabel);
        }
    }

    private void expert(Tree t, String key, Tree.Severity sev, Tree.Group group, String message) {
        t.expert(key, sev, group, message);
    }

    // ---- dissect_mysql_pdu ----

    private void pdu(Tree root, Consumer<String> protocols) {
        protocols.accept("mysql");
        proto = at(root.protocol("mysql", fixedLabel != null ? fixedLabel : protoLabel), 0, -1);
        uint(proto, "mysql.packet_length", "Packet Length", 0, 3, p.le24(0));
        cols.protocol("MySQL");
        int number = p.u8(3);
        uint(proto, "mysql.packet_number", "Packet Number", 3, 1, number);
        Conn.State state = c.state;
        int off;
        if (p.response) {
            if (number == 0 && state == Conn.State.UNDEFINED) {
                cols.set("Server Greeting ");
                off = greeting(proto, 4);
            } else {
                cols.set("Response ");
                off = response(proto, 4, state);
            }
        } else if (state == Conn.State.LOGIN && number == 1) {
            cols.set("Login Request");
            off = MysqlLogin.login(this, proto, 4);
            if ((c.srvCaps & CAPS_CP) != 0 && (c.clntCaps & CAPS_CP) != 0) {
                c.frameStartCompressed = p.frame;
                c.compressedState = 1;
            }
        } else {
            cols.set("Request");
            off = MysqlRequest.request(this, proto, 4, state);
        }
        if (p.remaining(off) > 0) {
            // "FIXME ..." is packet-mysql.c 4.0's own text for bytes it leaves undecoded (its expert
            // field mysql.dissector_incomplete): tshark prints it, so tcpscope prints it too
            payload(proto, off, "mysql.dissector_incomplete", Tree.Group.UNDECODED, "FIXME - dissector is incomplete");
        }
    }

    /** hf_mysql_payload for the rest of the bytes with an expert item under it. */
    void payload(Tree t, int off, String expertKey, Tree.Group group, String message) {
        int l = length(off, -1);
        Tree pi = at(t.bytes("mysql.payload", "Payload", p.s, p.base + off, l), off, l);
        expert(pi, expertKey, Tree.Severity.WARNING, group, message);
    }

    // ---- greeting and errors ----

    private int greeting(Tree t, int off) {
        int protocol = p.u8(off);
        if (protocol == 0xff) {
            return error(t, off + 1);
        }
        setState(Conn.State.LOGIN);
        Tree g = at(t.none("mysql.server_greeting", "Server Greeting"), off, -1);
        cols.append(" proto=" + protocol);
        uint(g, "mysql.protocol", "Protocol", off, 1, protocol);
        off++;
        int lenstr = p.strsize(off);
        boolean maria = lenstr > 6 && ascii(off, 6).equals("5.5.5-");
        if (maria) {
            c.mariadbServer = true;
        }
        cols.append(" version=" + (c.mariadbServer ? format(off + 6, lenstr - 7) : format(off, lenstr - 1)) + " ");
        cols.fence();
        str(g, "mysql.version", "Version", off, lenstr);
        int major = 0;
        for (int i = 0; i < lenstr; i++) {
            int ch = p.u8(off + i);
            if (ch == '.') {
                break;
            }
            major = (major * 10 + ch - '0') & 0xff;
        }
        c.majorVersion = major;
        off += lenstr;
        uint(g, "mysql.thread_id", "Thread ID", off, 4, p.le32(off));
        off += 4;
        lenstr = p.strsize(off);
        str(g, "mysql.salt", "Salt", off, lenstr);
        off += lenstr;
        if (p.remaining(off) == 0) {
            return off;
        }
        c.srvCaps = bitmask(g, "mysql.caps.server", "Server Capabilities", off, 2, Bits.CAPS);
        off += 2;
        if ((c.srvCaps & CAPS_LP) == 0) {
            c.mariadbServer = true;
        }
        if (p.remaining(off) == 0) {
            return off;
        }
        collation(g, c.mariadbServer ? "mariadb.server_language" : "mysql.server_language", "Server Language", off, 1, p.u8(off));
        off++;
        off = status(g, off);
        c.srvCapsExt = bitmask(g, "mysql.extcaps.server", "Extended Server Capabilities", off, 2, Bits.EXTCAPS);
        off += 2;
        uint(g, "mysql.auth_plugin.length", "Authentication Plugin Length", off, 1, p.u8(off));
        off++;
        if (c.mariadbServer) {
            bytes(g, "mysql.unused", "Unused", off, 6);
            off += 6;
            c.mariadbServerExt = bitmask(g, "mariadb.extcaps.server", "MariaDB Extended Server Capabilities", off, 4,
                    Bits.MARIADB_EXTCAPS) & 0xffffffffL;
            off += 4;
        } else {
            bytes(g, "mysql.unused", "Unused", off, 10);
            off += 10;
        }
        if (p.remaining(off) != 0) {
            lenstr = p.strsize(off);
            str(g, "mysql.salt2", "Salt", off, lenstr);
            off += lenstr;
        }
        if (p.remaining(off) != 0) {
            lenstr = p.strsize(off);
            str(g, "mysql.auth_plugin", "Authentication Plugin", off, lenstr);
            off += lenstr;
        }
        return off;
    }

    void collation(Tree t, String key, String name, int off, int len, int v) {
        named(t, key, name, off, len, v, key.startsWith("mariadb") ? MysqlNames.MARIADB_COLLATIONS : MysqlNames.MYSQL_COLLATIONS);
    }

    int status(Tree t, int off) {
        bitmask(t, "mysql.server_status", "Server Status", off, 2, Bits.STATUS);
        return off + 2;
    }

    int error(Tree t, int off) {
        int code = p.le16(off);
        cols.append(" Error " + code + " ");
        cols.fence();
        uint(t, "mysql.error_code", "Error Code", off, 2, code);
        off += 2;
        if (p.u8(off) == '#') {
            off++;
            str(t, "mysql.sqlstate", "SQL state", off, 5);
            off += 5;
        }
        str(t, "mysql.error.message", "Error message", off, -1);
        return off + Math.max(0, p.remaining(off));
    }

    // ---- responses ----

    private int response(Tree t, int off, Conn.State state) {
        int code = p.u8(off);
        switch (code) {
            case 0xff -> {
                responseCode(t, off, code);
                suffix(Conn.State.RESPONSE_ERROR);
                off = error(t, off + 1);
                setState(Conn.State.REQUEST);
            }
            case 0xfe -> {
                responseCode(t, off, code);
                uint(t, "mysql.eof", "EOF marker", off, 1, code);
                off++;
                int rest = p.remaining(off);
                if (rest <= 5) {
                    off = eof(t, off);
                    if (state == Conn.State.PREPARED_PARAMETERS) {
                        Conn.Stmt st = c.stmts.get(c.stmtId);
                        if (st != null && st.fieldTypes.length > 0) {
                            suffix(Conn.State.INTERMEDIATE_EOF);
                            c.remainingFields = st.fieldTypes.length;
                            setState(Conn.State.PREPARED_FIELDS);
                        } else {
                            suffix(Conn.State.RESPONSE_EOF);
                            setState(Conn.State.REQUEST);
                        }
                    } else if (state == Conn.State.FIELD_PACKET) {
                        suffix(Conn.State.INTERMEDIATE_EOF);
                        setState(Conn.State.ROW_PACKET);
                    } else {
                        suffix(Conn.State.RESPONSE_EOF);
                        setState(Conn.State.REQUEST);
                    }
                } else if (rest < 0xffffff) {
                    if (state == Conn.State.AUTH_SWITCH_REQUEST) {
                        suffix(Conn.State.AUTH_SWITCH_REQUEST);
                        off = authSwitchRequest(t, off);
                    } else {
                        suffix(Conn.State.RESPONSE_OK);
                        off = ok(t, off);
                        setState(Conn.State.REQUEST);
                    }
                } else {
                    suffix(Conn.State.ROW_PACKET);
                    setState(Conn.State.ROW_PACKET);
                    off = textRow(t, off);
                }
            }
            case 0x00 -> {
                switch (state) {
                    case RESPONSE_PREPARE -> {
                        responseCode(t, off, code);
                        off++;
                        suffix(Conn.State.RESPONSE_PREPARE);
                        off = MysqlRequest.prepareResponse(this, t, off);
                    }
                    case ROW_PACKET -> {
                        suffix(Conn.State.ROW_PACKET);
                        if (c.binaryRows) {
                            responseCode(t, off, code);
                            off = MysqlRequest.binaryRow(this, t, off + 1);
                        } else {
                            off = textRow(t, off);
                        }
                    }
                    default -> {
                        responseCode(t, off, code);
                        off++;
                        suffix(Conn.State.RESPONSE_OK);
                        off = ok(t, off);
                        if (c.compressedState == 1) {
                            c.compressedState = 2;
                        }
                    }
                }
            }
            default -> off = other(t, off, code, state);
        }
        return off;
    }

    private int other(Tree t, int off, int code, Conn.State state) {
        switch (state) {
            case RESPONSE_MESSAGE -> {
                int l = p.remaining(off);
                if (l != 0) {
                    str(t, "mysql.message", "Message", off, l);
                    off += l;
                }
                setState(Conn.State.REQUEST);
            }
            case RESPONSE_TABULAR, REQUEST -> {
                suffix(Conn.State.COLUMN_COUNT);
                off = resultHeader(t, off);
            }
            case PREPARED_PARAMETERS -> {
                suffix(state);
                off = field(t, off, state);
                if (decRemaining() && (c.clntCapsExt & EXT_DE) != 0) {
                    Conn.Stmt st = c.stmts.get(c.stmtId);
                    if (st != null && st.fieldTypes.length > 0) {
                        c.remainingFields = st.fieldTypes.length;
                        setState(Conn.State.PREPARED_FIELDS);
                    } else {
                        setState(Conn.State.REQUEST);
                    }
                }
            }
            case FIELD_PACKET, RESPONSE_SHOW_FIELDS -> {
                suffix(state);
                off = field(t, off, state);
                if (decRemaining() && (c.clntCapsExt & EXT_DE) != 0) {
                    setState(Conn.State.ROW_PACKET);
                }
            }
            case ROW_PACKET -> {
                suffix(state);
                off = textRow(t, off);
            }
            case PREPARED_FIELDS -> {
                suffix(state);
                off = field(t, off, state);
                if (decRemaining() && (c.clntCapsExt & EXT_DE) != 0) {
                    setState(Conn.State.REQUEST);
                }
            }
            case AUTH_SWITCH_REQUEST -> {
                suffix(state);
                off = authSwitchRequest(t, off);
            }
            default -> {
                payload(t, off, "mysql.unknown_response", Tree.Group.UNDECODED, "unknown/invalid response");
                off += Math.max(0, p.remaining(off));
                setState(Conn.State.UNDEFINED);
            }
        }
        return off;
    }

    private boolean decRemaining() {
        c.remainingFields--;
        return c.remainingFields == 0;
    }

    private void responseCode(Tree t, int off, int code) {
        String n = MysqlNames.RESPONSE_CODES.get(code);
        String h = String.format("0x%02x", code);
        at(t.field("mysql.response_code", "Response Code: " + (n != null ? n : "Unknown") + " (" + h + ")", h), off, 1);
    }

    private int eof(Tree t, int off) {
        uint(t, "mysql.warnings", "Warnings", off, 2, p.le16(off));
        off += 2;
        off = status(t, off);
        return off + Math.max(0, p.remaining(off));
    }

    private int ok(Tree t, int off) {
        cols.append(" OK ");
        cols.fence();
        int n = fle(t, off);
        uint(t, "mysql.affected_rows", "Affected Rows", off, n, fleValue);
        off += n;
        n = fle(t, off);
        if (fleValue != 0) {
            uint(t, "mysql.insert_id", "Last INSERT ID", off, n, fleValue);
        }
        off += n;
        int status = 0;
        long lenstr = 0;
        if (p.remaining(off) > 0) {
            status = p.le16(off);
            off = status(t, off);
            if ((c.clntCaps & c.srvCaps & CAPS_CU) != 0) {
                uint(t, "mysql.warnings", "Warnings", off, 2, p.le16(off));
                lenstr = p.be16(off); // packet-mysql.c reads the warnings again, big-endian, as the message's length
                off += 2;
            }
        }
        if ((c.clntCapsExt & EXT_ST) != 0) {
            if (p.remaining(off) > 0) {
                off += fle(t, off);
                lenstr = fleValue;
                if (lenstr != 0) {
                    str(t, "mysql.message", "Message", off, (int) lenstr);
                    off += (int) lenstr;
                }
                if ((status & STAT_SESSION_STATE_CHANGED) != 0) {
                    int fl = fle(t, off);
                    long total = fleValue;
                    Tree d = at(t.none("mysql.session_track.data", "Session tracking data"), off, -1);
                    uint(d, "mysql.session_track.data.length", "Session tracking data length", off, fl, total);
                    off += fl;
                    while (total != 0) {
                        int l = sessionTrack(d, off);
                        off += l;
                        total -= l;
                    }
                }
            }
        } else if (p.remaining(off) > 0) {
            int l = (int) Math.min(lenstr, p.remaining(off));
            str(t, "mysql.message", "Message", off, l);
            off += l;
        }
        setState(Conn.State.REQUEST);
        return off;
    }

    private int sessionTrack(Tree t, int start) {
        int off = start;
        Tree ti = at(t.none("mysql.session_track", "Session Track"), off, 1);
        int type = p.u8(off);
        named(ti, "mysql.session_track.type", "Session tracking type", off, 1, type, MysqlNames.SESSION_TRACK_TYPES);
        off++;
        int n = fle(ti, off);
        long length = fleValue;
        uint(ti, "mysql.session_track.length", "Session tracking length", off, n, length);
        off += n;
        switch (type) {
            case 0 -> {
                n = fle(ti, off);
                uint(ti, "mysql.session_track.sysvar.length", "System variable change Length", off, n, fleValue);
                off += n;
                str(ti, "mysql.session_track.sysvar.name", "System variable change Name", off, (int) fleValue);
                off += (int) fleValue;
                n = fle(ti, off);
                uint(ti, "mysql.session_track.sysvar.length", "System variable change Length", off, n, fleValue);
                off += n;
                str(ti, "mysql.session_track.sysvar.value", "System variable change Value", off, (int) fleValue);
                off += (int) fleValue;
            }
            case 1 -> {
                n = fle(ti, off);
                uint(ti, "mysql.session_track.schema.length", "Schema change length", off, n, fleValue);
                off += n;
                str(ti, "mysql.session_track.schema", "Schema change", off, (int) fleValue);
                off += (int) fleValue;
            }
            case 2 -> {
                str(ti, "mysql.session_track.state_change", "State change", off, 1);
                off++;
            }
            case 3 -> {
                uint(ti, "mysql.session_track.gtids.encoding", "GTIDs encoding", off, 1, p.u8(off));
                off++;
                n = fle(ti, off);
                uint(ti, "mysql.session_track.gtids.length", "GTIDs length", off, n, fleValue);
                off += n;
                str(ti, "mysql.session_track.gtids", "GTIDs", off, (int) fleValue);
                off += (int) fleValue;
            }
            case 4 -> {
                n = fle(ti, off);
                uint(ti, "mysql.session_track.transaction_characteristics.length", "Transaction characteristics length", off, n, fleValue);
                off += n;
                str(ti, "mysql.session_track.transaction_characteristics", "Transaction characteristics", off, (int) fleValue);
                off += (int) fleValue;
            }
            case 5 -> {
                n = fle(ti, off);
                uint(ti, "mysql.session_track.transaction_state.length", "Transaction state length", off, n, fleValue);
                off += n;
                str(ti, "mysql.session_track.transaction_state", "Transaction state", off, (int) fleValue);
                off += (int) fleValue;
            }
            default -> {
                int l = length(off, (int) length);
                Tree pi = at(ti.bytes("mysql.payload", "Payload", p.s, p.base + off, l), off, l);
                expert(pi, "mysql.dissector_incomplete", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                        "FIXME: unrecognized session tracker data");
                off += (int) length;
            }
        }
        ti.length(off - start);
        if (off <= start) {
            throw new Pdu.Stop(LayerTree.End.MALFORMED); // a negative length: tshark's loop throws on it
        }
        return off - start;
    }

    private int resultHeader(Tree t, int off) {
        cols.append("TABULAR ");
        cols.fence();
        int n = fle(t, off);
        long fields = fleValue;
        uint(t, "mysql.num_fields", "Number of fields", off, n, fields);
        off += n;
        boolean sendMeta = true;
        if ((c.mariadbClientExt & MARIADB_ME) != 0 && (c.mariadbServerExt & MARIADB_ME) != 0 && p.remaining(off) != 0) {
            int m = p.u8(off);
            sendMeta = m != 0;
            uint(t, "mysql.metadata_follows", "send metadata", off, 1, m);
            off++;
        }
        if (Long.compareUnsigned(fields, MAX_FIELDS) > 0) {
            expert(t, "mysql.invalid_length", Tree.Severity.ERROR, Tree.Group.PROTOCOL, "Invalid length: " + Long.toUnsignedString(fields));
            return p.rep;
        }
        if (sendMeta) {
            c.fieldTypes = new int[(int) fields];
            c.fieldFlags = new int[(int) fields];
        }
        if (p.remaining(off) != 0) {
            n = fle(t, off);
            uint(t, "mysql.extra", "Extra data", off, n, fleValue);
            off += n;
        }
        if (fields != 0) {
            if (sendMeta) {
                setState(Conn.State.FIELD_PACKET);
                c.remainingFields = fields;
            } else {
                c.remainingFields = 0;
                setState((c.clntCapsExt & EXT_DE) != 0 ? Conn.State.ROW_PACKET : Conn.State.FIELD_PACKET);
            }
        } else {
            setState(Conn.State.ROW_PACKET);
        }
        return off;
    }

    /** mysql_field_add_lestring: a subtree named after the field with the length and the string. */
    int lestring(Tree t, int off, String key, String name) {
        int start = off;
        Tree sub = at(t.text(name), off, -1);
        off += fle(sub, off);
        if (fleNull) {
            at(sub.string(key, name, "NULL"), off, 0);
        } else {
            str(sub, key, name, off, fleValue > Integer.MAX_VALUE ? -2 : (int) fleValue);
            off += (int) fleValue;
        }
        sub.length(off - start);
        return off;
    }

    private int field(Tree t, int off, Conn.State state) {
        off = lestring(t, off, "mysql.field.catalog", "Catalog");
        if (off >= p.rep) {
            return off;
        }
        off = lestring(t, off, "mysql.field.db", "Database");
        off = lestring(t, off, "mysql.field.table", "Table");
        off = lestring(t, off, "mysql.field.org_table", "Original table");
        off = lestring(t, off, "mysql.field.name", "Name");
        off = lestring(t, off, "mysql.field.org_name", "Original name");
        off++; // filler
        collation(t, "mysql.field.charsetnr", "Charset number", off, 2, p.le16(off));
        off += 2;
        uint(t, "mysql.field.length", "Length", off, 4, p.le32(off));
        off += 4;
        int type = p.u8(off);
        named(t, "mysql.field.type", "Type", off, 1, type, MysqlNames.FIELD_TYPES);
        off++;
        int flags = bitmask(t, "mysql.field.flags", "Flags", off, 2, Bits.FIELD_FLAGS);
        off += 2;
        uint(t, "mysql.field.decimals", "Decimals", off, 1, p.u8(off));
        off++;
        off += 2; // filler
        if ((state == Conn.State.FIELD_PACKET || state == Conn.State.PREPARED_FIELDS) && c.fieldTypes != null
                && c.fieldTypes.length > 0) {
            long pos = c.fieldTypes.length - c.remainingFields;
            if (pos < 0 || pos >= c.fieldTypes.length) {
                expert(t, "mysql.invalid_length", Tree.Severity.ERROR, Tree.Group.PROTOCOL, "Invalid length: " + pos);
                return p.rep;
            }
            c.fieldTypes[(int) pos] = type;
            c.fieldFlags[(int) pos] = flags;
        }
        if (p.remaining(off) > 0) {
            off = lestring(t, off, "mysql.field.default", "Default");
        }
        return off;
    }

    private int textRow(Tree t, int off) {
        while (p.remaining(off) > 0) {
            off = lestring(t, off, "mysql.row.text", "text");
        }
        return off;
    }

    private int authSwitchRequest(Tree t, int off) {
        cols.set("Auth Switch Request ");
        cols.fence();
        setState(Conn.State.AUTH_SWITCH_RESPONSE);
        if ((c.clntCapsExt & EXT_PA) != 0) {
            int l = p.mySize(off);
            str(t, "mysql.auth_switch_request.name", "Auth Method Name", off, l);
            off += l;
            l = p.mySize(off);
            bytes(t, "mysql.auth_switch_request.data", "Auth Method Data", off, l);
            off += l;
        } else {
            hex(t, "mysql.auth_switch_request.status", "Status", off, 1, p.u8(off), 2);
            off++;
        }
        return off + Math.max(0, p.remaining(off));
    }

    int authSwitchResponse(Tree t, int off) {
        cols.set("Auth Switch Response ");
        cols.fence();
        int l = p.mySize(off);
        bytes(t, "mysql.auth_switch_response.data", "Auth Method Data", off, l);
        off += l;
        return off + Math.max(0, p.remaining(off));
    }

    // ---- shared with MysqlLogin and MysqlRequest ----

    Pdu pdu() { return p; }

    Conn conn() { return c; }

    Cols cols() { return cols; }

    void state(Conn.State s) { setState(s); }

    long lastFle() { return fleValue; }

    int fleAt(Tree t, int off) { return fle(t, off); }

    Tree place(Tree t, int off, int len) { return at(t, off, len); }

    int checkedLength(int off, long len) { return length(off, len); }

    Tree uintAt(Tree t, String key, String name, int off, int len, long v) { return uint(t, key, name, off, len, v); }

    Tree namedAt(Tree t, String key, String name, int off, int len, int v, Map<Integer, String> names) {
        return named(t, key, name, off, len, v, names);
    }

    Tree hexAt(Tree t, String key, String name, int off, int len, long v, int digits) { return hex(t, key, name, off, len, v, digits); }

    String strAt(Tree t, String key, String name, int off, long len) { return str(t, key, name, off, len); }

    void bytesAt(Tree t, String key, String name, int off, long len) { bytes(t, key, name, off, len); }

    String formatAt(int off, int len) { return format(off, len); }

    String asciiAt(int off, int len) { return ascii(off, len); }

    int bitmaskAt(Tree t, String key, String name, int off, int width, Bits.Flag[] flags) {
        return bitmask(t, key, name, off, width, flags);
    }

    void expertAt(Tree t, String key, Tree.Severity sev, Tree.Group group, String message) { expert(t, key, sev, group, message); }
}

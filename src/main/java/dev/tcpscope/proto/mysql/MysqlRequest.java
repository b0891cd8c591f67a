package dev.tcpscope.proto.mysql;

import dev.tcpscope.proto.Tree;

/**
 * The client's commands (mysql_dissect_request, Wireshark 4.0.17) and the prepared statements'
 * replies: the command byte ("Request Query" in Info), its arguments, and the state the
 * server's answer will be read in (COM_QUERY a result set, COM_PING an OK, COM_STATISTICS a
 * message ...). An unknown command shows its bytes as payload with an expert item and leaves the
 * conversation's state undefined.
 */
final class MysqlRequest {
    private MysqlRequest() { }

    static final int QUIT = 1, INIT_DB = 2, QUERY = 3, FIELD_LIST = 4, CREATE_DB = 5, DROP_DB = 6, REFRESH = 7,
            SHUTDOWN = 8, STATISTICS = 9, PROCESS_INFO = 10, PROCESS_KILL = 12, DEBUG = 13, PING = 14,
            CHANGE_USER = 17, BINLOG_DUMP = 18, TABLE_DUMP = 19, CONNECT_OUT = 20, REGISTER_SLAVE = 21,
            STMT_PREPARE = 22, STMT_EXECUTE = 23, STMT_SEND_LONG_DATA = 24, STMT_CLOSE = 25, STMT_RESET = 26,
            SET_OPTION = 27, STMT_FETCH = 28, BINLOG_DUMP_GTID = 30;

    static int request(MysqlWalk w, Tree t, int off, Conn.State state) {
        if (state == Conn.State.AUTH_SWITCH_RESPONSE) {
            return w.authSwitchResponse(t, off);
        }
        Pdu p = w.pdu();
        Conn c = w.conn();
        Tree req = w.place(t.none("mysql.request", "Request Command"), off, -1);
        int start = off;
        int opcode = p.u8(off);
        String name = MysqlNames.COMMANDS.get(opcode);
        w.cols().append(" " + (name != null ? name : "Unknown (" + opcode + ") "));
        w.namedAt(req, "mysql.command", "Command", off, 1, opcode, MysqlNames.COMMANDS);
        req.relabel("Request Command " + (name != null ? name : "Unknown (" + opcode + ")"));
        off++;
        int lenstr;
        switch (opcode) {
            case QUIT -> { }
            case PROCESS_INFO -> {
                w.state(Conn.State.RESPONSE_TABULAR);
                c.binaryRows = false;
            }
            case DEBUG, PING -> w.state(Conn.State.RESPONSE_OK);
            case STATISTICS -> w.state(Conn.State.RESPONSE_MESSAGE);
            case INIT_DB, CREATE_DB, DROP_DB -> {
                lenstr = p.mySize(off);
                w.strAt(req, "mysql.schema", "Schema", off, lenstr);
                off += lenstr;
                w.state(Conn.State.RESPONSE_OK);
            }
            case QUERY -> {
                if ((c.clntCapsExt & MysqlWalk.EXT_QA) != 0) {
                    off = queryAttributes(w, req, off);
                }
                lenstr = p.mySize(off);
                w.strAt(req, "mysql.query", "Statement", off, lenstr);
                off += lenstr;
                w.state(Conn.State.RESPONSE_TABULAR);
                c.binaryRows = false;
            }
            case STMT_PREPARE -> {
                lenstr = p.mySize(off);
                w.strAt(req, "mysql.query", "Statement", off, lenstr);
                off += lenstr;
                w.state(Conn.State.RESPONSE_PREPARE);
            }
            case STMT_CLOSE -> {
                w.uintAt(req, "mysql.stmt_id", "Statement ID", off, 4, p.le32(off));
                off += 4;
                w.state(Conn.State.REQUEST);
            }
            case STMT_RESET -> {
                w.uintAt(req, "mysql.stmt_id", "Statement ID", off, 4, p.le32(off));
                off += 4;
                w.state(Conn.State.RESPONSE_OK);
            }
            case FIELD_LIST -> {
                lenstr = p.mySize(off);
                w.strAt(req, "mysql.table_name", "Table Name", off, lenstr);
                off += lenstr;
                w.state(Conn.State.RESPONSE_SHOW_FIELDS);
            }
            case PROCESS_KILL -> {
                w.uintAt(req, "mysql.thread_id", "Thread ID", off, 4, p.le32(off));
                off += 4;
                w.state(Conn.State.RESPONSE_OK);
            }
            case CHANGE_USER -> off = changeUser(w, req, off);
            case REFRESH -> {
                w.bitmaskAt(req, "mysql.refresh", "Refresh Option", off, 1, Bits.REFRESH);
                off++;
                w.state(Conn.State.RESPONSE_OK);
            }
            case SHUTDOWN -> {
                w.namedAt(req, "mysql.shutdown", "Shutdown Level", off, 1, p.u8(off), MysqlNames.SHUTDOWN_LEVELS);
                off++;
                w.state(Conn.State.RESPONSE_OK);
            }
            case SET_OPTION -> {
                w.namedAt(req, "mysql.option", "Option", off, 2, p.le16(off), MysqlNames.OPTIONS);
                off += 2;
                w.state(Conn.State.RESPONSE_OK);
            }
            case STMT_FETCH -> {
                w.uintAt(req, "mysql.stmt_id", "Statement ID", off, 4, p.le32(off));
                off += 4;
                w.uintAt(req, "mysql.num_rows", "Rows to fetch", off, 4, p.le32(off));
                off += 4;
                w.state(Conn.State.RESPONSE_TABULAR);
                c.binaryRows = true;
            }
            case STMT_SEND_LONG_DATA -> {
                long id = p.le32(off);
                w.uintAt(req, "mysql.stmt_id", "Statement ID", off, 4, id);
                off += 4;
                Conn.Stmt st = c.stmts.get(id);
                int param = p.le16(off);
                if (st != null && st.paramFlags.length > param && !c.replay) {
                    st.paramFlags[param] |= 1; // MYSQL_PARAM_FLAG_STREAMED
                }
                w.uintAt(req, "mysql.param", "Parameter", off, 2, param);
                off += 2;
                int rest = p.remaining(off);
                if (rest > 0) {
                    w.bytesAt(req, "mysql.payload", "Payload", off, rest);
                    off += rest;
                }
                w.state(Conn.State.REQUEST);
            }
            case STMT_EXECUTE -> off = execute(w, req, off);
            case BINLOG_DUMP, BINLOG_DUMP_GTID -> {
                w.uintAt(req, "mysql.binlog.position", "Binlog Position", off, 4, p.le32(off));
                off += 4;
                w.hexAt(req, "mysql.binlog.flags", "Binlog Flags", off, 2, p.be16(off), 4);
                off += 2;
                w.hexAt(req, "mysql.binlog.server_id", "Binlog server id", off, 4, p.le32(off), 8);
                off += 4;
                int rest = p.remaining(off);
                if (rest > 0) {
                    w.strAt(req, "mysql.binlog.file_name", "Binlog file name", off, rest);
                    off += rest;
                }
                w.state(Conn.State.REQUEST);
            }
            case TABLE_DUMP, CONNECT_OUT, REGISTER_SLAVE -> {
                w.payload(req, off, "mysql.dissector_incomplete", Tree.Group.UNDECODED, "FIXME: implement replication packets");
                off += Math.max(0, p.remaining(off));
                w.state(Conn.State.REQUEST);
            }
            default -> {
                w.payload(req, off, "mysql.command.invalid", Tree.Group.PROTOCOL, "Unknown/invalid command code");
                off += Math.max(0, p.remaining(off));
                w.state(Conn.State.UNDEFINED);
            }
        }
        req.length(Math.max(0, Math.min(off, p.capEnd()) - start));
        return off;
    }

    /** COM_QUERY's query attributes (CLIENT_QUERY_ATTRIBUTES): the count, then the names and the values. */
    private static int queryAttributes(MysqlWalk w, Tree req, int off) {
        Pdu p = w.pdu();
        Tree qa = w.place(req.none("mysql.query_attrs", "Query Attributes"), off, -1);
        int count = p.u8(off);
        w.uintAt(qa, "mysql.query_attrs_count", "Count", off, 1, count);
        off += 2;
        if (count > 0) {
            int nulls = (count + 7) / 8;
            w.bytesAt(qa, "mysql.unused", "Unused", off, nulls);
            off += nulls;
            int send = p.u8(off);
            w.place(qa.field("mysql.query_attrs_send_types_to_server",
                    "Send types to server: " + (send != 0 ? "True" : "False"), send != 0 ? "1" : "0"), off, 1);
            off++;
            for (int i = 0; i < count; i++) {
                w.hexAt(qa, "mysql.query_attr_name_type", "Attribute Name Type", off, 2, p.be16(off), 4);
                off += 2;
                off = w.lestring(qa, off, "mysql.query_attr_name", "Attribute Name");
            }
            for (int i = 0; i < count; i++) {
                off = w.lestring(qa, off, "mysql.query_attr_value", "Attribute Value");
            }
        }
        return off; // the item keeps its length: the rest of the packet
    }

    private static int changeUser(MysqlWalk w, Tree req, int off) {
        Pdu p = w.pdu();
        Conn c = w.conn();
        int lenstr = p.strsize(off);
        w.strAt(req, "mysql.user", "Username", off, lenstr);
        off += lenstr;
        if ((c.clntCaps & MysqlWalk.CAPS_SC) != 0) {
            lenstr = p.u8(off);
            off++;
        } else {
            lenstr = p.strsize(off);
        }
        w.bytesAt(req, "mysql.passwd", "Password", off, lenstr);
        off += lenstr;
        lenstr = p.mySize(off);
        w.strAt(req, "mysql.schema", "Schema", off, lenstr);
        off += lenstr;
        if (p.remaining(off) > 0) {
            // one byte shown, two skipped
            w.collation(req, c.mariadbServer ? "mariadb.charset" : "mysql.charset", "Charset", off, 1, p.u8(off));
            off += 2;
        }
        w.state(Conn.State.RESPONSE_OK);
        return MysqlLogin.pluginAndAttributes(w, req, off, true);
    }

    /** COM_STMT_EXECUTE: the statement, its flags, and its parameters when its PREPARE response was seen. */
    private static int execute(MysqlWalk w, Tree req, int off) {
        Pdu p = w.pdu();
        Conn c = w.conn();
        long id = p.le32(off);
        w.uintAt(req, "mysql.stmt_id", "Statement ID", off, 4, id);
        off += 4;
        int flags = p.u8(off);
        if (c.majorVersion >= 5) {
            w.namedAt(req, "mysql.exec_flags", "Flags", off, 1, flags, MysqlNames.EXEC_FLAGS);
        } else {
            w.uintAt(req, "mysql.exec_flags", "Flags (unused)", off, 1, flags);
        }
        off++;
        w.uintAt(req, "mysql.exec_iter", "Iterations (unused)", off, 4, p.le32(off));
        off += 4;
        Conn.Stmt st = c.stmts.get(id);
        if (st != null) {
            int n = st.paramFlags.length;
            if (n != 0) {
                off += (n + 7) / 8;
                int bound = p.u8(off);
                w.namedAt(req, "mysql.new_parameter_bound_flag", "New parameter bound flag", off, 1, bound,
                        java.util.Map.of(0, "Subsequent call", 1, "First call or rebound"));
                off++;
                if (bound == 1) {
                    int[] at = {off + n * 2};
                    for (int i = 0; i < n; i++) {
                        if (!param(w, req, off, at, st.paramFlags[i])) {
                            break;
                        }
                        off += 2;
                    }
                    off = at[0];
                }
            }
        } else {
            int rest = p.remaining(off);
            if (rest > 0) {
                w.payload(req, off, "mysql.prepare_response_needed", Tree.Group.UNDECODED,
                        "PREPARE Response packet is needed to dissect the payload");
                off += rest;
            }
        }
        int rest = p.remaining(off);
        if (rest > 0) {
            w.payload(req, off, "mysql.dissector_incomplete", Tree.Group.UNDECODED, "FIXME: execute dissector incomplete");
            off += rest;
        }
        w.state(Conn.State.RESPONSE_TABULAR);
        c.binaryRows = true;
        return off;
    }

    /** One bound parameter: its type and sign, then its value where {@code at[0]} points. */
    private static boolean param(MysqlWalk w, Tree req, int off, int[] at, int flags) {
        Pdu p = w.pdu();
        Tree f = w.place(req.none("mysql.exec_param", "Parameter"), off, 2);
        int type = p.u8(off);
        w.namedAt(f, "mysql.field.type", "Type", off, 1, type, MysqlNames.FIELD_TYPES);
        int unsigned = p.u8(off + 1);
        w.uintAt(f, "mysql.exec.unsigned", "Unsigned", off + 1, 1, unsigned);
        if ((flags & 1) != 0) {
            w.expertAt(f, "mysql.streamed_param", Tree.Severity.CHAT, Tree.Group.PROTOCOL,
                    "This parameter was streamed, its value can be found in Send BLOB packets");
            return true;
        }
        return unsigned == 0 && value(w, f, at, type, false);
    }

    /** A binary value of {@code type} at {@code at[0]} (mysql_exec_dissectors), or false for a type it has no reader for. */
    static boolean value(MysqlWalk w, Tree f, int[] at, int type, boolean unsigned) {
        Pdu p = w.pdu();
        int o = at[0];
        switch (type) {
            case 0x01 -> fixed(w, f, at, unsigned ? "mysql.exec.field.unsigned_tiny" : "mysql.exec.field.tiny",
                    unsigned ? "Value (UINT8)" : "Value (INT8)", 1, unsigned ? p.u8(o) : (byte) p.u8(o));
            case 0x02 -> fixed(w, f, at, unsigned ? "mysql.exec.field.unsigned_short" : "mysql.exec.field.short",
                    unsigned ? "Value (UINT16)" : "Value (INT16)", 2, unsigned ? p.le16(o) : (short) p.le16(o));
            case 0x03 -> fixed(w, f, at, unsigned ? "mysql.exec.field.unsigned_long" : "mysql.exec.field.long",
                    unsigned ? "Value (UINT32)" : "Value (INT32)", 4, unsigned ? p.le32(o) : (int) p.le32(o));
            case 0x08 -> {
                long v = p.le64(o);
                w.place(f.field(unsigned ? "mysql.exec.field.unsigned_longlong" : "mysql.exec.field.longlong",
                        (unsigned ? "Value (UINT64): " + Long.toUnsignedString(v) : "Value (INT64): " + v),
                        unsigned ? Long.toUnsignedString(v) : Long.toString(v)), o, 8);
                at[0] += 8;
            }
            case 0x04 -> {
                float v = Float.intBitsToFloat((int) p.le32(o));
                w.place(f.field("mysql.exec.field.float", "Value (Float): " + v, Float.toString(v)), o, 4);
                at[0] += 4;
            }
            case 0x05 -> {
                double v = Double.longBitsToDouble(p.le64(o));
                w.place(f.field("mysql.exec.field.double", "Value (Double): " + v, Double.toString(v)), o, 8);
                at[0] += 8;
            }
            case 0x06 -> { }
            case 0x0d -> fixed(w, f, at, "mysql.exec.field.year", "Year", 2, (short) p.le16(o));
            case 0x07, 0x0a, 0x0c -> {
                int len = p.u8(o);
                w.uintAt(f, "mysql.exec.field.datetime.length", "Length", o, 1, len);
                o++;
                if (len >= 2) {
                    w.uintAt(f, "mysql.exec.field.year", "Year", o, 2, (short) p.le16(o));
                }
                if (len >= 4) {
                    w.uintAt(f, "mysql.exec.field.month", "Month", o + 2, 1, p.u8(o + 2));
                    w.uintAt(f, "mysql.exec.field.day", "Day", o + 3, 1, p.u8(o + 3));
                }
                if (len >= 7) {
                    w.uintAt(f, "mysql.exec.field.hour", "Hour", o + 4, 1, p.u8(o + 4));
                    w.uintAt(f, "mysql.exec.field.minute", "Minute", o + 5, 1, p.u8(o + 5));
                    w.uintAt(f, "mysql.exec.field.second", "Second", o + 6, 1, p.u8(o + 6));
                }
                if (len >= 11) {
                    w.uintAt(f, "mysql.exec.field.secondb", "Billionth of a second", o + 7, 4, (int) p.le32(o + 7));
                }
                at[0] = o + len;
            }
            case 0x0b -> {
                int len = p.u8(o);
                w.uintAt(f, "mysql.exec.field.time.length", "Length", o, 1, len);
                o++;
                if (len >= 1) {
                    w.namedAt(f, "mysql.exec.field.time.sign", "Flags", o, 1, p.u8(o), java.util.Map.of(0, "Positive", 1, "Negative"));
                }
                if (len >= 5) {
                    w.uintAt(f, "mysql.exec.field.time.days", "Days", o + 1, 4, (int) p.le32(o + 1));
                }
                if (len >= 8) {
                    w.uintAt(f, "mysql.exec.field.hour", "Hour", o + 5, 1, p.u8(o + 5));
                    w.uintAt(f, "mysql.exec.field.minute", "Minute", o + 6, 1, p.u8(o + 6));
                    w.uintAt(f, "mysql.exec.field.second", "Second", o + 7, 1, p.u8(o + 7));
                }
                if (len >= 12) {
                    w.uintAt(f, "mysql.exec.field.secondb", "Billionth of a second", o + 8, 4, (int) p.le32(o + 8));
                }
                at[0] = o + len;
            }
            case 0xf6, 0xfc, 0xfd, 0xfe -> {
                // an FT_UINT_STRING: a 1-byte length, or 0xfc / 0xfd and a 2- or 3-byte one
                int first = p.u8(o);
                int size = first == 0xfc ? 2 : first == 0xfd ? 3 : 1;
                int lenAt = size == 1 ? o : o + 1;
                int len = size == 1 ? first : size == 2 ? p.le16(lenAt) : p.le24(lenAt);
                w.pdu().need(lenAt + size, len);
                String v = w.asciiAt(lenAt + size, len);
                w.place(f.string("mysql.exec.field.string", "Value (String)", v), lenAt, size + len);
                at[0] = lenAt + size + len;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void fixed(MysqlWalk w, Tree f, int[] at, String key, String name, int len, long v) {
        w.place(f.field(key, name + ": " + v, Long.toString(v)), at[0], len);
        w.pdu().need(at[0], len);
        at[0] += len;
    }

    /** The OK of a COM_STMT_PREPARE: the statement's id and its numbers of columns and parameters. */
    static int prepareResponse(MysqlWalk w, Tree t, int off) {
        Pdu p = w.pdu();
        Conn c = w.conn();
        long id = p.le32(off);
        w.uintAt(t, "mysql.stmt_id", "Statement ID", off, 4, id);
        c.stmtId = id;
        off += 4;
        int fields = p.le16(off);
        w.uintAt(t, "mysql.num_fields", "Number of fields", off, 2, fields);
        off += 2;
        int params = p.le16(off);
        w.uintAt(t, "mysql.num_params", "Number of parameter", off, 2, params);
        if (!c.replay && (c.stmts.size() < Conn.MAX_STMTS || c.stmts.containsKey(id))) {
            c.stmts.put(id, new Conn.Stmt(params, fields));
        }
        Conn.Stmt st = c.stmts.get(id);
        if (st != null) {
            c.fieldTypes = st.fieldTypes;
            c.fieldFlags = st.fieldFlags;
        }
        off += 3;
        w.uintAt(t, "mysql.warnings", "Warnings", off, 2, p.le16(off));
        if (params > 0) {
            c.remainingFields = params;
            w.state(Conn.State.PREPARED_PARAMETERS);
        } else if (fields > 0) {
            c.remainingFields = fields;
            w.state(Conn.State.PREPARED_FIELDS);
        } else {
            c.remainingFields = 0;
            w.state(Conn.State.REQUEST);
        }
        return off + Math.max(0, p.remaining(off));
    }

    /** A row of a binary result set: the NULL bitmap, then each column that is not NULL. */
    static int binaryRow(MysqlWalk w, Tree t, int off) {
        Pdu p = w.pdu();
        Conn c = w.conn();
        if (c.fieldTypes == null || c.fieldTypes.length == 0) {
            return off;
        }
        int n = c.fieldTypes.length;
        int nullLen = (n + 9) / 8;
        w.bytesAt(t, "mysql.row.nullbuffer", "Row null buffer", off, nullLen);
        int bitmap = off;
        off += nullLen;
        for (int i = 0; i < n; i++) {
            if ((p.u8(bitmap + (i + 2) / 8) & 1 << ((i + 2) % 8)) == 0) {
                if (p.remaining(off) > 0) {
                    int[] at = {off};
                    if (!value(w, t, at, c.fieldTypes[i], (c.fieldFlags[i] & 0x20) != 0)) {
                        break;
                    }
                    off = at[0];
                }
            } else {
                w.place(t.none("mysql.exec.field.null", "Value: -NULL-"), off, 0);
            }
        }
        return off;
    }
}

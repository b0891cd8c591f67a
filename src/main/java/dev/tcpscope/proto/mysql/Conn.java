package dev.tcpscope.proto.mysql;

import java.util.HashMap;
import java.util.Map;

/**
 * What packet-mysql.c (Wireshark 4.0.17) keeps for one MySQL conversation ({@code
 * mysql_conn_data_t}): the capabilities both sides announced, whether the server or client is
 * MariaDB, the state that decides how the next PDU is read ({@link State}, {@code mysql_state_t}),
 * the result set being read and the prepared statements. A PDU's dissection starts from a copy
 * of it taken before the PDU ({@link #copy()}), so that the tree of a frame can be built again
 * from the state its first dissection saw, as tshark's per-PDU frame data does.
 */
final class Conn {
    /** mysql_state_t: how the next PDU of the conversation is read. */
    enum State {
        UNDEFINED("undefined"), LOGIN("login"), REQUEST("request"), RESPONSE_OK("response OK"),
        RESPONSE_ERROR("response ERROR"), RESPONSE_EOF("response EOF"), INTERMEDIATE_EOF("intermediate EOF"),
        RESPONSE_MESSAGE("response message"), RESPONSE_TABULAR("tabular response"),
        RESPONSE_SHOW_FIELDS("response to SHOW FIELDS"), FIELD_PACKET("field packet"), ROW_PACKET("row packet"),
        COLUMN_COUNT("column count"), RESPONSE_PREPARE("response to PREPARE"),
        PREPARED_PARAMETERS("parameters in response to PREPARE"), PREPARED_FIELDS("fields in response to PREPARE"),
        AUTH_SWITCH_REQUEST("authentication switch request"), AUTH_SWITCH_RESPONSE("authentication switch response");

        /** state_vals: the text after "MySQL Protocol - ". */
        final String text;

        State(String text) {
            this.text = text;
        }
    }

    /** A prepared statement (my_stmt_data_t): its parameters' flags and its result columns' types and flags. */
    static final class Stmt {
        final int[] paramFlags;
        final int[] fieldTypes;
        final int[] fieldFlags;

        Stmt(int params, int fields) {
            paramFlags = new int[params];
            fieldTypes = new int[fields];
            fieldFlags = new int[fields];
        }
    }

    /** Prepared statements remembered per conversation (bounded: a statement id is 32 bits). */
    static final int MAX_STMTS = 4096;

    int srvCaps, srvCapsExt, clntCaps, clntCapsExt;
    int majorVersion;
    boolean mariadbServer, mariadbClient;
    long mariadbServerExt, mariadbClientExt;
    int frameStartSsl;
    int frameStartCompressed;
    /** 0 none, 1 set up by the login, 2 active (MYSQL_COMPRESS_*). */
    int compressedState;
    State state = State.UNDEFINED;
    boolean binaryRows;
    long stmtId;
    long remainingFields;
    /** The current result set's column types and flags (field_metas), or null. */
    int[] fieldTypes, fieldFlags;
    /** Shared by every copy: statements are only added, on the first dissection. */
    Map<Long, Stmt> stmts = new HashMap<>();
    /** A copy that only builds a tree again: the shared statements are left as they are. */
    boolean replay;

    Conn copy() {
        Conn c = new Conn();
        c.srvCaps = srvCaps;
        c.srvCapsExt = srvCapsExt;
        c.clntCaps = clntCaps;
        c.clntCapsExt = clntCapsExt;
        c.majorVersion = majorVersion;
        c.mariadbServer = mariadbServer;
        c.mariadbClient = mariadbClient;
        c.mariadbServerExt = mariadbServerExt;
        c.mariadbClientExt = mariadbClientExt;
        c.frameStartSsl = frameStartSsl;
        c.frameStartCompressed = frameStartCompressed;
        c.compressedState = compressedState;
        c.state = state;
        c.binaryRows = binaryRows;
        c.stmtId = stmtId;
        c.remainingFields = remainingFields;
        c.fieldTypes = fieldTypes;
        c.fieldFlags = fieldFlags;
        c.stmts = stmts;
        return c;
    }
}

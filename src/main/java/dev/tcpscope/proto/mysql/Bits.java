package dev.tcpscope.proto.mysql;

/**
 * The bitmask groups of packet-mysql.c (proto_tree_add_bitmask_with_flags, BMT_NO_APPEND): each
 * flag's filter name, title and mask, in Wireshark 4.0.17's order. A flag whose mask spans more
 * than one bit is an unsigned field ("Unused: 0x3"), the others booleans ("Set" / "Not set").
 */
final class Bits {
    private Bits() { }

    record Flag(String key, String name, int mask) { }

    static final Flag[] CAPS = {
        new Flag("mysql.caps.lp", "Long Password", 0x0001),
        new Flag("mysql.caps.fr", "Found Rows", 0x0002),
        new Flag("mysql.caps.lf", "Long Column Flags", 0x0004),
        new Flag("mysql.caps.cd", "Connect With Database", 0x0008),
        new Flag("mysql.caps.ns", "Don't Allow database.table.column", 0x0010),
        new Flag("mysql.caps.cp", "Can use compression protocol", 0x0020),
        new Flag("mysql.caps.ob", "ODBC Client", 0x0040),
        new Flag("mysql.caps.li", "Can Use LOAD DATA LOCAL", 0x0080),
        new Flag("mysql.caps.is", "Ignore Spaces before '('", 0x0100),
        new Flag("mysql.caps.cu", "Speaks 4.1 protocol (new flag)", 0x0200),
        new Flag("mysql.caps.ia", "Interactive Client", 0x0400),
        new Flag("mysql.caps.sl", "Switch to SSL after handshake", 0x0800),
        new Flag("mysql.caps.ii", "Ignore sigpipes", 0x1000),
        new Flag("mysql.caps.ta", "Knows about transactions", 0x2000),
        new Flag("mysql.caps.rs", "Speaks 4.1 protocol (old flag)", 0x4000),
        new Flag("mysql.caps.sc", "Can do 4.1 authentication", 0x8000),
    };

    static final Flag[] EXTCAPS = {
        new Flag("mysql.caps.ms", "Multiple statements", 0x0001),
        new Flag("mysql.caps.mr", "Multiple results", 0x0002),
        new Flag("mysql.caps.pm", "PS Multiple results", 0x0004),
        new Flag("mysql.caps.pa", "Plugin Auth", 0x0008),
        new Flag("mysql.caps.ca", "Connect attrs", 0x0010),
        // packet-mysql.c 4.0 registers this flag under the abbreviation of 0x0004 again
        new Flag("mysql.caps.pm", "Plugin Auth LENENC Client Data", 0x0020),
        new Flag("mysql.caps.ep", "Client can handle expired passwords", 0x0040),
        new Flag("mysql.caps.session_track", "Session variable tracking", 0x0080),
        new Flag("mysql.caps.deprecate_eof", "Deprecate EOF", 0x0100),
        new Flag("mysql.caps.optional_metadata", "Client can hanle optional resultset metadata", 0x0200),
        new Flag("mysql.caps.compress_zsd", "ZSTD Compression Algorithm", 0x0400),
        new Flag("mysql.caps.query_attrs", "Query Attributes", 0x0800),
        new Flag("mysql.caps.mf_auth", "Multifactor Authentication", 0x1000),
        new Flag("mysql.caps.cap_ext", "Capability Extension", 0x2000),
        new Flag("mysql.caps.unused", "Unused", 0xc000),
    };

    static final Flag[] STATUS = {
        new Flag("mysql.stat.it", "In transaction", 0x0001),
        new Flag("mysql.stat.ac", "AUTO_COMMIT", 0x0002),
        new Flag("mysql.stat.mu", "Multi query / Unused", 0x0004),
        new Flag("mysql.stat.mr", "More results", 0x0008),
        new Flag("mysql.stat.bi", "Bad index used", 0x0010),
        new Flag("mysql.stat.ni", "No index used", 0x0020),
        new Flag("mysql.stat.cr", "Cursor exists", 0x0040),
        new Flag("mysql.stat.lr", "Last row sent", 0x0080),
        new Flag("mysql.stat.dr", "Database dropped", 0x0100),
        new Flag("mysql.stat.bs", "No backslash escapes", 0x0200),
        new Flag("mysql.stat.mc", "Metadata changed", 0x0400),
        new Flag("mysql.stat.query_was_slow", "Query was slow", 0x0800),
        new Flag("mysql.stat.ps_out_params", "PS Out Params", 0x1000),
        new Flag("mysql.stat.trans_readonly", "In Trans Readonly", 0x2000),
        new Flag("mysql.stat.session_state_changed", "Session state changed", 0x4000),
    };

    static final Flag[] MARIADB_EXTCAPS = {
        new Flag("mariadb.caps.pr", "Progress indication", 0x0001),
        new Flag("mariadb.caps.cm", "Multi commands", 0x0002),
        new Flag("mariadb.caps.bo", "Bulk Operations", 0x0004),
        new Flag("mariadb.caps.em", "Extended metadata", 0x0008),
        new Flag("mariadb.caps.me", "Cache metadata", 0x0010),
    };

    static final Flag[] FIELD_FLAGS = {
        new Flag("mysql.field.flags.not_null", "Not null", 0x0001),
        new Flag("mysql.field.flags.primary_key", "Primary key", 0x0002),
        new Flag("mysql.field.flags.unique_key", "Unique key", 0x0004),
        new Flag("mysql.field.flags.multiple_key", "Multiple key", 0x0008),
        new Flag("mysql.field.flags.blob", "Blob", 0x0010),
        new Flag("mysql.field.flags.unsigned", "Unsigned", 0x0020),
        new Flag("mysql.field.flags.zero_fill", "Zero fill", 0x0040),
        new Flag("mysql.field.flags.enum", "Enum", 0x0100),
        new Flag("mysql.field.flags.auto_increment", "Auto increment", 0x0200),
        new Flag("mysql.field.flags.timestamp", "Timestamp", 0x0400),
        new Flag("mysql.field.flags.set", "Set", 0x0800),
    };

    static final Flag[] REFRESH = {
        new Flag("mysql.rfsh.grants", "reload permissions", 0x01),
        new Flag("mysql.rfsh.log", "flush logfiles", 0x02),
        new Flag("mysql.rfsh.tables", "flush tables", 0x04),
        new Flag("mysql.rfsh.hosts", "flush hosts", 0x08),
        new Flag("mysql.rfsh.status", "reset statistics", 0x10),
        new Flag("mysql.rfsh.threads", "empty thread cache", 0x20),
        new Flag("mysql.rfsh.slave", "flush slave status", 0x40),
        new Flag("mysql.rfsh.master", "flush master status", 0x80),
    };
}

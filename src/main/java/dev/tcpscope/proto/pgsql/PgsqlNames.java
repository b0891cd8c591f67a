package dev.tcpscope.proto.pgsql;

/** packet-pgsql.c's value strings: message types by direction, authentication types, error and notice fields. */
final class PgsqlNames {
    private PgsqlNames() { }

    static String frontend(int type) {
        return switch (type) {
            case 'p' -> "Authentication message";
            case 'Q' -> "Simple query";
            case 'P' -> "Parse";
            case 'B' -> "Bind";
            case 'E' -> "Execute";
            case 'D' -> "Describe";
            case 'C' -> "Close";
            case 'H' -> "Flush";
            case 'S' -> "Sync";
            case 'F' -> "Function call";
            case 'd' -> "Copy data";
            case 'c' -> "Copy completion";
            case 'f' -> "Copy failure";
            case 'X' -> "Termination";
            default -> "Unknown";
        };
    }

    static String backend(int type) {
        return switch (type) {
            case 'R' -> "Authentication request";
            case 'K' -> "Backend key data";
            case 'S' -> "Parameter status";
            case '1' -> "Parse completion";
            case '2' -> "Bind completion";
            case '3' -> "Close completion";
            case 'C' -> "Command completion";
            case 't' -> "Parameter description";
            case 'T' -> "Row description";
            case 'D' -> "Data row";
            case 'I' -> "Empty query";
            case 'n' -> "No data";
            case 'E' -> "Error";
            case 'N' -> "Notice";
            case 's' -> "Portal suspended";
            case 'Z' -> "Ready for query";
            case 'A' -> "Notification";
            case 'V' -> "Function call response";
            case 'G' -> "CopyIn response";
            case 'H' -> "CopyOut response";
            case 'd' -> "Copy data";
            case 'c' -> "Copy completion";
            case 'v' -> "Negotiate protocol version";
            default -> "Unknown";
        };
    }

    /** The authentication type's name, or null for one packet-pgsql.c does not know. */
    static String auth(long type) {
        return switch ((int) Math.min(type, Integer.MAX_VALUE)) {
            case 0 -> "Success";
            case 1 -> "Kerberos V4";
            case 2 -> "Kerberos V5";
            case 3 -> "Plaintext password";
            case 4 -> "crypt()ed password";
            case 5 -> "MD5 password";
            case 6 -> "SCM credentials";
            case 7 -> "GSSAPI";
            case 8 -> "GSSAPI/SSPI continue";
            case 9 -> "SSPI";
            case 10 -> "SASL";
            case 11 -> "SASL continue";
            case 12 -> "SASL complete";
            default -> null;
        };
    }

    /** The field (filter name and title) of an error or notice field by its code byte; "Text" for an unknown one. */
    static String[] errorField(int code) {
        return switch (code) {
            case 'S' -> new String[] {"pgsql.severity", "Severity"};
            case 'C' -> new String[] {"pgsql.code", "Code"};
            case 'M' -> new String[] {"pgsql.message", "Message"};
            case 'D' -> new String[] {"pgsql.detail", "Detail"};
            case 'H' -> new String[] {"pgsql.hint", "Hint"};
            case 'P' -> new String[] {"pgsql.position", "Position"};
            case 'p' -> new String[] {"pgsql.internal_position", "Position (Internal)"};
            case 'q' -> new String[] {"pgsql.internal_query", "Query (Internal)"};
            case 'W' -> new String[] {"pgsql.where", "Context"};
            case 's' -> new String[] {"pgsql.schema_name", "Schema"};
            case 't' -> new String[] {"pgsql.table_name", "Table"};
            case 'c' -> new String[] {"pgsql.column_name", "Column"};
            case 'd' -> new String[] {"pgsql.type_name", "Type"};
            case 'n' -> new String[] {"pgsql.constraint_name", "Constraint"};
            case 'F' -> new String[] {"pgsql.file", "File"};
            case 'L' -> new String[] {"pgsql.line", "Line"};
            case 'R' -> new String[] {"pgsql.routine", "Routine"};
            default -> new String[] {"pgsql.text", "Text"};
        };
    }
}

package dev.tcpscope.proto.pgsql;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-pgsql.c's fields with Wireshark's names, titles and types ({@code tshark -G fields});
 * their values are the detail tree's items of the frame.
 */
public final class PgsqlFields {
    private PgsqlFields() { }

    public static List<Field> all() {
        return List.of(
                f("pgsql", "PostgreSQL", FieldType.PROTOCOL, 0),
                f("pgsql.frontend", "Frontend", FieldType.BOOLEAN, 0),
                f("pgsql.type", "Type", FieldType.STRING, 0),
                f("pgsql.length", "Length", FieldType.UINT, 32),
                f("pgsql.version_major", "Protocol major version", FieldType.UINT, 16),
                f("pgsql.version_minor", "Protocol minor version", FieldType.UINT, 16),
                f("pgsql.version_supported_minor", "Supported minor version", FieldType.UINT, 32),
                f("pgsql.number_nonsupported_options", "Number nonsupported options", FieldType.INT, 32),
                f("pgsql.nonsupported_option", "Nonsupported option", FieldType.STRING, 0),
                f("pgsql.parameter_name", "Parameter name", FieldType.STRING, 0),
                f("pgsql.parameter_value", "Parameter value", FieldType.STRING, 0),
                f("pgsql.query", "Query", FieldType.STRING, 0),
                f("pgsql.password", "Password", FieldType.STRING, 0),
                f("pgsql.authtype", "Authentication type", FieldType.UINT, 32),
                f("pgsql.salt", "Salt value", FieldType.BYTES, 0),
                f("pgsql.auth.gssapi_sspi.data", "GSSAPI or SSPI data", FieldType.BYTES, 0),
                f("pgsql.auth.sasl.mech", "SASL authentication mechanism", FieldType.STRING, 0),
                f("pgsql.auth.sasl.data.length", "SASL authentication data length", FieldType.INT, 32),
                f("pgsql.auth.sasl.data", "SASL authentication data", FieldType.BYTES, 0),
                f("pgsql.statement", "Statement", FieldType.STRING, 0),
                f("pgsql.portal", "Portal", FieldType.STRING, 0),
                f("pgsql.returns", "Returns", FieldType.UINT, 32),
                f("pgsql.tag", "Tag", FieldType.STRING, 0),
                f("pgsql.status", "Status", FieldType.UINT, 8),
                f("pgsql.copydata", "Copy data", FieldType.BYTES, 0),
                f("pgsql.error", "Error", FieldType.STRING, 0),
                f("pgsql.pid", "PID", FieldType.UINT, 32),
                f("pgsql.key", "Key", FieldType.UINT, 32),
                f("pgsql.condition", "Condition", FieldType.STRING, 0),
                f("pgsql.text", "Text", FieldType.STRING, 0),
                f("pgsql.oid.table", "Table OID", FieldType.UINT, 32),
                f("pgsql.oid.type", "Type OID", FieldType.UINT, 32),
                f("pgsql.oid", "OID", FieldType.UINT, 32),
                f("pgsql.format", "Format", FieldType.UINT, 16),
                f("pgsql.field.count", "Field count", FieldType.UINT, 16),
                f("pgsql.col.name", "Column name", FieldType.STRING, 0),
                f("pgsql.col.index", "Column index", FieldType.UINT, 32),
                f("pgsql.val.length", "Column length", FieldType.INT, 32),
                f("pgsql.val.data", "Data", FieldType.BYTES, 0),
                f("pgsql.col.typemod", "Type modifier", FieldType.INT, 32),
                f("pgsql.severity", "Severity", FieldType.STRING, 0),
                f("pgsql.code", "Code", FieldType.STRING, 0),
                f("pgsql.message", "Message", FieldType.STRING, 0),
                f("pgsql.detail", "Detail", FieldType.STRING, 0),
                f("pgsql.hint", "Hint", FieldType.STRING, 0),
                f("pgsql.position", "Position", FieldType.STRING, 0),
                f("pgsql.internal_position", "Position (Internal)", FieldType.STRING, 0),
                f("pgsql.internal_query", "Query (Internal)", FieldType.STRING, 0),
                f("pgsql.where", "Context", FieldType.STRING, 0),
                f("pgsql.schema_name", "Schema", FieldType.STRING, 0),
                f("pgsql.table_name", "Table", FieldType.STRING, 0),
                f("pgsql.column_name", "Column", FieldType.STRING, 0),
                f("pgsql.type_name", "Type", FieldType.STRING, 0),
                f("pgsql.constraint_name", "Constraint", FieldType.STRING, 0),
                f("pgsql.file", "File", FieldType.STRING, 0),
                f("pgsql.line", "Line", FieldType.STRING, 0),
                f("pgsql.routine", "Routine", FieldType.STRING, 0));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, PgsqlFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Pgsql p = Collected.dissector(d, "pgsql", Pgsql.class);
        return p == null ? null : p.fields(d.frame().number());
    }
}

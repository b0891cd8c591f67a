package dev.tcpscope.proto.pgsql;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * One PostgreSQL message as packet-pgsql.c's dissect_pgsql_msg reads it: the Info text it appends
 * (when {@code info} is given), its tree, and what it changes in the conversation. Every read is
 * bounds-checked by {@link Tvb}: a read past the message ends the walk as Wireshark's exception does.
 */
final class PgsqlWalk {
    static final int AUTH_NONE = 0, AUTH_SASL_REQUESTED = 1, AUTH_SASL_CONTINUE = 2, AUTH_GSSAPI_SSPI = 3;

    private final Tvb b;
    private final boolean fe;
    private final Pgsql.Conv conv;
    private final boolean first;
    private final StringBuilder info;
    /** The conversation's authentication state before this message (the tree's replay needs it). */
    final int authStateBefore;

    PgsqlWalk(Tvb b, boolean frontend, Pgsql.Conv conv, boolean first, StringBuilder info) {
        this.b = b;
        this.fe = frontend;
        this.conv = conv;
        this.first = first;
        this.info = info;
        this.authStateBefore = conv.authState;
    }

    void walk(Tree root) {
        int type = b.u8(0);
        int n = type != 0 ? 1 : 0;
        long length = b.u32(n);
        String typeName;
        if (fe) {
            if (type == 0) {
                long tag = b.u32(4);
                if (length == 16 && tag == 80877102) {
                    typeName = "Cancel request";
                } else if (length == 8 && tag == 80877103) {
                    typeName = "SSL request";
                } else if (length == 8 && tag == 80877104) {
                    typeName = "GSS encrypt request";
                } else if (tag == 196608) {
                    typeName = "Startup message";
                } else {
                    typeName = "Unknown";
                }
            } else if (type == 'p') {
                typeName = switch (conv.authState) {
                    case AUTH_SASL_REQUESTED -> "SASLInitialResponse message";
                    case AUTH_SASL_CONTINUE -> "SASLResponse message";
                    case AUTH_GSSAPI_SSPI -> "GSSResponse message";
                    default -> "Password message";
                };
            } else {
                typeName = PgsqlNames.frontend(type);
            }
        } else {
            typeName = PgsqlNames.backend(type);
        }
        if (info != null) {
            // "%s%c": a type byte of 0 ends the C string there
            if (!first) {
                info.append('/');
            }
            if (type != 0) {
                // a byte past ASCII is no UTF-8 on its own: the column shows U+FFFD for it
                info.append(type < 0x80 ? (char) type : '\uFFFD');
            }
        }
        Tree p = b.at(root.protocol("pgsql", "PostgreSQL"), 0, b.cap);
        b.at(p.string("pgsql.type", "Type", typeName), 0, type == 0 ? 0 : 1);
        b.need(n, 4);
        b.at(p.field("pgsql.length", "Length: " + length, Long.toString(length)), n, 4);
        b.at(p.field("pgsql.frontend", "Frontend: " + (fe ? "True" : "False"), fe ? "1" : "0").hide(), 0, 0);
        n += 4;
        if (fe) {
            frontend(type, length, n, p);
        } else {
            backend(type, length, n, p);
        }
    }

    private int strsize(int off) {
        int nul = b.find(off, b.cap - off, 0);
        if (nul < 0) {
            b.need(off, Math.max(0, b.cap - off) + 1); // throws: the string runs past the bytes
        }
        return nul - off + 1;
    }

    /** An FT_STRINGZ item of {@code siz} bytes (its NUL included) at {@code off}. */
    private Tree stringz(Tree t, String key, String title, int off, int siz) {
        b.need(off, siz);
        return b.at(t.string(key, title, Text.ascii(b.s, b.base + off, siz)), off, siz);
    }

    private Tree u32(Tree t, String key, String title, int off) {
        long v = b.u32(off);
        return b.at(t.field(key, title + ": " + v, Long.toString(v)), off, 4);
    }

    private Tree u16(Tree t, String key, String title, int off) {
        int v = b.u16(off);
        return b.at(t.field(key, title + ": " + v, Integer.toString(v)), off, 2);
    }

    private Tree int32(Tree t, String key, String title, int off, int v) {
        return b.at(t.field(key, title + ": " + v, Integer.toString(v)), off, 4);
    }

    private Tree format(Tree t, int off, int len) {
        int v = len == 1 ? b.u8(off) : b.u16(off);
        String name = v == 0 ? "Text" : v == 1 ? "Binary" : "Unknown";
        return b.at(t.field("pgsql.format", "Format: " + name + " (" + v + ")", Integer.toString(v)), off, len);
    }

    private Tree bytes(Tree t, String key, String title, int off, int len) {
        b.need(off, len);
        return b.at(t.bytes(key, title, b.s, b.base + off, len), off, len);
    }

    private Tree subtree(Tree t, String label, int off, int len) {
        return b.at(t.text(label), off, len);
    }

    private void frontend(int type, long length, int n, Tree t) {
        switch (type) {
            case 'p' -> {
                switch (conv.authState) {
                    case AUTH_SASL_REQUESTED -> {
                        int siz = strsize(n);
                        stringz(t, "pgsql.auth.sasl.mech", "SASL authentication mechanism", n, siz);
                        n += siz;
                        int dl = (int) b.u32(n);
                        int32(t, "pgsql.auth.sasl.data.length", "SASL authentication data length", n, dl);
                        n += 4;
                        if (dl != 0) {
                            bytes(t, "pgsql.auth.sasl.data", "SASL authentication data", n, dl);
                        }
                    }
                    case AUTH_SASL_CONTINUE -> bytes(t, "pgsql.auth.sasl.data", "SASL authentication data", n, (int) (length - 4));
                    case AUTH_GSSAPI_SSPI -> bytes(t, "pgsql.auth.gssapi_sspi.data", "GSSAPI or SSPI data", n, (int) (length - 4));
                    default -> stringz(t, "pgsql.password", "Password", n, strsize(n));
                }
            }
            case 'Q' -> stringz(t, "pgsql.query", "Query", n, strsize(n));
            case 'P' -> {
                int siz = strsize(n);
                stringz(t, "pgsql.statement", "Statement", n, siz);
                n += siz;
                siz = strsize(n);
                stringz(t, "pgsql.query", "Query", n, siz);
                n += siz;
                typeOids(t, n);
            }
            case 'B' -> {
                int siz = strsize(n);
                stringz(t, "pgsql.portal", "Portal", n, siz);
                n += siz;
                siz = strsize(n);
                stringz(t, "pgsql.statement", "Statement", n, siz);
                n += siz;
                n = formats(t, "Parameter formats: ", n);
                n = values(t, "Parameter values: ", n);
                formats(t, "Result formats: ", n);
            }
            case 'E' -> {
                int siz = strsize(n);
                stringz(t, "pgsql.portal", "Portal", n, siz);
                n += siz;
                long i = b.u32(n);
                String label = i == 0 ? "Returns: all rows" : "Returns: " + (int) i + " rows";
                b.at(t.field("pgsql.returns", label, Long.toString(i)), n, 4);
            }
            case 'D', 'C' -> {
                int c = b.u8(n);
                n += 1;
                int siz = strsize(n);
                if (c == 'P') {
                    stringz(t, "pgsql.portal", "Portal", n, siz);
                } else {
                    stringz(t, "pgsql.statement", "Statement", n, siz);
                }
            }
            case 0 -> {
                long i = b.u32(n);
                n += 4;
                long left = length - n;
                if (i == 196608) {
                    u16(t, "pgsql.version_major", "Protocol major version", n - 4);
                    u16(t, "pgsql.version_minor", "Protocol minor version", n - 2);
                    while ((int) left > 0) {
                        int siz = strsize(n);
                        left -= siz;
                        if ((int) left <= 0) {
                            break;
                        }
                        stringz(t, "pgsql.parameter_name", "Parameter name", n, siz);
                        int vs = strsize(n + siz);
                        stringz(t, "pgsql.parameter_value", "Parameter value", n + siz, vs);
                        left -= vs;
                        n += siz + vs;
                        if (left == 1 && b.u8(n) == 0) {
                            break;
                        }
                    }
                } else if (i == 80877103) {
                    conv.sslRequested = true; // the next answer is one byte
                } else if (i == 80877102) {
                    u32(t, "pgsql.pid", "PID", n);
                    u32(t, "pgsql.key", "Key", n + 4);
                }
            }
            case 'd' -> bytes(t, "pgsql.copydata", "Copy data", n, (int) (length - n + 1));
            case 'f' -> stringz(t, "pgsql.error", "Error", n, strsize(n));
            case 'F' -> {
                u32(t, "pgsql.oid", "OID", n);
                n += 4;
                n = formats(t, "Parameter formats: ", n);
                n = values(t, "Parameter values: ", n);
                format(t, n, 2);
            }
            default -> { }
        }
    }

    /** A count of 16 bits and as many type OIDs, under a "Parameters: N" text item (Parse, Parameter description). */
    private void typeOids(Tree t, int n) {
        int i = b.u16(n);
        Tree shrub = subtree(t, "Parameters: " + i, n, 2);
        n += 2;
        while (i-- > 0) {
            u32(shrub, "pgsql.oid.type", "Type OID", n);
            n += 4;
        }
    }

    /** A count of 16 bits and as many formats, under a text item. */
    private int formats(Tree t, String label, int n) {
        int i = b.u16(n);
        Tree shrub = subtree(t, label + i, n, 2);
        n += 2;
        while (i-- > 0) {
            format(shrub, n, 2);
            n += 2;
        }
        return n;
    }

    /** A count of 16 bits and as many length-prefixed values, under a text item. */
    private int values(Tree t, String label, int n) {
        int i = b.u16(n);
        return lengthValues(subtree(t, label + i, n, 2), n + 2, i);
    }

    /** {@code count} values from {@code n}, each a signed 32-bit length (-1: NULL) and that many bytes; where they end. */
    private int lengthValues(Tree shrub, int n, int count) {
        while (count-- > 0) {
            int siz = (int) b.u32(n);
            int32(shrub, "pgsql.val.length", "Column length", n, siz);
            n += 4;
            if (siz > 0) {
                bytes(shrub, "pgsql.val.data", "Data", n, siz);
                n += siz;
            }
        }
        return n;
    }

    private void backend(int type, long length, int n, Tree t) {
        switch (type) {
            case 'R' -> {
                long auth = b.u32(n);
                String name = PgsqlNames.auth(auth);
                b.at(t.field("pgsql.authtype", "Authentication type: " + (name == null ? "Unknown" : name) + " (" + auth + ")",
                        Long.toString(auth)), n, 4);
                if (auth == 4 || auth == 5) {
                    n += 4;
                    bytes(t, "pgsql.salt", "Salt value", n, auth == 4 ? 2 : 4);
                } else if (auth == 8) {
                    conv.authState = AUTH_GSSAPI_SSPI;
                    bytes(t, "pgsql.auth.gssapi_sspi.data", "GSSAPI or SSPI data", n, (int) (length - 8));
                } else if (auth == 10) {
                    conv.authState = AUTH_SASL_REQUESTED;
                    n += 4;
                    while (Integer.toUnsignedLong(n) < length) {
                        int siz = strsize(n);
                        stringz(t, "pgsql.auth.sasl.mech", "SASL authentication mechanism", n, siz);
                        n += siz;
                    }
                } else if (auth == 11 || auth == 12) {
                    conv.authState = AUTH_SASL_CONTINUE;
                    n += 4;
                    if (Integer.toUnsignedLong(n) < length) {
                        bytes(t, "pgsql.auth.sasl.data", "SASL authentication data", n, (int) (length - 8));
                    }
                }
            }
            case 'K' -> {
                u32(t, "pgsql.pid", "PID", n);
                u32(t, "pgsql.key", "Key", n + 4);
            }
            case 'S' -> {
                int siz = strsize(n);
                stringz(t, "pgsql.parameter_name", "Parameter name", n, siz);
                n += siz;
                stringz(t, "pgsql.parameter_value", "Parameter value", n, strsize(n));
            }
            case 't' -> typeOids(t, n);
            case 'T' -> {
                int i = b.u16(n);
                Tree shrub = u16(t, "pgsql.field.count", "Field count", n);
                n += 2;
                while (i-- > 0) {
                    int siz = strsize(n);
                    Tree twig = stringz(shrub, "pgsql.col.name", "Column name", n, siz);
                    n += siz;
                    u32(twig, "pgsql.oid.table", "Table OID", n);
                    n += 4;
                    u16(twig, "pgsql.col.index", "Column index", n);
                    n += 2;
                    u32(twig, "pgsql.oid.type", "Type OID", n);
                    n += 4;
                    short len = (short) b.u16(n);
                    b.at(twig.field("pgsql.val.length", "Column length: " + len, Integer.toString(len)), n, 2);
                    n += 2;
                    int mod = (int) b.u32(n);
                    int32(twig, "pgsql.col.typemod", "Type modifier", n, mod);
                    n += 4;
                    format(twig, n, 2);
                    n += 2;
                }
            }
            case 'D' -> {
                int i = b.u16(n);
                lengthValues(u16(t, "pgsql.field.count", "Field count", n), n + 2, i);
            }
            case 'C' -> stringz(t, "pgsql.tag", "Tag", n, strsize(n));
            case 'Z' -> {
                int v = b.u8(n);
                String name = v == 'I' ? "Idle" : v == 'T' ? "In a transaction" : v == 'E' ? "In a failed transaction" : "Unknown";
                b.at(t.field("pgsql.status", "Status: " + name + " (" + v + ")", Integer.toString(v)), n, 1);
            }
            case 'E', 'N' -> {
                long left = length - 4;
                while ((int) left > 0) {
                    int c = b.u8(n);
                    if (c == 0) {
                        break;
                    }
                    int siz = strsize(n + 1);
                    String[] f = PgsqlNames.errorField(c);
                    b.need(n, siz + 1);
                    b.at(t.string(f[0], f[1], Text.ascii(b.s, b.base + n + 1, siz)), n, siz + 1);
                    left -= siz + 1;
                    n += siz + 1;
                }
            }
            case 'A' -> {
                u32(t, "pgsql.pid", "PID", n);
                n += 4;
                int siz = strsize(n);
                stringz(t, "pgsql.condition", "Condition", n, siz);
                n += siz;
                siz = strsize(n);
                if (siz > 1) {
                    stringz(t, "pgsql.text", "Text", n, siz);
                }
            }
            case 'G', 'H' -> {
                format(t, n, 1);
                n += 1;
                int i = b.u16(n);
                Tree shrub = subtree(t, "Columns: " + i, n, 2);
                n += 2;
                while (i-- > 2) {
                    format(shrub, n, 2);
                    n += 2;
                }
            }
            case 'd' -> bytes(t, "pgsql.copydata", "Copy data", n, (int) (length - n + 1));
            case 'V' -> {
                int siz = (int) b.u32(n);
                int32(t, "pgsql.val.length", "Column length", n, siz);
                if (siz > 0) {
                    bytes(t, "pgsql.val.data", "Data", n + 4, siz);
                }
            }
            case 'v' -> {
                u32(t, "pgsql.version_supported_minor", "Supported minor version", n);
                n += 4;
                int count = (int) b.u32(n);
                int32(t, "pgsql.number_nonsupported_options", "Number nonsupported options", n, count);
                n += 4;
                while (count > 0) {
                    int siz = strsize(n);
                    stringz(t, "pgsql.nonsupported_option", "Nonsupported option", n, siz);
                    n += siz;
                    count--;
                }
            }
            default -> { }
        }
    }
}

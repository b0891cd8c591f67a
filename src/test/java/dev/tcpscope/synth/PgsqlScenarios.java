package dev.tcpscope.synth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-pgsql.pcap}: PostgreSQL sessions on port 5432 covering what the
 * real captures lack: the extended query protocol (Parse, Bind with text and binary values and
 * a NULL, Describe and Close of a statement and a portal, Execute of all rows and of some, Sync,
 * Flush) and its completions, COPY in and out, a function call and its answer, NOTIFY, a cancel
 * request, a GSS encrypt request, the protocol version negotiation, SASL (SCRAM) and GSSAPI
 * authentication exchanges, crypt() and MD5 salts, errors and notices with every field code,
 * unknown message types both ways; several messages in one segment, one over three segments,
 * a length below 5, a length past the bytes in a segment cut by the snap length, and a string
 * without its NUL. Run it to remake the file; the goldens come from tshark
 * (scripts/make-pgsql-goldens.sh); nothing here says what the result should be.
 */
public final class PgsqlScenarios {
    private final TcpSessions io;

    private PgsqlScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 5432, n -> 40000 + n);
    }

    /** A message: its type byte (0: none), then its length and body. */
    private static byte[] m(int type, Object... body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Object o : body) {
            if (o instanceof String s) {
                b.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            } else if (o instanceof byte[] a) {
                b.writeBytes(a);
            } else {
                b.write((Integer) o);
            }
        }
        byte[] payload = b.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (type != 0) {
            out.write(type);
        }
        out.writeBytes(i32(payload.length + 4));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] i32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] i16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    private static String z(String s) {
        return s + "\0";
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private void write() throws IOException {
        io.open();
        io.client(m(0, i32(196608), z("user"), z("alice"), z("database"), z("shop"), z("application_name"), z("psql"), "\0"));
        io.server(m('R', i32(10), z("SCRAM-SHA-256-PLUS"), z("SCRAM-SHA-256"), "\0"));
        io.client(m('p', z("SCRAM-SHA-256"), i32(32), "n,,n=,r=rOprNGfwEbeRWgbNEkqO1234"));
        io.server(m('R', i32(11), "r=rOprNGfwEbeRWgbNEkqO1234abcd,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
        io.client(m('p', "c=biws,r=rOprNGfwEbeRWgbNEkqO1234abcd,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        io.server(cat(m('R', i32(12), "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="), m('R', i32(0)),
                m('S', z("server_version"), z("15.4")), m('K', i32(4242), i32(123456789)), m('Z', "I")));
        io.client(m('P', z("s1"), z("SELECT $1::int + $2"), i16(2), i32(23), i32(23)));
        io.client(cat(m('B', z("p1"), z("s1"), i16(2), i16(0), i16(1), i16(3), i32(1), "7", i32(4), i32(35), i32(-1), i16(1), i16(1)),
                m('D', "S", z("s1")), m('D', "P", z("p1")), m('E', z("p1"), i32(0)), m('E', z(""), i32(5)),
                m('C', "S", z("s1")), m('C', "P", z("p1")), m('H'), m('S')));
        io.server(cat(m('1'), m('2'), m('t', i16(2), i32(23), i32(23)),
                m('T', i16(1), z("?column?"), i32(0), i16(0), i32(23), i16(4), i32(-1), i16(1)),
                m('D', i16(1), i32(4), i32(42)), m('s'), m('3'), m('n'), m('I'), m('C', z("SELECT 1")), m('Z', "T")));
        io.client(m('Q', z("COPY t FROM STDIN")));
        io.server(m('G', 0, i16(3), i16(0), i16(0), i16(1)));
        io.client(cat(m('d', "1\tone\n2\ttwo\n"), m('c')));
        io.client(m('f', z("aborted by user")));
        io.client(m('Q', z("COPY t TO STDOUT")));
        io.server(cat(m('H', 1, i16(2), i16(1), i16(1)), m('d', "1\tone\n"), m('c'), m('C', z("COPY 1"))));
        io.client(m('F', i32(1598), i16(1), i16(0), i16(1), i32(3), "abc", i16(0)));
        io.server(cat(m('V', i32(2), "ok"), m('V', i32(-1)), m('Z', "E")));
        io.server(m('A', i32(4242), z("orders"), z("new order 17")));
        io.server(m('A', i32(4242), z("orders"), z("")));
        io.server(m('E', "SERROR\0", "VERROR\0", "C42P01\0", "Mrelation \"nope\" does not exist\0", "DA detail.\0",
                "HA hint.\0", "P15\0", "p3\0", "qSELECT 1\0", "WPL/pgSQL function f()\0", "spublic\0", "tnope\0",
                "cid\0", "dint4\0", "nnope_pkey\0", "Fparse_relation.c\0", "L1392\0", "RparserOpenTable\0", "Xunknown\0", "\0"));
        io.server(m('N', "SNOTICE\0", "Mnothing to do\0", "\0"));
        io.server(m('v', i32(0), i32(2), z("_pq_.a"), z("_pq_.b")));
        io.server(m('!', "unknown backend type"));
        io.client(m('!', "unknown frontend type"));
        io.client(m('X'));
        io.close();

        io.open();
        io.client(m(0, i32(80877104)));
        io.client(m(0, i32(80877102), i32(4242), i32(123456789)));
        io.client(m(0, i32(196608), z("user"), z("bob"), "\0"));
        io.server(m('R', i32(5), new byte[] {1, 2, 3, 4}));
        io.client(m('p', z("md5e8a48653851e28c69d0506508fb27fc5")));
        io.server(m('R', i32(4), new byte[] {'a', 'b'}));
        io.server(m('R', i32(7)));
        io.server(m('R', i32(8), new byte[] {0x60, 0x0a, 0x06, 0x08, 0x2a}));
        io.client(m('p', new byte[] {0x60, 0x0b, 0x06, 0x09}));
        io.server(m('R', i32(99)));
        // one message over three segments, then two and a half in one
        byte[] big = m('Q', z("SELECT " + "x".repeat(300)));
        io.client(java.util.Arrays.copyOfRange(big, 0, 3));
        io.client(java.util.Arrays.copyOfRange(big, 3, 200));
        io.client(cat(java.util.Arrays.copyOfRange(big, 200, big.length), m('S'), java.util.Arrays.copyOfRange(m('Q', z("SELECT 2")), 0, 6)));
        io.client(java.util.Arrays.copyOfRange(m('Q', z("SELECT 2")), 6, m('Q', z("SELECT 2")).length));
        // a string without its NUL
        io.client(m('Q', "no terminator"));
        // a length below five
        io.server(b("Z", 0, 0, 0, 2, "I"));
        io.close();

        io.open();
        // cut by the snap length: a length past the bytes, and a row past them
        byte[] row = m('D', i16(2), i32(10), "0123456789", i32(3), "abc");
        io.send(false, TcpSessions.PSH | TcpSessions.ACK, 0, row, 12);
        byte[] q = m('Q', z("SELECT now()"));
        io.send(true, TcpSessions.PSH | TcpSessions.ACK, 0, q, 3);
        io.close();
    }

    private static byte[] b(Object... parts) {
        return TcpSessions.b(parts);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PgsqlScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            PgsqlScenarios s = new PgsqlScenarios(os);
            s.write();
            s.io.done();
        }
    }
}

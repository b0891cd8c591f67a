package dev.tcpscope.synth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes {@code captures/synth-ldap.pcap}: LDAP (RFC 4511) sessions on port 389 covering
 * packet-ldap.c: a simple bind, a search with a composite filter (and/or/not, substrings,
 * greaterOrEqual, approxMatch, extensibleMatch) and a paged-results control answered by three
 * entries, a reference and the result, the entries split over two segments and one entry split
 * across segments; modify, add, delete, modDN, compare and abandon; two requests in one segment;
 * an unknown extended request; a message whose inner length runs past its end and a segment that
 * is not LDAP; unbind. A second session asks for StartTLS,
 * which succeeds: the rest is TLS's. Run it to remake the file; the goldens come from tshark;
 * nothing here says what the result should be.
 */
public final class LdapScenarios {
    private final TcpSessions io;

    private LdapScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 389, n -> 42000 + n);
    }

    // ---- a small BER encoder (definite lengths) ----

    static byte[] tlv(int id, byte[]... parts) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            v.writeBytes(p);
        }
        byte[] value = v.toByteArray();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(id);
        int n = value.length;
        if (n < 0x80) {
            o.write(n);
        } else if (n < 0x100) {
            o.write(0x81);
            o.write(n);
        } else {
            o.write(0x82);
            o.write(n >> 8);
            o.write(n);
        }
        o.writeBytes(value);
        return o.toByteArray();
    }

    static byte[] str(int id, String s) {
        return tlv(id, s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] octets(String s) {
        return str(0x04, s);
    }

    static byte[] integer(int id, long v) {
        if (v >= 0 && v < 0x80) {
            return tlv(id, new byte[] {(byte) v});
        }
        if (v >= 0 && v < 0x8000) {
            return tlv(id, new byte[] {(byte) (v >> 8), (byte) v});
        }
        return tlv(id, new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
    }

    static byte[] bool(boolean b) {
        return tlv(0x01, new byte[] {(byte) (b ? 0xff : 0)});
    }

    static byte[] message(int id, byte[] op, byte[]... controls) {
        return controls.length == 0 ? tlv(0x30, integer(0x02, id), op)
                : tlv(0x30, integer(0x02, id), op, tlv(0xa0, controls));
    }

    static byte[] result(int app, int code, String dn, String error) {
        return tlv(0x60 | app, integer(0x0a, code), octets(dn), octets(error));
    }

    static byte[] eq(int tag, String attr, String value) {
        return tlv(0xa0 | tag, octets(attr), octets(value));
    }

    static byte[] attr(String type, String... vals) {
        byte[][] v = new byte[vals.length][];
        for (int i = 0; i < vals.length; i++) {
            v[i] = octets(vals[i]);
        }
        return tlv(0x30, octets(type), tlv(0x31, v));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private void write() throws IOException {
        io.open();
        io.client(message(1, tlv(0x60, integer(0x02, 3), octets("cn=admin,dc=example,dc=test"), str(0x80, "secret"))));
        io.server(message(1, result(1, 0, "", "")));

        byte[] filter = tlv(0xa0,
                eq(3, "objectClass", "person"),
                tlv(0xa1, tlv(0xa4, octets("cn"), tlv(0x30, str(0x80, "ali"), str(0x81, "ce"), str(0x82, "x"))),
                        str(0x87, "mail")),
                tlv(0xa2, eq(3, "uid", "bob")),
                eq(5, "age", "21"),
                eq(8, "sn", "Smith"),
                tlv(0xa9, str(0x81, "2.5.13.2"), str(0x82, "cn"), str(0x83, "Alice"), tlv(0x84, new byte[] {(byte) 0xff})),
                eq(6, "photo", "\u0001\u0002"));
        byte[] paged = tlv(0x30, octets("1.2.840.113556.1.4.319"), bool(true),
                tlv(0x04, tlv(0x30, integer(0x02, 100), octets(""))));
        io.client(message(2, tlv(0x63, octets("dc=example,dc=test"), integer(0x0a, 2), integer(0x0a, 0), integer(0x02, 0),
                integer(0x02, 30), tlv(0x01, new byte[] {0}), filter, tlv(0x30, octets("cn"), octets("mail"))), paged));
        byte[] e1 = message(2, tlv(0x64, octets("cn=alice,dc=example,dc=test"),
                tlv(0x30, attr("cn", "alice"), attr("mail", "alice@example.test", "a@example.test"))));
        byte[] e2 = message(2, tlv(0x64, octets("cn=carol,dc=example,dc=test"),
                tlv(0x30, attr("cn", "carol"), attr("jpegPhoto;binary", "\u00ff\u00d8\u00ff"))));
        io.server(concat(e1, e2));
        byte[] e3 = message(2, tlv(0x64, octets("cn=dave,dc=example,dc=test"),
                tlv(0x30, attr("description", "x".repeat(300)))));
        io.server(Arrays.copyOfRange(e3, 0, 100));
        io.server(Arrays.copyOfRange(e3, 100, e3.length));
        io.server(message(2, tlv(0x73, octets("ldap://other.example.test/dc=example,dc=test"))));
        io.server(message(2, tlv(0x65, integer(0x0a, 0), octets(""), octets("")),
                tlv(0x30, octets("1.2.840.113556.1.4.319"), tlv(0x04, tlv(0x30, integer(0x02, 0), octets("ck"))))));

        io.client(message(3, tlv(0x66, octets("cn=alice,dc=example,dc=test"), tlv(0x30,
                tlv(0x30, integer(0x0a, 2), attr("mail", "alice@new.example.test")),
                tlv(0x30, integer(0x0a, 1), attr("description"))))));
        io.server(message(3, result(7, 0, "", "")));
        io.client(message(4, tlv(0x68, octets("cn=erin,dc=example,dc=test"),
                tlv(0x30, attr("objectClass", "top", "person"), attr("cn", "erin"), attr("sn", "Erin")))));
        io.server(message(4, result(9, 68, "", "entry already exists")));
        io.client(message(5, str(0x4a, "cn=erin,dc=example,dc=test")));
        io.server(message(5, result(11, 32, "dc=example,dc=test", "")));
        io.client(message(6, tlv(0x6c, octets("cn=alice,dc=example,dc=test"), octets("cn=alicia"), bool(true),
                str(0x80, "ou=people,dc=example,dc=test"))));
        io.server(message(6, result(13, 0, "", "")));
        io.client(message(7, tlv(0x6e, octets("cn=alicia,ou=people,dc=example,dc=test"),
                tlv(0x30, octets("mail"), octets("alice@new.example.test")))));
        io.server(message(7, result(15, 6, "", "")));
        // two requests in one segment: abandon, then a base search with no filter items
        io.client(concat(message(8, integer(0x50, 2)), message(9, tlv(0x63, octets(""), integer(0x0a, 0), integer(0x0a, 3),
                integer(0x02, 0), integer(0x02, 0), tlv(0x01, new byte[] {0}), str(0x87, "objectClass"), tlv(0x30)))));
        io.server(concat(message(9, tlv(0x64, octets(""), tlv(0x30, attr("supportedControl", "1.2.840.113556.1.4.319",
                "1.3.6.1.4.1.4203.1.10.1")))), message(9, tlv(0x65, integer(0x0a, 0), octets(""), octets("")))));
        io.client(message(10, tlv(0x77, str(0x80, "1.3.6.1.4.1.4203.1.11.3"))));
        io.server(message(10, tlv(0x78, integer(0x0a, 0), octets(""), octets(""), str(0x8b, "dn:cn=admin,dc=example,dc=test"))));
        // malformed: an attribute list whose length runs past the message (a protocolOp whose own
        // length runs past it is left out: 4.0 adds an item tcpscope does not, docs/LDAP.md)
        io.client(message(11, tlv(0x68, octets("cn=bad"), new byte[] {0x30, 0x7f, 0x04, 0x01, 'x'})));
        io.client(TcpSessions.b("HELLO WORLD\r\n"));
        io.client(message(13, tlv(0x42)));
        io.close();

        io.open();
        io.client(message(1, tlv(0x77, str(0x80, "1.3.6.1.4.1.1466.20037"))));
        io.server(message(1, tlv(0x78, integer(0x0a, 0), octets(""), octets(""))));
        io.client(TcpSessions.b(0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00));
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LdapScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            LdapScenarios s = new LdapScenarios(os);
            s.write();
            s.io.done();
        }
    }
}

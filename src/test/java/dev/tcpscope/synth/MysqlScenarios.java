package dev.tcpscope.synth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.tcpscope.synth.TcpSessions.b;

/**
 * Writes {@code captures/synth-mysql.pcap}: MySQL on port 3306 for what the real captures lack.
 * Nothing here says what tshark shows; the goldens (scripts/make-mysql-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.MysqlScenarios captures/synth-mysql.pcap
 * </pre>
 *
 * Connections: (1) a 4.1 login without plugins, then a result set of 60 rows (header, field and
 * EOF in one segment, the rows over three segments), COM_INIT_DB, COM_PING, COM_STATISTICS and its
 * message, COM_FIELD_LIST with a default, an error with an SQL state, a query split over three
 * segments, two commands in one segment, a prepared statement (PREPARE, its parameter and column
 * definitions, EXECUTE with a bound parameter, a binary row, CLOSE), COM_REFRESH, COM_SET_OPTION,
 * COM_PROCESS_KILL, an unknown command and the answer to it, a response cut by the snap length, a
 * NULL and a 2-byte length-encoded value in a row, COM_QUIT; (2) a MySQL 8 login with plugin and
 * connection attributes, an authentication switch, an OK with session tracking, a query with query
 * attributes and a result set whose EOF is an OK (deprecate EOF); (3) a greeting that is an error;
 * (4) a MariaDB greeting ("5.5.5-" version, its extended capabilities) and login; (5) an SSL
 * request followed by TLS; (6) a packet whose length runs past the data, then FIN; (7) a
 * field packet whose lengths run past the packet, and an OK packet with session tracking whose
 * tracker length runs past it.
 */
public final class MysqlScenarios {
    private final TcpSessions io;

    private MysqlScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 3306, n -> 50000 + n);
    }

    /** A packet: 3-byte little-endian length, sequence number, payload. */
    static byte[] pkt(int seq, byte[] payload) {
        byte[] p = new byte[4 + payload.length];
        p[0] = (byte) payload.length;
        p[1] = (byte) (payload.length >> 8);
        p[2] = (byte) (payload.length >> 16);
        p[3] = (byte) seq;
        System.arraycopy(payload, 0, p, 4, payload.length);
        return p;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] x : parts) {
            o.writeBytes(x);
        }
        return o.toByteArray();
    }

    private static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    private static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    /** A length-encoded string (one length byte). */
    private static byte[] lenenc(String s) {
        return cat(new byte[] {(byte) s.length()}, b(s));
    }

    private static byte[] greeting(String version, int caps, int ext, String plugin) {
        return cat(b(10, version, 0), le32(42), b("abcdefgh", 0), le16(caps), b(33), le16(2), le16(ext),
                b(plugin.isEmpty() ? 0 : 21), new byte[10], b("ijklmnopqrst", 0), plugin.isEmpty() ? new byte[0] : b(plugin, 0));
    }

    private static byte[] ok() {
        return b(0, 0, 0, 2, 0, 0, 0);
    }

    private static byte[] eof() {
        return b(0xfe, 0, 0, 2, 0);
    }

    private static byte[] field(String name, int type, int flags, boolean withDefault) {
        return cat(lenenc("def"), lenenc("test"), lenenc("t1"), lenenc("t1"), lenenc(name), lenenc(name),
                b(0x0c), le16(33), le32(11), b(type), le16(flags), b(0, 0, 0), withDefault ? lenenc("0") : new byte[0]);
    }

    private void classic() throws IOException {
        io.open();
        io.server(pkt(0, greeting("5.7.30-log", 0xf7ff, 0x0000, "")));
        io.client(pkt(1, cat(le16(0xa685), le16(0x0003), le32(16777216), b(33), new byte[23], b("alice", 0),
                b(20), b("0123456789abcdefghij"))));
        io.server(pkt(2, ok()));
        // a result set: column count, field and EOF in one segment; 60 rows over three segments
        io.client(pkt(0, b(3, "select name from t1")));
        io.server(cat(pkt(1, b(1)), pkt(2, field("name", 0xfd, 0x0001, false)), pkt(3, eof())));
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        for (int i = 0; i < 60; i++) {
            rows.writeBytes(pkt(4 + i, lenenc("row " + i)));
        }
        byte[] all = cat(rows.toByteArray(), pkt(64, eof()));
        io.server(Arrays.copyOfRange(all, 0, 300));
        io.server(Arrays.copyOfRange(all, 300, 600));
        io.server(Arrays.copyOfRange(all, 600, all.length));
        // a row with a NULL and a 2-byte length-encoded value
        io.client(pkt(0, b(3, "select a, b from t2")));
        io.server(cat(pkt(1, b(2)), pkt(2, field("a", 0x03, 0x0021, false)), pkt(3, field("b", 0xfc, 0x0090, false)),
                pkt(4, eof()), pkt(5, cat(b(0xfb, 0xfc), le16(300), b("x".repeat(300)))), pkt(6, eof())));
        io.client(pkt(0, b(2, "test")));
        io.server(pkt(1, ok()));
        io.client(pkt(0, b(14)));
        io.server(pkt(1, ok()));
        io.client(pkt(0, b(9)));
        io.server(pkt(1, b("Uptime: 1  Threads: 1  Questions: 5")));
        io.client(pkt(0, b(4, "t1", 0)));
        io.server(cat(pkt(1, field("id", 0x03, 0x4203, true)), pkt(2, eof())));
        io.client(pkt(0, b(3, "selec 1")));
        io.server(pkt(1, b(0xff, 0x28, 0x04, "#42000", "You have an error in your SQL syntax")));
        // a query split over three segments, then two commands in one segment
        byte[] q = pkt(0, b(3, "select * from a_table_with_a_long_name where id in (1, 2, 3, 4, 5)"));
        io.client(Arrays.copyOfRange(q, 0, 2));
        io.client(Arrays.copyOfRange(q, 2, 30));
        io.client(Arrays.copyOfRange(q, 30, q.length));
        io.server(pkt(1, b(0, 0, 0, 2, 0, 0, 0)));
        io.client(cat(pkt(0, b(14)), pkt(0, b(14))));
        io.server(cat(pkt(1, ok()), pkt(1, ok())));
        // a prepared statement
        io.client(pkt(0, b(22, "select name from t1 where id = ?")));
        io.server(cat(pkt(1, cat(b(0), le32(1), le16(1), le16(1), b(0), le16(0))), pkt(2, field("?", 0x08, 0x0080, false)),
                pkt(3, eof()), pkt(4, field("name", 0xfd, 0x0001, false)), pkt(5, eof())));
        io.client(pkt(0, cat(b(23), le32(1), b(0), le32(1), b(0), b(1), b(0x08, 0), le32(7), le32(0))));
        io.server(cat(pkt(1, b(1)), pkt(2, field("name", 0xfd, 0x0001, false)), pkt(3, eof()),
                pkt(4, cat(b(0, 0), lenenc("seven"))), pkt(5, eof())));
        io.client(pkt(0, cat(b(25), le32(1))));
        // refresh, set option, kill, an unknown command and its answer
        io.client(pkt(0, b(7, 0x05)));
        io.server(pkt(1, ok()));
        io.client(pkt(0, b(27, 1, 0)));
        io.server(pkt(1, ok()));
        io.client(pkt(0, cat(b(12), le32(77))));
        io.server(pkt(1, b(0xff, 0x4a, 0x04, "#HY000", "Unknown thread id: 77")));
        io.client(pkt(0, b(0x7f, 1, 2, 3)));
        io.server(pkt(1, b(0x01, 0x02)));
        // a response cut by the snap length
        io.client(pkt(0, b(3, "select 2")));
        io.send(false, TcpSessions.PSH | TcpSessions.ACK, 0, cat(pkt(1, b(1)), pkt(2, field("2", 0x08, 0x0081, false))), 20);
        io.client(pkt(0, b(1)));
        io.close();
    }

    private void mysql8() throws IOException {
        io.open();
        io.server(pkt(0, greeting("8.0.32", 0xffff, 0xdfff, "caching_sha2_password")));
        byte[] attrs = cat(lenenc("_os"), lenenc("Linux"), lenenc("_client_name"), lenenc("libmysql"));
        io.client(pkt(1, cat(le16(0xa68d), le16(0x19bf), le32(16777216), b(255), new byte[23], b("bob", 0), b(0), b("test", 0),
                b("mysql_native_password", 0), b(attrs.length), attrs)));
        io.server(pkt(2, b(0xfe, "caching_sha2_password", 0, "0123456789abcdefghij", 0)));
        io.client(pkt(3, b("0123456789abcdef0123456789abcdef")));
        io.server(pkt(4, b(0x01, 0x03)));
        io.server(pkt(5, cat(b(0, 0, 0), le16(0x4002), le16(0), b(0), b(13), b(5, 9, 8, "________"), b(1, 2, 1, "x"))));
        io.client(pkt(0, b(3, 0, 1, "select @@version_comment limit 1")));
        io.server(cat(pkt(1, b(1)), pkt(2, field("@@version_comment", 0xfd, 0, false)), pkt(3, lenenc("MySQL Community Server")),
                pkt(4, cat(b(0xfe, 0, 0), le16(0x0002), le16(0)))));
        io.client(pkt(0, cat(b(3, 1, 1, 0, 1, 0xfe, 0), lenenc("n1"), lenenc("v1"), b("select now()"))));
        io.server(pkt(1, b(0xff, 0x48, 0x04, "#42000", "denied")));
        io.client(pkt(0, b(1)));
        io.close();
    }

    private void greetingError() throws IOException {
        io.open();
        io.server(pkt(0, b(0xff, 0x6a, 0x04, "Host '10.0.0.1' is not allowed to connect to this MySQL server")));
        io.close();
    }

    private void mariadb() throws IOException {
        io.open();
        byte[] g = cat(b(10, "5.5.5-10.6.12-MariaDB", 0), le32(7), b("abcdefgh", 0), le16(0xf7fe), b(8), le16(2), le16(0x81ff),
                b(21), new byte[6], le32(0x1d), b("ijklmnopqrst", 0), b("mysql_native_password", 0));
        io.server(pkt(0, g));
        io.client(pkt(1, cat(le16(0xa684), le16(0x000b), le32(16777216), b(8), new byte[19], le32(0x1d), b("carol", 0), b(0),
                b("mysql_native_password", 0))));
        io.server(pkt(2, ok()));
        io.client(pkt(0, b(3, "select 1")));
        io.server(cat(pkt(1, b(1, 0)), pkt(2, lenenc("1")), pkt(3, eof())));
        io.close();
    }

    private void ssl() throws IOException {
        io.open();
        io.server(pkt(0, greeting("5.7.16", 0xffff, 0x81ff, "mysql_native_password")));
        io.client(pkt(1, cat(le16(0xae8d), le16(0x00be), le32(16777216), b(33), new byte[23])));
        io.client(b(0x16, 3, 1, 0, 4, 1, 0, 0, 0));
        io.server(b(0x17, 3, 3, 0, 3, 1, 2, 3));
        io.close();
    }

    private void runsPast() throws IOException {
        io.open();
        io.server(pkt(0, greeting("5.6.1", 0xf7ff, 0, "")));
        io.client(cat(new byte[] {100, 0, 0, 1}, b(0x85, 0xa6, 3, 0)));
        io.close();
    }

    private void badLengths() throws IOException {
        io.open();
        io.server(pkt(0, greeting("8.0.1", 0xffff, 0x01ff, "")));
        io.client(pkt(1, cat(le16(0xa685), le16(0x0180), le32(16777216), b(33), new byte[23], b("dave", 0), b(0))));
        io.server(pkt(2, ok()));
        io.client(pkt(0, b(3, "select 3")));
        io.server(cat(pkt(1, b(1)), pkt(2, cat(lenenc("def"), b(0xfc, 0xff, 0x7f), b("db")))));
        io.client(pkt(0, b(14)));
        io.server(pkt(1, cat(b(0, 0, 0), le16(0x4002), le16(0), b(0), b(40), b(1, 30, 28, "sch"))));
        io.close();
    }

    /**
     * Writes {@code count} mutated MySQL packets (real messages of the scenarios above with one to
     * four bytes changed, some cut short or cut by the snap length) to {@code out}: 100 a
     * connection, after a greeting and a login that are mutated too, sent both ways in turn.
     */
    public static void mutated(Path out, long seed, int count) throws IOException {
        byte[][] server = {
            greeting("5.7.30-log", 0xf7ff, 0x0000, ""), greeting("8.0.32", 0xffff, 0xdfff, "caching_sha2_password"),
            ok(), eof(), b(1), field("name", 0xfd, 0x0001, true), lenenc("row"), b(0xfb, 0xfc, 3, 0, "abc"),
            b(0xff, 0x28, 0x04, "#42000", "error"), b(0xfe, "caching_sha2_password", 0, "salt", 0), b(1, 3),
            cat(b(0, 0, 0), le16(0x4002), le16(0), b(0), b(13), b(5, 9, 8, "________"), b(1, 2, 1, "x")),
            cat(b(0), le32(1), le16(1), le16(1), b(0), le16(0)), cat(b(0, 0), lenenc("seven")), b(0xfe, 0, 0, 2, 0, 0, 0)};
        byte[][] client = {
            cat(le16(0xa685), le16(0x0003), le32(16777216), b(33), new byte[23], b("alice", 0), b(3), b("abc")),
            cat(le16(0xa68d), le16(0x19bf), le32(16777216), b(255), new byte[23], b("bob", 0), b(0), b("test", 0),
                    b("mysql_native_password", 0), b(8), lenenc("_os"), lenenc("Lin")),
            b(3, "select 1"), b(3, 1, 1, 0, 1, 0xfe, 0, 2, "n1", 2, "v1", "select now()"), b(2, "test"), b(14), b(9),
            b(4, "t1", 0), b(22, "select ?"), cat(b(23), le32(1), b(0), le32(1), b(0), b(1), b(0x08, 0), le32(7), le32(0)),
            cat(b(17, "user", 0, 2, "pw", "db", 0, 33, 0, "mysql_native_password", 0)), b(7, 5), b(27, 1, 0),
            cat(b(12), le32(7)), cat(b(24), le32(1), le16(0), b("blob")), cat(b(28), le32(1), le32(5)), b(0x7f, 1),
            cat(le16(0xae8d), le16(0x00be), le32(16777216), b(33), new byte[23])};
        java.util.Random r = new java.util.Random(seed);
        try (OutputStream os = Files.newOutputStream(out)) {
            TcpSessions io = new TcpSessions(os, 3306, n -> 40000 + n % 20000);
            int written = 0;
            while (written < count) {
                io.open();
                io.server(pkt(0, mutate(r, server[r.nextInt(2)])));
                io.client(pkt(1, mutate(r, client[r.nextInt(2)])));
                for (int i = 0; i < 100 && written < count; i++, written++) {
                    boolean fromClient = i % 2 == 0;
                    byte[][] seeds = fromClient ? client : server;
                    byte[] p = pkt(r.nextInt(4), mutate(r, seeds[r.nextInt(seeds.length)]));
                    if (r.nextInt(10) == 0) { // a header whose length runs past the bytes
                        p[0] = (byte) r.nextInt(256);
                    }
                    int keep = r.nextInt(8) == 0 ? r.nextInt(p.length + 1) : p.length;
                    io.send(fromClient, TcpSessions.PSH | TcpSessions.ACK, 0, p, keep);
                }
                io.close();
            }
            io.done();
        }
    }

    private static byte[] mutate(java.util.Random r, byte[] seed) {
        byte[] m = seed.clone();
        int edits = r.nextInt(5);
        for (int e = 0; e < edits && m.length > 0; e++) {
            m[r.nextInt(m.length)] = (byte) (r.nextInt(4) == 0 ? 0 : r.nextInt(256));
        }
        if (r.nextInt(5) == 0 && m.length > 0) {
            m = Arrays.copyOf(m, r.nextInt(m.length));
        }
        return m;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: MysqlScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            MysqlScenarios s = new MysqlScenarios(os);
            s.classic();
            s.mysql8();
            s.greetingError();
            s.mariadb();
            s.ssl();
            s.runsPast();
            s.badLengths();
            s.io.done();
        }
    }
}

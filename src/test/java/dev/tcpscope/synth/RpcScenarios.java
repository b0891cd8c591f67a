package dev.tcpscope.synth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-rpc.pcap}: ONC RPC over TCP for what the real captures lack. On
 * port 2049 (found by the heuristic): NFSv3 READ, READDIR, FSSTAT, MKNOD, COMMIT, CREATE with
 * EXCLUSIVE's verifier, SETATTR with a guard and a client time, a LOOKUP answered with a handle,
 * errors, two calls in one segment, a call over three segments, a reply refusing the program's
 * version, one denied for its credentials, a call with an unknown credential flavor, a call sent
 * twice and answered twice, and a record cut by the snap length. On port 111: Portmap SET, UNSET, GETPORT for NFS over TCP and DUMP, a
 * reply to no call ("Continuation") and a record mark longer than RPC allows. On port 20048:
 * MOUNT's EXPORT, DUMP and UMNTALL. On port 4045: NLM v4 TEST, LOCK granted and denied, UNLOCK. Run it to remake the
 * file; the goldens come from tshark (scripts/make-oncrpc-goldens.sh); nothing here says what
 * the result should be.
 */
public final class RpcScenarios {
    private final TcpSessions io;
    private int xid = 0x5e000000;

    private RpcScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 2049, n -> 900 + n);
    }

    /** XDR: ints, longs (hyper), Strings as counted strings, byte[] as they are. */
    private static byte[] x(Object... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) {
                o.writeBytes(ByteBuffer.allocate(4).putInt(i).array());
            } else if (p instanceof Long l) {
                o.writeBytes(ByteBuffer.allocate(8).putLong(l).array());
            } else if (p instanceof String s) {
                byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
                o.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
                o.writeBytes(b);
                o.writeBytes(new byte[(4 - b.length % 4) % 4]);
            } else {
                o.writeBytes((byte[]) p);
            }
        }
        return o.toByteArray();
    }

    private static byte[] record(byte[] msg) {
        return x(0x80000000 | msg.length, msg);
    }

    private static final byte[] UNIX = x(1, 32, 0x5e5e0001, "client", 1000, 100, 1, 100);

    private byte[] call(int prog, int vers, int proc, byte[] cred, Object... args) {
        return record(x(++xid, 0, 2, prog, vers, proc, cred, 0, 0, x(args)));
    }

    private byte[] reply(Object... results) {
        return record(x(xid, 1, 0, 0, 0, 0, x(results)));
    }

    private static final byte[] FH = x(x(16, 0x01000600, 0xaabbccdd, 0x11223344, 0x55667788));
    private static final byte[] FH2 = x(x(16, 0x01000600, 0xaabbccdd, 0x11223344, 0x99aabbcc));

    /** fattr3 of a regular file (mode 0100640) or a directory. */
    private static byte[] fattr(boolean dir) {
        return x(dir ? 2 : 1, dir ? 040755 : 0100640, dir ? 2 : 1, 1000, 100, 8192L, 8192L, 0, 0, 0x1234L, 77L,
                1_700_000_000, 5, 1_700_000_100, 6, 1_700_000_200, 7);
    }

    private static byte[] postOp(boolean dir) {
        return x(1, fattr(dir));
    }

    private static byte[] wcc() {
        return x(1, 4096L, 1_700_000_000, 1, 1_700_000_000, 2, postOp(true));
    }

    private void write() throws IOException {
        io.open();
        io.client(call(100003, 3, 0, x(0, 0)));
        io.server(reply());
        io.client(call(100003, 3, 6, UNIX, FH, 4096L, 8192));
        io.server(reply(0, postOp(false), 10, 1, "0123456789"));
        io.client(call(100003, 3, 6, UNIX, FH, 0L, 100));
        io.server(reply(5, x(0)));
        io.client(call(100003, 3, 16, UNIX, FH, 0L, x(0L), 4096));
        io.server(reply(0, postOp(true), x(0L), 1, 11L, "a.txt", 1L, 1, 12L, "b", 2L, 0, 1));
        io.client(call(100003, 3, 18, UNIX, FH));
        io.server(reply(0, x(0), 1000L, 500L, 400L, 100L, 50L, 40L, 0));
        io.client(call(100003, 3, 11, UNIX, FH, "fifo", 7, x(1, 0644), x(0), x(0), x(0), x(0), x(0)));
        io.server(reply(0, x(1), FH2, postOp(false), wcc()));
        io.client(call(100003, 3, 21, UNIX, FH, 0L, 0));
        io.server(reply(0, x(0, 1, postOp(false)), x(0x01020304, 0x05060708)));
        io.client(call(100003, 3, 8, UNIX, FH, "new", 2, x(0x0a0b0c0d, 0x0e0f1011)));
        io.server(reply(17, x(0), x(0)));
        io.client(call(100003, 3, 2, UNIX, FH, x(0), x(1, 42), x(0), x(0), x(2, 1_700_000_300, 9), x(0), 1, 1_700_000_000, 2));
        io.server(reply(0, wcc()));
        io.client(call(100003, 3, 3, UNIX, FH, "found"));
        io.server(reply(0, FH2, postOp(false), postOp(true)));
        io.client(call(100003, 3, 1, UNIX, FH2));
        io.server(reply(70));
        io.client(call(100003, 3, 4, UNIX, FH, 0x3f));
        io.server(reply(0, postOp(false), 0x07));
        io.close();

        io.open();
        // two calls in one segment, their replies in one
        byte[] a = call(100003, 3, 1, UNIX, FH);
        byte[] b = call(100003, 3, 20, UNIX, FH);
        io.client(x(a, b));
        xid--;
        byte[] ra = reply(0, fattr(false));
        xid++;
        io.server(x(ra, reply(0, x(0), 255, 255, 1, 1, 0, 1)));
        // a call over three segments
        byte[] c = call(100003, 3, 7, UNIX, FH, 0L, 64, 2, x(new byte[4 + 64]));
        io.client(java.util.Arrays.copyOfRange(c, 0, 30));
        io.client(java.util.Arrays.copyOfRange(c, 30, 80));
        io.client(java.util.Arrays.copyOfRange(c, 80, c.length));
        io.server(reply(0, x(0), x(0), 64, 2, x(1, 2)));
        // refused: the program's version, then the credentials; an unknown accept state
        io.client(call(100003, 4, 0, x(0, 0)));
        io.server(record(x(xid, 1, 0, 0, 0, 2, 2, 3)));
        io.client(call(100003, 3, 1, x(9, 4, 0xdeadbeef), FH));
        io.server(record(x(xid, 1, 1, 1, 5)));
        io.client(call(100003, 3, 1, UNIX, FH));
        io.server(record(x(xid, 1, 0, 0, 0, 9)));
        // a call sent again with its XID, answered twice
        byte[] again = call(100003, 3, 1, UNIX, FH);
        io.client(again);
        io.client(again);
        byte[] twice = reply(0, fattr(true));
        io.server(twice);
        io.server(twice);
        // a record cut by the snap length
        byte[] cut = call(100003, 3, 3, UNIX, FH, "a-long-file-name-that-is-cut");
        io.send(true, TcpSessions.PSH | TcpSessions.ACK, 0, cut, 70);
        io.close();

        io.serverPort(111);
        io.open();
        io.client(call(100000, 2, 1, x(0, 0), 100003, 3, 6, 2049));
        io.server(reply(1));
        io.client(call(100000, 2, 2, x(0, 0), 100003, 3, 6, 0));
        io.server(reply(0));
        io.client(call(100000, 2, 3, x(0, 0), 100003, 3, 6, 0));
        io.server(reply(2049));
        // DUMP: the port mapper's table
        io.client(call(100000, 2, 4, x(0, 0)));
        io.server(reply(1, 100000, 2, 6, 111, 1, 100003, 3, 17, 2049, 0));
        // a reply to no call, then a record mark past RPC's maximum
        io.server(record(x(0x7777, 1, 0, 0, 0, 0)));
        io.client(x(0x80ffffff, 1, 2, 3));
        io.close();

        io.serverPort(4045);
        io.open();
        // NLM v4: a lock tested, taken, refused, released; the answers
        byte[] lock = x("host", x(x(16, 0x01000600, 0xaabbccdd, 0x11223344, 0x55667788)), x(x(8, 1, 2)), 4242, 0L, 100L);
        io.client(call(100021, 4, 1, UNIX, x(4, 0x11), 1, lock));
        io.server(reply(x(4, 0x11), 0));
        io.client(call(100021, 4, 2, UNIX, x(4, 0x12), 1, 1, lock, 0, 3));
        io.server(reply(x(4, 0x12), 0));
        io.client(call(100021, 4, 2, UNIX, x(4, 0x13), 0, 1, lock, 0, 4));
        io.server(reply(x(4, 0x13), 1));
        io.client(call(100021, 4, 4, UNIX, x(4, 0x14), lock));
        io.server(reply(x(4, 0x14), 0));
        io.close();

        io.serverPort(20048);
        io.open();
        // MOUNT's export list and its mount list (showmount -e, -a), UMNTALL
        io.client(call(100005, 3, 5, UNIX));
        io.server(reply(1, "/export", 1, "10.0.0.0/8", 1, "client", 0, 1, "/home", 0, 0));
        io.client(call(100005, 3, 2, UNIX));
        io.server(reply(1, "client", "/export", 0));
        io.client(call(100005, 3, 4, UNIX));
        io.server(reply());
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RpcScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            RpcScenarios s = new RpcScenarios(os);
            s.write();
            s.io.done();
        }
    }
}

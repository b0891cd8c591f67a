package dev.tcpscope.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutated OpenFlow traffic for OpenflowTest: real messages (the payloads of the goldens'
 * captures, given as {@code seeds}) with bytes changed, lengths rewritten, cut short and run
 * together, sent both ways over connections to port 6653 (tcp.port) and 6633 (the heuristic).
 */
public final class OpenflowScenarios {
    private OpenflowScenarios() { }

    public static void mutated(Path out, List<byte[]> seeds, long seed, int count) throws IOException {
        Random r = new Random(seed);
        try (OutputStream os = Files.newOutputStream(out)) {
            TcpSessions io = new TcpSessions(os, 6653, n -> 40000 + n % 20000);
            int written = 0;
            while (written < count) {
                io.serverPort(r.nextBoolean() ? 6653 : 6633);
                io.open();
                for (int i = 0; i < 100 && written < count; i++, written++) {
                    byte[] p = mutate(r, seeds.get(r.nextInt(seeds.size())));
                    if (r.nextInt(4) == 0) { // two messages in one segment
                        byte[] q = mutate(r, seeds.get(r.nextInt(seeds.size())));
                        byte[] both = Arrays.copyOf(p, p.length + q.length);
                        System.arraycopy(q, 0, both, p.length, q.length);
                        p = both;
                    }
                    if (p.length == 0) {
                        p = new byte[] {1};
                    }
                    int keep = r.nextInt(8) == 0 ? r.nextInt(p.length + 1) : p.length;
                    io.send(r.nextInt(3) != 0, TcpSessions.PSH | TcpSessions.ACK, 0, p, keep);
                }
                io.close();
            }
            io.done();
        }
    }

    private static byte[] mutate(Random r, byte[] seed) {
        byte[] m = seed.clone();
        int edits = r.nextInt(6);
        for (int e = 0; e < edits && m.length > 0; e++) {
            m[r.nextInt(m.length)] = (byte) (r.nextInt(4) == 0 ? 0 : r.nextInt(256));
        }
        if (r.nextInt(6) == 0 && m.length > 4) { // a length that runs past or stops short
            int len = r.nextInt(3) == 0 ? r.nextInt(16) : r.nextInt(m.length + 64);
            m[2] = (byte) (len >> 8);
            m[3] = (byte) len;
        }
        if (r.nextInt(8) == 0 && m.length > 0) {
            m[0] = (byte) (1 + r.nextInt(7)); // another version
        }
        if (r.nextInt(5) == 0 && m.length > 0) {
            m = Arrays.copyOf(m, r.nextInt(m.length));
        }
        return m;
    }
}

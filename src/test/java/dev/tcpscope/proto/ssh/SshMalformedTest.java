package dev.tcpscope.proto.ssh;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.DissectorTable;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.tcp.AppColumns;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed SSH, SMTP and FTP input is data: packet-ssh.c's answers for an SSH packet length of
 * 2^31 (a bounded request for more bytes, or "[Malformed Packet]" when the segment cannot be
 * desegmented), a KEXINIT whose name-list runs past the packet, and random bytes through the
 * dissectors and their trees without an exception.
 */
class SshMalformedTest {
    private static final class Run {
        final DissectorTable table = Protocols.table();
        final PduDissector d;
        final Object session;
        final AppColumns columns = new AppColumns();
        int frame;

        Run(String name) {
            d = table.byName(name);
            session = d.newSession();
        }

        PduContext call(byte[] bytes, boolean toServer, boolean canDesegment) {
            PduContext ctx = new PduContext();
            ctx.session = session;
            ctx.frame = ++frame;
            ctx.srcPort = toServer ? 50000 : port();
            ctx.dstPort = toServer ? port() : 50000;
            ctx.canDesegment = canDesegment;
            ctx.columns = columns;
            d.dissect(MemorySegment.ofArray(bytes), 0, bytes.length, ctx);
            return ctx;
        }

        int port() {
            return switch (d.name()) {
                case "ssh" -> 22;
                case "smtp" -> 25;
                default -> 21;
            };
        }

        LayerTree.End tree() {
            return ((LayerTree) d).tree(frame, new Collected(), p -> { });
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static final byte[] BANNER = "SSH-2.0-OpenSSH_9.0\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void packetLengthOfTwoToThe31IsABoundedRequestOrMalformed() {
        Run r = new Run("ssh");
        r.call(BANNER, true, true);
        assertThat(r.columns.infoPrefix() + r.columns.info()).isEqualTo("Client: Protocol (SSH-2.0-OpenSSH_9.0)"); // "Client: " goes in front of the whole column
        byte[] huge = {(byte) 0x80, 0, 0, 0, 4, 20, 1, 2, 3, 4, 5, 6, 7, 8};
        PduContext ctx = r.call(huge, true, true);
        assertThat(ctx.desegmentOffset).isZero();
        assertThat(ctx.desegmentLength).isPositive().isLessThan(PduDissector.UNTIL_FIN);

        Run cut = new Run("ssh");
        cut.call(BANNER, true, true);
        cut.call(huge, true, false);
        assertThat(cut.columns.info().toString()).isEqualTo("Key Exchange Init[Malformed Packet]");
        assertThat(cut.tree()).isEqualTo(LayerTree.End.MALFORMED);
    }

    @Test
    void kexinitNameListPastThePacketIsMalformed() {
        Run r = new Run("ssh");
        r.call(BANNER, true, true);
        byte[] cookie = new byte[16];
        byte[] kexinit = concat(new byte[] {0, 0, 0, 40, 4, 20}, cookie, new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                "curve25519".getBytes(StandardCharsets.US_ASCII), new byte[8]);
        r.call(kexinit, true, true);
        assertThat(r.columns.info().toString()).endsWith("[Malformed Packet]");
        assertThat(r.tree()).isEqualTo(LayerTree.End.MALFORMED);
    }

    @Test
    void randomBytesNeverThrow() {
        Random rnd = new Random(12);
        for (String name : new String[] {"ssh", "smtp", "ftp"}) {
            for (int i = 0; i < 300; i++) {
                Run r = new Run(name);
                if (name.equals("ssh") && i % 2 == 0) {
                    r.call(BANNER, true, true);
                    r.call("SSH-2.0-x\r\n".getBytes(StandardCharsets.US_ASCII), false, true);
                }
                for (int k = 0; k < 6; k++) {
                    byte[] b = new byte[1 + rnd.nextInt(200)];
                    rnd.nextBytes(b);
                    if (k % 3 == 0 && b.length > 8) {
                        b[b.length - 2] = '\r';
                        b[b.length - 1] = '\n';
                    }
                    r.call(b, rnd.nextBoolean(), rnd.nextBoolean());
                    r.tree();
                }
            }
        }
    }
}

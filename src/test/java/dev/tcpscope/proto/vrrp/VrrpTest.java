package dev.tcpscope.proto.vrrp;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile VRRP messages: the walk ends or stops on a bounds exception, over IPv4 and IPv6 alike. */
class VrrpTest {
    @Test
    void randomMessagesOnlyEverStopOnTheirBounds() {
        SplittableRandom rnd = new SplittableRandom(5);
        Vrrp.Ip v4 = new Vrrp.Ip(new byte[] {10, 0, 0, 2}, new byte[] {(byte) 224, 0, 0, 18});
        Vrrp.Ip v6 = new Vrrp.Ip(new byte[16], new byte[16]);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[rnd.nextInt(1, 120)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) rnd.nextInt(256);
            }
            b[0] = (byte) (rnd.nextInt(1, 5) << 4 | 1);
            int cap = rnd.nextInt(1, b.length + 1);
            int rep = rnd.nextBoolean() ? b.length : cap + rnd.nextInt(0, 40);
            Tvb t = new Tvb(MemorySegment.ofArray(b), 0, cap, rep);
            StringBuilder p = new StringBuilder();
            StringBuilder i = new StringBuilder();
            Vrrp.Ip ip = rnd.nextBoolean() ? v4 : v6;
            Vrrp.walk(t, ip, rnd.nextBoolean(), Tree.NOTHING, p, i);
            Vrrp.walk(t, ip, false, new Collected(), new StringBuilder(), new StringBuilder());
            assertThat(p.toString()).isEqualTo("VRRP");
            assertThat(i.toString()).startsWith("Announcement (v");
        }
    }
}

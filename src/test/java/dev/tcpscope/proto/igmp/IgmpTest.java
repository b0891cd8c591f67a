package dev.tcpscope.proto.igmp;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile IGMP messages: the walk ends or stops on a bounds exception, and its work is bounded by the bytes. */
class IgmpTest {
    @Test
    void randomMessagesOnlyEverStopOnTheirBounds() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[] types = {0x01, 0x02, 0x11, 0x12, 0x16, 0x17, 0x22, 0x1e, 0x1f, 0x13, 0x99};
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[rnd.nextInt(1, 80)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) rnd.nextInt(256);
            }
            b[0] = (byte) types[rnd.nextInt(types.length)];
            int cap = rnd.nextInt(1, b.length + 1);
            int rep = rnd.nextBoolean() ? b.length : cap + rnd.nextInt(0, 40);
            StringBuilder p = new StringBuilder();
            StringBuilder i = new StringBuilder();
            Tvb t = new Tvb(MemorySegment.ofArray(b), 0, cap, rep);
            Tvb.Stop stop = Igmp.walk(t, rnd.nextBoolean(), Tree.NOTHING, p, i);
            Igmp.walk(t, false, new Collected(), new StringBuilder(), new StringBuilder());
            // a query too short for its second byte stops before IGMP names itself (the columns stay IP's)
            assertThat(p.isEmpty() ? stop != null : p.toString().startsWith("IGMP")).isTrue();
            // Info holds at most one phrase per 4 bytes read, so its length is bounded by the message's
            assertThat(i.length()).isLessThan(64 + 16 * b.length);
            if (stop == null) {
                assertThat(i).isNotEmpty();
            }
        }
    }
}

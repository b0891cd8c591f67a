package dev.tcpscope.proto.http;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The word-at-a-time line-end search gives what a byte-at-a-time one gives (tvb_find_line_end). */
class HttpLineEndTest {
    @Test
    void findsTheSameLineEndAsAByteScan() {
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] alphabet = {'a', 'Z', ' ', '\r', '\n', 0, (byte) 0x8d, (byte) 0x8a, 0x0c, 0x0e, (byte) 0xff};
        for (int round = 0; round < 20_000; round++) {
            int len = rnd.nextInt(0, 40);
            byte[] b = new byte[len + 5];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextInt(4) == 0 ? alphabet[rnd.nextInt(alphabet.length)] : (byte) ('a' + rnd.nextInt(26));
            }
            int off = rnd.nextInt(0, 5);
            MemorySegment s = MemorySegment.ofArray(b);
            int[] next = {-7};
            int[] expectNext = {-7};
            assertThat(Http.lineEnd(s, off, len, next)).as("round %d", round).isEqualTo(naive(b, off, len, expectNext));
            assertThat(next[0]).isEqualTo(expectNext[0]);
        }
    }

    private static int naive(byte[] b, int off, int len, int[] next) {
        for (int i = 0; i < len; i++) {
            if (b[off + i] == '\n') {
                next[0] = i + 1;
                return i;
            }
            if (b[off + i] == '\r') {
                if (i + 1 >= len) {
                    return -1;
                }
                next[0] = b[off + i + 1] == '\n' ? i + 2 : i + 1;
                return i;
            }
        }
        return -1;
    }
}

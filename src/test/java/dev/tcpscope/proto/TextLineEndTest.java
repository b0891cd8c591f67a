package dev.tcpscope.proto;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Text#firstCrOrLf} and {@link Text#lineEnd} against a byte-at-a-time search, on heap and native bytes. */
class TextLineEndTest {
    @Test
    void findsTheFirstTerminatorWhereverItIsAndWhateverSurroundsIt() {
        SplittableRandom random = new SplittableRandom(5);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment nat = arena.allocate(40_000);
            for (int round = 0; round < 3000; round++) {
                // lengths around the word head, the chunk size and far beyond it
                int len = switch (round % 4) {
                    case 0 -> random.nextInt(140);
                    case 1 -> 120 + random.nextInt(200);
                    case 2 -> 4000 + random.nextInt(300);
                    default -> random.nextInt(30_000);
                };
                int off = random.nextInt(9);
                byte[] b = new byte[off + len + 8];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) random.nextInt(256);
                    while (b[i] == '\r' || b[i] == '\n') {
                        b[i] = (byte) random.nextInt(256);
                    }
                }
                int terminators = random.nextInt(3);
                for (int t = 0; t < terminators && len > 0; t++) {
                    b[off + random.nextInt(len)] = random.nextBoolean() ? (byte) '\r' : (byte) '\n';
                }
                if (random.nextInt(5) == 0) {
                    b[off + len] = '\n'; // one just past the range must not count
                }
                MemorySegment heap = MemorySegment.ofArray(b);
                MemorySegment.copy(heap, 0, nat, 0, b.length);
                int first = len;
                for (int i = 0; i < len; i++) {
                    if (b[off + i] == '\r' || b[off + i] == '\n') {
                        first = i;
                        break;
                    }
                }
                for (MemorySegment s : new MemorySegment[] {heap, nat}) {
                    int at = Text.firstCrOrLf(s, off, len);
                    assertThat(at).as("round %d len %d", round, len).isBetween(0, first);
                    for (int i = 0; i < at; i++) {
                        assertThat(s.get(ValueLayout.JAVA_BYTE, off + i)).isNotIn((byte) '\r', (byte) '\n');
                    }
                    int[] next = new int[1];
                    int line = Text.lineEnd(s, off, len, next, true);
                    boolean crAtEnd = first == len - 1 && b[off + first] == '\r';
                    assertThat(line).as("round %d len %d", round, len).isEqualTo(first == len || crAtEnd ? -1 : first);
                }
            }
        }
    }
}

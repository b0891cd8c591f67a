package dev.tcpscope.present;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16 item 7: a large dump is handed out in pieces of about a MiB, which join to the whole dump. */
class HexDumpDrainTest {
    @Test
    void aLargeDumpIsDrainedInPiecesThatJoinToTheWholeDump() throws Exception {
        byte[] b = new byte[3_000_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 7);
        }
        MemorySegment s = MemorySegment.ofArray(b);
        StringBuilder whole = new StringBuilder();
        HexDump.append(whole, s, 3, b.length - 3);
        StringBuilder out = new StringBuilder("header\n");
        StringBuilder joined = new StringBuilder();
        int[] drains = {0};
        HexDump.append(out, s, 3, b.length - 3, built -> {
            assertThat(built.length()).isLessThan(HexDump.DRAIN_AT + 200);
            joined.append(built);
            built.setLength(0);
            drains[0]++;
        });
        joined.append(out);
        assertThat(drains[0]).isGreaterThan(10);
        assertThat(joined.toString()).isEqualTo("header\n" + whole);
    }
}

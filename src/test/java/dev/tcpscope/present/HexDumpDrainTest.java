package dev.tcpscope.present;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 7: a large dump is written in pieces no larger than the writer's buffer, which
 * join to the whole dump: the text of a 128 MiB frame is never held.
 */
class HexDumpDrainTest {
    @Test
    void aLargeDumpIsWrittenInPiecesThatJoinToTheWholeDump() throws Exception {
        byte[] b = new byte[3_000_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 7);
        }
        MemorySegment s = MemorySegment.ofArray(b);
        StringBuilder whole = new StringBuilder();
        HexDump.append(whole, s, 3, b.length - 3);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int[] writes = {0, 0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int v) {
                joined.write(v);
            }

            @Override
            public void write(byte[] buf, int off, int len) {
                writes[0]++;
                writes[1] = Math.max(writes[1], len);
                joined.write(buf, off, len);
            }
        };
        try (LineWriter w = new LineWriter(counting)) {
            w.line("header");
            HexDump.write(w, s, 3, b.length - 3);
        }
        assertThat(writes[0]).isGreaterThan(100);
        assertThat(writes[1]).isLessThanOrEqualTo(LineWriter.ROOM);
        assertThat(joined.toString(StandardCharsets.US_ASCII)).isEqualTo("header\n" + whole);
        assertThat(whole.toString()).startsWith("000000  15 1c 23 2a").contains("\n2dc6b0  ");
    }
}

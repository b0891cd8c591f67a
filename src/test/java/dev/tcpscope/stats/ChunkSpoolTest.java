package dev.tcpscope.stats;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Spools sharing one {@link SpoolStore}: memory stays under the budget, every chunk comes back in order. */
class ChunkSpoolTest {
    private record Chunk(boolean server, long frame, long seconds, int nanos, String text) { }

    private static ChunkSink into(List<Chunk> out) {
        return (server, frame, seconds, nanos, bytes, offset, length) -> out.add(new Chunk(server, frame, seconds, nanos,
                new String(bytes.asSlice(offset, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    @Test
    void interleavedStreamsSpillToOneFileAndReplayInOrder() throws IOException {
        try (SpoolStore store = new SpoolStore(1000)) {
            List<ChunkSpool> spools = new ArrayList<>();
            List<List<Chunk>> expected = new ArrayList<>();
            for (int s = 0; s < 7; s++) {
                spools.add(new ChunkSpool(store));
                expected.add(new ArrayList<>());
            }
            for (int i = 0; i < 500; i++) {
                int s = (i * 5 + i / 7) % 7;
                String text = ("chunk " + i + " of stream " + s + " ").repeat(1 + i % 9);
                Chunk c = new Chunk(i % 3 == 0, i + 1, 1_700_000_000L + i, i * 1000, text);
                expected.get(s).add(c);
                byte[] b = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                byte[] padded = new byte[b.length + 4];
                System.arraycopy(b, 0, padded, 2, b.length);
                spools.get(s).chunk(c.server(), c.frame(), c.seconds(), c.nanos(), MemorySegment.ofArray(padded), 2, b.length);
            }
            for (int s = 0; s < 7; s++) {
                List<Chunk> back = new ArrayList<>();
                spools.get(s).replay(into(back));
                assertThat(back).as("stream %d", s).isEqualTo(expected.get(s));
            }
        }
    }

    @Test
    void aSpoolOfItsOwnBehavesAsBefore() throws IOException {
        ChunkSpool spool = new ChunkSpool(64);
        List<Chunk> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Chunk c = new Chunk(i % 2 == 1, i, i, i, "x".repeat(i));
            expected.add(c);
            spool.chunk(c.server(), c.frame(), c.seconds(), c.nanos(), MemorySegment.ofArray(c.text().getBytes()), 0, i);
        }
        List<Chunk> back = new ArrayList<>();
        spool.replay(into(back));
        assertThat(back).isEqualTo(expected);
    }
}

package dev.tcpscope.present;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LineWriterTest {
    private static final String[] PIECES = {"a", "→", "é", "中", "\uD83D\uDE00", "\t", "0123456789", "Ü"};

    @Test
    void writesWhatStringGetBytesWritesForAnyLengthAndMix() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (LineWriter w = new LineWriter(got)) {
            for (int line = 0; line < 400; line++) {
                // mostly short lines, some far longer than the 64 KiB buffer
                int pieces = random.nextInt(10) == 0 ? random.nextInt(40_000) : random.nextInt(60);
                StringBuilder sb = new StringBuilder();
                for (int p = 0; p < pieces; p++) {
                    sb.append(PIECES[random.nextInt(PIECES.length)]);
                }
                if (line % 2 == 0) {
                    w.line(sb);
                    expected.writeBytes((sb + "\n").getBytes(StandardCharsets.UTF_8));
                } else {
                    w.text(sb);
                    expected.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(got.toByteArray()).isEqualTo(expected.toByteArray());
    }
}

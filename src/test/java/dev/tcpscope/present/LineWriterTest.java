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

    @Test
    void aMarkedLineWritesEachNulAsTheArrowAndOtherLinesKeepTheirNul() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (LineWriter w = new LineWriter(got)) {
            for (int line = 0; line < 300; line++) {
                int pieces = random.nextInt(10) == 0 ? random.nextInt(40_000) : random.nextInt(60);
                StringBuilder sb = new StringBuilder();
                for (int p = 0; p < pieces; p++) {
                    sb.append(random.nextInt(4) == 0 ? "\0" : PIECES[random.nextInt(PIECES.length)]);
                }
                if (line % 2 == 0) {
                    w.lineMarked(sb);
                    expected.writeBytes((sb.toString().replace('\0', '\u2192') + "\n").getBytes(StandardCharsets.UTF_8));
                } else {
                    w.line(sb); // a NUL stays a NUL outside lineMarked
                    expected.writeBytes((sb + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(got.toByteArray()).isEqualTo(expected.toByteArray());
    }
}

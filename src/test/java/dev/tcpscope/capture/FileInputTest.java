package dev.tcpscope.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/** The buffer is refilled as the reader moves: every byte reads the same wherever the refills fall. */
class FileInputTest {
    @Test
    void readsEveryByteAcrossWindowBoundaries(@TempDir Path dir) throws IOException {
        byte[] data = new byte[100_003];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        Path f = dir.resolve("bytes.bin");
        Files.write(f, data);
        // Buffers of 8 KiB and fills of 1..97 bytes: most fills cross a window edge at some point.
        try (FileInput in = new FileInput(FileChannel.open(f, StandardOpenOption.READ), data.length, 8192)) {
            int pos = 0;
            int step = 1;
            while (pos < data.length) {
                long n = in.fill(step);
                assertThat(n).isEqualTo(Math.min(step, data.length - pos));
                for (int k = 0; k < n; k++) {
                    assertThat(in.segment().get(ValueLayout.JAVA_BYTE, in.base() + k)).isEqualTo(data[pos + k]);
                }
                assertThat(in.position()).isEqualTo(pos);
                in.skip(n);
                pos += (int) n;
                step = step % 97 + 1;
            }
            assertThat(in.fill(10)).isZero();
        }
    }

    @Test
    void aFillLargerThanTheBufferGrowsIt(@TempDir Path dir) throws IOException {
        byte[] data = new byte[50_000];
        data[49_999] = 42;
        Path f = dir.resolve("big.bin");
        Files.write(f, data);
        try (FileInput in = new FileInput(FileChannel.open(f, StandardOpenOption.READ), data.length, 4096)) {
            in.skip(10);
            assertThat(in.fill(49_990)).isEqualTo(49_990);
            assertThat(in.segment().get(ValueLayout.JAVA_BYTE, in.base() + 49_989)).isEqualTo((byte) 42);
        }
    }
    @Test
    void readsBackBytesInsideAndOutsideTheWindow(@TempDir Path dir) throws IOException {
        byte[] data = new byte[40_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 13 + 1);
        }
        Path f = dir.resolve("back.bin");
        Files.write(f, data);
        try (FileInput in = new FileInput(FileChannel.open(f, StandardOpenOption.READ), data.length, 8192)) {
            in.skip(30_000);
            assertThat(in.fill(100)).isEqualTo(100);
            for (int at : new int[] {30_050, 29_000, 100, 39_990}) { // in the window, before it, long before, after it
                byte[] got = new byte[10];
                assertThat(in.read(at, got, 0, 10)).isTrue();
                assertThat(got).isEqualTo(java.util.Arrays.copyOfRange(data, at, at + 10));
            }
            byte[] past = new byte[20];
            assertThat(in.read(39_990, past, 0, 20)).isFalse(); // past the end: what is missing reads as zeros
            assertThat(past[15]).isZero();
        }
    }
}

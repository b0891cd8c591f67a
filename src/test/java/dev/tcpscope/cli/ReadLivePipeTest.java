package dev.tcpscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tcpdump -U -w - | tcpscope read -}: each packet is printed as it arrives, not at the end
 * of the input. The writer sends the pcap header and one packet, then waits (bounded) for its
 * line before sending the rest.
 */
class ReadLivePipeTest {

    /** A stream whose {@code flush} is observable: the bytes handed on so far. */
    private static final class Seen extends OutputStream {
        private final ByteArrayOutputStream flushed = new ByteArrayOutputStream();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            pending.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public synchronized void flush() {
            flushed.writeBytes(pending.toByteArray());
            pending.reset();
        }

        synchronized String flushedText() {
            return flushed.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theFirstPacketIsPrintedBeforeTheWriterFinishes() throws Exception {
        byte[] file = Files.readAllBytes(Path.of("captures/arkime-wireshark-retrans.pcap"));
        int first = 24 + 16 + ByteBuffer.wrap(file, 24 + 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        PipedOutputStream writer = new PipedOutputStream();
        InputStream pipe = new PipedInputStream(writer, 1 << 16);
        Seen seen = new Seen();
        InputStream stdin = System.in;
        System.setIn(pipe);
        try {
            int[] rc = {-1};
            Thread reader = Thread.ofPlatform().start(() -> {
                PrintStream out = new PrintStream(seen, false, StandardCharsets.UTF_8);
                rc[0] = Main.run(out, new PrintStream(new ByteArrayOutputStream()), "read", "-");
            });
            writer.write(file, 0, first);
            writer.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.flushedText().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(seen.flushedText()).as("the first line, while the writer still holds the rest")
                    .startsWith("    1   0.000000 172.17.96.143 → 172.17.96.77 TCP 74 59221 → 4000 [SYN]")
                    .hasLineCount(1);
            writer.write(file, first, file.length - first);
            writer.close();
            reader.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(rc[0]).isZero();
            assertThat(seen.flushedText().lines().count()).isEqualTo(108);
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void dashLFlushesAfterEachPacket() throws IOException {
        Seen seen = new Seen();
        PrintStream out = new PrintStream(seen, false, StandardCharsets.UTF_8) {
            private int flushes;

            @Override
            public void flush() {
                super.flush();
                flushes++;
                if (flushes <= 3) {
                    // each of the first flushes hands on exactly one more line
                    assertThat(seen.flushedText().lines().count()).isEqualTo(flushes);
                }
            }
        };
        assertThat(Main.run(out, new PrintStream(new ByteArrayOutputStream()), "read", "-l", "captures/learn_tcp.pcapng")).isZero();
        assertThat(seen.flushedText().lines().count()).isEqualTo(20);
    }
}

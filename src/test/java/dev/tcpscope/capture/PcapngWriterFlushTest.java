package dev.tcpscope.capture;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, item 14: {@code lab -w} and {@code capture -w} killed with SIGKILL kept a 0-byte
 * file; every packet's block must be in the file as soon as it is written, before any close.
 */
class PcapngWriterFlushTest {
    @Test
    void eachPacketIsInTheFileBeforeClose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("live.pcapng");
        PcapngWriter w = PcapngWriter.create(file);
        w.addInterface(new CaptureInterface(LinkType.ETHERNET, 262_144, "lo", null, 9));
        Frame f = new Frame();
        byte[] packet = new byte[74];
        for (int i = 1; i <= 10; i++) {
            f.set(i, 1_700_000_000L + i, 0, 9, LinkType.ETHERNET, 0, MemorySegment.ofArray(packet), 0, packet.length, packet.length);
            w.write(f);
            // what another process (or tshark after a SIGKILL) sees now, without close or flush
            try (CaptureReader r = Captures.open(file.toString())) {
                Frame g = new Frame();
                int n = 0;
                while (r.next(g)) {
                    n++;
                }
                assertThat(n).isEqualTo(i);
            }
        }
        assertThat(Files.size(file)).isGreaterThan(10L * 74);
        w.close();
    }
}

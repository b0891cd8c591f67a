package dev.tcpscope.capture;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PcapngWriter without a live capture: frames of every padding, two interfaces, read back. */
@Timeout(30)
class PcapngWriterTest {
    @TempDir
    Path dir;

    @Test
    void framesComeBackWithTheirTimesLengthsAndBytes() throws Exception {
        Path file = dir.resolve("w.pcapng");
        Frame f = new Frame();
        byte[][] packets = new byte[8][];
        try (PcapngWriter w = PcapngWriter.create(file)) {
            assertThat(w.addInterface(new CaptureInterface(LinkType.ETHERNET, 262_144, "lo", null, 9))).isZero();
            assertThat(w.addInterface(new CaptureInterface(LinkType.RAW, 0, "tun0", "a tunnel", 9))).isOne();
            for (int i = 0; i < packets.length; i++) {
                packets[i] = new byte[60 + i]; // every padding length twice
                for (int j = 0; j < packets[i].length; j++) {
                    packets[i][j] = (byte) (i * 31 + j);
                }
                f.set(i + 1, 1_700_000_000L + i, 999_999_990 + i, 9, i % 2 == 0 ? LinkType.ETHERNET : LinkType.RAW,
                        i % 2, MemorySegment.ofArray(packets[i]), 0, packets[i].length, packets[i].length + i);
                w.write(f);
            }
            assertThat(w.packets()).isEqualTo(packets.length);
        }
        try (CaptureReader r = Captures.open(file.toString())) {
            Frame g = new Frame();
            for (int i = 0; i < packets.length; i++) {
                assertThat(r.next(g)).isTrue();
                assertThat(g.seconds()).isEqualTo(1_700_000_000L + i);
                assertThat(g.nanos()).isEqualTo(999_999_990 + i);
                assertThat(g.timestampDigits()).isEqualTo(9);
                assertThat(g.interfaceId()).isEqualTo(i % 2);
                assertThat(g.linkType()).isEqualTo(i % 2 == 0 ? LinkType.ETHERNET : LinkType.RAW);
                assertThat(g.originalLength()).isEqualTo(packets[i].length + i);
                assertThat(g.toByteArray()).isEqualTo(packets[i]);
            }
            assertThat(r.next(g)).isFalse();
            assertThat(r.interfaces()).extracting(CaptureInterface::name, CaptureInterface::description,
                            CaptureInterface::snapLength)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("lo", null, 262_144),
                            org.assertj.core.groups.Tuple.tuple("tun0", "a tunnel", 0));
        }
        List<String> tshark = LiveCaptureTest.tsharkFrameNumbers(file);
        if (tshark != null) {
            assertThat(tshark).hasSize(packets.length);
        }
    }

    @Test
    void aFrameOfAnUnknownInterfaceIsRefused() throws Exception {
        Frame f = new Frame();
        f.set(1, 0, 0, 9, LinkType.ETHERNET, 0, MemorySegment.ofArray(new byte[14]), 0, 14, 14);
        try (PcapngWriter w = PcapngWriter.create(dir.resolve("x.pcapng"))) {
            assertThatThrownBy(() -> w.write(f)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Files.size(dir.resolve("x.pcapng"))).isEqualTo(28 + 20 + 4); // SHB: fixed part, shb_userappl "tcpscope 0.1.0", opt_endofopt
    }
}

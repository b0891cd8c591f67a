package dev.tcpscope.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tcpscope.frame.LinkType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficGeneratorTest {
    private static final int PACKETS = 10_000;

    private static byte[] generate(long seed, int conversations) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 << 20);
        try (PcapWriter w = new PcapWriter(bytes, LinkType.ETHERNET, 262_144, false)) {
            new TrafficGenerator(seed, conversations, 0.2).write(w, PACKETS);
        }
        return bytes.toByteArray();
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws IOException {
        byte[] a = generate(42, 2000);
        assertThat(generate(42, 2000)).isEqualTo(a);
        assertThat(generate(43, 2000)).isNotEqualTo(a);
        assertThat(a.length).as("mean frame size").isBetween(PACKETS * 400, PACKETS * 1300);
    }

    /**
     * tshark, with checksum validation on, opens the file, counts every packet, finds nothing
     * malformed and no bad checksum, and sees the injected faults. Few connections, so that
     * 10k packets span enough time for RTO retransmissions and zero-window probes.
     */
    @Test
    void tsharkReadsEveryPacketWithGoodChecksumsAndSeesTheFaults(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("tshark"), "tshark is not on PATH");
        Path file = dir.resolve("synth.pcap");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(generate(1, 20));
        }
        Process p = new ProcessBuilder(List.of("tshark", "-n", "-r", file.toString(),
                "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-T", "fields", "-E", "occurrence=f",
                "-e", "frame.number", "-e", "_ws.malformed", "-e", "ip.checksum.status", "-e", "tcp.checksum.status",
                "-e", "tcp.analysis.retransmission", "-e", "tcp.analysis.fast_retransmission",
                "-e", "tcp.analysis.out_of_order", "-e", "tcp.analysis.duplicate_ack",
                "-e", "tcp.analysis.zero_window", "-e", "tcp.analysis.zero_window_probe"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();

        String[] names = {"frame", "malformed", "ip", "tcp", "retransmission", "fast_retransmission",
                "out_of_order", "duplicate_ack", "zero_window", "zero_window_probe"};
        Map<String, Integer> seen = new HashMap<>();
        int lines = 0;
        for (String line : out.split("\n")) {
            String[] f = line.split("\t", -1);
            lines++;
            assertThat(f[1]).as("_ws.malformed in frame %s", f[0]).isEmpty();
            assertThat(f[2]).as("IPv4 checksum status in frame %s (1 good; empty for IPv6)", f[0]).isIn("", "1");
            assertThat(f[3]).as("TCP checksum status in frame %s", f[0]).isEqualTo("1");
            for (int i = 4; i < f.length; i++) if (!f[i].isEmpty()) seen.merge(names[i], 1, Integer::sum);
        }
        assertThat(lines).isEqualTo(PACKETS);
        assertThat(seen).containsKeys("retransmission", "fast_retransmission", "out_of_order", "duplicate_ack",
                "zero_window", "zero_window_probe");
    }

    /**
     * With an HTTP share, tshark (no profile: every protocol on) finds GETs and POSTs on port 80
     * each answered by a 200 whose Content-Length body it reassembled, and nothing malformed.
     */
    @Test
    void httpConnectionsCarryRequestsAndReassembledResponsesTsharkAccepts(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("tshark"), "tshark is not on PATH");
        Path file = dir.resolve("http.pcap");
        try (OutputStream out = Files.newOutputStream(file);
             PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 262_144, false)) {
            new TrafficGenerator(7, 50, 0.2).httpShare(0.5).write(w, PACKETS);
        }
        Path config = Files.createDirectory(dir.resolve("config"));   // no profile, whatever the user has
        ProcessBuilder pb = new ProcessBuilder(List.of("tshark", "-n", "-r", file.toString(),
                "-T", "fields", "-E", "occurrence=f", "-e", "frame.number", "-e", "_ws.malformed",
                "-e", "http.request.method", "-e", "http.response.code", "-e", "tcp.reassembled.length",
                "-e", "http.content_length", "-e", "http.file_data"))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("XDG_CONFIG_HOME", config.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        Map<String, Integer> methods = new HashMap<>();
        int ok = 0, reassembledOk = 0;
        for (String line : out.split("\n")) {
            String[] f = line.split("\t", -1);
            assertThat(f[1]).as("_ws.malformed in frame %s", f[0]).isEmpty();
            if (!f[2].isEmpty()) methods.merge(f[2], 1, Integer::sum);
            if (f[3].equals("200")) {
                ok++;
                if (!f[4].isEmpty()) reassembledOk++;
                // the body is printable filler, which tshark prints as it is
                assertThat(f[6].length()).as("body of frame %s", f[0]).isEqualTo(Integer.parseInt(f[5]));
            }
        }
        assertThat(methods).containsKeys("GET", "POST");
        assertThat(ok).isGreaterThan(20);
        assertThat(reassembledOk).as("responses over several segments").isGreaterThan(5);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }
}

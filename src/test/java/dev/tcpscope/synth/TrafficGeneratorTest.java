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

    /**
     * With TLS and DNS shares, a plain tshark (every protocol on) sees ClientHellos and
     * ServerHellos of TLS 1.3 on port 443, DNS queries and answers (some "No such name") on UDP port
     * 53, nothing malformed in them; and tcpscope's packet list is that tshark's, line for line.
     */
    @Test
    void tlsAndDnsTrafficIsWhatAPlainTsharkListsAsTcpscopeDoes(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("tshark"), "tshark is not on PATH");
        Path file = dir.resolve("mix.pcap");
        try (OutputStream out = Files.newOutputStream(file);
             PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 262_144, false)) {
            new TrafficGenerator(11, 60, 0.2).httpShare(0.2).tlsDnsShares(0.3, 0.2).write(w, PACKETS);
        }
        Path config = Files.createDirectory(dir.resolve("config"));
        String fields = tshark(config, "-n", "-r", file.toString(), "-T", "fields", "-E", "occurrence=a",
                "-e", "frame.number", "-e", "_ws.col.Protocol", "-e", "tls.handshake.type", "-e", "dns.flags.rcode",
                "-e", "_ws.malformed", "-e", "tls.handshake.extensions_server_name");
        Map<String, Integer> protocols = new HashMap<>();
        java.util.Set<String> handshakes = new java.util.HashSet<>();
        java.util.Set<String> rcodes = new java.util.HashSet<>();
        int sni = 0;
        for (String line : fields.split("\n")) {
            String[] f = line.split("\t", -1);
            protocols.merge(f[1], 1, Integer::sum);
            if (f[1].startsWith("TLS") || f[1].equals("DNS")) {
                assertThat(f[4]).as("_ws.malformed in frame %s", f[0]).isEmpty();
            }
            if (!f[2].isEmpty()) handshakes.addAll(List.of(f[2].split(",")));
            if (!f[3].isEmpty()) rcodes.add(f[3]);
            if (f[5].matches("svc[0-9]+\\.example")) sni++;
        }
        assertThat(protocols).containsKeys("TLSv1.3", "DNS", "HTTP", "TCP");
        assertThat(handshakes).contains("1", "2");
        assertThat(rcodes).contains("0", "3");
        assertThat(sni).isGreaterThan(5);
        String list = tshark(config, "-r", file.toString());
        assertThat(dev.tcpscope.cli.CliRun.of("read", file.toString()).out()).isEqualTo(list);
    }

    private static String tshark(Path config, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("tshark"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("XDG_CONFIG_HOME", config.toString());
        pb.environment().put("TZ", "UTC");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
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

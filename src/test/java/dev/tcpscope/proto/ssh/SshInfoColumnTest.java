package dev.tcpscope.proto.ssh;

import dev.tcpscope.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * packet-ssh.c clears the Info column, appends each message with ", " and then prepends
 * "Client: " or "Server: " to the whole column: a segment TCP labelled (fenced "[TCP Fast
 * Retransmission] ") reads {@code Client: [TCP Fast Retransmission] , Key Exchange Init}. The
 * capture is the first 40 frames of Zeek's testing/btest/Traces/tcp/ssh-dups.pcap (zeek/zeek
 * a13de64fbbdb, BSD-3-Clause), where every segment was captured four times; the expected lines are
 * tshark 4.0.17's for it (`tshark -r` with scripts/tshark-profile.sh's profile, TZ=UTC).
 */
class SshInfoColumnTest {
    private static List<String> read(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            assertThat(Main.run(out, err, args)).isZero();
        }
        return o.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void theDirectionGoesInFrontOfTcpsAnalysisLabelAndTheMessageAfterASeparator() {
        List<String> lines = read("read", "src/test/resources/proto/zeek-ssh-dups-40.pcap");
        assertThat(lines).hasSize(40);
        assertThat(lines.get(19)).endsWith(" SSHv2 1458 Client: Key Exchange Init");
        assertThat(lines.get(20)).endsWith(" SSHv2 1458 Client: [TCP Fast Retransmission] , Key Exchange Init");
        assertThat(lines.get(28)).endsWith(" SSHv2 1146 Server: [TCP Fast Retransmission] , Key Exchange Init");
        assertThat(lines.get(36)).endsWith(
                " SSHv2 114 Client: [TCP Fast Retransmission] , Elliptic Curve Diffie-Hellman Key Exchange Init");
        List<String> info = read("read", "src/test/resources/proto/zeek-ssh-dups-40.pcap", "-T", "fields", "-e", "_ws.col.Info");
        assertThat(info.get(21)).isEqualTo("Client: [TCP Fast Retransmission] , Key Exchange Init");
    }

    /**
     * packet-ssh.c names the Protocol column from the conversation's version before it reads the
     * frame: the client's banner, which here comes before the server's, says "SSH" in one pass,
     * and "SSHv2" in tshark's second pass, which finds the version the first pass ended with.
     */
    @Test
    void theSecondPassNamesTheFirstBannerWithTheVersionTheFirstPassFound() {
        String banner = " 87 Client: Protocol (SSH-2.0-OpenSSH_7.9)";
        assertThat(read("read", "src/test/resources/proto/zeek-ssh-dups-40.pcap").get(3)).endsWith(" SSH" + banner);
        assertThat(read("read", "-2", "src/test/resources/proto/zeek-ssh-dups-40.pcap").get(3)).endsWith(" SSHv2" + banner);
    }
}

package dev.tcpscope.proto.mysql;

import dev.tcpscope.GoldenText;
import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.cli.CliRun;
import dev.tcpscope.synth.MysqlScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MySQL is what tshark 4.0.17 prints (goldens by scripts/make-mysql-goldens.sh: the packet list
 * of every frame and, for the frames {@code -Y "mysql || tls"} keeps, -V, -2 -V, -T json -x,
 * -T pdml, -T ek, -T fields and -q -z expert) on the crafted captures/synth-mysql.pcap
 * (MysqlScenarios) and nine real captures; and 20,000 mutated packets never end a read, in
 * bounded time.
 */
@ExtendWith(UtcTimeZone.class)
class MysqlTest {
    private static final Path DIR = Path.of("src/test/resources/golden/mysql");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "mysql || tls", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(10 * 8);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void mysqlIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrints(DIR, golden, capture, options);
    }

    /** The state machine: a greeting, then a login, then commands each read by what the last one asked for. */
    @Test
    void theInfoFollowsTheConversation() {
        CliRun run = CliRun.of("read", "captures/synth-mysql.pcap", "-Y", "mysql", "-T", "fields", "-e", "_ws.col.Info");
        assertThat(run.out()).contains("Server Greeting  proto=10 version=5.7.30-log ", "Login Request user=alice ",
                "Response TABULAR Response ", "Response  Error 1064 ", "Request Unknown (127) ", "Auth Switch Request ",
                "Response: SSL Handshake user= ", "Server Greeting  proto=10 version=10.6.12-MariaDB ");
    }

    /** 20,000 mutations of real packets, some cut: every read ends normally and quickly. */
    @Test
    void mutatedPacketsNeverBreakARead(@TempDir Path dir) throws IOException {
        Path pcap = dir.resolve("mutated.pcap");
        MysqlScenarios.mutated(pcap, 3306, 20_000);
        long start = System.nanoTime();
        CliRun.readsCleanly(pcap, new String[] {}, new String[] {"-V"}, new String[] {"-T", "json", "-x"},
                new String[] {"-2", "-Y", "mysql", "-q", "-z", "expert"});
        assertThat(System.nanoTime() - start).as("four reads of 20,000 packets").isLessThan(180_000_000_000L);
    }
}

package dev.tcpscope.spark;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tcpscope sql} and {@code tcpscope export} run in this JVM on the tests' local Spark. */
class SqlMainTest {
    private record Run(int code, String out, String err) { }

    private static Run run(String... args) {
        LocalSpark.get(); // the commands' getOrCreate finds the tests' session
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SqlMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void csvHasAHeaderAndTsharksCounts() {
        Run r = run("sql", "SELECT ip_src, count(*) AS n FROM packets GROUP BY ip_src ORDER BY n DESC",
                "captures/arkime-wireshark-retrans.pcap", "--format", "csv", "--master", "local[2]");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        // tshark -r captures/arkime-wireshark-retrans.pcap -T fields -e ip.src | sort | uniq -c
        assertThat(r.out().lines().toList()).containsExactly("ip_src,n", "172.17.96.143,64", "172.17.96.77,44");
    }

    @Test
    void analysisFlagsAreBooleanColumnsAndTheTableIsAligned() {
        Run r = run("sql", "SELECT frame_number, tcp_analysis_flags FROM packets "
                        + "WHERE tcp_flags_syn AND NOT tcp_flags_ack AND tcp_analysis_retransmission ORDER BY frame_number",
                "captures/arkime-wireshark-retrans.pcap");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).containsExactly(
                "frame_number | tcp_analysis_flags",
                "-------------+-------------------",
                "2            | true",
                "3            | true",
                "(2 rows)");
    }

    @Test
    void jsonIsOneObjectALine() {
        Run r = run("sql", "SELECT frame_number, ip_src, tcp_srcport FROM packets ORDER BY frame_number LIMIT 2",
                "captures/learn_tcp.pcapng", "--format", "json");
        assertThat(r.out().lines().toList()).containsExactly(
                "{\"frame_number\":1,\"ip_src\":\"127.0.0.1\",\"tcp_srcport\":5201}",
                "{\"frame_number\":2,\"ip_src\":\"127.0.0.1\",\"tcp_srcport\":5200}");
    }

    @Test
    void aBadQueryIsOneLine() {
        Run r = run("sql", "SELECT nonsense FROM packets", "captures/learn_tcp.pcapng");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("tcpscope: bad query: ").contains("nonsense");
        Run missing = run("sql", "SELECT count(*) FROM packets", "captures/no-such.pcap");
        assertThat(missing.err().strip()).isEqualTo("tcpscope: the path \"captures/no-such.pcap\" doesn't exist");
        Run format = run("sql", "SELECT 1", "captures/learn_tcp.pcapng", "--format", "xml");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("invalid --format \"xml\"");
    }

    @Test
    void exportWritesParquetThatSparkReadsBack(@TempDir Path dir) {
        Path out = dir.resolve("frames.parquet");
        Run r = run("export", "captures/learn_tcp.pcapng", "--parquet", out.toString(),
                "--fields", "frame.number,tcp.seq,tcp.len");
        assertThat(r.code()).as(r.err()).isZero();
        List<Row> rows = LocalSpark.get().read().parquet(out.toString()).orderBy("frame_number").collectAsList();
        assertThat(rows).hasSize(20);
        assertThat(rows.get(3).getLong(rows.get(3).fieldIndex("tcp_len"))).isEqualTo(6);
        Run again = run("export", "captures/learn_tcp.pcapng", "--parquet", out.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("exists already");
    }
}

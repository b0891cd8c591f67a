package dev.tcpscope.report;

import dev.tcpscope.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.tcpscope.report.StatsScenarios.ACK;
import static dev.tcpscope.report.StatsScenarios.FIN;
import static dev.tcpscope.report.StatsScenarios.PSH;
import static dev.tcpscope.report.StatsScenarios.RST;
import static dev.tcpscope.report.StatsScenarios.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every column of {@code tcpscope stats} on synthetic connections whose values are known by
 * construction ({@link StatsScenarios}): a clean exchange with known RTTs and handshake, a
 * known number of fast, RTO and spurious retransmissions, a zero-window period of known length,
 * a refused connection, resets from either side, half-open and mid-stream connections, a
 * connection first seen by its SYN/ACK, out-of-order and lost segments, an ACK of data not seen.
 */
class ConnectionReportTest {
    @TempDir
    static Path dir;
    static Path capture;
    static Map<String, Long> bytes;
    /** Rows by "clientPort/orig" and "clientPort/resp". */
    static Map<String, Map<String, String>> rows = new HashMap<>();

    @BeforeAll
    static void write() throws IOException {
        capture = dir.resolve("scenarios.pcap");
        try (StatsScenarios w = new StatsScenarios(capture)) {
            // 40001: a clean exchange with options; RTTs 30 ms (client data) and 5/10 ms (server's)
            w.next();
            w.clientOptions().mss(1460).windowScale(7);
            w.c(0, 1000, 0, SYN, 64000, 0);
            w.serverOptions().mss(1400).windowScale(8);
            w.s(30, 5000, 1001, SYN | ACK, 65000, 0).c(40, 1001, 5001, ACK, 1000, 0)
                    .c(50, 1001, 5001, PSH | ACK, 1000, 1000).s(80, 5001, 2001, ACK, 2000, 0)
                    .s(100, 5001, 2001, PSH | ACK, 2000, 500).c(105, 2001, 5501, ACK, 1000, 0)
                    .c(200, 2001, 5501, FIN | ACK, 1000, 0).s(230, 5501, 2002, FIN | ACK, 2000, 0)
                    .c(240, 2002, 5502, ACK, 1000, 0);
            // 40002: one fast retransmission after three duplicate ACKs, one after a timeout, one spurious
            w.next();
            w.handshake().c(50, 1001, 5001, ACK, 8000, 1000).c(51, 2001, 5001, ACK, 8000, 1000)
                    .c(52, 3001, 5001, ACK, 8000, 1000).c(53, 4001, 5001, ACK, 8000, 1000)
                    .s(81, 5001, 1001, ACK, 8000, 0).s(82, 5001, 1001, ACK, 8000, 0).s(83, 5001, 1001, ACK, 8000, 0)
                    .c(84, 1001, 5001, ACK, 8000, 1000).s(115, 5001, 5001, ACK, 8000, 0)
                    .c(200, 5001, 5001, ACK, 8000, 1000).c(500, 5001, 5001, ACK, 8000, 1000)
                    .s(530, 5001, 6001, ACK, 8000, 0).c(600, 5001, 5001, ACK, 8000, 1000);
            // 40003: the server's window closed from 300 ms to 800 ms, a probe in between
            w.next();
            w.handshake().c(50, 1001, 5001, ACK, 8000, 100).s(300, 5001, 1101, ACK, 0, 0)
                    .c(500, 1101, 5001, ACK, 8000, 1).s(530, 5001, 1101, ACK, 0, 0).s(800, 5001, 1101, ACK, 8000, 0);
            // 40004: refused
            w.next();
            w.c(0, 1000, 0, SYN, 8000, 0).s(1, 0, 1001, RST | ACK, 0, 0);
            // 40005: the client resets after data
            w.next();
            w.handshake().c(50, 1001, 5001, ACK, 8000, 100).s(80, 5001, 1101, ACK, 8000, 0).c(100, 1101, 5001, RST, 0, 0);
            // 40006: the server resets
            w.next();
            w.handshake().s(60, 5001, 1001, RST, 0, 0);
            // 40007: half-open, the SYN sent twice and never answered
            w.next();
            w.c(0, 1000, 0, SYN, 8000, 0).c(1000, 1000, 0, SYN, 8000, 0);
            // 40008: a SYN, then a FIN, never answered
            w.next();
            w.c(0, 1000, 0, SYN, 8000, 0).c(100, 1001, 0, FIN, 8000, 0);
            // 40009: a SYN, then a RST from the same side
            w.next();
            w.c(0, 1000, 0, SYN, 8000, 0).c(100, 1001, 0, RST, 0, 0);
            // 40010: mid-stream, no SYN seen
            w.next();
            w.c(0, 2001, 6001, ACK, 8000, 100).s(30, 6001, 2101, ACK, 8000, 0);
            // 40011: first seen by the server's SYN/ACK
            w.next();
            w.s(0, 5000, 1001, SYN | ACK, 8000, 0).c(10, 1001, 5001, ACK, 8000, 0)
                    .c(20, 1001, 5001, PSH | ACK, 8000, 10).s(30, 5001, 1011, ACK, 8000, 0);
            // 40012: a hole, then the missing segment 2 ms later (within the 40 ms handshake RTT)
            w.next();
            w.handshake().c(50, 2001, 5001, ACK, 8000, 1000).c(52, 1001, 5001, ACK, 8000, 1000)
                    .s(80, 5001, 3001, ACK, 8000, 0);
            // 40013: the server acknowledges 100 bytes never seen
            w.next();
            w.handshake().c(50, 1001, 5001, ACK, 8000, 100).s(80, 5001, 1201, ACK, 8000, 0);
            bytes = w.bytes;
        }
        for (Map<String, String> r : TcptraceAgreementTest.csv(run("stats", capture.toString(), "--format", "csv").out, false)) {
            String clientPort = r.get("side").equals("orig") ? r.get("sport") : r.get("dport");
            rows.put(clientPort + "/" + r.get("side"), r);
        }
    }

    record Result(int code, String out, String err) { }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> row(int port, String side) {
        Map<String, String> r = rows.get(port + "/" + side);
        assertThat(r).as("row %d/%s", port, side).isNotNull();
        return r;
    }

    @Test
    void oneRowPerConnectionAndDirection() {
        assertThat(rows).hasSize(26);
        assertThat(row(40001, "orig")).containsEntry("src", "10.0.0.1").containsEntry("dst", "10.0.0.2")
                .containsEntry("dport", "5201").containsEntry("stream", "0");
        assertThat(row(40001, "resp")).containsEntry("src", "10.0.0.2").containsEntry("sport", "5201");
    }

    @Test
    void cleanExchange() {
        Map<String, String> o = row(40001, "orig");
        Map<String, String> r = row(40001, "resp");
        assertThat(o).containsEntry("packets", "6").containsEntry("bytes", "" + bytes.get("40001/c"))
                .containsEntry("data_packets", "1").containsEntry("payload_bytes", "1000").containsEntry("unique_bytes", "1000")
                .containsEntry("retrans_packets", "0").containsEntry("retrans_bytes", "0").containsEntry("dup_acks", "0")
                .containsEntry("syn", "1").containsEntry("fin", "1").containsEntry("rst", "0")
                .containsEntry("mss", "1460").containsEntry("wscale", "7")
                // the client's window field 1000, scaled by its shift 7; the SYN's window is not counted
                .containsEntry("max_win", "128000").containsEntry("min_win", "128000")
                // SYN, data and FIN, each acknowledged 30 ms later
                .containsEntry("rtt_samples", "3").containsEntry("rtt_min_ms", "30.000").containsEntry("rtt_median_ms", "30.000")
                .containsEntry("rtt_p95_ms", "30.000").containsEntry("rtt_max_ms", "30.000").containsEntry("rtt_avg_ms", "30.000")
                // packets at 0, 40, 50, 105, 200, 240 ms
                .containsEntry("idle_max_ms", "95.000")
                // 1000 bytes over the 240 ms the connection lasted
                .containsEntry("throughput_Bps", "4167").containsEntry("goodput_Bps", "4167");
        assertThat(r).containsEntry("packets", "4").containsEntry("bytes", "" + bytes.get("40001/s"))
                .containsEntry("payload_bytes", "500").containsEntry("mss", "1400").containsEntry("wscale", "8")
                .containsEntry("max_win", "512000")
                // SYN/ACK, data and FIN acknowledged 10, 5 and 10 ms later
                .containsEntry("rtt_samples", "3").containsEntry("rtt_min_ms", "5.000").containsEntry("rtt_median_ms", "10.000")
                .containsEntry("rtt_p95_ms", "10.000").containsEntry("rtt_max_ms", "10.000").containsEntry("rtt_avg_ms", "8.333")
                .containsEntry("idle_max_ms", "130.000").containsEntry("throughput_Bps", "2083");
        for (Map<String, String> x : List.of(o, r)) {
            assertThat(x).containsEntry("start", "1700000000.000000").containsEntry("duration_ms", "240.000")
                    .containsEntry("hs_rtt_ms", "40.000").containsEntry("hs_server_ms", "30.000").containsEntry("hs_client_ms", "10.000")
                    .containsEntry("closed_by", "orig").containsEntry("reset_by", "")
                    .containsEntry("conn_state", "SF").containsEntry("history", "ShADadFf");
        }
    }

    @Test
    void retransmissionsSplitIntoFastTimeoutAndSpurious() {
        Map<String, String> o = row(40002, "orig");
        assertThat(o).containsEntry("data_packets", "8").containsEntry("payload_bytes", "8000").containsEntry("unique_bytes", "5000")
                .containsEntry("retrans_packets", "3").containsEntry("retrans_bytes", "3000")
                .containsEntry("fast_retrans_bytes", "1000").containsEntry("rto_retrans_bytes", "1000")
                .containsEntry("spurious_retrans_bytes", "1000")
                // Karn's rule: the ACKs at 115 and 530 ms cover resent data; only the SYN's RTT is left
                .containsEntry("rtt_samples", "1").containsEntry("rtt_max_ms", "30.000")
                .containsEntry("conn_state", "S1").containsEntry("history", "ShADaT");
        assertThat(row(40002, "resp")).containsEntry("dup_acks", "3").containsEntry("retrans_packets", "0");
    }

    @Test
    void zeroWindowPeriod() {
        Map<String, String> r = row(40003, "resp");
        // window 0 advertised at 300 ms and again at 530 ms, reopened at 800 ms
        assertThat(r).containsEntry("zero_windows", "2").containsEntry("zero_window_ms", "500.000")
                .containsEntry("max_win", "8000").containsEntry("min_win", "8000");
        // the probe's byte is sent, but is not new data until the window opens
        assertThat(row(40003, "orig")).containsEntry("payload_bytes", "101").containsEntry("unique_bytes", "100")
                .containsEntry("zero_windows", "0").containsEntry("zero_window_ms", "0.000")
                .containsEntry("rtt_samples", "2").containsEntry("rtt_max_ms", "250.000")
                .containsEntry("history", "ShADaw").containsEntry("conn_state", "S1");
    }

    @Test
    void refusedConnection() {
        assertThat(row(40004, "orig")).containsEntry("conn_state", "REJ").containsEntry("history", "Sr")
                .containsEntry("reset_by", "resp").containsEntry("closed_by", "").containsEntry("hs_rtt_ms", "")
                .containsEntry("hs_server_ms", "").containsEntry("rtt_samples", "1").containsEntry("rtt_max_ms", "1.000");
        assertThat(row(40004, "resp")).containsEntry("rst", "1").containsEntry("packets", "1").containsEntry("idle_max_ms", "0.000");
    }

    @Test
    void resets() {
        assertThat(row(40005, "orig")).containsEntry("conn_state", "RSTO").containsEntry("reset_by", "orig")
                .containsEntry("history", "ShADaR").containsEntry("rst", "1");
        assertThat(row(40006, "orig")).containsEntry("conn_state", "RSTR").containsEntry("reset_by", "resp")
                .containsEntry("history", "ShAr");
        assertThat(row(40009, "orig")).containsEntry("conn_state", "RSTOS0").containsEntry("history", "SR");
    }

    @Test
    void halfOpen() {
        Map<String, String> o = row(40007, "orig");
        // a repeated SYN with the same sequence number is one 'S' (Zeek), and one retransmission
        assertThat(o).containsEntry("conn_state", "S0").containsEntry("history", "S").containsEntry("syn", "2")
                .containsEntry("retrans_packets", "1").containsEntry("retrans_bytes", "0")
                .containsEntry("hs_server_ms", "").containsEntry("idle_max_ms", "1000.000");
        assertThat(row(40007, "resp")).containsEntry("packets", "0").containsEntry("src", "10.0.0.2")
                .containsEntry("idle_max_ms", "").containsEntry("rtt_min_ms", "");
        assertThat(row(40008, "orig")).containsEntry("conn_state", "SH").containsEntry("history", "SF")
                .containsEntry("closed_by", "orig");
    }

    @Test
    void midStreamAndFlipped() {
        assertThat(row(40010, "orig")).containsEntry("conn_state", "OTH").containsEntry("history", "Da")
                .containsEntry("src", "10.0.0.1").containsEntry("unique_bytes", "100");
        // first seen by the SYN/ACK: its receiver is the originator, and the history says so
        Map<String, String> o = row(40011, "orig");
        assertThat(o).containsEntry("src", "10.0.0.1").containsEntry("packets", "2")
                .containsEntry("conn_state", "S1").containsEntry("history", "^hADa")
                .containsEntry("hs_server_ms", "").containsEntry("hs_client_ms", "");
    }

    @Test
    void outOfOrderLostAndAckedUnseen() {
        assertThat(row(40012, "orig")).containsEntry("lost_segments", "1").containsEntry("out_of_order", "1")
                .containsEntry("retrans_packets", "0").containsEntry("unique_bytes", "2000")
                // the ACK covers the segment sent again (out-of-order): no sample from it
                .containsEntry("rtt_samples", "1");
        assertThat(row(40013, "resp")).containsEntry("acked_unseen", "1");
        // Zeek's content gap: the client's data has a hole the server acknowledged
        assertThat(row(40013, "orig")).containsEntry("history", "ShADaG");
    }

    @Test
    void displayFilterChoosesThePacketsCounted() {
        List<Map<String, String>> one = TcptraceAgreementTest.csv(
                run("stats", capture.toString(), "-Y", "tcp.port == 40001", "--format", "csv").out, false);
        assertThat(one).hasSize(2).allSatisfy(r -> assertThat(r).containsEntry("stream", "0"));
        // only the data segments counted; their RTTs still come from the analysis of every packet
        List<Map<String, String>> data = TcptraceAgreementTest.csv(
                run("stats", capture.toString(), "-Y", "tcp.port == 40001 && tcp.len > 0", "--format", "csv").out, false);
        assertThat(data).hasSize(2);
        assertThat(data.get(0)).containsEntry("packets", "1").containsEntry("payload_bytes", "1000")
                .containsEntry("rtt_samples", "0").containsEntry("history", "Dd").containsEntry("conn_state", "OTH");
    }

    @Test
    void textIsAnAlignedTable() {
        String text = run("stats", capture.toString(), "-Y", "tcp.port == 40001").out;
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("stream  side  src");
        // every column ends at the same place on every line: the right edge of "packets"
        int end = lines.get(0).indexOf("packets") + "packets".length();
        assertThat(lines.get(1).substring(0, end)).endsWith(" 6");
        assertThat(lines.get(2).substring(0, end)).endsWith(" 4");
        assertThat(lines.get(1)).endsWith("SF          ShADadFf");
    }

    @Test
    void jsonNestsTheDirections() {
        String json = run("stats", capture.toString(), "-Y", "tcp.port == 40004", "--format", "json").out;
        assertThat(json).startsWith("[\n  {\n    \"stream\": 3,\n    \"start\": 1700000030.000000,")
                .contains("\"hs_rtt_ms\": null,").contains("\"conn_state\": \"REJ\",").contains("\"history\": \"Sr\",")
                .contains("\"directions\": [\n      {\n        \"side\": \"orig\",\n        \"src\": \"10.0.0.1\",")
                .contains("\"rtt_max_ms\": 1.000,").contains("\"side\": \"resp\"").endsWith("    ]\n  }\n]\n");
        assertThat(run("stats", capture.toString(), "-Y", "udp", "--format", "json").out).isEqualTo("[]\n");
    }

    @Test
    void badArgumentsAreOneLine() {
        Result format = run("stats", capture.toString(), "--format", "xml");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).isEqualTo("tcpscope: invalid --format \"xml\"; use text, csv or json\n");
        Result filter = run("stats", capture.toString(), "-Y", "tcp.port ==");
        assertThat(filter.code()).isEqualTo(2);
        assertThat(filter.err()).startsWith("tcpscope: ");
        Result missing = run("stats", dir.resolve("absent.pcap").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().lines()).hasSize(1);
        assertThat(missing.out()).isEmpty();
    }
}

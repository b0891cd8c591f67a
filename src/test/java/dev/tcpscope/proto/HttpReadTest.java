package dev.tcpscope.proto;

import dev.tcpscope.cli.CliRun;
import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.Decoder;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP over desegmented TCP through the real read command: decode-as rules and their errors, the
 * fields, and the state the desegmenter keeps (the list lines themselves are checked against
 * tshark by GoldenListTest).
 */
class HttpReadTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void aBadDecodeAsRuleIsOneLineAndExitCode2() {
        CliRun r = run("read", "captures/learn_tcp.pcapng", "-d", "tcp.port==5200,htp");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("tcpscope: Unknown protocol -- \"htp\"");
        CliRun bad = run("read", "captures/learn_tcp.pcapng", "-d", "tcp.port==abc,http");
        assertThat(bad.err()).isEqualTo("tcpscope: Invalid selector number \"abc\"\n");
    }

    @Test
    void decodeAsNoneTurnsHttpOff() {
        CliRun on = run("read", "captures/zeek-tcp-missing-syn.pcap", "-c", "4");
        CliRun off = run("read", "captures/zeek-tcp-missing-syn.pcap", "-c", "4", "-d", "tcp.port==80,data");
        assertThat(on.out()).contains("HTTP 164 GET / HTTP/1.0 ", "[TCP segment of a reassembled PDU]");
        assertThat(off.out()).doesNotContain("HTTP").doesNotContain("reassembled");
    }

    @Test
    void fieldsOfRequestsAndResponses() {
        CliRun r = run("read", "captures/zeek-tcp-missing-syn.pcap", "-Y", "http", "-T", "fields",
                "-e", "http.request.method", "-e", "http.request.uri", "-e", "http.response.code");
        assertThat(r.rc()).isZero();
        assertThat(r.out().lines().findFirst()).hasValue("GET\t/\t");
        assertThat(r.out()).contains("\t\t200");
    }

    @Test
    void closedConversationsLeaveNoState() throws Exception {
        Decoder d = new Decoder().payloads(Protocols.table());
        int max = 0;
        try (CaptureReader reader = Captures.open("captures/zeek-http-bro.org.pcap")) {
            Frame f = new Frame();
            while (reader.next(f)) {
                d.decode(f);
                max = Math.max(max, d.desegmenter().liveStreams());
            }
        }
        assertThat(max).isPositive();
        assertThat(d.desegmenter().liveStreams()).isLessThan(max);
    }
}

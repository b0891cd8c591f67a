package dev.tcpscope.tcp;

import dev.tcpscope.cli.CliRun;
import dev.tcpscope.frame.LinkType;
import dev.tcpscope.synth.FrameBuilder;
import dev.tcpscope.synth.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A RST's data is the reset cause and goes to no dissector above TCP, as packet-tcp.c has it
 * (tcpdump's tcp_rst_diag_payload, suricata's tcp-rst-unacked-stream-02: on HTTP's port such a
 * segment listed "[TCP segment of a reassembled PDU]", which tshark never shows there), and it
 * does not disturb the PDU the connection was waiting for.
 */
class ResetPayloadTest {
    @TempDir
    Path tmp;

    @Test
    void aResetsDataIsItsCauseNotAPdu() throws IOException {
        Path pcap = tmp.resolve("rst.pcap");
        FrameBuilder client = new FrameBuilder().ipv4(0x0a000001, 0x0a000002);
        byte[] request = "GET / HTTP/1.1\r\nHost: a\r\n".getBytes(StandardCharsets.US_ASCII); // no blank line yet
        byte[] cause = "no route".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream os = Files.newOutputStream(pcap); PcapWriter w = new PcapWriter(os, LinkType.ETHERNET, 65535, false)) {
            int n = client.payload(request, 0).tcp(40000, 80, 1001, 5001, FrameBuilder.PSH | FrameBuilder.ACK, 65000, request.length);
            w.write(1_700_000_000_000_000_000L, client.buffer(), 0, n);
            n = client.payload(cause, 0).tcp(40000, 80, 1001 + request.length, 5001, FrameBuilder.RST | FrameBuilder.ACK, 0, cause.length);
            w.write(1_700_000_000_010_000_000L, client.buffer(), 0, n);
        }
        String list = CliRun.of("read", pcap.toString()).out();
        assertThat(list.lines().toList().get(1)).endsWith("[RST, ACK] Seq=26 Ack=1 Win=0 Len=8");
        String tree = CliRun.of("read", pcap.toString(), "-Y", "frame.number == 2", "-V").out();
        assertThat(tree).contains("Reset cause: no route").contains("[Protocols in frame: eth:ethertype:ip:tcp]")
                .doesNotContain("Hypertext Transfer Protocol");
    }
}

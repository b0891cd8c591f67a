package dev.tcpscope.proto.http;

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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Header lines packet-http.c reads with exceptions: a header name with a NUL in it is an ENC_ASCII
 * item, so proto.c adds "Trailing stray characters" before HTTP's own warning; a last line without
 * a colon and without a line end, after a header, fails packet-http.c's check that the byte after
 * it exists, and the frame ends "[Malformed Packet]" (as in suricata-verify's
 * tcp-rst-unacked-stream-12 capture). The expected text is tshark 4.0.17's for these bytes.
 */
class HttpHeaderOverrunTest {
    @TempDir
    Path dir;

    @Test
    void aLastLineWithoutColonOrLineEndEndsTheFrameMalformed() throws IOException {
        byte[] get = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = "Foo: bar\r\nB@d\u0000x: v\u0000w\r\ntail without a colon".getBytes(StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("overrun.pcap");
        FrameBuilder client = new FrameBuilder().ipv4(0x0a000001, 0x0a000002);
        FrameBuilder server = new FrameBuilder().ipv4(0x0a000002, 0x0a000001);
        try (OutputStream os = Files.newOutputStream(file); PcapWriter out = new PcapWriter(os, LinkType.ETHERNET, 65535, false)) {
            client.payload(get, 0);
            int n = client.tcp(40000, 80, 101, 501, FrameBuilder.PSH | FrameBuilder.ACK, 65000, get.length);
            out.write(2_000_000_000L, client.buffer(), 0, n);
            server.payload(tail, 0);
            n = server.tcp(80, 40000, 501, 101 + get.length, FrameBuilder.PSH | FrameBuilder.ACK, 65000, tail.length);
            out.write(3_000_000_000L, server.buffer(), 0, n);
        }
        List<String> list = CliRun.of("read", file.toString()).out().lines().toList();
        assertThat(list.get(1)).endsWith(" HTTP 96 Continuation[Malformed Packet]");
        List<String> v = CliRun.of("read", file.toString(), "-V", "-Y", "frame.number == 2").out().lines().toList();
        int http = v.indexOf("Hypertext Transfer Protocol");
        assertThat(v.subList(http, http + 13)).containsExactly("Hypertext Transfer Protocol",
                "    Foo: bar\\r\\n",
                "    B@d\\000x: v\\000w\\r\\n",
                "        [Expert Info (Warning/Undecoded): Trailing stray characters]",
                "            [Trailing stray characters]",
                "            [Severity level: Warning]",
                "            [Group: Undecoded]",
                "        [Expert Info (Warning/Protocol): Illegal characters found in header name]",
                "            [Illegal characters found in header name]",
                "            [Severity level: Warning]",
                "            [Group: Protocol]",
                "[Malformed Packet: HTTP]",
                "    [Expert Info (Error/Malformed): Malformed Packet (Exception occurred)]");
    }
}

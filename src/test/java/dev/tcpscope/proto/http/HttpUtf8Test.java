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
 * Bytes above 0x7f in an HTTP request: tshark's labels and Info run them through format_text,
 * which decodes UTF-8 (a byte that starts no sequence becomes U+FFFD), while the method, URI and
 * version items are ENC_ASCII strings, each such byte U+FFFD. A method alone on its line is a
 * request too. The expected text is tshark 4.0.17's for the same bytes.
 */
class HttpUtf8Test {
    @TempDir
    Path dir;

    private Path capture(byte[]... requests) throws IOException {
        Path file = dir.resolve("utf8.pcap");
        FrameBuilder fb = new FrameBuilder().ipv4(0x0a000001, 0x0a000002);
        try (OutputStream os = Files.newOutputStream(file); PcapWriter out = new PcapWriter(os, LinkType.ETHERNET, 65535, false)) {
            int port = 40000;
            long t = 1_000_000_000L;
            for (byte[] r : requests) {
                fb.payload(r, 0);
                int n = fb.tcp(port++, 80, 101, 501, FrameBuilder.PSH | FrameBuilder.ACK, 65000, r.length);
                out.write(t += 1_000_000_000L, fb.buffer(), 0, n);
            }
        }
        return file;
    }

    private static List<String> read(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.rc()).isZero();
        return run.out().lines().toList();
    }

    @Test
    void utf8InTheRequestLineAndHeadersIsShownAsTsharkShowsIt() throws IOException {
        byte[] get = "GET /caf\u00c3\u00a9 HTTP/1.1\r\nHost: x\r\nX-Name: caf\u00c3\u00a9 \u00ff\u00fe end\r\nUser-Agent: \u00e4\u00b8\u00ad\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] options = "OPTIONS\nHost: www.google.com\n\n".getBytes(StandardCharsets.ISO_8859_1);
        String file = capture(get, options).toString();
        List<String> list = read("read", file);
        assertThat(list.get(0)).endsWith(" HTTP 125 GET /café HTTP/1.1 ");
        assertThat(list.get(1)).endsWith(" HTTP 84 OPTIONS ");
        List<String> v = read("read", file, "-V", "-Y", "frame.number == 1");
        int http = v.indexOf("Hypertext Transfer Protocol");
        assertThat(v.subList(http + 1, http + 15)).containsExactly(
                "    GET /café HTTP/1.1\\r\\n",
                "        [Expert Info (Chat/Sequence): GET /café HTTP/1.1\\r\\n]",
                "            [GET /café HTTP/1.1\\r\\n]",
                "            [Severity level: Chat]",
                "            [Group: Sequence]",
                "        Request Method: GET",
                "        Request URI: /caf\ufffd\ufffd",
                "        Request Version: HTTP/1.1",
                "    Host: x\\r\\n",
                "    X-Name: café \ufffd\ufffd end\\r\\n",
                "    User-Agent: 中\\r\\n",
                "    \\r\\n",
                "    [Full request URI: http://x/caf\ufffd\ufffd]",
                "    [HTTP request 1/1]");
        assertThat(read("read", file, "-T", "fields", "-e", "http.request.method", "-e", "http.request.uri",
                "-e", "http.request.version", "-e", "http.request.full_uri"))
                .containsExactly("GET\t/caf\ufffd\ufffd\tHTTP/1.1\thttp://x/caf\ufffd\ufffd", "OPTIONS\t\t\thttp://www.google.com");
    }
}

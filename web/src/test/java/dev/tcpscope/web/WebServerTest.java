package dev.tcpscope.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcpscope.present.color.FilterColorizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web view's server without a browser: the rows it serves are tshark's packet list (the
 * golden files), and every bad request gets a one-line JSON error with the right status.
 */
class WebServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** A server for one capture, its index complete. */
    private static final class Served implements AutoCloseable {
        final CaptureIndex index;
        final WebServer server;

        Served(Path capture, boolean token) throws Exception {
            index = new CaptureIndex(capture, FilterColorizer.defaults()).start();
            index.awaitDone();
            server = new WebServer(index, InetAddress.getLoopbackAddress(), 0, token).start();
        }

        String base() { return "http://127.0.0.1:" + server.port(); }

        @Override
        public void close() throws IOException {
            server.close();
            index.close();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void rowsAreTsharksPacketListAcrossSpoolBatches() throws Exception {
        Path capture = Path.of("captures/synth-traffic-12k.pcap");
        List<String> golden = Files.readAllLines(Path.of("src/test/resources/golden/list/synth-traffic-12k.pcap.txt"));
        try (Served s = new Served(capture, false)) {
            assertThat(json(get(s.base() + "/api/status")).get("frames").asInt()).isEqualTo(golden.size());
            for (int from = 0; from < golden.size(); from += 2000) {
                JsonNode r = json(get(s.base() + "/api/rows?view=0&from=" + from + "&count=2000"));
                assertThat(r.get("size").asInt()).isEqualTo(golden.size());
                for (int i = 0; i < r.get("rows").size(); i++) {
                    JsonNode row = r.get("rows").get(i);
                    String line = golden.get(from + i);
                    assertThat(line.strip().split(" +", 3)).startsWith(row.get(0).asText(), row.get(1).asText());
                    assertThat(line).endsWith(" " + row.get(4).asText() + " " + row.get(5).asText() + " " + row.get(6).asText());
                }
            }
        }
    }

    @Test
    void filtersCountAsTshark() throws Exception {
        try (Served s = new Served(Path.of("captures/synth-traffic-12k.pcap"), false)) {
            // tshark -r synth-traffic-12k.pcap -Y 'tcp.analysis.retransmission' | wc -l
            JsonNode v = json(get(s.base() + "/api/view?filter=" + q("tcp.analysis.retransmission")));
            assertThat(v.get("size").asInt()).isEqualTo(TsharkCounts.count("captures/synth-traffic-12k.pcap", "tcp.analysis.retransmission"));
            JsonNode rows = json(get(s.base() + "/api/rows?view=" + v.get("view").asInt() + "&from=0&count=5"));
            assertThat(rows.get("rows").get(0).get(6).asText()).contains("[TCP Retransmission]");
            JsonNode found = json(get(s.base() + "/api/find?view=" + v.get("view").asInt() + "&n=1"));
            assertThat(found.get("index").asInt()).isZero();
        }
    }

    @Test
    void badRequestsGetOneLineErrors() throws Exception {
        try (Served s = new Served(Path.of("captures/learn_tcp.pcapng"), false)) {
            HttpResponse<String> r = get(s.base() + "/api/check?filter=" + q("tcp.port == 80 and"));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).get("error").asText()).isEqualTo("Unexpected end of filter expression.");
            r = get(s.base() + "/api/check?filter=" + q("tcp.prot == 1"));
            assertThat(json(r).get("error").asText()).isEqualTo("Left side of \"==\" expression must be a field or function, not tcp.prot.");
            assertThat(json(r).get("start").asInt()).isZero();
            assertThat(json(r).get("end").asInt()).isEqualTo(8);
            assertThat(get(s.base() + "/api/check?filter=" + q("tcp.port == 80")).statusCode()).isEqualTo(200);

            r = get(s.base() + "/api/frame?n=21");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(json(r).get("error").asText()).isEqualTo("no frame 21 (the capture has 20)");
            assertThat(get(s.base() + "/api/frame?n=0").statusCode()).isEqualTo(400);
            assertThat(json(get(s.base() + "/api/frame?n=x")).get("error").asText()).isEqualTo("parameter n is not a number: x");
            assertThat(get(s.base() + "/api/rows?view=77&from=0&count=1").statusCode()).isEqualTo(404);
            assertThat(get(s.base() + "/api/rows?view=0&from=0&count=100000").statusCode()).isEqualTo(400);
            r = get(s.base() + "/etc/passwd");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(get(s.base() + "/../../etc/passwd").statusCode()).isEqualTo(404);
            r = http.send(HttpRequest.newBuilder(URI.create(s.base() + "/api/status")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(get(s.base() + "/api/check?filter=" + "a".repeat(WebServer.MAX_URI)).statusCode()).isEqualTo(414);
            // frames out of order: backwards re-reads the capture, forwards continues
            assertThat(json(get(s.base() + "/api/frame?n=9")).get("number").asInt()).isEqualTo(9);
            assertThat(json(get(s.base() + "/api/frame?n=2")).get("number").asInt()).isEqualTo(2);
            assertThat(json(get(s.base() + "/api/teacher?n=2")).get("states").get("server").asText()).isEqualTo("SYN_RCVD");
            assertThat(json(get(s.base() + "/api/teacher?n=20")).get("states").get("client").asText()).isEqualTo("TIME_WAIT");
            assertThat(json(get(s.base() + "/api/teacher?n=19")).get("states").get("server").asText()).isEqualTo("LAST_ACK");
        }
    }

    @Test
    void statisticsAreTsharksReports() throws Exception {
        String golden = Files.readString(Path.of("src/test/resources/golden/stats/learn_tcp.pcapng.conv.txt"));
        try (Served s = new Served(Path.of("captures/learn_tcp.pcapng"), false)) {
            for (String z : List.of("endpoints,tcp", "conv,tcp", "endpoints,ip")) {
                JsonNode r = json(get(s.base() + "/api/stat?z=" + q(z)));
                String text = String.join("\n", JSON.convertValue(r.get("lines"), String[].class));
                assertThat(text.strip()).as(z).contains("Filter:<No Filter>");
                assertThat(golden).as(z).contains(text.strip());
            }
            HttpResponse<String> bad = get(s.base() + "/api/stat?z=" + q("follow,tcp,raw,0;rm"));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(json(bad).get("error").asText()).startsWith("statistic not offered here");
            JsonNode flow = json(get(s.base() + "/api/flow?stream=0"));
            assertThat(flow.get("lines").toString()).contains("|--- SYN Seq=0 Len=0 ---");
            assertThat(json(get(s.base() + "/api/flow?stream=3")).get("error").asText())
                    .isEqualTo("the capture has no TCP stream 3 (streams: 0..0)");
        }
    }

    @Test
    void hostHeaderMustNameLoopback() throws Exception {
        try (Served s = new Served(Path.of("captures/learn_tcp.pcapng"), false)) {
            assertThat(rawStatus(s.server.port(), "evil.example:" + s.server.port())).isEqualTo(403);
            assertThat(rawStatus(s.server.port(), "localhost:" + s.server.port())).isEqualTo(200);
        }
    }

    @Test
    void anAddressOffLoopbackNeedsTheToken() throws Exception {
        try (Served s = new Served(Path.of("captures/learn_tcp.pcapng"), true)) {
            String url = s.server.url("127.0.0.1");
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[0-9a-f]{32}");
            String token = url.substring(url.indexOf("token=") + 6);
            assertThat(get(s.base() + "/api/status").statusCode()).isEqualTo(403);
            assertThat(get(s.base() + "/").statusCode()).isEqualTo(403);
            assertThat(get(s.base() + "/api/status?token=" + "0".repeat(32)).statusCode()).isEqualTo(403);
            assertThat(get(s.base() + "/api/status?token=" + token).statusCode()).isEqualTo(200);
            assertThat(get(url).statusCode()).isEqualTo(200);
            // any Host name will do with the token
            assertThat(rawStatus(s.server.port(), "tcpscope.example:1")).isEqualTo(403);
        }
    }

    @Test
    void aDamagedCaptureShowsWhatPrecedesTheDamage(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(Path.of("captures/learn_tcp.pcapng"));
        Path cut = dir.resolve("cut.pcapng");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 40));
        try (Served s = new Served(cut, false)) {
            JsonNode status = json(get(s.base() + "/api/status"));
            assertThat(status.get("done").asBoolean()).isTrue();
            assertThat(status.get("frames").asInt()).isEqualTo(20); // as tshark: the cut is in the trailing block
            assertThat(status.get("error").asText()).contains("cut short in the middle of a packet").doesNotContain("\n");
        }
    }

    /** The status of GET /api/status with this Host header, sent over a plain socket. */
    private static int rawStatus(int port, String host) throws IOException {
        try (Socket so = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = so.getOutputStream();
            out.write(("GET /api/status HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = so.getInputStream();
            String first = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(first.substring(9, 12));
        }
    }
}

package dev.tcpscope.web;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tcpscope.present.color.FilterColorizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * What the web view parses from requests (issue 16): any request target (path and query, any
 * bytes) sent to a real server over a socket. Properties: an answer within the socket's time-out,
 * one of the statuses the server means to give (never 500, the "internal error" net), and no
 * stack trace in the body. The normal test run replays the seeds and the findings kept in
 * {@code WebFuzzTestInputs/request/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class WebFuzzTest {
    private static final Set<Integer> MEANT = Set.of(200, 400, 403, 404, 405, 409, 414, 503);
    private static CaptureIndex index;
    private static WebServer server;

    @BeforeAll
    static void start() throws Exception {
        index = new CaptureIndex(Path.of("captures/learn_tcp.pcapng"), FilterColorizer.defaults()).start();
        index.awaitDone();
        server = new WebServer(index, InetAddress.getLoopbackAddress(), 0, false).start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        index.close();
    }

    @FuzzTest(maxDuration = "60s")
    void request(byte[] data) throws IOException {
        // one request line: the bytes as they come, less what would end the line or the target
        StringBuilder target = new StringBuilder("/");
        for (byte b : data) {
            char c = (char) (b & 0xff);
            if (c > ' ' && c != 0x7f) {
                target.append(c);
            }
        }
        if (target.toString().startsWith("/api/watch") || target.toString().startsWith("/api/events")) {
            return; // streams that hold the connection by design (WebServerTest covers them)
        }
        // the one connection this target makes is to its own server, on loopback
        try (var allowed = com.code_intelligence.jazzer.api.BugDetectors.allowNetworkConnections(
                (host, port) -> port == server.port());
             Socket so = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            so.setSoTimeout(30_000);
            OutputStream out = so.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = so.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            if (response.isEmpty()) {
                return; // the JDK's parser closed a request line it could not read
            }
            int status = Integer.parseInt(response.substring(9, 12));
            if (!MEANT.contains(status)) {
                throw new AssertionError("status " + status + " for " + target + ": " + response);
            }
            // (the JDK's own one-line answer to a target it cannot parse names URISyntaxException)
            if (response.contains("\tat ") || response.contains("Caused by")) {
                throw new AssertionError("a stack trace for " + target + ": " + response);
            }
        }
    }
}

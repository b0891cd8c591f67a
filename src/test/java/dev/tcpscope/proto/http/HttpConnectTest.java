package dev.tcpscope.proto.http;

import dev.tcpscope.cli.CliRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a 200 answer to CONNECT, the connection carries the tunnel's protocol: packet-http.c
 * shows an HTTP item naming the target (Proxy-Connect-Hostname and -Port, from the CONNECT URI)
 * and hands the bytes to TCP's dissector lookup with the proxy's port replaced by the target's,
 * here 443: TLS, desegmenting through HTTP. The capture is Arkime's tests/pcap/https-connect.pcap
 * (arkime/arkime 2d2f3678796b, Apache-2.0): a CONNECT to port 443 through a proxy on 8080; the
 * expected text is tshark 4.0.17's for it (scripts/tshark-profile.sh's profile, TZ=UTC).
 */
class HttpConnectTest {
    private static final String CAPTURE = "src/test/resources/proto/arkime-https-connect.pcap";

    private static List<String> read(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.rc()).isZero();
        return run.out().lines().toList();
    }

    @Test
    void theTunnelsBytesAreTlsOnceTheProxyAnswered200() {
        List<String> list = read("read", CAPTURE);
        assertThat(list).hasSize(18);
        assertThat(list.get(5)).endsWith(" HTTP 188 HTTP/1.0 200 OK ");
        assertThat(list.get(7)).endsWith(" TLSv1 343 Client Hello");
        assertThat(list.get(9)).endsWith(" TLSv1.2 1414 Server Hello");
        assertThat(list.get(10)).endsWith(" TCP 154 8080 → 54723 [PSH, ACK] Seq=1495 Ack=374 Win=30336 Len=100 [TCP segment of a reassembled PDU]");
        assertThat(list.get(17)).endsWith(" TLSv1.2 240 New Session Ticket, Change Cipher Spec, Encrypted Handshake Message");
    }

    @Test
    void eachTunnelCallHasAnHttpItemNamingTheTarget() {
        assertThat(read("read", CAPTURE, "-T", "fields", "-e", "frame.number", "-e", "http.proxy_connect_host",
                "-e", "http.proxy_connect_port", "-Y", "http.proxy_connect_port == 443 && !(frame.number == 13)"))
                .containsExactly("8\tts01-b.cloudsink.net\t443", "10\tts01-b.cloudsink.net\t443",
                        "16\tts01-b.cloudsink.net\t443", "18\tts01-b.cloudsink.net\t443");
        List<String> v = read("read", CAPTURE, "-V", "-Y", "frame.number == 8");
        int http = v.indexOf("Hypertext Transfer Protocol");
        assertThat(v.subList(http, http + 4)).containsExactly("Hypertext Transfer Protocol",
                "    [Proxy-Connect-Hostname: ts01-b.cloudsink.net]", "    [Proxy-Connect-Port: 443]",
                "Transport Layer Security");
        assertThat(read("read", CAPTURE, "-T", "fields", "-e", "frame.protocols", "-Y", "frame.number == 8"))
                .containsExactly("eth:ethertype:ip:tcp:http:tls");
    }
}

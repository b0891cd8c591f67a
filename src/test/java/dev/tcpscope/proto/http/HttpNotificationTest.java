package dev.tcpscope.proto.http;

import dev.tcpscope.cli.CliRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NOTIFY, SUBSCRIBE and UNSUBSCRIBE are packet-http.c's notifications, not requests: the hidden
 * http.notification item instead of http.request, no request number and no pairing (the answer
 * after one is a response to no request), unknown headers as http.unknown_header. The capture is
 * one UPnP eventing connection of PcapPlusPlus's Tests/Pcap++Test/PcapExamples/example.pcap
 * (seladb/PcapPlusPlus 200853b3a0b5, Unlicense), cut out with tshark; the expected text is
 * tshark 4.0.17's (scripts/tshark-profile.sh's profile).
 */
class HttpNotificationTest {
    private static final String CAPTURE = "src/test/resources/proto/pcapplusplus-upnp-subscribe.pcap";

    private static List<String> read(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.rc()).isZero();
        return run.out().lines().toList();
    }

    @Test
    void aSubscribeIsANotificationThatOpensNoExchange() {
        assertThat(read("read", CAPTURE, "-Y", "http", "-T", "fields", "-e", "frame.number", "-e", "http.request",
                "-e", "http.notification", "-e", "http.request.method", "-e", "http.request_number",
                "-e", "http.response_number", "-e", "http.request_in"))
                .containsExactly("4\t\t1\tSUBSCRIBE\t\t\t", "6\t\t\t\t\t1\t");
    }

    @Test
    void itsTreeHasNoPairingAndItsUnknownHeadersAreShown() {
        List<String> v = read("read", CAPTURE, "-V", "-Y", "frame.number == 4");
        int http = v.indexOf("Hypertext Transfer Protocol");
        assertThat(v.subList(http + 9, v.size())).containsExactly(
                "    Cache-Control: no-cache\\r\\n", "    Connection: Close\\r\\n", "    Pragma: no-cache\\r\\n",
                "    User-Agent: Microsoft-Windows/6.1 UPnP/1.0\\r\\n",
                "    SID: uuid:824ff22b-8c7d-41c5-a131-30469a23dde9\\r\\n", "    Timeout: Second-1800\\r\\n",
                "    Host: 10.0.0.138:5005\\r\\n", "    \\r\\n", "    [Full request URI: http://10.0.0.138:5005/evt/CmnIfCfg]", "");
        assertThat(read("read", CAPTURE, "-Y", "http.unknown_header contains \"SID\"", "-T", "fields", "-e", "frame.number"))
                .containsExactly("4");
        List<String> response = read("read", CAPTURE, "-V", "-Y", "frame.number == 6");
        assertThat(response).contains("    [HTTP response 1/1]", "    [Request URI: http://10.0.0.138:5005/evt/CmnIfCfg]");
        assertThat(response).noneMatch(l -> l.contains("Request in frame") || l.contains("Time since request"));
    }
}

package dev.tcpscope.proto.http;

import dev.tcpscope.cli.CliRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SSDP (packet-http.c's dissect_ssdp) on captures/synth-ssdp.pcap (SsdpScenarios); the expected
 * values are tshark 4.0.17's with scripts/tshark-profile.sh's profile, e.g. {@code tshark -r
 * captures/synth-ssdp.pcap -Y 'frame.number >= 3 && frame.number <= 5' -T fields -e frame.number
 * -e udp.stream -e http.request_number -e http.response_number -e http.request_in -e http.time -e
 * frame.protocols}.
 */
class SsdpTest {
    private static final String CAPTURE = "captures/synth-ssdp.pcap";

    private static List<String> read(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.rc()).isZero();
        return run.out().lines().toList();
    }

    @Test
    void requestsPairWithAnswersInTheirOwnUdpConversationOnly() {
        assertThat(read("read", CAPTURE, "-Y", "frame.number >= 1 && frame.number <= 5", "-T", "fields", "-e", "frame.number",
                "-e", "udp.stream", "-e", "http.request_number", "-e", "http.response_number", "-e", "http.request_in",
                "-e", "http.time", "-e", "frame.protocols"))
                .containsExactly(
                        "1\t0\t1\t\t\t\teth:ethertype:ip:udp:ssdp",
                        "2\t1\t\t1\t\t\teth:ethertype:ip:udp:ssdp",
                        "3\t2\t1\t\t\t\teth:ethertype:ip:udp:ssdp",
                        "4\t2\t\t1\t3\t0.250000000\teth:ethertype:ip:udp:ssdp",
                        "5\t2\t\t2\t\t\teth:ethertype:ip:udp:ssdp");
        // the second pass knows the answer when it shows the request
        assertThat(read("read", CAPTURE, "-2", "-Y", "frame.number == 3", "-T", "fields", "-e", "http.response_in"))
                .containsExactly("4");
    }

    @Test
    void bytesThatAreNotHttpAreTakenAndShowNothing() {
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 12 || frame.number == 13", "-T", "fields",
                "-e", "frame.number", "-e", "frame.protocols", "-e", "data"))
                .containsExactly("12\teth:ethertype:ip:udp\t", "13\teth:ethertype:ip:udp\t");
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 12")).singleElement().asString().contains("UDP 52 50005 → 1900 Len=10");
    }

    @Test
    void aFilterDoesNotRenumberUdpConversations() {
        // packet-udp.c numbers conversations over every frame, not only the ones shown
        assertThat(read("read", CAPTURE, "-V", "-Y", "frame.number == 7")).contains("    [Stream index: 3]",
                "        [Time since first frame: 0.250000000 seconds]", "        [Time since previous frame: 0.250000000 seconds]");
        assertThat(read("read", CAPTURE, "-Y", "ssdp && udp.stream == 3", "-T", "fields", "-e", "frame.number"))
                .containsExactly("6", "7");
    }
}

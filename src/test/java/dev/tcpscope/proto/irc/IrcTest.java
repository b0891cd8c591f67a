package dev.tcpscope.proto.irc;

import dev.tcpscope.cli.CliRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IRC (packet-irc.c) on captures/synth-irc.pcap (IrcScenarios); the expected text is tshark
 * 4.0.17's with scripts/tshark-profile.sh's profile ({@code tshark -r captures/synth-irc.pcap -V
 * -Y 'frame.number==11 || frame.number==12'}, {@code -Y irc -T fields -e _ws.col.Info}).
 */
class IrcTest {
    private static final String CAPTURE = "captures/synth-irc.pcap";

    private static List<String> read(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.rc()).isZero();
        return run.out().lines().toList();
    }

    @Test
    void eachLineAddsItsCommandToTheInfoAndASplitLineIsTwo() {
        List<String> info = read("read", CAPTURE, "-Y", "irc", "-T", "fields", "-e", "_ws.col.Info");
        assertThat(info).startsWith("Request (NICK) (USER)", "Response (001) (005)", "Request (JOIN)",
                "Response (JOIN) (353) (366)");
        assertThat(info).endsWith("Request (PRIVMSG)", "Request (over) (QUIT)", "Response (ERROR)");
        assertThat(info).contains("Request", "Response", "Request (001)");
    }

    @Test
    void ctcpDataAsFourZeroFindsIt() {
        List<String> v = read("read", CAPTURE, "-V", "-Y", "frame.number==11 || frame.number==12");
        assertThat(v).containsSubsequence(
                "Internet Relay Chat",
                "    Request: PRIVMSG bob :\\001PING without end",
                "        Command: PRIVMSG",
                "        Command parameters",
                "            Parameter: bob",
                "        Trailer: \\001PING without end",
                "        CTCP Data: PING without en",
                "Internet Relay Chat",
                "    Request: TOPIC #tcp :\\001not ctcp here\\001",
                "        Trailer: \\001not ctcp here\\001",
                "        [Expert Info (Warning/Protocol): Tag data outside of NOTICE or PRIVMSG command]",
                "        CTCP Data: not ctcp here");
    }

    @Test
    void numericRepliesFilterAsNumbers() {
        assertThat(read("read", CAPTURE, "-Y", "irc.response.num_command >= 300", "-T", "fields", "-e", "irc.response.num_command"))
                .containsExactly("353,366");
    }
}

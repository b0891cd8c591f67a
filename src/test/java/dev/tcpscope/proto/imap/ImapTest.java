package dev.tcpscope.proto.imap;

import dev.tcpscope.cli.CliRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IMAP (packet-imap.c) on captures/synth-imap.pcap (ImapScenarios); the expected values are
 * tshark 4.0.17's with scripts/tshark-profile.sh's profile, e.g. {@code tshark -r
 * captures/synth-imap.pcap -2 -Y imap.response_in -T fields -e frame.number -e imap.request_tag
 * -e imap.response_in}.
 */
class ImapTest {
    private static final String CAPTURE = "captures/synth-imap.pcap";

    private static List<String> read(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.rc()).isZero();
        return run.out().lines().toList();
    }

    @Test
    void aLiteralOverThreeSegmentsIsWaitedForAndHandedToImf() {
        assertThat(read("read", CAPTURE, "-Y", "imf.subject == \"lunch\"", "-T", "fields", "-e", "frame.number",
                "-e", "_ws.col.Protocol", "-e", "tcp.reassembled.length")).containsExactly("20\tIMAP/IMF\t", "24\tIMAP/IMF\t221");
        assertThat(read("read", CAPTURE, "-Y", "frame.number in {22, 23}", "-T", "fields", "-e", "_ws.col.Info"))
                .hasSize(2).allSatisfy(i -> assertThat(i).endsWith(" [TCP segment of a reassembled PDU]"));
    }

    @Test
    void aResponseIsPairedWithTheLastRequestOfItsTagInEitherCase() {
        assertThat(read("read", CAPTURE, "-Y", "frame.number in {12, 39}", "-T", "fields", "-e", "frame.number",
                "-e", "imap.response_to", "-e", "imap.time")).containsExactly(
                "12\t11,11,11\t0.010000000,0.010000000,0.010000000", "39\t38,38\t0.010000000,0.010000000");
        // the request shows its response only in a second pass
        assertThat(read("read", CAPTURE, "-Y", "imap.response_in", "-T", "fields", "-e", "frame.number")).isEmpty();
        assertThat(read("read", CAPTURE, "-2", "-Y", "frame.number in {11, 36, 38, 58}", "-T", "fields", "-e", "frame.number",
                "-e", "imap.request_tag", "-e", "imap.response_in")).containsExactly(
                "11\ta4,a5,A6\t12,12,12", "36\ta16\t37", "38\ta16,B17\t39,39",
                "58\ta28,a29,a30,a31,a32,a33,a34\t59,59,59,59,59,59");
    }

    @Test
    void loginShowsTheUserAsSentAndThePasswordOneByteInFromEachEnd() {
        assertThat(read("read", CAPTURE, "-Y", "imap.request.username", "-T", "fields", "-e", "frame.number",
                "-e", "imap.request.username", "-e", "imap.request.password")).containsExactly(
                "7\t\"bob\"\tsecret", "58\tin\t", "128\tbob\t", "130\tbob\t", "132\tbob\t", "134\t\t", "136\tLOGIN\to");
        // a password shorter than two bytes: tvb_get_string_enc of a negative length
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 130")).singleElement().asString()
                .endsWith("IMAP 70 Request: l2 LOGIN bob x[Malformed Packet]");
    }

    @Test
    void startTlsAnsweredOkHandsTheConversationToTlsEvenAfterARefusal() {
        assertThat(read("read", CAPTURE, "-Y", "tcp.srcport in {42002, 42003} && tls", "-T", "fields", "-e", "frame.number",
                "-e", "_ws.col.Info")).containsExactly("77\tClient Hello", "79\tApplication Data", "92\tClient Hello");
    }

    @Test
    void theFirstTwoPayloadsGoToTlsWhenTheirFirstFiveBytesAreNotPrintable() {
        assertThat(read("read", CAPTURE, "-Y", "frame.number in {99, 100, 101, 108}", "-T", "fields", "-e", "frame.number",
                "-e", "frame.protocols", "-e", "_ws.col.Protocol")).containsExactly(
                "99\teth:ethertype:ip:tcp:imap:tls\tTLSv1.2", "100\teth:ethertype:ip:tcp:tls\tTLSv1.2",
                "101\teth:ethertype:ip:tcp:imap\tIMAP", "108\teth:ethertype:ip:tcp:imap:data\tTCP");
    }

    @Test
    void aLineWithoutAFirstWordIsPairedUnderTheTagOfTheLineBefore() {
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 191", "-T", "fields", "-e", "imap.response_tag",
                "-e", "imap.response_to")).containsExactly("q3\t190,190");
    }

    @Test
    void aHeaderFieldEndingTheLiteralKeepsItsLineEndWhenItsValueIsOneByte() {
        // packet-imf.c's item length end - value - 2 is -1 there: "to the end"; "hi" gives 0
        List<String> v = read("read", CAPTURE, "-V", "-Y", "frame.number == 189");
        assertThat(v.subList(v.indexOf("Internet Message Format"), v.size())).containsExactly(
                "Internet Message Format", "    Subject: x\\r\\n", "    Message-Text",
                "Internet Message Format", "    Subject: ", "    Message-Text", "");
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 189", "-T", "fields", "-e", "_ws.col.Info"))
                .containsExactly("subject: , ");
    }

    @Test
    void untaggedLinesAloneShowTheFirstLineAsLongAsTheLast() {
        List<String> v = read("read", CAPTURE, "-V", "-Y", "frame.number == 31");
        assertThat(v.subList(v.indexOf("Internet Message Access Protocol"), v.size())).startsWith(
                "Internet Message Access Protocol", "    Line: * 3 FETCH (BODY[1.MIME] {0}\\r\\n", "    Line: )\\r\\n",
                "        Response: )", "        Response Tag: )");
        assertThat(read("read", CAPTURE, "-Y", "frame.number in {67, 182, 183}", "-T", "fields", "-e", "_ws.col.Info"))
                .containsExactly("Response: * BYE logging out", "Response: * 14 EXIST", "Response: * 2 RECENT\\r");
    }
}

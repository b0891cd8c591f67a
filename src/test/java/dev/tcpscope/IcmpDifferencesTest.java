package dev.tcpscope;

import dev.tcpscope.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five places where tcpscope once printed ICMP, ICMPv6 and UDP-over-IPv6 otherwise than
 * tshark 4.0.17, each checked frame by frame against tshark's own goldens of the captures made
 * for them ({@code captures/synth-icmp.pcap}: {@code IcmpScenarios};
 * {@code captures/synth-ipv6-home-address.pcap}: {@code HomeAddressScenarios}). The whole
 * captures are checked by the golden tests too; these name what broke.
 */
@ExtendWith(UtcTimeZone.class)
class IcmpDifferencesTest {
    private static final Path DETAILS = Path.of("src/test/resources/golden/details");
    private static final Path LIST = Path.of("src/test/resources/golden/list");
    private static final String ICMP = "synth-icmp.pcap";
    private static final String HOME = "synth-ipv6-home-address.pcap";

    private static String read(String capture, String... options) {
        List<String> args = new ArrayList<>(List.of("read", Path.of("captures", capture).toString()));
        args.addAll(List.of(options));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            Main.run(out, err, args.toArray(String[]::new));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String golden(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }

    /** Frame {@code n}'s part of a {@code -V} text: from its "Frame n:" line to the next frame's. */
    private static String frameV(String v, int n) {
        int from = v.indexOf("Frame " + n + ":");
        int to = v.indexOf("\nFrame " + (n + 1) + ":", from);
        assertThat(from).as("frame %d in the text", n).isNotNegative();
        return to < 0 ? v.substring(from) : v.substring(from, to + 1);
    }

    /** Frame {@code n}'s object of a {@code -T json} array (packets are the array's "  {" lines). */
    private static String frameJson(String json, int n) {
        List<String> lines = json.lines().toList();
        int seen = 0;
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            if (line.equals("  {")) {
                seen++;
            }
            if (seen == n) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private static void sameFrames(String capture, int... frames) throws IOException {
        String v = read(capture, "-V");
        String json = read(capture, "-T", "json");
        String goldenV = golden(DETAILS, capture + ".V.txt");
        String goldenJson = golden(DETAILS, capture + ".json");
        for (int n : frames) {
            GoldenText.same(capture + " -V frame " + n, frameV(goldenV, n), frameV(v, n));
            GoldenText.same(capture + " -T json frame " + n, frameJson(goldenJson, n), frameJson(json, n));
        }
    }

    /**
     * 1. Types 3, 11 and 12 with an RFC 4884 length: the second word is split around the length
     * byte (Unused: 00, Length, Length of original datagram, then Unused: 0000 or the MTU).
     */
    @Test
    void rfc4884LengthSplitsTheSecondWordInTsharksOrder() throws IOException {
        sameFrames(ICMP, 1, 2, 3, 4, 5, 7, 8);
        assertThat(frameV(golden(DETAILS, ICMP + ".V.txt"), 1))
                .containsSubsequence("    Unused: 00\n", "    Length: 32\n", "    [Length of original datagram: 128]\n",
                        "    Unused: 0000\n");
    }

    /** 2. An extension object of an unknown class or C-Type: its C-Type again and its payload as icmp.ext.data. */
    @Test
    void unknownExtensionObjectsShowTheirData() throws IOException {
        sameFrames(ICMP, 3, 4, 6, 9, 10, 11, 12, 13, 14, 15, 16);
        assertThat(frameJson(golden(DETAILS, ICMP + ".json"), 3)).contains("\"icmp.ext.data\": \"01:02:03:04:05:06:07:08\"");
    }

    /** 3. ND options 4 (Redirected Header, its packet dissected) and 25 (Recursive DNS Server). */
    @Test
    void redirectedHeaderAndDnsServerOptionsAreDissected() throws IOException {
        sameFrames(ICMP, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 30, 31);
        assertThat(frameV(golden(DETAILS, ICMP + ".V.txt"), 24))
                .contains("ICMPv6 Option (Recursive DNS Server 2001:db8::53 2001:db8::5353)");
    }

    /** 4. A zero-length option: the expert is icmpv6.invalid_option_length, and no exception marks Info. */
    @Test
    void zeroLengthOptionHasTsharksExpertKey() throws IOException {
        sameFrames(ICMP, 28, 29);
        assertThat(frameJson(read(ICMP, "-T", "json"), 28)).contains("\"icmpv6.invalid_option_length\": \"\"");
        List<String> list = read(ICMP).lines().toList();
        List<String> expected = golden(LIST, ICMP + ".txt").lines().toList();
        assertThat(list.subList(27, 29)).isEqualTo(expected.subList(27, 29));
    }

    /**
     * 5. udp.stream after extension headers: a routing header's last hop is the destination and
     * a Home Address option's address the source, for the frame's datagram and a quoted one.
     */
    @Test
    void udpStreamsFollowTheAddressesTheTransportSees() throws IOException {
        String json = read(HOME, "-T", "json");
        assertThat(streams(json)).isEqualTo(streams(golden(DETAILS, HOME + ".json")))
                .containsExactly("0", "0", "0", "0", "0", "1", "2", "2", "3", "2", "2", "0", "2");
        GoldenText.same(HOME + " list", golden(LIST, HOME + ".txt"), read(HOME));
        sameFrames(HOME, 7, 8, 9, 10, 13, 14, 15);
    }

    private static List<String> streams(String json) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("\"udp\\.stream\": \"(\\d+)\"").matcher(json);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}

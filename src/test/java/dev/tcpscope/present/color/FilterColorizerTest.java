package dev.tcpscope.present.color;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.Decoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The coloring rule {@link FilterColorizer} chooses, by evaluating Wireshark 4.0's default rules'
 * filters, paints every packet of every capture in {@code captures/} in the colors
 * {@code tshark --color -r} painted it (goldens by {@code scripts/make-color-goldens.sh},
 * the profile of the protocols tcpscope dissects, Wireshark 4.0's default rules); and the escapes are tshark's.
 */
class FilterColorizerTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/color");
    /**
     * Packets whose color is known to differ. gopacket-le-test301.pcapng carries its TLS keys:
     * tshark decrypts packet 16 and colors the HTTP inside it (green); tcpscope does not decrypt.
     */
    private static final java.util.Set<String> KNOWN = java.util.Set.of("gopacket-le-test301.pcapng packet 16");

    @Test
    void everyPacketIsColoredAsTsharkColorsIt() throws IOException {
        List<String> differences = new ArrayList<>();
        int packets = 0;
        try (Stream<Path> files = Files.list(GOLDEN)) {
            for (Path golden : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                String name = golden.getFileName().toString().replaceFirst("\\.txt$", "");
                List<String> expected = Files.readAllLines(golden);
                List<String> ours = colors(Path.of("captures", name));
                assertThat(ours).as(name).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    packets++;
                    if (!expected.get(i).equals(ours.get(i)) && !KNOWN.contains(name + " packet " + (i + 1))) {
                        differences.add(name + " packet " + (i + 1) + ": tshark " + expected.get(i) + ", ours " + ours.get(i));
                    }
                }
            }
        }
        assertThat(packets).isGreaterThan(3000);
        assertThat(differences).isEmpty();
    }

    /** "fg bg" as "R;G;B R;G;B" per packet, "-" when no rule matches. */
    private static List<String> colors(Path capture) throws IOException {
        List<String> out = new ArrayList<>();
        Decoder decoder = new Decoder().payloads(dev.tcpscope.proto.Protocols.table());
        FilterColorizer colorizer = FilterColorizer.defaults();
        try (CaptureReader r = Captures.open(capture, capture.toString())) {
            Frame f = new Frame();
            while (r.next(f)) {
                decoder.decode(f);
                ColoringRule rule = colorizer.match(decoder);
                out.add(rule == null ? "-" : rgb(rule.foreground()) + " " + rgb(rule.background()));
            }
        }
        return out;
    }

    private static String rgb(int c) {
        return (c >> 16 & 0xff) + ";" + (c >> 8 & 0xff) + ";" + (c & 0xff);
    }

    @Test
    void rulesParseFromWiresharksFormatBackgroundFirst() {
        ColoringRule r = ColoringRule.of("@TCP SYN/FIN@tcp.flags & 0x02 || tcp.flags.fin == 1@[41026,41026,41026][4718,10030,11796]");
        assertThat(r.name()).isEqualTo("TCP SYN/FIN");
        assertThat(r.filter()).isEqualTo("tcp.flags & 0x02 || tcp.flags.fin == 1");
        assertThat(r.background()).isEqualTo(0xa0a0a0);
        assertThat(r.foreground()).isEqualTo(0x12272e);
        assertThat(r.disabled()).isFalse();
        assertThat(ColorFilters.defaults()).hasSize(20).first().extracting(ColoringRule::name).isEqualTo("Bad TCP");
        // Every default rule compiles: the names tcpscope lacks (hsrp.state, smb ...) are absent fields.
        assertThat(FilterColorizer.defaults().rules()).isEqualTo(ColorFilters.defaults());
    }

    @Test
    void aColorfiltersFileHasCommentsDisabledRulesAndFileOrder() throws IOException {
        List<ColorFilters.Line> lines = ColorFilters.parse(new StringReader("""
                # a comment, then a blank line

                !@Off@tcp@[0,0,0][65535,65535,65535]
                @Resets@tcp.flags.reset == 1@[65535,0,0][0,0,65535]
                  @Port 80 or HTTP@http || tcp.port == 80@[ 0, 65535, 0 ][0,0,0] trailing text is ignored
                """), "test");
        assertThat(lines).extracting(ColorFilters.Line::number).containsExactly(3, 4, 5);
        assertThat(lines.get(0).rule().disabled()).isTrue();
        assertThat(lines.get(1).rule()).isEqualTo(new ColoringRule("Resets", "tcp.flags.reset == 1", 0x0000ff, 0xff0000));
        assertThat(lines.get(2).rule().background()).isEqualTo(0x00ff00);
        FilterColorizer c = FilterColorizer.of(lines, "test");
        assertThat(c.rules()).extracting(ColoringRule::name).containsExactly("Resets", "Port 80 or HTTP");
    }

    @Test
    void aBadFileNamesItsLineAndWhy() {
        assertThatThrownBy(() -> ColorFilters.parse(new StringReader("# ok\n@Name@tcp@[1,2][3,4,5]\n"), "my.cf"))
                .isInstanceOf(ColorFilters.BadFile.class)
                .hasMessage("my.cf line 2: color [1,2] of rule \"Name\" needs three channels");
        assertThatThrownBy(() -> ColorFilters.parse(new StringReader("tcp@[1,2,3][3,4,5]\n"), "my.cf"))
                .hasMessageStartingWith("my.cf line 1: not a coloring rule");
        assertThatThrownBy(() -> ColorFilters.parse(new StringReader("@A@tcp@[1,2,3][3,4,65536]\n"), "my.cf"))
                .hasMessageContaining("is not a number from 0 to 65535");
        // A filter that does not compile, with tshark's message: a syntax error, or a known field misused.
        assertThatThrownBy(() -> FilterColorizer.of(ColorFilters.parse(new StringReader("\n@A@tcp.port ==@[0,0,0][0,0,0]\n"), "my.cf"), "my.cf"))
                .isInstanceOf(ColorFilters.BadFile.class)
                .hasMessageStartingWith("my.cf line 2: rule \"A\": filter \"tcp.port ==\" does not compile: ");
        assertThatThrownBy(() -> FilterColorizer.of(ColorFilters.parse(new StringReader("@A@tcp.port contains 1.2.3@[0,0,0][0,0,0]\n"), "f"), "f"))
                .hasMessage("f line 1: rule \"A\": filter \"tcp.port contains 1.2.3\" does not compile: "
                        + "tcp.port (type=Unsigned integer (2 bytes)) cannot participate in contains comparison.");
    }

    @Test
    void escapesAreTsharksTwentyFourBitOnes() {
        StringBuilder sb = new StringBuilder();
        Ansi.appendColored(sb, "line", ColorFilters.defaultRule("TCP"));
        assertThat(sb.toString()).isEqualTo("\u001b[38;2;18;39;46m\u001b[48;2;231;230;255mline\u001b[K\u001b[0m");
        sb.setLength(0);
        Ansi.appendColored(sb, "line", null);
        assertThat(sb.toString()).isEqualTo("line");
    }

    @Test
    void colorOnATerminalOrWhenAskedAndNeverWithNoColor() {
        assertThat(Ansi.enabled(false, false, null)).isFalse();
        assertThat(Ansi.enabled(false, true, null)).isTrue();
        assertThat(Ansi.enabled(true, false, null)).isTrue();
        assertThat(Ansi.enabled(true, true, "1")).isFalse();
        assertThat(Ansi.enabled(false, true, "")).isTrue(); // NO_COLOR counts only when non-empty
    }
}

package dev.tcpscope.present.color;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.TimeFormat;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Dissector;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coloring rule chosen for every packet of every capture in {@code captures/} paints it in
 * the colors {@code tshark --color -r} painted it (goldens by {@code scripts/make-color-goldens.sh},
 * transport-only profile, Wireshark 4.0's default rules); and the escapes are tshark's.
 */
class DefaultColorizerTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/color");
    /**
     * Packets colored differently, with why: the goldens come from tshark's transport-only
     * profile, in which IGMP and VRRP are not dissected, so their Routing rule cannot match
     * there although it does in Wireshark's default profile (which the colorizer follows); and
     * one frame the packet list does not yet dissect (golden/known-gaps.tsv).
     */
    private static final java.util.Set<String> KNOWN = java.util.Set.of(
            "pcapplusplus-ipv4-options.pcap packet 3", // IGMP: Routing here, Broadcast in the profile
            "tcpdump-icmp-icmp_print-oobr-1.pcap packet 2", // VRRP: Routing here, none in the profile
            "pcapplusplus-null_loopback.pcap packet 3"); // a null/loopback family we list as N/A

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
        PacketList list = new PacketList(new TimeFormat(TimeFormat.Kind.RELATIVE, ZoneId.of("UTC")), MacNames.none());
        Dissector dissector = new Dissector();
        Dissection d = new Dissection();
        DefaultColorizer colorizer = new DefaultColorizer();
        try (CaptureReader r = Captures.open(capture, capture.toString())) {
            Frame f = new Frame();
            StringBuilder line = new StringBuilder();
            while (r.next(f)) {
                line.setLength(0);
                list.appendLine(f, line);
                if (f.kind() == Frame.Kind.PACKET) {
                    dissector.dissect(f, d);
                }
                ColoringRule rule = colorizer.match(f, d, list.tcpRecord());
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
        assertThat(DefaultColorizer.RULES).hasSize(20).first().extracting(ColoringRule::name).isEqualTo("Bad TCP");
    }

    @Test
    void escapesAreTsharksTwentyFourBitOnes() {
        StringBuilder sb = new StringBuilder();
        Ansi.appendColored(sb, "line", DefaultColorizer.rule("TCP"));
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

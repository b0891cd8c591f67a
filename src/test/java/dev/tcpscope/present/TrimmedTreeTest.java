package dev.tcpscope.present;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.tcp.Decoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code -V} and {@code -O} build trees without what they do not print: no hidden item, and
 * under {@code -O} nothing below a protocol it does not expand ({@link Details#hiddenItems},
 * {@link Details#expanded}). The text must be the text of the whole tree: checked frame by frame
 * over every capture of the repository and the test resources, against the whole tree printed
 * the way it was before the trimming (the goldens hold the whole tree's text to tshark's).
 */
class TrimmedTreeTest {
    private static final int MAX_FRAMES = 3000;
    private static final List<Set<String>> ONLY = List.of(
            Set.of("tcp"), Set.of("frame", "udp", "icmpv6"), Set.of("ip", "ipv6", "http", "dns", "tls", "ssh", "data"),
            Set.of("eth", "arp", "sll", "vlan", "_ws.malformed"));

    @Test
    void theTextOfATrimmedTreeIsTheTextOfTheWholeTree() throws IOException {
        List<Path> captures = RepositoryCaptures.all();
        List<String> wrong = new ArrayList<>();
        long frames = 0;
        for (Path capture : captures) {
            Decoder decoder = new Decoder().payloads(Protocols.table());
            Details whole = new Details(ZoneOffset.UTC, MacNames::none);
            Details noHidden = new Details(ZoneOffset.UTC, MacNames::none);
            noHidden.hiddenItems(false);
            List<Details> trimmed = new ArrayList<>();
            for (Set<String> only : ONLY) {
                Details t = new Details(ZoneOffset.UTC, MacNames::none);
                t.hiddenItems(false);
                t.expanded(only);
                trimmed.add(t);
            }
            try (CaptureReader r = Captures.open(capture.toString())) {
                Frame f = new Frame();
                for (int n = 0; n < MAX_FRAMES && r.next(f); n++) {
                    decoder.decode(f);
                    frames++;
                    DetailNode tree = whole.build(decoder, null, -1);
                    check(wrong, capture, f, null, text(null, tree), text(null, noHidden.build(decoder, null, -1)));
                    for (int k = 0; k < ONLY.size(); k++) {
                        Set<String> only = ONLY.get(k);
                        check(wrong, capture, f, only, text(only, tree), text(only, trimmed.get(k).build(decoder, null, -1)));
                    }
                }
            } catch (IOException | RuntimeException damaged) {
                // a damaged capture: the frames before the damage were checked
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(frames).isGreaterThan(10_000);
    }

    private static String text(Set<String> only, DetailNode tree) {
        StringBuilder sb = new StringBuilder();
        new DetailText(only, true).append(sb, tree);
        return sb.toString();
    }

    private static void check(List<String> wrong, Path capture, Frame f, Set<String> only, String want, String got) {
        if (!want.equals(got) && wrong.size() < 10) {
            wrong.add(capture + " frame " + f.number() + (only == null ? " -V" : " -O " + only) + ":\n" + got + "\nwanted:\n" + want);
        }
    }
}

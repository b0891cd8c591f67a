package dev.tcpscope.filter;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.Decoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 16, items 2-4: filters built to exhaust the parser, the checker, the compiler or the
 * regex engine. Each answer is tshark 4.0.17's on the same filter (checked by hand with
 * {@code tshark -r captures/learn_tcp.pcapng -Y ...}): it accepts a 2,000-term sum and a
 * 5,000-term or-chain, and stumbles on the first {@code )} once its parser stack is full
 * (98 open parentheses, 49 open calls).
 */
class HostileFilterTest {
    private static final String CAPTURE = "captures/learn_tcp.pcapng";

    private static long count(String filter) throws IOException {
        DisplayFilter f = DisplayFilter.compile(filter, FieldTable.standard());
        long n = 0;
        try (CaptureReader reader = Captures.open(CAPTURE)) {
            Frame frame = new Frame();
            Decoder d = new Decoder();
            while (reader.next(frame)) {
                d.decode(frame);
                if (f.test(d)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String nested(String open, String inner, String close, int n) {
        return open.repeat(n) + inner + close.repeat(n);
    }

    @Test
    void deepParenthesesStopAtTsharksParserDepthWithItsMessage() throws IOException {
        assertThat(count(nested("(", "tcp", ")", 97))).isEqualTo(20);
        for (int n : new int[] {98, 3000}) {
            assertThatThrownBy(() -> DisplayFilter.compile(nested("(", "tcp", ")", n), FieldTable.standard()))
                    .isInstanceOf(FilterSyntaxException.class)
                    .hasMessageContaining("\")\" was unexpected in this context.");
        }
    }

    @Test
    void deeplyNestedCallsStopLikeTshark() {
        // 48 deep is within tshark's stack: the checker speaks (ip.src is not a string).
        assertThatThrownBy(() -> DisplayFilter.compile(nested("upper(", "ip.src", ")", 48) + " == \"x\"", FieldTable.standard()))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining("Only string type fields can be used as parameter for upper()");
        assertThatThrownBy(() -> DisplayFilter.compile(nested("upper(", "ip.src", ")", 2000) + " == \"x\"", FieldTable.standard()))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining("\")\" was unexpected in this context.");
        assertThatThrownBy(() -> DisplayFilter.compile(nested("{", "tcp.len", "}", 3000) + " == 1", FieldTable.standard()))
                .isInstanceOf(FilterSyntaxException.class);
    }

    @Test
    void longChainsThatTsharkAcceptsAreAccepted() throws IOException {
        String sum = "tcp.len" + " + tcp.len".repeat(1999) + " > 0";
        assertThat(count(sum)).isEqualTo(count("tcp.len > 0"));
        String or = IntStream.range(1000, 6000).mapToObj(p -> "tcp.port == " + p).collect(Collectors.joining(" or "));
        assertThat(count(or)).isEqualTo(20);
        String and = IntStream.range(0, 5000).mapToObj(p -> "tcp.port != " + p).collect(Collectors.joining(" and "));
        assertThat(count(and)).isEqualTo(20);
        assertThat(count("not ".repeat(5000) + "tcp.flags.syn == 1")).isEqualTo(count("tcp.flags.syn == 1"));
        assertThat(count("not ".repeat(5001) + "tcp.flags.syn == 1")).isEqualTo(20 - count("tcp.flags.syn == 1"));
    }

    @Test
    void longNamesAndByteStringsAreOneLine() {
        String name = String.join(".", java.util.Collections.nCopies(1500, "a"));
        assertThatThrownBy(() -> DisplayFilter.compile(name, FieldTable.standard()))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining("is neither a field nor a protocol name.");
        String bytes = String.join(":", java.util.Collections.nCopies(1000, "ab"));
        DisplayFilter.compile("frame contains " + bytes, FieldTable.standard());
    }

    @Test
    void backtrackingRegexesRunInBoundedTimeWithoutOverflow() throws IOException {
        // Java's engine overflowed its stack on these over 1.5 KB frames; tshark lists them.
        assertThat(count("frame matches \"(.|\\n)*x\"")).isEqualTo(count("frame matches \"x\""));
        assertThat(count("frame matches \"(a|aa)+$\"")).isZero();
        StringBuilder words = new StringBuilder();
        while (words.length() < 60_000) {
            words.append("hello world ");
        }
        words.append('!');
        Regex r = Regex.compile("(\\w+\\s?)+$");
        // 50-58 s of CPU on java.util.regex; linear on RE2/J.
        boolean found = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> r.find(words));
        assertThat(found).isFalse();
    }

    @Test
    void regexesKeepPcre2Semantics() {
        assertThat(Regex.compile("content-TYPE").find("Content-Type: x")).isTrue(); // caseless
        assertThat(Regex.compile("\u00e9").find("\u00c9")).isFalse(); // PCRE2 folds ASCII only
        assertThat(Regex.compile("\u00e9").find("\u00e9")).isTrue();
        assertThat(Regex.compile("tcp$").find("tcp\n")).isTrue(); // $ before a final newline
        assertThat(Regex.compile("tcp$").find("tcp\nx")).isFalse();
        assertThat(Regex.compile("[$]").find("a$b")).isTrue();
        assertThat(Regex.compile("(ab).*\\1").find("ab xx ab")).isTrue(); // back-reference: fallback engine
        assertThat(Regex.compile("(a|aa)+\\1$").find("a".repeat(40) + "b")).isFalse(); // bounded
    }
}

package dev.tcpscope.present.explain;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Wrapping to a terminal's width: hanging indent, whole words, numbers with their units, CJK by width. */
class WrapTest {
    @Test
    void shortLinesStayWhole() {
        assertThat(Wrap.lines("Pure ACK.", 80, "        ", "          ")).containsExactly("        Pure ACK.");
        assertThat(Wrap.lines("x ".repeat(100), 0, "", "")).hasSize(1);
    }

    @Test
    void englishBreaksAtSpacesWithAHangingIndentAndKeepsUnits() {
        String text = "Delayed ACK: it left 41.052 ms after packet 17, while this side acknowledged earlier data"
                + " within 0.007 ms; see RFC 6528 and 40 ms at least, 200 ms at most.";
        for (int w0 = 30; w0 <= 80; w0++) {
            int width = w0;
            List<String> lines = Wrap.lines(text, width, "        ", "          ");
            assertThat(lines.get(0)).startsWith("        Delayed");
            assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).startsWith("          ").doesNotStartWith("           "));
            assertThat(lines).allSatisfy(l -> assertThat(Wrap.width(l)).as("width %d: %s", width, l).isLessThanOrEqualTo(width));
            assertThat(String.join(" ", lines).replaceAll(" +", " ").strip()).isEqualTo(text);
            assertThat(lines).noneMatch(l -> l.endsWith("RFC") || l.strip().matches("^(ms|bytes)\\b.*"));
        }
    }

    @Test
    void chineseWrapsByDisplayWidthAndNeverBeforeClosingPunctuation() {
        String text = "延迟确认（delayed ACK）：它在第 17 号包之后 41.052 毫秒才发出，而本方之前确认数据只用了不到 0.007 毫秒。"
                + "Linux 只在快速确认模式下立即确认；否则把 ACK 推迟到延迟确认定时器到期（最少 40 毫秒，最多 200 毫秒）。";
        assertThat(Wrap.width("三次握手")).isEqualTo(8);
        for (int w0 = 24; w0 <= 80; w0++) {
            int width = w0;
            List<String> lines = Wrap.lines(text, width, "        ", "          ");
            assertThat(lines).allSatisfy(l -> assertThat(Wrap.width(l)).as("width %d: %s", width, l).isLessThanOrEqualTo(width));
            assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l.strip()).doesNotStartWith("，")
                    .doesNotStartWith("。").doesNotStartWith("）").doesNotStartWith("毫秒").doesNotStartWith("秒"));
            assertThat(lines).allSatisfy(l -> assertThat(l).doesNotEndWith("（").doesNotEndWith("毫"));
            assertThat(String.join("", lines.stream().map(String::strip).toList()).replace(" ", ""))
                    .isEqualTo(text.replace(" ", ""));
        }
    }

    /** The lab's explanation fits 80 columns wherever it can break. */
    @Test
    void theSeedsExplanationsFitEightyColumns() throws IOException {
        for (Lang lang : Lang.values()) {
            Explained x = Explained.file(Path.of("captures/learn_tcp.pcapng"), lang);
            for (Explanation e : x.explanations) {
                for (String l : e.lines()) {
                    for (String w : Wrap.lines(l, 80, "        ", "          ")) {
                        assertThat(Wrap.width(w)).as(w).isLessThanOrEqualTo(80);
                    }
                }
            }
        }
    }

    @Test
    void theHeaderFigureIsRfc9293sAndFits() throws IOException {
        // drawn through the command in ExplainCommandTest; here its shape: 67 columns under an 8-column indent
        assertThat(8 + "+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+".length()).isLessThanOrEqualTo(80);
    }
}

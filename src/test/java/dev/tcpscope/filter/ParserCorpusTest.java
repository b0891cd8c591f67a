package dev.tcpscope.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two corpora in {@code src/test/resources/filter}: {@code valid.tsv} (each filter with the
 * fully parenthesized print of its tree) and {@code invalid.txt} (each filter with the span of
 * its error). {@code scripts/filter-oracle.sh} records that tshark 4.0 agrees with both.
 */
class ParserCorpusTest {

    static Stream<Arguments> valid() throws IOException {
        return lines("filter/valid.tsv").map(l -> l.split("\t", 2)).map(p -> Arguments.of(p[0], p[1]));
    }

    static Stream<Arguments> invalid() throws IOException {
        return lines("filter/invalid.txt").map(l -> {
            String[] p = l.split("\t", 2);
            int[] span = Arrays.stream(p[0].split(" ")).mapToInt(Integer::parseInt).toArray();
            return Arguments.of(p[1], span[0], span[1]);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void valid(String filter, String shape) {
        Expr e = Parser.parse(filter);
        assertThat(Printer.fullyParenthesized(e)).isEqualTo(shape);
        // Both printings read back as the same tree.
        assertThat(Expr.withoutSpans(Parser.parse(Printer.print(e)))).isEqualTo(Expr.withoutSpans(e));
        assertThat(Expr.withoutSpans(Parser.parse(shape))).isEqualTo(Expr.withoutSpans(e));
        // Every span lies within the filter.
        assertThat(e.span().end()).isLessThanOrEqualTo(filter.length());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invalid(String filter, int start, int end) {
        assertThatThrownBy(() -> Parser.parse(filter))
                .isInstanceOfSatisfying(FilterSyntaxException.class, x -> {
                    assertThat(x.span()).isEqualTo(new Span(start, end));
                    assertThat(x.getMessage()).doesNotContain("\n").contains(x.span().toString());
                    List<String> rendered = x.render(filter).lines().toList();
                    assertThat(rendered).hasSize(3);
                    assertThat(rendered.get(1)).isEqualTo("    " + filter);
                    assertThat(rendered.get(2)).startsWith("    " + " ".repeat(start) + "^");
                });
    }

    private static Stream<String> lines(String resource) throws IOException {
        try (InputStream in = ParserCorpusTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList().stream();
        }
    }
}

package dev.tcpscope.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpscope.filter.Token.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {

    private static List<Kind> kinds(String s) {
        return Lexer.lex(s).stream().map(Token::kind).toList();
    }

    @Test
    void tokensCarrySpansAndText() {
        List<Token> t = Lexer.lex("ip.addr#2 == 10.0.0.0/8");
        assertThat(t).extracting(Token::kind)
                .containsExactly(Kind.WORD, Kind.HASH, Kind.LAYER_INDEX, Kind.ANY_EQ, Kind.WORD, Kind.EOF);
        assertThat(t.get(0).span()).isEqualTo(new Span(0, 7));
        assertThat(t.get(4).text()).isEqualTo("10.0.0.0/8");
        assertThat(t.get(4).shape()).isEqualTo(Shape.IPV4);
        assertThat(t.get(5).span()).isEqualTo(new Span(23, 23));
    }

    @Test
    void wordsKeepHyphensButNotPlusOrSlash() {
        assertThat(kinds("tcp.port-1")).containsExactly(Kind.WORD, Kind.EOF);
        assertThat(kinds("tcp.port+1")).containsExactly(Kind.WORD, Kind.PLUS, Kind.WORD, Kind.EOF);
        assertThat(kinds("tcp.port/2")).containsExactly(Kind.WORD, Kind.SLASH, Kind.WORD, Kind.EOF);
        assertThat(kinds("1..2")).containsExactly(Kind.WORD, Kind.DOTDOT, Kind.WORD, Kind.EOF);
        assertThat(kinds(".tcp.port")).containsExactly(Kind.FIELD, Kind.EOF);
    }

    @Test
    void aColonEndsAWordWhereTsharksScannerEndsIt() {
        assertThat(Lexer.lex("1:2:3")).extracting(Token::text).containsExactly("1", ":2", ":3", "");
        assertThat(Lexer.lex("a:b.c")).extracting(Token::text).containsExactly("a", ":b", "c", "");
        assertThat(Lexer.lex("fe80::1/64 aa:bb:cc 00:11:22:33:44:55 :50")).extracting(Token::text)
                .containsExactly("fe80::1/64", "aa:bb:cc", "00:11:22:33:44:55", ":50", "");
        // the scanner fails only where the parser asks for the token: "1:2:3:zz" fails at ":2" first
        assertThat(kinds("1:2:3:zz")).containsExactly(Kind.WORD, Kind.WORD, Kind.WORD, Kind.ERROR);
        assertThatThrownBy(() -> Parser.parse("frame[0] == 1:2:3:zz")).isInstanceOfSatisfying(FilterSyntaxException.class,
                x -> assertThat(x.problem()).isEqualTo("\":2\" was unexpected in this context."));
    }

    @Test
    void keywordsAndSymbolsAreTheSameTokens() {
        assertThat(kinds("and && or || not ! eq == ne != all_eq === any_ne !== ~= contains matches ~ in & bitwise_and"))
                .containsExactly(Kind.AND, Kind.AND, Kind.OR, Kind.OR, Kind.NOT, Kind.NOT, Kind.ANY_EQ, Kind.ANY_EQ,
                        Kind.ALL_NE, Kind.ALL_NE, Kind.ALL_EQ, Kind.ALL_EQ, Kind.ANY_NE, Kind.ANY_NE, Kind.ANY_NE,
                        Kind.CONTAINS, Kind.MATCHES, Kind.MATCHES, Kind.IN, Kind.BITAND, Kind.BITAND, Kind.EOF);
        assertThat(kinds("android")).containsExactly(Kind.WORD, Kind.EOF);
    }

    @Test
    void shapesAreHints() {
        assertThat(Shape.of("ff:ff:ff:ff:ff:ff")).isEqualTo(Shape.MAC);
        assertThat(Shape.of("aabb.ccdd.eeff")).isEqualTo(Shape.MAC);
        assertThat(Shape.of("0x1f")).isEqualTo(Shape.INTEGER);
        assertThat(Shape.of("0b101")).isEqualTo(Shape.INTEGER);
        assertThat(Shape.of("2.5e-3")).isEqualTo(Shape.FLOAT);
        assertThat(Shape.of("fe80::1/64")).isEqualTo(Shape.IPV6);
        assertThat(Shape.of("::")).isEqualTo(Shape.IPV6);
        assertThat(Shape.of("aa:bb:cc")).isEqualTo(Shape.BYTES);
        assertThat(Shape.of("aa-bb")).isEqualTo(Shape.BYTES);
        assertThat(Shape.of("tcp.flags.syn")).isEqualTo(Shape.NAME);
        assertThat(Shape.of("1.2.3.4/33")).isEqualTo(Shape.IPV4); // the checker rejects /33
        assertThat(Shape.of("a+b")).isEqualTo(Shape.OTHER);
    }

    @Test
    void stringsDecodeTheirEscapes() {
        Expr.Str s = (Expr.Str) ((Expr.Contains) Parser.parse("frame contains \"A\\x42\\103\\n\\u00e9\"")).right();
        assertThat(s.value()).isEqualTo("ABC\né".getBytes(StandardCharsets.UTF_8));
        Expr.Str raw = (Expr.Str) ((Expr.Matches) Parser.parse("frame matches r\"a\\d\\\"\"")).right();
        assertThat(new String(raw.value(), StandardCharsets.UTF_8)).isEqualTo("a\\d\"");
    }

    @Test
    void renderPutsTheCaretUnderTheSpanAsTsharkDoes() {
        String filter = "tcp.port == 1 xor tcp.port == 2";
        assertThatThrownBy(() -> Parser.parse(filter)).isInstanceOfSatisfying(FilterSyntaxException.class, x ->
                assertThat(x.render(filter)).isEqualTo("""
                        "xor" was unexpected in this context.
                            tcp.port == 1 xor tcp.port == 2
                                          ^~~"""));
        assertThatThrownBy(() -> Parser.parse("tcp.port ==")).isInstanceOfSatisfying(FilterSyntaxException.class, x -> {
            assertThat(x.problem()).isEqualTo("Unexpected end of filter expression.");
            assertThat(x.render("tcp.port ==").lines().toList().get(2)).isEqualTo("               ^");
        });
    }

    @Test
    void blankFilterIsNoFilter() {
        assertThat(Parser.parseSentence("  ")).isEmpty();
        assertThat(Parser.parseSentence("tcp\t==\t1")).isPresent();
    }
}

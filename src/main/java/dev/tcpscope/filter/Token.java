package dev.tcpscope.filter;

/**
 * One lexeme: its kind, its source text exactly as written, and where it is.
 *
 * <p>For {@link Kind#WORD} the text is the unparsed word and {@link #shape()} the hint of what it
 * looks like; for {@link Kind#STRING} and {@link Kind#CHARCONST} the text is what lies between the
 * quotes (escapes not yet decoded, but already checked); for {@link Kind#RANGE} it is one node of
 * a slice or layer list, e.g. {@code 1:2}; for {@link Kind#FIELD} it is the name after the dot.
 */
public record Token(Kind kind, String text, Span span, Shape shape, boolean raw) {

    public enum Kind {
        /** An unparsed word: a field, a protocol, a function name or a literal. */
        WORD,
        /** {@code .name}: explicitly a field. */
        FIELD,
        STRING, CHARCONST,
        /** One node of a slice or layer range list. */
        RANGE,
        /** The digits of {@code #N}. */
        LAYER_INDEX,
        LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA, DOTDOT, HASH,
        ANY_EQ, ALL_NE, ALL_EQ, ANY_NE, GT, GE, LT, LE,
        CONTAINS, MATCHES, IN, AND, OR, NOT, ANY, ALL,
        PLUS, MINUS, STAR, SLASH, PERCENT, BITAND,
        EOF,
        /** Text the lexer could not split; its text is the problem (see {@link Lexer#lex}). */
        ERROR
    }

    static Token of(Kind kind, String text, Span span) {
        return new Token(kind, text, span, null, false);
    }
}

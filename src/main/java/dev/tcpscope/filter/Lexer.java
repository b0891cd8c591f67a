package dev.tcpscope.filter;

import dev.tcpscope.filter.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.google.re2j.Pattern;

/**
 * Splits a display filter into tokens, following the lexical rules of Wireshark 4.0
 * ({@code epan/dfilter/scanner.l}), checked against tshark 4.0.17.
 *
 * <ul>
 *   <li>A word starts with a letter, digit, {@code _} or {@code :} and goes on with those and
 *       {@code -}; a single {@code .} joins two parts, {@code ..} never belongs to a word. So
 *       {@code tcp.port-1} is one word but {@code tcp.port+1} is three tokens. Keywords
 *       ({@code and}, {@code eq}, {@code contains}, …) are words spelled exactly so. A word
 *       with a colon is cut where the longest match of scanner.l's address, byte-string and
 *       identifier patterns ends ({@code 1:2:3} is three tokens).</li>
 *   <li>A dotted quad or an IPv6 address takes a following {@code /n} as its CIDR prefix;
 *       elsewhere {@code /} divides.</li>
 *   <li>{@code .name} is explicitly a field; {@code ..} separates the bounds of a set range.</li>
 *   <li>{@code "..."} strings with C escapes, {@code r"..."} raw strings, {@code 'c'} character
 *       constants.</li>
 *   <li>{@code [} switches to range mode until {@code ]}: each comma-separated node is one
 *       {@link Kind#RANGE} token, checked by the parser. {@code #} must be followed at once by
 *       digits or {@code [}.</li>
 * </ul>
 */
public final class Lexer {
    private static final Map<String, Kind> KEYWORDS = Map.ofEntries(
            Map.entry("eq", Kind.ANY_EQ), Map.entry("any_eq", Kind.ANY_EQ),
            Map.entry("ne", Kind.ALL_NE), Map.entry("all_ne", Kind.ALL_NE),
            Map.entry("all_eq", Kind.ALL_EQ), Map.entry("any_ne", Kind.ANY_NE),
            Map.entry("gt", Kind.GT), Map.entry("ge", Kind.GE), Map.entry("lt", Kind.LT), Map.entry("le", Kind.LE),
            Map.entry("contains", Kind.CONTAINS), Map.entry("matches", Kind.MATCHES), Map.entry("in", Kind.IN),
            Map.entry("and", Kind.AND), Map.entry("or", Kind.OR), Map.entry("not", Kind.NOT),
            Map.entry("any", Kind.ANY), Map.entry("all", Kind.ALL),
            Map.entry("bitwise_and", Kind.BITAND));

    private final String src;
    private int pos;
    private final List<Token> out = new ArrayList<>();

    private Lexer(String src) {
        this.src = src;
    }

    /**
     * All tokens of {@code filter}, ending with one {@link Kind#EOF}, or, where the text cannot
     * be split, with one {@link Kind#ERROR} token whose text is the problem. tshark's parser
     * pulls tokens from the scanner one at a time, so a scanning error past the point where
     * the parser fails is never seen; the parser raises the error token only when it reaches it.
     */
    public static List<Token> lex(String filter) {
        Lexer lx = new Lexer(filter);
        try {
            lx.run();
        } catch (FilterSyntaxException e) {
            lx.out.add(Token.of(Kind.ERROR, e.problem(), e.span()));
        }
        return List.copyOf(lx.out);
    }

    private void run() {
        while (true) {
            skipBlanks();
            if (pos >= src.length()) {
                out.add(Token.of(Kind.EOF, "", new Span(pos, pos)));
                return;
            }
            next();
        }
    }

    private void skipBlanks() {
        while (pos < src.length() && " \t\n\r".indexOf(src.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private void next() {
        char c = src.charAt(pos);
        int start = pos;
        switch (c) {
            case '(' -> single(Kind.LPAREN);
            case ')' -> single(Kind.RPAREN);
            case '{' -> single(Kind.LBRACE);
            case '}' -> single(Kind.RBRACE);
            case ',' -> single(Kind.COMMA);
            case '+' -> single(Kind.PLUS);
            case '-' -> single(Kind.MINUS);
            case '*' -> single(Kind.STAR);
            case '/' -> single(Kind.SLASH);
            case '%' -> single(Kind.PERCENT);
            case '[' -> range();
            case '#' -> layer();
            case '"' -> string(start, false);
            case '\'' -> charConst();
            case '=' -> {
                if (startsWith("===")) {
                    fixed(Kind.ALL_EQ, 3);
                } else if (startsWith("==")) {
                    fixed(Kind.ANY_EQ, 2);
                } else {
                    throw unexpected(start, 1);
                }
            }
            case '!' -> {
                if (startsWith("!==")) {
                    fixed(Kind.ANY_NE, 3);
                } else if (startsWith("!=")) {
                    fixed(Kind.ALL_NE, 2);
                } else {
                    fixed(Kind.NOT, 1);
                }
            }
            case '~' -> fixed(startsWith("~=") ? Kind.ANY_NE : Kind.MATCHES, startsWith("~=") ? 2 : 1);
            case '<' -> fixed(startsWith("<=") ? Kind.LE : Kind.LT, startsWith("<=") ? 2 : 1);
            case '>' -> fixed(startsWith(">=") ? Kind.GE : Kind.GT, startsWith(">=") ? 2 : 1);
            case '&' -> fixed(startsWith("&&") ? Kind.AND : Kind.BITAND, startsWith("&&") ? 2 : 1);
            case '|' -> {
                if (!startsWith("||")) {
                    throw unexpected(start, 1);
                }
                fixed(Kind.OR, 2);
            }
            case '.' -> {
                if (startsWith("..")) {
                    fixed(Kind.DOTDOT, 2);
                } else if (pos + 1 < src.length() && isWordStart(src.charAt(pos + 1)) && src.charAt(pos + 1) != ':') {
                    pos++;
                    String name = word();
                    out.add(new Token(Kind.FIELD, name, new Span(start, pos), null, false));
                } else {
                    throw unexpected(start, 1);
                }
            }
            default -> {
                if ((c == 'r' || c == 'R') && pos + 1 < src.length() && src.charAt(pos + 1) == '"') {
                    pos++;
                    string(start, true);
                } else if (isWordStart(c)) {
                    String w = word();
                    Kind kw = KEYWORDS.get(w);
                    Span span = new Span(start, pos);
                    out.add(kw != null ? Token.of(kw, w, span) : new Token(Kind.WORD, w, span, Shape.of(w), false));
                } else if (c > 0x7e || c < 0x20) {
                    throw new FilterSyntaxException(
                            "Non-printable or non-ASCII characters may only appear inside double quotes",
                            new Span(start, start + Character.charCount(src.codePointAt(start))));
                } else {
                    throw unexpected(start, 1);
                }
            }
        }
    }

    private FilterSyntaxException unexpected(int start, int len) {
        return new FilterSyntaxException(
                "\"" + src.substring(start, start + len) + "\" was unexpected in this context.", new Span(start, start + len));
    }

    private boolean startsWith(String s) {
        return src.startsWith(s, pos);
    }

    private void single(Kind kind) {
        fixed(kind, 1);
    }

    private void fixed(Kind kind, int len) {
        out.add(Token.of(kind, src.substring(pos, pos + len), new Span(pos, pos + len)));
        pos += len;
    }

    static boolean isWordStart(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == ':');
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || c == '-';
    }

    /** Reads a word from {@code pos}; a single dot joins parts, a CIDR suffix joins addresses. */
    private String word() {
        int start = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (isWordPart(c)) {
                pos++;
            } else if (c == '.' && pos + 1 < src.length() && isWordPart(src.charAt(pos + 1))) {
                pos++;
            } else {
                break;
            }
        }
        String w = src.substring(start, pos);
        // 4.0 takes "ff:" as "ff" and a stray ":", but "fe80::" whole.
        while (w.endsWith(":") && !Shape.isIpv6(w)) {
            pos--;
            w = w.substring(0, w.length() - 1);
        }
        if (w.isEmpty()) {
            throw unexpected(start, 1);
        }
        if (pos + 1 < src.length() && src.charAt(pos) == '/' && Character.isDigit(src.charAt(pos + 1))) {
            Shape shape = Shape.of(w);
            if (shape == Shape.IPV4 || shape == Shape.IPV6) {
                int end = pos + 1;
                while (end < src.length() && Character.isDigit(src.charAt(end))) {
                    end++;
                }
                pos = end;
                w = src.substring(start, pos);
            }
        }
        if (w.indexOf(':') >= 0) {
            int n = scannerLength(w);
            if (n == 0) {
                throw unexpected(start, 1);
            }
            pos = start + n;
            w = w.substring(0, n);
        }
        return w;
    }

    /**
     * The patterns of scanner.l that can match text with a colon (MAC, IPv4 and IPv6 addresses
     * with their prefixes, byte strings with an optional leading colon, a colon-led hex number)
     * and the identifier pattern, which has no colon.
     */
    private static final Pattern SCANNER_WORD = Pattern.compile(String.join("|",
            "[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}"
                    + "|[0-9A-Fa-f]{2}(?:\\.[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}",
            "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}"
                    + "(?:/[0-9]{1,2})?",
            ":?(?:[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})+|[0-9A-Fa-f]{2}(?:\\.[0-9A-Fa-f]{2})+|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2})+)",
            ":[0-9A-Fa-f]+",
            "[A-Za-z0-9_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*"), Pattern.LONGEST_MATCH);

    /**
     * How much of a word with a colon tshark's scanner takes as one token: flex takes the
     * longest match of its patterns, none of which lets a colon run on freely, so
     * {@code 1:2:3} is {@code 1}, {@code :2} and {@code :3} (and the parser then stumbles on
     * {@code :2}); 0 when no pattern matches (a stray colon).
     */
    private static int scannerLength(String w) {
        // RE2/J (linear, no recursion on a 1,500-part name) takes the longest matching prefix;
        // an IPv6 address is at most 49 characters with its prefix.
        var m = SCANNER_WORD.matcher(w);
        int longest = m.lookingAt() ? m.end() : 0;
        for (int n = Math.min(w.length(), 49); n > longest; n--) {
            if (Shape.isIpv6(w.substring(0, n))) {
                return n;
            }
        }
        return longest;
    }

    /** {@code #} then digits or a bracketed range list, with nothing in between. */
    private void layer() {
        int hash = pos;
        fixed(Kind.HASH, 1);
        if (pos >= src.length()) {
            throw new FilterSyntaxException("The layer number or range was missing", new Span(hash, hash + 1));
        }
        char c = src.charAt(pos);
        if (c == '[') {
            range();
        } else if (c >= '0' && c <= '9') {
            int start = pos;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
            out.add(Token.of(Kind.LAYER_INDEX, src.substring(start, pos), new Span(start, pos)));
        } else {
            throw new FilterSyntaxException("Expected digit or \"[\", not \"" + c + "\"", new Span(pos, pos + 1));
        }
    }

    /** {@code [} node {@code ,} node … {@code ]}; nodes are checked by the parser. */
    private void range() {
        fixed(Kind.LBRACKET, 1);
        while (true) {
            if (pos >= src.length()) {
                throw new FilterSyntaxException("The right bracket was missing from a slice.", new Span(pos, pos));
            }
            char c = src.charAt(pos);
            if (c == ']') {
                fixed(Kind.RBRACKET, 1);
                return;
            }
            if (c == ',') {
                fixed(Kind.COMMA, 1);
                continue;
            }
            int start = pos;
            while (pos < src.length() && src.charAt(pos) != ',' && src.charAt(pos) != ']') {
                pos++;
            }
            int s = start;
            int e = pos;
            while (s < e && Character.isWhitespace(src.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(src.charAt(e - 1))) {
                e--;
            }
            if (s < e) {
                out.add(Token.of(Kind.RANGE, src.substring(s, e), new Span(s, e)));
            }
        }
    }

    /** A double-quoted string from {@code start} (the {@code r} of a raw string, or the quote). */
    private void string(int start, boolean raw) {
        pos++; // the opening quote
        int body = pos;
        while (true) {
            if (pos >= src.length()) {
                throw new FilterSyntaxException("The final quote was missing from a quoted string.", new Span(src.length(), src.length()));
            }
            char c = src.charAt(pos);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                pos = raw ? Math.min(pos + 2, src.length()) : Escapes.check(src, pos);
            } else {
                pos++;
            }
        }
        String text = src.substring(body, pos);
        pos++;
        out.add(new Token(Kind.STRING, text, new Span(start, pos), null, raw));
    }

    /** {@code 'c'}: one character or one escape; the checker decodes it. */
    private void charConst() {
        int start = pos++;
        int body = pos;
        while (true) {
            if (pos >= src.length()) {
                throw new FilterSyntaxException("The final quote was missing from a character constant.", new Span(src.length(), src.length()));
            }
            char c = src.charAt(pos);
            if (c == '\'') {
                break;
            }
            pos += c == '\\' ? 2 : 1;
        }
        pos = Math.min(pos, src.length());
        String text = src.substring(body, pos);
        pos++;
        if (text.isEmpty()) {
            throw new FilterSyntaxException("Empty character constant.", new Span(start, pos));
        }
        out.add(Token.of(Kind.CHARCONST, text, new Span(start, pos)));
    }
}

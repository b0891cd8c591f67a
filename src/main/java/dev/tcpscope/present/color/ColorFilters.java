package dev.tcpscope.present.color;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Wireshark's {@code colorfilters} file: one rule a line ({@link ColoringRule#of}), blank lines
 * and {@code #} comments ignored, rules tried in file order. Wireshark skips a line it cannot
 * read and disables a rule whose filter does not compile, with only a log warning; tcpscope
 * refuses the file instead ({@link BadFile}), so that a typo does not silently change the colors.
 */
public final class ColorFilters {
    /** A rule and the line it was read from (1-based), for messages. */
    public record Line(int number, ColoringRule rule) { }

    /** A colorfilters file that could not be used: names the file, the line and the reason. */
    public static final class BadFile extends IllegalArgumentException {
        private final String file;
        private final int line;
        private final String reason;

        public BadFile(String file, int line, String reason) {
            super(line > 0 ? file + " line " + line + ": " + reason : file + ": " + reason);
            this.file = file;
            this.line = line;
            this.reason = reason;
        }

        public String file() { return file; }

        public int line() { return line; }

        public String reason() { return reason; }
    }

    private static final List<ColoringRule> DEFAULTS = loadDefaults();

    private ColorFilters() { }

    /** Wireshark 4.0.17's default coloring rules ({@code colorfilters} as it installs it), in order. */
    public static List<ColoringRule> defaults() {
        return DEFAULTS;
    }

    /** The default rule named {@code name}. */
    public static ColoringRule defaultRule(String name) {
        for (ColoringRule r : DEFAULTS) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no default coloring rule " + name);
    }

    /**
     * Reads the rules of a colorfilters file.
     *
     * @param source the file's name, for {@link BadFile}'s message
     * @throws BadFile at the first line that is neither a rule, a comment nor blank
     */
    public static List<Line> parse(Reader reader, String source) throws IOException {
        List<Line> rules = new ArrayList<>();
        BufferedReader r = new BufferedReader(reader);
        String text;
        int n = 0;
        while ((text = r.readLine()) != null) {
            n++;
            if (text.length() > MAX_LINE) {
                throw new BadFile(source, n, "the line is longer than " + MAX_LINE + " characters");
            }
            String t = text.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            try {
                rules.add(new Line(n, ColoringRule.of(t)));
            } catch (IllegalArgumentException e) {
                throw new BadFile(source, n, e.getMessage());
            }
        }
        return rules;
    }

    /** The largest colorfilters file read (Wireshark's own is 2 KB); {@code /dev/zero} stops here. */
    public static final int MAX_BYTES = 1 << 20;
    /** The longest line read. */
    public static final int MAX_LINE = 16 << 10;

    /**
     * Reads the rules of the colorfilters file at {@code file} (UTF-8), at most
     * {@link #MAX_BYTES} bytes of it: a bigger file, one that is not UTF-8 text, or a line
     * longer than {@link #MAX_LINE} is a {@link BadFile} that says so.
     */
    public static List<Line> read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        String name = file.toString();
        if (bytes.length > MAX_BYTES) {
            throw new BadFile(name, 0, "larger than " + (MAX_BYTES >> 20) + " MiB; a colorfilters file is a few lines of text");
        }
        int line = 1;
        for (byte b : bytes) {
            if (b == 0) {
                throw new BadFile(name, line, "not a text file (a NUL byte); give a colorfilters file");
            }
            if (b == '\n') {
                line++;
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadFile(name, 0, "not UTF-8 text; give a colorfilters file");
        }
        return parse(new java.io.StringReader(text), name);
    }

    private static List<ColoringRule> loadDefaults() {
        try (InputStream in = ColorFilters.class.getResourceAsStream("colorfilters")) {
            if (in == null) {
                throw new IllegalStateException("colorfilters resource missing from the jar");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "colorfilters").stream()
                    .map(Line::rule).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

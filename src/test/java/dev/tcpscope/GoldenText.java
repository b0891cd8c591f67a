package dev.tcpscope;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.fail;

/** What the golden tests share: reading a gzipped golden, and naming the first line that differs. */
final class GoldenText {
    private GoldenText() { }

    static String gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Fails unless {@code actual} is {@code expected}, naming the first line that differs and the
     * column where it does (with 80 characters either side: JSON lines are long).
     */
    static void same(String what, String expected, String actual) {
        if (expected.equals(actual)) {
            return;
        }
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String el = i < e.size() ? e.get(i) : "<end>";
            String al = i < a.size() ? a.get(i) : "<end>";
            if (!el.equals(al)) {
                int k = 0;
                while (k < Math.min(el.length(), al.length()) && el.charAt(k) == al.charAt(k)) {
                    k++;
                }
                int from = Math.max(0, k - 80);
                fail(String.format("%s: line %d differs at column %d%n  tshark:   %s%s%n  tcpscope: %s%s", what, i + 1, k + 1,
                        from > 0 ? "..." : "", el.substring(from, Math.min(el.length(), k + 80)),
                        from > 0 ? "..." : "", al.substring(from, Math.min(al.length(), k + 80))));
            }
        }
        fail(what + ": differs in line endings");
    }
}

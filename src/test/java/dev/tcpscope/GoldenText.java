package dev.tcpscope;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the golden tests share: reading a gzipped golden, the tab-separated lists beside the
 * goldens, and naming the first line that differs.
 */
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

    /** The tab-separated rows of {@code file}, without blank lines and # comments. */
    static List<String[]> rows(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String row : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!row.isBlank() && !row.startsWith("#")) {
                rows.add(row.split("\t"));
            }
        }
        return rows;
    }

    /** A known-gaps.tsv (golden, reason) as a map; empty when the file is absent. */
    static Map<String, String> knownGaps(Path file) throws IOException {
        Map<String, String> gaps = new HashMap<>();
        if (Files.exists(file)) {
            for (String[] f : rows(file)) {
                gaps.put(f[0], f.length > 1 ? f[1] : "");
            }
        }
        return gaps;
    }
}

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
 * What the golden tests share: reading a gzipped golden, running {@code tcpscope read} on a
 * capture, naming the first line that differs, and the known-gaps lists that only shrink.
 */
public final class GoldenText {
    private GoldenText() { }

    /** A golden file of {@code dir}: gunzipped when its name ends in .gz. */
    public static String golden(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        return name.endsWith(".gz") ? gunzip(p) : Files.readString(p, StandardCharsets.UTF_8);
    }

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

    /**
     * Checks {@code actual} against {@code expected} for the golden {@code golden} of {@code dir}:
     * equal, unless {@code dir/known-gaps.tsv} lists it; a listed golden must still differ, so
     * that the list only shrinks.
     */
    static void sameOrKnownGap(Path dir, String golden, String expected, String actual) throws IOException {
        if (knownGaps(dir).containsKey(golden)) {
            if (expected.equals(actual)) {
                fail(golden + " now matches tshark; take it off " + dir.resolve("known-gaps.tsv"));
            }
            return;
        }
        same(golden, expected, actual);
    }

    /** The rows of {@code dir/known-gaps.tsv} (golden, reason); empty when there is none. */
    static Map<String, String> knownGaps(Path dir) throws IOException {
        Map<String, String> gaps = new HashMap<>();
        Path file = dir.resolve("known-gaps.tsv");
        if (Files.exists(file)) {
            for (String[] f : rows(file)) {
                gaps.put(f[0], f.length > 1 ? f[1] : "");
            }
        }
        return gaps;
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

    /** The standard output of {@code tcpscope read captures/CAPTURE OPTIONS} (options space separated). */
    static String read(String capture, String options) {
        List<String> args = new ArrayList<>(List.of("read", Path.of("captures").resolve(capture).toString()));
        args.addAll(List.of(options.split(" ")));
        return dev.tcpscope.cli.CliRun.of(args.toArray(String[]::new)).out();
    }

    /**
     * The tests of a folder of gzipped goldens: one per capture of {@code golden/details/frames.tsv}
     * and per output ({@code suffixes[k]} names the golden NAME + suffix, {@code options[k]} the
     * read options after {@code -c N}), then one per row of {@code dir/extras.tsv} (golden,
     * capture, options), each as (golden, capture, options).
     */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> goldens(Path dir, List<String> suffixes,
                                                                                      List<String> options) throws IOException {
        List<org.junit.jupiter.params.provider.Arguments> all = new ArrayList<>();
        for (String[] f : rows(Path.of("src/test/resources/golden/details/frames.tsv"))) {
            for (int k = 0; k < suffixes.size(); k++) {
                all.add(org.junit.jupiter.params.provider.Arguments.of(f[0] + suffixes.get(k), f[0],
                        "-c " + f[1] + " " + options.get(k)));
            }
        }
        for (String[] f : rows(dir.resolve("extras.tsv"))) {
            all.add(org.junit.jupiter.params.provider.Arguments.of(f[0], f[1], f[2]));
        }
        if (all.size() < 100) {
            fail("only " + all.size() + " goldens in " + dir);
        }
        return all.stream();
    }

    /**
     * The tests of a folder of one protocol's goldens ({@code make-<protocol>-goldens.sh}): one
     * per file whose name ends in a suffix of {@code kinds} ({suffix, read options}, the first that
     * matches wins), each as (golden, capture, options). The detail formats read the frames
     * {@code filter} keeps; {@code .fields.tsv} asks for the fields the folder's VERSION lists.
     */
    public static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> protocolGoldens(Path dir, String filter,
            String[][] kinds) throws IOException {
        String fields = null;
        for (String line : Files.readAllLines(dir.resolve("VERSION"))) {
            if (line.startsWith("fields: ")) {
                fields = line.substring("fields: ".length());
            }
        }
        if (fields == null) {
            fail("no fields in " + dir.resolve("VERSION"));
        }
        List<org.junit.jupiter.params.provider.Arguments> all = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String f = p.getFileName().toString();
                for (String[] k : kinds) {
                    if (f.endsWith(k[0])) {
                        List<String> options = new ArrayList<>();
                        if (!k[1].isEmpty()) {
                            options.add("-Y");
                            options.add(filter);
                            options.addAll(List.of(k[1].split(" ")));
                        }
                        if (k[0].equals(".fields.tsv")) {
                            for (String e : fields.split(" ")) {
                                options.add("-e");
                                options.add(e);
                            }
                        }
                        all.add(org.junit.jupiter.params.provider.Arguments.of(f, f.substring(0, f.length() - k[0].length()),
                                options));
                        break;
                    }
                }
            }
        }
        return all.stream();
    }

    /**
     * Fails unless {@code tcpscope read captures/CAPTURE OPTIONS} prints golden {@code golden} of
     * {@code dir} (a PDML header's time attribute blanked as the scripts blank it), naming the
     * first line that differs.
     */
    public static void readPrints(Path dir, String golden, String capture, List<String> options) throws IOException {
        List<String> args = new ArrayList<>(List.of("read", "captures/" + capture));
        args.addAll(options);
        String actual = dev.tcpscope.cli.CliRun.of(args.toArray(String[]::new)).out();
        if (golden.contains(".pdml")) {
            actual = actual.replaceFirst("(<pdml [^>]*) time=\"[^\"]*\"", "$1 time=\"\"");
        }
        List<String> a = actual.lines().toList();
        List<String> e = golden(dir, golden).lines().toList();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String el = i < e.size() ? e.get(i) : "<end>";
            String al = i < a.size() ? a.get(i) : "<end>";
            if (!el.equals(al)) {
                fail(String.format("%s: line %d differs%n  tshark:   %s%n  tcpscope: %s", golden, i + 1, el, al));
            }
        }
    }

    /**
     * {@link #readPrints}, or, for a golden on {@code knownGaps} (its reason the value), fails
     * unless tcpscope still prints something else: a gap that closed must leave the list.
     */
    public static void readPrintsOrKnownGap(Path dir, java.util.Map<String, String> knownGaps, String golden, String capture,
                                            List<String> options) throws IOException {
        if (knownGaps.containsKey(golden)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> readPrints(dir, golden, capture, options))
                    .as("%s now matches tshark: take it off KNOWN_GAPS", golden).isInstanceOf(AssertionError.class);
            return;
        }
        readPrints(dir, golden, capture, options);
    }

    /** The outputs of a folder made like make-ipproto-goldens.sh's, in the order of its goldens. */
    public static final List<String> LAYER_FORMATS = List.of("list", "V", "2V", "jsonx", "ek", "fields", "expert");

    /**
     * The tests of a folder made like make-ipproto-goldens.sh's (IpProtocolsTest, StpTest): every
     * capture with a {@code .list.txt} golden, {@code captures} of them, times
     * {@link #LAYER_FORMATS}, each as {capture, format}.
     */
    public static java.util.stream.Stream<String[]> layerCases(Path dir, int captures) throws IOException {
        List<String> names;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".list.txt"))
                    .map(n -> n.substring(0, n.length() - ".list.txt".length())).sorted().toList();
        }
        org.assertj.core.api.Assertions.assertThat(names).as("captures with goldens in %s", dir).hasSize(captures);
        return names.stream().flatMap(c -> LAYER_FORMATS.stream().map(f -> new String[] {c, f}));
    }

    /**
     * Checks one case of {@link #layerCases}: tcpscope prints the golden's lines, or, for a case
     * {@code known} lists (its key "CAPTURE FORMAT", its value why), still prints something else,
     * so that a known gap fixed on the way is noticed and taken off the list.
     */
    public static void assertLayerGolden(Path dir, java.util.Map<String, String> known, String capture, String format)
            throws IOException {
        List<List<String>> out = layerOutputs(dir, capture, format);
        if (known.containsKey(capture + " " + format)) {
            org.assertj.core.api.Assertions.assertThat(out.get(0))
                    .as("%s %s now matches: take it off KNOWN", capture, format).isNotEqualTo(out.get(1));
            return;
        }
        org.assertj.core.api.Assertions.assertThat(out.get(0)).containsExactlyElementsOf(out.get(1));
    }

    /**
     * What tcpscope and tshark print for one case of {@link #layerCases}: {actual lines, golden
     * lines} of {@code read captures/CAPTURE} with the format's options (the list, -V, -2 -V,
     * -T json -x, -T ek, -T fields with the golden's header row as its -e list, -q -z expert).
     */
    public static List<List<String>> layerOutputs(Path dir, String capture, String format) throws IOException {
        List<String> args = new ArrayList<>(List.of("read", "captures/" + capture));
        String suffix = switch (format) {
            case "list" -> ".list.txt";
            case "V" -> {
                args.add("-V");
                yield ".V.txt.gz";
            }
            case "2V" -> {
                args.addAll(List.of("-2", "-V"));
                yield ".2.V.txt.gz";
            }
            case "jsonx" -> {
                args.addAll(List.of("-T", "json", "-x"));
                yield ".jsonx.json.gz";
            }
            case "ek" -> {
                args.addAll(List.of("-T", "ek"));
                yield ".ek.json.gz";
            }
            case "fields" -> {
                args.addAll(List.of("-T", "fields", "-E", "header=y"));
                String header = golden(dir, capture + ".fields.tsv").lines().findFirst().orElseThrow();
                for (String f : header.split("\t")) {
                    args.addAll(List.of("-e", f));
                }
                yield ".fields.tsv";
            }
            default -> {
                args.addAll(List.of("-q", "-z", "expert"));
                yield ".expert.txt";
            }
        };
        List<String> actual = dev.tcpscope.cli.CliRun.of(args.toArray(String[]::new)).out().lines().toList();
        return List.of(actual, golden(dir, capture + suffix).lines().toList());
    }
}

package dev.tcpscope.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code read ... -w FILE} over every curated capture and the cases of
 * {@code golden/save/cases.tsv}: what tcpscope saves, read back, has the frames, time stamps,
 * lengths, interfaces and bytes of what tshark 4.0.17 saves with the same options (digests from
 * {@code scripts/make-save-goldens.sh}), and where tshark saves nothing tcpscope leaves no file;
 * {@code known-gaps.tsv} names the few checks skipped and why.
 */
class SaveGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/save");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> savedCapturesReadBackAsTsharksCopies() throws IOException {
        java.util.Map<String, String> gaps = new java.util.HashMap<>();
        for (String g : Files.readAllLines(GOLDEN.resolve("known-gaps.tsv"))) {
            if (!g.startsWith("#") && !g.isBlank()) {
                String[] cols = g.split("\t");
                gaps.put(cols[0] + " " + cols[1], cols[2]);
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String c : Files.readAllLines(GOLDEN.resolve("cases.tsv"))) {
            if (c.isBlank()) {
                continue;
            }
            String[] cols = c.split("\t", -1);
            String id = cols[0];
            List<String> args = cols[1].isBlank() ? List.of() : Arrays.asList(cols[1].split(" "));
            for (String row : Files.readAllLines(GOLDEN.resolve(id + ".tsv"))) {
                if (row.startsWith("#")) {
                    continue;
                }
                String[] g = row.split("\t");
                String gap = gaps.getOrDefault(id + " " + g[0], "");
                tests.add(DynamicTest.dynamicTest(id + " " + g[0], () -> check(g, args, gap)));
            }
        }
        return tests.stream();
    }

    /**
     * {@code gap}: "" to check everything, "fields" to skip the fields digest, "bytes" the -x digest
     * (both: "fields bytes"), "file" for a run that must fail.
     */
    private void check(String[] golden, List<String> args, String gap) throws Exception {
        String capture = golden[0];
        Path saved = dir.resolve(capture + ".saved");
        List<String> command = new ArrayList<>(List.of("read", "captures/" + capture));
        command.addAll(args);
        command.addAll(List.of("-w", saved.toString()));
        CliRun r = CliRun.of(command.toArray(String[]::new));
        assertThat(r.out()).as("nothing printed without -P").isEmpty();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.filter(p -> p.getFileName().toString().endsWith(".part")).toList())
                    .as("no temporary file left").isEmpty();
        }
        if (gap.equals("file")) {
            assertThat(r.rc()).isEqualTo(2);
            assertThat(saved).as("no half-written file").doesNotExist();
            return;
        }
        if (golden[3].equals("-")) {
            assertThat(saved).as("tshark saves nothing (exit %s): %s", golden[1], r.err()).doesNotExist();
            return;
        }
        assertThat(saved).as(r.err()).exists();
        CliRun fields = CliRun.of("read", saved.toString(), "-T", "fields", "-e", "frame.time_epoch", "-e", "frame.len",
                "-e", "frame.cap_len", "-e", "frame.interface_id");
        assertThat(fields.out().lines().count()).as("frames").isEqualTo(Long.parseLong(golden[2]));
        if (!gap.contains("fields")) {
            assertThat(sha256(fields.out())).as("times, lengths, interfaces:\n%s", fields.out()).isEqualTo(golden[3]);
        }
        if (!gap.contains("bytes")) {
            assertThat(sha256(CliRun.of("read", saved.toString(), "-x").out())).as("bytes").isEqualTo(golden[4]);
        }
        Files.delete(saved);
    }


    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}

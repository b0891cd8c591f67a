package dev.tcpscope;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.tcpscope.cli.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packet-list columns as {@code -T fields} prints them ({@code -e _ws.col.Info} ...), and
 * chosen fields as {@code -T json -e} prints them (columns included), byte
 * for byte against the goldens of scripts/make-column-goldens.sh: the columns of shown frames
 * only, with the time column following the frames a filter hides, and nothing for a name that
 * is no column title.
 */
@ExtendWith(UtcTimeZone.class)
class ColumnFieldsGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/columns");
    private static final List<String> FIELDS = List.of("-T", "fields", "-E", "header=y", "-E", "quote=d",
            "-e", "frame.number", "-e", "_ws.col.No.", "-e", "_ws.col.Time", "-e", "_ws.col.Source",
            "-e", "_ws.col.Destination", "-e", "_ws.col.Protocol", "-e", "_ws.col.Length", "-e", "_ws.col.Info",
            "-e", "_ws.col.info");
    private static final List<String> JSON = List.of("-T", "json", "-e", "frame.number", "-e", "frame.time",
            "-e", "ip.addr", "-e", "tcp.seq", "-e", "tcp.flags.str", "-e", "http.host", "-e", "_ws.col.Info",
            "-e", "_ws.col.Time", "-e", "_ws.col.info");

    static Stream<String> goldens() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tsv") && !n.equals("sets.tsv") || n.endsWith(".json")).sorted().toList();
            assertThat(names).hasSizeGreaterThan(10);
            return names.stream();
        }
    }

    private static Map<String, List<String>> sets() throws IOException {
        Map<String, List<String>> sets = new HashMap<>();
        for (String row : Files.readAllLines(GOLDEN.resolve("sets.tsv"), StandardCharsets.UTF_8)) {
            if (!row.isBlank()) {
                String[] f = row.split("\t", -1);
                sets.put(f[0], f.length < 2 || f[1].isBlank() ? List.of() : Arrays.asList(f[1].split(" ")));
            }
        }
        return sets;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void columnsAsFieldsAreTsharks(String file) throws IOException {
        boolean json = file.endsWith(".json");
        String golden = file.substring(0, file.lastIndexOf('.'));
        int dot = golden.lastIndexOf('.');
        String capture = golden.substring(0, dot);
        List<String> options = sets().get(golden.substring(dot + 1));
        assertThat(options).as("options of %s", golden).isNotNull();
        List<String> args = new ArrayList<>(List.of("read", Path.of("captures", capture).toString()));
        args.addAll(options);
        args.addAll(json ? JSON : FIELDS);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            Main.run(out, err, args.toArray(String[]::new));
        }
        String expected = Files.readString(GOLDEN.resolve(file), StandardCharsets.UTF_8);
        assertThat(o.toString(StandardCharsets.UTF_8)).as("%s (stderr: %s)", golden, e.toString(StandardCharsets.UTF_8))
                .isEqualTo(expected);
    }
}

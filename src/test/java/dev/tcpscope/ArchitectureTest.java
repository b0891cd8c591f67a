package dev.tcpscope;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data flow is the architecture (STYLE.md): bytes enter at {@code capture} and text leaves at
 * {@code cli}, and a stage imports only the stages upstream of it. Checked on the sources' import
 * lines, so a new upstream-pointing import fails the build.
 */
class ArchitectureTest {
    /** The stages in data-flow order; each may import itself and the stages before it. */
    private static final List<String> ORDER = List.of(
            "frame", "capture", "wire", "tcp", "field", "proto", "filter", "present", "report", "stats", "lab", "cli", "web");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.tcpscope\\.([a-z]+)[.;]", Pattern.MULTILINE);

    @Test
    void importsPointUpstreamOnly() throws IOException {
        Path root = Path.of("src/main/java/dev/tcpscope");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String stage = root.relativize(f).getName(0).toString();
                int own = ORDER.indexOf(stage);
                assertThat(own).as("stage of %s is in the data-flow order", f).isNotNegative();
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    int target = ORDER.indexOf(m.group(1));
                    if (target > own) {
                        violations.add(f + " imports downstream stage " + m.group(1));
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}

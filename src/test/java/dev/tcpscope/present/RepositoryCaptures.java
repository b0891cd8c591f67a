package dev.tcpscope.present;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every capture of the repository and the test resources (real ones, fuzz corpora, protocol excerpts), in name order. */
final class RepositoryCaptures {
    private RepositoryCaptures() { }

    static List<Path> all() throws IOException {
        List<Path> captures = new ArrayList<>();
        for (String dir : List.of("captures", "src/test/resources")) {
            try (Stream<Path> s = Files.walk(Path.of(dir))) {
                s.filter(p -> p.getFileName().toString().matches(".*\\.(pcap|pcapng|cap)(\\.gz)?$")).sorted()
                        .forEach(captures::add);
            }
        }
        return captures;
    }
}
